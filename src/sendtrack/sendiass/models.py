"""SENDIASS casework, on its own database (routers.SendiassRouter).

Nothing here has a foreign key into the council's tables. SENDIASS staff sign in with accounts
held here (``SendiassStaff``), never with the council's sign-ins, so no council administrator
or superuser can reset, change or impersonate them. Who did what is the staff member's number
(``*_user_id``, ``SendiassStaff.user_id``), resolved to a name by ``selectors.staff_names``.
Names, contact details, case notes, documents and every other piece of free text someone types
that may name a person are encrypted at rest (fields.EncryptedTextField), history tables
included; such text is sorted, grouped and matched in Python, never in SQL. Free text kept in
clear is only what names no one: choices, references, triage criteria and Minimum Standards.
Evaluation responses carry no reference to any case or person.
History is kept by django-simple-history with the staff number as a plain id.
"""

import uuid
from contextvars import ContextVar
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from simple_history.models import HistoricalRecords

from .fields import EncryptedJSONField, EncryptedTextField

# The staff member a service is acting for (services.change_as), so a change made outside a
# request (a command, a task) still names who made it.
ACTING_STAFF: ContextVar["SendiassStaff | None"] = ContextVar("sendiass_acting_staff", default=None)


def _signed_in_staff(request: Any = None, **kwargs: Any) -> "SendiassStaff | None":
    """Who is changing a record: the staff member the service acts for, else the SENDIASS
    staff member of the request, never a council sign-in (the request's council user may be
    someone else, or nobody)."""
    acting = ACTING_STAFF.get()
    if acting is not None:
        return acting
    request = getattr(HistoricalRecords.context, "request", None)
    return getattr(request, "sendiass_staff", None)


def _staff_of_history(historical: Any) -> "SendiassStaff | None":
    if historical.history_user_id is None:
        return None
    return SendiassStaff.objects.filter(user_id=historical.history_user_id).first()


def _set_staff_of_history(historical: Any, staff: "SendiassStaff | None") -> None:
    historical.history_user_id = staff.user_id if staff is not None else None


def _history(**kwargs: Any) -> HistoricalRecords:
    """History whose `history_user_id` is a SENDIASS staff number, kept on this database."""
    return HistoricalRecords(
        history_user_id_field=models.IntegerField(null=True, blank=True, db_index=False),
        get_user=_signed_in_staff,
        history_user_getter=_staff_of_history,
        history_user_setter=_set_staff_of_history,
        **kwargs,
    )


class StaffRole(models.TextChoices):
    MANAGER = "manager", "Manager"
    CASEWORKER = "caseworker", "Caseworker"
    VOLUNTEER = "volunteer", "Volunteer (levels 1 and 2)"
    FIGURES_VIEWER = "figures_viewer", "Figures viewer (anonymous figures only)"


class SendiassStaff(models.Model):
    """A SENDIASS sign-in and what it may do. Held here, not in the council's database.

    `user_id` is the staff member's number, which every ``*_user_id`` in this database refers
    to (accounts made before the move to this database keep their old sign-in's id). The
    password hash, failed tries and lock are left out of the history; `password_changed_at`
    is kept in it, so a reset shows who did it and when.
    """

    user_id = models.IntegerField(unique=True)
    username = models.CharField(max_length=150, blank=True)
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    password = models.CharField(max_length=128, blank=True)
    password_changed_at = models.DateTimeField(null=True, blank=True)
    last_login = models.DateTimeField(null=True, blank=True)
    failed_sign_ins = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    role = models.CharField(max_length=20, choices=StaffRole.choices)
    trained_for_level_4 = models.BooleanField(
        default=False, help_text="Trained and experienced for level 4 (Tribunal, complex) work."
    )
    active = models.BooleanField(default=True)
    history = _history(
        excluded_fields=["password", "last_login", "failed_sign_ins", "locked_until"]
    )

    class Meta:
        verbose_name = "SENDIASS staff member"
        verbose_name_plural = "SENDIASS staff"
        constraints = [
            models.UniqueConstraint(
                fields=["username"],
                condition=~models.Q(username=""),
                name="sendiass_staff_unique_username",
            )
        ]

    def __str__(self) -> str:
        return self.name or self.username or f"staff {self.user_id}"

    def set_password(self, raw: str | None) -> None:
        """A new password (None: none usable, as after an invitation or a reset)."""
        self.password = make_password(raw)

    def check_password(self, raw: str) -> bool:
        return bool(self.password) and check_password(raw, self.password)

    @property
    def has_usable_password(self) -> bool:
        return bool(self.password) and not self.password.startswith("!")


