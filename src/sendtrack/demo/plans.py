"""The Northvale demo plans, built as Plan JSON (plan-json.md) from small phrase tables.

`demo_plans(today)` returns three plans in the shapes councils write them in:

- a written statement of action: four workstreams, objectives, numbered actions ("2.3.1")
  with lead, partners, timeframe and progress cells, milestones and impact indicators;
- a peer review plan: numbered recommendations, each with bulleted summary actions ("3.a")
  owned by initials that an owner glossary resolves;
- a monitoring update: workstreams, focus areas, "next steps" and a risk register.

Beside each plan's JSON comes each action's story: the progress updates the loader adds after
the plan is in, and the day of its last activity. Every action is given a state (complete,
overdue, due soon, gone quiet, delayed, on track, not started) and its due date and updates are
placed RELATIVE TO TODAY, so the demo always shows every BRAG rating. Text and states come from
a random.Random with a fixed seed, so they are the same every day; only the dates move.
"""

import calendar
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .people import COUNCIL, ICB, PERSON_BY_INITIALS

SEED = 2026
SOURCE_DOCUMENT = "Synthetic demo data (sendtrack.demo)"


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


# --- (a) Written statement of action ---------------------------------------------------

# Templates by kind of thing the action is about: a document, a service or some data.
TEMPLATES = {
    "doc": (
        "Co-produce {a} with {group}",
        "Review {a} with {group} and agree what needs to change",
        "Publish {a} and promote it through schools, settings and the Local Offer",
        "Train {staff} to use {a}, with a refresher each term",
        "Audit a sample of cases each term against {a} and report to the Partnership Board",
        "Build {a} into the induction of new staff in education, health and care",
    ),
    "service": (
        "Co-design {a} with {group}",
        "Pilot {a} in {place} before rolling it out across Northvale",
        "Measure take-up of {a} and report it quarterly to the Partnership Board",
        "Name a lead for {a} in each partner organisation",
        "Commission an independent evaluation of {a}",
    ),
    "data": (
        "Develop {a} so leaders can see progress by locality",
        "Share {a} with the Partnership Board every month",
        "Check the accuracy of {a} each quarter and correct errors",
        "Train {staff} to use {a}",
    ),
}
# Who each workstream's actions involve, and which staff they train.
GROUPS = (
    ("the Parent Carer Voice", "young people from the youth advisory panel"),
    ("SENCOs", "early years providers", "the Parent Carer Voice"),
    ("the Parent Carer Voice", "health and social care partners"),
    ("health partners", "adult social care", "young people from the youth advisory panel"),
)
STAFF = (
    ("Local Offer staff", "family support workers"),
    ("SENCOs", "early years practitioners"),
    ("SEND caseworkers", "educational psychologists"),
    ("commissioners", "transition workers"),
)
PLACES = ("the Northvale East locality", "two secondary schools", "the Ashby Vale cluster")

TITLE = {t: p.job_title for t, p in PERSON_BY_INITIALS.items()}
JOINT_DCO_DSCO = f"{TITLE['TG']} / {TITLE['FB']}"

