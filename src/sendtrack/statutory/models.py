"""Statutory SEND casework: settings, children, EHC needs assessments, plans, annual reviews
and phase transfers, with the DfE's published timeliness figures to compare against.

Every row that belongs to a partnership carries it, so every read is scoped to it. Editable
records carry a `version` (services.StaleEdit) and their history is kept by
django-simple-history. Deadlines that the law fixes from other dates (the 6/16/20-week
clocks) are not stored: selectors work them out with sendtrack.domain.statutory. The review
`due` date and the transfer `deadline` are stored because worklists filter on them; services
set them with the same domain functions.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sendtrack.accounts.models import Partnership
from sendtrack.core import private_files
from sendtrack.domain.statutory import ExceptionReason, TransferType


class StatutoryArea(models.Model):
    """The partnership's place in the DfE statistics (one per partnership)."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="statutory_area"
    )
    la_code = models.CharField(
        "Local authority code", max_length=12, blank=True, help_text="For example, E10000006."
    )
    la_name = models.CharField("Local authority name", max_length=200, blank=True)
    region_name = models.CharField(max_length=100, blank=True, help_text="For example, North West.")
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.partnership} ({self.la_code or 'no LA code'})"


class SettingKind(models.TextChoices):
    SCHOOL = "school", "School"
    COLLEGE = "college", "College"
    EARLY_YEARS = "early_years", "Early years"


class SettingPhase(models.TextChoices):
    EARLY_YEARS = "early_years", "Early years"
    INFANT = "infant", "Infant"
    JUNIOR = "junior", "Junior"
    PRIMARY = "primary", "Primary"
    MIDDLE = "middle", "Middle"
    SECONDARY = "secondary", "Secondary"
    ALL_THROUGH = "all_through", "All-through"
    SPECIAL = "special", "Special"
    POST16 = "post16", "Post-16"


class Setting(models.Model):
    """A school, college or early years provider a child attends or a plan names."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=SettingKind.choices)
    urn = models.CharField("URN", max_length=12, blank=True)
    phase = models.CharField(max_length=20, choices=SettingPhase.choices, blank=True)
    senco_name = models.CharField("SENCO name", max_length=200, blank=True)
    senco_email = models.EmailField("SENCO email", blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "urn"],
                condition=~models.Q(urn=""),
                name="statutory_setting_unique_urn",
            )
        ]

    def __str__(self) -> str:
        return self.name


class SettingContact(models.Model):
    """Links a SENCO's sign-in to the setting(s) whose children they may see in the portal."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="setting_contacts"
    )
    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="contacts")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "setting"], name="statutory_one_contact_link")
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.setting}"


class YearGroup(models.TextChoices):
    NURSERY = "N", "Nursery"
    RECEPTION = "R", "Reception"
    Y1 = "1", "Year 1"
    Y2 = "2", "Year 2"
    Y3 = "3", "Year 3"
    Y4 = "4", "Year 4"
    Y5 = "5", "Year 5"
    Y6 = "6", "Year 6"
    Y7 = "7", "Year 7"
    Y8 = "8", "Year 8"
    Y9 = "9", "Year 9"
    Y10 = "10", "Year 10"
    Y11 = "11", "Year 11"
    Y12 = "12", "Year 12"
    Y13 = "13", "Year 13"
    Y14 = "14", "Year 14 and over"


