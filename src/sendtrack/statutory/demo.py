"""Synthetic statutory casework for the demo and the benchmark: no real child is in it.

`load_statutory_demo(partnership)` makes ~40 settings, 3,000 children with EHC plans (each
with its reviews, 6-monthly for a child under 5, and, where the year group moves phase, a
transfer), 400 open assessment requests, a casework officer `officer` and a SENCO `senco`
(password "sendtrack-demo"; with `user_prefix`, `northdale-officer` … instead), and, when
no DfE file is loaded, made-up England and region timeliness figures to compare with. The
same seed and the same `today` give the same data. Rows are written with bulk_create, so no
history is kept for them (history starts with the first change a user makes).
"""

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from sendtrack.accounts.models import Membership, Partnership, Role, User
from sendtrack.domain.statutory import (
    ExceptionReason,
    TransferType,
    add_months,
    annual_review_due,
    phase_transfer_deadline,
)

from .comparators import DFE_COLUMNS, load_comparators
from .models import (
    AnnualReview,
    AssessDecision,
    AssessmentOutcome,
    Child,
    DfEComparator,
    EHCNeedsAssessment,
    EHCPlan,
    PhaseTransfer,
    Requester,
    ReviewDecision,
    Setting,
    SettingContact,
    SettingKind,
    SettingPhase,
    StatutoryArea,
    TimeLimitException,
    TransferStatus,
)

DEMO_PASSWORD = "sendtrack-demo"
FIRST_NAMES = (
    "Amelia Noah Olivia Leo Isla Oscar Ava Arthur Mia Muhammad Ivy George Freya Harry Lily "
    "Theo Grace Jack Sophia Finley Evie Charlie Ella Alfie Poppy Jacob Aria Henry Zara Ibrahim"
).split()
LAST_NAMES = (
    "Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Wright Robinson Thompson "
    "Evans Walker White Roberts Green Hall Wood Jackson Clarke Khan Hughes Edwards Ahmed Lewis"
).split()
PLACES = (
    "Northvale Ashby Brookfield Castlegate Dunmore Eastwick Fairholme Glenside Hartley "
    "Kingsmead Larkhill Millbrook Newbold Oakridge Parkside Queensway Riverside Southfield"
).split()

# Year group -> age on 1 September of the current school year.
YEAR_AGES = {"N": 3, "R": 4, **{str(y): y + 4 for y in range(1, 15)}}
# Year groups that move phase next September, and how.
TRANSFERS = {
    "N": TransferType.EARLY_YEARS_TO_SCHOOL,
    "6": TransferType.PRIMARY_TO_SECONDARY,
    "11": TransferType.SECONDARY_TO_POST16,
    "13": TransferType.POST16_TO_POST16,
}


@dataclass(frozen=True)
class DemoResult:
    settings: int
    children: int
    plans: int
    open_assessments: int
    reviews: int
    transfers: int


def _school_year_start(today: date) -> date:
    return date(today.year if today.month >= 9 else today.year - 1, 9, 1)


class DemoUserTaken(ValueError):
    """A username the demo would make belongs to someone of another partnership."""


