"""(a) The written statement of action: workstreams, objectives, numbered actions."""

import random
from collections.abc import Iterator
from datetime import date
from typing import Any

from ..people import COUNCIL, ICB
from .common import (
    DATED_MIX,
    MILESTONE_TIMES,
    SEED,
    STATUS_LABELS,
    TITLE,
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
