"""The read-only JSON API for analysts (Power BI), described at /api/openapi.json.

Every endpoint is a GET; every query is scoped to the partnership of the request's token
(`request.auth`), returns live (not archived) records in id order, and is paged with `limit`
and `offset` in a fixed number of queries whatever the page size. Free text that may name
people other than plan owners (progress commentary, indicator notes) and anything from the
people directory (emails, sign-ins) is left out.
"""

from typing import Any

from django.conf import settings
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest
from django.utils import timezone
from ninja import NinjaAPI, Query, Schema
from pydantic import Field

from sendtrack.indicators.models import IndicatorValue
from sendtrack.plans.models import Action, DueDateRequest, RequestStatus, Risk
from sendtrack.plans.selectors import RagRules, live_actions, plans_for
from sendtrack.request_values import LARGEST_ID

from .auth import ApiTokenAuth
from .schemas import ActionPage, IndicatorValuePage, PlanPage, RiskPage

api = NinjaAPI(
    title="sendtrack analysts' API",
    version="1",
    description=(
        "Read-only data for one SEND partnership: plans, actions with their RAG rating and the "
        "reason for it, risks, and indicator values. Send `Authorization: Bearer <token>`; "
        "a token is made with `sendtrack create-api-token` and reads only its own partnership. "
        "See docs/api.md."
    ),
    urls_namespace="api",
    docs_url=None,  # the Swagger page loads scripts from a CDN, which the CSP forbids
    auth=ApiTokenAuth(),
)


# Numbers past these would overflow the database (SQLite and PostgreSQL hold 2**63 - 1 at most,
# and the offset is added to the limit): they get 422 with the parameter named, never a 500.
LARGEST_OFFSET = 2**31 - 1


class Paging(Schema):
    limit: int = Field(
        settings.SENDTRACK_API_PAGE_SIZE,
        ge=1,
        le=settings.SENDTRACK_API_MAX_PAGE_SIZE,
        description=f"How many items, at most {settings.SENDTRACK_API_MAX_PAGE_SIZE}.",
    )
    offset: int = Field(
        0, ge=0, le=LARGEST_OFFSET, description=f"How many items to skip, at most {LARGEST_OFFSET}."
    )


class PlanFilter(Paging):
    plan_id: int | None = Field(None, ge=1, le=LARGEST_ID, description="Only this plan's items.")


class IndicatorFilter(Paging):
    indicator_id: int | None = Field(
        None, ge=1, le=LARGEST_ID, description="Only this indicator's values."
    )


def _page(query: QuerySet[Any], paging: Paging) -> tuple[int, list[Any]]:
    query = query.order_by("id")
    return query.count(), list(query[paging.offset : paging.offset + paging.limit])


