"""The gold Plan JSON of a synthetic document, written as the document is rendered.

A layout calls :meth:`Gold.section` and :meth:`Gold.action` with exactly what it printed, so
the gold follows ``plan-json.md`` by construction: sections as the printed title path, the
owner as printed, the due date the layout chose, and a RAG colour only where one is printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from training.synthetic.content import Due, PlanSpec, Status


def collapse(text: str) -> str:
    """Whitespace collapsed, as Plan JSON holds text."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Section:
    """A printed section: its ref and the title path actions under it carry."""

    ref: str | None
    path: str


class Gold:
    def __init__(self, plan: PlanSpec, *, title: str | None = None, kind: str | None = None):
        self.plan: dict[str, Any] = {
            "plan_title": collapse(title or plan.title),
            "organisation": plan.organisation,
            "kind": kind or plan.kind,
            "as_at_raw": plan.as_at_raw,
            "as_at": plan.as_at.isoformat(),
            "sections": [],
            "actions": [],
            "milestones": [],
            "risks": [],
            "indicators": [],
            "owner_glossary": {},
            "problems": [],
        }

    @property
    def actions(self) -> list[dict[str, Any]]:
        return self.plan["actions"]  # type: ignore[no-any-return]

    def section(
        self, title: str, *, ref: str | None, kind: str = "heading", parent: Section | None = None
    ) -> Section:
        title = collapse(title)
        self.plan["sections"].append(
            {"ref": ref, "title": title, "kind": kind, "parent_ref": parent.ref if parent else None}
        )
        return Section(ref, f"{parent.path} / {title}" if parent else title)

    def action(
        self,
        text: str,
        *,
        section: Section | None,
        ref: str | None = None,
        owner: str | None = None,
        partners: list[str] | None = None,
        start: Due | None = None,
        due: Due | None = None,
        status: Status | None = None,
        rag: str | None = None,
        measures: list[str] | None = None,
        finding: str | None = None,
        **extra: Any,
    ) -> None:
        self.actions.append(
            {
                "ref": ref,
                "section": section.path if section else None,
                "text": collapse(text),
                "owner": collapse(owner) if owner else None,
                "partners": [collapse(p) for p in partners or []],
                "start_raw": start.raw if start else None,
                "due_raw": due.raw if due else None,
                "due": due.iso if due else None,
                "status_raw": status.raw if status else None,
                "status": status.status if status else None,
                "rag": rag,
                "measures": [collapse(m) for m in measures or []],
                "finding": collapse(finding) if finding else None,
                **extra,
            }
        )

    def risk(
        self,
        title: str,
        *,
        detail: str | None,
        rag: str | None,
        mitigation: str | None,
        owner: str | None,
        impact: str | None = None,
    ) -> None:
        self.plan["risks"].append(
            {
                "title": title,
                "detail": detail,
                "rag": rag,
                "impact": impact,
                "mitigation": mitigation,
                "owner": owner,
            }
        )

    def indicator(self, text: str, *, section: Section | None, kind: str | None = None) -> None:
        self.plan["indicators"].append(
            {"section": section.path if section else None, "text": collapse(text), "kind": kind}
        )

    def milestone(self, text: str, *, section: Section | None, due: Due | None) -> None:
        self.plan["milestones"].append(
            {
                "section": section.path if section else None,
                "text": collapse(text),
                "due_raw": due.raw if due else None,
                "due": due.iso if due else None,
            }
        )