class Child(models.Model):
    """A child or young person. Emails and exports name the case reference, never the child."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    case_reference = models.CharField(max_length=20, help_text="For example, EHC-000123.")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    upn = models.CharField("UPN", max_length=13, blank=True)
    setting = models.ForeignKey(
        Setting, null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    year_group = models.CharField(max_length=3, choices=YearGroup.choices, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The casework officer for the child.",
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name_plural = "children"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "case_reference"], name="statutory_child_unique_reference"
            )
        ]

    def __str__(self) -> str:
        return self.case_reference

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Requester(models.TextChoices):
    PARENT = "parent", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"
    SCHOOL = "school", "School or college"
    HEALTH = "health", "Health or social care"
    OTHER = "other", "Other"


class AssessDecision(models.TextChoices):
    ASSESS = "assess", "Assess"
    NOT_ASSESS = "not_assess", "Do not assess"


class AssessmentOutcome(models.TextChoices):
    PLAN_ISSUED = "plan_issued", "Plan issued"
    NOT_ISSUED = "not_issued", "Decided not to issue a plan"
    NOT_ASSESSED = "not_assessed", "Decided not to assess"
    WITHDRAWN = "withdrawn", "Request withdrawn"


class EHCNeedsAssessment(models.Model):
    """A request for an EHC needs assessment and what became of it (regs 3-13).

    Open while `outcome` is empty. The 6-, 16- and 20-week clocks all run from
    `request_received` and are computed, not stored.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="assessments")
    request_received = models.DateField(db_index=True)
    requested_by = models.CharField(max_length=20, choices=Requester.choices)
    decision = models.CharField(
        "Decision whether to assess", max_length=20, choices=AssessDecision.choices, blank=True
    )
    decision_date = models.DateField(null=True, blank=True)
    refusal_reason = models.TextField(blank=True)
    evidence_received = models.DateField(null=True, blank=True)
    draft_issued = models.DateField(null=True, blank=True)
    final_issued = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=AssessmentOutcome.choices, blank=True)
    outcome_date = models.DateField(null=True, blank=True)
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["request_received", "id"]
        verbose_name = "EHC needs assessment"
        indexes = [models.Index(fields=["partnership", "outcome", "request_received"])]

    def __str__(self) -> str:
        return f"Assessment requested {self.request_received}"

    @property
    def is_open(self) -> bool:
        return not self.outcome


