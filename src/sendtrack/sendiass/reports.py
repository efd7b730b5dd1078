"""Figures for the annual report: casework by level, referral route, issue and theme, with the
previous period; evaluations; deficits; complaints. Counts of 1 to 4 are suppressed ("fewer
than 5") so that no family can be recognised from a published table.

Periods are financial years (1 April to 31 March), as most SENDIASS annual reports use.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q, Sum

from .evaluations import EvaluationFigures, evaluation_figures
from .models import (
    Channel,
    Complaint,
    Contact,
    DeficitReason,
    HeardAbout,
    Issue,
    ReferralRoute,
    SendiassCase,
    ServiceDeficit,
    Theme,
)

SUPPRESS_BELOW = 5
LEVEL_LABELS = {1: "Level 1", 2: "Level 2", 3: "Level 3", 4: "Level 4"}
LABELS = {
    "issues": dict(Issue.choices),
    "themes": dict(Theme.choices),
    "route": dict(ReferralRoute.choices),
    "deficit": dict(DeficitReason.choices),
    "heard": dict(HeardAbout.choices),
    "channel": dict(Channel.choices),
    "level": LEVEL_LABELS,
}


def labels_for(kind: str, values: list[str]) -> list[str]:
    return [LABELS[kind].get(v, v) for v in values]


def with_labels(kind: str, rows: list[dict]) -> list[dict]:
    key = {"deficit": "reason"}.get(kind, kind)
    return [{**row, "label": LABELS[kind].get(row[key], row[key])} for row in rows]


def suppressed(count: int) -> str:
    """A count fit to publish: 0 and 5 or more as they are, 1 to 4 as "fewer than 5"."""
    return "fewer than 5" if 0 < count < SUPPRESS_BELOW else f"{count:,}"


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def label(self) -> str:
        return f"April {self.start.year} to March {self.end.year}"

    @property
    def year(self) -> int:
        return self.start.year

    def previous(self) -> "Period":
        return Period(
            self.start.replace(year=self.start.year - 1), self.end.replace(year=self.end.year - 1)
        )


def financial_year(first_year: int | None, today: date) -> Period:
    """The financial year starting in April of `first_year` (default: the one today is in)."""
    if first_year is None:
        first_year = today.year if today.month >= 4 else today.year - 1
    return Period(date(first_year, 4, 1), date(first_year + 1, 3, 31))


def recent_years(today: date, count: int = 5) -> list[Period]:
    current = financial_year(None, today)
    return [financial_year(current.year - n, today) for n in range(count)]


@dataclass(frozen=True)
class Row:
    label: str
    now: int
    before: int

    @property
    def now_shown(self) -> str:
        return suppressed(self.now)

    @property
    def before_shown(self) -> str:
        return suppressed(self.before)


@dataclass
class Table:
    title: str
    rows: list[Row] = field(default_factory=list)

    @property
    def total_now(self) -> str:
        return suppressed(sum(r.now for r in self.rows))


def _compare(title: str, labels: dict, now: Counter, before: Counter) -> Table:
    keys = list(labels) + sorted(k for k in set(now) | set(before) if k not in labels)
    return Table(title, [Row(str(labels.get(k, k)), now.get(k, 0), before.get(k, 0)) for k in keys])


def _case_counts(period: Period) -> dict[str, Counter]:
    cases = SendiassCase.objects.filter(referred_on__gte=period.start, referred_on__lte=period.end)
    counts: dict[str, Counter] = {
        "level": Counter(dict(cases.values_list("level").annotate(n=Count("id")))),
        "route": Counter(dict(cases.values_list("referral_route").annotate(n=Count("id")))),
        "heard": Counter(
            dict(cases.values_list("service_user__heard_about").annotate(n=Count("id")))
        ),
        "issues": Counter(),
        "themes": Counter(),
    }
    for issues, themes in cases.values_list("issues", "themes").iterator(chunk_size=5000):
        counts["issues"].update(issues or [])
        counts["themes"].update(themes or [])
    return counts


@dataclass(frozen=True)
class AnnualReport:
    period: Period
    previous: Period
    totals: list[Row]
    tables: list[Table]
    evaluations: list[EvaluationFigures]
    deficits: Table
    complaints: list[Row]


def annual_report(period: Period) -> AnnualReport:
    previous = period.previous()
    now, before = _case_counts(period), _case_counts(previous)

    def totals(p: Period) -> dict[str, int]:
        referred = SendiassCase.objects.filter(referred_on__gte=p.start, referred_on__lte=p.end)
        closed = SendiassCase.objects.filter(closed_on__gte=p.start, closed_on__lte=p.end)
        contacts = Contact.objects.filter(on__gte=p.start, on__lte=p.end).aggregate(
            n=Count("id"), minutes=Sum("minutes")
        )
        return {
            "New cases": referred.count(),
            "Cases closed": closed.count(),
            "Contacts": contacts["n"] or 0,
            "Hours of contact": round((contacts["minutes"] or 0) / 60),
        }

    t_now, t_before = totals(period), totals(previous)
    tables = [
        _compare("New cases by level of support", LEVEL_LABELS, now["level"], before["level"]),
        _compare("New cases by referral route", LABELS["route"], now["route"], before["route"]),
        _compare("How people heard of the service", LABELS["heard"], now["heard"], before["heard"]),
        _compare("Issues raised", LABELS["issues"], now["issues"], before["issues"]),
        _compare("Themes", LABELS["themes"], now["themes"], before["themes"]),
    ]

    def deficit_counts(p: Period) -> Counter:
        rows = ServiceDeficit.objects.filter(recorded_on__gte=p.start, recorded_on__lte=p.end)
        return Counter(dict(rows.values_list("reason").annotate(n=Count("id"))))

    def complaint_counts(p: Period) -> dict[str, int]:
        received = Complaint.objects.filter(received_on__gte=p.start, received_on__lte=p.end)
        return received.aggregate(
            received=Count("id"),
            upheld=Count("id", filter=Q(outcome__in=["upheld", "partly_upheld"])),
            on_time=Count("id", filter=Q(responded_on__lte=F("respond_by"))),
        )

    c_now, c_before = complaint_counts(period), complaint_counts(previous)
    return AnnualReport(
        period=period,
        previous=previous,
        totals=[Row(k, t_now[k], t_before[k]) for k in t_now],
        tables=tables,
        evaluations=evaluation_figures(period.start, period.end),
        deficits=_compare(
            "Requests the service could not meet",
            LABELS["deficit"],
            deficit_counts(period),
            deficit_counts(previous),
        ),
        complaints=[
            Row("Complaints received", c_now["received"], c_before["received"]),
            Row("Upheld or partly upheld", c_now["upheld"], c_before["upheld"]),
            Row("Responded to on time", c_now["on_time"], c_before["on_time"]),
        ],
    )
