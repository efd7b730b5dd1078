"""Figures for the annual report: casework by level, referral route, issue and theme, with the
previous period; evaluations; deficits; complaints. Counts of 1 to 4 are suppressed ("fewer
than 5") so that no family can be recognised from a published table.

Periods are financial years (1 April to 31 March), as most SENDIASS annual reports use.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from sendtrack.request_values import whole_number

from .evaluations import EvaluationFigures, evaluation_figures
from .models import (
    CaseTopic,
    Channel,
    Complaint,
    Contact,
    DeficitReason,
    HeardAbout,
    Issue,
    ReferralRoute,
    SendiassCase,
    ServiceDeficit,
    StandardAssessment,
    SteeringGroupMeeting,
    Theme,
    TopicKind,
    TrainingAudience,
    TrainingDirection,
    TrainingSession,
)

SUPPRESS_BELOW = 5
LEVEL_LABELS = {1: "Level 1", 2: "Level 2", 3: "Level 3", 4: "Level 4"}
LABELS: dict[str, dict[Any, str]] = {
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


QUARTERS = {
    "q1": ("April to June", 4, 6),
    "q2": ("July to September", 7, 9),
    "q3": ("October to December", 10, 12),
    "q4": ("January to March", 1, 3),
}
# School terms of the academic year starting in September of `year`, covering the whole year.
TERMS = {
    "autumn": ("Autumn term", 9, 12),
    "spring": ("Spring term", 1, 4),
    "summer": ("Summer term", 5, 8),
}
PERIOD_KINDS = {"year": "Year", "quarter": "Quarter", "term": "Term"}


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """A reporting period: a financial year (April to March), one of its quarters, or a school
    term. `year` is the financial year's (or, for terms, the academic year's) first year."""

    start: date
    end: date
    kind: str = "year"
    part: str = ""

    @property
    def year(self) -> int:
        return self.start.year if self.kind != "quarter" or self.part != "q4" else self.end.year - 1

    @property
    def academic_year(self) -> int:
        return self.start.year if self.start.month >= 9 else self.start.year - 1

    @property
    def key(self) -> str:
        if self.kind == "quarter":
            return f"{self.year}-{self.part}"
        if self.kind == "term":
            return f"{self.academic_year}-{self.part}"
        return str(self.year)

    @property
    def label(self) -> str:
        if self.kind == "quarter":
            months = QUARTERS[self.part][0].split(" to ")
            return f"{months[0]} to {months[1]} {self.end.year}"
        if self.kind == "term":
            return f"{TERMS[self.part][0]} {self.start.year}"
        return f"April {self.start.year} to March {self.end.year}"

    @property
    def financial_year(self) -> int:
        return self.start.year if self.start.month >= 4 else self.start.year - 1

    def previous(self) -> "Period":
        """The period just before, of the same kind: the comparison in every table."""
        if self.kind == "quarter":
            parts = list(QUARTERS)
            index = parts.index(self.part)
            return quarter(self.year - (index == 0), parts[index - 1])
        if self.kind == "term":
            parts = list(TERMS)
            index = parts.index(self.part)
            return term(self.academic_year - (index == 0), parts[index - 1])
        return Period(
            self.start.replace(year=self.start.year - 1), self.end.replace(year=self.end.year - 1)
        )


def quarter(year: int, part: str) -> Period:
    _, first, last = QUARTERS[part]
    calendar_year = year + 1 if part == "q4" else year
    return Period(date(calendar_year, first, 1), _month_end(calendar_year, last), "quarter", part)


def term(academic_year: int, part: str) -> Period:
    _, first, last = TERMS[part]
    calendar_year = academic_year if part == "autumn" else academic_year + 1
    return Period(date(calendar_year, first, 1), _month_end(calendar_year, last), "term", part)


def financial_year(first_year: int | None, today: date) -> Period:
    """The financial year starting in April of `first_year` (default: the one today is in)."""
    if first_year is None:
        first_year = today.year if today.month >= 4 else today.year - 1
    return Period(date(first_year, 4, 1), date(first_year + 1, 3, 31))


def parse_period(text: str, today: date) -> Period:
    """A period from its key ("2025", "2025-q3", "2025-autumn"); the current year otherwise."""
    text = (text or "").strip().lower()
    year_text, _, part = text.partition("-")
    year = whole_number(year_text, low=2000, high=2100)
    if year is None:
        return financial_year(None, today)
    if part in QUARTERS:
        return quarter(year, part)
    if part in TERMS:
        return term(year, part)
    return financial_year(year, today)


def recent_years(today: date, count: int = 5) -> list[Period]:
    current = financial_year(None, today)
    return [financial_year(current.year - n, today) for n in range(count)]


def recent_periods(today: date) -> dict[str, list[Period]]:
    """Periods to offer: five financial years, the last four quarters, the last three terms."""
    quarters, terms = [], []
    current = next(
        quarter(fy, part)
        for fy in (today.year, today.year - 1)
        for part in QUARTERS
        if quarter(fy, part).start <= today <= quarter(fy, part).end
    )
    for _ in range(4):
        quarters.append(current)
        current = current.previous()
    academic = today.year if today.month >= 9 else today.year - 1
    current = next(
        term(academic, part)
        for part in TERMS
        if term(academic, part).start <= today and today <= term(academic, part).end
    )
    for _ in range(3):
        terms.append(current)
        current = current.previous()
    return {"Years": recent_years(today), "Quarters": quarters, "Terms": terms}


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


def _split(rows) -> tuple[Counter, Counter]:
    now: Counter[Any] = Counter()
    before: Counter[Any] = Counter()
    for key, n_now, n_before in rows:
        now[key] += n_now or 0
        before[key] += n_before or 0
    return now, before


def _in_both(period: Period, field: str) -> dict:
    """Filter to the period and the one before (they are adjacent)."""
    return {f"{field}__gte": period.previous().start, f"{field}__lte": period.end}


def _now_before(period: Period, field: str, count: str = "id") -> dict:
    return {
        "n_now": Count(count, filter=Q(**{f"{field}__gte": period.start})),
        "n_before": Count(count, filter=Q(**{f"{field}__lt": period.start})),
    }


def _grouped(queryset, key: str, period: Period, field: str) -> tuple[Counter, Counter]:
    """Counts by `key` for the period and the one before, in one GROUP BY query."""
    rows = (
        queryset.filter(**_in_both(period, field))
        .order_by()
        .values_list(key)
        .annotate(**_now_before(period, field))
        .values_list(key, "n_now", "n_before")
    )
    return _split(rows)


def _topic_counts(kind: str, period: Period) -> tuple[Counter, Counter]:
    """Cases listing each issue (or theme), counted in the database from CaseTopic's index."""
    return _grouped(CaseTopic.objects.filter(kind=kind), "value", period, "referred_on")


