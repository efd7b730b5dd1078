from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AnnualReview,
    Child,
    DfEComparator,
    EHCNeedsAssessment,
    EHCPlan,
    PhaseTransfer,
    ReviewListSent,
    Setting,
    SettingContact,
    StatutoryArea,
    TimeLimitException,
)


@admin.register(StatutoryArea)
class StatutoryAreaAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "la_code", "la_name", "region_name"]


@admin.register(Setting)
class SettingAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "urn", "phase", "partnership"]
    list_filter = ["partnership", "kind", "phase"]
    search_fields = ["name", "urn"]


@admin.register(SettingContact)
class SettingContactAdmin(SimpleHistoryAdmin):
    list_display = ["user", "setting", "partnership"]
    list_filter = ["partnership"]
    raw_id_fields = ["user", "setting"]


@admin.register(Child)
class ChildAdmin(SimpleHistoryAdmin):
    list_display = ["case_reference", "setting", "year_group", "partnership"]
    list_filter = ["partnership", "year_group"]
    search_fields = ["case_reference"]
    raw_id_fields = ["setting", "officer"]


class TimeLimitExceptionInline(admin.TabularInline):
    model = TimeLimitException
    extra = 0


@admin.register(EHCNeedsAssessment)
class EHCNeedsAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["child", "request_received", "decision", "outcome", "partnership"]
    list_filter = ["partnership", "outcome"]
    raw_id_fields = ["child", "assigned_officer"]
    inlines = [TimeLimitExceptionInline]


@admin.register(EHCPlan)
class EHCPlanAdmin(SimpleHistoryAdmin):
    list_display = ["child", "issued", "status", "partnership"]
    list_filter = ["partnership", "status"]
    raw_id_fields = ["child", "assessment", "named_setting"]


@admin.register(AnnualReview)
class AnnualReviewAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "due", "meeting_date", "decision", "decision_notified"]
    list_filter = ["partnership"]
    raw_id_fields = ["plan"]


@admin.register(PhaseTransfer)
class PhaseTransferAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "transfer_type", "deadline", "status"]
    list_filter = ["partnership", "transfer_type", "status"]
    raw_id_fields = ["plan", "named_setting"]


@admin.register(DfEComparator)
class DfEComparatorAdmin(admin.ModelAdmin):
    list_display = ["time_period", "geographic_level", "region_name", "la_name"]
    list_filter = ["time_period", "geographic_level"]


@admin.register(ReviewListSent)
class ReviewListSentAdmin(admin.ModelAdmin):
    """Read only: the log of termly review lists sent (send-review-lists)."""

    list_display = ["setting", "term_name", "recipient", "item_count", "sent_at", "partnership"]
    list_filter = ["partnership", "term_name"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
