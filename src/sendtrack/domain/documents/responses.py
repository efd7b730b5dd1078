"""An online form's responses, exported one after another (Microsoft Forms, a council's
own form tool): one response per action, each the same numbered questions with the
answer below ("3. Action (please copy the wording from the plan)" / "Roll out …").

The questions that recur are the columns of a table and each response a row of it, so the
table rules read the plan as they read a tracker: the questions name their fields ("Lead
officer (name and role)", "Target completion date") as column headings do.
"""

from __future__ import annotations

import re

from .columns import column_role
from .rows import is_page_footer

__all__ = ["form_responses"]

_QUESTION_RE = re.compile(r"^\s*(?P<number>\d{1,2})[.)]\s+(?P<question>\S.{2,150}?)\s*$")
_RESPONSE_RE = re.compile(r"(?i)^\s*(?:response|submission|entry)\s+\d+(?:\s+of\s+\d+)?\b")
_URL_RE = re.compile(r"^\s*https?://\S+")
_RESPONSES = 3
"""How many times the questions must recur to be a form's, not a numbered list's."""
_NAMES = {"section": "Workstream"}
"""A column's name where the question's words name none ("Which workstream …?")."""
_FIELDS = {"action", "ref", "owner", "due", "status", "rag", "measures", "section", "partners"}


def form_responses(text: str) -> str:
    """The responses as a table (tab-separated, one row each, under the questions), the
    text before the first response as it is; text that holds no such responses as it is."""
    lines = text.split("\n")
    questions = _recurring_questions(lines)
    if not questions:
        return text
    roles = {q: _role(q) for q in questions}
    columns = [q for q in questions if roles[q] in _FIELDS]
    named = [q if column_role(q.rstrip("?")) else _NAMES[str(roles[q])] for q in columns]
    if "action" not in {roles[q] for q in columns}:
        return text
    first = next(i for i, line in enumerate(lines) if _asked(line) in questions)
    head = lines[:first]
    while head and _RESPONSE_RE.match(head[-1]) or (head and head[-1].startswith("ID:")):
        head.pop()  # the first response's own heading
    rows = [_row(response, columns, roles) for response in _responses(lines[first:], questions)]
    table = ["\t".join(named), *("\t".join(row) for row in rows if any(row))]
    return "\n".join([*head, "", *table, ""])


def _asked(line: str) -> str | None:
    question = _QUESTION_RE.match(line)
    return question["question"] if question else None


def _recurring_questions(lines: list[str]) -> list[str]:
    """The numbered questions asked again and again, in their order."""
    seen: dict[str, int] = {}
    for line in lines:
        asked = _asked(line)
        if asked is not None:
            seen[asked] = seen.get(asked, 0) + 1
    recurring = [q for q, count in seen.items() if count >= _RESPONSES]
    return recurring if len(recurring) >= 3 else []


def _role(question: str) -> str | None:
    """The field a question asks for: as its words name a column, else as one of its words
    does ("Which workstream does this action sit under?": the section)."""
    role = column_role(question.rstrip("?"))
    if role is not None:
        return role
    words = (column_role(word) for word in re.findall(r"[A-Za-z]{4,}", question))
    return next((r for r in words if r == "section"), None)


def _responses(lines: list[str], questions: list[str]) -> list[dict[str, list[str]]]:
    """Each response's answers, by question; the form's page furniture left out."""
    out: list[dict[str, list[str]]] = []
    asked: str | None = None
    for line in lines:
        question = _asked(line)
        if question in questions:
            if question == questions[0] or not out or question in out[-1]:
                out.append({})
            asked = question
            out[-1][asked] = []
        elif _RESPONSE_RE.match(line) or line.startswith("ID:"):
            asked = None
        elif asked is not None and line.strip() and not _furniture(line):
            out[-1][asked].append(line.strip())
    return out


def _furniture(line: str) -> bool:
    return bool(_URL_RE.match(line)) or is_page_footer(line.strip())


def _row(
    response: dict[str, list[str]], columns: list[str], roles: dict[str, str | None]
) -> list[str]:
    """A response's answers as cells: a list of measures a paragraph each, any other answer
    its wrapped lines joined."""
    cells = []
    for question in columns:
        answer = [a for a in response.get(question, []) if not _PLACEHOLDER_RE.match(a)]
        if roles[question] == "measures":
            cells.append("<br>".join(_LIST_NUMBER_RE.sub("", a) for a in answer))
        else:
            cells.append(" ".join(answer))
    return cells


_PLACEHOLDER_RE = re.compile(r"(?i)^\s*(?:x|n/?a|[-\u2013.]+)\s*$")
"""An answer typed only because the form required one ("x", "n/a", "-")."""
_LIST_NUMBER_RE = re.compile(r"^\s*\d{1,2}[.)]\s+")