@dataclass(frozen=True)
class Assessment:
    standard: str
    rag: str
    evidence: str


@dataclass(frozen=True)
class TrainingLine:
    held_on: date
    title: str
    audience: str
    attendees: int | None


@dataclass(frozen=True)
class AnnualReport:
    period: Period
    previous: Period
    totals: list[Row]
    tables: list[Table]
    evaluations: list[EvaluationFigures]
    deficits: Table
    complaints: list[Row]
    evaluation_totals: list[Row] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    assessment_year: str = ""
    training_delivered: Table | None = None
    training_lines: list[TrainingLine] = field(default_factory=list)
    training_attended: list[TrainingLine] = field(default_factory=list)
    steering: list[Row] = field(default_factory=list)
    steering_changes: list[tuple[date, str]] = field(default_factory=list)


def _totals(period: Period) -> list[Row]:
    referred = SendiassCase.objects.filter(**_in_both(period, "referred_on")).aggregate(
        **_now_before(period, "referred_on")
    )
    closed = SendiassCase.objects.filter(**_in_both(period, "closed_on")).aggregate(
        **_now_before(period, "closed_on")
    )
    contacts = Contact.objects.filter(**_in_both(period, "on")).aggregate(
        **_now_before(period, "on"),
        m_now=Sum("minutes", filter=Q(on__gte=period.start)),
        m_before=Sum("minutes", filter=Q(on__lt=period.start)),
    )
    return [
        Row("New cases", referred["n_now"], referred["n_before"]),
        Row("Cases closed", closed["n_now"], closed["n_before"]),
        Row("Contacts", contacts["n_now"], contacts["n_before"]),
        Row(
            "Hours of contact",
            round((contacts["m_now"] or 0) / 60),
            round((contacts["m_before"] or 0) / 60),
        ),
    ]


