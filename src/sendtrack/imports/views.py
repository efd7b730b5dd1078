"""Importing a plan: upload a document, wait while it is read, check and correct the
preview, confirm.

The document is read in the background (``tasks.read_plan_document``, in a child process with
a time and memory limit), so a slow or hostile file never holds a web worker. Nothing is
stored in the plans before confirm: the parsed plan waits on the job (removed after a day) and
travels between the preview steps in a signed hidden field (``services.sign_draft``).
"""

from typing import NamedTuple
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_POST

from sendtrack.accounts.access import Access, SignedInRequest, partnership_view
from sendtrack.accounts.models import Person, Role
from sendtrack.core.forms import DATE_PARTS, DateBox, GovukDateInput
from sendtrack.core.templatetags.govuk import govuk_date
from sendtrack.domain.documents.text import plain
from sendtrack.domain.plan_json import PlanJSONError
from sendtrack.jobs import services as jobs
from sendtrack.jobs.models import Job, JobKind, JobStatus
from sendtrack.plans.models import Plan, PlanKind, SectionKind

from . import services, tasks, updates
from .corrections import CorrectionRefused, Operation, section_choices, section_removal
from .corrections import section_paths as corrections_section_paths
from .forms import ChangeForm, DraftForm, PreviewCorrections, UploadForm
from .services import AlreadyApplied, AlreadyImported, Draft, DraftRefused


@partnership_view(Role.PROGRAMME_MANAGER)
def upload(request: SignedInRequest, access: Access) -> HttpResponse:
    """Store the upload and queue it to be read; the job page shows the preview when done."""
    plans = updates.live_plans(access.partnership)
    asked = request.GET.get("update", "")  # "Import an update" on a plan's page
    chosen = next((str(p.pk) for p in plans if str(p.pk) == asked), "")
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        plans=plans,
        initial={"update_plan": chosen} if chosen else None,
    )
    if request.method == "POST" and form.is_valid():
        job = tasks.start_import(
            document=form.cleaned_data["document"],
            partnership=access.partnership,
            user=request.user,
            update_plan=form.cleaned_data["update_plan"],
        )
        return redirect("import_job", partnership=access.partnership.slug, job_id=job.pk)
    return _upload_page(request, access, form, status=400 if form.errors else 200)


def _own_import(request: SignedInRequest, access: Access, job_id: UUID) -> Job:
    """The import job, only for the manager who started it (404 for anyone else)."""
    try:
        return jobs.job_for(
            job_id=job_id,
            kind=JobKind.IMPORT_PLAN,
            partnership=access.partnership,
            user=request.user,
        )
    except Job.DoesNotExist as missing:
        raise Http404("No such import") from missing


@require_POST
@partnership_view(Role.PROGRAMME_MANAGER)
def import_afresh(request: SignedInRequest, access: Access, job_id: UUID) -> HttpResponse:
    """Discard the corrections made again from an earlier upload of the same document and
    show the document as it was read."""
    job = _own_import(request, access, job_id)
    sha256 = str(job.params.get("sha256") or "")
    if sha256:
        services.forget_corrections(sha256, partnership=access.partnership, user=request.user)
        messages.info(request, "The corrections made before were discarded")
    return redirect("import_job", partnership=access.partnership.slug, job_id=job.pk)


@partnership_view(Role.PROGRAMME_MANAGER)
def import_job(request: SignedInRequest, access: Access, job_id: UUID) -> HttpResponse:
    """Reading the document (refreshing until done), then the preview, or the upload page
    with why the document could not be read. Only for the manager who uploaded it."""
    job = _own_import(request, access, job_id)
    if job.status == JobStatus.FAILED:
        return _upload_page(request, access, _refused_form(access, job.error))
    if job.status == JobStatus.DONE:
        if job.params.get("update_plan"):
            _plan_to_update(access, job.params["update_plan"])
        people = services.people_of(access.partnership)
        draft, replayed = services.with_kept_corrections(
            tasks.draft_of(job), partnership=access.partnership, people=people
        )
        if replayed is not None:
            messages.info(request, _replayed_message(replayed))
        return _preview_page(
            request,
            access,
            draft,
            people=people,
            only_checks=request.GET.get("only") == "check",
            afresh=job.pk if replayed is not None else None,
        )
    return render(
        request,
        "jobs/waiting.html",
        {
            "access": access,
            "job": job,
            "title": "Reading your document",
            "caption": job.params.get("filename", ""),
            "back": reverse("import_upload", kwargs={"partnership": access.partnership.slug}),
            "back_text": "Import another document",
            "slow_start": jobs.waiting_too_long(job),
        },
    )


def _upload_page(
    request: HttpRequest, access: Access, form: UploadForm, status: int = 200
) -> HttpResponse:
    return render(request, "imports/upload.html", {"access": access, "form": form}, status=status)


