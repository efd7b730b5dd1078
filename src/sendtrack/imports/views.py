"""Importing a plan: upload a document, check and correct the preview, confirm.

Nothing is stored before confirm: the parsed plan travels between the steps in a signed hidden
field (``services.sign_draft``), so a refresh, a closed tab or an abandoned import leaves
nothing behind.
"""

import logging

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_POST

from sendtrack.accounts.access import Access, partnership_view
from sendtrack.accounts.models import Person, Role
from sendtrack.domain.plan_json import PlanJSONError

from . import services
from .forms import DraftForm, PreviewCorrections, UploadForm
from .services import AlreadyImported, DocumentImportError, Draft, DraftRefused

logger = logging.getLogger(__name__)

UNREADABLE = (
    "{name} could not be read as a plan. Check that it is an improvement plan with a table "
    "of actions, saved as a Word (.docx), Excel (.xlsx), CSV, PDF or text file, and try again."
)


@partnership_view(Role.PROGRAMME_MANAGER)
def upload(request: HttpRequest, access: Access) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["document"]
        try:
            draft = services.draft_from_upload(document.read(), document.name)
        except DocumentImportError as error:
            form.add_error("document", str(error))
        except Exception:  # a damaged file must give a message, never a server error
            logger.exception("Plan import failed in partnership %s", access.partnership.pk)
            form.add_error("document", UNREADABLE.format(name=document.name[:120]))
        else:
            token = services.sign_draft(draft, partnership=access.partnership)
            if len(token) <= services.max_token_chars():
                return _preview_page(request, access, draft, token=token)
            form.add_error(
                "document",
                f"{draft.filename} holds {len(draft.plan['actions']):,} actions, too many to "
                "check in the browser: ask an administrator to import it with the "
                "import-plan command.",
            )
    return _upload_page(request, access, form, status=400 if form.errors else 200)


def _upload_page(
    request: HttpRequest, access: Access, form: UploadForm, status: int = 200
) -> HttpResponse:
    return render(request, "imports/upload.html", {"access": access, "form": form}, status=status)


def _refused(request: HttpRequest, access: Access, error: DraftRefused) -> HttpResponse:
    """Back to the upload page, with why the preview could not be carried on."""
    return _upload_page(request, access, UploadForm.refused(str(error)), status=400)


def _posted(
    request: HttpRequest, access: Access
) -> tuple[Draft, PreviewCorrections, list[Person], int, int]:
    """The draft the preview posted, with the corrections made that are valid; the page
    that was shown and the page asked for."""
    fields = DraftForm(request.POST)
    fields.is_valid()
    data = fields.cleaned_data
    draft = services.open_draft(data.get("draft") or "", partnership=access.partnership)
    people = services.people_of(access.partnership)
    owners = {a["owner"] for a in draft.plan["actions"] if a["owner"]} | set(draft.aliases)
    posted = PreviewCorrections(request.POST, owners=owners, people=people)
    draft = services.apply_corrections(draft, posted.corrections, aliases=posted.aliases)
    page = data.get("page") or 1
    return draft, posted, people, page, data.get("show") or page


@require_POST
@partnership_view(Role.PROGRAMME_MANAGER)
def preview(request: HttpRequest, access: Access) -> HttpResponse:
    try:
        draft, posted, people, page, show = _posted(request, access)
    except DraftRefused as error:
        return _refused(request, access, error)
    if not posted.is_valid():  # stay on the page with the errors
        return _preview_page(request, access, draft, people=people, page=page, posted=posted)
    return _preview_page(request, access, draft, people=people, page=show)


@require_POST
@partnership_view(Role.PROGRAMME_MANAGER)
def confirm(request: HttpRequest, access: Access) -> HttpResponse:
    try:
        draft, posted, people, page, _ = _posted(request, access)
    except DraftRefused as error:
        return _refused(request, access, error)
    if not posted.is_valid():
        return _preview_page(request, access, draft, people=people, page=page, posted=posted)
    try:
        plan = services.confirm_import(
            draft=draft, partnership=access.partnership, user=request.user
        )
    except AlreadyImported as error:
        return _already_imported(request, access, error)
    except DraftRefused as error:
        posted.errors["match-leads"] = str(error)
        return _preview_page(request, access, draft, people=people, page=page, posted=posted)
    except PlanJSONError as error:
        count = len(error.problems)
        posted.errors["plan-problems"] = (
            f"The plan cannot be stored: {count} problem{'s' if count != 1 else ''} with the "
            "whole plan must be put right in the document first"
        )
        return _preview_page(request, access, draft, people=people, page=page, posted=posted)
    count = len(draft.plan["actions"])
    messages.success(request, f"{plan.title} imported with {count} action{pluralize(count)}")
    return redirect("plan_detail", partnership=access.partnership.slug, plan_id=plan.pk)


def _already_imported(request: HttpRequest, access: Access, error: AlreadyImported) -> HttpResponse:
    """A second confirm of one draft (a double click, a resubmitted form): nothing is stored
    again, and the page links to the plan the first confirm created."""
    return render(
        request,
        "imports/already_imported.html",
        {"access": access, "plan": error.plan, "message": str(error)},
        status=409,
    )


def _preview_page(
    request: HttpRequest,
    access: Access,
    draft: Draft,
    *,
    token: str | None = None,
    people: list[Person] | None = None,
    page: int = 1,
    posted: PreviewCorrections | None = None,
) -> HttpResponse:
    token = token or services.sign_draft(draft, partnership=access.partnership)
    view = services.build_preview(draft, partnership=access.partnership, page=page, people=people)
    if posted is not None and posted.errors:
        _keep_what_was_typed(view, posted)
    return render(
        request,
        "imports/preview.html",
        {
            "access": access,
            "preview": view,
            "draft_token": token,
            "form": posted,
            "statuses": services.status_choices(),
        },
        status=400 if posted is not None and posted.errors else 200,
    )


def _keep_what_was_typed(view: services.Preview, posted: PreviewCorrections) -> None:
    """Show a refused value as it was typed, with its error, rather than the value before."""
    for row in view.actions:
        for name in ("owner", "due_raw", "status"):
            key = f"actions-{row.index}-{name}"
            if key in posted.errors:
                row.errors[name] = posted.errors[key]
                setattr(row, name, posted.data.get(key, ""))
    for choice in view.owners:
        key = f"owner-{choice.key}"
        if key in posted.errors:
            choice.error = posted.errors[key]
