"""Plan pages: thin views that parse the request, call a selector or service, and render."""

import functools
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from sendtrack.accounts.access import Access, SignedInRequest, partnership_view
from sendtrack.accounts.models import Role
from sendtrack.core import exports, private_files
from sendtrack.core.exports import Table
from sendtrack.core.history import audit_trail
from sendtrack.core.pages import found
from sendtrack.domain.rag import Rag as Rating
from sendtrack.domain.risks import IMPACT_WORDS, LIKELIHOOD_WORDS
from sendtrack.request_values import whole_number

from . import selectors, services
from .forms import (
    ActionForm,
    ArchiveForm,
    DueDateDecisionForm,
    DueFilterForm,
    PlanSettingsForm,
    ProgressUpdateForm,
    RiskForm,
    SignOffForm,
)
from .models import Action, DatePrecision, Plan, Rag, Status
from .pages import render_page, stale_page

ACTIONS_PER_PAGE = 100


def _today() -> date:
    return timezone.localdate()


@partnership_view()
def dashboard(request: HttpRequest, access: Access) -> HttpResponse:
    today = _today()
    key = selectors.dashboard_key(access.partnership, today)
    summaries = selectors.dashboard(access.partnership, today, key)
    return render_page(
        request,
        access,
        "plans/dashboard.html",
        {
            "nav": "dashboard",
            "today": today,
            "summaries": summaries,
            # The plans' part of the page is kept under the figures' key: drawn once per change.
            "plans_key": f"{key}:{selectors.rag_snapshots_version(access.partnership)}",
            "pictures": functools.cache(
                lambda: selectors.brag_over_time(access.partnership, summaries, today)
            ),  # read only when the plans' part is drawn, then once
            "due_soon": selectors.actions_due_soon(access.partnership, today),
            "awaiting_sign_off": selectors.actions_awaiting_sign_off(access.partnership, today)
            if access.can_manage
            else [],
            "due_date_requests": selectors.due_date_requests_waiting(access.partnership)
            if access.can_manage
            else [],
            "recent_updates": selectors.recent_updates(access.partnership),
        },
    )


DASHBOARD_COLUMNS = ["Plan", "Section", "Overall RAG", "Blue", "Red", "Amber", "Green"]
DASHBOARD_COLUMNS += ["Overdue", "Due in 30 days", "Updated in 14 days", "No update in 6 weeks"]


def _tally_row(plan: Plan, section: str, tally: selectors.Tally) -> list[object]:
    return [
        plan.title,
        section,
        tally.rag,
        *(tally.counts[rag] for rag in (Rating.BLUE, Rating.RED, Rating.AMBER, Rating.GREEN)),
        tally.overdue,
        tally.due_soon,
        tally.recently_updated,
        tally.no_recent_update,
    ]


@partnership_view()
def dashboard_export(request: HttpRequest, access: Access, fmt: str) -> HttpResponse:
    """The dashboard's counts: a row per plan ("Whole plan") and per top-level section."""
    rows = []
    for summary in selectors.dashboard(access.partnership, _today()):
        rows.append(_tally_row(summary.plan, "Whole plan", summary.tally))
        for section, tally in summary.sections:
            title = f"{section.ref or ''} {section.title}".strip()
            rows.append(_tally_row(summary.plan, title, tally))
    table = Table("BRAG by plan and section", DASHBOARD_COLUMNS, rows, rag_columns=frozenset({2}))
    return exports.download(fmt, "dashboard", [table])


def _get_plan(access: Access, plan_id: int) -> Plan:
    return found(selectors.plan_for, access.partnership, plan_id)


def _filters(request: HttpRequest, due: DueFilterForm) -> selectors.ActionFilters:
    get = request.GET
    section = get.get("section", "")
    due_from, due_to = due.dates()
    return selectors.ActionFilters(
        owner=get.get("owner", "").strip(),
        status=get.get("status", "") if get.get("status") in {*Status.values, "none"} else "",
        rag=get.get("rag", "") if get.get("rag") in Rag.values else "",
        due_from=due_from,
        due_to=due_to,
        q=get.get("q", "").strip()[:200],
        section=whole_number(section),
    )


