"""Partnerships, organisations, people and who may do what in which partnership."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    """A sign-in. What the user may do is set per partnership by a Membership. Its history
    keeps who made, changed, reset or deactivated it (never the password hash)."""

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Partnership(models.Model):
    """A local area SEND partnership: the council, the NHS, schools and the parent carer forum."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    publish_officer_names = models.BooleanField(
        default=False, help_text="Name officers in published reports."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    PROGRAMME_MANAGER = "programme_manager", "Programme manager"
    ACTION_LEAD = "action_lead", "Action lead"
    VIEWER = "viewer", "Viewer"
    CASEWORK_OFFICER = "casework_officer", "Casework officer"
    TEAM_MANAGER = "team_manager", "Team manager"
    SENCO = "senco", "SENCO"


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="members")
    role = models.CharField(max_length=32, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership"], name="one_role_per_partnership")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.partnership}"


class Organisation(models.Model):
    """A body in the partnership: the council, an NHS board, a school, the parent carer forum."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="organisation_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A directory entry for someone who leads or owns work, whether or not they sign in.

    Plans name owners as initials (`PeRi`), job titles or names; `aliases` holds every form
    seen so an imported owner resolves to the same person.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    initials = models.CharField(max_length=20, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    email = models.EmailField(blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def names(self) -> list[str]:
        """Every form by which a plan may name this person."""
        return [n for n in [self.name, self.initials, self.job_title, *self.aliases] if n]
