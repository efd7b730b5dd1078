"""Publishing: freeze a report's content and HTML as the next version in its series."""

from collections.abc import Sequence
from datetime import date

from django.db import transaction

from sendtrack.accounts.models import Partnership, User
from sendtrack.plans.models import Plan, Section

from . import formats
from .builders import Report
from .models import PublishedReport, ReportKind


@transaction.atomic
def publish_report(
    *,
    partnership: Partnership,
    user: User | None,
    report: Report,
    plan: Plan | None = None,
    section: Section | None = None,
    period: date | None = None,
    period_end: date | None = None,
    plans: Sequence[Plan] = (),
) -> PublishedReport:
    """Keep the report as the next version of its series: the same kind, plan or section,
    period and, for a report over a period, the same plans."""
    kind = ReportKind(report["kind"])
    series = PublishedReport.objects.select_for_update().filter(
        partnership=partnership,
        kind=kind,
        plan=plan,
        section=section,
        period=period,
        period_end=period_end,
    )
    covered = sorted(p.pk for p in plans)
    numbers = [
        published.number
        for published in series.only("id", "number").prefetch_related("plans")
        if sorted(p.pk for p in published.plans.all()) == covered
    ]
    published = PublishedReport.objects.create(
        partnership=partnership,
        kind=kind,
        plan=plan,
        section=section,
        period=period,
        period_end=period_end,
        number=max(numbers, default=0) + 1,
        title=report["title"],
        content=report,
        html=formats.body_html(report),
        published_by=user,
    )
    if plans:
        published.plans.set(plans)
    return published


def published_pdf(published: PublishedReport) -> bytes:
    """The published version's PDF: made once from its frozen content, then kept (making a
    PDF of a long report takes seconds; reading it back takes none)."""
    if published.pdf is None:
        keep_pdf(published, formats.pdf(published.content))
    assert published.pdf is not None  # keep_pdf read back the one kept
    return bytes(published.pdf)


def keep_pdf(published: PublishedReport, made: bytes) -> None:
    """Keep the PDF made of a published version, unless one was kept meanwhile (the first
    one stays, so every download is the same file)."""
    PublishedReport.objects.filter(pk=published.pk, pdf__isnull=True).update(pdf=made)
    published.pdf = PublishedReport.objects.values_list("pdf", flat=True).get(pk=published.pk)
