"""Synthetic SENDIASS casework for the demo (and, larger, for bench/sendiass.py).

`load_sendiass_demo()` makes two SENDIASS accounts in the SENDIASS database,
`sendiass-manager` and `sendiass-caseworker` (password "sendtrack-demo"; they sign in at
/sendiass/sign-in/, not with the council's sign-in), and writes ~1,500 made-up cases with
contacts, consents and evaluations. Every name is invented. Rows are written with
bulk_create, so they have no history rows.
"""

import random
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sendtrack.domain.consent import review_date

from .evaluations import financial_year_of
from .models import (
    CaseLevel,
    CaseStatus,
    Channel,
    Complaint,
    Consent,
    Contact,
    DeficitReason,
    EvaluationKind,
    EvaluationResponse,
    EvaluationTally,
    HeardAbout,
    Issue,
    ReferralRoute,
    SendiassCase,
    SendiassStaff,
    ServiceDeficit,
    ServiceUser,
    Theme,
    TriageCriterion,
)
from .routers import DATABASE
from .services import add_working_days, sync_case_topics

DEMO_PASSWORD = "sendtrack-demo"  # noqa: S105 - published demo sign-in
FIRST = [
    "Alex",
    "Sam",
    "Jo",
    "Priya",
    "Mohammed",
    "Aisha",
    "Tom",
    "Grace",
    "Kai",
    "Zara",
    "Ben",
    "Chloe",
    "Dan",
    "Emma",
    "Femi",
    "Hana",
    "Isla",
    "Jack",
    "Leah",
    "Noah",
]
LAST = [
    "Smith",
    "Khan",
    "Jones",
    "Patel",
    "Brown",
    "Ahmed",
    "Taylor",
    "Wilson",
    "Evans",
    "Begum",
    "Thomas",
    "Roberts",
    "Walker",
    "Wright",
    "Hughes",
    "Hall",
    "Green",
    "Lewis",
]
PARTIES = [
    ("SENCo", "school"),
    ("Educational psychologist", "Council"),
    ("SEN caseworker", "Council"),
    ("Speech and language therapist", "NHS Trust"),
    ("Social worker", "Council"),
    ("Class teacher", "school"),
]
CRITERIA = [
    ("Tribunal or legal deadline within 4 weeks", 5),
    ("Child out of school", 4),
    ("At risk of exclusion", 3),
    ("Young person asking for themselves", 2),
    ("Family needs an interpreter or extra help to take part", 2),
]


def demo_staff(username: str, name: str, role: str, trained: bool) -> int:
    """A SENDIASS account with the demo password (made once); its staff number."""
    staff = SendiassStaff.objects.filter(username=username).first()
    if staff is None:
        highest = SendiassStaff.objects.aggregate(highest=Max("user_id"))["highest"] or 0
        staff = SendiassStaff(user_id=highest + 1, username=username)
    if not staff.has_usable_password:
        staff.password = make_password(DEMO_PASSWORD)
    staff.name, staff.role, staff.trained_for_level_4, staff.active = name, role, trained, True
    staff.save()
    return staff.user_id


