"""The Northvale demo that `make run` loads: what a visitor sees when they sign in."""

import copy
import html
import json
import re
from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from sendtrack.accounts.models import Membership, Partnership, Person, Role, User
from sendtrack.demo import indicators as demo_indicators
from sendtrack.demo import people as demo_people
from sendtrack.demo import plans as demo_module
from sendtrack.demo.people import DEMO_PASSWORD, PARTNERSHIP_SLUG, USERS
from sendtrack.domain.dates import read_date
from sendtrack.domain.plan_json import validate_plan_json
from sendtrack.indicators import registry
from sendtrack.indicators.models import MANUAL, Indicator, IndicatorValue
from sendtrack.plans.models import (
    Action,
    Finding,
    ImpactIndicator,
    Milestone,
    Plan,
    ProgressUpdate,
    Risk,
)
from sendtrack.plans.selectors import action_rag, my_actions
from sendtrack.reports.models import PublishedReport
from tests.conftest import building_for_the_module, shared_path

ROLES = {
    "admin": Role.ADMINISTRATOR,
    "manager": Role.PROGRAMME_MANAGER,
    "lead": Role.ACTION_LEAD,
    "lead2": Role.ACTION_LEAD,
    "viewer": Role.VIEWER,
}
# Real places the seed documents come from: the demo must name none of them.
REAL_PLACES = (
    "Worcestershire",
    "Southend",
    "Suffolk",
    "Birmingham",
    "Bournemouth",
    "Christchurch",
    "Poole",
    "BCP",
)


