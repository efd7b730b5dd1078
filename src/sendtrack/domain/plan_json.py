"""Plan JSON: checking that a document is in sendtrack's interchange format for a plan.

The format is described in ``plan-json.md``: one JSON object per plan document, with its
sections, actions, milestones, risks, impact indicators, owner glossary and the problems the
importer found. :func:`validate_plan_json` returns every problem it finds, each naming the
field and its place (``actions[12].due: "2023-02-30" is not a date (YYYY-MM-DD)``), so the
person loading the file can fix them all in one go. It never stops at the first problem.

Key order is part of the format: the ``*_KEYS`` tuples below give the order in which
``export-plan`` writes each object. Actions may carry extra keys (``note``, ``truncated``,
``status_history``, ``narrative`` or any other); other objects may not, because there is
nowhere to keep them and loading then exporting must give back the same document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

__all__ = [
    "ACTION_KEYS",
    "ACTION_OPTIONAL_KEYS",
    "INDICATOR_KEYS",
    "INDICATOR_KINDS",
    "MAX_LENGTHS",
    "MILESTONE_KEYS",
    "PLAN_KEYS",
    "PLAN_KINDS",
    "PROBLEM_KEYS",
    "RAGS",
    "RISK_KEYS",
    "SECTION_KEYS",
    "SECTION_KINDS",
    "STATUSES",
    "PlanJSONError",
    "PlanJSONProblem",
    "parse_iso_date",
    "validate_plan_json",
]

PLAN_KINDS: Final = (
    "written_statement_of_action",
    "priority_action_plan",
    "improvement_plan",
    "peer_review_plan",
    "service_plan",
    "monitoring_report",
    "board_summary",
    "other",
)
SECTION_KINDS: Final = (
    "workstream",
    "priority",
    "area",
    "recommendation",
    "objective",
    "focus_area",
    "key_concern",
    "heading",
)
STATUSES: Final = (
    "not_started",
    "in_progress",
    "on_track",
    "delayed",
    "complete",
    "embedded",
    "closed",
)
RAGS: Final = ("red", "amber", "green", "blue")
INDICATOR_KINDS: Final = ("how_much", "how_well", "better_off")

PLAN_KEYS: Final = (
    "plan_title",
    "organisation",
    "kind",
    "as_at_raw",
    "as_at",
    "sections",
    "actions",
    "milestones",
    "risks",
    "indicators",
    "owner_glossary",
    "problems",
)
SECTION_KEYS: Final = ("ref", "title", "kind", "parent_ref")
ACTION_KEYS: Final = (
    "ref",
    "section",
    "text",
    "owner",
    "partners",
    "start_raw",
    "due_raw",
    "due",
    "status_raw",
    "status",
    "rag",
    "measures",
    "finding",
)

ACTION_OPTIONAL_KEYS: Final = ("note", "truncated", "status_history", "narrative")
MILESTONE_KEYS: Final = ("section", "text", "due_raw", "due")
RISK_KEYS: Final = ("title", "detail", "rag", "impact", "mitigation", "owner")
INDICATOR_KEYS: Final = ("section", "text", "kind")
PROBLEM_KEYS: Final = ("where", "rule", "message")
STATUS_HISTORY_KEYS: Final = ("column", "value")


def empty_action(**values: Any) -> dict[str, Any]:
    """A Plan JSON action with every key, empty (lists empty, the rest null), then ``values``:
    one shape for an action the reader starts, one the preview adds, one a test writes."""
    action: dict[str, Any] = {
        key: [] if key in ("partners", "measures") else None for key in ACTION_KEYS
    }
    action["text"] = ""
    action.update(values)
    return action


MAX_LENGTHS: Final[Mapping[str, int]] = {
    # The longest text each field may hold; they mirror the database columns (plans.models),
    # so a long value is reported here rather than refused by the database half-way through.
    "plan_title": 300,
    "organisation": 300,
    "as_at_raw": 100,
    "sections.ref": 100,
    "sections.title": 500,
    "actions.ref": 100,
    "actions.section": 1000,
    "actions.owner": 500,
    "actions.start_raw": 200,
    "actions.due_raw": 300,
    "actions.status_raw": 1000,
    "milestones.section": 1000,
    "milestones.due_raw": 300,
    "indicators.section": 1000,
    "risks.title": 500,
    "risks.owner": 500,
    "owner_glossary": 200,
}

_ItemCheck = Callable[[list[object], str], None]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class PlanJSONProblem:
    """One thing wrong with a Plan JSON document: where it is, and what is wrong with it."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class PlanJSONError(ValueError):
    """A document is not valid Plan JSON; ``problems`` lists everything wrong with it."""

    SHOWN: Final = 20

    def __init__(self, problems: Sequence[PlanJSONProblem]) -> None:
        self.problems = list(problems)
        super().__init__(self._describe())

    def _describe(self) -> str:
        count = len(self.problems)
        lines = [f"Not valid Plan JSON ({count} problem{'' if count == 1 else 's'}):"]
        lines += [f"  {problem}" for problem in self.problems[: self.SHOWN]]
        if count > self.SHOWN:
            lines.append(f"  … and {count - self.SHOWN} more")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self._describe()