def _demo_user(partnership: Partnership, username: str, role: Role, first: str, last: str) -> User:
    """A demo sign-in of this partnership; never a user of another partnership made a member."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    elif user.memberships.exclude(partnership=partnership).exists():
        raise DemoUserTaken(
            f"The username {username} belongs to a user of another partnership: the demo "
            "would make them a member of this one. Nothing was added."
        )
    Membership.objects.get_or_create(user=user, partnership=partnership, defaults={"role": role})
    return user


def _settings(partnership: Partnership, rng: random.Random, count: int) -> list[Setting]:
    kinds = [
        (SettingKind.SCHOOL, SettingPhase.PRIMARY, "Primary School", 14),
        (SettingKind.SCHOOL, SettingPhase.SECONDARY, "Academy", 10),
        (SettingKind.SCHOOL, SettingPhase.SPECIAL, "Special School", 6),
        (SettingKind.EARLY_YEARS, SettingPhase.EARLY_YEARS, "Nursery", 5),
        (SettingKind.COLLEGE, SettingPhase.POST16, "College", 5),
    ]
    rows = []
    for n in range(count):
        kind, phase, suffix, _ = kinds[n % len(kinds)] if n >= 5 else kinds[n]
        place = PLACES[n % len(PLACES)]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        rows.append(
            Setting(
                partnership=partnership,
                name=f"{place} {suffix}" + (f" {n // len(PLACES) + 1}" if n >= len(PLACES) else ""),
                kind=kind,
                urn=str(900000 + n),
                phase=phase,
                senco_name=f"{first} {last}",
                senco_email=f"senco{n + 1}@school.example.org",
            )
        )
    return Setting.objects.bulk_create(rows)


def _setting_for(year: str, by_phase: dict[str, list[Setting]], rng: random.Random) -> Setting:
    if rng.random() < 0.12:
        return rng.choice(by_phase[SettingPhase.SPECIAL])
    if year in {"N"}:
        return rng.choice(by_phase[SettingPhase.EARLY_YEARS])
    if year in {"R", "1", "2", "3", "4", "5", "6"}:
        return rng.choice(by_phase[SettingPhase.PRIMARY])
    if year in {"7", "8", "9", "10", "11"}:
        return rng.choice(by_phase[SettingPhase.SECONDARY])
    return rng.choice(by_phase[SettingPhase.POST16])


DEMO_COMPARATORS = "Synthetic demo figures in the DfE layout, not published statistics"


def demo_comparator_csv(region_name: str, today: date, seed: int) -> str:
    """A made-up file in the DfE timeliness layout: England and the region, for the ten
    years to `today`'s, so the demo's measures page has figures to compare with.
    """
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    out = io.StringIO()
    out.write("# Synthetic demo figures in the DfE layout, not published statistics.\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DFE_COLUMNS)
    first = today.year - 9
    for year in range(first, today.year + 1):
        england = round(50000 * 1.07 ** (year - first) * rng.uniform(0.97, 1.03))
        places = [("National", "", england)]
        if region_name:
            places.append(("Regional", region_name, round(england * rng.uniform(0.09, 0.12))))
        for level, region, plans in places:
            rate = 0.62 - 0.017 * (year - first) + rng.uniform(-0.06, 0.06)
            on_time = round(plans * rate)
            all_plans = plans + round(plans * rng.uniform(0.05, 0.09))  # with exceptions too
            all_on_time = on_time + round((all_plans - plans) * rng.uniform(0.2, 0.4))
            writer.writerow(
                [year, "Calendar year", level, region, "", "", plans, on_time]
                + [f"{100 * on_time / plans:.1f}", all_plans, all_on_time]
                + [f"{100 * all_on_time / all_plans:.1f}"]
            )
    return out.getvalue()


def load_demo_comparators(region_name: str, today: date, seed: int = 2026) -> int:
    """Load the made-up England and region figures through the same loader as
    `sendtrack load-comparators`, only when no file has been loaded: real DfE figures are
    never overwritten, and the demo needs no file from outside the project. Returns the rows.
    """
    if DfEComparator.objects.exists():
        return 0
    figures = io.StringIO(demo_comparator_csv(region_name, today, seed))
    return load_comparators(figures, source=DEMO_COMPARATORS).rows


def _demo_users(partnership: Partnership, prefix: str) -> tuple[list[User], User]:
    """The demo's casework officers and its SENCO (and a team manager), named after `prefix`."""

    def user(name: str, role: Role, first: str, last: str) -> User:
        return _demo_user(partnership, prefix + name, role, first, last)

    officers = [user("officer", Role.CASEWORK_OFFICER, "Casey", "Officer")]
    officers += [
        user(f"caseworker{n}", Role.CASEWORK_OFFICER, "Demo", f"Caseworker {n}")
        for n in range(2, 7)
    ]
    user("teammanager", Role.TEAM_MANAGER, "Tess", "Manager")
    return officers, user("senco", Role.SENCO, "Sam", "Senco")


