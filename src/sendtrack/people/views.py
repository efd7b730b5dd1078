"""A partnership administrator's pages: the directory of people, the organisations and the
sign-ins, all of this partnership only. Thin views: a selector reads, a service writes."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.core.mail import send_mail
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST

from sendtrack.accounts.access import Access, SignedInRequest, partnership_view
from sendtrack.accounts.models import Organisation, Person, Role, User
from sendtrack.core.forms import GovukForm
from sendtrack.core.history import audit_trail
from sendtrack.core.pages import found

from . import selectors, services
from .forms import InviteForm, OrganisationForm, PersonForm, RoleForm

ADMIN = Role.ADMINISTRATOR


def _page(request: HttpRequest, access: Access, template: str, **context: Any) -> HttpResponse:
    return render(request, template, {"access": access, "nav": "people", **context})


def _refused(form: Any, error: services.NotAllowed) -> None:
    form.add_error(error.field if error.field in form.fields else None, str(error))


# --- people ------------------------------------------------------------------------------------


@partnership_view(ADMIN)
def people(request: HttpRequest, access: Access) -> HttpResponse:
    search = request.GET.get("q", "")
    found = selectors.people(access.partnership, search)
    return _page(request, access, "people/people.html", people=found, search=search)


def _person_initial(person: Any) -> dict[str, Any]:
    return {
        "name": person.name,
        "job_title": person.job_title,
        "initials": person.initials,
        "aliases": "\n".join(person.aliases),
        "email": person.email,
        "organisation": person.organisation_id or "",
        "user": person.user_id or "",
    }


def _person_details(data: dict[str, Any]) -> services.PersonDetails:
    return services.PersonDetails(
        name=data["name"],
        job_title=data["job_title"],
        initials=data["initials"],
        aliases=tuple(data["aliases"].splitlines()),
        email=data["email"],
        organisation_id=data["organisation"],
        user_id=data["user"],
    )


@partnership_view(ADMIN)
def person_edit(
    request: SignedInRequest, access: Access, person_id: int | None = None
) -> HttpResponse:
    """Add a person to the directory, or change one (their email is where reminders go)."""
    partnership = access.partnership
    person = found(selectors.person, partnership, person_id) if person_id else None
    form = PersonForm(
        request.POST or None,
        initial=_person_initial(person) if person else None,
        organisations=selectors.organisations(partnership),
        users=selectors.member_users(partnership),
    )
    return _directory_edit(
        request,
        access,
        form=form,
        record=person,
        save=lambda data: services.save_person(
            partnership=partnership,
            by=request.user,
            details=_person_details(data),
            person_id=person_id,
        ),
        template="people/person_form.html",
        listing="people",
        adding="Add a person",
    )


def _directory_edit(
    request: HttpRequest,
    access: Access,
    *,
    form: Form,
    record: Person | Organisation | None,
    save: Callable[[dict[str, Any]], Person | Organisation],
    template: str,
    listing: str,
    adding: str,
) -> HttpResponse:
    """The add-or-change page of a directory entry: save through the service, go back to the
    list, or show what was refused; the entry's history below the form."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except services.NotAllowed as error:
            _refused(form, error)
        else:
            messages.success(request, f"{saved.name} saved")
            return redirect(listing, partnership=access.partnership.slug)
    return _page(
        request,
        access,
        template,
        form=form,
        history=audit_trail(record) if record else [],
        title=record.name if record else adding,
        back=reverse(listing, kwargs={"partnership": access.partnership.slug}),
    )


# --- organisations -----------------------------------------------------------------------------


@partnership_view(ADMIN)
def organisations(request: HttpRequest, access: Access) -> HttpResponse:
    found = selectors.organisations(access.partnership)
    return _page(request, access, "people/organisations.html", organisations=found)


@partnership_view(ADMIN)
def organisation_edit(
    request: SignedInRequest, access: Access, organisation_id: int | None = None
) -> HttpResponse:
    partnership = access.partnership
    organisation = (
        found(selectors.organisation, partnership, organisation_id) if organisation_id else None
    )
    initial = (
        {"name": organisation.name, "short_name": organisation.short_name} if organisation else None
    )
    form = OrganisationForm(request.POST or None, initial=initial)
    return _directory_edit(
        request,
        access,
        form=form,
        record=organisation,
        save=lambda data: services.save_organisation(
            partnership=partnership,
            by=request.user,
            organisation_id=organisation_id,
            **data,
        ),
        template="people/organisation_form.html",
        listing="organisations",
        adding="Add an organisation",
    )


