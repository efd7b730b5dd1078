"""Plan lint: what a programme manager should put right in a plan before it is tracked.

Each rule is a plain function of one action and the plan's :class:`LintContext`, returning a
message when the action breaks the rule and ``None`` when it does not; the rule's name is
the function's name, which is also the ``rule`` of the problem reported. :func:`lint_plan`
runs every rule over a Plan JSON document and returns problems in the Plan JSON
``problems`` form, ``{where, rule, message}``, in document order.

The rules:

``no_owner``
    The action names nobody to lead it.
``no_date``
    The action has no date and is not complete.
``impossible_date``
    The date names a day that does not exist ("31/09/2023") or cannot be read as a date.
``vague_date``
    The date gives nothing to check progress against: "Ongoing", "TBD", "2024", "2023/24".
    A term, a half term, a quarter, a month or a day is precise enough.
``no_measure``
    Neither the action nor its section says how success will be measured.
``unresolved_initials``
    The owner is given as initials ("PeRi") or capitals ("GB") that neither the plan's owner
    glossary nor the partnership's people explain.
``past_due``
    The date is before the plan's as-at date and the action is not marked complete.
``duplicate_action``
    The same action text appears twice in the plan.

``where`` is ``action REF`` ("action 2.2 B.3"), or ``action #N`` (its place in the plan,
from 1) when the document prints no ref. Problems the importer recorded in the document's
own ``problems`` list are kept after the linter's, unless the linter found the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sendtrack.domain.dates import Precision, format_date, read_date

__all__ = [
    "ACTION_RULES",
    "COMMON_ABBREVIATIONS",
    "DONE_STATUSES",
    "VAGUE_PRECISIONS",
    "LintContext",
    "Problem",
    "action_where",
    "context_for_plan",
    "duplicate_actions",
    "impossible_date",
    "initials_in",
    "lint_plan",
    "no_date",
    "no_measure",
    "no_owner",
    "past_due",
    "read_action_date",
    "unresolved_initials",
    "vague_date",
]

Problem = dict[str, str]
"""``{"where": …, "rule": …, "message": …}``, as in Plan JSON's ``problems``."""

DONE_STATUSES = frozenset({"complete", "closed", "embedded"})
"""Statuses of actions that need no date and cannot be overdue."""

VAGUE_PRECISIONS = frozenset(
    {
        Precision.YEAR,
        Precision.ACADEMIC_YEAR,
        Precision.FINANCIAL_YEAR,
        Precision.RECURRING,
        Precision.ONGOING,
        Precision.NONE,
    }
)
"""Date readings too coarse to check progress against."""

COMMON_ABBREVIATIONS = frozenset(
    {
        "AD", "ADCS", "AP", "ADHD", "ASC", "ASD", "CAMHS", "CCG", "CEO", "CIC", "CME", "CQC", "CSC",
        "CWD", "CYP", "DCO", "DCS", "DfE", "DMO", "EH", "EHC", "EHCNA", "EHCP", "EP", "EPS",
        "EY", "EYFS", "FE", "GP", "HE", "HR", "ICB", "ICS", "ICT", "IT", "LA", "LAC", "LO",
        "MH", "NHS", "OT", "PCF", "PfA", "QA", "SALT", "SEMH", "SEN", "SENCO", "SENCo",
        "SEND", "SLT", "SaLT", "TBC", "TBD", "UK", "VCS", "VCSE", "YOT", "YP",
    }
)  # fmt: skip
"""Organisations, services and roles that councils write in capitals: not people's initials.

A partnership that uses one of these for a person adds it to its owner glossary or people."""

_TOKEN_RE = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


@dataclass(frozen=True)
class LintContext:
    """What the rules need to know about the plan as a whole."""

    as_at: date | None = None
    """The date the plan speaks from: dates before it are past."""
    as_at_is_today: bool = False
    """The plan is checked as it stands today (a stored plan), not as its document spoke."""
    known_names: frozenset[str] = frozenset()
    """Owner glossary abbreviations and full names, and the partnership's people (initials,
    names, aliases), folded to lower case, one word each."""
    sections_with_measures: frozenset[str] = frozenset()
    """Section paths that have impact indicators of their own."""
    readings: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def reading(self, raw: str) -> Any:
        """``read_date(raw, as_at)``, once per distinct text."""
        if raw not in self.readings:
            self.readings[raw] = read_date(raw, self.as_at)
        return self.readings[raw]

    def action_reading(self, action: Mapping[str, Any]) -> Any:
        """The reading of the action's ``due_raw``, as :func:`read_action_date` reads it."""
        raw = _text(action.get("due_raw"))
        reading = self.reading(raw)
        if reading.problem is None:
            return reading
        return read_action_date(raw, _iso_date(action.get("due")), self.as_at, reading)