def _training(period: Period) -> tuple[Table, list[TrainingLine], list[TrainingLine]]:
    sessions = TrainingSession.objects.filter(**_in_both(period, "held_on"))
    delivered = sessions.filter(direction=TrainingDirection.DELIVERED)
    by_audience = _grouped(delivered, "audience", period, "held_on")
    people = (
        delivered.order_by()
        .values_list("audience")
        .annotate(
            p_now=Sum("attendees", filter=Q(held_on__gte=period.start)),
            p_before=Sum("attendees", filter=Q(held_on__lt=period.start)),
        )
        .values_list("audience", "p_now", "p_before")
    )
    attendees = _split(people)
    labels = dict(TrainingAudience.choices)
    rows = []
    for key, label in labels.items():
        rows.append(Row(f"{label}: sessions", by_audience[0][key], by_audience[1][key]))
        rows.append(Row(f"{label}: people attending", attendees[0][key], attendees[1][key]))
    table = Table("Training delivered by the service", rows)

    def lines(direction: str) -> list[TrainingLine]:
        return [
            TrainingLine(
                s.held_on,
                s.title,
                s.get_audience_display() + (f" ({s.audience_detail})" if s.audience_detail else ""),
                s.attendees,
            )
            for s in sessions.filter(direction=direction, held_on__gte=period.start).order_by(
                "held_on", "id"
            )
        ]

    return table, lines(TrainingDirection.DELIVERED), lines(TrainingDirection.ATTENDED)


def annual_report(period: Period, today: date | None = None) -> AnnualReport:
    """The report for `period`; `today` decides whether a year's evaluation answers may be
    shown yet (only once the year has ended)."""
    today = today or timezone.localdate()
    previous = period.previous()
    cases = SendiassCase.objects.all()
    level = _grouped(cases, "level", period, "referred_on")
    route = _grouped(cases, "referral_route", period, "referred_on")
    heard = _grouped(cases, "service_user__heard_about", period, "referred_on")
    issues = _topic_counts(TopicKind.ISSUE, period)
    themes = _topic_counts(TopicKind.THEME, period)
    tables = [
        _compare("New cases by level of support", LEVEL_LABELS, *level),
        _compare("New cases by referral route", LABELS["route"], *route),
        _compare("How people heard of the service", LABELS["heard"], *heard),
        _compare("Issues raised", LABELS["issues"], *issues),
        _compare("Themes", LABELS["themes"], *themes),
    ]
    complaints = (
        Complaint.objects.filter(**_in_both(period, "received_on"))
        .order_by()
        .aggregate(
            **_now_before(period, "received_on"),
            u_now=Count(
                "id",
                filter=Q(received_on__gte=period.start, outcome__in=["upheld", "partly_upheld"]),
            ),
            u_before=Count(
                "id",
                filter=Q(received_on__lt=period.start, outcome__in=["upheld", "partly_upheld"]),
            ),
            t_now=Count(
                "id", filter=Q(received_on__gte=period.start, responded_on__lte=F("respond_by"))
            ),
            t_before=Count(
                "id", filter=Q(received_on__lt=period.start, responded_on__lte=F("respond_by"))
            ),
        )
    )
    evaluations = evaluation_figures(period.start, period.end, today)
    evaluations_before = evaluation_figures(previous.start, previous.end, today)
    evaluation_totals = []
    for now_f, before_f in zip(evaluations, evaluations_before, strict=True):
        evaluation_totals.append(Row(f"{now_f.label}: evaluations sent", now_f.sent, before_f.sent))
        if now_f.returned is not None and before_f.returned is not None:
            evaluation_totals.append(
                Row(f"{now_f.label}: evaluations returned", now_f.returned, before_f.returned)
            )
    assessment_year = financial_year(period.financial_year, period.start)
    training_table, delivered, attended = _training(period)
    meetings = SteeringGroupMeeting.objects.filter(**_in_both(period, "held_on")).aggregate(
        **_now_before(period, "held_on")
    )
    return AnnualReport(
        period=period,
        previous=previous,
        totals=_totals(period),
        tables=tables,
        evaluations=evaluations,
        deficits=_compare(
            "Requests the service could not meet",
            LABELS["deficit"],
            *_grouped(ServiceDeficit.objects.all(), "reason", period, "recorded_on"),
        ),
        complaints=[
            Row("Complaints received", complaints["n_now"], complaints["n_before"]),
            Row("Upheld or partly upheld", complaints["u_now"], complaints["u_before"]),
            Row("Responded to on time", complaints["t_now"], complaints["t_before"]),
        ],
        evaluation_totals=evaluation_totals,
        assessments=[
            Assessment(a.standard, a.get_rag_display(), a.evidence)
            for a in StandardAssessment.objects.filter(year=assessment_year.year)
        ],
        assessment_year=assessment_year.label,
        training_delivered=training_table,
        training_lines=delivered,
        training_attended=attended,
        steering=[Row("Steering group meetings", meetings["n_now"], meetings["n_before"])],
        steering_changes=[
            (m.held_on, m.changes)
            for m in SteeringGroupMeeting.objects.filter(
                held_on__gte=period.start, held_on__lte=period.end
            )
            .exclude(changes="")  # encrypted, but empty text is stored empty
            .order_by("held_on")
        ],
    )


