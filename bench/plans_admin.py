"""A throwaway Django admin for the plans benchmark: the yardstick the plan page is held to.

Issue 14 asks that the plan page of 1,000 actions be no slower than an admin changelist of the
same actions, 100 a page. This site is mounted only while the benchmark measures it (as
ROOT_URLCONF, in front of sendtrack's own URLs); it is never part of the installation.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import path

from sendtrack.accounts.admin_site import OperatorAdminSite
from sendtrack.plans.models import Action
from sendtrack.urls import urlpatterns as sendtrack_urlpatterns


class PlanActions(admin.ModelAdmin):
    """The plan page's columns (ref, action, lead, due, status as stored), one plan's actions."""

    list_display = ["ref", "text", "owner_raw", "due", "status"]
    list_per_page = 100
    ordering = ["position", "pk"]
    plan_id: int | None = None

    def get_queryset(self, request: HttpRequest) -> QuerySet[Action]:
        return super().get_queryset(request).filter(plan_id=self.plan_id)


site = OperatorAdminSite(name="bench_admin")
site.register(Action, PlanActions)

urlpatterns = [path("bench-admin/", site.urls), *sendtrack_urlpatterns]


def show_plan(plan_id: int) -> None:
    """Point the changelist at one plan: the admin refuses unknown query parameters."""
    PlanActions.plan_id = plan_id
