"""Statutory pages at county scale: 20,000 children with EHC plans.

Prints the p95 server time of each casework worklist page and of the measures page (Django's
test client, in-process), the time to compute every timeliness measure for one calendar
year, and the peak Python memory (tracemalloc) of those. Uses the benchmark database
(var/bench.sqlite3, or SENDTRACK_BENCH_DATABASE_URL) and builds the data once.
"""

import time
import tracemalloc

CHILDREN = 20_000
OPEN_ASSESSMENTS = 2_700
SLUG = "bench-statutory"


def _generate():
    from django.core.management import call_command

    from sendtrack.accounts.models import Partnership
    from sendtrack.statutory.demo import load_statutory_demo
    from sendtrack.statutory.models import Child

    call_command("migrate", verbosity=0)
    partnership, _ = Partnership.objects.get_or_create(
        slug=SLUG, defaults={"name": "Bench County SEND Partnership"}
    )
    if Child.objects.filter(partnership=partnership).count() != CHILDREN + OPEN_ASSESSMENTS:
        Child.objects.filter(partnership=partnership).delete()
        started = time.perf_counter()
        result = load_statutory_demo(
            partnership, children=CHILDREN, open_assessments=OPEN_ASSESSMENTS, seed=2026
        )
        print(
            f"   generated {result.children} children, {result.reviews} reviews,"
            f" {result.transfers} transfers in {time.perf_counter() - started:.1f} s"
        )
    return partnership


def _peak(call) -> tuple[float, float]:
    """Seconds for one call (untraced), and peak MB of Python allocations in a traced rerun."""
    started = time.perf_counter()
    call()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    call()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 1024 / 1024


def run() -> None:
    from bench.plans import _configure

    _configure()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from sendtrack.accounts.models import User
    from sendtrack.statutory.models import AnnualReview
    from sendtrack.statutory.selectors.measures import timeliness_measures
    from sendtrack.statutory.selectors.worklists import WORKLISTS

    from .timing import measure, report

    partnership = _generate()
    settings.ALLOWED_HOSTS = ["*"]
    officer = User.objects.get(username="officer")
    client = Client()
    client.force_login(officer)
    reviews = AnnualReview.objects.filter(partnership=partnership).count()
    print(
        f"   database: {connection.vendor}; {CHILDREN:,} children with plans, {reviews:,} reviews"
    )
    slug = partnership.slug
    for name in WORKLISTS:
        path = reverse("statutory:worklist", kwargs={"partnership": slug, "worklist": name})

        def get(path=path):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        report(f"worklist {name}", measure(get, repeat=20), target_ms=150)
    year = timezone.localdate().year - 1
    path = reverse("statutory:measures", kwargs={"partnership": slug}) + f"?year={year}"

    def measures_page():
        assert client.get(path).status_code == 200

    report(f"measures page ({year})", measure(measures_page, repeat=10), target_ms=500)
    for grouping in ["month", "officer", "setting"]:
        seconds, peak = _peak(lambda g=grouping: timeliness_measures(partnership, year, g))
        print(
            f"   all measures for {year} by {grouping:<8} {seconds * 1000:7.1f} ms,"
            f" peak Python memory {peak:5.1f} MB"
        )
    worklist = reverse(
        "statutory:worklist", kwargs={"partnership": slug, "worklist": "reviews-due"}
    )
    seconds, peak = _peak(lambda: client.get(worklist))
    print(f"   one reviews-due page: {seconds * 1000:.1f} ms, peak Python memory {peak:.1f} MB")
    export = reverse(
        "statutory:worklist_export",
        kwargs={"partnership": slug, "worklist": "reviews-due", "fmt": "xlsx"},
    )
    seconds, peak = _peak(lambda: client.get(export))
    print(f"   reviews-due XLSX export: {seconds * 1000:.1f} ms, peak Python memory {peak:.1f} MB")
