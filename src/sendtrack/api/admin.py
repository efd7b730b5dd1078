from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import ApiToken
from .services import revoke_api_token


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made with `sendtrack create-api-token` (the token is shown once there)."""

    list_display = ["name", "prefix", "partnership", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["partnership"]
    readonly_fields = [
        "partnership",
        "name",
        "prefix",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            revoke_api_token(token=token)