def parse_iso_date(value: str) -> date | None:
    """The date written as ``YYYY-MM-DD``, or None when it is not one (``2023-02-30``)."""
    if not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def validate_plan_json(data: object) -> list[PlanJSONProblem]:
    """Every problem with ``data`` as Plan JSON, in document order; empty when it is valid."""
    checker = _Checker()
    checker.plan(data)
    return checker.problems


def _show(value: object) -> str:
    """A value as it appears in the JSON, shortened: ``"chapter"``, ``null``, ``12``."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _one_of(choices: Sequence[str]) -> str:
    return ", ".join(choices) + " or null"


class _Checker:
    def __init__(self) -> None:
        self.problems: list[PlanJSONProblem] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(PlanJSONProblem(where, message))

    # --- the document ---------------------------------------------------------------------

    def plan(self, data: object) -> None:
        if not isinstance(data, dict):
            self.add("", f"a plan must be a JSON object, not {_type_name(data)}")
            return
        self.keys(data, "", PLAN_KEYS, "the plan", extra_allowed=False)
        self.text(data, "", "plan_title", required=True, limit="plan_title")
        self.text(data, "", "organisation", limit="organisation", empty_allowed=False)
        self.choice(data, "", "kind", PLAN_KINDS)
        self.text(data, "", "as_at_raw", limit="as_at_raw", empty_allowed=False)
        self.iso_date(data, "", "as_at")
        self.items(data, "sections", self.section_list)
        self.items(data, "actions", self.action)
        self.items(data, "milestones", self.milestone)
        self.items(data, "risks", self.risk)
        self.items(data, "indicators", self.indicator)
        self.glossary(data)
        self.items(data, "problems", self.problem)

    def items(self, data: dict[str, object], key: str, check: _ItemCheck) -> None:
        value = data.get(key)
        if key not in data:
            return
        if not isinstance(value, list):
            self.add(key, f"must be a list, not {_type_name(value)}")
            return
        check(value, key)

    # --- each list ------------------------------------------------------------------------

    def section_list(self, sections: list[object], key: str) -> None:
        earlier_refs: set[str] = set()
        for index, item in enumerate(sections):
            where = f"{key}[{index}]"
            section = self.obj(item, where, SECTION_KEYS, "a section", extra_allowed=False)
            if section is None:
                continue
            self.text(section, where, "ref", limit="sections.ref")
            self.text(section, where, "title", required=True, limit="sections.title")
            self.choice(section, where, "kind", SECTION_KINDS)
            if self.text(section, where, "parent_ref"):
                parent_ref = section["parent_ref"]
                if isinstance(parent_ref, str) and parent_ref not in earlier_refs:
                    self.add(
                        f"{where}.parent_ref",
                        f"{_show(parent_ref)} is not the ref of an earlier section",
                    )
            ref = section.get("ref")
            if isinstance(ref, str):
                earlier_refs.add(ref)

    def action(self, actions: list[object], key: str) -> None:
        for index, item in enumerate(actions):
            where = f"{key}[{index}]"
            action = self.obj(item, where, ACTION_KEYS, "an action", extra_allowed=True)
            if action is None:
                continue
            self.text(action, where, "ref", limit="actions.ref")
            self.text(action, where, "section", limit="actions.section")
            self.text(action, where, "text", required=True)
            self.text(action, where, "owner", limit="actions.owner")
            self.strings(action, where, "partners")
            self.text(action, where, "start_raw", limit="actions.start_raw")
            self.text(action, where, "due_raw", limit="actions.due_raw")
            self.iso_date(action, where, "due")
            self.text(action, where, "status_raw", limit="actions.status_raw")
            self.choice(action, where, "status", STATUSES)
            self.choice(action, where, "rag", RAGS)
            self.strings(action, where, "measures")
            self.text(action, where, "finding")
            if "note" in action:
                self.text(action, where, "note")
            if "narrative" in action:
                self.text(action, where, "narrative")
            if "truncated" in action and not isinstance(action["truncated"], bool):
                self.add(
                    f"{where}.truncated",
                    f"must be true or false, not {_type_name(action['truncated'])}",
                )
            if "status_history" in action:
                self.status_history(action["status_history"], f"{where}.status_history")

    def status_history(self, value: object, where: str) -> None:
        if not isinstance(value, list):
            self.add(where, f"must be a list, not {_type_name(value)}")
            return
        for index, item in enumerate(value):
            entry = self.obj(
                item, f"{where}[{index}]", STATUS_HISTORY_KEYS, "a status", extra_allowed=True
            )
            if entry is not None:
                self.text(entry, f"{where}[{index}]", "column")
                self.text(entry, f"{where}[{index}]", "value")

    def milestone(self, milestones: list[object], key: str) -> None:
        for index, item in enumerate(milestones):
            where = f"{key}[{index}]"
            milestone = self.obj(item, where, MILESTONE_KEYS, "a milestone", extra_allowed=False)
            if milestone is None:
                continue
            self.text(milestone, where, "section", limit="milestones.section")
            self.text(milestone, where, "text", required=True)
            self.text(milestone, where, "due_raw", limit="milestones.due_raw")
            self.iso_date(milestone, where, "due")

    def risk(self, risks: list[object], key: str) -> None:
        for index, item in enumerate(risks):
            where = f"{key}[{index}]"
            risk = self.obj(item, where, RISK_KEYS, "a risk", extra_allowed=False)
            if risk is None:
                continue
            self.text(risk, where, "title", required=True, limit="risks.title")
            self.text(risk, where, "detail")
            self.choice(risk, where, "rag", RAGS)
            self.text(risk, where, "impact")
            self.text(risk, where, "mitigation")
            self.text(risk, where, "owner", limit="risks.owner")

    def indicator(self, indicators: list[object], key: str) -> None:
        for index, item in enumerate(indicators):
            where = f"{key}[{index}]"
            indicator = self.obj(
                item, where, INDICATOR_KEYS, "an impact indicator", extra_allowed=False
            )
            if indicator is None:
                continue
            self.text(indicator, where, "section", limit="indicators.section")
            self.text(indicator, where, "text", required=True)
            self.choice(indicator, where, "kind", INDICATOR_KINDS)

    def problem(self, problems: list[object], key: str) -> None:
        for index, item in enumerate(problems):
            where = f"{key}[{index}]"
            problem = self.obj(item, where, PROBLEM_KEYS, "a problem", extra_allowed=True)
            if problem is None:
                continue
            self.text(problem, where, "where")
            self.text(problem, where, "rule")
            self.text(problem, where, "message")

    def glossary(self, data: dict[str, object]) -> None:
        if "owner_glossary" not in data:
            return
        glossary = data["owner_glossary"]
        if not isinstance(glossary, dict):
            self.add("owner_glossary", f"must be an object, not {_type_name(glossary)}")
            return
        for abbreviation, name in glossary.items():
            if not isinstance(name, str) or not name.strip():
                self.add(
                    f"owner_glossary[{_show(abbreviation)}]",
                    f"must be a full name (a string), not {_show(name)}",
                )
            elif len(name) > MAX_LENGTHS["owner_glossary"]:
                self.add(
                    f"owner_glossary[{_show(abbreviation)}]",
                    f"is {len(name)} characters long; "
                    f"the most it may be is {MAX_LENGTHS['owner_glossary']}",
                )

    # --- each field -----------------------------------------------------------------------

    def obj(
        self,
        item: object,
        where: str,
        keys: Sequence[str],
        what: str,
        *,
        extra_allowed: bool,
    ) -> dict[str, object] | None:
        if not isinstance(item, dict):
            self.add(where, f"{what} must be a JSON object, not {_type_name(item)}")
            return None
        self.keys(item, where, keys, what, extra_allowed=extra_allowed)
        return item

    def keys(
        self,
        item: dict[str, object],
        where: str,
        keys: Sequence[str],
        what: str,
        *,
        extra_allowed: bool,
    ) -> None:
        for key in keys:
            if key not in item:
                self.add(_join(where, key), "is missing")
        if not extra_allowed:
            for key in item:
                if key not in keys:
                    self.add(_join(where, key), f"is not a key of {what} in Plan JSON")

    def text(
        self,
        item: dict[str, object],
        where: str,
        key: str,
        *,
        required: bool = False,
        limit: str | None = None,
        empty_allowed: bool = True,
    ) -> bool:
        """Check a string field (null allowed unless required); True when it is a string."""
        if key not in item:
            return False
        value = item[key]
        place = _join(where, key)
        if value is None:
            if required:
                self.add(place, "must be text, not null")
            return False
        if not isinstance(value, str):
            expected = "text" if required else "text or null"
            self.add(place, f"must be {expected}, not {_type_name(value)} ({_show(value)})")
            return False
        if required and not value.strip():
            self.add(place, "must not be empty")
        elif not empty_allowed and not value:
            self.add(place, 'must not be empty (write null when there is none, not "")')
        if limit is not None and len(value) > MAX_LENGTHS[limit]:
            self.add(
                place,
                f"is {len(value)} characters long; the most it may be is {MAX_LENGTHS[limit]}",
            )
        return True

    def choice(self, item: dict[str, object], where: str, key: str, choices: Sequence[str]) -> None:
        if key not in item or item[key] is None:
            return
        value = item[key]
        if value not in choices:
            self.add(_join(where, key), f"{_show(value)} is not one of {_one_of(choices)}")

    def iso_date(self, item: dict[str, object], where: str, key: str) -> None:
        if key not in item or item[key] is None:
            return
        value = item[key]
        if not isinstance(value, str) or parse_iso_date(value) is None:
            self.add(_join(where, key), f"{_show(value)} is not a date (YYYY-MM-DD)")

    def strings(self, item: dict[str, object], where: str, key: str) -> None:
        if key not in item:
            return
        value = item[key]
        place = _join(where, key)
        if not isinstance(value, list):
            self.add(place, f"must be a list of strings, not {_type_name(value)}")
            return
        for index, entry in enumerate(value):
            if not isinstance(entry, str):
                self.add(f"{place}[{index}]", f"must be a string, not {_type_name(entry)}")


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key