@transaction.atomic
def load_statutory_demo(
    partnership: Partnership,
    *,
    children: int = 3000,
    open_assessments: int = 400,
    settings: int = 40,
    seed: int = 2026,
    today: date | None = None,
    user_prefix: str = "",
) -> DemoResult:
    """Create the synthetic statutory casework. Does nothing if the partnership has some.

    Its sign-ins are `officer`, `caseworker2` … `caseworker6`, `teammanager` and `senco`, each
    name after `user_prefix` (`"northdale-"` gives `northdale-officer` …). A name already
    used by someone of another partnership raises DemoUserTaken, and nothing is added."""
    if Child.objects.filter(partnership=partnership).exists():
        return DemoResult(0, 0, 0, 0, 0, 0)
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    today = today or timezone.localdate()
    area, _ = StatutoryArea.objects.get_or_create(
        partnership=partnership,
        defaults={"la_code": "E10000099", "la_name": "Northvale", "region_name": "West Midlands"},
    )
    load_demo_comparators(area.region_name, today, seed)

    officers, senco = _demo_users(partnership, user_prefix)

    setting_rows = _settings(partnership, rng, settings)
    by_phase: dict[str, list[Setting]] = {}
    for setting in setting_rows:
        by_phase.setdefault(setting.phase, []).append(setting)
    SettingContact.objects.get_or_create(
        partnership=partnership, user=senco, setting=by_phase[SettingPhase.PRIMARY][0]
    )

    year_start = _school_year_start(today)
    years = list(YEAR_AGES)
    weights = [1, 3, 5, 6, 7, 8, 9, 10, 10, 10, 10, 10, 10, 9, 6, 4]
    child_rows: list[Child] = []
    total = children + open_assessments
    for n in range(total):
        year = rng.choices(years, weights)[0]
        age = YEAR_AGES[year]
        born = date(year_start.year - age - 1, 9, 1) + timedelta(days=rng.randint(0, 364))
        child_rows.append(
            Child(
                partnership=partnership,
                case_reference=f"EHC-{n + 1:06d}",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                date_of_birth=born,
                upn="",
                setting=_setting_for(year, by_phase, rng),
                year_group=year,
                officer=rng.choice(officers),
            )
        )
    child_rows = Child.objects.bulk_create(child_rows, batch_size=1000)
    with_plans, requesting = child_rows[:children], child_rows[children:]

    # Completed assessments (for the measures) and plans.
    assessments: list[EHCNeedsAssessment] = []
    plan_rows: list[EHCPlan] = []
    for child in with_plans:
        earliest = max(child.date_of_birth + timedelta(days=400), today - timedelta(days=3650))
        span = max((today - timedelta(days=30) - earliest).days, 1)
        issued = earliest + timedelta(days=rng.randint(0, span))
        weeks = rng.choice([14, 16, 18, 19, 20, 20, 21, 24, 28, 32])
        received = issued - timedelta(days=weeks * 7 - rng.randint(0, 6))
        decided = received + timedelta(days=rng.randint(21, 56))
        if decided > issued:
            decided = received + timedelta(days=(issued - received).days // 2)
        assessments.append(
            EHCNeedsAssessment(
                partnership=partnership,
                child=child,
                request_received=received,
                requested_by=rng.choice(Requester.values),
                decision=AssessDecision.ASSESS,
                decision_date=decided,
                evidence_received=decided + timedelta(days=30),
                draft_issued=issued - timedelta(days=rng.randint(15, 30)),
                final_issued=issued,
                outcome=AssessmentOutcome.PLAN_ISSUED,
                outcome_date=issued,
                assigned_officer=child.officer,
            )
        )
        plan_rows.append(
            EHCPlan(
                partnership=partnership,
                child=child,
                issued=issued,
                named_setting=child.setting,
            )
        )
    assessments = EHCNeedsAssessment.objects.bulk_create(assessments, batch_size=1000)
    for plan, assessment in zip(plan_rows, assessments, strict=True):
        plan.assessment = assessment
    plan_rows = EHCPlan.objects.bulk_create(plan_rows, batch_size=1000)

    exceptions = [
        TimeLimitException(
            partnership=partnership,
            assessment=a,
            reason=rng.choice(list(ExceptionReason)).value,
            start=a.request_received + timedelta(days=rng.randint(14, 60)),
            end=a.request_received + timedelta(days=rng.randint(95, 120)),
            note="Synthetic exception.",
        )
        for a in assessments
        if a.final_issued
        and (a.final_issued - a.request_received).days > 140
        and rng.random() < 0.2
    ]

    # Open requests: some awaiting a decision, some assessing, a few heading past 20 weeks.
    open_rows = []
    for child in requesting:
        received = today - timedelta(days=rng.randint(0, 24 * 7))
        decided = received + timedelta(days=rng.randint(20, 50))
        has_decision = decided <= today and rng.random() < 0.8
        draft = received + timedelta(days=rng.randint(90, 130))
        open_rows.append(
            EHCNeedsAssessment(
                partnership=partnership,
                child=child,
                request_received=received,
                requested_by=rng.choice(Requester.values),
                decision=AssessDecision.ASSESS if has_decision else "",
                decision_date=decided if has_decision else None,
                draft_issued=draft if has_decision and draft <= today else None,
                assigned_officer=child.officer,
            )
        )
    open_rows = EHCNeedsAssessment.objects.bulk_create(open_rows, batch_size=1000)
    exceptions += [
        TimeLimitException(
            partnership=partnership,
            assessment=a,
            reason=ExceptionReason.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES.value,
            start=a.request_received + timedelta(days=10),
            end=None,
            note="Synthetic: family bereavement.",
        )
        for a in open_rows
        if rng.random() < 0.05
    ]
    TimeLimitException.objects.bulk_create(exceptions, batch_size=1000)

    # Reviews: those already held and the next one due. The child's date of birth goes to
    # the rule, so a child under 5 is reviewed every 6 months rather than 12 (CoP 9.178).
    reviews: list[AnnualReview] = []
    for plan, child in zip(plan_rows, with_plans, strict=True):
        born = child.date_of_birth
        counted_from = plan.issued
        due = annual_review_due(plan.issued, None, born)
        # Reviews due up to a fortnight ago were held, most of them on time; a few (as in
        # every area) were never held and are still open, overdue, on the worklist.
        while due < today - timedelta(days=14):
            meeting = due + timedelta(days=rng.randint(-40, 25))
            meeting = max(meeting, counted_from + timedelta(days=1))
            if meeting > today or rng.random() < 0.03:
                break
            notified = meeting + timedelta(days=rng.randint(10, 40))
            reviews.append(
                AnnualReview(
                    partnership=partnership,
                    plan=plan,
                    counted_from=counted_from,
                    due=due,
                    meeting_date=meeting,
                    paperwork_received=meeting + timedelta(days=rng.randint(1, 14)),
                    decision=ReviewDecision.MAINTAIN
                    if rng.random() < 0.7
                    else ReviewDecision.AMEND,
                    decision_notified=min(notified, today),
                )
            )
            counted_from = meeting
            due = annual_review_due(plan.issued, meeting, born)
        held = due - timedelta(days=rng.randint(0, 50))
        meeting_held = held <= today and rng.random() < 0.25
        reviews.append(
            AnnualReview(
                partnership=partnership,
                plan=plan,
                counted_from=counted_from,
                due=due,
                meeting_date=held if meeting_held else None,
                paperwork_received=min(held + timedelta(days=3), today) if meeting_held else None,
            )
        )
    AnnualReview.objects.bulk_create(reviews, batch_size=2000)

    # Phase transfers next September for children in a transfer year, and last September's.
    transfers: list[PhaseTransfer] = []
    next_september = date(year_start.year + 1, 9, 1)
    for plan, child in zip(plan_rows, with_plans, strict=True):
        kind = TRANSFERS.get(child.year_group)
        if kind is None:
            continue
        deadline = phase_transfer_deadline(kind, next_september)
        finalised = deadline - timedelta(days=rng.randint(-20, 60))
        done = finalised <= today and rng.random() < 0.8
        transfers.append(
            PhaseTransfer(
                partnership=partnership,
                plan=plan,
                transfer_type=kind.value,
                transfer_date=next_september,
                deadline=deadline,
                named_setting=None,
                status=TransferStatus.FINALISED
                if done
                else rng.choice([TransferStatus.PLANNED, TransferStatus.CONSULTING]),
                finalised_date=finalised if done else None,
            )
        )
    # Transfers that happened last September (for the measures), for older year groups.
    previous = {"7": TransferType.PRIMARY_TO_SECONDARY, "12": TransferType.SECONDARY_TO_POST16}
    last_september = date(year_start.year, 9, 1)
    for plan, child in zip(plan_rows, with_plans, strict=True):
        kind = previous.get(child.year_group)
        if kind is None or plan.issued > add_months(last_september, -9):
            continue
        deadline = phase_transfer_deadline(kind, last_september)
        transfers.append(
            PhaseTransfer(
                partnership=partnership,
                plan=plan,
                transfer_type=kind.value,
                transfer_date=last_september,
                deadline=deadline,
                named_setting=child.setting,
                status=TransferStatus.FINALISED,
                finalised_date=deadline + timedelta(days=rng.randint(-45, 20)),
            )
        )
    PhaseTransfer.objects.bulk_create(transfers, batch_size=2000)
    return DemoResult(
        settings=len(setting_rows),
        children=len(child_rows),
        plans=len(plan_rows),
        open_assessments=len(open_rows),
        reviews=len(reviews),
        transfers=len(transfers),
    )