def read_action_date(raw: str, due: date | None, as_at: date | None, reading: Any = None) -> Any:
    """``read_date(raw, as_at)``, unless that fails for want of a year that the importer
    found elsewhere in the document (a year printed in the date column's name, "When
    (2031)"): when the action's ``due`` is the date ``raw`` names in that year, the reading
    in that year. A month with no year is then not an impossible date."""
    reading = reading if reading is not None else read_date(raw, as_at)
    if reading.problem is None or due is None:
        return reading
    anchored = read_date(raw, date(due.year, 1, 1))
    return anchored if anchored.problem is None and anchored.due == due else reading


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _is_done(action: Mapping[str, Any], ctx: LintContext) -> bool:
    if action.get("status") in DONE_STATUSES:
        return True
    for key in ("status_raw", "due_raw"):
        raw = _text(action.get(key))
        if raw and ctx.reading(raw).is_complete:
            return True
    return False


# --- the rules, one action at a time --------------------------------------------------------


def no_owner(action: Mapping[str, Any], ctx: LintContext) -> str | None:
    """The action names nobody to lead it."""
    if _text(action.get("owner")):
        return None
    return "No owner: say who leads this action."


def no_date(action: Mapping[str, Any], ctx: LintContext) -> str | None:
    """The action has no date and is not complete."""
    if _text(action.get("due_raw")) or _text(action.get("due")) or _is_done(action, ctx):
        return None
    return "No date: say when this action will be done."


def impossible_date(action: Mapping[str, Any], ctx: LintContext) -> str | None:
    """The date names a day that does not exist or cannot be read as a date."""
    raw = _text(action.get("due_raw"))
    if not raw:
        return None
    problem = ctx.action_reading(action).problem
    if problem is None:
        return None
    return f"Impossible date '{raw}': {problem}."


def vague_date(action: Mapping[str, Any], ctx: LintContext) -> str | None:
    """The date gives nothing to check progress against ("Ongoing", "TBD", "2024")."""
    raw = _text(action.get("due_raw"))
    if not raw:
        return None
    reading = ctx.action_reading(action)
    if reading.problem is not None or reading.is_complete:
        return None  # an impossible date, or "Complete" written as the date: not vague
    if reading.due is not None and reading.precision not in VAGUE_PRECISIONS:
        return None
    if reading.due is None:
        return (
            f"Vague date '{raw}': it names no day, month, term or quarter to check progress "
            "against."
        )
    return (
        f"Vague date '{raw}': a whole {str(reading.precision).replace('_', ' ')} is too long "
        "to check progress against; give a term, a month or a day."
    )


def no_measure(action: Mapping[str, Any], ctx: LintContext) -> str | None:
    """Neither the action nor its section says how success will be measured."""
    measures = action.get("measures") or []
    if any(_text(m) for m in measures if isinstance(m, str)):
        return None
    section = _text(action.get("section"))
    if section and any(
        section == path or section.startswith(path + " / ") for path in ctx.sections_with_measures
    ):
        return None
    return "No measure of success: say how you will know this action has worked."


def initials_in(owner: str) -> list[str]:
    """The words of an owner cell that look like initials: 2–5 letters, either all capitals
    ("GB", "SENDM") or starting with a capital with another capital inside ("PeRi", "GwFe").

    Capitals written as ordinary words ("HEAD OF SERVICE": three or more words in capitals,
    or two with one longer than five letters) are the cell's style, not initials; capitals
    that open a job title ("PRU Commissioning Manager") name a service."""
    words = list(_TOKEN_RE.finditer(owner))
    shouted: set[int] = set()
    run: list[int] = []
    for index, match in enumerate([*words, None]):
        joined = (
            match is not None
            and match.group(0).isupper()
            and (not run or not owner[words[run[-1]].end() : match.start()].strip())
        )
        if joined:
            run.append(index)
            continue
        texts = [words[i].group(0) for i in run]
        if len(run) >= 3 or (len(run) == 2 and any(len(t) > 5 for t in texts)):
            shouted.update(run)
        run = [index] if match is not None and match.group(0).isupper() else []
    found: list[str] = []
    for index, match in enumerate(words):
        word = match.group(0)
        if not 2 <= len(word) <= 5 or not word.isalpha() or index in shouted:
            continue
        following = words[index + 1] if index + 1 < len(words) else None
        after = following.group(0) if following else ""
        if (
            following
            and word.isupper()
            and owner[match.end() : following.start()] == " "
            and after[:1].isupper()
            and after[1:].islower()
        ):
            continue  # "PRU Commissioning Manager": an acronym naming a service in a job title
        mixed = word[0].isupper() and any(c.isupper() for c in word[1:]) and not word.isupper()
        if (mixed or word.isupper()) and word not in found:
            found.append(word)
    return found


def unresolved_initials(action: Mapping[str, Any], ctx: LintContext) -> str | None:
    """The owner is given as initials that the glossary and the partnership's people do not
    explain."""
    owner = _text(action.get("owner"))
    if not owner:
        return None
    common = {word.casefold() for word in COMMON_ABBREVIATIONS}
    unknown = [
        word
        for word in initials_in(owner)
        if word.casefold() not in ctx.known_names and word.casefold() not in common
    ]
    if not unknown:
        return None
    listed = ", ".join(unknown)
    verb = "is" if len(unknown) == 1 else "are"
    return (
        f"Initials not resolved: {listed} {verb} not in the owner glossary or the "
        "partnership's people, so nobody can be told about this action."
    )