def load(*args: str) -> str:
    out = StringIO()
    # The EHC casework (3,000 children) is the statutory app's and tested there.
    call_command("load_demo", "--without-casework", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture(scope="module")
def loaded(module_transaction, django_db_blocker, tmp_path_factory) -> Partnership:
    """The demo, loaded once for the module's tests; each runs in its own savepoint, so one
    that loads it again or adds casework leaves it as loaded for the next. The tests that need
    a database without the demo are in test_demo_commands.py."""
    with building_for_the_module(django_db_blocker, tmp_path_factory.mktemp("uploads")):
        load()
        return Partnership.objects.get(slug=PARTNERSHIP_SLUG)


@pytest.fixture
def northvale(loaded, db) -> Partnership:
    return copy.deepcopy(loaded)


def test_the_demo_holds_three_kinds_of_plan_with_about_150_actions(northvale):
    plans = Plan.objects.filter(partnership=northvale)
    assert {p.kind for p in plans} == {
        "written_statement_of_action",
        "peer_review_plan",
        "monitoring_report",
    }
    assert 130 <= Action.objects.filter(partnership=northvale).count() <= 170
    wsoa = plans.get(kind="written_statement_of_action")
    assert wsoa.sections.filter(kind="workstream").count() == 4
    assert wsoa.actions.filter(ref="2.3.1").exists()
    assert set(wsoa.impact_indicators.values_list("kind", flat=True)) == {
        "how_much",
        "how_well",
        "better_off",
    }
    assert Milestone.objects.filter(plan=wsoa).values("section").distinct().count() == 4
    peer_review = plans.get(kind="peer_review_plan")
    assert peer_review.owner_glossary["PA"] == "Priya Ashworth"
    assert peer_review.actions.filter(ref="3.b").exists()
    monitoring = plans.get(kind="monitoring_report")
    assert 6 <= Risk.objects.filter(plan=monitoring).count() <= 10
    assert {r.rag for r in monitoring.risks.all()} == {"red", "amber", "green"}
    assert all(r.mitigation for r in monitoring.risks.all()[:7])
    assert ImpactIndicator.objects.filter(plan=monitoring).exists()


def test_findings_are_linked_to_sections_and_actions(northvale):
    inspection = Finding.objects.filter(
        partnership=northvale, plan__kind="written_statement_of_action"
    )
    assert inspection.count() >= 3
    for finding in inspection:
        assert finding.sections.exists() and finding.actions.exists()
        assert "inspection" in finding.source
    recommendations = Finding.objects.filter(plan__kind="peer_review_plan")
    assert recommendations.count() == len(demo_module.RECOMMENDATIONS)
    assert all(f.actions.count() >= 3 for f in recommendations)


def test_actions_are_spread_over_every_rag_rating(northvale):
    today = timezone.localdate()
    actions = list(Action.objects.filter(partnership=northvale))
    rags = Counter(action_rag(a, today).rag.value for a in actions)
    for rag in ("red", "amber", "green", "blue"):
        assert rags[rag] >= 5, rags
    live = [a for a in actions if a.status not in {"complete", "embedded", "closed"}]
    due_soon = [a for a in live if a.due and today <= a.due <= today + timedelta(days=28)]
    quiet = [a for a in live if a.last_activity_on < today - timedelta(weeks=8)]
    overdue = [a for a in live if a.due and a.due < today]
    assert len(due_soon) >= 5 and len(quiet) >= 5 and len(overdue) >= 5


def test_progress_updates_are_in_the_past_and_set_the_last_activity(northvale):
    today = timezone.localdate()
    updates = ProgressUpdate.objects.filter(partnership=northvale)
    assert updates.count() >= 100
    assert not updates.filter(date__gt=today).exists()
    updated = Action.objects.filter(partnership=northvale, updates__isnull=False).distinct()
    assert updated.count() >= 100
    for action in updated.prefetch_related("updates"):
        assert action.last_activity_on == max(u.date for u in action.updates.all())
        assert action.status == action.updates.all()[0].status
    assert Counter(a.updates.count() for a in updated).keys() >= {1, 2, 3}


def test_every_owned_action_is_linked_to_a_person(northvale):
    owned = Action.objects.filter(partnership=northvale).exclude(owner_raw__isnull=True)
    assert owned.count() >= 100
    assert not owned.filter(owners__isnull=True).exists()
    joint = owned.filter(owner_raw__contains=" / ").first()
    assert joint is not None and joint.owners.count() == 2


def test_the_action_lead_owns_about_ten_actions_across_plans(northvale):
    lead = User.objects.get(username="lead")
    person_ids = frozenset(Person.objects.filter(user=lead).values_list("id", flat=True))
    found = my_actions(northvale, person_ids, timezone.localdate())
    mine = [*found.open, *found.completed]
    assert 8 <= len(mine) <= 14
    assert len({a.plan_id for a in mine}) >= 2
    assert Person.objects.filter(user__username="lead2").exists()


@pytest.mark.parametrize("username", sorted(ROLES))
def test_every_role_can_sign_in_and_is_a_member_with_its_role(northvale, client, username):
    assert client.login(request=HttpRequest(), username=username, password=DEMO_PASSWORD)
    membership = Membership.objects.get(user__username=username, partnership=northvale)
    assert membership.role == ROLES[username]
    response = client.get(reverse("dashboard", kwargs={"partnership": PARTNERSHIP_SLUG}))
    assert response.status_code == 200


def test_signing_in_through_the_sign_in_page_works(northvale, client):
    response = client.post(
        reverse("login"), {"username": "manager", "password": DEMO_PASSWORD}, follow=True
    )
    assert response.context["user"].username == "manager"


def test_least_privilege_no_superuser_and_nobody_in_the_django_admin(northvale, client):
    users = User.objects.filter(username__in=ROLES)
    assert users.count() == len(ROLES)
    assert not users.filter(is_superuser=True).exists()
    assert not users.filter(is_staff=True).exists()
    client.force_login(User.objects.get(username="admin"))
    assert client.get("/admin/accounts/person/").status_code == 302  # to the admin's sign-in


def test_loading_twice_does_not_duplicate_and_reset_reloads(northvale):
    def counts():
        return (
            Plan.objects.count(),
            Action.objects.count(),
            ProgressUpdate.objects.count(),
            Person.objects.count(),
            User.objects.count(),
            Membership.objects.count(),
            Finding.objects.count(),
            Indicator.objects.count(),
            IndicatorValue.objects.count(),
            PublishedReport.objects.count(),
            Action.history.filter(id__in=Action.objects.values("id")).count(),
        )

    history = IndicatorValue.history.count()

    before = counts()
    assert "already has 3 plans" in load()
    assert counts() == before
    assert IndicatorValue.history.count() == history  # nothing was saved again
    assert "Loaded" in load("--reset")
    assert counts() == before
    assert Partnership.objects.filter(slug=PARTNERSHIP_SLUG).count() == 1


def test_the_demo_has_indicators_of_each_kind_with_months_of_values(northvale):
    indicators = Indicator.objects.filter(partnership=northvale).prefetch_related(
        "values", "actions", "sections", "findings"
    )
    assert {i.kind for i in indicators} == {"how_much", "how_well", "better_off"}
    assert {"higher", "lower"} == {i.direction for i in indicators}
    entered = [i for i in indicators if i.source == MANUAL]
    assert len(entered) >= 6
    for indicator in entered:
        values = list(indicator.values.all())
        assert 6 <= len(values) <= 12, indicator
        assert indicator.target_value is not None and indicator.amber_at is not None
        assert indicator.sections.exists() and indicator.actions.exists()
        assert (
            indicator.sections.filter(partnership=northvale).count() == indicator.sections.count()
        )
    values = IndicatorValue.objects.filter(indicator__in=entered)
    assert not values.filter(period__gte=timezone.localdate().replace(day=1)).exists()
    assert values.filter(denominator__gt=0, numerator__isnull=False).count() >= 12
    assert values.filter(national__isnull=False).exists()
    assert values.filter(statistical_neighbours__isnull=False).exists()
    assert values.exclude(note="").count() >= 3
    # Actions without a reference (the monitoring update's next steps) are linked too.
    assert Action.objects.filter(indicators__isnull=False, ref__isnull=True).exists()
    assert Finding.objects.filter(indicators__isnull=False).exists()
    # The statutory measures are computed indicators; without the casework, no values.
    computed = {i.source for i in indicators if i.source != MANUAL}
    assert computed == {
        "statutory.new_plans_20_weeks",
        "statutory.decisions_6_weeks",
        "statutory.reviews_12_months",
    }
    assert not IndicatorValue.objects.filter(indicator__source__in=computed).exists()


def test_an_indicator_page_shows_the_chart_and_the_same_figures_in_a_table(northvale, client):
    client.force_login(User.objects.get(username="viewer"))
    indicator = (
        Indicator.objects.filter(partnership=northvale, source=MANUAL, unit="%")
        .exclude(values__statistical_neighbours=None)
        .first()
    )
    assert indicator is not None
    values = list(indicator.values.order_by("period"))
    kwargs = {"partnership": PARTNERSHIP_SLUG, "indicator_id": indicator.pk}
    page = client.get(reverse("indicator_detail", kwargs=kwargs)).content.decode()
    assert 'role="img"' in page and '<title id="chart-title">' in page
    assert '<desc id="chart-desc">' in page
    for value in values:
        assert f'<th scope="row" class="govuk-table__header">{value.period:%B %Y}</th>' in page
        assert f"{value.numerator} of {value.denominator}" in page
    for action in indicator.actions.all():
        assert (
            reverse(
                "action_detail", kwargs={"partnership": PARTNERSHIP_SLUG, "action_id": action.pk}
            )
            in page
        )
    csv = client.get(reverse("indicator_export", kwargs={**kwargs, "fmt": "csv"})).content.decode()
    assert len(csv.strip().splitlines()) == len(values) + 1


def test_statutory_indicators_are_worked_out_from_the_casework_when_it_is_loaded(northvale):
    from sendtrack.statutory.demo import load_statutory_demo

    today = timezone.localdate()
    load_statutory_demo(northvale, children=300, open_assessments=60, settings=12)
    result = demo_indicators.load_indicators_demo(northvale, today=today)
    assert result.indicators == 0 and result.computed > 0
    for indicator in Indicator.objects.exclude(source=MANUAL):
        values = list(indicator.values.all())
        assert values and all(v.computed and v.denominator for v in values), indicator
        assert all(v.period < today.replace(day=1) for v in values)
        for value in values:
            end = demo_indicators.month_before(value.period, -1) - timedelta(days=1)
            expected = registry.compute(indicator.source, northvale, value.period, end)
            assert (value.value, value.numerator, value.denominator) == (
                expected.value,
                expected.numerator,
                expected.denominator,
            )
    again = demo_indicators.load_indicators_demo(northvale, today=today)
    assert (again.indicators, again.computed) == (0, 0)


@pytest.mark.django_db(databases=["default", "sendiass"])
def test_sign_in_help_prints_one_line_per_role(northvale):
    out = StringIO()
    call_command("sign_in_help", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0] == (
        "sendtrack is running on http://127.0.0.1:8000 — sign in as: "
        f"manager / {DEMO_PASSWORD} (programme manager)"
    )
    assert len(lines) == len(USERS)
    for line, user in zip(lines, USERS, strict=True):
        assert f"{user.username} / {DEMO_PASSWORD} (" in line


# --- The plans as Plan JSON, without the database ------------------------------------------

DAYS = [date(2026, 11, 23) + timedelta(days=n) for n in range(0, 730, 23)]


@pytest.mark.parametrize("today", DAYS[::4])
def test_the_plans_are_valid_plan_json_and_the_same_each_time(today):
    plans = demo_module.demo_plans(today)
    for plan in plans:
        assert validate_plan_json(plan.data) == []
        assert set(plan.stories) == {a["text"] for a in plan.data["actions"]}
    assert [p.data for p in plans] == [p.data for p in demo_module.demo_plans(today)]


@pytest.mark.parametrize("today", DAYS)
def test_every_date_is_written_as_the_importer_reads_it(today):
    for plan in demo_module.demo_plans(today):
        as_at = date.fromisoformat(plan.data["as_at"])
        for item in plan.data["actions"] + plan.data["milestones"]:
            if item["due_raw"]:
                due = read_date(item["due_raw"], as_at).due
                assert (due.isoformat() if due else None) == item["due"], item


@pytest.mark.parametrize("today", DAYS)
def test_every_rag_rating_shows_whatever_the_day(today):
    stories = [s for p in demo_module.demo_plans(today) for s in p.stories.values()]
    rags = Counter(demo_module.STATES[s.state].rag for s in stories)
    assert min(rags[r] for r in ("red", "amber", "green", "blue")) >= 5
    assert all(u.on <= today for s in stories for u in s.updates)


def demo_texts() -> list[str]:
    """Every sentence the demo shows, gathered from its plans, stories and tables."""
    texts: list[str] = []

    def walk(value):
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif hasattr(value, "__dataclass_fields__"):
            walk([getattr(value, name) for name in value.__dataclass_fields__])

    for plan in demo_module.demo_plans(date(2026, 11, 23)):
        walk(plan.data)
        walk(list(plan.stories.values()))
    walk(demo_module.COMMENTARY)
    walk(demo_module.FINDINGS)
    walk(demo_people.PEOPLE)
    walk(demo_people.USERS)
    walk(list(demo_people.ORGANISATIONS))
    return texts


def normalise(text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"\s+", " ", text).strip().casefold()


def seed_lines() -> set[str]:
    """Lines of the seed documents, and the table cells and list items within them."""
    lines: set[str] = set()
    for path in sorted(shared_path("seeds").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            pieces = [line, *line.split("\t"), *re.split(r"<li>|</li>", line)]
            lines.update(normalise(piece) for piece in pieces)
    return {line for line in lines if len(line) > 40}


def test_no_demo_text_copies_a_line_of_the_seed_documents():
    lines = seed_lines()
    assert len(lines) > 100
    copied = [
        (text, line) for text in map(normalise, demo_texts()) for line in lines if line in text
    ]
    assert copied == []


def test_the_demo_names_no_real_place_or_person_from_the_seeds():
    names = set()
    for path in shared_path("seeds", "gold").glob("*.json"):
        names.update(json.loads(path.read_text(encoding="utf-8"))["owner_glossary"].values())
    everything = "\n".join(demo_texts())
    for place in REAL_PLACES:
        assert not re.search(rf"\b{place}\b", everything), place
    assert [n for n in names if len(n) > 5 and n in everything] == []