def _refused_form(access: Access, message: str) -> UploadForm:
    return UploadForm.refused(message, plans=updates.live_plans(access.partnership))


def _refused(request: HttpRequest, access: Access, error: DraftRefused) -> HttpResponse:
    """Back to the upload page, with why the preview could not be carried on."""
    return _upload_page(request, access, _refused_form(access, str(error)), status=400)


def _replayed_message(replayed: services.Replayed) -> str:
    count = replayed.applied
    said = (
        f"{count} correction{pluralize(count)} you made on {govuk_date(replayed.made_on)} "
        f"{pluralize(count, 'was,were')} applied again"
    )
    if replayed.skipped:
        said += (
            f"; {replayed.skipped} no longer applied to what was read, so "
            f"{pluralize(replayed.skipped, 'it was,they were')} skipped"
        )
    return said


class _Posted(NamedTuple):
    draft: Draft
    """The draft with this post's valid corrections made."""
    shown: Draft
    """The draft the page showed, before them."""
    posted: PreviewCorrections
    people: list[Person]
    page: int
    """The page that was shown."""
    show: int
    """The page asked for."""


def _posted(request: SignedInRequest, access: Access) -> _Posted:
    """The draft the preview posted, with the corrections made that are valid (kept for
    the same document uploaded again); the page that was shown and the page asked for."""
    fields = DraftForm(request.POST)
    fields.is_valid()
    data = fields.cleaned_data
    shown = draft = services.open_draft(data.get("draft") or "", partnership=access.partnership)
    people = services.people_of(access.partnership)
    owners = {a["owner"] for a in draft.plan["actions"] if a["owner"]} | set(draft.aliases)
    posted = PreviewCorrections(request.POST, owners=owners, people=people)
    corrected = services.apply_corrections(draft, posted.corrections, aliases=posted.aliases)
    plan = corrected.plan
    details: list[Operation] = [
        {"op": "plan", "field": name, "value": value}
        for name, value in posted.plan_details.items()
        if value != plan[name]
    ]
    if posted.plan_title is not None and posted.plan_title != plan["plan_title"]:
        details.insert(0, {"op": "plan_title", "title": posted.plan_title})
    if details:
        corrected = services.with_operations(corrected, details)
    if corrected.operations != draft.operations:
        services.keep_corrections(corrected, partnership=access.partnership, user=request.user)
    page = data.get("page") or 1
    return _Posted(corrected, shown, posted, people, page, data.get("show") or page)


@require_POST
@partnership_view(Role.PROGRAMME_MANAGER)
def preview(request: SignedInRequest, access: Access) -> HttpResponse:
    """The preview again with the corrections made: the table's fields, and the change a
    button asked for (``do``), from the table or from a step page (``change``)."""
    try:
        draft, _, posted, people, page, show = _posted(request, access)
    except DraftRefused as error:
        return _refused(request, access, error)
    rows = request.POST.get("rows")  # "Show only rows to check" / "Show all rows": the
    only = (rows or request.POST.get("only")) == "check"  # typed changes are kept, as paging
    if rows:
        show = 1
    if not posted.is_valid():  # stay on the page with the errors
        return _preview_page(
            request, access, draft, people=people, page=page, posted=posted, only_checks=only
        )
    if request.POST.get("undo") and draft.job and draft.operations:
        read = tasks.draft_of(_own_import(request, access, UUID(draft.job)))
        undone = services.without_the_last_correction(draft, read, people=people)
        services.keep_corrections(undone, partnership=access.partnership, user=request.user)
        messages.info(request, "Your last correction was undone")
        return _preview_page(request, access, undone, people=people, page=page, only_checks=only)
    do = ChangeForm(request.POST)
    if do.is_valid() and do.cleaned_data["do"]:
        try:
            changed = services.with_operations(draft, do.operations(draft.plan))
        except CorrectionRefused as refused:
            return _change_page(request, access, draft, do, error=str(refused))
        services.keep_corrections(changed, partnership=access.partnership, user=request.user)
        return _preview_page(request, access, changed, people=people, page=page, only_checks=only)
    return _preview_page(request, access, draft, people=people, page=show, only_checks=only)


@require_POST
@partnership_view(Role.PROGRAMME_MANAGER)
def preview_change(request: SignedInRequest, access: Access) -> HttpResponse:
    """A step of the preview for one action (its text, section, split, merge, delete, "not
    an action", heading), one section (its title, a missed action, its removal), or a
    missed action to add to any section or none, the table's corrections made first."""
    try:
        draft, _, posted, people, page, _ = _posted(request, access)
    except DraftRefused as error:
        return _refused(request, access, error)
    if not posted.is_valid():
        return _preview_page(request, access, draft, people=people, page=page, posted=posted)
    return _change_page(request, access, draft, ChangeForm(request.POST))


