"""SENDIASS pages: thin views that check SENDIASS staff access, call a selector or service and
render. Views log nothing about people: ids only, and only through the access log."""

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from sendtrack import request_values
from sendtrack.domain import consent as consent_rule

from . import jobs, report_files, reports, selectors, services
from .access import CASEWORK, CASEWORKERS, FIGURES, MANAGERS, SendiassAccess, sendiass_view
from .evaluations import QUESTIONS, evaluation_figures, evaluation_form
from .export import subject_access_zip
from .fields import decrypt_bytes
from .forms import (
    AllocateForm,
    CaseForm,
    CloseForm,
    ComplaintForm,
    ComplaintProgressForm,
    ConsentForm,
    ContactForm,
    DeficitForm,
    DocumentForm,
    LevelForm,
    ProfessionalLinkForm,
    ReferralForm,
    StandardAssessmentForm,
    SteeringGroupMeetingForm,
    TrainingSessionForm,
    TriageCriterionForm,
)
from .models import (
    CaseStatus,
    Complaint,
    Consent,
    Document,
    EvaluationKind,
    SendiassCase,
    ServiceDeficit,
    ServiceUser,
    ServiceUserKind,
    StandardAssessment,
    SteeringGroupMeeting,
    TrainingSession,
    TriageCriterion,
)

CASES_PER_PAGE = 50


def _today() -> date:
    return timezone.localdate()


def _page(request: HttpRequest, access: SendiassAccess, template: str, context: dict):
    return render(request, template, {"sendiass": access, **context})


def _form_page(request, access, form, *, title, caption="", back=None, button="Save", **extra):
    return _page(
        request,
        access,
        "sendiass/form.html",
        {"form": form, "title": title, "caption": caption, "back": back, "button": button, **extra},
    )


def _rule_error(form, error: services.RuleBroken) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error))


def _case(access: SendiassAccess, case_id: int) -> SendiassCase:
    try:
        return selectors.case_for(access, case_id)
    except SendiassCase.DoesNotExist as missing:
        raise Http404("No such case") from missing


def _case_url(case: SendiassCase | int) -> str:
    pk = case if isinstance(case, int) else case.pk
    return reverse("sendiass:case_detail", kwargs={"case_id": pk})


