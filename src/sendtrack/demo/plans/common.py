"""What the demo plans share: the action states and stories, dates as plans write them,
and the Plan JSON rows.
"""

import calendar
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..people import PERSON_BY_INITIALS

SEED = 2026
SOURCE_DOCUMENT = "Synthetic demo data (sendtrack.demo)"
# Job titles by initials, as the plans name owners.
TITLE = {t: p.job_title for t, p in PERSON_BY_INITIALS.items()}


# --- What happens to an action after the plan is loaded ---------------------------------


@dataclass(frozen=True)
class Update:
    on: date
    status: str
    commentary: str


@dataclass(frozen=True)
class Replan:
    """The board agreed a later due date (written as the plan now writes it)."""

    on: date
    due_raw: str
    due: date


@dataclass(frozen=True)
class Story:
    state: str
    updates: tuple[Update, ...]
    last_activity_on: date
    replans: tuple[Replan, ...] = ()


@dataclass(frozen=True)
class DemoPlan:
    key: str
    data: dict[str, Any]
    stories: dict[str, Story]
    """Each action's story, keyed by its text (unique within a plan)."""


@dataclass(frozen=True)
class State:
    """How an action stands today, and so the BRAG rating it shows."""

    name: str
    rag: str
    paths: tuple[tuple[str, ...], ...]
    """Possible status histories, oldest first; the last is the status today."""
    due: tuple[int, int] | None
    """Due between these many days from today (negative: in the past); None: not dated."""
    quiet: tuple[int, int]
    """Days since the last update."""


STATES = {
    s.name: s
    for s in (
        State(
            "complete",
            "blue",
            (
                ("in_progress", "complete"),
                ("on_track", "complete"),
                ("complete",),
                ("not_started", "in_progress", "complete"),
            ),
            (-200, 240),
            (4, 120),
        ),
        State(
            "overdue",
            "red",
            (("not_started", "in_progress"), ("in_progress",), ("in_progress", "delayed")),
            (-150, -3),
            (3, 50),
        ),
        State(
            "due_soon",
            "amber",
            (("in_progress",), ("not_started", "in_progress"), ("not_started",)),
            (2, 26),
            (3, 30),
        ),
        State("due_soon_on_track", "green", (("in_progress", "on_track"),), (4, 26), (2, 25)),
        State(
            "quiet",
            "amber",
            (("in_progress",), ("on_track",), ("not_started", "in_progress")),
            (45, 400),
            (57, 130),
        ),
        State("delayed", "amber", (("in_progress", "delayed"), ("delayed",)), (35, 300), (3, 35)),
        State(
            "on_track",
            "green",
            (
                ("in_progress", "on_track"),
                ("on_track",),
                ("not_started", "in_progress", "on_track"),
                ("in_progress",),
            ),
            (35, 450),
            (1, 38),
        ),
        State("not_started", "green", (("not_started",),), (60, 450), (1, 38)),
    )
}

# How many of every 20 actions are in each state, for plans with dates and plans without.
DATED_MIX = {
    "complete": 4,
    "overdue": 3,
    "due_soon": 2,
    "due_soon_on_track": 1,
    "quiet": 2,
    "delayed": 1,
    "on_track": 5,
    "not_started": 2,
}
UNDATED_MIX = {"complete": 4, "quiet": 4, "delayed": 2, "on_track": 8, "not_started": 2}

STATUS_LABELS = {
    "not_started": ("Not started", "Not yet started", "Not started – due to begin next term"),
    "in_progress": ("In progress", "Started", "In progress – draft shared with partners"),
    "on_track": ("On track", "On track – milestones met"),
    "delayed": ("Delayed", "Delayed – lead post vacant", "Behind schedule"),
    "complete": ("Complete", "Completed", "Complete – signed off by the board"),
}

COMMENTARY = {
    "not_started": (
        "Not started yet: planned to begin once the related workstream activity is finished.",
        "Not started. Waiting for the funding decision at the next Partnership Board.",
        "Scheduled to begin next term; the lead officer has been confirmed.",
    ),
    "in_progress": (
        "Work has started. A project plan was agreed at the workstream meeting.",
        "Draft shared with the Parent Carer Voice and {n} SENCOs; comments due by month end.",
        "Task and finish group has met {k} times. Scope agreed and data gathering under way.",
        "First version tried with a small group of families; changes being made in response.",
        "Lead officer now in post and working through the preparatory tasks.",
        "Partners have agreed the approach; detailed design goes to the next workstream meeting.",
    ),
    "on_track": (
        "On track. {k} of {m} planned sessions delivered so far, with good attendance.",
        "Reviewed at the workstream meeting: this quarter's milestones met.",
        "On track for the due date. Early feedback from families is positive.",
        "On schedule; the next checkpoint is the Partnership Board meeting.",
        "Delivery plan on course, with about {p}% of the work done.",
    ),
    "delayed": (
        "Delayed: recruiting to the lead post has taken longer than expected. "
        "A revised date goes to the Partnership Board.",
        "Delayed while the case management system upgrade is finished.",
        "Delayed by staff absence in the team; interim cover has been agreed.",
        "Slipped because partners asked for more time to consult families.",
    ),
    "complete": (
        "Complete. Signed off at the SEND Partnership Board.",
        "Complete and now business as usual; impact will be checked at the next audit.",
        "Finished: evidence filed in the programme folder and shared with the Parent Carer Voice.",
        "Complete. {n} staff took part and most rated it useful.",
    ),
}


def _commentary(rng: random.Random, status: str) -> str:
    text = rng.choice(COMMENTARY[status])
    return text.format(n=rng.randint(6, 40), k=rng.randint(2, 6), m=8, p=rng.choice([40, 60, 75]))