def _change_page(
    request: HttpRequest, access: Access, draft: Draft, form: ChangeForm, *, error: str = ""
) -> HttpResponse:
    """The step page a button asked for: one action's changes, one section's, adding a
    missed action anywhere, or confirming a section's removal; with ``error`` when the
    change asked for on it was refused."""
    form.is_valid()
    data = form.cleaned_data
    row, section, step = data.get("row"), data.get("section"), data.get("step")
    actions, paths = draft.plan["actions"], corrections_section_paths(draft.plan)
    context: dict[str, object] = {
        "access": access,
        "draft_token": services.sign_draft(draft, partnership=access.partnership),
        "error": error,
        "error_field": data.get("do") or "",
        "typed": form.data,
        "section_choices": section_choices(draft.plan),
        "page": request.POST.get("page") or 1,
        "only": request.POST.get("only") or "",
        "back": _back_to_preview(access, draft, only=bool(request.POST.get("only"))),
    }
    template = "imports/change.html"
    if step == "add":
        template = "imports/add_action.html"
    elif step == "remove_section" and section is not None:
        try:
            context["removal"] = section_removal(draft.plan, section)
        except CorrectionRefused as gone:
            raise Http404("No such section in the preview") from gone
        context["section"] = section
        template = "imports/remove_section.html"
    elif row is not None and 0 <= row < len(actions):
        context["row"] = row
        context["action"] = actions[row]
        context["source"] = plain(str(actions[row].get("source") or ""))  # no "<br>" shown
        context["measures"] = "\n".join(actions[row]["measures"])
        context["last"] = row == len(actions) - 1
    elif section is not None and 0 <= section < len(paths):
        context["section"] = section
        context["path"] = paths[section]
        context["title"] = draft.plan["sections"][section]["title"]
        context["section_kind"] = draft.plan["sections"][section]["kind"]
        context["section_kinds"] = SectionKind.choices
    else:
        raise Http404("No such action or section in the preview")
    return render(request, template, context, status=400 if error else 200)


def _back_to_preview(access: Access, draft: Draft, *, only: bool) -> str:
    """The preview as it stands (every correction is kept, so the job's page shows them),
    for a step page's back link; none for a draft with no job."""
    if not draft.job:
        return ""
    url = reverse(
        "import_job", kwargs={"partnership": access.partnership.slug, "job_id": draft.job}
    )
    return f"{url}?only=check" if only else url


@require_POST
@partnership_view(Role.PROGRAMME_MANAGER)
def confirm(request: SignedInRequest, access: Access) -> HttpResponse:
    try:
        draft, shown, posted, people, page, _ = _posted(request, access)
    except DraftRefused as error:
        return _refused(request, access, error)
    if not posted.is_valid():
        return _preview_page(request, access, draft, people=people, page=page, posted=posted)
    if read_again := services.dates_read_again(shown, draft):
        messages.warning(request, _dates_read_again_message(read_again))
        return _preview_page(request, access, draft, people=people, page=page)
    if draft.update_plan is not None:  # an update is compared with its plan, never a new plan
        return _update_page(request, access, draft, _plan_to_update(access, draft.update_plan))
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


def _dates_read_again_message(count: int) -> str:
    return (
        f"Nothing has been imported yet. Your changes read the due date of {count} "
        f"action{pluralize(count)} again: check {pluralize(count, 'it,them')} below, "
        "then confirm the import."
    )


def _already_imported(
    request: HttpRequest, access: Access, error: AlreadyImported | AlreadyApplied
) -> HttpResponse:
    """A second confirm of one draft (a double click, a resubmitted form): nothing is stored
    again, and the page links to the plan the first confirm created."""
    return render(
        request,
        "imports/already_imported.html",
        {
            "access": access,
            "plan": error.plan,
            "message": str(error),
            "update": isinstance(error, AlreadyApplied),
        },
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
    only_checks: bool = False,
    afresh: UUID | None = None,
) -> HttpResponse:
    """``afresh``: the job whose kept corrections were just made again, offered to discard."""
    token = token or services.sign_draft(draft, partnership=access.partnership)
    view = services.build_preview(
        draft, partnership=access.partnership, page=page, people=people, only_checks=only_checks
    )
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
            "afresh": afresh,
            "statuses": services.status_choices(),
            "plan_kinds": [*PlanKind.choices, ("", "Not known")],
            "as_at_boxes": _as_at_boxes(view, posted),
            "as_at_error": _as_at_error(posted),
            "chosen_kind": (
                posted.data.get("plan_kind", view.kind_code)
                if posted is not None and posted.errors
                else view.kind_code
            ),
            "rags": services.rag_choices(),
            "job_url": _back_to_preview(access, draft, only=False),
            "can_undo": bool(draft.job and draft.operations),
            "imported_before": (
                [] if draft.update_plan else services.imported_before(draft, access.partnership)
            ),
            "update_plan": (
                updates.plan_to_update(access.partnership, draft.update_plan)
                if draft.update_plan is not None
                else None
            ),
        },
        status=400 if posted is not None and posted.errors else 200,
    )