class ServiceUserKind(models.TextChoices):
    PARENT_CARER = "parent_carer", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"


class HeardAbout(models.TextChoices):
    WEBSITE = "website", "Website or Local Offer"
    SCHOOL = "school", "School or setting"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    HEALTH = "health", "Health professional"
    PARENT_CARER_FORUM = "parent_carer_forum", "Parent carer forum"
    FRIEND_FAMILY = "friend_family", "Friend or family"
    SOCIAL_MEDIA = "social_media", "Social media"
    USED_BEFORE = "used_before", "Used the service before"
    OTHER = "other", "Other"


class ServiceUser(models.Model):
    """A parent or carer, or a young person, who asked the service for help."""

    kind = models.CharField(max_length=20, choices=ServiceUserKind.choices)
    name = EncryptedTextField()
    email = EncryptedTextField(blank=True)
    phone = EncryptedTextField(blank=True)
    address = EncryptedTextField(blank=True)
    heard_about = models.CharField(max_length=30, choices=HeardAbout.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    history = _history()

    def __str__(self) -> str:
        return f"Service user {self.pk}"


class Child(models.Model):
    service_user = models.ForeignKey(ServiceUser, on_delete=models.CASCADE, related_name="children")
    name = EncryptedTextField()
    date_of_birth = EncryptedTextField(blank=True, help_text="YYYY-MM-DD")
    school = EncryptedTextField(blank=True)
    history = _history()

    class Meta:
        verbose_name_plural = "children"

    def __str__(self) -> str:
        return f"Child {self.pk}"


class ReferralRoute(models.TextChoices):
    PARENT_CARER = "parent_carer", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"
    EXCEPTION = "exception", "Someone else (recorded exception)"


class Issue(models.TextChoices):
    SEN_SUPPORT = "sen_support", "SEN support in school"
    EHC_ASSESSMENT = "ehc_assessment", "EHC needs assessment"
    EHC_PLAN = "ehc_plan", "EHC plan content"
    ANNUAL_REVIEW = "annual_review", "Annual review"
    PHASE_TRANSFER = "phase_transfer", "Phase transfer"
    EXCLUSION = "exclusion", "Exclusion"
    ATTENDANCE = "attendance", "Attendance"
    SCHOOL_PLACEMENT = "school_placement", "School placement"
    TRANSPORT = "transport", "Transport"
    TRIBUNAL = "tribunal", "Tribunal appeal"
    HEALTH_SOCIAL_CARE = "health_social_care", "Health or social care"
    OTHER = "other", "Other"


class Theme(models.TextChoices):
    COMMUNICATION = "communication", "Communication with the family"
    DELAY = "delay", "Delay"
    PROVISION_NOT_DELIVERED = "provision_not_delivered", "Provision not delivered"
    NEEDS_NOT_IDENTIFIED = "needs_not_identified", "Needs not identified"
    MENTAL_HEALTH = "mental_health", "Mental health"
    AUTISM = "autism", "Autism"
    PREPARING_FOR_ADULTHOOD = "preparing_for_adulthood", "Preparing for adulthood"
    OTHER = "other", "Other"


class CaseStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for a caseworker"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Channel(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    FACE_TO_FACE = "face_to_face", "Face to face"
    VIDEO = "video", "Video call"
    LETTER = "letter", "Letter"
    MEETING = "meeting", "Meeting"
    TEXT = "text", "Text message"
    WEBSITE = "website", "Website form"


class TriageCriterion(models.Model):
    """Set by the manager: a reason to see a referral sooner, and how much it counts."""

    name = models.CharField(max_length=200, unique=True)
    weight = models.PositiveSmallIntegerField(default=1)
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)
    history = _history()

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "triage criteria"

    def __str__(self) -> str:
        return self.name