# workstream title, partners, objectives: (title, owners in rotation, things: (thing, kind))
WORKSTREAMS: tuple[tuple[str, tuple[str, ...], tuple[Any, ...]], ...] = (
    (
        "Co-production and the Local Offer",
        ("Northvale Parent Carer Voice", "Schools", "Health", "SENDIASS"),
        (
            (
                "To make co-production with families the normal way of working",
                (TITLE["SL"], TITLE["GO"], TITLE["RK"]),
                (
                    ("the family partnership charter", "doc"),
                    ("a young people's SEND advisory panel", "service"),
                    ("the family engagement calendar", "data"),
                ),
            ),
            (
                "To give families a Local Offer that is accurate and easy to find",
                (TITLE["SL"], TITLE["PA"], TITLE["SL"]),
                (
                    ("the Local Offer website", "service"),
                    ("plain-English guides to the EHC process", "doc"),
                    ("the Local Offer page analytics", "data"),
                ),
            ),
            (
                "To show families what has changed because of their feedback",
                (TITLE["RK"], TITLE["LH"]),
                (
                    ("a termly 'you told us, we acted' bulletin", "doc"),
                    ("the family feedback survey", "service"),
                    ("the complaints and compliments log", "data"),
                ),
            ),
        ),
    ),
    (
        "Identification and the Graduated Approach",
        ("Schools", "Early years settings", "Educational Psychology", "Health visiting"),
        (
            (
                "To identify needs early in early years settings and schools",
                (TITLE["BA"], TITLE["TG"], TITLE["BA"]),
                (
                    ("the early years inclusion fund", "service"),
                    ("the integrated review at age two", "doc"),
                    ("the early identification dashboard", "data"),
                ),
            ),
            (
                "To make the graduated approach consistent in every school",
                (TITLE["MT"], TITLE["AC"]),
                (
                    ("the Ordinarily Available Provision guide", "doc"),
                    ("an outreach offer from special schools", "service"),
                    ("the SEN support census returns", "data"),
                ),
            ),
            (
                "To reduce exclusions and part-time timetables for pupils with SEND",
                (TITLE["MT"], TITLE["HO"], TITLE["MT"]),
                (
                    ("the inclusion charter for schools", "doc"),
                    ("the reintegration support service", "service"),
                    ("the part-time timetable register", "data"),
                ),
            ),
        ),
    ),
    (
        "EHC Assessment and Plan Quality",
        ("Health", "Social care", "Educational Psychology", "Northvale Parent Carer Voice"),
        (
            (
                "To complete EHC needs assessments within 20 weeks",
                (TITLE["NW"], TITLE["PA"], TITLE["KM"]),
                (
                    ("the assessment triage process", "service"),
                    ("the advice request protocol", "doc"),
                    ("the weekly timeliness report", "data"),
                ),
            ),
            (
                "To raise the quality of EHC plans and the advice behind them",
                (TITLE["LH"], JOINT_DCO_DSCO, TITLE["AC"]),
                (
                    ("the EHC plan quality standard", "doc"),
                    ("the multi-agency plan audit panel", "service"),
                    ("the plan audit results", "data"),
                ),
            ),
            (
                "To hold annual reviews on time and act on what they find",
                (TITLE["PA"], TITLE["NW"], TITLE["NW"]),
                (
                    ("the annual review guidance for settings", "doc"),
                    ("the annual review support team", "service"),
                    ("the annual review tracker", "data"),
                ),
            ),
        ),
    ),
    (
        "Joint Commissioning and Preparing for Adulthood",
        ("Health", "Adult social care", "Post-16 providers", "Employers"),
        (
            (
                "To commission services jointly against a shared picture of need",
                (TITLE["OP"], TITLE["TG"]),
                (
                    ("the joint commissioning plan", "doc"),
                    ("the pooled budget for specialist placements", "service"),
                    ("the SEND needs assessment data", "data"),
                ),
            ),
            (
                "To cut waits for therapies and neurodevelopmental assessment",
                (TITLE["SO"], TITLE["TG"]),
                (
                    ("the neurodevelopmental pathway", "service"),
                    ("the speech and language therapy service model", "doc"),
                    ("the therapy waiting list report", "data"),
                ),
            ),
            (
                "To prepare young people for adulthood from Year 9",
                (TITLE["JB"], TITLE["FB"], TITLE["PA"]),
                (
                    ("the transitions protocol with adult social care", "doc"),
                    ("the supported internship programme", "service"),
                    ("the post-16 destinations data", "data"),
                ),
            ),
        ),
    ),
)