@api.get("/plans", response=PlanPage, summary="Plans", tags=["plans"])
def list_plans(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    query = plans_for(request.auth.partnership).annotate(  # type: ignore[attr-defined]
        action_count=Count("actions", filter=Q(actions__archived_at__isnull=True), distinct=True),
        risk_count=Count("risks", filter=Q(risks__archived_at__isnull=True), distinct=True),
    )
    count, plans = _page(query, paging)
    return {"count": count, "limit": paging.limit, "offset": paging.offset, "items": plans}


# What the actions list says of a new due date waiting for approval, read in the same query.
WAITING_REQUEST_FIELDS = ("due", "due_raw", "reason", "requested_at")


@api.get("/actions", response=ActionPage, summary="Actions, with RAG", tags=["actions"])
def list_actions(request: HttpRequest, filters: Query[PlanFilter]) -> dict[str, Any]:
    """Live actions; `rag` and `rag_reason` are worked out today by the rules in docs/rag.md.
    `awaiting_sign_off` is true for an action marked complete that a programme manager has
    not yet signed off (rated as not complete until then); `due_date_request` is a new due
    date waiting for a programme manager's approval (`due` stays the date in force)."""
    waiting = DueDateRequest.objects.filter(
        action=OuterRef("pk"), status=RequestStatus.PENDING
    ).order_by("-requested_at", "-id")
    partnership = request.auth.partnership  # type: ignore[attr-defined]
    query = live_actions(partnership).annotate(
        **{
            f"waiting_{field}": Subquery(waiting.values(field)[:1])
            for field in WAITING_REQUEST_FIELDS
        }
    )
    if filters.plan_id is not None:
        query = query.filter(plan_id=filters.plan_id)
    count, actions = _page(query, filters)
    rules = RagRules(timezone.localdate())
    return {
        "count": count,
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [_action(action, rules) for action in actions],
    }


def _action(action: Action, rules: RagRules) -> dict[str, Any]:
    rag = rules.rate_action(action)
    waiting = {field: getattr(action, f"waiting_{field}") for field in WAITING_REQUEST_FIELDS}
    return {
        "id": action.pk,
        "plan_id": action.plan_id,
        "section_id": action.section_id,
        "section_path": action.section_path,
        "ref": action.ref,
        "text": action.text,
        "owner": action.owner_raw,
        "due": action.due,
        "due_raw": action.due_raw,
        "due_precision": action.due_precision,
        "status": action.status,
        "status_raw": action.status_raw,
        "last_activity_on": action.last_activity_on,
        "rag": str(rag.rag),
        "rag_reason": rag.reason,
        "rag_overridden": rag.overridden,
        "awaiting_sign_off": action.awaiting_sign_off,
        "signed_off_at": action.signed_off_at,
        "due_date_request": waiting if waiting["reason"] is not None else None,
        "updated_at": action.updated_at,
    }


@api.get("/risks", response=RiskPage, summary="Risks", tags=["risks"])
def list_risks(request: HttpRequest, filters: Query[PlanFilter]) -> dict[str, Any]:
    query = Risk.objects.filter(
        partnership=request.auth.partnership,  # type: ignore[attr-defined]
        archived_at__isnull=True,
        plan__archived_at__isnull=True,
    )
    if filters.plan_id is not None:
        query = query.filter(plan_id=filters.plan_id)
    count, risks = _page(query, filters)
    items = [
        {
            "id": risk.pk,
            "plan_id": risk.plan_id,
            "position": risk.position,
            "title": risk.title,
            "detail": risk.detail,
            "likelihood": risk.likelihood,
            "impact": risk.impact,
            "rag": risk.rag,
            "mitigation": risk.mitigation,
            "owner": risk.owner_raw,
            "review_date": risk.review_date,
            "status": risk.status,
        }
        for risk in risks
    ]
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "items": items}


@api.get(
    "/indicator-values",
    response=IndicatorValuePage,
    summary="Indicator values, one per indicator and month",
    tags=["indicators"],
)
def list_indicator_values(request: HttpRequest, filters: Query[IndicatorFilter]) -> dict[str, Any]:
    """Values of live indicators; `period` is the first day of the month a value covers."""
    query = IndicatorValue.objects.filter(
        partnership=request.auth.partnership,  # type: ignore[attr-defined]
        indicator__archived_at__isnull=True,
    ).select_related("indicator")
    if filters.indicator_id is not None:
        query = query.filter(indicator_id=filters.indicator_id)
    count, values = _page(query, filters)
    items = [
        {
            "id": value.pk,
            "indicator_id": value.indicator_id,
            "indicator": value.indicator.name,
            "indicator_kind": value.indicator.kind,
            "unit": value.indicator.unit,
            "direction": value.indicator.direction,
            "target_value": value.indicator.target_value,
            "period": value.period,
            "value": value.value,
            "numerator": value.numerator,
            "denominator": value.denominator,
            "national": value.national,
            "statistical_neighbours": value.statistical_neighbours,
            "computed": value.computed,
        }
        for value in values
    ]
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "items": items}
