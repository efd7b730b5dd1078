"""SENDIASS sign-in and staff accounts: signing in and out, choosing a password from a link,
changing one's own, and a manager's pages to invite, change, reset and deactivate staff.

None of this uses the council's sign-ins; see signin.py for why a council administrator or
superuser can neither reach nor forge these accounts.
"""

from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from sendtrack.accounts.throttle import client_address
from sendtrack.core.history import HistoryEntry, audit_trail

from . import signin, staff_accounts
from .access import FIGURES, MANAGERS, SendiassAccess, sendiass_view
from .forms import ChangePasswordForm, ChangeStaffForm, InviteStaffForm, NewPasswordForm, SignInForm
from .models import SendiassStaff
from .services import RuleBroken

SET_PASSWORD_TOKEN = "sendiass_set_password_token"


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed and target.startswith("/sendiass/") else reverse("sendiass:home")


def _form_page(request: HttpRequest, template: str, **context: object) -> HttpResponse:
    return render(request, template, context)


def sign_in(request: HttpRequest) -> HttpResponse:
    """The SENDIASS sign-in page: SENDIASS accounts only, never the council's sign-ins."""
    if signin.signed_in_staff(request) is not None:
        return redirect(_safe_next(request))
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            staff = signin.authenticate(data["username"], data["password"], client_address(request))
        except signin.SignInLocked as locked:
            form.add_error(
                None,
                "Too many wrong passwords. Try again after "
                f"{locked.until.astimezone().strftime('%H:%M')}, or ask a SENDIASS manager "
                "to reset your password.",
            )
        else:
            if staff is None:
                form.add_error(None, "Enter a correct SENDIASS username and password")
            else:
                signin.start_session(request.session, staff)
                return redirect(_safe_next(request))
    return _form_page(request, "sendiass/sign_in.html", form=form, next=_safe_next(request))


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    signin.end_session(request.session)
    messages.success(request, "You have signed out of SENDIASS")
    return redirect("sendiass:sign_in")


def set_password_link(request: HttpRequest, token: str) -> HttpResponse:
    """Keep the link's token in the session and go to a page whose address does not hold it."""
    if signin.staff_for_token(token) is None:
        return render(request, "sendiass/link_gone.html", status=404)
    request.session[SET_PASSWORD_TOKEN] = token
    return redirect("sendiass:set_password")


def set_password(request: HttpRequest) -> HttpResponse:
    """Choose a password from an invitation or a reset link; it works once."""
    staff = signin.staff_for_token(request.session.get(SET_PASSWORD_TOKEN, ""))
    if staff is None:
        return render(request, "sendiass/link_gone.html", status=404)
    form = NewPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            staff = staff_accounts.set_password(
                staff=staff, new_password=form.cleaned_data["new_password1"]
            )
        except RuleBroken as error:
            form.add_error("new_password1", str(error))
        else:
            request.session.pop(SET_PASSWORD_TOKEN, None)
            signin.start_session(request.session, staff)
            messages.success(request, "Your password is set. You are signed in to SENDIASS.")
            return redirect("sendiass:home")
    return _form_page(
        request,
        "sendiass/form.html",
        form=form,
        title="Choose your SENDIASS password",
        caption=f"Signing in as {staff.username}",
        button="Set password",
    )


@sendiass_view(FIGURES)
def change_password(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    """Everyone changes their own password; their other sessions end, this one stays."""
    form = ChangePasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not access.staff.check_password(data["current_password"]):
            form.add_error("current_password", "Your current password is not right")
        else:
            try:
                staff = staff_accounts.set_password(
                    staff=access.staff, new_password=data["new_password1"]
                )
            except RuleBroken as error:
                form.add_error("new_password1", str(error))
            else:
                signin.start_session(request.session, staff)
                messages.success(request, "Your password has been changed")
                return redirect("sendiass:home")
    return _form_page(
        request,
        "sendiass/form.html",
        sendiass=access,
        form=form,
        title="Change your password",
        button="Change password",
        back=reverse("sendiass:home"),
    )


@sendiass_view(MANAGERS)
def staff(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    """Everyone with a SENDIASS account, active first."""
    members = SendiassStaff.objects.order_by("-active", "name", "username")
    return render(request, "sendiass/staff.html", {"sendiass": access, "members": members})


def _send_link(request: HttpRequest, staff: SendiassStaff, token: str) -> str:
    """The set-password link; emailed when the account has an address."""
    link = request.build_absolute_uri(reverse("sendiass:set_password_link", args=[token]))
    if staff.email:
        send_mail(
            "Your SENDIASS sign-in",
            f"Choose your SENDIASS password with this link within {signin.LINK_DAYS} days. "
            f"It works once.\n\n{link}\n\nYour username is {staff.username}.",
            settings.SENDTRACK_REMINDERS_FROM_EMAIL,
            [staff.email],
            fail_silently=True,
        )
    return link


def _link_page(request, access, staff, link, *, title):
    return render(
        request,
        "sendiass/staff_link.html",
        {"sendiass": access, "member": staff, "link": link, "title": title},
    )


@sendiass_view(MANAGERS)
def staff_new(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    form = InviteStaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member, token = staff_accounts.invite_staff(
                by=access, details=staff_accounts.StaffDetails(**form.cleaned_data)
            )
        except RuleBroken as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            link = _send_link(request, member, token)
            return _link_page(request, access, member, link, title="Account made")
    return _form_page(
        request,
        "sendiass/form.html",
        sendiass=access,
        form=form,
        title="Invite a member of staff",
        hint="They choose their own password with a link that works once, within "
        f"{signin.LINK_DAYS} days.",
        button="Make the account",
        back=reverse("sendiass:staff"),
    )


@sendiass_view(MANAGERS)
def staff_change(request: HttpRequest, access: SendiassAccess, staff_id: int) -> HttpResponse:
    member = get_object_or_404(SendiassStaff, pk=staff_id)
    initial = {
        "role": member.role,
        "trained_for_level_4": "1" if member.trained_for_level_4 else "0",
        "active": "1" if member.active else "0",
    }
    form = ChangeStaffForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            staff_accounts.change_staff(by=access, staff_id=member.pk, **form.cleaned_data)
        except RuleBroken as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, f"Changes to {member} saved")
            return redirect("sendiass:staff")
    return render(
        request,
        "sendiass/staff_change.html",
        {"sendiass": access, "member": member, "form": form, "history": _history(member)},
    )


def _history(member: SendiassStaff) -> list[HistoryEntry]:
    """The account's changes, named by the SENDIASS staff number kept in its history."""
    names = dict(SendiassStaff.objects.values_list("user_id", "name"))
    return audit_trail(
        member, limit=20, who=lambda row: names.get(row.history_user_id, "sendtrack")
    )


@require_POST
@sendiass_view(MANAGERS)
def staff_reset(request: HttpRequest, access: SendiassAccess, staff_id: int) -> HttpResponse:
    member = get_object_or_404(SendiassStaff, pk=staff_id)
    try:
        member, token = staff_accounts.reset_password(by=access, staff_id=member.pk)
    except RuleBroken as error:
        messages.error(request, str(error))
        return redirect("sendiass:staff_change", staff_id=member.pk)
    link = _send_link(request, member, token)
    return _link_page(request, access, member, link, title="Password reset")