# --- sign-ins ----------------------------------------------------------------------------------


@partnership_view(ADMIN)
def sign_ins(request: HttpRequest, access: Access) -> HttpResponse:
    found = selectors.memberships(access.partnership)
    return _page(request, access, "people/sign_ins.html", memberships=found)


def _link_page(request: HttpRequest, access: Access, user: User, title: str) -> HttpResponse:
    """Show (and email, when there is an address) a one-time set-password link."""
    uidb64, token = services.password_link_parts(user)
    link = request.build_absolute_uri(reverse("set_password", args=[uidb64, token]))
    if user.email:
        send_mail(
            "Your sendtrack sign-in",
            f"Choose your sendtrack password with this link. It works once.\n\n{link}\n\n"
            f"Your username is {user.username}.",
            settings.SENDTRACK_REMINDERS_FROM_EMAIL,
            [user.email],
            fail_silently=True,
        )
    return _page(request, access, "people/link.html", member=user, link=link, title=title)


@partnership_view(ADMIN)
def sign_in_new(request: SignedInRequest, access: Access) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invite_sign_in(
                partnership=access.partnership,
                by=request.user,
                **form.cleaned_data,
            )
        except services.NotAllowed as error:
            _refused(form, error)
        else:
            return _link_page(request, access, user, "Sign-in made")
    return _page(
        request,
        access,
        "people/sign_in_new.html",
        form=form,
        title="Add a sign-in",
        button="Make the sign-in",
        back=reverse("sign_ins", kwargs={"partnership": access.partnership.slug}),
    )


@partnership_view(ADMIN)
def sign_in_edit(request: SignedInRequest, access: Access, membership_id: int) -> HttpResponse:
    membership = found(selectors.membership, access.partnership, membership_id)
    form = RoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_role(
                partnership=access.partnership,
                by=request.user,
                membership_id=membership.pk,
                role=form.cleaned_data["role"],
            )
        except services.NotAllowed as error:
            _refused(form, error)
        else:
            messages.success(request, f"{membership.user.username}'s role saved")
            return redirect("sign_ins", partnership=access.partnership.slug)
    return _page(
        request,
        access,
        "people/sign_in.html",
        form=form,
        title=membership.user.username,
        button="Save the role",
        back=reverse("sign_ins", kwargs={"partnership": access.partnership.slug}),
        membership=membership,
        history=audit_trail(membership),
        elsewhere=membership.user.memberships.exclude(partnership=access.partnership).exists(),
    )


@require_POST
@partnership_view(ADMIN)
def sign_in_remove(request: SignedInRequest, access: Access, membership_id: int) -> HttpResponse:
    membership = found(selectors.membership, access.partnership, membership_id)
    try:
        user = services.remove_sign_in(
            partnership=access.partnership,
            by=request.user,
            membership_id=membership.pk,
        )
    except services.NotAllowed as error:
        messages.error(request, str(error))
        return redirect(
            "sign_in_edit", partnership=access.partnership.slug, membership_id=membership_id
        )
    messages.success(request, f"{user.username} removed from this partnership")
    return redirect("sign_ins", partnership=access.partnership.slug)


@require_POST
@partnership_view(ADMIN)
def sign_in_reset(request: SignedInRequest, access: Access, membership_id: int) -> HttpResponse:
    membership = found(selectors.membership, access.partnership, membership_id)
    try:
        user = services.reset_password(
            partnership=access.partnership,
            by=request.user,
            membership_id=membership.pk,
        )
    except services.NotAllowed as error:
        messages.error(request, str(error))
        return redirect(
            "sign_in_edit", partnership=access.partnership.slug, membership_id=membership_id
        )
    return _link_page(request, access, user, "Password reset")


# --- one's own password ------------------------------------------------------------------------


class _ErrorSummary:
    """Django's password forms with the GOV.UK error summary (GovukForm's error_list)."""

    error_list = GovukForm.error_list


class _PasswordChangeForm(_ErrorSummary, PasswordChangeForm):
    pass


class _SetPasswordForm(_ErrorSummary, SetPasswordForm):
    pass


class ChangePassword(auth_views.PasswordChangeView):
    """Anyone signed in changes their own password; this session stays, others end."""

    form_class = _PasswordChangeForm
    template_name = "people/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, "Your password has been changed")
        return super().form_valid(form)


class SetPassword(auth_views.PasswordResetConfirmView):
    """Choose a password from an invitation or reset link; the link works once."""

    form_class = _SetPasswordForm
    template_name = "people/set_password.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, "Your password is set. Sign in with it now.")
        return super().form_valid(form)
