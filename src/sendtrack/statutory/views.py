"""Statutory pages: thin views that parse the request, call a selector or service, and render.

Every page that records a step on a case (a decision, a date, an exception, a transfer) is
one view, `record_step`, over the table STEPS: its form, its service and its words.

Who may open which page is in access.py; every read is scoped to the partnership in the URL,
and the schools portal further to the SENCO's own setting(s).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sendtrack import request_values
from sendtrack.accounts.access import Access, SignedInRequest
from sendtrack.accounts.models import Partnership
from sendtrack.core import exports, private_files
from sendtrack.core.exports import Table
from sendtrack.core.history import audit_trail
from sendtrack.domain.statutory import ClockStatus

from . import services
from .access import CASEWORK_ROLES, MEASURES_ROLES, PORTAL_ROLES, statutory_view
from .forms import (
    AssessmentOutcomeForm,
    AssessmentRequestForm,
    CeasePlanForm,
    DecisionToAssessForm,
    DraftPlanForm,
    EvidenceReceivedForm,
    FinaliseTransferForm,
    FinalPlanForm,
    PhaseTransferForm,
    RecordForm,
    ReviewDecisionForm,
    ReviewMeetingForm,
    ReviewPaperworkForm,
    TimeLimitExceptionForm,
)
from .models import AnnualReview, Child, EHCNeedsAssessment, EHCPlan, PhaseTransfer, YearGroup
from .selectors import lookups
from .selectors.clocks import assessment_clock_rows
from .selectors.england import comparisons
from .selectors.measures import GROUPINGS, MEASURES, Measures, timeliness_measures
from .selectors.portal import contact_setting_ids, portal_children, portal_reviews
from .selectors.worklists import WORKLISTS, Worklist, WorklistFilters, decorate, worklist_counts

ROWS_PER_PAGE = 50


def _today() -> date:
    return timezone.localdate()


def _page(request: HttpRequest, access: Access, template: str, context: dict) -> HttpResponse:
    return render(request, template, {"access": access, "nav": "casework", **context})


@statutory_view(CASEWORK_ROLES)
def home(request: HttpRequest, access: Access) -> HttpResponse:
    today = _today()
    counts = worklist_counts(access.partnership, today)
    worklists = [(w, counts[slug]) for slug, w in WORKLISTS.items()]
    return _page(request, access, "statutory/home.html", {"today": today, "worklists": worklists})


def _get_worklist(slug: str) -> Worklist:
    try:
        return WORKLISTS[slug]
    except KeyError as missing:
        raise Http404("No such worklist") from missing


def _filters(request: HttpRequest) -> WorklistFilters:
    get = request.GET
    year = get.get("year", "")
    return WorklistFilters(
        officer=request_values.whole_number(get.get("officer")),
        setting=request_values.whole_number(get.get("setting")),
        year_group=year if year in YearGroup.values else "",
        sort=get.get("sort", "")[:40],
    )


def _headers(request: HttpRequest, worklist: Worklist, current: str) -> list[dict]:
    """Sortable column headings: each links to sort by it, the current one the other way."""
    headers = []
    for column in worklist.columns:
        entry: dict[str, Any] = {"label": column.label, "numeric": column.kind == "number"}
        if column.sort:
            query = request.GET.copy()
            query.pop("page", None)
            ascending = current == column.sort
            query["sort"] = f"-{column.sort}" if ascending else column.sort
            entry["url"] = "?" + query.urlencode()
            if current.lstrip("-") == column.sort and column.label != "Days left":
                entry["aria_sort"] = "descending" if current.startswith("-") else "ascending"
        headers.append(entry)
    return headers


STATUS_TAGS = {
    ClockStatus.NOT_DUE: "govuk-tag--green",
    ClockStatus.DUE_SOON: "govuk-tag--yellow",
    ClockStatus.OVERDUE: "govuk-tag--red",
    ClockStatus.MET_ON_TIME: "govuk-tag--blue",
    ClockStatus.MET_LATE: "govuk-tag--orange",
    ClockStatus.EXCEPTION: "govuk-tag--grey",
}


def _cells(worklist: Worklist, rows: list[Any], access: Access) -> list[list[dict]]:
    table = []
    for row in rows:
        cells = []
        for column in worklist.columns:
            value = column.value(row)
            cell: dict[str, Any] = {"kind": column.kind, "value": value}
            if column.kind == "status" and isinstance(value, ClockStatus):
                cell["tag"] = STATUS_TAGS[value]
                cell["value"] = value.label
            if column.kind == "case":
                child = worklist_child(worklist, row)
                cell["child_id"] = child.pk
            if isinstance(value, date):
                cell["kind"] = "date"
            elif column.kind == "date":
                cell["kind"] = "text"
            cells.append(cell)
        table.append(cells)
    return table


def worklist_child(worklist: Worklist, row: Any) -> Child:
    return row.child if worklist.child_path == "child" else row.plan.child


@statutory_view(CASEWORK_ROLES)
def worklist(request: HttpRequest, access: Access, worklist: str) -> HttpResponse:
    chosen = _get_worklist(worklist)
    today = _today()
    filters = _filters(request)
    rows = chosen.queryset(access.partnership, today, filters)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    items = decorate(chosen, page.object_list, today)
    query = request.GET.copy()
    query.pop("page", None)
    export_query = request.GET.copy()
    export_query.pop("page", None)
    return _page(
        request,
        access,
        "statutory/worklist.html",
        {
            "worklist": chosen,
            "today": today,
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "export_query": export_query.urlencode(),
            "headers": _headers(request, chosen, chosen.sort_key(filters)),
            "rows": _cells(chosen, items, access),
            "officers": lookups.officers_for(access.partnership),
            "settings": lookups.settings_for(access.partnership),
            "year_groups": YearGroup.choices,
        },
    )


def _export_value(value: Any) -> Any:
    return value.label if isinstance(value, ClockStatus) else value


@statutory_view(CASEWORK_ROLES)
def worklist_export(request: HttpRequest, access: Access, worklist: str, fmt: str) -> HttpResponse:
    """The whole filtered worklist. Case references, not names: the file leaves the system."""
    chosen = _get_worklist(worklist)
    if fmt not in exports.WRITERS:
        raise Http404("Unknown format")
    today = _today()
    columns = [c for c in chosen.columns if c.export]
    rows = decorate(chosen, chosen.queryset(access.partnership, today, _filters(request)), today)
    table = Table(
        chosen.title,
        [c.label for c in columns],
        ([_export_value(c.value(row)) for c in columns] for row in rows),
    )
    return exports.download(fmt, f"{chosen.slug}-{today.isoformat()}", [table])


@statutory_view(CASEWORK_ROLES)
def child_detail(request: HttpRequest, access: Access, child_id: int) -> HttpResponse:
    try:
        child = lookups.child_for(access.partnership, child_id)
    except Child.DoesNotExist as missing:
        raise Http404("No such child") from missing
    today = _today()
    assessments = [(a, assessment_clock_rows(a, today)) for a in child.assessments.all()]
    return _page(
        request,
        access,
        "statutory/child_detail.html",
        {
            "child": child,
            "assessments": assessments,
            "has_open_request": any(a.is_open for a, _ in assessments),
            "today": today,
            "tags": STATUS_TAGS,
        },
    )


def _get_assessment(access: Access, assessment_id: int) -> EHCNeedsAssessment:
    try:
        return lookups.assessment_for(access.partnership, assessment_id)
    except EHCNeedsAssessment.DoesNotExist as missing:
        raise Http404("No such assessment") from missing


@statutory_view(CASEWORK_ROLES)
def assessment_detail(request: HttpRequest, access: Access, assessment_id: int) -> HttpResponse:
    assessment = _get_assessment(access, assessment_id)
    today = _today()
    return _page(
        request,
        access,
        "statutory/assessment_detail.html",
        {
            "assessment": assessment,
            "clocks": assessment_clock_rows(assessment, today),
            "tags": STATUS_TAGS,
            "today": today,
            "history": audit_trail(assessment),
        },
    )


# --------------------------------------------------------------------------------------------
# Recording a step: one view serves every "record a date on this record" page in STEPS.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordKind:
    """What a recording page changes, found by the id its URL names (`assessment_id` …)."""

    find: Callable[[Partnership, int], Any]
    missing: str  # the 404's words
    child: Callable[[Any], Child]
    back_to_assessment: bool = False  # else back to the child's page


RECORD_KINDS = {
    "assessment_id": RecordKind(
        lookups.assessment_for, "No such assessment", lambda a: a.child, back_to_assessment=True
    ),
    "review_id": RecordKind(lookups.review_for, "No such review", lambda r: r.plan.child),
    "transfer_id": RecordKind(
        lookups.transfer_for, "No such phase transfer", lambda t: t.plan.child
    ),
    "plan_id": RecordKind(lookups.ehc_plan_for, "No such plan", lambda p: p.child),
    "child_id": RecordKind(lookups.child_for, "No such child", lambda c: c),
}


SERVICE_NAMES = {"named_setting": "named_setting_id"}  # form fields the services name otherwise


def _no_initial(record: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Step:
    """One recording page: its form, the service that saves it, and its words.

    The service is called with the partnership, the record's id, the user, the version the
    form was opened at and the form's fields (a `named_setting` as `named_setting_id`).
    """

    form: type[RecordForm]
    service: Callable[..., Any]
    error_field: str  # where a broken rule (InvalidChange) is shown
    success: str
    title: str
    detail: Callable[[Any], str]  # the caption after the child's reference and name
    button: str
    intro: str = ""  # may name the record's fields, as in "{record.deadline:%-d %B %Y}"
    initial: Callable[[Any], dict[str, Any]] = _no_initial


def _requested(assessment: EHCNeedsAssessment) -> str:
    return f"request received {assessment.request_received:%-d %B %Y}"


def _plan_issued(plan: EHCPlan) -> str:
    return f"plan issued {plan.issued:%-d %B %Y}"


def _review_due(review: AnnualReview) -> str:
    return f"review due {review.due:%-d %B %Y}"


def _meeting(review: AnnualReview) -> str:
    if review.meeting_date:
        return f"meeting held {review.meeting_date:%-d %B %Y}"
    return "meeting not yet recorded"


def _transfer(transfer: PhaseTransfer) -> str:
    kind = transfer.get_transfer_type_display().lower()
    return f"{kind} on {transfer.transfer_date:%-d %B %Y}"


def _no_detail(child: Child) -> str:
    return ""


STEPS = {
    "assessment_decision": Step(
        DecisionToAssessForm,
        services.record_decision_to_assess,
        error_field="decided_on",
        success="Decision recorded",
        title="Record the decision whether to assess",
        detail=_requested,
        button="Save the decision",
        initial=lambda a: {"decided_on": _today()},
    ),
    "assessment_exception": Step(
        TimeLimitExceptionForm,
        services.add_time_limit_exception,
        error_field="end",
        success="Exception recorded",
        title="Record an exception to the time limits",
        detail=_requested,
        button="Save the exception",
        intro="Record why a time limit could not be met (reg 10(4)). An exception counts only "
        "if it began on or before the deadline and before the step was done.",
    ),
    "assessment_draft": Step(
        DraftPlanForm,
        services.record_draft_plan_issued,
        error_field="issued_on",
        success="Draft plan date recorded",
        title="Record the draft plan issued",
        detail=_requested,
        button="Save the date",
        initial=lambda a: {"issued_on": a.draft_issued},
    ),
    "assessment_final": Step(
        FinalPlanForm,
        services.record_final_plan_issued,
        error_field="issued_on",
        success="Final plan recorded. The first annual review is now on the reviews worklist",
        title="Record the final plan issued",
        detail=_requested,
        button="Save the final plan",
        intro="This closes the request and starts the EHC plan. The first annual review falls "
        "due 12 months after the plan is issued (6 months for a child under 5).",
        initial=lambda a: {"named_setting": a.child.setting_id},
    ),
    "assessment_outcome": Step(
        AssessmentOutcomeForm,
        services.record_assessment_outcome,
        error_field="outcome_on",
        success="Outcome recorded. The request is closed",
        title="Close the request without a plan",
        detail=_requested,
        button="Close the request",
        intro="Record that the council decided not to issue a plan after assessing (reg 10: "
        "the family's letter must give their appeal rights) or that the request was "
        "withdrawn. The request leaves the worklists and its clocks stop.",
    ),
    "assessment_evidence": Step(
        EvidenceReceivedForm,
        services.record_evidence_received,
        error_field="received_on",
        success="Evidence date recorded",
        title="Record the evidence received",
        detail=_requested,
        button="Save the date",
        intro="Those asked for advice must give it within 6 weeks of being asked (reg 8).",
        initial=lambda a: {"received_on": a.evidence_received},
    ),
    "review_meeting": Step(
        ReviewMeetingForm,
        services.record_review_meeting,
        error_field="meeting_date",
        success="Review meeting date recorded. You can now record the decision",
        title="Record the review meeting",
        detail=_review_due,
        button="Save the date",
        intro="The date the annual review meeting was held. The SENCO can also record it in "
        "the schools portal.",
        initial=lambda r: {"meeting_date": r.meeting_date},
    ),
    "review_decision": Step(
        ReviewDecisionForm,
        services.record_review_decision,
        error_field="notified_on",
        success="Review decision recorded",
        title="Record the decision after the annual review",
        detail=_meeting,
        button="Save the decision",
        intro="Tell the family within 4 weeks of the meeting whether the plan is maintained, "
        "amended or ceased. An amended plan is due within 12 weeks of the meeting.",
        initial=lambda r: {
            "decision": r.decision,
            "notified_on": r.decision_notified,
            "amendment_issued": r.amendment_issued,
        },
    ),
    "transfer_finalise": Step(
        FinaliseTransferForm,
        services.finalise_phase_transfer,
        error_field="finalised_on",
        success="Phase transfer finalised",
        title="Finalise the phase transfer",
        detail=_transfer,
        button="Finalise the transfer",
        intro="The amended plan must name the new school or college by "
        "{record.deadline:%-d %B %Y} (reg 18).",
        initial=lambda t: {"named_setting": t.named_setting_id},
    ),
    "transfer_add": Step(
        PhaseTransferForm,
        services.add_phase_transfer,
        error_field="transfer_date",
        success="Phase transfer added. It is on the phase transfers worklist",
        title="Add a phase transfer",
        detail=_plan_issued,
        button="Add the transfer",
        intro="The plan must be amended to name the new school or college by 15 February of "
        "the year of transfer (31 March for secondary to post-16; 5 months before a post-16 "
        "to post-16 transfer), reg 18.",
    ),
    "plan_cease": Step(
        CeasePlanForm,
        services.cease_plan,
        error_field="ceased_on",
        success="Plan ceased",
        title="Cease the EHC plan",
        detail=_plan_issued,
        button="Cease the plan",
        intro="A ceased plan's reviews and transfers leave the worklists.",
    ),
    "assessment_request": Step(
        AssessmentRequestForm,
        services.record_assessment_request,
        error_field="request_received",
        success="Request recorded. It is on the awaiting decision worklist",
        title="Record a request for an EHC needs assessment",
        detail=_no_detail,
        button="Save the request",
        intro="The council must decide whether to assess within 6 weeks of the request (reg 5).",
    ),
}


@statutory_view(CASEWORK_ROLES)
def record_step(request: HttpRequest, access: Access, step: str, **ids: int) -> HttpResponse:
    """Every page in STEPS: validate, call the step's service, and show errors the GOV.UK way.

    The URL names the step and the record's id. A stale edit shows what changed since the
    page was opened; a broken rule is shown against the step's `error_field`.
    """
    page = STEPS[step]
    [(id_name, record_id)] = ids.items()
    kind = RECORD_KINDS[id_name]
    try:
        record = kind.find(access.partnership, record_id)
    except ObjectDoesNotExist as missing:
        raise Http404(kind.missing) from missing
    form = page.form(
        request.POST or None,
        initial={"version": record.version, **page.initial(record)},
        settings_=lookups.settings_for(access.partnership),
    )
    child = kind.child(record)
    detail = page.detail(record)
    partnership = access.partnership.slug
    if kind.back_to_assessment:
        done_url = reverse(
            "statutory:assessment_detail",
            kwargs={"partnership": partnership, "assessment_id": record.pk},
        )
        back_label = "Back to the assessment"
    else:
        done_url = reverse(
            "statutory:child_detail", kwargs={"partnership": partnership, "child_id": child.pk}
        )
        back_label = f"Back to {child.case_reference}"
    context: dict[str, Any] = {
        "form": form,
        "title": page.title,
        "caption": " · ".join([child.case_reference, child.name, *([detail] if detail else [])]),
        "intro": page.intro.format(record=record),
        "back_url": done_url,
        "back_label": back_label,
        "button": page.button,
    }
    if request.method == "POST" and form.is_valid():
        fields = {SERVICE_NAMES.get(k, k): v for k, v in form.cleaned_data.items()}
        try:
            page.service(
                partnership=access.partnership,
                user=request.user,
                expected_version=fields.pop("version"),
                **{id_name: record.pk},
                **fields,
            )
        except services.StaleEdit as error:
            # Shown even when no field of the record changed (only something linked to it was
            # added: a request, an exception, a transfer): the error says so in words.
            context["stale"] = error
        except services.InvalidChange as error:
            form.add_error(page.error_field, str(error))
        else:
            messages.success(request, page.success)
            return redirect(done_url)
    return _page(request, access, "statutory/record_form.html", context)


@statutory_view(CASEWORK_ROLES)
def review_paperwork(request: HttpRequest, access: Access, review_id: int) -> HttpResponseBase:
    try:
        review = lookups.review_for_paperwork(access.partnership, review_id)
    except AnnualReview.DoesNotExist as missing:
        raise Http404("No such review") from missing
    if not review.paperwork:
        raise Http404("No paperwork uploaded")
    extension = review.paperwork.name.rsplit(".", 1)[-1]
    return private_files.attachment(
        review.paperwork.open("rb"),
        f"review-{review.pk}.{extension}",
        review.paperwork_content_type or "application/octet-stream",
    )


@statutory_view(MEASURES_ROLES)
def measures(request: HttpRequest, access: Access) -> HttpResponse:
    today = _today()
    result = _measures_asked(request, access, today)
    compared = comparisons(access.partnership, result)
    return _page(
        request,
        access,
        "statutory/measures.html",
        {
            "nav": "measures",
            "measures": result,
            "definitions": MEASURES,
            "groupings": GROUPINGS,
            "years": list(range(today.year, 2013, -1)),
            "comparisons": compared,
            "comparison_sources": sorted({row.source for row in compared if row.source}),
        },
    )


def _measures_asked(request: HttpRequest, access: Access, today: date) -> Measures:
    """The year (2014 to this year; default this year) and breakdown the request asks for."""
    year = request_values.whole_number(request.GET.get("year"), low=2014, high=today.year)
    grouping = request.GET.get("by", "month")
    return timeliness_measures(access.partnership, year or today.year, grouping, as_at=today)


@statutory_view(MEASURES_ROLES)
def measures_export(request: HttpRequest, access: Access, fmt: str) -> HttpResponse:
    """Every figure on the measures page as one long table: counts, never children."""
    result = _measures_asked(request, access, _today())
    breakdown = GROUPINGS.get(result.grouping, "Month")
    rows = [
        [result.year, group_kind, row.label, name, rate.numerator, rate.denominator, rate.display()]
        for group_kind, group_rows in [("Whole year", [result.total]), (breakdown, result.groups)]
        for row in group_rows
        for key, name in MEASURES
        for rate in [row.rate(key)]
    ]
    header = ["Year", "Breakdown", "Group", "Measure", "On time", "Out of", "Percentage"]
    table = Table(f"Timeliness measures {result.year}", header, rows)
    return exports.download(fmt, f"timeliness-{result.year}-by-{result.grouping}", [table])


@statutory_view(PORTAL_ROLES)
def portal(request: SignedInRequest, access: Access) -> HttpResponse:
    today = _today()
    setting_ids = contact_setting_ids(access.partnership, request.user)
    return _page(
        request,
        access,
        "statutory/portal.html",
        {
            "nav": "portal",
            "today": today,
            "has_setting": bool(setting_ids),
            "children": portal_children(access.partnership, setting_ids, today),
            "tags": STATUS_TAGS,
        },
    )


@statutory_view(PORTAL_ROLES)
def portal_review(request: SignedInRequest, access: Access, review_id: int) -> HttpResponse:
    setting_ids = contact_setting_ids(access.partnership, request.user)
    reviews = portal_reviews(access.partnership, setting_ids)
    try:
        review = reviews.select_related("plan__child").get(pk=review_id)
    except AnnualReview.DoesNotExist as missing:
        raise Http404("No such review") from missing
    form = ReviewPaperworkForm(
        request.POST or None,
        request.FILES or None,
        initial={"version": review.version, "meeting_date": review.meeting_date},
    )
    context = {"review": review, "child": review.plan.child, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.submit_review_paperwork(
                reviews=reviews,
                review_id=review.pk,
                user=request.user,
                expected_version=data["version"],
                meeting_date=data["meeting_date"],
                upload=data["paperwork"],
            )
        except services.StaleEdit as error:
            return _page(
                request, access, "statutory/portal_review.html", {**context, "stale": error}
            )
        except private_files.UploadRejected as error:
            form.add_error("paperwork", str(error))
        except services.InvalidChange as error:
            form.add_error("meeting_date", str(error))
        else:
            messages.success(request, "Review details sent to the council")
            return redirect("statutory:portal", partnership=access.partnership.slug)
    return _page(request, access, "statutory/portal_review.html", context)