def past_due(action: Mapping[str, Any], ctx: LintContext) -> str | None:
    """The date is before the plan's as-at date and the action is not marked complete."""
    if ctx.as_at is None or _is_done(action, ctx):
        return None
    due = _iso_date(action.get("due"))
    if due is None:
        raw = _text(action.get("due_raw"))
        due = ctx.reading(raw).due if raw else None
    if due is None or due >= ctx.as_at:
        return None
    before = "today," if ctx.as_at_is_today else "the plan's as-at date"
    return (
        f"Past due: due {format_date(due)}, before {before} {format_date(ctx.as_at)}, "
        "and not marked complete."
    )


ACTION_RULES: tuple[Callable[[Mapping[str, Any], LintContext], str | None], ...] = (
    no_owner,
    unresolved_initials,
    no_date,
    impossible_date,
    vague_date,
    past_due,
    no_measure,
)
"""The rules run on each action, in the order their problems are listed."""


# --- rules over the whole plan --------------------------------------------------------------


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def duplicate_actions(actions: Iterable[Mapping[str, Any]]) -> dict[int, int]:
    """Actions whose text repeats an earlier action's: ``{index: index of the first}``.

    Texts are compared ignoring case, punctuation and spacing; texts shorter than 12
    characters ("Complete", "See above") are never called duplicates."""
    first_seen: dict[str, int] = {}
    found: dict[int, int] = {}
    for index, action in enumerate(actions):
        key = _normalised(_text(action.get("text")))
        if len(key) < 12:
            continue
        if key in first_seen:
            found[index] = first_seen[key]
        else:
            first_seen[key] = index
    return found


# --- the whole plan -------------------------------------------------------------------------


def action_where(action: Mapping[str, Any], index: int) -> str:
    """``action REF``, or ``action #N`` (N from 1) for an action with no ref."""
    ref = _text(action.get("ref"))
    return f"action {ref}" if ref else f"action #{index + 1}"


def _iso_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _words(values: Iterable[str]) -> frozenset[str]:
    return frozenset(
        word.casefold() for value in values for word in re.findall(r"[^\W_]+", value)
    ) | frozenset(value.strip().casefold() for value in values if value.strip())


def context_for_plan(
    plan_json: Mapping[str, Any], known_people: Collection[str] = frozenset()
) -> LintContext:
    """The plan-wide facts the rules use: as-at date, known names, sections with measures."""
    glossary = plan_json.get("owner_glossary") or {}
    names: list[str] = [str(k) for k in glossary] + [str(v) for v in glossary.values()]
    names.extend(str(person) for person in known_people)
    sections = frozenset(
        _text(indicator.get("section"))
        for indicator in plan_json.get("indicators") or []
        if isinstance(indicator, Mapping) and _text(indicator.get("section"))
    )
    return LintContext(
        as_at=_iso_date(plan_json.get("as_at")),
        known_names=_words(names),
        sections_with_measures=sections,
    )


def lint_plan(
    plan_json: Mapping[str, Any],
    *,
    known_people: Collection[str] = frozenset(),
    today: date | None = None,
) -> list[Problem]:
    """Every problem of the plan, in document order, in the Plan JSON ``problems`` form.

    ``known_people``: the initials, names and aliases of the partnership's people, which
    explain initials in owner cells as the document's own owner glossary does. ``today``:
    check the plan as it stands on that day (a stored plan), not as at its document's date.
    """
    if today is not None:
        plan_json = {**plan_json, "as_at": today.isoformat()}
    ctx = context_for_plan(plan_json, known_people)
    if today is not None:
        ctx = replace(ctx, as_at_is_today=True)
    actions = [a for a in plan_json.get("actions") or [] if isinstance(a, Mapping)]
    duplicates = duplicate_actions(actions)
    wheres = [action_where(action, index) for index, action in enumerate(actions)]
    problems: list[Problem] = []
    for index, action in enumerate(actions):
        for rule in ACTION_RULES:
            message = rule(action, ctx)
            if message is not None:
                problems.append({"where": wheres[index], "rule": rule.__name__, "message": message})
        if index in duplicates:
            problems.append(
                {
                    "where": wheres[index],
                    "rule": "duplicate_action",
                    "message": (f"Duplicate action: the same text as {wheres[duplicates[index]]}."),
                }
            )
    for recorded in plan_json.get("problems") or []:
        if isinstance(recorded, Mapping):
            problem = {
                "where": str(recorded.get("where") or ""),
                "rule": str(recorded.get("rule") or "problem"),
                "message": str(recorded.get("message") or ""),
            }
            if not _already_found(problem, problems):
                problems.append(problem)
    return problems


def _already_found(recorded: Problem, problems: list[Problem]) -> bool:
    """A problem the importer recorded that the linter has also found (the importer names
    an action by its bare ref and gives ``read_date``'s words alone)."""
    for problem in problems:
        if problem["rule"] != recorded["rule"]:
            continue
        if problem["where"] in (recorded["where"], f"action {recorded['where']}"):
            return True
        if recorded["message"] and recorded["message"] in problem["message"]:
            return True
    return False
