"""The Django admin, for the installation's operators only.

An operator is an active superuser who holds no role in any partnership. A partnership's
administrators manage their own people and sign-ins in sendtrack's own pages (/p/<slug>/people/),
scoped to their partnership; the Django admin shows every partnership at once, so anyone with a
partnership role is refused it even if they were made staff or superuser.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


def is_operator(user: object) -> bool:
    from .models import Membership

    pk = getattr(user, "pk", None)
    return bool(
        getattr(user, "is_active", False)
        and getattr(user, "is_superuser", False)
        and pk is not None
        and not Membership.objects.filter(user_id=pk).exists()
    )


class OperatorAdminSite(admin.AdminSite):
    site_header = "sendtrack: installation administration"
    site_title = "sendtrack operators"

    def has_permission(self, request: HttpRequest) -> bool:
        return is_operator(request.user)


class OperatorAdminConfig(AdminConfig):
    default_site = "sendtrack.accounts.admin_site.OperatorAdminSite"
