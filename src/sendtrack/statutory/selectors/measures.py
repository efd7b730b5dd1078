"""The DfE timeliness measures of one partnership, counted by the database
(domain.md sections 1 and 5; docs/statutory.md section 7)."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from sendtrack.accounts.models import Partnership, User
from sendtrack.domain.dates import MONTH_NAMES
from sendtrack.domain.statutory import (
    DECISION_TO_ASSESS_WEEKS,
    EXCEPTION_COVERAGE,
    FINAL_PLAN_WEEKS,
    FOUR_WEEKS,
    POST16_TRANSFER_NOTICE_MONTHS,
    Clock,
    Rate,
    TransferType,
)
from sendtrack.domain.statutory import ExceptionReason as DomainReason

from ..dbdates import DatePart, DaysBetween, month_key, ymd
from ..models import (
    AnnualReview,
    AssessmentOutcome,
    EHCNeedsAssessment,
    PhaseTransfer,
    PlanStatus,
    Setting,
)
from ..models import TimeLimitException as ExceptionRow

MEASURES = [
    ("new_plans_ex", "New EHC plans issued within 20 weeks, excluding exceptions (SEN2)"),
    ("new_plans_inc", "New EHC plans issued within 20 weeks, including exceptions (SEN2)"),
    ("decisions", "Decisions whether to assess made within 6 weeks"),
    ("reviews", "Annual review meetings held within 12 months"),
    ("transfers", "Phase transfer plans amended by the deadline"),
]

GROUPINGS = {"month": "Month", "officer": "Officer", "setting": "Setting"}


@dataclass
class MeasureRow:
    label: str
    new_plans_ex: Rate = field(default_factory=lambda: Rate(0, 0))
    new_plans_inc: Rate = field(default_factory=lambda: Rate(0, 0))
    decisions: Rate = field(default_factory=lambda: Rate(0, 0))
    reviews: Rate = field(default_factory=lambda: Rate(0, 0))
    transfers: Rate = field(default_factory=lambda: Rate(0, 0))

    def rate(self, key: str) -> Rate:
        rate: Rate = getattr(self, key)
        return rate


@dataclass
class Measures:
    year: int
    total: MeasureRow
    groups: list[MeasureRow]
    grouping: str


ONE_YEAR = 10000  # in _ymd numbers: the same day and month a year later


def _long_enough(today: date) -> Q:
    """`meets_four_week_minimum`: the reason needs no minimum, or the closure or absence lasted
    28 days counting both ends (an open-ended one up to `today`). Needs the `length` alias."""
    last_start = today - FOUR_WEEKS + timedelta(days=1)
    return (
        Q(reason__in=[r.value for r in DomainReason if not r.needs_four_weeks])
        | Q(end__isnull=True, start__lte=last_start)
        | Q(end__isnull=False, length__gte=FOUR_WEEKS.days - 1)
    )


def _exception_applies(clock: Clock, deadline_days: int, met_field: str, today: date) -> Exists:
    """An exception row that `applicable_exceptions` would count for a step done on `met_field`.

    It started on or before the deadline (request + `deadline_days`) and before the step was
    done, its reason covers the clock, it had not ended before the request was received, and
    it is long enough for its limb (4 weeks for closures and absence; open-ended ones are
    measured to `today`). The request date is read from the outer row, so the subquery needs
    no join.
    """
    received = OuterRef("request_received")
    return Exists(
        ExceptionRow.objects.filter(
            assessment=OuterRef("pk"),
            reason__in=[r.value for r in EXCEPTION_COVERAGE.get(clock, ())],
            start__lt=OuterRef(met_field),
        )
        .alias(offset=DaysBetween("start", received), length=DaysBetween("end", "start"))
        .filter(offset__lte=deadline_days)
        .filter(Q(end__isnull=True) | Q(end__gte=received))
        .filter(_long_enough(today))
    )


def _bucket(grouping: str, event: str, officer: str, setting: str) -> Any:
    if grouping == "month":
        return DatePart(event, "month")
    return F(officer if grouping == "officer" else setting)


Bucket = Callable[[str, str, str], Any]
"""Given a measure's event date, officer and setting fields: the expression to group by."""


def _grouped(
    queryset: QuerySet[Any], bucket: Any, *also_by: str, **counts: Q | None
) -> QuerySet[Any]:
    """One grouped query: a row per bucket (and value of `also_by`), each count a
    conditional COUNT."""
    return (
        queryset.annotate(bucket=bucket)
        .values("bucket", *also_by)
        .order_by("bucket", *also_by)
        .annotate(**{name: Count("pk", filter=condition) for name, condition in counts.items()})
    )