@partnership_view()
def plan_detail(request: HttpRequest, access: Access, plan_id: int) -> HttpResponse:
    today = _today()
    plan = _get_plan(access, plan_id)
    due_form = DueFilterForm(request.GET)
    filters = _filters(request, due_form)
    section = selectors.section_of_plan(plan, filters.section)
    # Every action is rated once, for the section tree and the RAG filter; only the page
    # shown is read in full.
    rated = selectors.rated_plan(plan, today)
    matching = selectors.matching_action_ids(plan, filters, rated)
    page = Paginator(matching, ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    all_sections = query.copy()
    all_sections.pop("section", None)
    counted = f"{len(matching)}{' matching' if filters.active else ''}"
    return render_page(
        request,
        access,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "today": today,
            "tree": selectors.section_tree(plan, today, rated),
            "filters": filters,
            "due_form": due_form,
            "page": page,
            "actions": selectors.listed_actions(plan, list(page.object_list), today),
            "query": query.urlencode(),
            "section": section,
            "all_sections_query": all_sections.urlencode(),
            "actions_caption": f"Actions in {section} ({counted})"
            if section
            else f"Actions ({counted})",
            "owners": selectors.owners_in_plan(plan),
            "statuses": Status.choices,
            "rags": Rag.choices,
            "findings": selectors.findings_for_plan(plan),
            "milestones": plan.milestones.order_by("position"),
            "impact_indicators": selectors.impact_indicators_by_section(plan),
        },
    )


EXPORT_COLUMNS = [
    ("Ref", "ref"),
    ("Section", "section_path"),
    ("Action", "text"),
    ("Lead", "owner_raw"),
    ("Partners", "partners"),
    ("Timeframe", "due_raw"),
    ("Due date", "due"),
    ("Status", "status"),
    ("RAG", "rag"),
    ("RAG reason", "rag_reason"),
    ("Latest update", "update_text"),
    ("Latest update date", "update_date"),
    ("Latest update by", "update_author"),
    ("Evidence", "evidence"),
    ("Measures of success", "measures"),
]


def _export_values(action: Action, found: selectors.ActionInFull) -> dict[str, object]:
    record, update = found.action, found.latest_update
    return {
        "plan": record.plan.title,
        "ref": record.ref or "",
        "section_path": record.section_path or "",
        "text": record.text,
        "owner_raw": record.owner_raw or "",
        "partners": "; ".join(record.partners),
        "due_raw": record.due_raw or "",
        "due": record.due,
        "status": Status(record.status).label if record.status else "",
        "rag": action.brag.rag,
        "rag_reason": action.brag.reason,
        "update_text": update.text if update else "",
        "update_date": update.date if update else None,
        "update_author": update.author if update else "",
        "evidence": found.evidence_count,
        "update_due_on": getattr(action, "update_due_on", None),
        "measures": "\n".join(record.measures),
    }


def _actions_table(title: str, actions: list[Action], columns: list[tuple[str, str]]) -> Table:
    """Rated actions (their `brag` set) as a spreadsheet, every field in full, in the order
    given, with the latest progress update and the evidence count beside each."""
    full = selectors.actions_in_full(actions)
    rows = []
    for action in actions:
        values = _export_values(action, full[action.pk])
        rows.append([values[key] for _, key in columns])
    keys = [key for _, key in columns]
    return Table(
        title, [label for label, _ in columns], rows, rag_columns=frozenset({keys.index("rag")})
    )


def _file_name(plan: Plan) -> str:
    """A download named after its plan, in letters, digits and hyphens only (so safe in any
    file system and header); the plan's number where its title has none of those."""
    return slugify(plan.title)[:80].strip("-") or f"plan-{plan.pk}"


@partnership_view()
def plan_export(request: HttpRequest, access: Access, plan_id: int, fmt: str) -> HttpResponse:
    """The actions the plan page shows with the same filters: the page's download links
    carry its query string."""
    plan = _get_plan(access, plan_id)
    filters = _filters(request, DueFilterForm(request.GET))
    actions = selectors.actions_for_plan(plan, filters, _today())
    table = _actions_table("Actions", actions, EXPORT_COLUMNS)
    return exports.download(fmt, f"{_file_name(plan)}-actions", [table])


