"""What the API returns. Owner text is as the plan wrote it; no emails or directory records."""

from datetime import date, datetime

from ninja import Schema


class PlanOut(Schema):
    id: int
    title: str
    organisation_name: str
    kind: str
    as_at: date | None
    created_at: datetime
    action_count: int
    risk_count: int


class DueDateRequestOut(Schema):
    """A new due date asked for and waiting for a programme manager's approval."""

    due: date | None
    due_raw: str
    reason: str
    requested_at: datetime


class ActionOut(Schema):
    id: int
    plan_id: int
    section_id: int | None
    section_path: str | None
    ref: str | None
    text: str
    owner: str | None
    due: date | None
    due_raw: str | None
    due_precision: str
    status: str | None
    status_raw: str | None
    last_activity_on: date | None
    rag: str
    rag_reason: str
    rag_overridden: bool
    awaiting_sign_off: bool
    signed_off_at: datetime | None
    due_date_request: DueDateRequestOut | None
    updated_at: datetime


class RiskOut(Schema):
    id: int
    plan_id: int
    position: int
    title: str
    detail: str | None
    likelihood: int | None
    impact: str | None
    rag: str | None
    mitigation: str | None
    owner: str | None
    review_date: date | None
    status: str


class IndicatorValueOut(Schema):
    id: int
    indicator_id: int
    indicator: str
    indicator_kind: str
    unit: str
    direction: str
    target_value: float | None
    period: date
    value: float | None
    numerator: int | None
    denominator: int | None
    national: float | None
    statistical_neighbours: float | None
    computed: bool


class Page(Schema):
    count: int
    limit: int
    offset: int


class PlanPage(Page):
    items: list[PlanOut]


class ActionPage(Page):
    items: list[ActionOut]


class RiskPage(Page):
    items: list[RiskOut]


class IndicatorValuePage(Page):
    items: list[IndicatorValueOut]