WSOA_MILESTONES = (
    (
        "Family partnership charter signed by every partner",
        "Relaunched Local Offer website live, tested with families",
        "First annual report to families on what changed because of their views",
    ),
    (
        "Ordinarily Available Provision guide in use in every Northvale school",
        "Early years inclusion fund open to all settings",
        "Part-time timetables reviewed for every pupil with SEND",
    ),
    (
        "Most new EHC plans issued within 20 weeks for three months in a row",
        "Nine in ten audited plans rated good or better",
        "Annual review backlog cleared",
    ),
    (
        "Joint commissioning plan agreed by the council and the ICB",
        "Waiting list for autism assessment below 18 weeks",
        "Every young person in Year 9 with an EHC plan has a preparing for adulthood plan",
    ),
)
MILESTONE_TIMES = ((-240, -120), (-60, -20), (60, 300))
WSOA_INDICATORS = (
    (
        ("Number of visits to the Local Offer website each month", "how_much"),
        ("Share of families who say the Local Offer helped them find support", "how_well"),
        ("Parents and carers say they feel listened to by services", "better_off"),
    ),
    (
        ("Number of schools taking part in the inclusion network", "how_much"),
        ("Share of SEN support pupils with a current support plan", "how_well"),
        ("Fewer suspensions and exclusions of pupils with SEND", "better_off"),
    ),
    (
        ("Number of EHC needs assessments completed", "how_much"),
        ("Share of EHC plans issued within 20 weeks", "how_well"),
        ("Families rate their EHC plan as describing their child well", "better_off"),
    ),
    (
        ("Number of young people on supported internships", "how_much"),
        ("Average wait for a speech and language therapy assessment", "how_well"),
        ("Young people with EHC plans in education, employment or training at 19", "better_off"),
    ),
)
WSOA_MEASURES = (
    ("Families report the information they need is easy to find",),
    ("Fewer requests for assessment without evidence of support at school",),
    ("Rise in the share of plans issued within 20 weeks", "Plan audits rated good or better"),
    ("Shorter waits for therapy assessment",),
)
WSOA_STYLES = {"term": 3, "month": 3, "day": 2}


# The written statement's own risks: title, detail, rating, impact, mitigation, owner.
WSOA_RISKS: tuple[tuple[str, str, str, str, str, str], ...] = (
    (
        "Leads stretched across two programmes",
        "The same officers lead the written statement and the high needs recovery work",
        "red",
        "Actions in workstreams 2 and 3 fall behind their dates",
        "Deputies named for every objective; the board reviews capacity each quarter.",
        TITLE["HO"],
    ),
    (
        "Educational psychology capacity",
        "Two psychologist posts are vacant and locum cover ends in the spring",
        "red",
        "Advice for assessments arrives late and plans miss 20 weeks",
        "Trainee psychologists sponsored; advice requests triaged by the principal.",
        TITLE["AC"],
    ),
    (
        "Families not hearing about changes",
        "Improvements are made but families say they do not see them",
        "amber",
        "Confidence in the partnership does not recover",
        "Monthly update co-written with the Parent Carer Voice for the Local Offer.",
        TITLE["SL"],
    ),
    (
        "Health data not shared in time",
        "Therapy and community paediatric waiting times reach the board a month late",
        "amber",
        "The board cannot see whether waits are falling",
        "Data sharing agreement signed; monthly extract agreed with the trust.",
        TITLE["KM"],
    ),
    (
        "Schools' engagement with the toolkit",
        "Fewer secondary schools than primary schools use the inclusion toolkit",
        "green",
        "Needs are met later in secondary schools",
        "SENCO network sessions moved to the secondary cluster meetings.",
        TITLE["MT"],
    ),
)


