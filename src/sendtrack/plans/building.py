"""Pages a programme manager builds a plan with: start it empty, then add and arrange its
sections, actions (merging and splitting them), milestones, findings and risks. Thin views
over the services, which audit every change and refuse a stale one; every page works without
JavaScript."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from sendtrack.accounts.access import Access, SignedInRequest, partnership_view
from sendtrack.accounts.models import Role
from sendtrack.core.pages import found

from . import selectors, services
from .forms import (
    ArchiveForm,
    ChangeFindingForm,
    ChangePlanForm,
    ChangeSectionForm,
    FindingForm,
    MergeActionsForm,
    MilestoneOutcomeForm,
    MoveActionForm,
    NewActionForm,
    NewMilestoneForm,
    NewSectionForm,
    RiskDetailsForm,
    SplitActionForm,
    StartPlanForm,
)
from .models import Action, Plan, Section
from .pages import render_page, stale_page

manager_view = partnership_view(Role.PROGRAMME_MANAGER)


def _get_plan(access: Access, plan_id: int) -> Plan:
    return found(selectors.plan_for, access.partnership, plan_id)


def _get_section(access: Access, section_id: int) -> Section:
    return found(selectors.live_section_for, access.partnership, section_id)


def _to_sections(access: Access, plan_id: int) -> HttpResponse:
    return redirect("plan_sections", partnership=access.partnership.slug, plan_id=plan_id)


def _to_plan(access: Access, plan_id: int) -> HttpResponse:
    return redirect("plan_detail", partnership=access.partnership.slug, plan_id=plan_id)


@manager_view
def plan_start(request: SignedInRequest, access: Access) -> HttpResponse:
    form = StartPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan = services.start_plan(
            partnership=access.partnership, user=request.user, **form.cleaned_data
        )
        messages.success(request, "Plan started: add its sections")
        return _to_sections(access, plan.pk)
    return render_page(request, access, "plans/plan_start.html", {"form": form})


@manager_view
def plan_edit(request: SignedInRequest, access: Access, plan_id: int) -> HttpResponse:
    """Correct a plan's title, kind or as-at date, whether it was started here or imported."""
    plan = _get_plan(access, plan_id)
    fields = services.PLAN_EDITABLE_FIELDS
    initial = {"version": plan.version, **{f: getattr(plan, f) for f in fields}}
    form = ChangePlanForm(request.POST or None, initial=initial)
    context = {"plan": plan, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_plan(
                partnership=access.partnership,
                plan_id=plan.pk,
                user=request.user,
                expected_version=data["version"],
                changes={f: data[f] for f in fields if getattr(plan, f) != data[f]},
            )
        except services.StaleEdit as error:
            return stale_page(request, access, "plans/plan_edit.html", context, error)
        messages.success(request, "Plan details saved")
        return _to_plan(access, plan.pk)
    return render_page(request, access, "plans/plan_edit.html", context)


@manager_view
def plan_sections(request: SignedInRequest, access: Access, plan_id: int) -> HttpResponse:
    """The plan's sections in order, each with what can be done to it."""
    plan = _get_plan(access, plan_id)
    return render_page(
        request,
        access,
        "plans/plan_sections.html",
        {"plan": plan, "sections": selectors.sections_in_order(plan)},
    )


@manager_view
def section_add(request: SignedInRequest, access: Access, plan_id: int) -> HttpResponse:
    plan = _get_plan(access, plan_id)
    parents = [(s.pk, s.label) for s in selectors.sections_in_order(plan)]
    form = NewSectionForm(
        request.POST or None, parents=parents, initial={"parent": request.GET.get("parent")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        section = services.add_section(
            partnership=access.partnership,
            plan_id=plan.pk,
            user=request.user,
            title=data["title"],
            ref=data["ref"],
            kind=data["kind"],
            parent_id=data["parent"],
        )
        messages.success(request, f"Section added: {section.title}")
        return _to_sections(access, plan.pk)
    return render_page(request, access, "plans/section_add.html", {"plan": plan, "form": form})


@manager_view
def section_edit(request: SignedInRequest, access: Access, section_id: int) -> HttpResponse:
    section = _get_section(access, section_id)
    fields = services.SECTION_EDITABLE_FIELDS
    initial = {"version": section.version, **{f: getattr(section, f) or "" for f in fields}}
    form = ChangeSectionForm(request.POST or None, initial=initial)
    context = {"section": section, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {f: data[f] or (None if f == "ref" else "") for f in fields}
        try:
            services.update_section(
                partnership=access.partnership,
                section_id=section.pk,
                user=request.user,
                expected_version=data["version"],
                changes={k: v for k, v in changes.items() if getattr(section, k) != v},
            )
        except services.StaleEdit as error:
            return stale_page(request, access, "plans/section_edit.html", context, error)
        messages.success(request, "Section saved")
        return _to_sections(access, section.plan_id)
    return render_page(request, access, "plans/section_edit.html", context)


@require_POST
@manager_view
def section_move(request: SignedInRequest, access: Access, section_id: int) -> HttpResponse:
    """Move up or down one place among its neighbours (a button each, no script needed)."""
    section = _get_section(access, section_id)
    form = ArchiveForm(request.POST)
    direction = request.POST.get("direction")
    if not form.is_valid() or direction not in {"up", "down"}:
        messages.error(request, "Choose to move the section up or down")
        return _to_sections(access, section.plan_id)
    try:
        moved = services.move_section(
            partnership=access.partnership,
            section_id=section.pk,
            user=request.user,
            expected_version=form.cleaned_data["version"],
            direction=direction,
        )
    except services.StaleEdit:
        messages.error(
            request,
            "Someone changed this section after you opened the page: check it and try again",
        )
    else:
        if moved:
            messages.success(request, f"Moved {section.title} {direction}")
        else:
            where = "first" if direction == "up" else "last"
            messages.info(request, f"{section.title} is already {where} in its place")
    return _to_sections(access, section.plan_id)


@require_POST
@manager_view
def section_archive(request: SignedInRequest, access: Access, section_id: int) -> HttpResponse:
    section = _get_section(access, section_id)
    form = ArchiveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The section could not be archived: try again")
        return _to_sections(access, section.plan_id)
    try:
        services.archive_section(
            partnership=access.partnership,
            section_id=section.pk,
            user=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except services.StaleEdit:
        messages.error(
            request,
            "Someone changed this section after you opened the page: check it and try again",
        )
    except services.SectionNotEmpty as full:
        messages.error(request, f"{section.title} was not archived. {full}")
    else:
        messages.success(request, f"Section archived: {section.title}")
    return _to_sections(access, section.plan_id)


@manager_view
def action_add(request: SignedInRequest, access: Access, section_id: int) -> HttpResponse:
    section = _get_section(access, section_id)
    form = NewActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = services.add_action(
            partnership=access.partnership,
            section_id=section.pk,
            user=request.user,
            **form.cleaned_data,
        )
        messages.success(request, "Action added")
        return redirect("action_detail", partnership=access.partnership.slug, action_id=action.pk)
    return render_page(request, access, "plans/action_add.html", {"section": section, "form": form})


def _get_live_action(access: Access, action_id: int) -> Action:
    action = found(selectors.action_for, access.partnership, action_id)
    if action.archived_at:
        raise Http404("The action is archived")
    return action


def _to_action(access: Access, action_id: int) -> HttpResponse:
    return redirect("action_detail", partnership=access.partnership.slug, action_id=action_id)


@manager_view
def action_move(request: SignedInRequest, access: Access, action_id: int) -> HttpResponse:
    action = found(selectors.action_for, access.partnership, action_id)
    sections = [
        (s.pk, s.label)
        for s in selectors.sections_in_order(action.plan)
        if s.pk != action.section_id
    ]
    form = MoveActionForm(
        request.POST or None, sections=sections, initial={"version": action.version}
    )
    context: dict[str, Any] = {"action": action, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.move_action(
                partnership=access.partnership,
                action_id=action.pk,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                section_id=form.cleaned_data["section"],
            )
        except services.StaleEdit as error:
            return stale_page(request, access, "plans/action_move.html", context, error)
        messages.success(request, f"Action moved to {moved.section_path}")
        return redirect("action_detail", partnership=access.partnership.slug, action_id=action.pk)
    return render_page(request, access, "plans/action_move.html", context)


@manager_view
def milestone_add(request: SignedInRequest, access: Access, plan_id: int) -> HttpResponse:
    plan = _get_plan(access, plan_id)
    sections = [(s.pk, s.label) for s in selectors.sections_in_order(plan)]
    form = NewMilestoneForm(request.POST or None, sections=sections)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.add_milestone(
            partnership=access.partnership,
            plan_id=plan.pk,
            user=request.user,
            text=data["text"],
            due=data["due"],
            section_id=data["section"],
        )
        messages.success(request, "Milestone added")
        return _to_plan(access, plan.pk)
    return render_page(request, access, "plans/milestone_add.html", {"plan": plan, "form": form})


@manager_view
def milestone_outcome(request: SignedInRequest, access: Access, milestone_id: int) -> HttpResponse:
    """Record that a milestone was achieved, or missed, and on which date."""
    milestone = found(selectors.milestone_for, access.partnership, milestone_id)
    outcome = "achieved" if milestone.achieved_on else "missed" if milestone.missed_on else None
    initial = {
        "version": milestone.version,
        "outcome": outcome,
        "on": milestone.achieved_on or milestone.missed_on,
    }
    form = MilestoneOutcomeForm(request.POST or None, initial=initial)
    context: dict[str, Any] = {"milestone": milestone, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_milestone(
                partnership=access.partnership,
                milestone_id=milestone.pk,
                user=request.user,
                expected_version=data["version"],
                achieved=data["outcome"] == "achieved",
                on=data["on"],
            )
        except services.StaleEdit as error:
            return stale_page(request, access, "plans/milestone_outcome.html", context, error)
        messages.success(request, f"Milestone recorded as {data['outcome']}")
        return _to_plan(access, milestone.plan_id)
    return render_page(request, access, "plans/milestone_outcome.html", context)


@manager_view
def risk_add(request: SignedInRequest, access: Access, plan_id: int) -> HttpResponse:
    plan = _get_plan(access, plan_id)
    form = RiskDetailsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: (v if v != "" else None) for k, v in form.cleaned_data.items()}
        fields["title"] = form.cleaned_data["title"]
        services.add_risk(
            partnership=access.partnership, plan_id=plan.pk, user=request.user, fields=fields
        )
        messages.success(request, "Risk added")
        return redirect("risk_register", partnership=access.partnership.slug, plan_id=plan.pk)
    return render_page(request, access, "plans/risk_add.html", {"plan": plan, "form": form})


@manager_view
def action_merge(request: SignedInRequest, access: Access, action_id: int) -> HttpResponse:
    """Choose an action of the same plan to fold into this one (radios, no script needed)."""
    action = _get_live_action(access, action_id)
    choices = selectors.action_choices(action.plan, leave_out=action.pk)
    form = MergeActionsForm(
        request.POST or None, actions=choices, initial={"version": action.version}
    )
    context: dict[str, Any] = {"action": action, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            services.merge_actions(
                partnership=access.partnership,
                action_id=action.pk,
                other_id=form.cleaned_data["other"],
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except services.StaleEdit as error:
            return stale_page(request, access, "plans/action_merge.html", context, error)
        except (services.CannotMerge, Action.DoesNotExist):
            form.add_error("other", "Select a live action of this plan to merge into this one")
        else:
            messages.success(request, "Actions merged: the other action is archived")
            return _to_action(access, action.pk)
    return render_page(request, access, "plans/action_merge.html", context)


@manager_view
def action_split(request: SignedInRequest, access: Access, action_id: int) -> HttpResponse:
    """Make a new action in the same section from part of this one's text."""
    action = _get_live_action(access, action_id)
    form = SplitActionForm(
        request.POST or None,
        whole_text=action.text,
        initial={"version": action.version, "kept_text": action.text},
    )
    context: dict[str, Any] = {"action": action, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new = services.split_action(
                partnership=access.partnership,
                action_id=action.pk,
                user=request.user,
                expected_version=data["version"],
                kept_text=data["kept_text"],
                new_text=data["new_text"],
                new_ref=data["new_ref"],
                copy=tuple(data["copy"]),
            )
        except services.StaleEdit as error:
            return stale_page(request, access, "plans/action_split.html", context, error)
        messages.success(request, f"Action split: this is the new action, split from {action}")
        return _to_action(access, new.pk)
    return render_page(request, access, "plans/action_split.html", context)


def _finding_choices(plan: Plan) -> dict[str, list[tuple[int, str]]]:
    return {
        "sections": [(s.pk, s.label) for s in selectors.sections_in_order(plan)],
        "actions": selectors.action_choices(plan),
    }


def _to_finding(access: Access, finding_id: int) -> HttpResponse:
    return redirect("finding_detail", partnership=access.partnership.slug, finding_id=finding_id)


@manager_view
def finding_add(request: SignedInRequest, access: Access, plan_id: int) -> HttpResponse:
    plan = _get_plan(access, plan_id)
    form = FindingForm(request.POST or None, **_finding_choices(plan))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        finding = services.add_finding(
            partnership=access.partnership,
            plan_id=plan.pk,
            user=request.user,
            text=data["text"],
            ref=data["ref"],
            source=data["source"],
            section_ids=data["sections"],
            action_ids=data["actions"],
        )
        messages.success(request, "Finding added")
        return _to_finding(access, finding.pk)
    return render_page(request, access, "plans/finding_form.html", {"plan": plan, "form": form})


@manager_view
def finding_edit(request: SignedInRequest, access: Access, finding_id: int) -> HttpResponse:
    finding = found(selectors.live_finding_for, access.partnership, finding_id)
    plan = finding.plan
    if plan is None:
        raise Http404("The finding belongs to no plan")
    initial = {
        "version": finding.version,
        **{f: getattr(finding, f) for f in services.FINDING_EDITABLE_FIELDS},
        "sections": [s.pk for s in finding.sections.all()],
        "actions": [a.pk for a in finding.actions.all()],
    }
    form = ChangeFindingForm(request.POST or None, initial=initial, **_finding_choices(plan))
    context: dict[str, Any] = {"plan": plan, "finding": finding, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {f: data[f] for f in services.FINDING_EDITABLE_FIELDS}
        try:
            services.update_finding(
                partnership=access.partnership,
                finding_id=finding.pk,
                user=request.user,
                expected_version=data["version"],
                changes={k: v for k, v in changes.items() if getattr(finding, k) != v},
                section_ids=data["sections"],
                action_ids=data["actions"],
            )
        except services.StaleEdit as error:
            return stale_page(request, access, "plans/finding_form.html", context, error)
        messages.success(request, "Finding saved")
        return _to_finding(access, finding.pk)
    return render_page(request, access, "plans/finding_form.html", context)


@require_POST
@manager_view
def finding_archive(request: SignedInRequest, access: Access, finding_id: int) -> HttpResponse:
    finding = found(selectors.live_finding_for, access.partnership, finding_id)
    form = ArchiveForm(request.POST)
    try:
        if not form.is_valid():
            raise services.StaleEdit([])
        services.archive_finding(
            partnership=access.partnership,
            finding_id=finding.pk,
            user=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except services.StaleEdit:
        messages.error(
            request,
            "Someone changed this finding after you opened the page: check it and try again",
        )
        return _to_finding(access, finding.pk)
    messages.success(request, "Finding archived")
    if finding.plan_id is None:
        return redirect("dashboard", partnership=access.partnership.slug)
    return _to_plan(access, finding.plan_id)
