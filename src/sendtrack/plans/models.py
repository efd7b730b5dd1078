"""Improvement plans: sections, actions, milestones, indicators, progress, risks and findings.

Every row carries its partnership so every read can be scoped to it. Editable records carry
a `version` so a stale save is refused (services.StaleEdit), and history is kept by
django-simple-history. Raw text from documents is kept beside what was read from it.
"""

from datetime import date

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sendtrack.accounts.models import Partnership, Person
from sendtrack.core import private_files
from sendtrack.domain.rag import RagResult
from sendtrack.domain.risks import Band, risk_band, risk_score

RAG_STATED_REASON = "Stated in the imported document"
"""The reason kept with a RAG rating an import read from the document."""


class PlanKind(models.TextChoices):
    WRITTEN_STATEMENT_OF_ACTION = "written_statement_of_action", "Written statement of action"
    PRIORITY_ACTION_PLAN = "priority_action_plan", "Priority action plan"
    IMPROVEMENT_PLAN = "improvement_plan", "Improvement plan"
    PEER_REVIEW_PLAN = "peer_review_plan", "Peer review plan"
    SERVICE_PLAN = "service_plan", "Service plan"
    MONITORING_REPORT = "monitoring_report", "Monitoring report"
    BOARD_SUMMARY = "board_summary", "Board summary"
    OTHER = "other", "Other"


class SectionKind(models.TextChoices):
    WORKSTREAM = "workstream", "Workstream"
    PRIORITY = "priority", "Priority"
    AREA = "area", "Area"
    RECOMMENDATION = "recommendation", "Recommendation"
    OBJECTIVE = "objective", "Objective"
    FOCUS_AREA = "focus_area", "Focus area"
    KEY_CONCERN = "key_concern", "Key concern"
    HEADING = "heading", "Heading"


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    ON_TRACK = "on_track", "On track"
    DELAYED = "delayed", "Delayed"
    COMPLETE = "complete", "Complete"
    EMBEDDED = "embedded", "Embedded"
    CLOSED = "closed", "Closed"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    HALF_TERM = "half_term", "Half term"
    TERM = "term", "Term"
    QUARTER = "quarter", "Quarter"
    ACADEMIC_YEAR = "academic_year", "Academic year"
    FINANCIAL_YEAR = "financial_year", "Financial year"
    YEAR = "year", "Year"
    RECURRING = "recurring", "Recurring"
    ONGOING = "ongoing", "Ongoing"
    NONE = "none", "None"


class IndicatorKind(models.TextChoices):
    HOW_MUCH = "how_much", "How much did we do?"
    HOW_WELL = "how_well", "How well did we do it?"
    BETTER_OFF = "better_off", "Is anyone better off?"