def _wsoa(today: date) -> DemoPlan:
    rng = random.Random(f"{SEED}-wsoa")
    as_at = _months_ago(today, 2)
    data = _plan(
        title="Northvale Local Area SEND Written Statement of Action",
        organisation=f"{COUNCIL} and {ICB}",
        kind="written_statement_of_action",
        as_at_raw=f"Progress as at {as_at:%B %Y}",
        as_at=as_at,
    )
    slots = [
        (w, o, i)
        for w, (_, _, objectives) in enumerate(WORKSTREAMS, 1)
        for o in range(1, len(objectives) + 1)
        for i in range(1, 7)
    ]
    states = iter(states_for(rng, len(slots), DATED_MIX))
    stories: dict[str, Story] = {}
    for w, (ws_title, partners, objectives) in enumerate(WORKSTREAMS, 1):
        ws_full = f"Workstream {w} – {ws_title}"
        data["sections"].append(
            {"ref": str(w), "title": ws_full, "kind": "workstream", "parent_ref": None}
        )
        for o, (objective, owners, things) in enumerate(objectives, 1):
            ref = f"{w}.{o}"
            obj_full = f"Objective {ref} {objective}"
            data["sections"].append(
                {"ref": ref, "title": obj_full, "kind": "objective", "parent_ref": str(w)}
            )
            for i, text in enumerate(_objective_actions(rng, things, w), 1):
                state, path, due_raw, due = _action_timing(
                    rng, today, next(states), styles=WSOA_STYLES, ongoing=0.15
                )
                stated = path[0]
                data["actions"].append(
                    _action(
                        ref=f"{ref}.{i}",
                        section=f"{ws_full} / {obj_full}",
                        text=text,
                        owner=owners[(i - 1) % len(owners)],
                        partners=rng.sample(partners, rng.randint(1, 3)),
                        due_raw=due_raw,
                        due=due,
                        status_raw=rng.choice(STATUS_LABELS[stated]),
                        status=stated,
                        measures=list(WSOA_MEASURES[w - 1]) if rng.random() < 0.4 else [],
                    )
                )
                stories[text] = story_for(rng, today, state, path, stated=True)
        for text, window in zip(WSOA_MILESTONES[w - 1], MILESTONE_TIMES, strict=True):
            due_raw, due = timeframe(rng, today, window, {"month": 2, "term": 1})
            data["milestones"].append(
                {"section": ws_full, "text": text, "due_raw": due_raw, "due": due.isoformat()}
            )
        for text, kind in WSOA_INDICATORS[w - 1]:
            data["indicators"].append({"section": ws_full, "text": text, "kind": kind})
    data["risks"] += _risks(WSOA_RISKS)
    _check_unique(data["actions"])
    return DemoPlan("wsoa", data, stories)


def _objective_actions(
    rng: random.Random, things: tuple[tuple[str, str], ...], workstream: int
) -> Iterator[str]:
    """Two actions about each of the objective's three things, from different templates."""
    for thing, kind in things:
        for template in rng.sample(TEMPLATES[kind], 2):
            text = template.format(
                a=thing,
                group=rng.choice(GROUPS[workstream - 1]),
                staff=rng.choice(STAFF[workstream - 1]),
                place=rng.choice(PLACES),
            )
            yield text[0].upper() + text[1:]


# --- (b) Peer review plan --------------------------------------------------------------

