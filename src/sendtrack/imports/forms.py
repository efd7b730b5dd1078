"""Forms for importing a plan: the upload, and the corrections posted from the preview."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.forms.utils import ErrorDict
from django.http import QueryDict

from sendtrack.accounts.models import Person
from sendtrack.core.forms import DATE_PARTS, GovukDateField, GovukForm, wrong_parts
from sendtrack.domain.plan_json import MAX_LENGTHS
from sendtrack.plans.models import Plan, PlanKind, Rag, SectionKind, Status

from .corrections import (
    CorrectionRefused,
    Operation,
    action_at,
    key_of,
    merge_operation,
    not_action_key,
    plan_title,
    section_paths,
    split_operation,
)
from .services import MAX_UPLOAD_BYTES, ActionCorrection, owner_key

MB = 1024 * 1024


class UploadForm(GovukForm):
    document = forms.FileField(
        label="Upload a plan document",
        help_text=(
            "A Word (.docx), Excel (.xlsx), PowerPoint (.pptx), CSV, JSON, PDF, web page (.html) "
            f"or text file of up to {MAX_UPLOAD_BYTES // MB} MB, with a table of actions."
        ),
        allow_empty_file=False,
        max_length=255,
        error_messages={
            "required": "Select a plan document",
            "empty": "The selected file is empty: there is nothing to import",
            "invalid": "The selected file could not be read: select it again",
            "missing": "Select a plan document",
            "max_length": "The selected file's name is too long: rename it and try again",
        },
    )

    update_plan = forms.TypedChoiceField(
        label="Is this a new plan, or an update of a plan already here?",
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", "A new plan")],
        error_messages={"invalid_choice": "Select a plan from the list, or “A new plan”"},
    )

    # Django's store of a form's errors, which django-stubs does not declare: `refused` sets it.
    _errors: ErrorDict | None

    def __init__(self, *args: Any, plans: Sequence[Plan] = (), **kwargs: Any) -> None:
        """``plans``: the partnership's live plans, each offered as the one this updates."""
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["update_plan"])
        field.choices = [
            ("", "A new plan"),
            *((str(p.pk), f"An update of {p.title}") for p in plans),
        ]

    @classmethod
    def refused(cls, message: str, plans: Sequence[Plan] = ()) -> UploadForm:
        """An empty upload form showing why the last import cannot go on."""
        form = cls(plans=plans)
        form._errors = ErrorDict({"document": form.error_class([message])})
        return form

    def clean_document(self) -> UploadedFile:
        document = self.cleaned_data["document"]
        if document.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The selected file must be smaller than {MAX_UPLOAD_BYTES // MB} MB"
            )
        return document


class DraftForm(forms.Form):
    """The signed draft and the page of the preview that was shown."""

    draft = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    page = forms.IntegerField(required=False, min_value=1)
    show = forms.IntegerField(required=False, min_value=1)


class ActionCorrectionForm(forms.Form):
    """One action's row of the preview; the prefix ``actions-<i>`` names its inputs."""

    owner = forms.CharField(
        required=False,
        max_length=MAX_LENGTHS["actions.owner"],
        error_messages={"max_length": "The lead must be %(limit_value)d characters or fewer"},
    )
    due_raw = forms.CharField(
        required=False,
        max_length=MAX_LENGTHS["actions.due_raw"],
        error_messages={"max_length": "The timeframe must be %(limit_value)d characters or fewer"},
    )
    status = forms.ChoiceField(
        required=False,
        choices=[("", "Not stated"), *Status.choices],
        error_messages={"invalid_choice": "Select a status from the list"},
    )
    rag = forms.ChoiceField(
        required=False,
        choices=[("", "Not stated"), *Rag.choices],
        error_messages={"invalid_choice": "Select a RAG rating from the list"},
    )


