from django.contrib import admin

from .models import ReminderPreference, ReminderSent


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):
    """Administrators switch reminders off here for people who do not sign in."""

    list_display = ["__str__", "partnership", "digest", "summary", "updated_at"]
    list_filter = ["partnership", "digest", "summary"]
    raw_id_fields = ["user", "person"]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["sent_on", "kind", "recipient", "item_count", "partnership"]
    list_filter = ["partnership", "kind", "sent_on"]
    readonly_fields = ["partnership", "recipient", "sent_on", "kind", "item_count", "created_at"]

    def has_add_permission(self, request: object) -> bool:
        return False
