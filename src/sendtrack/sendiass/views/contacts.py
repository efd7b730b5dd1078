"""Contacts, consents, documents and the subject access export."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from sendtrack.core import private_files
from sendtrack.domain import consent as consent_rule

from .. import selectors, services
from ..access import CASEWORK, MANAGERS, SendiassAccess, sendiass_view
from ..export import subject_access_zip
from ..fields import decrypt_bytes
from ..forms import ConsentForm, ContactForm, DocumentForm
from .common import _case, _case_url, _form_page, _page, _rule_error, _today


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
    consent = selectors.consent(consent_id)
    case = (
        selectors.visible_cases(access).filter(service_user_id=consent.service_user_id).first()
        if consent
        else None
    )
    if consent is None or case is None:
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
    document = selectors.document_for(access, document_id)
    if document is None:
        raise Http404("No such document")
    services.log_case_access(case_id=document.case_id, user_id=access.user_id, what="document")
    return private_files.attachment(decrypt_bytes(document.content), document.filename)


@sendiass_view(MANAGERS)
def subject_access_export(request: HttpRequest, access: SendiassAccess, service_user_id: int):
    service_user = selectors.service_user(service_user_id)
    if service_user is None:
        raise Http404("No such service user")
    services.log_case_access(
        case_id=None,
        service_user_id=service_user.pk,
        user_id=access.user_id,
        what="subject access export",
    )
    return private_files.attachment(
        subject_access_zip(service_user), f"subject-access-{service_user.pk}.zip", "application/zip"
    )