# recommendation, owner initials, summary actions, measures of success
RECOMMENDATIONS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "Give the Partnership Board one shared picture of how the area is doing",
        "HO",
        (
            "Agree a small set of measures that every partner reports on",
            "Build a board dashboard from education, health and care data",
            "Review the dashboard at each board meeting and record the actions taken",
        ),
        (
            "Board minutes show decisions based on the dashboard",
            "Partners quote the same figures for the same period",
        ),
    ),
    (
        "Involve the Parent Carer Voice in designing and reviewing every service",
        "GO",
        (
            "Pay parent carer representatives for their time on working groups",
            "Give the Parent Carer Voice a seat on every workstream",
            "Hold two open family forums a year in different parts of Northvale",
            "Write back to families after each forum about what was done",
        ),
        (
            "Parent carer representatives attend most workstream meetings",
            "Families at forums say their views were acted on",
        ),
    ),
    (
        "Build an offer of short breaks that families can find and use",
        "FB",
        (
            "Map the short breaks on offer and the gaps by age and need",
            "Publish the short breaks statement in plain English",
            "Open an online booking route for short breaks",
            "Ask families each year how well short breaks met their needs",
            "Commission new holiday activities where the map shows gaps",
        ),
        (
            "More families using short breaks",
            "Families rate short breaks as good or better",
        ),
    ),
    (
        "Help early years settings include young children with SEND",
        "BA",
        (
            "Offer every setting a named early years inclusion adviser",
            "Run a termly network for early years SENCOs",
            "Simplify applications to the early years inclusion fund",
            "Follow up children who started reception with identified needs",
        ),
        (
            "More settings say they are confident meeting needs",
            "Fewer children start school with needs not yet identified",
        ),
    ),
    (
        "Make the timeliness of EHC assessments a shared priority for every partner",
        "PA",
        (
            "Publish a weekly timeliness report for each partner",
            "Agree how to escalate when health or care advice is late",
            "Clear the backlog of assessments open for more than 20 weeks",
        ),
        (
            "Share of plans issued within 20 weeks rises each quarter",
            "No assessment open for more than 30 weeks",
        ),
    ),
    (
        "Keep parents and carers better informed during statutory processes",
        "SL",
        (
            "Give every family a named caseworker with a direct phone number",
            "Send families an update at each stage of the assessment",
            "Co-produce a family guide to the EHC process with the Parent Carer Voice",
            "Survey families at the end of each assessment",
        ),
        (
            "Fewer complaints about communication",
            "Families say they knew what was happening and when",
        ),
    ),
    (
        "Agree a joint commissioning plan built on a shared view of need",
        "OP",
        (
            "Agree the data that make up the SEND needs assessment",
            "Map current spending across education, health and care",
            "Draft the joint commissioning plan with partners",
            "Set up a joint commissioning group reporting to the board",
        ),
        (
            "Joint commissioning plan agreed by all partners",
            "Services commissioned against identified gaps",
        ),
    ),
    (
        "Reduce waiting times for speech and language therapy assessments",
        "TG",
        (
            "Validate the therapy waiting list and contact every family on it",
            "Agree interim support for families while they wait",
            "Add therapy capacity through a time-limited contract",
            "Report therapy waiting times monthly to the board",
        ),
        (
            "Average wait for assessment falls below 18 weeks",
            "Families on the list are contacted every three months",
        ),
    ),
    (
        "Strengthen preparation for adulthood from Year 9 onwards",
        "JB",
        (
            "Add preparing for adulthood outcomes to every Year 9 annual review",
            "Expand supported internships with local employers",
            "Agree a transitions protocol with adult social care",
            "Offer independent travel training to every eligible young person",
        ),
        (
            "More young people with EHC plans in paid work at 19",
            "Young people say they felt ready for the move to adult services",
        ),
    ),
)
PEER_REVIEW_STYLES = {"month": 4, "term": 1, "quarter": 2, "day": 1}


def _peer_review(today: date) -> DemoPlan:
    rng = random.Random(f"{SEED}-peer-review")
    as_at = _months_ago(today, 5)
    data = _plan(
        title="Northvale SEND Peer Review: Recommendations and Implementation Plan",
        organisation=COUNCIL,
        kind="peer_review_plan",
        as_at_raw=f"Draft 2, {as_at:%B %Y}",
        as_at=as_at,
    )
    count = sum(len(r[2]) for r in RECOMMENDATIONS)
    states = iter(states_for(rng, count, DATED_MIX))
    stories: dict[str, Story] = {}
    for number, (recommendation, owner, bullets, measures) in enumerate(RECOMMENDATIONS, 1):
        data["owner_glossary"][owner] = PERSON_BY_INITIALS[owner].name
        data["sections"].append(
            {
                "ref": str(number),
                "title": recommendation,
                "kind": "recommendation",
                "parent_ref": None,
            }
        )
        for letter, bullet in zip("abcdefgh", bullets, strict=False):
            state, path, due_raw, due = _action_timing(
                rng, today, next(states), styles=PEER_REVIEW_STYLES
            )
            data["actions"].append(
                _action(
                    ref=f"{number}.{letter}",
                    section=f"{number} {recommendation}",
                    text=bullet,
                    owner=owner,
                    due_raw=due_raw,
                    due=due,
                    measures=list(measures),
                    finding=recommendation,
                )
            )
            stories[bullet] = story_for(rng, today, state, path, stated=False)
    _check_unique(data["actions"])
    return DemoPlan("peer_review", data, stories)


# --- (c) Monitoring update -------------------------------------------------------------