# When milestones fall, in days from today: long past, recent, still to come.
MILESTONE_TIMES = ((-240, -120), (-60, -20), (60, 300))


# --- Dates as plans write them ---------------------------------------------------------


def month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def _term(day: date) -> tuple[str, date] | None:
    """School terms as the importer reads them: a term ends on the last day of its last month."""
    if day.month >= 9:
        return f"Autumn Term {day.year}", date(day.year, 12, 31)
    if day.month <= 3:
        return f"Spring Term {day.year}", date(day.year, 3, 31)
    if day.month <= 7:
        return f"Summer Term {day.year}", date(day.year, 7, 31)
    return None


def _quarter(day: date) -> tuple[str, date]:
    """A financial-year quarter: Q1 is April to June."""
    start = day.year if day.month >= 4 else day.year - 1
    number = (day.month - 4) % 12 // 3 + 1
    last_month = (3 + 3 * number - 1) % 12 + 1
    end_year = start if last_month >= 4 else start + 1
    return f"Q{number} {start}/{str(start + 1)[2:]}", month_end(date(end_year, last_month, 1))


def _written(style: str, day: date) -> tuple[str, date] | None:
    if style == "day":
        return day.strftime("%d/%m/%Y"), day
    if style == "month":
        end = month_end(day)
        return end.strftime("%B %Y"), end
    if style == "term":
        return _term(day)
    if style == "quarter":
        return _quarter(day)
    raise ValueError(style)


def timeframe(
    rng: random.Random, today: date, window: tuple[int, int], styles: dict[str, int]
) -> tuple[str, date]:
    """A due date `window` days from today, as a plan would write it (e.g. "Autumn Term 2026").

    A month, term or quarter means its last day, so it is used only where that day still lies
    in the window (far-future windows may run over).
    """
    low, high = window
    limit = high if high < 60 else high + 200
    names, weights = list(styles), list(styles.values())
    for _ in range(50):
        day = today + timedelta(days=rng.randint(low, high))
        written = _written(rng.choices(names, weights)[0], day)
        if written and low <= (written[1] - today).days <= limit:
            return written
    day = today + timedelta(days=rng.randint(low, high))
    return day.strftime("%d/%m/%Y"), day


# --- Stories ---------------------------------------------------------------------------


def states_for(rng: random.Random, count: int, mix: dict[str, int]) -> list[str]:
    """`count` states in the proportions of `mix`, shuffled."""
    cycle = [name for name, n in mix.items() for _ in range(n)]
    states = [cycle[i % len(cycle)] for i in range(count)]
    rng.shuffle(states)
    return states


def story_for(
    rng: random.Random, today: date, state: State, path: tuple[str, ...], stated: bool
) -> Story:
    """The updates that take an action along `path`; when the plan itself `stated` the first
    status, the updates start from the second (sometimes restating the first)."""
    steps = path[1:] if stated and rng.random() < 0.5 else path
    if state.name == "not_started":
        steps = ()
    last = today - timedelta(days=rng.randint(*state.quiet))
    dates = [last]
    for _ in steps[1:]:
        dates.insert(0, dates[0] - timedelta(days=rng.randint(14, 50)))
    updates = tuple(
        Update(on, status, _commentary(rng, status))
        for on, status in zip(dates, steps, strict=False)
    )
    return Story(state.name, updates, last)


def _action_timing(
    rng: random.Random,
    today: date,
    state_name: str,
    *,
    styles: dict[str, int] | None,
    ongoing: float = 0.0,
) -> tuple[State, tuple[str, ...], str | None, date | None]:
    state = STATES[state_name]
    path = rng.choice(state.paths)
    if styles is None or state.due is None:
        return state, path, None, None
    if state.rag in {"green", "amber"} and state.due[0] > 28 and rng.random() < ongoing:
        return state, path, "Ongoing", None
    due_raw, due = timeframe(rng, today, state.due, styles)
    return state, path, due_raw, due


def _check_unique(actions: list[dict[str, Any]]) -> None:
    texts = [a["text"] for a in actions]
    duplicates = {t for t in texts if texts.count(t) > 1}
    if duplicates:
        raise ValueError(f"Demo action texts must be unique in a plan: {sorted(duplicates)}")


def _action(
    *,
    ref: str | None,
    section: str,
    text: str,
    owner: str | None = None,
    partners: list[str] | None = None,
    due_raw: str | None = None,
    due: date | None = None,
    status_raw: str | None = None,
    status: str | None = None,
    measures: list[str] | None = None,
    finding: str | None = None,
) -> dict[str, Any]:
    return {
        "ref": ref,
        "section": section,
        "text": text,
        "owner": owner,
        "partners": partners or [],
        "start_raw": None,
        "due_raw": due_raw,
        "due": due.isoformat() if due else None,
        "status_raw": status_raw,
        "status": status,
        "rag": None,
        "measures": measures or [],
        "finding": finding,
    }


def _plan(
    *, title: str, organisation: str, kind: str, as_at_raw: str, as_at: date
) -> dict[str, Any]:
    return {
        "plan_title": title,
        "organisation": organisation,
        "kind": kind,
        "as_at_raw": as_at_raw,
        "as_at": as_at.isoformat(),
        "sections": [],
        "actions": [],
        "milestones": [],
        "risks": [],
        "indicators": [],
        "owner_glossary": {},
        "problems": [],
    }


def _months_ago(today: date, months: int) -> date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return month_end(date(year, month + 1, 1))


def _risks(rows: tuple[tuple[str | None, ...], ...]) -> list[dict[str, str | None]]:
    """Risk register rows as Plan JSON risks."""
    keys = ("title", "detail", "rag", "impact", "mitigation", "owner")
    return [dict(zip(keys, row, strict=True)) for row in rows]
