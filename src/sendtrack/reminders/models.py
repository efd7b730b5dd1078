"""Who wants reminder emails, and which reminders have gone out (so none goes twice a day)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from sendtrack.accounts.models import Partnership, Person


class ReminderKind(models.TextChoices):
    DIGEST = "digest", "Action lead's digest"
    SUMMARY = "summary", "Programme manager's summary"


class ReminderPreference(models.Model):
    """Whether a signed-in user, or a directory Person who does not sign in, wants reminders.

    A user sets their own on /p/<partnership>/reminders/; an administrator sets a Person's in
    the Django admin. No row means both reminders are on.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminder_preferences",
    )
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminder_preferences",
    )
    digest = models.BooleanField(
        default=True, help_text="Email a digest of my actions that need attention."
    )
    summary = models.BooleanField(
        default=True, help_text="Programme managers: email a summary of the partnership's actions."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, person__isnull=True)
                | Q(user__isnull=True, person__isnull=False),
                name="reminder_preference_user_or_person",
            ),
            models.UniqueConstraint(
                fields=["partnership", "user"], name="reminder_preference_one_per_user"
            ),
            models.UniqueConstraint(fields=["person"], name="reminder_preference_one_per_person"),
        ]

    def __str__(self) -> str:
        who = self.user or self.person
        return f"Reminders for {who}: digest {'on' if self.digest else 'off'}"


class ReminderSent(models.Model):
    """One reminder email sent: at most one per recipient, day and kind in a partnership."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    recipient = models.EmailField(help_text="The address, lower-cased.")
    sent_on = models.DateField()
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    item_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "recipient"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "recipient", "sent_on", "kind"],
                name="reminder_sent_once_a_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.recipient} on {self.sent_on}"
