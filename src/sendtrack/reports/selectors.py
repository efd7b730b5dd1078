"""Reads for report pages, scoped to the partnership."""

from django.db.models import QuerySet

from sendtrack.accounts.models import Partnership
from sendtrack.plans.models import Plan, Section

from .models import PublishedReport, ReportKind


def published_for(partnership: Partnership) -> QuerySet[PublishedReport]:
    return (
        PublishedReport.objects.filter(partnership=partnership)
        .select_related("plan", "section", "published_by")
        .defer("content", "html", "pdf")
    )


def published_report(partnership: Partnership, report_id: int) -> PublishedReport:
    return PublishedReport.objects.defer("pdf").get(partnership=partnership, pk=report_id)


def latest_public(partnership_slug: str) -> PublishedReport | None:
    return (
        PublishedReport.objects.filter(partnership__slug=partnership_slug, kind=ReportKind.PUBLIC)
        .only("id", "title", "html", "published_at", "content")
        .order_by("-published_at", "-id")
        .first()
    )


def top_sections(partnership: Partnership) -> QuerySet[Section]:
    return (
        Section.objects.filter(
            partnership=partnership, parent__isnull=True, plan__archived_at__isnull=True
        )
        .select_related("plan")
        .order_by("plan__title", "plan_id", "position")
    )


def section_for(partnership: Partnership, section_id: int) -> Section:
    return Section.objects.select_related("plan").get(
        partnership=partnership, pk=section_id, plan__archived_at__isnull=True
    )


def plan_for(partnership: Partnership, plan_id: int) -> Plan:
    return Plan.objects.get(partnership=partnership, pk=plan_id, archived_at__isnull=True)