class Plan(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(max_length=300)
    organisation_name = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=40, choices=PlanKind.choices, blank=True)
    as_at_raw = models.CharField(max_length=100, blank=True)
    as_at = models.DateField(null=True, blank=True)
    source_document = models.CharField(max_length=300, blank=True)
    owner_glossary = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)
    import_reference = models.CharField(
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The random id of the import draft that created the plan, so one draft "
        "cannot be confirmed twice. Empty for plans not made by the importer.",
    )
    source_sha256 = models.CharField(
        max_length=64,
        blank=True,
        default="",
        db_index=True,
        editable=False,
        help_text="The SHA-256 of the document the plan was imported from, so uploading the "
        "same document again as a new plan is warned of. Empty for plans not imported.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class Section(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    ref = models.CharField(max_length=100, blank=True, null=True)
    title = models.CharField(max_length=500)
    kind = models.CharField(max_length=20, choices=SectionKind.choices, blank=True)
    position = models.PositiveIntegerField(default=0)
    archived_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return self.title


class Finding(models.Model):
    """An inspection finding, key concern or review recommendation that actions answer."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="findings")
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.CASCADE, related_name="findings"
    )
    ref = models.CharField(max_length=100, blank=True)
    text = models.TextField()
    source = models.CharField(
        max_length=200, blank=True, help_text="The inspection or review it came from."
    )
    sections = models.ManyToManyField(Section, blank=True, related_name="findings")
    archived_at = models.DateTimeField("archived", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # The sections it is linked to are part of the audit trail (its actions keep theirs).
    history = HistoricalRecords(m2m_fields=[sections])

    class Meta:
        ordering = ["plan", "ref", "id"]

    def __str__(self) -> str:
        return f"{self.ref} {self.text[:80]}".strip()


class Action(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="actions")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    section_path = models.CharField("section as written", max_length=1000, blank=True, null=True)
    position = models.PositiveIntegerField("order in the plan", default=0)
    ref = models.CharField("reference", max_length=100, blank=True, null=True)
    text = models.TextField("action")
    owner_raw = models.CharField(
        "lead",
        max_length=500,
        blank=True,
        null=True,
        help_text="The owner exactly as the plan names it.",
    )
    owners = models.ManyToManyField(Person, blank=True, related_name="actions")
    partners = models.JSONField(default=list, blank=True)
    start_raw = models.CharField("start as written", max_length=200, blank=True, null=True)
    due_raw = models.CharField("timeframe as written", max_length=300, blank=True, null=True)
    due = models.DateField("due date", null=True, blank=True, db_index=True)
    due_change_reason = models.CharField(
        "reason for the new date",
        max_length=500,
        blank=True,
        help_text="Why the due date last moved; each reason is kept in the history.",
    )
    due_precision = models.CharField(
        "how exact the due date is",
        max_length=20,
        choices=DatePrecision.choices,
        default=DatePrecision.NONE,
    )
    status_raw = models.CharField("progress as written", max_length=1000, blank=True, null=True)
    status = models.CharField(max_length=20, choices=Status.choices, blank=True, null=True)
    rag_override = models.CharField(
        "RAG set by hand", max_length=10, choices=Rag.choices, blank=True, null=True
    )
    rag_override_reason = models.CharField(
        "reason for setting the RAG by hand", max_length=500, blank=True
    )
    measures = models.JSONField("measures of success", default=list, blank=True)
    finding_text = models.TextField("finding as written", blank=True, null=True)
    findings = models.ManyToManyField(Finding, blank=True, related_name="actions")
    extra = models.JSONField(
        "other details from the document",
        default=dict,
        blank=True,
        help_text="Other Plan JSON keys: note, truncated, narrative.",
    )
    last_activity_on = models.DateField(
        null=True, blank=True, help_text="Date of the latest progress update, or of creation."
    )
    awaiting_sign_off = models.BooleanField(
        "awaiting sign-off",
        default=False,
        help_text="Marked complete where completion needs a programme manager's sign-off, "
        "and not yet signed off: rated as not complete until it is.",
    )
    signed_off_at = models.DateTimeField("signed off", null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="signed off by",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name="merged into",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
        help_text="The action this one was folded into when the two were merged.",
    )
    split_from = models.ForeignKey(
        "self",
        verbose_name="split from",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="split_into",
        help_text="The action this one was made from, with part of its text.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField("archived", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["updated_at"])
    # Not stored: the rating the selectors give an action they read (RAG is worked out on
    # each request: docs/decisions/rag-on-request.md), for the pages and exports that show it.
    brag: RagResult
    # Not stored either: when the next monthly progress update is due (selectors.my_actions).
    update_due_on: date

    class Meta:
        ordering = ["plan", "position"]
        indexes = [models.Index(fields=["partnership", "plan", "archived_at"])]

    def __str__(self) -> str:
        return f"{self.ref or ''} {self.text[:60]}".strip()

    @property
    def rag_from_document(self) -> bool:
        """The rating is the one the imported document stated, not one a person set: the
        pages say "stated in the document" rather than "set by hand"."""
        return bool(self.rag_override) and self.rag_override_reason == RAG_STATED_REASON


class Milestone(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="milestones"
    )
    section_path = models.CharField(max_length=1000, blank=True, null=True)
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()
    due_raw = models.CharField(max_length=300, blank=True, null=True)
    due = models.DateField(null=True, blank=True)
    due_precision = models.CharField(
        max_length=20, choices=DatePrecision.choices, default=DatePrecision.NONE
    )
    achieved_on = models.DateField(null=True, blank=True)
    missed_on = models.DateField(
        null=True, blank=True, help_text="The date it was recorded as missed."
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return self.text[:80]


class ImpactIndicator(models.Model):
    """A measure of impact a plan names for a section (how much / how well / better off)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="impact_indicators")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="impact_indicators"
    )
    section_path = models.CharField(max_length=1000, blank=True, null=True)
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()
    kind = models.CharField(max_length=20, choices=IndicatorKind.choices, blank=True, null=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return self.text[:80]


class ProgressUpdate(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    rag = models.CharField(
        max_length=10, choices=Rag.choices, blank=True, help_text="The RAG the action had then."
    )
    commentary = models.TextField()
    decision_asked = models.TextField(
        "decision asked of the board",
        blank=True,
        default="",
        help_text="What the lead needs the board to decide; the board report shows it beside "
        "the commentary of an action that needs the board.",
    )
    evidence_links = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} {self.commentary[:60]}"


evidence_storage = private_files.private_storage
"""The core's private storage, under the name this app's migrations know it by."""


def evidence_path(instance: "EvidenceFile", filename: str) -> str:
    return private_files.random_name(f"plans/evidence/{instance.partnership_id}", filename)


class EvidenceFile(models.Model):
    """A document or picture kept with a progress update as evidence of what was done. Kept
    where only this application reads it and given back only to people who see the action."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    update = models.ForeignKey(
        ProgressUpdate, on_delete=models.CASCADE, related_name="evidence_files"
    )
    file = models.FileField(upload_to=evidence_path, storage=evidence_storage, max_length=200)
    filename = models.CharField(
        max_length=100, help_text="The uploaded file's name made safe, for the download."
    )
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(help_text="In bytes.")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.filename


class PlanSettings(models.Model):
    """How a partnership runs its plans, set by its administrator."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="plan_settings"
    )
    completion_needs_sign_off = models.BooleanField(
        "completion needs evidence and sign-off",
        default=False,
        help_text="An action marked complete needs evidence, and counts as complete only once "
        "a programme manager signs it off.",
    )
    due_date_changes_need_approval = models.BooleanField(
        "due-date changes need a programme manager's approval",
        default=False,
        help_text="A lead's new due date, and one a monthly update gives, waits as a request "
        "until a programme manager approves it.",
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "plan settings"

    def __str__(self) -> str:
        return f"Plan settings of {self.partnership}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    REPLACED = "replaced", "Replaced by a later request"


class DueDateRequest(models.Model):
    """A new due date asked for where the partnership needs a programme manager to approve
    it: the action keeps its date until the request is approved."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="due_date_requests")
    due = models.DateField("new due date", null=True, blank=True)
    due_raw = models.CharField("new timeframe as written", max_length=300, blank=True)
    due_precision = models.CharField(
        "how exact the new date is",
        max_length=20,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    was_due = models.DateField("due date when asked", null=True, blank=True)
    reason = models.CharField("reason for the new date", max_length=500)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="asked by",
    )
    requested_at = models.DateTimeField("asked", auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="decided by",
    )
    decided_at = models.DateTimeField("decided", null=True, blank=True)
    decline_reason = models.CharField("reason for declining", max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self) -> str:
        return f"New due date {self.due or 'none'} for {self.action}"


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Risk(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="risks")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="risks")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=500)
    detail = models.TextField(blank=True, null=True)
    likelihood = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="1 (rare) to 5 (almost certain)."
    )
    impact = models.TextField(
        blank=True, null=True, help_text="What would happen, in words (as a plan writes it)."
    )
    impact_rating = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="1 (minimal) to 5 (severe)."
    )
    residual_likelihood = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The likelihood once the mitigation works, 1 to 5."
    )
    residual_impact_rating = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The impact once the mitigation works, 1 to 5."
    )
    rag = models.CharField("RAG rating", max_length=10, choices=Rag.choices, blank=True, null=True)
    mitigation = models.TextField(blank=True, null=True)
    owner_raw = models.CharField("owner", max_length=500, blank=True, null=True)
    owner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="risks"
    )
    review_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    archived_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int | None:
        return risk_score(self.likelihood, self.impact_rating)

    @property
    def residual_score(self) -> int | None:
        return risk_score(self.residual_likelihood, self.residual_impact_rating)

    @property
    def band(self) -> Band | None:
        return risk_band(self.score) if self.score else None

    @property
    def residual_band(self) -> Band | None:
        return risk_band(self.residual_score) if self.residual_score else None


class RagSnapshot(models.Model):
    """How many of a plan's actions (or one workstream's) were blue, green, amber, red or not
    rated at a month's end: BRAG over time, kept so the dashboard and the board report draw it
    without rebuilding each month from the history. Taken by `sendtrack rag-snapshots` (each
    month from the history as it stood at the month's end); figures worked out from records,
    so kept without a history of their own: taking a month again gives the same figures."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rag_snapshots")
    section = models.ForeignKey(
        Section,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="The workstream (a top-level section); empty for the whole plan.",
    )
    month_end = models.DateField()
    as_at = models.DateField(help_text="The day counted: the month's end, or a day before it.")
    blue = models.PositiveIntegerField(default=0)
    green = models.PositiveIntegerField(default=0)
    amber = models.PositiveIntegerField(default=0)
    red = models.PositiveIntegerField(default=0)
    not_rated = models.PositiveIntegerField(default=0)
    taken_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "month_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "section", "month_end"], name="one_rag_snapshot_a_workstream_month"
            ),
            models.UniqueConstraint(
                fields=["plan", "month_end"],
                condition=models.Q(section__isnull=True),
                name="one_rag_snapshot_a_plan_month",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "month_end"])]

    def __str__(self) -> str:
        return f"BRAG of plan {self.plan_id} at {self.month_end}"

    @property
    def counts(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in RAG_SNAPSHOT_COUNTS}


RAG_SNAPSHOT_COUNTS = ("blue", "green", "amber", "red", "not_rated")