MONITORING_WORKSTREAMS: tuple[tuple[str, tuple[tuple[str, tuple[str, str], str], ...]], ...] = (
    (
        "Families at the Centre",
        (
            (
                "Every family has one named contact who knows their story",
                ("the named contact scheme", "the family feedback log"),
                "Named contact offered to every family starting an assessment",
            ),
            (
                "Young people's voices shape services",
                ("the youth advisory panel", "the young people's survey"),
                "Youth advisory panel meeting monthly",
            ),
        ),
    ),
    (
        "Inclusion in Schools",
        (
            (
                "Schools meet needs without waiting for an EHC plan",
                ("the inclusion toolkit", "the SENCO network programme"),
                "Inclusion toolkit launched at the SENCO conference",
            ),
            (
                "Fewer children with SEND miss education",
                ("the part-time timetable review", "the reintegration protocol"),
                "Every part-time timetable reviewed within six weeks",
            ),
        ),
    ),
    (
        "Statutory Assessment",
        (
            (
                "Assessments finish within 20 weeks",
                ("the assessment tracker", "the advice request process"),
                "Assessment tracker live for all caseworkers",
            ),
            (
                "EHC plans describe needs and outcomes well",
                ("the plan quality audit", "the outcomes writing guide"),
                "Outcomes writing guide in use by caseworkers",
            ),
        ),
    ),
    (
        "Health and Therapies",
        (
            (
                "Waiting times for assessment fall",
                ("the neurodevelopmental waiting list", "the waiting well offer"),
                "Waiting well offer available to every family on the list",
            ),
            (
                "Health advice is timely and useful",
                ("the health advice template", "the health advice quality checks"),
                "New health advice template agreed with clinicians",
            ),
        ),
    ),
    (
        "Preparing for Adulthood",
        (
            (
                "Young people plan for work, homes and friends from Year 9",
                ("the preparing for adulthood pathway", "the supported internship offer"),
                "Preparing for adulthood pathway published on the Local Offer",
            ),
            (
                "Moves to adult services are planned early",
                ("the transitions protocol", "the joint transitions panel"),
                "Joint transitions panel meeting every month",
            ),
        ),
    ),
)
NEXT_STEPS = (
    "Continue to gather feedback on {a} from families and schools.",
    "Review how well {a} is working and flag what needs to change.",
    "Agree next year's priorities for {a} with the workstream.",
    "Report progress on {a} to the next Partnership Board.",
    "Share {a} with new partners and record who uses it.",
    "Check {a} against the plan's measures of success.",
)
MONITORING_INDICATORS = (
    ("Number of requests for EHC needs assessment", "how_much"),
    ("Number of EHC plans issued", "how_much"),
    ("Share of EHC plans issued within 20 weeks", "how_well"),
    ("Share of annual reviews held on time", "how_well"),
    ("Share of families satisfied with the assessment process", "better_off"),
    ("Young people with SEND in education, employment or training", "better_off"),
)
# title, detail, rag, impact, mitigation, owner (job title)
RISKS: tuple[tuple[str, str, str, str, str, str | None], ...] = (
    (
        "High needs budget pressure",
        "Spending on specialist placements is growing faster than the grant",
        "red",
        "Money for early support is squeezed",
        "Deficit management plan agreed with the Schools Forum; monthly monitoring.",
        TITLE["DF"],
    ),
    (
        "Improvement work crowded out",
        "Day-to-day casework leaves leads little time for the improvement programme",
        "red",
        "Improvement actions slip and families wait longer",
        "Programme team protects time for leads; non-urgent work paused for a quarter.",
        TITLE["RK"],
    ),
    (
        "Health advice timeliness",
        "Some health advice for assessments arrives after six weeks",
        "amber",
        "Plans are issued late or without full health input",
        "Weekly escalation call between the DCO and provider leads.",
        TITLE["TG"],
    ),
    (
        "Caseworker vacancies",
        "Posts stay vacant for months and agency cover is costly",
        "amber",
        "Gaps in casework and delays to annual reviews",
        "Market supplement agreed for caseworkers; apprentice route opened.",
        TITLE["HO"],
    ),
    (
        "Trust of families",
        "Some families doubt that services will change",
        "amber",
        "Low take-up of engagement events and surveys",
        "Termly 'you told us, we acted' bulletin; Parent Carer Voice co-chairs the board.",
        TITLE["GO"],
    ),
    (
        "Growth in assessment requests",
        "Requests for assessment are running well above the level the service was sized for",
        "red",
        "Timeliness falls and educational psychology is overloaded",
        "Triage of requests strengthened; extra assessment capacity commissioned.",
        TITLE["PA"],
    ),
    (
        "Case management system upgrade",
        "The system upgrade may disrupt casework for several weeks",
        "green",
        "Temporary loss of reporting on timeliness",
        "Phased roll-out with parallel running and a tested fallback.",
        TITLE["KM"],
    ),
    (
        "Data quality",
        "Records of annual reviews are incomplete in places",
        "amber",
        "Leaders cannot see the true position",
        None,
        None,
    ),
)


