"""(b) The peer review plan: recommendations with bulleted actions owned by initials."""

import random
from datetime import date

from ..people import COUNCIL, PERSON_BY_INITIALS
from .common import (
    DATED_MIX,
    SEED,
    DemoPlan,
    Story,
    _action,
    _action_timing,
    _check_unique,
    _months_ago,
    _plan,
    states_for,
    story_for,
)

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
