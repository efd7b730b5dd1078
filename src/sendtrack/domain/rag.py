"""BRAG ratings (Blue, Red, Amber, Green) for improvement plan actions, and their roll-up.

The rules, in the order they are tried (the first that applies wins):

1. Override: someone has set the rating by hand and given a reason.
2. Blue: the action's status is complete, embedded or closed, and, where the partnership
   asks for sign-off, a programme manager has signed it off. Until then it is rated by the
   rules below as if it were not complete, and its reason says it awaits sign-off.
3. Red: the due date has passed (due date before today).
4. Amber: any of
   - due within ``due_soon_days`` (0 to 28 days by default, today included) and not marked
     "on track";
   - marked "delayed";
   - no progress update for more than ``stale_after_days`` (42 days, six weeks, by default).
5. Green: none of the above.

Days are whole calendar days. An action due today is not past due. A section's rating is
rolled up from its actions by :func:`rag_for_section`. ``docs/rag.md`` explains all of this
for programme managers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from sendtrack.domain.dates import format_date

__all__ = [
    "DONE_STATUSES",
    "RAG_LABELS",
    "ActionFacts",
    "OverrideWithoutReason",
    "Rag",
    "RagResult",
    "RagSettings",
    "Status",
    "brag_counts",
    "brag_for_action",
    "rag_for_action",
    "rag_for_section",
]


class Rag(StrEnum):
    BLUE = "blue"
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class Status(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    ON_TRACK = "on_track"
    DELAYED = "delayed"
    COMPLETE = "complete"
    EMBEDDED = "embedded"
    CLOSED = "closed"


DONE_STATUSES: frozenset[Status] = frozenset({Status.COMPLETE, Status.EMBEDDED, Status.CLOSED})
"""Statuses that mean the work is finished: an action with one of these is blue."""

RAG_LABELS: dict[Rag, str] = {
    Rag.RED: "Red",
    Rag.AMBER: "Amber",
    Rag.GREEN: "Green",
    Rag.BLUE: "Blue (complete)",
}
"""What each rating is called on screen. Always show the words, never colour alone."""

_STATUS_WORDS: dict[Status, str] = {
    Status.NOT_STARTED: "not started",
    Status.IN_PROGRESS: "in progress",
    Status.ON_TRACK: "on track",
    Status.DELAYED: "delayed",
    Status.COMPLETE: "complete",
    Status.EMBEDDED: "embedded",
    Status.CLOSED: "closed",
}

# Worst first: the order used by brag_counts and by the section roll-up.
_SEVERITY: tuple[Rag, ...] = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE)


class OverrideWithoutReason(ValueError):
    """A RAG rating was set by hand without saying why."""


@dataclass(frozen=True)
class RagSettings:
    """The two numbers a partnership can change. Both are whole calendar days."""

    due_soon_days: int = 28
    """An action due within this many days (today included) is amber unless on track."""
    stale_after_days: int = 42
    """An action with no progress update for more than this many days is amber."""

    def __post_init__(self) -> None:
        for name in ("due_soon_days", "stale_after_days"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a whole number of days, 0 or more: {value!r}")


class ActionFacts(NamedTuple):
    """What the rules need to know about one action (a named tuple: a dashboard makes one for
    each of thousands of actions, and a tuple is made in a third of a frozen dataclass's time)."""

    status: Status | None
    due: date | None
    """None means no date, or "ongoing"."""
    last_activity: date | None
    """The latest progress update, or when the action was created if never updated.

    None means unknown, and the action is not treated as out of date."""
    override: Rag | None = None
    override_reason: str = ""
    awaiting_sign_off: bool = False
    """Marked complete where the partnership needs a programme manager's sign-off, and not
    yet signed off: not complete for these rules."""
    never_updated: bool = False
    """No progress update has been written yet: the reason says so rather than counting the
    days since the action was created as "updated"."""


@dataclass(frozen=True)
class RagResult:
    rag: Rag
    reason: str
    """A short plain-English sentence shown to users."""
    overridden: bool


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def brag_for_action(action: ActionFacts, today: date, settings: RagSettings = RagSettings()) -> Rag:
    """The BRAG rating of one action on ``today``, without wording its reason.

    The one place the rules decide: :func:`rag_for_action` explains what this decides, and
    counts and roll-ups over thousands of actions call it alone, as wording every reason
    costs more than deciding. Raises OverrideWithoutReason as rag_for_action does.
    """
    if action.override:  # None or "" (a blank form field) means no override
        if not action.override_reason.strip():
            raise OverrideWithoutReason(
                "A RAG rating set by hand needs a reason; the reason is blank."
            )
        return Rag(action.override)
    status = Status(action.status) if action.status else None
    if status in DONE_STATUSES and not action.awaiting_sign_off:
        return Rag.BLUE
    due = action.due
    if due is not None and due < today:
        return Rag.RED
    if (
        (_due_soon(due, today, settings) and status is not Status.ON_TRACK)
        or status is Status.DELAYED
        or _stale(action.last_activity, today, settings)
    ):
        return Rag.AMBER
    return Rag.GREEN


def _due_soon(due: date | None, today: date, settings: RagSettings) -> bool:
    return due is not None and 0 <= (due - today).days <= settings.due_soon_days


def _stale(last_activity: date | None, today: date, settings: RagSettings) -> bool:
    return last_activity is not None and (today - last_activity).days > settings.stale_after_days


def rag_for_action(
    action: ActionFacts, today: date, settings: RagSettings = RagSettings()
) -> RagResult:
    """The BRAG rating of one action on ``today``, with the reason for it.

    Raises OverrideWithoutReason if a rating was set by hand with a blank reason.
    """
    rag = brag_for_action(action, today, settings)
    if action.override:
        reason = action.override_reason.strip()
        return RagResult(rag, f"Set by hand to {RAG_LABELS[rag]}: {reason}", overridden=True)
    status = Status(action.status) if action.status else None
    if rag is Rag.BLUE:
        assert status is not None
        return RagResult(rag, f"Marked as {_STATUS_WORDS[status]}", overridden=False)
    reason = _not_done_reason(action, status, rag, today, settings)
    if status in DONE_STATUSES:  # awaiting sign-off
        assert status is not None
        reason = f"Marked as {_STATUS_WORDS[status]}, awaiting sign-off; " + _lower(reason)
    return RagResult(rag, reason, overridden=False)


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _not_done_reason(
    action: ActionFacts, status: Status | None, rag: Rag, today: date, settings: RagSettings
) -> str:
    """Why work not (yet) counted as complete is red, amber or green."""
    due = action.due
    if rag is Rag.RED:
        assert due is not None
        return f"Past its due date of {format_date(due)} and not complete"
    due_soon = _due_soon(due, today, settings)
    if rag is Rag.AMBER:
        amber_reasons: list[str] = []
        if due_soon and status is not Status.ON_TRACK:
            assert due is not None
            days_to_due = (due - today).days
            when = "today" if days_to_due == 0 else f"in {_days(days_to_due)}"
            amber_reasons.append(f"due {when} ({format_date(due)}) and not marked as on track")
        if status is Status.DELAYED:
            amber_reasons.append("marked as delayed")
        if _stale(action.last_activity, today, settings):
            assert action.last_activity is not None
            days_quiet = (today - action.last_activity).days
            amber_reasons.append(
                f"no progress update for {_days(days_quiet)}"
                f" (since {format_date(action.last_activity)})"
            )
        return _sentence(amber_reasons)
    if due is None:
        green = "no due date"
    elif due_soon:
        green = f"due on {format_date(due)} and marked as on track"
    else:
        green = f"due on {format_date(due)}, more than {_days(settings.due_soon_days)} away"
    green += ", not delayed"
    if action.never_updated:
        return _sentence([green]) + ". No updates yet"
    if action.last_activity is not None:
        green += f", and updated in the last {_days(settings.stale_after_days)}"
    return _sentence([green])


def _sentence(clauses: list[str]) -> str:
    text = "; ".join(clauses)
    return text[:1].upper() + text[1:]


def rag_for_section(rags: Iterable[Rag]) -> Rag | None:
    """Roll a section's action ratings up into one.

    No actions: None. Every action blue: blue. Otherwise blue actions are left out and the
    worst of the rest is taken: red if any is red, else amber if any is amber, else green.
    """
    present = {Rag(rag) for rag in rags}
    if not present:
        return None
    for rag in _SEVERITY:
        if rag in present:
            return rag
    raise AssertionError("unreachable: every Rag is in _SEVERITY")  # pragma: no cover


def brag_counts(rags: Iterable[Rag]) -> dict[Rag, int]:
    """How many of each rating, with all four keys in the order red, amber, green, blue."""
    counts = dict.fromkeys(_SEVERITY, 0)
    for rag in rags:
        counts[Rag(rag)] += 1
    return counts