def _monitoring(today: date) -> DemoPlan:
    rng = random.Random(f"{SEED}-monitoring")
    as_at = _months_ago(today, 1)
    data = _plan(
        title=f"Northvale SEND Improvement Programme – Monitoring update, {as_at:%B %Y}",
        organisation="Northvale SEND Partnership",
        kind="monitoring_report",
        as_at_raw=f"Monitoring update – {as_at:%B %Y}",
        as_at=as_at,
    )
    data["sections"].append(
        {"ref": None, "title": "Programme Risks/Issues", "kind": "heading", "parent_ref": None}
    )
    count = sum(4 for _, areas in MONITORING_WORKSTREAMS for _ in areas)
    states = iter(states_for(rng, count, UNDATED_MIX))
    stories: dict[str, Story] = {}
    for letter, (ws_title, areas) in zip("ABCDE", MONITORING_WORKSTREAMS, strict=True):
        ws_full = f"Workstream {letter} – {ws_title}"
        data["sections"].append(
            {"ref": letter, "title": ws_full, "kind": "workstream", "parent_ref": None}
        )
        for number, (area, things, milestone) in enumerate(areas, 1):
            ref = f"{letter}{number}"
            area_full = f"Focus Area {ref}: {area}"
            data["sections"].append(
                {"ref": ref, "title": area_full, "kind": "focus_area", "parent_ref": letter}
            )
            path_title = f"{ws_full} / {area_full}"
            for thing in things:
                for template in rng.sample(NEXT_STEPS, 2):
                    text = template.format(a=thing)
                    state, path, _, _ = _action_timing(rng, today, next(states), styles=None)
                    data["actions"].append(_action(ref=None, section=path_title, text=text))
                    stories[text] = story_for(rng, today, state, path, stated=False)
            due_raw, due = timeframe(
                rng, today, rng.choice(MILESTONE_TIMES), {"month": 2, "term": 1}
            )
            data["milestones"].append(
                {
                    "section": path_title,
                    "text": milestone,
                    "due_raw": due_raw,
                    "due": due.isoformat(),
                }
            )
    data["sections"].append(
        {"ref": None, "title": "Monitoring and Evaluation", "kind": "heading", "parent_ref": None}
    )
    for text, kind in MONITORING_INDICATORS:
        data["indicators"].append(
            {"section": "Monitoring and Evaluation", "text": text, "kind": kind}
        )
    data["risks"] += _risks(RISKS)
    _check_unique(data["actions"])
    return DemoPlan("monitoring", data, stories)


# --- Findings of the (fictional) inspection that the written statement answers ---------

# ref, text, the objectives (section refs) whose actions answer it
INSPECTION = "Joint area SEND inspection by Ofsted and the CQC"
FINDINGS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "W1",
        "Families are rarely involved in planning services, and few know the Local Offer exists.",
        ("1.1", "1.2", "1.3"),
    ),
    (
        "W2",
        "Support for pupils at SEN support varies widely between schools; exclusions are high.",
        ("2.2", "2.3"),
    ),
    (
        "W3",
        "Too few EHC plans are issued within 20 weeks, and too many plans are of poor quality.",
        ("3.1", "3.2"),
    ),
    (
        "W4",
        "Leaders do not commission services jointly, and waits for therapies are too long.",
        ("4.1", "4.2"),
    ),
    (
        "W5",
        "Young people are not prepared well enough for adult life, and moves to adult "
        "services are planned late.",
        ("4.3",),
    ),
)