MY_ACTIONS_COLUMNS = [("Plan", "plan"), *EXPORT_COLUMNS, ("Next update due", "update_due_on")]


@partnership_view()
def my_actions_export(request: HttpRequest, access: Access, fmt: str) -> HttpResponse:
    """A lead's actions in the page's order: open ones by when work is due, then completed."""
    mine = selectors.my_actions(access.partnership, access.person_ids, _today())
    actions = [*mine.open, *mine.completed]
    table = _actions_table("My actions", actions, MY_ACTIONS_COLUMNS)
    return exports.download(fmt, "my-actions", [table])


def _get_action(access: Access, action_id: int) -> Action:
    return found(selectors.action_for, access.partnership, action_id)


def _owner_ids(action: Action) -> set[int]:
    return {person.pk for person in action.owners.all()}


@partnership_view()
def action_detail(request: HttpRequest, access: Access, action_id: int) -> HttpResponse:
    action = _get_action(access, action_id)
    today = _today()
    return render_page(
        request,
        access,
        "plans/action_detail.html",
        {
            "action": action,
            "brag": selectors.action_rag(action, today, never_updated=not action.updates.exists()),
            "history": audit_trail(action),
            "can_update": access.can_update_action(_owner_ids(action)),
        },
    )


@partnership_view()
def evidence_download(
    request: HttpRequest, access: Access, action_id: int, evidence_id: int
) -> HttpResponseBase:
    """An evidence file, as a download, to anyone who may see its action."""
    evidence = found(selectors.evidence_file_for, access.partnership, action_id, evidence_id)
    return private_files.attachment(
        evidence.file.open("rb"), evidence.filename, evidence.content_type
    )


@require_POST
@partnership_view(Role.PROGRAMME_MANAGER)
def action_sign_off(request: SignedInRequest, access: Access, action_id: int) -> HttpResponse:
    """A programme manager signs off an action marked complete: from now it counts as done."""
    action = _get_action(access, action_id)
    form = SignOffForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    try:
        services.sign_off_action(
            partnership=access.partnership,
            action_id=action.pk,
            user=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except services.StaleEdit:
        messages.error(request, "Someone changed this action after you opened it: check it first")
    except services.SignOffRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "Action signed off as complete")
    return redirect("action_detail", partnership=access.partnership.slug, action_id=action.pk)


@partnership_view(Role.ADMINISTRATOR)
def plan_settings(request: SignedInRequest, access: Access) -> HttpResponse:
    """The partnership's plan settings, which its administrator sets."""
    found = selectors.plan_settings(access.partnership)
    initial = {
        "version": found.version,
        "completion_needs_sign_off": "yes" if found.completion_needs_sign_off else "no",
        "due_date_changes_need_approval": "yes" if found.due_date_changes_need_approval else "no",
    }
    form = PlanSettingsForm(request.POST or None, initial=initial)
    context = {
        "nav": "plan_settings",
        "form": form,
        "history": audit_trail(found) if found.pk else [],
    }
    if request.method == "POST" and form.is_valid():
        try:
            services.change_plan_settings(
                partnership=access.partnership,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                completion_needs_sign_off=form.cleaned_data["completion_needs_sign_off"],
                due_date_changes_need_approval=form.cleaned_data["due_date_changes_need_approval"],
            )
        except services.StaleEdit as error:
            return stale_page(request, access, "plans/plan_settings.html", context, error)
        messages.success(request, "Plan settings saved")
        return redirect("plan_settings", partnership=access.partnership.slug)
    return render_page(request, access, "plans/plan_settings.html", context)


def _shown(value: object) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"