class TimeLimitException(models.Model):
    """Why a time limit was impractical (reg 10(4)(a)-(d)): typed reason and dates, not a flag."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(
        EHCNeedsAssessment, on_delete=models.CASCADE, related_name="exceptions"
    )
    reason = models.CharField(max_length=40, choices=[(r.value, r.label) for r in ExceptionReason])
    start = models.DateField()
    end = models.DateField(null=True, blank=True, help_text="Leave empty while it continues.")
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} from {self.start}"


class PlanStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    CEASED = "ceased", "Ceased"


class EHCPlan(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="plans")
    assessment = models.OneToOneField(
        EHCNeedsAssessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="plan"
    )
    issued = models.DateField()
    named_setting = models.ForeignKey(
        Setting, null=True, blank=True, on_delete=models.SET_NULL, related_name="named_in_plans"
    )
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    ceased_date = models.DateField(null=True, blank=True)
    ceased_reason = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["issued", "id"]
        verbose_name = "EHC plan"

    def __str__(self) -> str:
        return f"EHC plan issued {self.issued}"


paperwork_storage = private_files.private_storage
"""The core's private storage, under the name this app's migrations know it by."""


def paperwork_path(instance: "AnnualReview", filename: str) -> str:
    return private_files.random_name(f"statutory/reviews/{instance.partnership_id}", filename)


class ReviewDecision(models.TextChoices):
    MAINTAIN = "maintain", "Maintain the plan"
    AMEND = "amend", "Amend the plan"
    CEASE = "cease", "Cease the plan"


class AnnualReview(models.Model):
    """One review of a plan: due 12 months from issue or the last review (domain.md 2)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(EHCPlan, on_delete=models.CASCADE, related_name="reviews")
    counted_from = models.DateField(help_text="The plan's issue date or the last review meeting.")
    due = models.DateField(db_index=True)
    meeting_date = models.DateField(null=True, blank=True)
    paperwork_received = models.DateField(null=True, blank=True)
    paperwork = models.FileField(
        upload_to=paperwork_path, storage=paperwork_storage, blank=True, max_length=200
    )
    paperwork_content_type = models.CharField(max_length=100, blank=True)
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices, blank=True)
    decision_notified = models.DateField(null=True, blank=True)
    amendment_issued = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due", "id"]
        indexes = [
            models.Index(fields=["partnership", "meeting_date", "due"]),
            # Worklists read open reviews (decision not yet sent) by due date or meeting date.
            models.Index(
                fields=["partnership", "due"],
                condition=models.Q(decision_notified__isnull=True),
                name="statutory_open_review_due",
            ),
            models.Index(
                fields=["partnership", "meeting_date"],
                condition=models.Q(decision_notified__isnull=True),
                name="statutory_open_review_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"Annual review due {self.due}"


class TransferStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    CONSULTING = "consulting", "Consulting settings"
    DRAFT_AMENDED = "draft_amended", "Proposed amendments sent"
    FINALISED = "finalised", "Finalised"


class PhaseTransfer(models.Model):
    """A move between phases of education; the plan must name the new setting by `deadline`."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(EHCPlan, on_delete=models.CASCADE, related_name="transfers")
    transfer_type = models.CharField(
        max_length=30,
        choices=[(t.value, t.value.replace("_", " ").capitalize()) for t in TransferType],
    )
    transfer_date = models.DateField()
    deadline = models.DateField(db_index=True)
    named_setting = models.ForeignKey(
        Setting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=TransferStatus.choices, default=TransferStatus.PLANNED
    )
    finalised_date = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return f"{self.get_transfer_type_display()} on {self.transfer_date}"


PUBLISHED_COMPARATORS = (
    'DfE, "Education, health and care plans" (Open Government Licence v3),'
    " loaded with sendtrack load-comparators"
)


class DfEComparator(models.Model):
    """A row of the DfE "Education, health and care plans" timeliness file (public data).

    Not a partnership's data, so not scoped to one. `z`/`x` (not applicable / not available)
    are stored as null. Unique on period, level, region and LA code so a reload updates.
    """

    time_period = models.PositiveIntegerField()
    time_identifier = models.CharField(max_length=40, default="Calendar year")
    geographic_level = models.CharField(max_length=40)
    region_name = models.CharField(max_length=100, blank=True)
    la_name = models.CharField(max_length=200, blank=True)
    new_la_code = models.CharField(max_length=12, blank=True)
    tot_no_exc_ehc = models.PositiveIntegerField(null=True, blank=True)
    no_exc_20week_ehc = models.PositiveIntegerField(null=True, blank=True)
    no_exc_20week_rate = models.DecimalField(max_digits=18, decimal_places=12, null=True)
    tot_inc_exc_ehc = models.PositiveIntegerField(null=True, blank=True)
    inc_exc_20week_ehc = models.PositiveIntegerField(null=True, blank=True)
    inc_exc_20week_rate = models.DecimalField(max_digits=18, decimal_places=12, null=True)
    source = models.CharField(max_length=200, default=PUBLISHED_COMPARATORS)

    class Meta:
        ordering = ["time_period", "geographic_level", "region_name", "la_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["time_period", "geographic_level", "region_name", "new_la_code"],
                name="statutory_comparator_unique_row",
            )
        ]

    def __str__(self) -> str:
        where = self.la_name or self.region_name or "England"
        return f"{where} {self.time_period}"


class ReviewListSent(models.Model):
    """One termly review list emailed to a setting's SENCO (send-review-lists).

    At most one per setting and term, so running the command twice, or from two servers,
    sends each list once; `--force` re-sends and updates the row. A failed send leaves no row.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="+")
    term_start = models.DateField(help_text="First day of the term the list is for.")
    term_name = models.CharField(max_length=40)
    recipient = models.EmailField(help_text="The SENCO address the list went to.")
    item_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-term_start", "setting"]
        constraints = [
            models.UniqueConstraint(
                fields=["setting", "term_start"], name="statutory_review_list_once_a_term"
            )
        ]

    def __str__(self) -> str:
        return f"{self.term_name} review list to {self.setting}"
