"""Casework pages: home, case list, referral, triage queue, the case page and its changes."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .. import reports, selectors, services
from ..access import CASEWORK, CASEWORKERS, FIGURES, SendiassAccess, sendiass_view
from ..forms import AllocateForm, CaseForm, CloseForm, LevelForm, ReferralForm
from ..models import CaseStatus
from .common import CASES_PER_PAGE, _case, _case_url, _form_page, _page, _rule_error, _today


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
    criteria = selectors.active_triage_criteria()
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