# What every output (page, PDF, Word) shows: the same sections, cells already suppressed.


@dataclass(frozen=True)
class ShownTable:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: bool = True


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[ShownTable] = field(default_factory=list)


def change(now: int, before: int) -> str:
    """The change on the period before, shown only when both counts are publishable."""
    if 0 < now < SUPPRESS_BELOW or 0 < before < SUPPRESS_BELOW:
        return "not shown"
    if before == 0:
        return "new" if now else "no change"
    percent = round(100 * (now - before) / before)
    return f"{percent:+d}%" if percent else "no change"


def _shown(title: str, rows: list[Row], report: AnnualReport, first: str = "") -> ShownTable:
    return ShownTable(
        title,
        [first or "Measure", report.period.label, report.previous.label, "Change"],
        [[r.label, r.now_shown, r.before_shown, change(r.now, r.before)] for r in rows],
    )


def report_sections(report: AnnualReport) -> list[Section]:
    sections = [
        Section(
            "Self-assessment against the Minimum Standards",
            []
            if report.assessments
            else [f"No self-assessment has been recorded for {report.assessment_year}."],
            [
                ShownTable(
                    f"Self-assessment, {report.assessment_year}",
                    ["Standard", "Rating", "Evidence, or explanation and actions"],
                    [[a.standard, a.rag, a.evidence] for a in report.assessments],
                    numeric=False,
                )
            ]
            if report.assessments
            else [],
        ),
        Section(
            "Casework",
            [f"Compared with {report.previous.label}."],
            [_shown("Casework", report.totals, report)]
            + [_shown(t.title, t.rows, report, "Category") for t in report.tables],
        ),
    ]
    evaluation_tables = [_shown("Evaluations sent and returned", report.evaluation_totals, report)]
    paragraphs = []
    for f in report.evaluations:
        if f.percent_returned is not None:
            paragraphs.append(f"{f.label}: {f.percent_returned}% of evaluations returned.")
        if f.withheld:
            paragraphs.append(f"{f.label}: {f.withheld}")
        for q in f.questions:
            if q.counts:
                evaluation_tables.append(
                    ShownTable(
                        f"{f.label}: {q.text}",
                        ["Answer", "Responses"],
                        [[label, suppressed(n)] for label, n in q.counts],
                    )
                )
            else:
                paragraphs.append(f"{f.label}: {q.text}: {suppressed(q.comments)} comments.")
    sections.append(Section("Evaluations and feedback", paragraphs, evaluation_tables))

    def training_rows(lines: list[TrainingLine]) -> list[list[str]]:
        return [
            [f"{t.held_on:%d/%m/%Y}", t.title, t.audience, suppressed(t.attendees or 0)]
            for t in lines
        ]

    training_tables = []
    if report.training_delivered:
        training_tables.append(
            _shown(report.training_delivered.title, report.training_delivered.rows, report)
        )
    if report.training_lines:
        training_tables.append(
            ShownTable(
                "Training sessions delivered",
                ["Date", "Subject", "Audience", "People attending"],
                training_rows(report.training_lines),
                numeric=False,
            )
        )
    if report.training_attended:
        training_tables.append(
            ShownTable(
                "Training attended by staff",
                ["Date", "Subject", "Audience", "People attending"],
                training_rows(report.training_attended),
                numeric=False,
            )
        )
    sections.append(Section("Training", [], training_tables))
    sections.append(
        Section(
            "Steering group",
            [f"{held_on:%d/%m/%Y}: {text}" for held_on, text in report.steering_changes],
            [_shown("Steering group", report.steering, report)],
        )
    )
    sections.append(
        Section(
            "Requests the service could not meet",
            [],
            [_shown(report.deficits.title, report.deficits.rows, report, "Reason")],
        )
    )
    sections.append(
        Section(
            "Complaints about the service",
            [],
            [_shown("Complaints about the service", report.complaints, report)],
        )
    )
    return sections