class PlanDetailsForm(GovukForm):
    """The plan's organisation, kind and as-at date, as corrected on the preview."""

    organisation = forms.CharField(required=False, max_length=MAX_LENGTHS["organisation"])
    plan_kind = forms.ChoiceField(
        required=False,
        choices=[("", "Not known"), *PlanKind.choices],
        error_messages={"invalid_choice": "Select the kind of plan from the list"},
    )
    as_at = GovukDateField(required=False, label="As at", what="as-at date")

    def values(self) -> dict[str, str | None]:
        """The details as Plan JSON has them."""
        data = self.cleaned_data
        as_at = data["as_at"]
        return {
            "organisation": data["organisation"] or None,
            "kind": data["plan_kind"] or None,
            "as_at": as_at.isoformat() if as_at else None,
        }

    def input_errors(self) -> dict[str, str]:
        """Each error by the id of the input it is about (a date's first wrong box)."""
        out: dict[str, str] = {}
        for name, errors in self.errors.as_data().items():
            where = f"as_at-{self.wrong_date_boxes()[0]}" if name == "as_at" else name
            out[where] = " ".join(errors[0].messages)
        return out

    def wrong_date_boxes(self) -> list[str]:
        """The boxes of the as-at date to mark as wrong."""
        errors = self.errors.as_data().get("as_at")
        return wrong_parts(errors, DATE_PARTS) if errors else []


_ROW_FIELD = re.compile(r"^actions-(\d{1,6})-(owner|due_raw|status|rag)$")
_OWNER_FIELD = re.compile(r"^owner-([0-9a-f]{12})$")


class PreviewCorrections:
    """Everything the preview form posted: the plan's title, corrections to actions and leads
    matched to people.

    Only the inputs that were on the page are read, so one page of a long plan changes only
    its own actions. ``errors`` maps an input's id to its message, in the order of the page.
    """

    def __init__(self, data: QueryDict, *, owners: Iterable[str], people: list[Person]):
        self.data = data
        self.owners = {owner_key(owner): owner for owner in owners}
        self.person_ids = {person.pk for person in people}
        self.corrections: dict[int, ActionCorrection] = {}
        self.aliases: dict[str, int | None] = {}
        self.plan_title: str | None = None
        self.plan_details: dict[str, str | None] = {}
        self.as_at_wrong: list[str] = []
        self.errors: dict[str, str] = {}
        self._read()

    def _read(self) -> None:
        if "plan_title" in self.data:
            try:
                self.plan_title = plan_title(self.data.get("plan_title"))
            except CorrectionRefused as refused:
                self.errors["plan_title"] = str(refused)
        if "plan_kind" in self.data:  # the preview's own page, not a step page
            details = PlanDetailsForm(self.data)
            if details.is_valid():
                self.plan_details = details.values()
            else:
                self.errors.update(details.input_errors())
                self.as_at_wrong = details.wrong_date_boxes()
        indexes = sorted(
            {int(m.group(1)) for key in self.data if (m := _ROW_FIELD.match(key)) is not None}
        )
        for index in indexes:
            prefix = f"actions-{index}"
            form = ActionCorrectionForm(self.data, prefix=prefix)
            if not form.is_valid():
                for name, errors in form.errors.items():
                    self.errors[f"{prefix}-{name}"] = str(errors[0])
                continue
            self.corrections[index] = ActionCorrection(
                **{
                    name: form.cleaned_data[name] if f"{prefix}-{name}" in self.data else None
                    for name in ("owner", "due_raw", "status", "rag")
                }
            )
        for key in self.data:
            match = _OWNER_FIELD.match(key)
            if match is None or match.group(1) not in self.owners:
                continue
            owner = self.owners[match.group(1)]
            value = self.data.get(key, "")
            if value == "":
                self.aliases[owner] = None
            elif value.isdigit() and int(value) in self.person_ids:
                self.aliases[owner] = int(value)
            else:
                self.errors[key] = f"Select the person “{owner[:60]}” names, or “Not matched”"

    def is_valid(self) -> bool:
        return not self.errors

    def error_list(self) -> list[tuple[str, str]]:
        return list(self.errors.items())


_DO = re.compile(
    r"^(text|split|merge|delete|not_action|heading|rename|remove_section|add"
    r"|restore-(\d{1,6})|checked-(\d{1,6}))$"
)
STEPS = ("add", "remove_section")
"""The step pages not about one action nor one section's changes: adding a missed action
(to any section or none), and confirming a section's removal."""