def _since_opened(since: services.SinceOpened) -> str:
    """What others saved since the form was opened, in a sentence for the next page."""
    told = []
    for update in since.updates:
        told.append(
            f"{update.author or 'someone'} also added an update on {update.date:%-d %B %Y} "
            f"({update.get_status_display()}): “{_shown(update.commentary)}”"
        )
    for change in since.changes:
        told.append(
            f"{change.by} changed {change.label.lower()} from {_shown(change.was)} "
            f"to {_shown(change.now)}"
        )
    return "Since you opened the form, " + "; ".join(told) + "."


@partnership_view(Role.ACTION_LEAD)
def action_add_update(request: SignedInRequest, access: Access, action_id: int) -> HttpResponse:
    """Add a progress update. It is always kept: if others added updates or changed the
    action since the form was opened, the next page says what they did."""
    action = _get_action(access, action_id)
    if not access.can_update_action(_owner_ids(action)) or action.archived_at:
        raise PermissionDenied
    needs_sign_off = selectors.plan_settings(access.partnership).completion_needs_sign_off
    form = ProgressUpdateForm(
        request.POST or None,
        request.FILES or None,
        initial={"version": action.version, "status": action.status},
        completion_needs_evidence=needs_sign_off,
    )
    context = {"action": action, "form": form, "needs_sign_off": needs_sign_off}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            added = services.add_progress_update(
                partnership=access.partnership,
                action_id=action.pk,
                user=request.user,
                seen_version=data["version"],
                status=data["status"],
                commentary=data["commentary"],
                decision_asked=data["decision_asked"],
                evidence_links=data["evidence_links"],
                evidence_files=data["evidence_files"],
            )
        except (services.EvidenceNeeded, private_files.UploadRejected) as error:
            form.add_error("evidence_files", str(error))
            return render_page(request, access, "plans/action_update.html", context)
        except services.EvidenceLinkRefused as error:
            form.add_error("evidence_links", str(error))
            return render_page(request, access, "plans/action_update.html", context)
        saved = "Your update was saved."
        if added.since_opened:
            saved += " " + _since_opened(added.since_opened)
        messages.success(request, saved)
        return redirect("action_detail", partnership=access.partnership.slug, action_id=action.pk)
    return render_page(request, access, "plans/action_update.html", context)


@partnership_view(Role.ACTION_LEAD)
def action_edit(request: SignedInRequest, access: Access, action_id: int) -> HttpResponse:
    action = _get_action(access, action_id)
    if not access.can_update_action(_owner_ids(action)) or action.archived_at:
        raise PermissionDenied
    initial = {
        "version": action.version,
        "ref": action.ref,
        "text": action.text,
        "owner_raw": action.owner_raw,
        "due_raw": action.due_raw,
        "due": action.due,
        "due_precision": action.due_precision,
        "status": action.status or "",
        "rag_override": action.rag_override or "",
        "rag_override_reason": action.rag_override_reason,
    }
    form = ActionForm(request.POST or None, initial=initial, due_was=action.due)
    context = {"action": action, "form": form}
    if request.method == "POST" and form.is_valid():
        changed = _action_changes(access, action, form.cleaned_data)
        if not changed:
            messages.info(request, "Nothing was changed")
        else:
            try:
                saved = services.update_action(
                    partnership=access.partnership,
                    action_id=action.pk,
                    user=request.user,
                    expected_version=form.cleaned_data["version"],
                    changes=changed,
                )
            except services.StaleEdit as error:
                return stale_page(request, access, "plans/action_edit.html", context, error)
            except services.EvidenceNeeded as error:
                form.add_error("status", str(error))
                return render_page(request, access, "plans/action_edit.html", context)
            if "due" in changed and saved.due != changed["due"]:
                messages.success(
                    request,
                    "Saved. The new due date waits for a programme manager's approval: "
                    "the action keeps its date until then.",
                )
            else:
                messages.success(request, "Action saved")
        return redirect("action_detail", partnership=access.partnership.slug, action_id=action.pk)
    return render_page(request, access, "plans/action_edit.html", context)