def measure_queries(
    scope: Q, year: int, bucket: Bucket, as_at: date | None = None, today: date | None = None
) -> dict[str, QuerySet[Any]]:
    """The four grouped queries behind every measure, for the cases `scope` selects.

    Each case counts in the year of its event: a new plan by its final issue date, a
    decision by its decision date, a review by its due date, a transfer by its deadline
    (the way SEN2 counts plans issued in the calendar year). Each condition is the domain
    rule it stands for (the Rate functions in sendtrack.domain.statutory), and
    tests/statutory/test_measures_database.py checks that the counts equal those
    functions' over a varied set of cases. Every model filtered here has a `partnership`
    field, so `scope` is usually Q(partnership=...); an empty Q() counts every partnership.

    With `as_at` (a year still running), a review or transfer whose date is still to come
    and has not happened yet is left out: it cannot be late yet, so counting it as missed
    would make this year look worse than it is.

    A review or transfer whose plan ceased before its due date (deadline) and that was not
    held (amended) is left out: there was no plan left to review (`review_in_measure`,
    `transfer_in_measure`).

    `today` (default `as_at`, else the local date) is the day an exception still open is
    measured to, for the 4-week minimum of closures and absence (`meets_four_week_minimum`).
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    today = today or as_at or timezone.localdate()
    ceased = PlanStatus.CEASED

    # New plans (SEN2): within 20 weeks = issued on or before request + 140 days. A plan
    # "issued" before its request is bad data (the import refuses it) and never counted.
    # Grouped by whether an exception applied too, so that test runs once for each plan
    # (as a COUNT filter it would run once for each count that needs it).
    final_days = FINAL_PLAN_WEEKS * 7
    new_plans = (
        EHCNeedsAssessment.objects.filter(
            scope,
            outcome=AssessmentOutcome.PLAN_ISSUED,
            final_issued__range=(start, end),
            final_issued__gte=F("request_received"),
        )
        .annotate(excepted=_exception_applies(Clock.FINAL_PLAN, final_days, "final_issued", today))
        .alias(span=DaysBetween("final_issued", "request_received"))
    )

    # Decisions whether to assess: within 6 weeks of the request.
    decision_days = DECISION_TO_ASSESS_WEEKS * 7
    decisions = EHCNeedsAssessment.objects.filter(
        scope,
        decision_date__range=(start, end),
        decision_date__gte=F("request_received"),
    ).alias(span=DaysBetween("decision_date", "request_received"))

    # Reviews due in the year: held on or before the same date 12 months after the issue or
    # last review. Comparing yyyymmdd numbers is exact even for 29 February: 29 Feb 2024
    # + 12 months is 28 Feb 2025, and no date lies between 20250228 and 20250229.
    reviews = (
        AnnualReview.objects.filter(scope, due__range=(start, end))
        .filter(Q(meeting_date__isnull=True) | Q(meeting_date__gte=F("counted_from")))
        .exclude(meeting_date__isnull=True, plan__status=ceased, plan__ceased_date__lt=F("due"))
    )
    if as_at is not None:
        reviews = reviews.filter(Q(due__lte=as_at) | Q(meeting_date__isnull=False))
    reviews = reviews.alias(previous=ymd("counted_from"), held=ymd("meeting_date"))
    review_met = Q(meeting_date__isnull=False, held__lte=F("previous") + ONE_YEAR)

    # Phase transfers with a deadline in the year: amended by the reg 18 deadline worked out
    # from the transfer date where the rule gives one, else by the locally set deadline.
    transfers = (
        PhaseTransfer.objects.filter(scope, deadline__range=(start, end))
        .exclude(
            finalised_date__isnull=True,
            plan__status=ceased,
            plan__ceased_date__lt=F("deadline"),
        )
        .alias(
            done=ymd("finalised_date"),
            done_months=month_key("finalised_date"),
            transfer_months=month_key("transfer_date"),
            transfer_day=DatePart("transfer_date", "month") * 100
            + DatePart("transfer_date", "day"),
            transfer_year=DatePart("transfer_date", "year") * 10000,
        )
    )
    if as_at is not None:
        transfers = transfers.filter(Q(deadline__lte=as_at) | Q(finalised_date__isnull=False))

    return {
        "new_plans": _grouped(
            new_plans,
            bucket("final_issued", "assigned_officer_id", "child__setting_id"),
            "excepted",
            num=Q(span__lte=final_days),
            den=None,
        ),
        "decisions": _grouped(
            decisions,
            bucket("decision_date", "assigned_officer_id", "child__setting_id"),
            num=Q(span__lte=decision_days),
            den=None,
        ),
        "reviews": _grouped(
            reviews,
            bucket("due", "plan__child__officer_id", "plan__child__setting_id"),
            num=review_met,
            den=None,
        ),
        "transfers": _grouped(
            transfers,
            bucket("deadline", "plan__child__officer_id", "plan__child__setting_id"),
            num=Q(finalised_date__isnull=False) & _transfer_met(),
            den=None,
        ),
    }


def measure_rows(queries: dict[str, QuerySet[Any]]) -> dict[Any, MeasureRow]:
    """Run the queries from `measure_queries`: {bucket: its measures}."""
    groups: dict[Any, MeasureRow] = defaultdict(lambda: MeasureRow(label=""))
    for row in queries["new_plans"]:
        group, rate = groups[row["bucket"]], Rate(row["num"], row["den"])
        group.new_plans_inc += rate  # every new plan
        if not row["excepted"]:
            group.new_plans_ex += rate  # only those with no exception
    for kind in ("decisions", "reviews", "transfers"):
        for row in queries[kind]:
            setattr(groups[row["bucket"]], kind, Rate(row["num"], row["den"]))
    return groups


def added_up(label: str, rows: Iterable[MeasureRow]) -> MeasureRow:
    """Counts added together (never percentages averaged)."""
    total = MeasureRow(label=label)
    for row in rows:
        for measure, _label in MEASURES:
            setattr(total, measure, total.rate(measure) + row.rate(measure))
    return total


def timeliness_measures(
    partnership: Partnership,
    year: int,
    grouping: str = "month",
    as_at: date | None = None,
    today: date | None = None,
) -> Measures:
    """Every measure for one calendar year, for the whole partnership and per group.

    Group by month of the case's event date (see `measure_queries`), by officer (the
    assessment's officer; the child's officer for reviews and transfers) or by the child's
    current setting. The database does the counting: four grouped queries of conditional
    counts, whatever the number of cases. `as_at` and `today`: see `measure_queries`.
    """
    grouping = grouping if grouping in GROUPINGS else "month"

    def bucket(event: str, officer: str, setting: str) -> Any:
        return _bucket(grouping, event, officer, setting)

    groups = measure_rows(measure_queries(Q(partnership=partnership), year, bucket, as_at, today))
    total = added_up(f"All of {year}", groups.values())
    rows = _group_rows(partnership, grouping, groups)
    return Measures(year, total, rows, grouping)


_FIXED_TRANSFER_DATES = {
    **{t.value: (2, 15) for t in TransferType if t is not TransferType.POST16_TO_POST16},
    TransferType.SECONDARY_TO_POST16.value: (3, 31),
}


def _transfer_met() -> Q:
    """The plan was amended by the deadline `phase_transfer_deadline` gives (reg 18).

    Post-16 to post-16: on or before the same day 5 months earlier (a shorter month ends
    it at its last day, which compares the same way). The rest: on or before 15 February
    (31 March from secondary) of the transfer's year, when the transfer is after that date;
    a transfer on or before it has no reg 18 date, so the stored local deadline applies.
    """
    met = Q(
        transfer_type=TransferType.POST16_TO_POST16.value,
        done_months__lte=F("transfer_months") - POST16_TRANSFER_NOTICE_MONTHS * 100,
    )
    for kind, (month, day) in _FIXED_TRANSFER_DATES.items():
        fixed = month * 100 + day
        by_rule = Q(transfer_day__gt=fixed, done__lte=F("transfer_year") + fixed)
        local = Q(transfer_day__lte=fixed, finalised_date__lte=F("deadline"))
        met |= Q(transfer_type=kind) & (by_rule | local)
    return met


def _group_rows(
    partnership: Partnership, grouping: str, groups: dict[Any, MeasureRow]
) -> list[MeasureRow]:
    def labelled_row(key: Any, label: str) -> MeasureRow:
        row = groups[key]
        row.label = label
        return row

    if grouping == "month":
        return [labelled_row(m, MONTH_NAMES[m - 1]) for m in range(1, 13)]
    if grouping == "officer":
        names = {
            u.pk: str(u) for u in User.objects.filter(pk__in=[k for k in groups if k is not None])
        }
        labelled = [(names.get(k, "No officer") if k else "No officer", k) for k in groups]
    else:
        names = dict(
            Setting.objects.filter(
                partnership=partnership, pk__in=[k for k in groups if k]
            ).values_list("pk", "name")
        )
        labelled = [(names.get(k, "No setting") if k else "No setting", k) for k in groups]
    return [labelled_row(k, label) for label, k in sorted(labelled, key=lambda x: x[0])]