def generate_cases(
    *, cases: int, contacts: int, staff_ids: list[int], seed: int = 2026, today: date | None = None
) -> None:
    """Write `cases` synthetic cases over the last three years with `contacts` contacts."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    today = today or timezone.localdate()
    issues, themes = Issue.values, Theme.values
    heard = HeardAbout.values
    channels = [Channel.PHONE, Channel.EMAIL, Channel.FACE_TO_FACE, Channel.VIDEO, Channel.MEETING]
    criteria = list(TriageCriterion.objects.filter(active=True))
    batch = 2000
    with transaction.atomic(using=DATABASE):
        made = 0
        while made < cases:
            size = min(batch, cases - made)
            users = ServiceUser.objects.bulk_create(
                [
                    ServiceUser(
                        kind="young_person" if rng.random() < 0.08 else "parent_carer",
                        name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                        email=f"family{made + i}@example.org",
                        phone=f"07700 9{rng.randint(10000, 99999)}",
                        heard_about=rng.choice(heard),
                    )
                    for i in range(size)
                ]
            )
            rows = []
            picks: list[list[TriageCriterion]] = []  # each case's triage criteria
            for user in users:
                referred = today - timedelta(days=rng.randint(0, 3 * 365))
                age = (today - referred).days
                level = rng.choices([1, 2, 3, 4], weights=[45, 30, 18, 7])[0]
                closed = None
                status = CaseStatus.OPEN
                if age > 60 and rng.random() < 0.85:
                    closed = referred + timedelta(days=rng.randint(1, min(age, 300)))
                    status = CaseStatus.CLOSED
                elif age < 21 and rng.random() < 0.5:
                    status = CaseStatus.WAITING
                picked = [c for c in criteria if rng.random() < 0.15]
                route = rng.choices(
                    [
                        ReferralRoute.PARENT_CARER,
                        ReferralRoute.YOUNG_PERSON,
                        ReferralRoute.EXCEPTION,
                    ],
                    weights=[88, 10, 2],
                )[0]
                case = SendiassCase(
                    service_user=user,
                    status=status,
                    referred_on=referred,
                    opened_on=None if status == CaseStatus.WAITING else referred,
                    closed_on=closed,
                    referral_route=route,
                    referral_exception_reason="Parent asked the school to refer for them"
                    if route == ReferralRoute.EXCEPTION
                    else "",
                    contact_channel=rng.choice(channels),
                    issues=sorted(set(rng.sample(issues, rng.randint(1, 3)))),
                    themes=sorted(set(rng.sample(themes, rng.randint(0, 2)))),
                    level=level,
                    caseworker_user_id=None
                    if status == CaseStatus.WAITING
                    else rng.choice(staff_ids),
                    priority=sum(c.weight for c in picked),
                    summary="Synthetic case for the demonstration.",
                )
                rows.append(case)
                picks.append(picked)
            created = SendiassCase.objects.bulk_create(rows)
            through = SendiassCase.triage_criteria.through
            through.objects.bulk_create(
                [
                    through(sendiasscase_id=c.pk, triagecriterion_id=t.pk)
                    for c, chosen in zip(created, picks, strict=True)
                    for t in chosen
                ]
            )
            sync_case_topics(created)
            CaseLevel.objects.bulk_create(
                [
                    CaseLevel(case_id=c.pk, level=c.level, applies_from=c.referred_on)
                    for c in created
                ]
            )
            consents = []
            for c in created:
                if rng.random() < 0.6:
                    role, org = rng.choice(PARTIES)
                    given = c.referred_on + timedelta(days=rng.randint(0, 20))
                    consents.append(
                        Consent(
                            service_user_id=c.service_user_id,
                            party_name=role,
                            party_organisation=f"Northvale {org}"
                            if org != "school"
                            else "Northvale Primary",
                            decision="refused" if rng.random() < 0.05 else "given",
                            given_on=given,
                            channel=Channel.PHONE,
                            given_by="Parent",
                            review_on=review_date(given),
                        )
                    )
            Consent.objects.bulk_create(consents)
            per_case = contacts * size // cases
            contact_rows = []
            for _ in range(per_case):
                c = created[rng.randrange(len(created))]
                end = c.closed_on or today
                span = max(0, (end - c.referred_on).days)
                contact_rows.append(
                    Contact(
                        case_id=c.pk,
                        on=c.referred_on + timedelta(days=rng.randint(0, span)),
                        channel=rng.choice(channels),
                        minutes=rng.choice([10, 15, 20, 30, 45, 60, 90]),
                        notes="Synthetic contact note.",
                        recorded_by_user_id=c.caseworker_user_id,
                    )
                )
            Contact.objects.bulk_create(contact_rows, batch_size=5000)
            made += size


def _extras(today: date, rng: random.Random) -> None:
    for position, (name, weight) in enumerate(CRITERIA):
        TriageCriterion.objects.get_or_create(
            name=name, defaults={"weight": weight, "position": position}
        )
    months = [(today.replace(day=1) - timedelta(days=30 * n)).replace(day=1) for n in range(24)]
    answers = ["strongly_agree", "agree", "agree", "neither", "disagree"]
    for month in months:
        EvaluationTally.objects.get_or_create(
            kind=EvaluationKind.SERVICE_USER, month=month, defaults={"sent": rng.randint(20, 40)}
        )
        EvaluationResponse.objects.bulk_create(
            [
                EvaluationResponse(
                    kind=EvaluationKind.SERVICE_USER,
                    year=financial_year_of(month),
                    answers={
                        q: rng.choice(answers)
                        for q in [
                            "easy_to_contact",
                            "impartial",
                            "understand_options",
                            "more_confident",
                            "recommend",
                        ]
                    },
                )
                for _ in range(rng.randint(5, 15))
            ]
        )
    ServiceDeficit.objects.bulk_create(
        [
            ServiceDeficit(
                recorded_on=today - timedelta(days=rng.randint(0, 700)),
                level_requested=rng.randint(2, 4),
                request="Support at a meeting",
                reason=rng.choice(DeficitReason.values),
            )
            for _ in range(40)
        ]
    )
    for n in range(6):
        received = today - timedelta(days=20 * n + 3)
        Complaint.objects.create(
            received_on=received,
            complainant=f"{FIRST[n]} {LAST[n]}",
            summary="Waited too long for a call back.",
            acknowledge_by=add_working_days(received, 5),
            respond_by=add_working_days(received, 20),
            acknowledged_on=received + timedelta(days=2) if n else None,
            responded_on=received + timedelta(days=18) if n > 2 else None,
            outcome="partly_upheld" if n > 2 else "",
        )


def load_sendiass_demo(cases: int = 1500, contacts: int = 7500) -> dict[str, int]:
    """Demo casework; does nothing if the demo cases are already there."""
    manager = demo_staff("sendiass-manager", "Morgan Manager", "manager", True)
    caseworker = demo_staff("sendiass-caseworker", "Casey Worker", "caseworker", False)
    if SendiassCase.objects.count() >= cases:
        return {"cases": SendiassCase.objects.count()}
    today = timezone.localdate()
    with transaction.atomic(using=DATABASE):
        _extras(today, random.Random(7))  # noqa: S311 - synthetic data
    generate_cases(cases=cases, contacts=contacts, staff_ids=[manager, caseworker], today=today)
    return {"cases": SendiassCase.objects.count(), "contacts": Contact.objects.count()}
