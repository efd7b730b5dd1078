"""SENDIASS pages at scale: 40,000 cases and 200,000 contacts.

Server time is measured in-process with Django's test client, on separate databases:
var/bench.sqlite3 and var/bench-sendiass.sqlite3, or SENDTRACK_BENCH_DATABASE_URL and
SENDTRACK_BENCH_SENDIASS_DATABASE_URL (e.g. PostgreSQL).
"""

import os
from pathlib import Path

CASES = 40_000
CONTACTS = 200_000


def _configure() -> None:
    var = Path(os.environ.get("SENDTRACK_VAR_DIR", "var"))
    var.mkdir(exist_ok=True)
    os.environ["SENDTRACK_DATABASE_URL"] = os.environ.get(
        "SENDTRACK_BENCH_DATABASE_URL", f"sqlite:///{(var / 'bench.sqlite3').resolve()}"
    )
    os.environ["SENDTRACK_SENDIASS_DATABASE_URL"] = os.environ.get(
        "SENDTRACK_BENCH_SENDIASS_DATABASE_URL",
        f"sqlite:///{(var / 'bench-sendiass.sqlite3').resolve()}",
    )
    os.environ.setdefault("SENDTRACK_DEBUG", "0")
    import django

    django.setup()


def _generate() -> int:
    from django.core.management import call_command

    from sendtrack.sendiass.demo import _extras, demo_staff, generate_cases
    from sendtrack.sendiass.models import Contact, SendiassCase

    call_command("migrate", verbosity=0)
    call_command("migrate", database="sendiass", verbosity=0)
    manager = demo_staff("bench-sendiass-manager", "Bench Manager", "manager", True)
    if SendiassCase.objects.count() != CASES or Contact.objects.count() < CONTACTS * 0.9:
        import random

        from django.utils import timezone

        for model in (Contact, SendiassCase):
            model.objects.all().delete()
        _extras(timezone.localdate(), random.Random(7))  # noqa: S311
        staff = [manager] + [
            demo_staff(f"bench-caseworker-{n}", f"Case Worker {n}", "caseworker", n < 3)
            for n in range(12)
        ]
        generate_cases(cases=CASES, contacts=CONTACTS, staff_ids=staff)
    return manager


def run() -> None:
    _configure()
    from django.conf import settings
    from django.db import connections
    from django.test import Client
    from django.urls import reverse

    from sendtrack.sendiass.models import Contact, SendiassCase, SendiassStaff
    from sendtrack.sendiass.signin import start_session

    from .timing import measure, report

    manager_id = _generate()
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    session = client.session
    start_session(session, SendiassStaff.objects.get(user_id=manager_id))
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    busiest = SendiassCase.objects.order_by("-id").values_list("id", flat=True)[CASES // 2]
    print(
        f"   database: {connections['sendiass'].vendor}; {SendiassCase.objects.count():,} cases,"
        f" {Contact.objects.count():,} contacts"
    )
    pages = {
        "case list (first page)": reverse("sendiass:case_list"),
        "case list, open level 3": reverse("sendiass:case_list") + "?status=open&level=3",
        "triage queue": reverse("sendiass:triage_queue"),
        "a case page": reverse("sendiass:case_detail", kwargs={"case_id": busiest}),
        "annual report": reverse("sendiass:annual_report"),
    }
    for name, path in pages.items():

        def get(path=path):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        report(name, measure(get, repeat=20), target_ms=500 if "report" in name else 150)
