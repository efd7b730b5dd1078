"""Service records: triage criteria, deficits, complaints, self-assessment, training and
the steering group."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .. import reports, selectors, services
from ..access import CASEWORK, FIGURES, MANAGERS, SendiassAccess, sendiass_view
from ..forms import (
    ComplaintForm,
    ComplaintProgressForm,
    DeficitForm,
    StandardAssessmentForm,
    SteeringGroupMeetingForm,
    TrainingSessionForm,
    TriageCriterionForm,
)
from .common import _form_page, _page, _period, _records_page, _report_period, _rule_error, _today


@sendiass_view(MANAGERS)
def triage_criteria(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    form = TriageCriterionForm(request.POST or None, initial={"active": "1", "position": 0})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_triage_criterion(
            criterion_id=None,
            name=data["name"],
            weight=data["weight"],
            active=data["active"],
            position=data["position"] or 0,
        )
        messages.success(request, "Triage criterion added.")
        return redirect("sendiass:triage_criteria")
    return _page(
        request,
        access,
        "sendiass/triage_criteria.html",
        {"criteria": selectors.triage_criteria(), "form": form},
    )


@sendiass_view(MANAGERS)
def triage_criterion_edit(request: HttpRequest, access: SendiassAccess, criterion_id: int):
    criterion = selectors.triage_criterion(criterion_id)
    if criterion is None:
        raise Http404("No such criterion")
    form = TriageCriterionForm(
        request.POST or None,
        initial={
            "name": criterion.name,
            "weight": criterion.weight,
            "position": criterion.position,
            "active": "1" if criterion.active else "0",
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_triage_criterion(
            criterion_id=criterion.pk,
            name=data["name"],
            weight=data["weight"],
            active=data["active"],
            position=data["position"] or 0,
        )
        messages.success(request, "Triage criterion changed.")
        return redirect("sendiass:triage_criteria")
    return _form_page(
        request,
        access,
        form,
        title="Change a triage criterion",
        back=reverse("sendiass:triage_criteria"),
        hint="A new weight counts for referrals recorded from now on.",
    )


@sendiass_view(FIGURES)
def deficits(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    period = _period(request)
    rows = selectors.deficit_report(period.start, period.end)
    recent = selectors.recent_deficits(50) if access.does_casework else []
    return _page(
        request,
        access,
        "sendiass/deficits.html",
        {"period": period, "rows": reports.with_labels("deficit", rows), "recent": recent},
    )


@sendiass_view(CASEWORK)
def deficit_new(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    form = DeficitForm(request.POST or None, initial={"recorded_on": _today()})
    if request.method == "POST" and form.is_valid():
        services.record_deficit(by=access, **form.cleaned_data)
        messages.success(request, "Service deficit recorded.")
        return redirect("sendiass:deficits")
    return _form_page(
        request,
        access,
        form,
        title="Record a request the service could not meet",
        back=reverse("sendiass:deficits"),
    )


@sendiass_view(MANAGERS)
def complaints(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    return _page(
        request,
        access,
        "sendiass/complaints.html",
        {"worklist": selectors.complaints_worklist(_today()), "today": _today()},
    )


@sendiass_view(MANAGERS)
def complaint_new(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    form = ComplaintForm(request.POST or None, initial={"received_on": _today()})
    if request.method == "POST" and form.is_valid():
        complaint = services.record_complaint(by=access, **form.cleaned_data)
        messages.success(
            request,
            f"Complaint recorded: acknowledge by {complaint.acknowledge_by:%d/%m/%Y}, "
            f"respond by {complaint.respond_by:%d/%m/%Y}.",
        )
        return redirect("sendiass:complaints")
    return _form_page(
        request,
        access,
        form,
        title="Record a complaint about the service",
        back=reverse("sendiass:complaints"),
    )


@sendiass_view(MANAGERS)
def complaint_detail(request: HttpRequest, access: SendiassAccess, complaint_id: int):
    complaint = selectors.complaint(complaint_id)
    if complaint is None:
        raise Http404("No such complaint")
    form = ComplaintProgressForm(
        request.POST or None,
        initial={
            "version": complaint.version,
            "acknowledged_on": complaint.acknowledged_on,
            "responded_on": complaint.responded_on,
            "outcome": complaint.outcome,
            "learning": complaint.learning,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.update_complaint(
                complaint_id=complaint.pk, by=access, expected_version=version, changes=data
            )
        except services.RuleBroken as error:
            _rule_error(form, error)
        else:
            messages.success(request, "Complaint updated.")
            return redirect("sendiass:complaints")
    return _form_page(
        request,
        access,
        form,
        title="Complaint",
        back=reverse("sendiass:complaints"),
        complaint=complaint,
    )


@sendiass_view(MANAGERS)
def self_assessment(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    period = reports.financial_year(_report_period(request).financial_year, _today())
    form = StandardAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.save_standard_assessment(by=access, year=period.year, **form.cleaned_data)
        messages.success(request, "Self-assessment saved.")
        return redirect(reverse("sendiass:self_assessment") + f"?period={period.key}")
    rows = [
        [a.standard, a.get_rag_display(), a.evidence]
        for a in selectors.standard_assessments(period.year)
    ]
    return _records_page(
        request,
        access,
        title=f"Self-assessment, {period.label}",
        intro="A RAG rating of each Minimum Standard for the annual report: examples of "
        "evidence if green, the explanation and actions if amber or red.",
        caption="Standards rated this year",
        headers=["Standard", "Rating", "Evidence, or explanation and actions"],
        rows=rows,
        form=form,
        button="Save the rating",
    )


@sendiass_view(MANAGERS)
def training(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    form = TrainingSessionForm(request.POST or None, initial={"held_on": _today()})
    if request.method == "POST" and form.is_valid():
        services.record_training(by=access, **form.cleaned_data)
        messages.success(request, "Training recorded.")
        return redirect("sendiass:training")
    rows = [
        [
            f"{t.held_on:%d/%m/%Y}",
            t.get_direction_display(),
            t.title,
            t.get_audience_display() + (f" ({t.audience_detail})" if t.audience_detail else ""),
            "" if t.attendees is None else str(t.attendees),
        ]
        for t in selectors.recent_training(100)
    ]
    return _records_page(
        request,
        access,
        title="Training",
        intro="Training the service delivered, and training its staff attended, for the "
        "annual report. No names.",
        caption="The latest 100 sessions",
        headers=["Date", "Delivered or attended", "Subject", "Audience", "People attending"],
        rows=rows,
        form=form,
        button="Record the training",
    )


@sendiass_view(MANAGERS)
def steering_group(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    form = SteeringGroupMeetingForm(request.POST or None, initial={"held_on": _today()})
    if request.method == "POST" and form.is_valid():
        services.record_steering_meeting(by=access, **form.cleaned_data)
        messages.success(request, "Steering group meeting recorded.")
        return redirect("sendiass:steering_group")
    rows = [[f"{m.held_on:%d/%m/%Y}", m.changes] for m in selectors.recent_steering_meetings(100)]
    return _records_page(
        request,
        access,
        title="Steering group meetings",
        intro="When the steering group met, and changes to its membership or vacancies, for "
        "the annual report.",
        caption="The latest 100 meetings",
        headers=["Date", "Changes or vacancies"],
        rows=rows,
        form=form,
        button="Record the meeting",
    )