def _as_at_boxes(view: services.Preview, posted: PreviewCorrections | None) -> list[DateBox]:
    """The as-at date's boxes: as typed when the page is shown again with errors."""
    widget = GovukDateInput()
    if posted is None or not posted.errors or "as_at-day" not in posted.data:
        return widget.boxes("as_at", view.as_at, "as_at")
    typed = [posted.data.get(f"as_at-{part}", "") for part in DATE_PARTS]
    return widget.boxes("as_at", typed, "as_at", posted.as_at_wrong)


def _as_at_error(posted: PreviewCorrections | None) -> str:
    if posted is None:
        return ""
    return next((m for key, m in posted.errors.items() if key.startswith("as_at-")), "")


def _keep_what_was_typed(view: services.Preview, posted: PreviewCorrections) -> None:
    """Show a refused value as it was typed, with its error, rather than the value before."""
    for row in view.actions:
        for name in ("owner", "due_raw", "status", "rag"):
            key = f"actions-{row.index}-{name}"
            if key in posted.errors:
                row.errors[name] = posted.errors[key]
                setattr(row, name, posted.data.get(key, ""))
    for choice in view.owners:
        key = f"owner-{choice.key}"
        if key in posted.errors:
            choice.error = posted.errors[key]


# --- a monthly update of a plan already here ----------------------------------------------


def _plan_to_update(access: Access, plan_id: object) -> Plan:
    """The partnership's live plan the update is for; 404 for any other."""
    try:
        return updates.plan_to_update(access.partnership, int(str(plan_id)))
    except (Plan.DoesNotExist, ValueError) as missing:
        raise Http404("No such plan") from missing


@require_POST
@partnership_view(Role.PROGRAMME_MANAGER)
def update_compare(request: SignedInRequest, access: Access) -> HttpResponse:
    """The corrected preview of an update, compared with the plan it updates."""
    plan = _plan_to_update(access, request.POST.get("plan", ""))
    try:
        draft, _, posted, people, page, _ = _posted(request, access)
    except DraftRefused as error:
        return _refused(request, access, error)
    if not posted.is_valid():
        return _preview_page(request, access, draft, people=people, page=page, posted=posted)
    return _update_page(request, access, draft, plan)


@require_POST
@partnership_view(Role.PROGRAMME_MANAGER)
def update_confirm(request: SignedInRequest, access: Access) -> HttpResponse:
    """Apply the differences ticked on the update's preview to the plan, all or nothing."""
    plan = _plan_to_update(access, request.POST.get("plan", ""))
    try:
        draft = services.open_draft(request.POST.get("draft", ""), partnership=access.partnership)
    except DraftRefused as error:
        return _refused(request, access, error)
    chosen = updates.Chosen.from_form(request.POST.getlist("changed"), request.POST.getlist("new"))
    try:
        applied = updates.apply_update(
            draft=draft,
            plan_id=plan.pk,
            partnership=access.partnership,
            user=request.user,
            chosen=chosen,
        )
    except (AlreadyImported, AlreadyApplied) as error:
        return _already_imported(request, access, error)
    except (DraftRefused, PlanJSONError) as error:
        message = str(error) if isinstance(error, DraftRefused) else _NOT_VALID
        return _update_page(request, access, draft, plan, error=message)
    record = applied.update
    messages.success(
        request,
        f"{plan.title} updated from {draft.filename}: matched {record.matched}, "
        f"changed {record.changed}, new {record.added}, missing {record.missing}",
    )
    return redirect("plan_detail", partnership=access.partnership.slug, plan_id=plan.pk)


_NOT_VALID = (
    "The update cannot be applied: what was read from the document is not a valid plan. "
    "Put it right in the document and upload it again."
)


def _update_page(
    request: HttpRequest, access: Access, draft: Draft, plan: Plan, *, error: str = ""
) -> HttpResponse:
    """The differences between the plan and the update, each ticked to apply."""
    return render(
        request,
        "imports/update_preview.html",
        {
            "access": access,
            "preview": updates.preview_update(draft, plan=plan),
            "draft_token": services.sign_draft(draft, partnership=access.partnership),
            "errors": [("differences", error)] if error else [],
        },
        status=400 if error else 200,
    )