class SendiassCase(models.Model):
    """One request for help about one child (or young person), from referral to closure.

    `level` is the current level of support: the latest CaseLevel row, kept here for lists.
    `priority` is the sum of the weights of the triage criteria ticked on referral, as they
    were weighted then.
    """

    legacy_reference = models.CharField(
        max_length=40, blank=True, help_text="The case number in the system it came from"
    )
    service_user = models.ForeignKey(ServiceUser, on_delete=models.CASCADE, related_name="cases")
    child = models.ForeignKey(
        Child, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    status = models.CharField(
        max_length=10, choices=CaseStatus.choices, default=CaseStatus.WAITING, db_index=True
    )
    referred_on = models.DateField(db_index=True)
    opened_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True, db_index=True)
    referral_route = models.CharField(max_length=20, choices=ReferralRoute.choices)
    referral_exception_reason = EncryptedTextField(blank=True)
    contact_channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    issues = models.JSONField(default=list, blank=True)
    themes = models.JSONField(default=list, blank=True)
    level = models.PositiveSmallIntegerField(default=1)
    caseworker_user_id = models.IntegerField(null=True, blank=True, db_index=True)
    triage_criteria = models.ManyToManyField(TriageCriterion, blank=True, related_name="cases")
    priority = models.PositiveIntegerField(default=0)
    summary = EncryptedTextField(blank=True)
    evaluation_invited_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    history = _history(excluded_fields=["triage_criteria"])

    class Meta:
        ordering = ["-referred_on", "-id"]
        verbose_name = "SENDIASS case"
        indexes = [
            models.Index(fields=["status", "-priority", "referred_on"]),
            # The case list filtered by status and level, newest first.
            models.Index(
                fields=["status", "level", "-referred_on", "-id"], name="sendiass_case_list_idx"
            ),
            # Covers the report's counts by level and route without reading the rows.
            models.Index(
                fields=["referred_on", "level", "referral_route", "service_user"],
                name="sendiass_case_report_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return reference_for(self.pk)


def reference_for(pk: int | None) -> str:
    return f"S-{pk:06d}" if pk else "S-new"


def pk_from_reference(text: str) -> int | None:
    digits = text.strip().upper().removeprefix("S").lstrip("-").strip()
    return int(digits) if digits.isdigit() else None


class TopicKind(models.TextChoices):
    ISSUE = "issue", "Issue"
    THEME = "theme", "Theme"


class CaseTopic(models.Model):
    """One issue or theme of a case, kept beside the case's `issues` and `themes` lists (which
    stay the record) so that reports count them in the database from an index alone.
    `referred_on` is the case's, copied. Written only by `services.sync_case_topics`."""

    case = models.ForeignKey(SendiassCase, on_delete=models.CASCADE, related_name="topics")
    kind = models.CharField(max_length=5, choices=TopicKind.choices)
    value = models.CharField(max_length=40)
    referred_on = models.DateField()

    class Meta:
        indexes = [
            models.Index(fields=["kind", "referred_on", "value"], name="sendiass_topic_report_idx")
        ]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "value"], name="sendiass_topic_once")
        ]

    def __str__(self) -> str:
        return f"Case topic {self.pk}"


class CaseLevel(models.Model):
    """The level of support (1–4) from a date: the case's levels are a history of these."""

    case = models.ForeignKey(SendiassCase, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField()
    applies_from = models.DateField()
    set_by_user_id = models.IntegerField(null=True, blank=True)
    reason = EncryptedTextField(max_length=500, blank=True)

    class Meta:
        ordering = ["applies_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="sendiass_level_1_to_4"
            )
        ]

    def __str__(self) -> str:
        return f"Case level {self.pk}"


class Consent(models.Model):
    """A dated answer from the parent or young person about one named party. Never deleted:
    a withdrawal sets `withdrawn_at`; a renewal is a new row.

    The party is encrypted, so rows are matched to a party and sorted by it in Python
    (`domain.consent.Party.key`, `selectors.consents_by_party`), never in SQL."""

    service_user = models.ForeignKey(ServiceUser, on_delete=models.CASCADE, related_name="consents")
    party_name = EncryptedTextField(
        max_length=200,
        help_text="A person or a role, for example SENCo or Educational psychologist",
    )
    party_organisation = EncryptedTextField(max_length=200, blank=True)
    decision = models.CharField(max_length=10, choices=[("given", "Given"), ("refused", "Refused")])
    given_on = models.DateField()
    channel = models.CharField(max_length=20, choices=Channel.choices)
    given_by = EncryptedTextField(max_length=200, help_text="Who gave or refused it")
    what_they_were_told = EncryptedTextField(blank=True)
    recorded_by_user_id = models.IntegerField(null=True, blank=True)
    review_on = models.DateField(db_index=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by_user_id = models.IntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = _history()

    class Meta:
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"Consent {self.pk}"


class Contact(models.Model):
    """One conversation, email, letter or meeting on a case."""

    SERVICE_USER = "service_user"

    case = models.ForeignKey(SendiassCase, on_delete=models.CASCADE, related_name="contacts")
    on = models.DateField()
    channel = models.CharField(max_length=20, choices=Channel.choices)
    minutes = models.PositiveIntegerField(default=0)
    party_kind = models.CharField(
        max_length=20,
        choices=[(SERVICE_USER, "The parent or young person"), ("third_party", "Someone else")],
        default=SERVICE_USER,
    )
    party_name = EncryptedTextField(max_length=200, blank=True)
    party_organisation = EncryptedTextField(max_length=200, blank=True)
    notes = EncryptedTextField(blank=True)
    recorded_by_user_id = models.IntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = _history()

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [
            models.Index(fields=["case", "-on"]),
            models.Index(fields=["on", "minutes"], name="sendiass_contact_report_idx"),
        ]

    def __str__(self) -> str:
        return f"Contact {self.pk}"


class Document(models.Model):
    """A report or letter kept with the parent's consent; its content is encrypted."""

    case = models.ForeignKey(SendiassCase, on_delete=models.CASCADE, related_name="documents")
    title = EncryptedTextField()
    filename = EncryptedTextField()
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    content = models.BinaryField()
    consent_given_on = models.DateField()
    consent_given_by = EncryptedTextField(max_length=200)
    uploaded_by_user_id = models.IntegerField(null=True, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Document {self.pk}"


class SignInFailure(models.Model):
    """A wrong SENDIASS password from one client address, kept a day, to slow password
    spraying across usernames. `address` is an HMAC of the address under the SENDIASS key,
    never the address itself."""

    address = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["address", "at"], name="sendiass_signin_failure_idx")]

    def __str__(self) -> str:
        return f"Sign-in failure {self.pk}"