class ChangeForm(forms.Form):
    """A change to the preview's rows or sections that a button asked for (``do``): on an
    action (``row``: its place in the preview shown), a section (``section``: its place in
    the sections; none when a missed action is added to no section), or a row not taken as
    an action (``restore-<n>``). ``step`` names the step page that asked, shown again with
    the reason when the change is refused."""

    do = forms.CharField(required=False, max_length=20)
    row = forms.IntegerField(required=False, min_value=0)
    section = forms.IntegerField(required=False, min_value=0)
    text = forms.CharField(required=False, strip=True)
    ref = forms.CharField(required=False, strip=True)
    measures = forms.CharField(required=False, strip=False)
    move_to = forms.CharField(required=False, strip=False)
    lines = forms.CharField(required=False, strip=False)
    title = forms.CharField(required=False, strip=True)
    section_kind = forms.ChoiceField(required=False, choices=[("", ""), *SectionKind.choices])
    step = forms.CharField(required=False, max_length=20)

    def clean_do(self) -> str:
        do = str(self.cleaned_data.get("do") or "")
        return do if _DO.match(do) else ""

    def clean_step(self) -> str:
        step = str(self.cleaned_data.get("step") or "")
        return step if step in STEPS else ""

    def operations(self, plan: dict[str, Any]) -> list[Operation]:
        """The operations the button asked for, on the plan the page showed;
        ``CorrectionRefused`` when they cannot be made."""
        data = self.cleaned_data
        do = data["do"]
        if do.startswith("restore-"):
            rows = plan.get("not_actions") or []
            position = int(do.removeprefix("restore-"))
            if position >= len(rows):
                raise CorrectionRefused("That row is no longer in the preview")
            return [{"op": "restore", "row": not_action_key(plan, position)}]
        if do.startswith("checked-"):  # "Mark as checked" on a row of the table
            checked = int(do.removeprefix("checked-"))
            action_at(plan, checked)
            return [{"op": "checked", "action": key_of(plan, checked)}]
        if do in ("rename", "remove_section", "add"):
            paths = section_paths(plan)
            section = data.get("section")
            if section is None and do == "add":  # "No section"
                return [{"op": "add", "section": None, "text": data["text"]}]
            if section is None or section >= len(paths):
                raise CorrectionRefused("That section is no longer in the preview")
            if do == "rename":
                return self._section_edits(plan, section, paths[section])
            if do == "remove_section":
                return [{"op": "remove_section", "section": paths[section]}]
            return [{"op": "add", "section": paths[section], "text": data["text"]}]
        index = data.get("row")
        index = -1 if index is None else index
        action_at(plan, index)
        if do == "split":
            return [split_operation(plan, index, data["lines"])]
        if do == "merge":
            return [merge_operation(plan, index)]
        if do != "text":
            return [{"op": do, "action": key_of(plan, index)}]
        return self._edits(plan, index)

    def _section_edits(self, plan: dict[str, Any], position: int, path: str) -> list[Operation]:
        """The section's kind, where it changed, and its title (which renames its path)."""
        out: list[Operation] = []
        kind = self.cleaned_data.get("section_kind")
        if kind and kind != plan["sections"][position]["kind"]:
            out.append({"op": "section_kind", "section": path, "kind": kind})
        return [*out, {"op": "rename", "section": path, "title": self.cleaned_data["title"]}]

    def _edits(self, plan: dict[str, Any], index: int) -> list[Operation]:
        """The action's new text, ref, success measures and section, where they changed."""
        data = self.cleaned_data
        action = plan["actions"][index]
        out: list[Operation] = []
        key = key_of(plan, index)
        if data["text"] != action["text"]:
            if not data["text"]:
                raise CorrectionRefused("Enter the action's text")
            out.append({"op": "text", "action": key, "text": data["text"]})
            key = key_of(plan, index, text=data["text"])
        longest = MAX_LENGTHS["actions.ref"]
        if len(data["ref"]) > longest:
            raise CorrectionRefused(f"A ref must be {longest} characters or fewer")
        if "ref" in self.data and (data["ref"] or None) != action["ref"]:
            out.append({"op": "set", "action": key, "field": "ref", "value": data["ref"] or None})
        if "measures" in self.data:
            measures = [line.strip() for line in data["measures"].splitlines() if line.strip()]
            if measures != action["measures"]:
                out.append({"op": "measures", "action": key, "measures": measures})
        move_to = data["move_to"]
        if move_to and move_to != action["section"]:
            out.append({"op": "move", "action": key, "section": move_to})
        return out