@sendiass_view(FIGURES)
def home(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    today = _today()
    context: dict = {"today": today}
    if access.does_casework:
        queue = selectors.triage_queue(access)
        context |= {
            "queue_count": queue.count(),
            "my_open": selectors.case_list(
                access, selectors.CaseFilters(status=CaseStatus.OPEN, mine=True)
            ).count(),
            "consents_due": len(selectors.consents_due(access, today)),
        }
    if access.is_manager:
        worklist = selectors.complaints_worklist(today)
        context["complaints_open"] = len(worklist["to_respond"])
    return _page(request, access, "sendiass/home.html", context)


def _case_filters(request: HttpRequest) -> selectors.CaseFilters:
    get = request.GET
    level = get.get("level", "")
    return selectors.CaseFilters(
        status=get.get("status", "") if get.get("status") in CaseStatus.values else "",
        mine=get.get("mine") == "1",
        level=int(level) if level in {"1", "2", "3", "4"} else None,
        reference=get.get("reference", "").strip()[:40],
    )


@sendiass_view(CASEWORK)
def case_list(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    filters = _case_filters(request)
    paginator = Paginator(selectors.case_list(access, filters), CASES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    names = selectors.staff_names(c.caseworker_user_id for c in page)
    query = request.GET.copy()
    query.pop("page", None)
    return _page(
        request,
        access,
        "sendiass/case_list.html",
        {
            "page": page,
            "filters": filters,
            "names": names,
            "query": query.urlencode(),
            "statuses": CaseStatus.choices,
        },
    )


@sendiass_view(CASEWORK)
def triage_queue(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    queue = selectors.triage_queue_rows(access, _today())
    return _page(request, access, "sendiass/triage_queue.html", {"queue": queue})


@sendiass_view(CASEWORK)
def referral_new(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    criteria = list(TriageCriterion.objects.filter(active=True))
    form = ReferralForm(request.POST or None, criteria=criteria, initial={"referred_on": _today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.record_referral(
                by=access,
                referred_on=data["referred_on"],
                referral_route=data["referral_route"],
                service_user=services.ServiceUserDetails(
                    kind=data["kind"],
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    address=data["address"],
                    heard_about=data["heard_about"],
                ),
                child=services.ChildDetails(
                    data["child_name"], data["child_date_of_birth"], data["child_school"]
                ),
                exception_reason=data["exception_reason"],
                channel=data["channel"],
                issues=data["issues"],
                themes=data["themes"],
                criterion_ids=[int(c) for c in data["criteria"]],
                summary=data["summary"],
            )
        except services.RuleBroken as error:
            _rule_error(form, error)
        else:
            messages.success(request, f"Referral recorded as case {case.reference}.")
            return redirect(_case_url(case))
    return _form_page(
        request,
        access,
        form,
        title="Record a referral",
        button="Record the referral",
        back=reverse("sendiass:triage_queue"),
    )


@sendiass_view(CASEWORK)
def case_detail(request: HttpRequest, access: SendiassAccess, case_id: int) -> HttpResponse:
    case = _case(access, case_id)
    services.log_case_access(case_id=case.pk, user_id=access.user_id, what="case page")
    today = _today()
    contacts = list(case.contacts.all())
    levels = list(case.levels.all())
    names = selectors.staff_names(
        [
            case.caseworker_user_id,
            *(c.recorded_by_user_id for c in contacts),
            *(lv.set_by_user_id for lv in levels),
        ]
    )
    return _page(
        request,
        access,
        "sendiass/case_detail.html",
        {
            "case": case,
            "today": today,
            "contacts": contacts,
            "levels": levels,
            "names": names,
            "parties": selectors.consents_by_party(case.service_user_id, today),
            "minutes": sum(c.minutes for c in contacts),
            "issue_labels": reports.labels_for("issues", case.issues),
            "theme_labels": reports.labels_for("themes", case.themes),
            "can_manage_case": access.role in CASEWORKERS,
        },
    )


@sendiass_view(CASEWORKERS)
def case_allocate(request: HttpRequest, access: SendiassAccess, case_id: int) -> HttpResponse:
    case = _case(access, case_id)
    form = AllocateForm(
        request.POST or None,
        caseworkers=selectors.caseworkers(),
        initial={"version": case.version, "caseworker": case.caseworker_user_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.allocate_case(
                case_id=case.pk,
                caseworker_user_id=form.cleaned_data["caseworker"],
                by=access,
                expected_version=form.cleaned_data["version"],
            )
        except services.RuleBroken as error:
            _rule_error(form, error)
        else:
            messages.success(request, "Caseworker allocated.")
            return redirect(_case_url(case))
    return _form_page(
        request,
        access,
        form,
        title="Allocate a caseworker",
        caption=case.reference,
        back=_case_url(case),
    )


@sendiass_view(CASEWORK)
def case_level(request: HttpRequest, access: SendiassAccess, case_id: int) -> HttpResponse:
    case = _case(access, case_id)
    form = LevelForm(
        request.POST or None,
        initial={"version": case.version, "level": case.level, "applies_from": _today()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.set_level(
                case_id=case.pk,
                level=data["level"],
                applies_from=data["applies_from"],
                by=access,
                expected_version=data["version"],
                reason=data["reason"],
            )
        except services.RuleBroken as error:
            _rule_error(form, error)
        else:
            messages.success(request, f"Level of support set to {data['level']}.")
            return redirect(_case_url(case))
    return _form_page(
        request,
        access,
        form,
        title="Change the level of support",
        caption=case.reference,
        back=_case_url(case),
    )


@sendiass_view(CASEWORK)
def case_edit(request: HttpRequest, access: SendiassAccess, case_id: int) -> HttpResponse:
    case = _case(access, case_id)
    form = CaseForm(
        request.POST or None,
        initial={
            "version": case.version,
            "issues": case.issues,
            "themes": case.themes,
            "summary": case.summary,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_case(
                case_id=case.pk,
                by=access,
                expected_version=data["version"],
                issues=data["issues"],
                themes=data["themes"],
                summary=data["summary"],
            )
        except services.RuleBroken as error:
            _rule_error(form, error)
        else:
            messages.success(request, "Case updated.")
            return redirect(_case_url(case))
    return _form_page(
        request,
        access,
        form,
        title="Change issues, themes and notes",
        caption=case.reference,
        back=_case_url(case),
    )


@sendiass_view(CASEWORK)
def contact_new(request: HttpRequest, access: SendiassAccess, case_id: int) -> HttpResponse:
    case = _case(access, case_id)
    parties = [p.party for p in selectors.consents_by_party(case.service_user_id, _today())]
    form = ContactForm(request.POST or None, parties=parties, initial={"on": _today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        third = data["party"] != "service_user"
        party = parties[int(data["party"])] if third else consent_rule.Party("")
        try:
            services.record_contact(
                case_id=case.pk,
                by=access,
                on=data["on"],
                channel=data["channel"],
                minutes=data["minutes"],
                party_kind="third_party" if third else "service_user",
                party_name=party.name,
                party_organisation=party.organisation,
                notes=data["notes"],
            )
        except services.RuleBroken as error:
            _rule_error(form, error)
        else:
            messages.success(request, "Contact recorded.")
            return redirect(_case_url(case))
    return _form_page(
        request,
        access,
        form,
        title="Record a contact",
        caption=case.reference,
        back=_case_url(case),
        hint="To speak to anyone else, record their consent first. Expired, refused or "
        "withdrawn consent blocks the contact until it is renewed.",
    )


@sendiass_view(CASEWORK)
def consent_new(request: HttpRequest, access: SendiassAccess, case_id: int) -> HttpResponse:
    case = _case(access, case_id)
    initial = {
        "given_on": _today(),
        "party_name": request.GET.get("party", "")[:200],
        "party_organisation": request.GET.get("organisation", "")[:200],
    }
    form = ConsentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_consent(
                service_user_id=case.service_user_id, by=access, **form.cleaned_data
            )
        except services.RuleBroken as error:
            _rule_error(form, error)
        else:
            messages.success(request, "Consent recorded.")
            return redirect(_case_url(case))
    return _form_page(
        request,
        access,
        form,
        title="Record consent to speak to someone",
        caption=case.reference,
        back=_case_url(case),
    )


@require_POST
@sendiass_view(CASEWORK)
def consent_withdraw(request: HttpRequest, access: SendiassAccess, consent_id: int):
    consent = Consent.objects.filter(pk=consent_id).first()
    case = (
        selectors.visible_cases(access).filter(service_user_id=consent.service_user_id).first()
        if consent
        else None
    )
    if case is None:
        raise Http404("No such consent")
    services.withdraw_consent(consent_id=consent.pk, by=access)
    messages.success(request, "Consent withdrawal recorded.")
    return redirect(_case_url(case))


@sendiass_view(CASEWORK)
def consents_due(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    return _page(
        request,
        access,
        "sendiass/consents_due.html",
        {"due": selectors.consents_due(access, _today()), "today": _today()},
    )


@sendiass_view(CASEWORK)
def document_new(request: HttpRequest, access: SendiassAccess, case_id: int) -> HttpResponse:
    case = _case(access, case_id)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["upload"]
        try:
            services.add_document(
                case_id=case.pk,
                by=access,
                title=data["title"],
                filename=upload.name,
                content_type=upload.content_type or "",
                content=upload.read(),
                consent_given_on=data["consent_given_on"],
                consent_given_by=data["consent_given_by"],
            )
        except services.RuleBroken as error:
            _rule_error(form, error)
        else:
            messages.success(request, "Document kept.")
            return redirect(_case_url(case))
    return _form_page(
        request,
        access,
        form,
        title="Keep a document",
        caption=case.reference,
        back=_case_url(case),
        multipart=True,
        hint="The service keeps reports and letters only with the consent of the parent or "
        "young person.",
    )


@sendiass_view(CASEWORK)
def document_download(request: HttpRequest, access: SendiassAccess, document_id: int):
    document = Document.objects.filter(
        pk=document_id, case__in=selectors.visible_cases(access)
    ).first()
    if document is None:
        raise Http404("No such document")
    services.log_case_access(case_id=document.case_id, user_id=access.user_id, what="document")
    response = HttpResponse(
        decrypt_bytes(document.content), content_type="application/octet-stream"
    )
    safe = "".join(ch for ch in document.filename if ch.isalnum() or ch in "._- ")[:100] or "file"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    return response


@sendiass_view(CASEWORK)
def case_close(request: HttpRequest, access: SendiassAccess, case_id: int) -> HttpResponse:
    case = _case(access, case_id)
    form = CloseForm(request.POST or None, initial={"version": case.version, "closed_on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            case, token = services.close_case(
                case_id=case.pk,
                by=access,
                expected_version=form.cleaned_data["version"],
                on=form.cleaned_data["closed_on"],
            )
        except services.RuleBroken as error:
            _rule_error(form, error)
        else:
            link = (
                request.build_absolute_uri(
                    reverse("sendiass:evaluation_link", kwargs={"token": token})
                )
                if token
                else None
            )
            # Shown once, here: the link is not stored anywhere it could be tied to the case.
            return _page(request, access, "sendiass/case_closed.html", {"case": case, "link": link})
    return _form_page(
        request,
        access,
        form,
        title="Close the case",
        caption=case.reference,
        back=_case_url(case),
        button="Close the case",
        hint="Closing issues a one-time evaluation link for the family. The answer is kept "
        "anonymously, apart from the case.",
    )


@sendiass_view(MANAGERS)
def subject_access_export(request: HttpRequest, access: SendiassAccess, service_user_id: int):
    service_user = ServiceUser.objects.filter(pk=service_user_id).first()
    if service_user is None:
        raise Http404("No such service user")
    services.log_case_access(
        case_id=None,
        service_user_id=service_user.pk,
        user_id=access.user_id,
        what="subject access export",
    )
    response = HttpResponse(subject_access_zip(service_user), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="subject-access-{service_user.pk}.zip"'
    return response


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
        {"criteria": TriageCriterion.objects.all(), "form": form},
    )


@sendiass_view(MANAGERS)
def triage_criterion_edit(request: HttpRequest, access: SendiassAccess, criterion_id: int):
    criterion = TriageCriterion.objects.filter(pk=criterion_id).first()
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


def _period(request: HttpRequest) -> reports.Period:
    return reports.financial_year(request_values.year(request.GET.get("year")), _today())


@sendiass_view(FIGURES)
def deficits(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    period = _period(request)
    rows = selectors.deficit_report(period.start, period.end)
    recent = ServiceDeficit.objects.all()[:50] if access.does_casework else []
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


@sendiass_view(FIGURES)
def evaluations(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    period = _period(request)
    return _page(
        request,
        access,
        "sendiass/evaluations.html",
        {
            "period": period,
            "figures": evaluation_figures(period.start, period.end, _today()),
            "years": reports.recent_years(_today()),
        },
    )


@sendiass_view(CASEWORKERS)
def professional_link(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    form = ProfessionalLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = services.issue_evaluation(kind=EvaluationKind.PROFESSIONAL, on=_today())
        link = request.build_absolute_uri(
            reverse("sendiass:evaluation_link", kwargs={"token": token})
        )
        return _page(request, access, "sendiass/case_closed.html", {"case": None, "link": link})
    return _form_page(
        request,
        access,
        form,
        title="Make a feedback link for a professional",
        back=reverse("sendiass:evaluations"),
        button="Make the link",
        hint="The link works once. Its answer is anonymous: it is kept only as a "
        "professional's answer in the financial year it arrives in.",
    )


EVALUATION_SESSION_KEY = "sendiass_evaluation_token"


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def _no_referrer(response: HttpResponse) -> HttpResponse:
    # Only on the tokened address: "no-referrer" on the form page itself would make the
    # browser send "Origin: null" with the POST, which CSRF protection rightly refuses.
    response["Referrer-Policy"] = "no-referrer"
    return _no_store(response)


def _evaluation_gone(request: HttpRequest) -> HttpResponse:
    return _no_store(render(request, "sendiass/evaluation_gone.html", status=404))


@require_GET
def evaluation_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link sent to the family: keep the token in the session and move to a token-less
    address at once, so the token is in one access-log line (this one) and nowhere else:
    not in the browser's address bar, history, a Referer header or later log lines."""
    if services.invitation_for(token, _today()) is None:
        return _evaluation_gone(request)
    request.session[EVALUATION_SESSION_KEY] = token
    return _no_referrer(redirect("sendiass:evaluation"))


def evaluation(request: HttpRequest) -> HttpResponse:
    """The public, anonymous evaluation form: no sign-in, nothing about the case. The token
    comes back in a hidden field of the POST (or, failing that, from the session)."""
    today = _today()
    if request.method == "POST":
        token = request.POST.get("token", "") or request.session.get(EVALUATION_SESSION_KEY, "")
    else:
        token = request.session.get(EVALUATION_SESSION_KEY, "")
    token = token[:100]
    invitation = services.invitation_for(token, today) if token else None
    if invitation is None:
        request.session.pop(EVALUATION_SESSION_KEY, None)
        return _evaluation_gone(request)
    form = evaluation_form(invitation.kind, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_evaluation(
                token=token,
                answers={k: v for k, v in form.cleaned_data.items() if v},
                today=today,
            )
        except services.RuleBroken:
            return _evaluation_gone(request)
        finally:
            request.session.pop(EVALUATION_SESSION_KEY, None)
        return _no_store(render(request, "sendiass/evaluation_thanks.html"))
    return _no_store(
        render(
            request,
            "sendiass/evaluation.html",
            {
                "form": form,
                "token": token,
                "professional": invitation.kind == EvaluationKind.PROFESSIONAL,
                "questions": QUESTIONS[invitation.kind],
            },
        )
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
    complaint = Complaint.objects.filter(pk=complaint_id).first()
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


@sendiass_view(FIGURES)
def annual_report(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    report = reports.annual_report(_report_period(request))
    return _page(
        request,
        access,
        "sendiass/annual_report.html",
        {
            "report": report,
            "sections": reports.report_sections(report),
            "periods": reports.recent_periods(_today()),
        },
    )


SERVICE_USER_KINDS = dict(ServiceUserKind.choices)


def _report_period(request: HttpRequest) -> reports.Period:
    if "period" in request.GET:
        return reports.parse_period(request.GET["period"], _today())
    return _period(request)


def _report_file(request: HttpRequest, content: bytes, content_type: str, extension: str):
    period = _report_period(request)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="sendiass-report-{period.key}.{extension}"'
    )
    return response


@sendiass_view(FIGURES)
def annual_report_pdf(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    """The PDF is made in the background (jobs.py): its page shows it being made, then a
    link to it."""
    job = jobs.start_annual_report_pdf(
        staff_user_id=access.staff.user_id, period=_report_period(request)
    )
    return redirect("sendiass:report_job", job_id=job.pk)


@sendiass_view(FIGURES)
def annual_report_docx(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    report = reports.annual_report(_report_period(request))
    return _report_file(
        request,
        report_files.report_docx(report),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    )


def _records_page(request, access, *, title, intro, caption, headers, rows, form, button):
    return _page(
        request,
        access,
        "sendiass/records.html",
        {
            "title": title,
            "intro": intro,
            "caption": caption,
            "headers": headers,
            "rows": rows,
            "form": form,
            "button": button,
        },
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
        for a in StandardAssessment.objects.filter(year=period.year)
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
        for t in TrainingSession.objects.all()[:100]
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
    rows = [[f"{m.held_on:%d/%m/%Y}", m.changes] for m in SteeringGroupMeeting.objects.all()[:100]]
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
