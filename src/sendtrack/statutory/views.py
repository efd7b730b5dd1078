"""Statutory pages: thin views that parse the request, call a selector or service, and render.

Who may open which page is in access.py; every read is scoped to the partnership in the URL,
and the schools portal further to the SENCO's own setting(s).
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sendtrack import exports, request_values
from sendtrack.accounts.access import Access
from sendtrack.domain.statutory import ClockStatus
from sendtrack.exports import Table

from . import selectors, services
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
from .uploads import UploadRejected

ROWS_PER_PAGE = 50


def _today() -> date:
    return timezone.localdate()


def _page(request: HttpRequest, access: Access, template: str, context: dict) -> HttpResponse:
    return render(request, template, {"access": access, "nav": "casework", **context})


@statutory_view(CASEWORK_ROLES)
def home(request: HttpRequest, access: Access) -> HttpResponse:
    today = _today()
    counts = selectors.worklist_counts(access.partnership, today)
    worklists = [(w, counts[slug]) for slug, w in selectors.WORKLISTS.items()]
    return _page(request, access, "statutory/home.html", {"today": today, "worklists": worklists})


def _get_worklist(slug: str) -> selectors.Worklist:
    try:
        return selectors.WORKLISTS[slug]
    except KeyError as missing:
        raise Http404("No such worklist") from missing


def _filters(request: HttpRequest) -> selectors.WorklistFilters:
    get = request.GET
    year = get.get("year", "")
    return selectors.WorklistFilters(
        officer=request_values.whole_number(get.get("officer")),
        setting=request_values.whole_number(get.get("setting")),
        year_group=year if year in YearGroup.values else "",
        sort=get.get("sort", "")[:40],
    )


def _headers(request: HttpRequest, worklist: selectors.Worklist, current: str) -> list[dict]:
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


def _cells(worklist: selectors.Worklist, rows: list[Any], access: Access) -> list[list[dict]]:
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


def worklist_child(worklist: selectors.Worklist, row: Any) -> Child:
    return row.child if worklist.child_path == "child" else row.plan.child


@statutory_view(CASEWORK_ROLES)
def worklist(request: HttpRequest, access: Access, worklist: str) -> HttpResponse:
    chosen = _get_worklist(worklist)
    today = _today()
    filters = _filters(request)
    rows = chosen.queryset(access.partnership, today, filters)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    items = selectors.decorate(chosen, page.object_list, today)
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
            "officers": selectors.officers_for(access.partnership),
            "settings": selectors.settings_for(access.partnership),
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
    rows = selectors.decorate(
        chosen, chosen.queryset(access.partnership, today, _filters(request)), today
    )
    table = Table(
        chosen.title,
        [c.label for c in columns],
        ([_export_value(c.value(row)) for c in columns] for row in rows),
    )
    return exports.download(fmt, f"{chosen.slug}-{today.isoformat()}", [table])


@statutory_view(CASEWORK_ROLES)
def child_detail(request: HttpRequest, access: Access, child_id: int) -> HttpResponse:
    try:
        child = selectors.child_for(access.partnership, child_id)
    except Child.DoesNotExist as missing:
        raise Http404("No such child") from missing
    today = _today()
    assessments = [(a, selectors.assessment_clock_rows(a, today)) for a in child.assessments.all()]
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
        return selectors.assessment_for(access.partnership, assessment_id)
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
            "clocks": selectors.assessment_clock_rows(assessment, today),
            "tags": STATUS_TAGS,
            "today": today,
            "history": selectors.audit_trail(assessment),
        },
    )


@statutory_view(CASEWORK_ROLES)
def assessment_decision(request: HttpRequest, access: Access, assessment_id: int) -> HttpResponse:
    assessment = _get_assessment(access, assessment_id)
    form = DecisionToAssessForm(
        request.POST or None,
        initial={"version": assessment.version, "decided_on": _today()},
    )
    context = {"assessment": assessment, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_decision_to_assess(
                partnership=access.partnership,
                assessment_id=assessment.pk,
                user=request.user,
                expected_version=data["version"],
                decision=data["decision"],
                decided_on=data["decided_on"],
                refusal_reason=data["refusal_reason"],
            )
        except services.StaleEdit as error:
            return _page(
                request,
                access,
                "statutory/assessment_decision.html",
                {**context, "stale": error},
            )
        except services.InvalidChange as error:
            form.add_error("decided_on", str(error))
        else:
            messages.success(request, "Decision recorded")
            return redirect(
                "statutory:assessment_detail",
                partnership=access.partnership.slug,
                assessment_id=assessment.pk,
            )
    return _page(request, access, "statutory/assessment_decision.html", context)


def _record(
    request: HttpRequest,
    access: Access,
    *,
    form: RecordForm,
    save: Callable[[dict], Any],
    error_field: str,
    success: str,
    done_url: str,
    context: dict,
) -> HttpResponse:
    """One "record a step" page: validate, call the service, and show errors the GOV.UK way.

    `context` gives the page's title, caption, back link and button text. A stale edit shows
    what changed since the page was opened; a broken rule is shown against `error_field`.
    """
    context = {**context, "form": form, "back_url": context.get("back_url", done_url)}
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except services.StaleEdit as error:
            # Shown even when no field of the record changed (only something linked to it was
            # added: a request, an exception, a transfer): the error says so in words.
            context["stale"] = error
        except services.InvalidChange as error:
            form.add_error(error_field, str(error))
        else:
            messages.success(request, success)
            return redirect(done_url)
    return _page(request, access, "statutory/record_form.html", context)


def _assessment_url(access: Access, assessment: EHCNeedsAssessment) -> str:
    return reverse(
        "statutory:assessment_detail",
        kwargs={"partnership": access.partnership.slug, "assessment_id": assessment.pk},
    )


def _child_url(access: Access, child: Child) -> str:
    return reverse(
        "statutory:child_detail",
        kwargs={"partnership": access.partnership.slug, "child_id": child.pk},
    )


def _caption(child: Child, detail: str) -> str:
    return f"{child.case_reference} · {child.name} · {detail}"


@statutory_view(CASEWORK_ROLES)
def assessment_exception(request: HttpRequest, access: Access, assessment_id: int) -> HttpResponse:
    assessment = _get_assessment(access, assessment_id)
    form = TimeLimitExceptionForm(request.POST or None, initial={"version": assessment.version})

    def save(data: dict) -> None:
        services.add_time_limit_exception(
            partnership=access.partnership,
            assessment_id=assessment.pk,
            user=request.user,
            expected_version=data["version"],
            reason=data["reason"],
            start=data["start"],
            end=data["end"],
            note=data["note"],
        )

    return _record(
        request,
        access,
        form=form,
        save=save,
        error_field="end",
        success="Exception recorded",
        done_url=_assessment_url(access, assessment),
        context={
            "title": "Record an exception to the time limits",
            "caption": _caption(
                assessment.child, f"request received {assessment.request_received:%-d %B %Y}"
            ),
            "intro": "Record why a time limit could not be met (reg 10(4)). An exception "
            "counts only if it began on or before the deadline and before the step was done.",
            "back_label": "Back to the assessment",
            "button": "Save the exception",
        },
    )


@statutory_view(CASEWORK_ROLES)
def assessment_draft(request: HttpRequest, access: Access, assessment_id: int) -> HttpResponse:
    assessment = _get_assessment(access, assessment_id)
    form = DraftPlanForm(
        request.POST or None,
        initial={"version": assessment.version, "issued_on": assessment.draft_issued},
    )

    def save(data: dict) -> None:
        services.record_draft_plan_issued(
            partnership=access.partnership,
            assessment_id=assessment.pk,
            user=request.user,
            expected_version=data["version"],
            issued_on=data["issued_on"],
        )

    return _record(
        request,
        access,
        form=form,
        save=save,
        error_field="issued_on",
        success="Draft plan date recorded",
        done_url=_assessment_url(access, assessment),
        context={
            "title": "Record the draft plan issued",
            "caption": _caption(
                assessment.child, f"request received {assessment.request_received:%-d %B %Y}"
            ),
            "back_label": "Back to the assessment",
            "button": "Save the date",
        },
    )


@statutory_view(CASEWORK_ROLES)
def assessment_final(request: HttpRequest, access: Access, assessment_id: int) -> HttpResponse:
    assessment = _get_assessment(access, assessment_id)
    form = FinalPlanForm(
        request.POST or None,
        initial={"version": assessment.version, "named_setting": assessment.child.setting_id},
        settings_=selectors.settings_for(access.partnership),
    )

    def save(data: dict) -> None:
        services.record_final_plan_issued(
            partnership=access.partnership,
            assessment_id=assessment.pk,
            user=request.user,
            expected_version=data["version"],
            issued_on=data["issued_on"],
            named_setting_id=data["named_setting"],
        )

    return _record(
        request,
        access,
        form=form,
        save=save,
        error_field="issued_on",
        success="Final plan recorded. The first annual review is now on the reviews worklist",
        done_url=_assessment_url(access, assessment),
        context={
            "title": "Record the final plan issued",
            "caption": _caption(
                assessment.child, f"request received {assessment.request_received:%-d %B %Y}"
            ),
            "intro": "This closes the request and starts the EHC plan. The first annual review "
            "falls due 12 months after the plan is issued (6 months for a child under 5).",
            "back_label": "Back to the assessment",
            "button": "Save the final plan",
        },
    )


@statutory_view(CASEWORK_ROLES)
def review_decision(request: HttpRequest, access: Access, review_id: int) -> HttpResponse:
    try:
        review = selectors.review_for(access.partnership, review_id)
    except AnnualReview.DoesNotExist as missing:
        raise Http404("No such review") from missing
    form = ReviewDecisionForm(
        request.POST or None,
        initial={
            "version": review.version,
            "decision": review.decision,
            "notified_on": review.decision_notified,
            "amendment_issued": review.amendment_issued,
        },
    )

    def save(data: dict) -> None:
        services.record_review_decision(
            partnership=access.partnership,
            review_id=review.pk,
            user=request.user,
            expected_version=data["version"],
            decision=data["decision"],
            notified_on=data["notified_on"],
            amendment_issued=data["amendment_issued"],
        )

    meeting = (
        f"meeting held {review.meeting_date:%-d %B %Y}"
        if review.meeting_date
        else "meeting not yet recorded"
    )
    return _record(
        request,
        access,
        form=form,
        save=save,
        error_field="notified_on",
        success="Review decision recorded",
        done_url=_child_url(access, review.plan.child),
        context={
            "title": "Record the decision after the annual review",
            "caption": _caption(review.plan.child, meeting),
            "intro": "Tell the family within 4 weeks of the meeting whether the plan is "
            "maintained, amended or ceased. An amended plan is due within 12 weeks of the "
            "meeting.",
            "back_label": f"Back to {review.plan.child.case_reference}",
            "button": "Save the decision",
        },
    )


@statutory_view(CASEWORK_ROLES)
def transfer_finalise(request: HttpRequest, access: Access, transfer_id: int) -> HttpResponse:
    try:
        transfer = selectors.transfer_for(access.partnership, transfer_id)
    except PhaseTransfer.DoesNotExist as missing:
        raise Http404("No such phase transfer") from missing
    form = FinaliseTransferForm(
        request.POST or None,
        initial={"version": transfer.version, "named_setting": transfer.named_setting_id},
        settings_=selectors.settings_for(access.partnership),
    )

    def save(data: dict) -> None:
        services.finalise_phase_transfer(
            partnership=access.partnership,
            transfer_id=transfer.pk,
            user=request.user,
            expected_version=data["version"],
            named_setting_id=data["named_setting"],
            finalised_on=data["finalised_on"],
        )

    child = transfer.plan.child
    return _record(
        request,
        access,
        form=form,
        save=save,
        error_field="finalised_on",
        success="Phase transfer finalised",
        done_url=_child_url(access, child),
        context={
            "title": "Finalise the phase transfer",
            "caption": _caption(
                child,
                f"{transfer.get_transfer_type_display().lower()} on "
                f"{transfer.transfer_date:%-d %B %Y}",
            ),
            "intro": f"The amended plan must name the new school or college by "
            f"{transfer.deadline:%-d %B %Y} (reg 18).",
            "back_label": f"Back to {child.case_reference}",
            "button": "Finalise the transfer",
        },
    )


@statutory_view(CASEWORK_ROLES)
def plan_cease(request: HttpRequest, access: Access, plan_id: int) -> HttpResponse:
    try:
        plan = selectors.plan_for(access.partnership, plan_id)
    except EHCPlan.DoesNotExist as missing:
        raise Http404("No such plan") from missing
    form = CeasePlanForm(request.POST or None, initial={"version": plan.version})

    def save(data: dict) -> None:
        services.cease_plan(
            partnership=access.partnership,
            plan_id=plan.pk,
            user=request.user,
            expected_version=data["version"],
            ceased_on=data["ceased_on"],
            reason=data["reason"],
        )

    return _record(
        request,
        access,
        form=form,
        save=save,
        error_field="ceased_on",
        success="Plan ceased",
        done_url=_child_url(access, plan.child),
        context={
            "title": "Cease the EHC plan",
            "caption": _caption(plan.child, f"plan issued {plan.issued:%-d %B %Y}"),
            "intro": "A ceased plan's reviews and transfers leave the worklists.",
            "back_label": f"Back to {plan.child.case_reference}",
            "button": "Cease the plan",
        },
    )


@statutory_view(CASEWORK_ROLES)
def review_paperwork(request: HttpRequest, access: Access, review_id: int) -> HttpResponse:
    try:
        review = selectors.review_for_paperwork(access.partnership, review_id)
    except AnnualReview.DoesNotExist as missing:
        raise Http404("No such review") from missing
    if not review.paperwork:
        raise Http404("No paperwork uploaded")
    extension = review.paperwork.name.rsplit(".", 1)[-1]
    return FileResponse(
        review.paperwork.open("rb"),
        as_attachment=True,
        filename=f"review-{review.pk}.{extension}",
        content_type=review.paperwork_content_type or "application/octet-stream",
    )


@statutory_view(MEASURES_ROLES)
def measures(request: HttpRequest, access: Access) -> HttpResponse:
    today = _today()
    result = _measures_asked(request, access, today)
    compared = selectors.comparisons(access.partnership, result)
    return _page(
        request,
        access,
        "statutory/measures.html",
        {
            "nav": "measures",
            "measures": result,
            "definitions": selectors.MEASURES,
            "groupings": selectors.GROUPINGS,
            "years": list(range(today.year, 2013, -1)),
            "comparisons": compared,
            "comparison_sources": sorted({row.source for row in compared if row.source}),
        },
    )


def _measures_asked(request: HttpRequest, access: Access, today: date) -> selectors.Measures:
    """The year (2014 to this year; default this year) and breakdown the request asks for."""
    year = request_values.whole_number(request.GET.get("year"), low=2014, high=today.year)
    grouping = request.GET.get("by", "month")
    return selectors.timeliness_measures(
        access.partnership, year or today.year, grouping, as_at=today
    )


@statutory_view(MEASURES_ROLES)
def measures_export(request: HttpRequest, access: Access, fmt: str) -> HttpResponse:
    """Every figure on the measures page as one long table: counts, never children."""
    result = _measures_asked(request, access, _today())
    breakdown = selectors.GROUPINGS.get(result.grouping, "Month")
    rows = [
        [result.year, group_kind, row.label, name, rate.numerator, rate.denominator, rate.display()]
        for group_kind, group_rows in [("Whole year", [result.total]), (breakdown, result.groups)]
        for row in group_rows
        for key, name in selectors.MEASURES
        for rate in [row.rate(key)]
    ]
    header = ["Year", "Breakdown", "Group", "Measure", "On time", "Out of", "Percentage"]
    table = Table(f"Timeliness measures {result.year}", header, rows)
    return exports.download(fmt, f"timeliness-{result.year}-by-{result.grouping}", [table])


@statutory_view(PORTAL_ROLES)
def portal(request: HttpRequest, access: Access) -> HttpResponse:
    today = _today()
    setting_ids = selectors.contact_setting_ids(access.partnership, request.user)
    return _page(
        request,
        access,
        "statutory/portal.html",
        {
            "nav": "portal",
            "today": today,
            "has_setting": bool(setting_ids),
            "children": selectors.portal_children(access.partnership, setting_ids, today),
            "tags": STATUS_TAGS,
        },
    )


@statutory_view(PORTAL_ROLES)
def portal_review(request: HttpRequest, access: Access, review_id: int) -> HttpResponse:
    setting_ids = selectors.contact_setting_ids(access.partnership, request.user)
    reviews = selectors.portal_reviews(access.partnership, setting_ids)
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
        except UploadRejected as error:
            form.add_error("paperwork", str(error))
        except services.InvalidChange as error:
            form.add_error("meeting_date", str(error))
        else:
            messages.success(request, "Review details sent to the council")
            return redirect("statutory:portal", partnership=access.partnership.slug)
    return _page(request, access, "statutory/portal_review.html", context)


@statutory_view(CASEWORK_ROLES)
def review_meeting(request: HttpRequest, access: Access, review_id: int) -> HttpResponse:
    try:
        review = selectors.review_for(access.partnership, review_id)
    except AnnualReview.DoesNotExist as missing:
        raise Http404("No such review") from missing
    form = ReviewMeetingForm(
        request.POST or None,
        initial={"version": review.version, "meeting_date": review.meeting_date},
    )

    def save(data: dict) -> None:
        services.record_review_meeting(
            partnership=access.partnership,
            review_id=review.pk,
            user=request.user,
            expected_version=data["version"],
            meeting_date=data["meeting_date"],
        )

    child = review.plan.child
    return _record(
        request,
        access,
        form=form,
        save=save,
        error_field="meeting_date",
        success="Review meeting date recorded. You can now record the decision",
        done_url=_child_url(access, child),
        context={
            "title": "Record the review meeting",
            "caption": _caption(child, f"review due {review.due:%-d %B %Y}"),
            "intro": "The date the annual review meeting was held. The SENCO can also record "
            "it in the schools portal.",
            "back_label": f"Back to {child.case_reference}",
            "button": "Save the date",
        },
    )


@statutory_view(CASEWORK_ROLES)
def assessment_outcome(request: HttpRequest, access: Access, assessment_id: int) -> HttpResponse:
    assessment = _get_assessment(access, assessment_id)
    form = AssessmentOutcomeForm(request.POST or None, initial={"version": assessment.version})

    def save(data: dict) -> None:
        services.record_assessment_outcome(
            partnership=access.partnership,
            assessment_id=assessment.pk,
            user=request.user,
            expected_version=data["version"],
            outcome=data["outcome"],
            outcome_on=data["outcome_on"],
        )

    return _record(
        request,
        access,
        form=form,
        save=save,
        error_field="outcome_on",
        success="Outcome recorded. The request is closed",
        done_url=_assessment_url(access, assessment),
        context={
            "title": "Close the request without a plan",
            "caption": _caption(
                assessment.child, f"request received {assessment.request_received:%-d %B %Y}"
            ),
            "intro": "Record that the council decided not to issue a plan after assessing "
            "(reg 10: the family's letter must give their appeal rights) or that the request "
            "was withdrawn. The request leaves the worklists and its clocks stop.",
            "back_label": "Back to the assessment",
            "button": "Close the request",
        },
    )


@statutory_view(CASEWORK_ROLES)
def assessment_evidence(request: HttpRequest, access: Access, assessment_id: int) -> HttpResponse:
    assessment = _get_assessment(access, assessment_id)
    form = EvidenceReceivedForm(
        request.POST or None,
        initial={"version": assessment.version, "received_on": assessment.evidence_received},
    )

    def save(data: dict) -> None:
        services.record_evidence_received(
            partnership=access.partnership,
            assessment_id=assessment.pk,
            user=request.user,
            expected_version=data["version"],
            received_on=data["received_on"],
        )

    return _record(
        request,
        access,
        form=form,
        save=save,
        error_field="received_on",
        success="Evidence date recorded",
        done_url=_assessment_url(access, assessment),
        context={
            "title": "Record the evidence received",
            "caption": _caption(
                assessment.child, f"request received {assessment.request_received:%-d %B %Y}"
            ),
            "intro": "Those asked for advice must give it within 6 weeks of being asked (reg 8).",
            "back_label": "Back to the assessment",
            "button": "Save the date",
        },
    )


@statutory_view(CASEWORK_ROLES)
def assessment_request(request: HttpRequest, access: Access, child_id: int) -> HttpResponse:
    try:
        child = selectors.child_for(access.partnership, child_id)
    except Child.DoesNotExist as missing:
        raise Http404("No such child") from missing
    form = AssessmentRequestForm(request.POST or None, initial={"version": child.version})

    def save(data: dict) -> None:
        services.record_assessment_request(
            partnership=access.partnership,
            child_id=child.pk,
            user=request.user,
            expected_version=data["version"],
            request_received=data["request_received"],
            requested_by=data["requested_by"],
        )

    return _record(
        request,
        access,
        form=form,
        save=save,
        error_field="request_received",
        success="Request recorded. It is on the awaiting decision worklist",
        done_url=_child_url(access, child),
        context={
            "title": "Record a request for an EHC needs assessment",
            "caption": f"{child.case_reference} · {child.name}",
            "intro": "The council must decide whether to assess within 6 weeks of the "
            "request (reg 5).",
            "back_label": f"Back to {child.case_reference}",
            "button": "Save the request",
        },
    )


@statutory_view(CASEWORK_ROLES)
def transfer_add(request: HttpRequest, access: Access, plan_id: int) -> HttpResponse:
    try:
        plan = selectors.plan_for(access.partnership, plan_id)
    except EHCPlan.DoesNotExist as missing:
        raise Http404("No such plan") from missing
    form = PhaseTransferForm(
        request.POST or None,
        initial={"version": plan.version},
        settings_=selectors.settings_for(access.partnership),
    )

    def save(data: dict) -> None:
        services.add_phase_transfer(
            partnership=access.partnership,
            plan_id=plan.pk,
            user=request.user,
            expected_version=data["version"],
            transfer_type=data["transfer_type"],
            transfer_date=data["transfer_date"],
            named_setting_id=data["named_setting"],
            local_deadline=data["local_deadline"],
        )

    return _record(
        request,
        access,
        form=form,
        save=save,
        error_field="transfer_date",
        success="Phase transfer added. It is on the phase transfers worklist",
        done_url=_child_url(access, plan.child),
        context={
            "title": "Add a phase transfer",
            "caption": _caption(plan.child, f"plan issued {plan.issued:%-d %B %Y}"),
            "intro": "The plan must be amended to name the new school or college by 15 "
            "February of the year of transfer (31 March for secondary to post-16; 5 months "
            "before a post-16 to post-16 transfer), reg 18.",
            "back_label": f"Back to {plan.child.case_reference}",
            "button": "Add the transfer",
        },
    )