def inspection_date(today: date) -> date:
    return _months_ago(today, 20)


def plan_start(today: date) -> date:
    """When the partnership set its plans up: six weeks after the inspection."""
    return inspection_date(today) + timedelta(days=42)


def demo_plans(today: date) -> list[DemoPlan]:
    """The three Northvale plans as of `today`, each with its story since `plan_start`."""
    return [
        _with_backstory(p, today) for p in (_wsoa(today), _peer_review(today), _monitoring(today))
    ]


# --- What happened before the recent updates ---------------------------------------------

REPLAN_CHANCE = {
    "delayed": 0.8,
    "overdue": 0.5,
    "quiet": 0.4,
    "on_track": 0.35,
    "complete": 0.35,
    "due_soon": 0.2,
}


def _with_backstory(demo: DemoPlan, today: date) -> DemoPlan:
    """Fill the months since the plan started, so a board report of any past month has
    something to say: earlier updates, completions spread over the months, and due dates the
    board moved (the plan as first written gives the first date; a `Replan` the later one).

    Uses its own random stream, so the plan's text and today's ratings stay as they are.
    """
    rng = random.Random(f"{SEED}-{demo.key}-backstory")
    start = plan_start(today)
    earliest = start + timedelta(days=14)
    stories = dict(demo.stories)
    for action in demo.data["actions"]:
        story = stories[action["text"]]
        updates = list(story.updates)
        if story.state == "complete" and updates and rng.random() < 0.75:
            updates = _moved_back(rng, updates, earliest + timedelta(days=45), today, earliest)
        if updates and updates[0].status not in {"not_started", "complete"}:
            for _ in range(rng.randint(0, 3)):
                on = updates[0].on - timedelta(days=rng.randint(30, 75))
                if on < earliest:
                    break
                updates.insert(0, Update(on, "in_progress", _commentary(rng, "in_progress")))
        replans: tuple[Replan, ...] = ()
        if action["due"] and rng.random() < REPLAN_CHANCE.get(story.state, 0.0):
            done = updates[-1].on if story.state == "complete" and updates else today
            replan = _replan(rng, action, start, min(done, today) - timedelta(days=1))
            if replan is not None:
                replans = (replan,)
        last = updates[-1].on if updates else story.last_activity_on
        stories[action["text"]] = Story(story.state, tuple(updates), last, replans)
    return DemoPlan(demo.key, demo.data, stories)


def _moved_back(
    rng: random.Random, updates: list[Update], low: date, today: date, earliest: date
) -> list[Update]:
    """The same updates, finishing on a day between `low` and a few days ago."""
    span = (today - timedelta(days=4) - low).days
    last = low + timedelta(days=rng.randint(0, max(span, 0)))
    dates = [last]
    for _ in updates[1:]:
        dates.insert(0, max(earliest, dates[0] - timedelta(days=rng.randint(14, 50))))
    return [Update(on, u.status, u.commentary) for on, u in zip(dates, updates, strict=True)]


def _replan(rng: random.Random, action: dict[str, Any], start: date, latest: date) -> Replan | None:
    """First due at the end of an earlier month; moved to today's date on a later day."""
    due = date.fromisoformat(action["due"])
    low, high = (
        start + timedelta(days=60),
        min(due - timedelta(days=45), latest - timedelta(days=10)),
    )
    if high <= low:
        return None
    first = month_end(low + timedelta(days=rng.randint(0, (high - low).days)))
    if first >= due or first >= latest:
        return None
    on = min(first + timedelta(days=rng.randint(14, 75)), latest, due - timedelta(days=1))
    if on <= first:
        return None
    replan = Replan(on, action["due_raw"], due)
    action["due_raw"], action["due"] = f"{first:%B %Y}", first.isoformat()
    return replan


def _risks(rows: tuple[tuple[str | None, ...], ...]) -> list[dict[str, str | None]]:
    """Risk register rows as Plan JSON risks."""
    keys = ("title", "detail", "rag", "impact", "mitigation", "owner")
    return [dict(zip(keys, row, strict=True)) for row in rows]
