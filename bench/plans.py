"""Plan pages at county scale: 20 plans, 5,000 actions, one plan of 1,000 actions.

Server time is measured in-process with Django's test client (no network), on a separate
database: var/bench.sqlite3, or SENDTRACK_BENCH_DATABASE_URL (e.g. PostgreSQL). Issue 14's
targets: the dashboard under 60 ms p95, and the plan page no slower than a Django admin
changelist of the same actions (bench/plans_admin.py), printed side by side.
"""

import os
import random
from datetime import timedelta
from pathlib import Path

ACTIONS = 5000
PLANS = 20
BIG_PLAN_ACTIONS = 1000


def _configure() -> None:
    var = Path(os.environ.get("SENDTRACK_VAR_DIR", "var"))
    var.mkdir(exist_ok=True)
    default = f"sqlite:///{(var / 'bench.sqlite3').resolve()}"
    os.environ["SENDTRACK_DATABASE_URL"] = os.environ.get("SENDTRACK_BENCH_DATABASE_URL", default)
    os.environ.setdefault("SENDTRACK_DEBUG", "0")
    import django

    django.setup()


def _generate(total: int = ACTIONS, plans: int = PLANS, big_plan: int = BIG_PLAN_ACTIONS):
    from django.core.management import call_command
    from django.utils import timezone

    from sendtrack.accounts.models import Membership, Partnership, Person, User
    from sendtrack.plans.models import Action, Plan, ProgressUpdate, Section

    call_command("migrate", verbosity=0)
    partnership, created = Partnership.objects.get_or_create(
        slug="bench-county", defaults={"name": "Bench County SEND Partnership"}
    )
    user, _ = User.objects.get_or_create(username="bench-manager")
    Membership.objects.get_or_create(
        user=user, partnership=partnership, defaults={"role": "programme_manager"}
    )
    if Action.objects.filter(partnership=partnership).count() == total:
        return partnership, user
    Plan.objects.filter(partnership=partnership).delete()
    rng = random.Random(2026)  # noqa: S311 - synthetic data, not security
    today = timezone.localdate()
    people = [
        Person.objects.create(partnership=partnership, name=f"Lead {n}", initials=f"L{n}")
        for n in range(40)
    ]
    statuses = ["not_started", "in_progress", "on_track", "delayed", "complete", None]
    remaining = total
    for plan_number in range(plans):
        size = big_plan if plan_number == 0 else (total - big_plan) // (plans - 1)
        size = min(size, remaining) if plan_number < plans - 1 else remaining
        remaining -= size
        plan = Plan.objects.create(
            partnership=partnership, title=f"Plan {plan_number + 1}", kind="improvement_plan"
        )
        workstreams = [
            Section.objects.create(
                partnership=partnership,
                plan=plan,
                ref=str(w + 1),
                title=f"Workstream {w + 1}",
                kind="workstream",
                position=w * 10,
            )
            for w in range(5)
        ]
        objectives = [
            Section.objects.create(
                partnership=partnership,
                plan=plan,
                parent=ws,
                ref=f"{ws.ref}.{o + 1}",
                title=f"Objective {ws.ref}.{o + 1}",
                kind="objective",
                position=ws.position + o + 1,
            )
            for ws in workstreams
            for o in range(4)
        ]
        actions = []
        for n in range(size):
            section = objectives[n % len(objectives)]
            due = today + timedelta(days=rng.randint(-120, 300))
            actions.append(
                Action(
                    partnership=partnership,
                    plan=plan,
                    section=section,
                    position=n,
                    ref=f"{section.ref}.{n + 1}",
                    text=f"Synthetic action {n + 1} of plan {plan.pk}",
                    owner_raw=f"Lead {n % 40}",
                    due=due,
                    due_raw=due.strftime("%d/%m/%Y"),
                    due_precision="day",
                    status=rng.choice(statuses),
                    last_activity_on=today - timedelta(days=rng.randint(0, 90)),
                )
            )
        created_actions = Action.objects.bulk_create(actions, batch_size=500)
        through = Action.owners.through
        through.objects.bulk_create(
            [
                through(action_id=a.pk, person_id=people[i % 40].pk)
                for i, a in enumerate(created_actions)
            ],
            batch_size=1000,
        )
        ProgressUpdate.objects.bulk_create(
            [
                ProgressUpdate(
                    partnership=partnership,
                    action=a,
                    date=today - timedelta(days=i % 60),
                    status="in_progress",
                    commentary="Synthetic progress update.",
                )
                for i, a in enumerate(created_actions[::3])
            ],
            batch_size=1000,
        )
    return partnership, user


