"""(c) The monitoring update: workstreams, focus areas, next steps and risks."""

import random
from datetime import date

from .common import (
    MILESTONE_TIMES,
    SEED,
    TITLE,
    UNDATED_MIX,
    DemoPlan,
    Story,
    _action,
    _action_timing,
    _check_unique,
    _months_ago,
    _plan,
    _risks,
    states_for,
    story_for,
    timeframe,
)

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
RISKS: tuple[tuple[str, str, str, str, str | None, str | None], ...] = (
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