def _action_changes(access: Access, action: Action, data: dict) -> dict:
    """The fields the edit form changes; a new due date takes its reason with it."""
    changes = {
        key: data[key] or (None if key != "text" else "")
        for key in ("ref", "text", "owner_raw", "due_raw", "due", "status", "rag_override")
    }
    changes["due_precision"] = data["due_precision"] or DatePrecision.NONE
    changes["rag_override_reason"] = data["rag_override_reason"].strip()
    if not access.can_manage:  # only managers rate by hand
        changes.pop("rag_override")
        changes.pop("rag_override_reason")
    changed = {k: v for k, v in changes.items() if getattr(action, k) != v}
    if "due" in changed:
        changed["due_change_reason"] = data["due_change_reason"].strip()
    return changed


@require_POST
@partnership_view(Role.PROGRAMME_MANAGER)
def action_archive(request: SignedInRequest, access: Access, action_id: int) -> HttpResponse:
    action = _get_action(access, action_id)
    form = ArchiveForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    service = services.restore_action if action.archived_at else services.archive_action
    try:
        service(
            partnership=access.partnership,
            action_id=action.pk,
            user=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except services.StaleEdit:
        messages.error(request, "Someone changed this action after you opened it: check it first")
    else:
        messages.success(request, "Action restored" if action.archived_at else "Action archived")
    return redirect("action_detail", partnership=access.partnership.slug, action_id=action.pk)


@partnership_view(Role.PROGRAMME_MANAGER)
def due_date_request_decide(
    request: SignedInRequest, access: Access, request_id: int
) -> HttpResponse:
    """A programme manager approves a new due date a lead (or a monthly update) asked for,
    or declines it with a reason."""
    asked = found(selectors.due_date_request_for, access.partnership, request_id)
    form = DueDateDecisionForm(request.POST or None, initial={"version": asked.version})
    context = {"asked": asked, "action": asked.action, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.decide_due_date_request(
                partnership=access.partnership,
                request_id=asked.pk,
                user=request.user,
                expected_version=data["version"],
                approve=data["decision"] == "approve",
                decline_reason=data["decline_reason"],
            )
        except services.StaleEdit as error:
            return stale_page(request, access, "plans/due_date_request.html", context, error)
        except services.DecisionRefused as refused:
            messages.error(request, str(refused))
        else:
            approved = data["decision"] == "approve"
            messages.success(
                request, "New due date approved" if approved else "New due date declined"
            )
        return redirect(
            "action_detail", partnership=access.partnership.slug, action_id=asked.action_id
        )
    return render_page(request, access, "plans/due_date_request.html", context)


@partnership_view()
def my_actions(request: HttpRequest, access: Access) -> HttpResponse:
    today = _today()
    return render_page(
        request,
        access,
        "plans/my_actions.html",
        {
            "nav": "my_actions",
            "today": today,
            "mine": selectors.my_actions(access.partnership, access.person_ids, today),
            "can_update": access.can_update_action(access.person_ids),
            "my_requests": selectors.due_date_requests_for_lead(
                access.partnership, access.person_ids, today
            ),
            "due_date_requests": selectors.due_date_requests_waiting(access.partnership)
            if access.can_manage
            else [],
        },
    )


def _risk_filters(request: HttpRequest) -> selectors.RiskFilters:
    """The heat map cell chosen (`?likelihood=5&impact=4`, with `&scores=residual` for the
    scores once mitigated); anything else shows the whole register."""
    get = request.GET
    return selectors.RiskFilters(
        likelihood=whole_number(get.get("likelihood", ""), low=1, high=5),
        impact=whole_number(get.get("impact", ""), low=1, high=5),
        residual=get.get("scores") == "residual",
    )


@partnership_view()
def risk_register(request: HttpRequest, access: Access, plan_id: int) -> HttpResponse:
    """The register with its heat maps; a heat map cell's link shows only its risks."""
    plan = _get_plan(access, plan_id)
    filters = _risk_filters(request)
    heat_maps = selectors.risk_heat_maps(plan)
    return render_page(
        request,
        access,
        "plans/risk_register.html",
        {
            "plan": plan,
            "risks": selectors.risks_for_plan(plan, filters),
            "filters": filters,
            "heat_maps": [
                ("current", "before mitigation", heat_maps.current),
                ("residual", "once mitigated", heat_maps.residual),
            ],
            "likelihood_words": LIKELIHOOD_WORDS,
            "impact_words": IMPACT_WORDS,
        },
    )


RISK_COLUMNS = ["Risk", "Detail", "RAG", "Likelihood (1 to 5)", "Impact", "Impact (1 to 5)"]
RISK_COLUMNS += ["Score", "Mitigation", "Residual likelihood (1 to 5)"]
RISK_COLUMNS += ["Residual impact (1 to 5)", "Residual score", "Owner", "Review date", "Status"]


@partnership_view()
def risk_register_export(
    request: HttpRequest, access: Access, plan_id: int, fmt: str
) -> HttpResponse:
    """The register as the page shows it: likelihood × impact scores before and after the
    mitigation (domain/risks.py), the impact in words beside its rating."""
    plan = _get_plan(access, plan_id)
    rows = (
        [
            risk.title,
            risk.detail,
            risk.rag,
            risk.likelihood,
            risk.impact,
            risk.impact_rating,
            risk.score,
            risk.mitigation,
            risk.residual_likelihood,
            risk.residual_impact_rating,
            risk.residual_score,
            risk.owner_raw,
            risk.review_date,
            risk.get_status_display(),
        ]
        for risk in selectors.risks_for_plan(plan)
    )
    table = Table("Risk register", RISK_COLUMNS, rows, rag_columns=frozenset({2}))
    return exports.download(fmt, f"{_file_name(plan)}-risks", [table])


CHECK_NAMES = {
    "no_owner": "No lead",
    "no_date": "No date",
    "impossible_date": "A date that does not exist",
    "vague_date": "A vague date",
    "no_measure": "No measure of success",
    "unresolved_initials": "Initials that name nobody",
    "past_due": "Past its due date and not complete",
    "duplicate_action": "The same action twice",
}


@partnership_view()
def plan_problems(request: HttpRequest, access: Access, plan_id: int) -> HttpResponse:
    plan = _get_plan(access, plan_id)
    today = _today()
    problems = selectors.plan_problems(plan, today)
    by_rule: dict[str, int] = {}
    for problem in problems:
        name = CHECK_NAMES.get(problem["rule"], problem["rule"].replace("_", " ").capitalize())
        by_rule[name] = by_rule.get(name, 0) + 1
    return render_page(
        request,
        access,
        "plans/plan_problems.html",
        {"plan": plan, "today": today, "problems": problems, "by_rule": sorted(by_rule.items())},
    )


@partnership_view(Role.PROGRAMME_MANAGER)
def risk_edit(request: SignedInRequest, access: Access, risk_id: int) -> HttpResponse:
    risk = found(selectors.risk_for, access.partnership, risk_id)
    fields = services.RISK_EDITABLE_FIELDS
    initial = {"version": risk.version, **{f: getattr(risk, f) for f in fields}}
    form = RiskForm(request.POST or None, initial=initial)
    context = {"risk": risk, "form": form, "history": audit_trail(risk)}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {f: (data[f] if data[f] != "" else None) for f in fields}
        changes["status"] = data["status"]
        changed = {k: v for k, v in changes.items() if getattr(risk, k) != v}
        try:
            services.update_risk(
                partnership=access.partnership,
                risk_id=risk.pk,
                user=request.user,
                expected_version=data["version"],
                changes=changed,
            )
        except services.StaleEdit as error:
            return stale_page(request, access, "plans/risk_edit.html", context, error)
        messages.success(request, "Risk saved")
        return redirect("risk_register", partnership=access.partnership.slug, plan_id=risk.plan_id)
    return render_page(request, access, "plans/risk_edit.html", context)


@partnership_view()
def finding_detail(request: HttpRequest, access: Access, finding_id: int) -> HttpResponse:
    finding = found(selectors.finding_for, access.partnership, finding_id)
    today = _today()
    actions = list(finding.actions.all())
    for action in actions:
        action.brag = selectors.action_rag(action, today)
    return render_page(
        request,
        access,
        "plans/finding_detail.html",
        {"finding": finding, "actions": actions, "history": audit_trail(finding)},
    )
