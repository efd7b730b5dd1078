"""Reports at county scale: the board report of a 1,000-action plan as a page, PDF and Word
document (target: PDF under 3 s), and the indicators dashboard of a 5,000-action partnership.

Uses the same synthetic partnership as bench/plans.py (var/bench.sqlite3, or
SENDTRACK_BENCH_DATABASE_URL), adding 12 indicators with two years of monthly values.
Its actions have no history, so every complete or red action counts as newly so: each list
in the board report is as long as it can be. Its action texts are five words; real ones run
to 30 or more, so the PDF is also timed with 30-word actions (renderer only: the text wraps
onto several lines, which is most of WeasyPrint's work). A PDF link starts a background job
(drawn in a child process with limits): here the tasks run as they are queued, and the time
is the link, the job's page and the file together.
"""

import copy
import io
import re
from datetime import date
from decimal import Decimal
from html import unescape

INDICATORS = 12
WORDY = (
    "work with schools, health partners and the parent carer forum to agree and publish a "
    "shared graduated approach, so that every setting knows what support to put in place first"
)


def _indicators(partnership, plan) -> None:
    from sendtrack.indicators.models import Indicator, IndicatorValue

    if Indicator.objects.filter(partnership=partnership).count() == INDICATORS:
        return
    Indicator.objects.filter(partnership=partnership).delete()
    sections = list(plan.sections.filter(parent__isnull=True))
    for n in range(INDICATORS):
        indicator = Indicator.objects.create(
            partnership=partnership,
            name=f"Synthetic indicator {n + 1}",
            kind=["how_much", "how_well", "better_off"][n % 3],
            target_value=Decimal(60 + n),
            amber_at=Decimal(50),
        )
        indicator.sections.add(sections[n % len(sections)])
        IndicatorValue.objects.bulk_create(
            IndicatorValue(
                partnership=partnership,
                indicator=indicator,
                period=date(2024 + m // 12, m % 12 + 1, 1),
                value=Decimal(40 + (m * 7 + n) % 45),
                national=Decimal(55),
            )
            for m in range(24)
        )


def run() -> None:
    from . import plans

    plans._configure()
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse
    from django.utils import timezone

    from sendtrack.jobs.models import Job
    from sendtrack.plans.models import Plan

    from .timing import measure, report

    partnership, user = plans._generate()
    big = Plan.objects.filter(partnership=partnership).order_by("pk").first()
    _indicators(partnership, big)
    # override_settings tells django-tasks, which keeps its backends once made, to make them
    # again: a PDF's job then runs at once here instead of waiting for a worker.
    override_settings(
        ALLOWED_HOSTS=["*"],
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    ).enable()
    # A PDF job left waiting by an earlier run (made before a worker existed) would be waited
    # on again: each run starts with none.
    Job.objects.filter(partnership=partnership).delete()
    client = Client()
    client.force_login(user)
    slug, month = partnership.slug, f"{timezone.localdate():%Y-%m}"
    board = {"partnership": slug, "plan_id": big.pk, "month": month}
    print(f"   the big plan has {big.actions.count()} actions")
    pages = [
        ("board report page (1,000 actions)", reverse("board_report", kwargs=board), 10, 500),
        (
            "board report PDF (1,000 actions)",
            reverse("board_report_download", kwargs={**board, "fmt": "pdf"}),
            10,
            3000,
        ),
        (
            "board report Word (1,000 actions)",
            reverse("board_report_download", kwargs={**board, "fmt": "docx"}),
            5,
            1000,
        ),
        (
            "indicators dashboard (5,000 actions)",
            reverse("indicator_list", kwargs={"partnership": slug}),
            30,
            150,
        ),
    ]
    for name, path, repeat, target in pages:

        def get(path=path):
            response = fetch(client, path)
            assert response.status_code == 200, (path, response.status_code)

        report(name, measure(get, repeat=repeat, warmup=1), target_ms=target)
    _published_pdf(partnership, user, big, client)
    _wordy_pdf(big)


def fetch(client, path):
    """A page or file; a PDF through the job its link starts (made at once here)."""
    response = client.get(path)
    if response.status_code == 302 and "/jobs/" in response["Location"]:
        page = client.get(response["Location"]).content.decode()
        response = client.get(unescape(re.search(r'href="([^"]+)" download>', page).group(1)))
    return response


def _published_pdf(partnership, user, plan, client) -> None:
    """A published version's PDF: made at its first download, then read back."""
    from django.urls import reverse
    from django.utils import timezone

    from sendtrack.reports import builders, services

    from .timing import measure, report

    today = timezone.localdate()
    published = services.publish_report(
        partnership=partnership,
        user=user,
        report=builders.board_report(plan, today.replace(day=1), today),
        plan=plan,
        period=today.replace(day=1),
    )
    path = reverse(
        "published_report_download",
        kwargs={"partnership": partnership.slug, "report_id": published.pk, "fmt": "pdf"},
    )

    def get():
        assert fetch(client, path).status_code == 200

    report("published board report PDF, kept", measure(get, repeat=10, warmup=1), target_ms=3000)
    published.delete()


def _wordy_pdf(plan) -> None:
    """The board report's PDF with 30-word actions: what a real plan's report weighs."""
    import pdfplumber
    from django.utils import timezone

    from sendtrack.reports import builders, formats

    from .timing import measure, report

    today = timezone.localdate()
    content = copy.deepcopy(builders.board_report(plan, today, today))
    for block in content["blocks"]:
        if block["type"] == "table" and "Action" in block["columns"]:
            column = block["columns"].index("Action")
            for row in block["rows"]:
                row[column] = f"{row[column]}: {WORDY}"
    rows = sum(len(b["rows"]) for b in content["blocks"] if b["type"] == "table")
    with pdfplumber.open(io.BytesIO(formats.pdf(content))) as document:
        pages = len(document.pages)
    print(f"   the board report's PDF has {rows} table rows on {pages} pages (30-word actions)")
    figures = measure(lambda: formats.pdf(content), repeat=5, warmup=1)
    report("board report PDF, 30-word actions", figures, target_ms=3000)