class CaseAccessLog(models.Model):
    """Every time someone opens a case or exports a service user's records."""

    case_id = models.IntegerField(null=True, blank=True, db_index=True)
    service_user_id = models.IntegerField(null=True, blank=True)
    user_id = models.IntegerField()
    at = models.DateTimeField(auto_now_add=True)
    what = models.CharField(max_length=40, default="case page")

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"Case access log {self.pk}"


class DeficitReason(models.TextChoices):
    CAPACITY = "capacity", "Not enough caseworker time"
    NO_TRAINED_CASEWORKER = "no_trained_caseworker", "No caseworker trained for the level"
    OUTSIDE_REMIT = "outside_remit", "Outside the service's remit"
    TIMESCALE = "timescale", "Could not meet the timescale"
    LANGUAGE = "language", "Language or interpreting not available"
    OTHER = "other", "Other"


class ServiceDeficit(models.Model):
    """A request the service could not meet, and why. The form asks for no names; the text is
    encrypted all the same, since people type them anyway."""

    recorded_on = models.DateField(db_index=True)
    level_requested = models.PositiveSmallIntegerField(null=True, blank=True)
    request = EncryptedTextField(max_length=300, help_text="What was asked, without names")
    reason = models.CharField(max_length=30, choices=DeficitReason.choices)
    reason_detail = EncryptedTextField(blank=True)
    recorded_by_user_id = models.IntegerField(null=True, blank=True)
    history = _history()

    class Meta:
        ordering = ["-recorded_on", "-id"]

    def __str__(self) -> str:
        return f"Service deficit {self.pk}"


class EvaluationKind(models.TextChoices):
    SERVICE_USER = "service_user", "Parent, carer or young person"
    PROFESSIONAL = "professional", "Professional"


class EvaluationInvitation(models.Model):
    """A one-time link. Holds only the hash of its token, the kind of evaluation and when the
    link expires; deleted when used. No case, no person, and no month, level or channel: the
    answer will carry only its kind and the financial year it arrives in."""

    token_hash = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=20, choices=EvaluationKind.choices)
    expires_on = models.DateField()

    def __str__(self) -> str:
        return f"Evaluation invitation {self.pk}"


class EvaluationResponse(models.Model):
    """An anonymous answer. Nothing links it to a case, and nothing narrows it down: it carries
    only its kind and the financial year it arrived in, so in the database it is one of every
    answer of its kind that year (docs/sendiass.md, "Evaluations").

    `answers` holds the answers chosen from a list ({question: choice}); `written_answers`
    the answers typed in free text ({question: text}), encrypted, since people name people."""

    kind = models.CharField(max_length=20, choices=EvaluationKind.choices)
    year = models.PositiveSmallIntegerField(
        db_index=True,
        help_text="The financial year (April to March) the answer arrived in, by its first year",
    )
    answers = models.JSONField(default=dict)
    written_answers = EncryptedJSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"Evaluation response {self.pk}"


class EvaluationTally(models.Model):
    """How many invitations were sent in a month: counted, never listed. It holds no answer,
    and the cases' closing dates already say as much, so the month is kept for the "sent"
    figures of quarters and terms."""

    kind = models.CharField(max_length=20, choices=EvaluationKind.choices)
    month = models.DateField()
    sent = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "month"], name="sendiass_one_tally_a_month")
        ]

    def __str__(self) -> str:
        return f"Evaluation tally {self.pk}"


class ComplaintOutcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Complaint(models.Model):
    """A complaint about the SENDIASS service itself, under its own procedure."""

    received_on = models.DateField()
    complainant = EncryptedTextField()
    summary = EncryptedTextField()
    acknowledge_by = models.DateField()
    respond_by = models.DateField()
    acknowledged_on = models.DateField(null=True, blank=True)
    responded_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=ComplaintOutcome.choices, blank=True)
    learning = EncryptedTextField(blank=True)
    recorded_by_user_id = models.IntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = _history()

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"Complaint {self.pk}"


class ErasedCaseCount(models.Model):
    """What is left of cases erased under the retention rule: anonymous counts only."""

    erased_on = models.DateField()
    closed_year = models.PositiveSmallIntegerField()
    level = models.PositiveSmallIntegerField()
    cases = models.PositiveIntegerField()
    contacts = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"Erased case count {self.pk}"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class StandardAssessment(models.Model):
    """The manager's self-assessment against one of the Minimum Standards, for a financial
    year: a RAG rating with examples of evidence (green) or the explanation and actions
    (amber, red). Published in the annual report, so the form asks for no names; the evidence
    is encrypted all the same."""

    year = models.PositiveSmallIntegerField(help_text="The financial year it starts in April of")
    standard = models.CharField(
        max_length=200, help_text="The standard's number and name, as the service uses them"
    )
    rag = models.CharField(max_length=10, choices=Rag.choices)
    evidence = EncryptedTextField(blank=True)
    updated_by_user_id = models.IntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = _history()

    class Meta:
        ordering = ["year", "standard"]
        constraints = [
            models.UniqueConstraint(fields=["year", "standard"], name="sendiass_one_rag_a_year")
        ]

    def __str__(self) -> str:
        return f"Standard assessment {self.pk}"


class TrainingDirection(models.TextChoices):
    DELIVERED = "delivered", "Delivered by the service"
    ATTENDED = "attended", "Attended by the service's staff"


class TrainingAudience(models.TextChoices):
    PARENT_CARERS = "parent_carers", "Parents and carers"
    YOUNG_PEOPLE = "young_people", "Young people"
    PROFESSIONALS = "professionals", "Professionals"
    MIXED = "mixed", "Mixed audience"
    STAFF = "staff", "SENDIASS staff and volunteers"


class TrainingSession(models.Model):
    """A training session the service ran, or one its staff attended. Counts, no names (its
    subject and audience are encrypted all the same)."""

    held_on = models.DateField(db_index=True)
    direction = models.CharField(max_length=10, choices=TrainingDirection.choices)
    title = EncryptedTextField(max_length=200, help_text="The subject or theme")
    audience = models.CharField(max_length=20, choices=TrainingAudience.choices)
    audience_detail = EncryptedTextField(
        max_length=200, blank=True, help_text="Who, by role: for example SENCos, SEN governors"
    )
    attendees = models.PositiveIntegerField(null=True, blank=True)
    recorded_by_user_id = models.IntegerField(null=True, blank=True)
    history = _history()

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Training session {self.pk}"


class SteeringGroupMeeting(models.Model):
    """A meeting of the steering group, with changes to its membership or vacancies (by role;
    encrypted, since a change of member is easily written with the member's name)."""

    held_on = models.DateField(db_index=True)
    changes = EncryptedTextField(blank=True)
    recorded_by_user_id = models.IntegerField(null=True, blank=True)
    history = _history()

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Steering group meeting {self.pk}"


class ReportJobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class ReportJob(models.Model):
    """The annual report as a PDF, made in the background (``jobs.py``) for one member of
    staff. Its status, the PDF and any error are kept here, on the SENDIASS database: the
    council's task queue holds this job's id and nothing else. Removed after a day."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    staff_user_id = models.IntegerField(help_text="Who asked for it (SendiassStaff.user_id).")
    period = models.CharField(max_length=20, help_text="The report's period key, e.g. 2025-q3.")
    status = models.CharField(
        max_length=10, choices=ReportJobStatus.choices, default=ReportJobStatus.QUEUED
    )
    error = models.TextField(blank=True)
    pdf = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Annual report PDF {self.period} ({self.get_status_display().lower()})"

    @property
    def finished(self) -> bool:
        return self.status in (ReportJobStatus.DONE, ReportJobStatus.FAILED)

    @property
    def progress_text(self) -> str:
        if self.status == ReportJobStatus.RUNNING:
            return "Drawing the PDF"
        return self.get_status_display()

    percent = None