def run() -> None:
    _configure()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    benchmark(settle=True)


def _settle_as_the_server_does() -> None:
    """The garbage collector as gunicorn's workers set it once loaded (sendtrack/serving.py,
    called from gunicorn.conf.py), set here the same way once the data is made, and said."""
    from sendtrack.serving import garbage_collection_in_words, settle_garbage_collection

    settle_garbage_collection()
    print(f"   {garbage_collection_in_words()}")


def benchmark(
    total: int = ACTIONS,
    plans: int = PLANS,
    big_plan: int = BIG_PLAN_ACTIONS,
    repeat: int = 30,
    settle: bool = False,
) -> None:
    """Time the plan pages on the generated county, then the plan page against the admin.

    `settle` sets the garbage collector as the server does (the command line does; a test
    calling this leaves its own process alone)."""
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from sendtrack.plans.models import Action, Plan

    from .timing import measure, report

    partnership, user = _generate(total, plans, big_plan)
    client = Client()
    client.force_login(user)
    big = Plan.objects.filter(partnership=partnership).order_by("pk").first()
    assert big is not None
    action = Action.objects.filter(plan=big).order_by("pk")[big_plan // 2]
    actions = Action.objects.filter(partnership=partnership).count()
    if settle:
        _settle_as_the_server_does()
    print(
        f"   database: {connection.vendor}; {actions} actions in {plans} plans;"
        f" the big plan has {big.actions.count()} actions; {repeat} warm requests each"
    )
    slug = partnership.slug
    plan_page = reverse("plan_detail", kwargs={"partnership": slug, "plan_id": big.pk})
    pages = {
        f"dashboard ({actions:,} actions)": (
            reverse("dashboard", kwargs={"partnership": slug}),
            60,
        ),
        "plan page filtered to red": (plan_page + "?rag=red", 150),
        "action page": (
            reverse("action_detail", kwargs={"partnership": slug, "action_id": action.pk}),
            150,
        ),
    }
    for name, (path, target_ms) in pages.items():
        report(name, measure(_getter(client, path), repeat=repeat), target_ms=target_ms)
        if name.startswith("dashboard"):
            # The dashboard keeps its counts until the next write: the first read after one
            # counts every action again, as it does for everyone after each change.
            after_a_change = measure(_getter(client, path), repeat=repeat, before=action.save)
            report("  the first read after each change", after_a_change)
    _against_the_admin(client, big, repeat)


def _getter(client, path: str):
    def get() -> None:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)

    return get


def _against_the_admin(client, plan, repeat: int) -> None:
    """The plan page and an admin changelist of the same actions, 100 a page, measured alike:
    in turns, one request of each, so that whatever else the machine is doing falls on both.
    Both are served through the benchmark's URLs (the admin's in front of sendtrack's own)."""
    from django.test import Client, override_settings
    from django.urls import reverse

    from sendtrack.accounts.models import User

    from . import plans_admin
    from .timing import measure_in_turns, side_by_side

    operator, _ = User.objects.get_or_create(
        username="bench-operator", defaults={"is_staff": True, "is_superuser": True}
    )
    admin_client = Client()
    admin_client.force_login(operator)
    plans_admin.show_plan(plan.pk)
    with override_settings(ROOT_URLCONF="bench.plans_admin"):
        plan_page = reverse(
            "plan_detail", kwargs={"partnership": plan.partnership.slug, "plan_id": plan.pk}
        )
        changelist = reverse("bench_admin:plans_action_changelist")
        rows = measure_in_turns(
            {
                f"plan page ({plan.actions.count():,} actions)": _getter(client, plan_page),
                "admin changelist (same actions)": _getter(admin_client, changelist),
            },
            repeat=repeat,
        )
    side_by_side(rows)
