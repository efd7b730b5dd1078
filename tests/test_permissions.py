"""The permission matrix: every partnership page × every role (and signed out) → status.

A new URL must be added here: the last test fails for any URL pattern the matrix misses.
"""

import copy
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import get_resolver, reverse

from sendtrack.imports import urls as import_urls
from sendtrack.imports.services import Draft, sign_draft
from sendtrack.indicators import urls as indicator_urls
from sendtrack.indicators.models import Indicator
from sendtrack.jobs.models import Job, JobKind, JobStatus
from sendtrack.people import urls as people_urls
from sendtrack.plans import services
from sendtrack.plans import urls as plan_urls
from sendtrack.plans.models import DueDateRequest, ImpactIndicator
from sendtrack.reminders import urls as reminder_urls
from sendtrack.reports import urls as report_urls
from sendtrack.reports.models import PublishedReport
from tests.conftest import building_for_the_module, make_members, make_partnership
from tests.factories import (
    ActionFactory,
    FindingFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganisationFactory,
    PlanFactory,
    RiskFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ANON = "signed_out"
# Casework officers and team managers read plan pages as viewers; a SENCO reaches none.
STATUTORY_ROLES = ["casework_officer", "team_manager", "senco"]
ROLES = ["administrator", "programme_manager", "action_lead", "viewer", *STATUTORY_ROLES, ANON]
EVERYONE = {"administrator": 200, "programme_manager": 200, "action_lead": 200, "viewer": 200}
MANAGERS = {"administrator": 200, "programme_manager": 200, "action_lead": 403, "viewer": 403}
MANAGERS_REDIRECTED = {"administrator": 302, "programme_manager": 302} | {
    "action_lead": 403,
    "viewer": 403,
}
ADMINISTRATORS = {"administrator": 200, "programme_manager": 403, "action_lead": 403, "viewer": 403}
OWNER_ONLY = {r: 404 for r in [*EVERYONE, "casework_officer", "team_manager"]} | {"viewer": 200}

# (url name, method, kwargs builder key, expected status by role; signed out always → sign in)
MATRIX = [
    ("dashboard", "get", None, EVERYONE),
    ("dashboard_export", "get", "csv", EVERYONE),
    ("dashboard_export", "get", "xlsx", EVERYONE),
    ("my_actions", "get", None, EVERYONE),
    ("my_actions_export", "get", "csv", EVERYONE),
    ("my_actions_export", "get", "xlsx", EVERYONE),
    ("plan_detail", "get", "plan", EVERYONE),
    ("plan_export", "get", "plan_csv", EVERYONE),
    ("plan_export", "get", "plan_xlsx", EVERYONE),
    ("risk_register", "get", "plan", EVERYONE),
    ("risk_register_export", "get", "plan_csv", EVERYONE),
    ("risk_register_export", "get", "plan_xlsx", EVERYONE),
    ("plan_problems", "get", "plan", EVERYONE),
    ("action_detail", "get", "own_action", EVERYONE),
    ("finding_detail", "get", "finding", EVERYONE),
    ("action_add_update", "get", "own_action", EVERYONE | {"viewer": 403}),
    ("action_add_update", "get", "other_action", MANAGERS),
    ("action_edit", "get", "own_action", EVERYONE | {"viewer": 403}),
    ("action_edit", "get", "other_action", MANAGERS),
    (
        "action_archive",
        "post",
        "own_action",
        {"administrator": 302, "programme_manager": 302, "action_lead": 403, "viewer": 403},
    ),
    ("action_archive", "get", "own_action", {r: 405 for r in EVERYONE}),
    # Evidence goes to whoever sees the action; a programme manager signs an action off.
    ("evidence_download", "get", "evidence", EVERYONE),
    ("evidence_download", "get", "other_evidence", {r: 404 for r in EVERYONE}),
    ("action_sign_off", "post", "own_action", MANAGERS_REDIRECTED),
    ("action_sign_off", "get", "own_action", {r: 405 for r in EVERYONE}),
    ("plan_settings", "get", None, ADMINISTRATORS),
    # A new due date a lead asked for: programme managers and administrators decide it.
    ("due_date_request_decide", "get", "due_date_request", MANAGERS),
    ("due_date_request_decide", "post", "due_date_request", MANAGERS),
    ("risk_edit", "get", "risk", MANAGERS),
    # Building a plan in the app: programme managers and administrators only.
    ("plan_start", "get", None, MANAGERS),
    ("plan_edit", "get", "plan", MANAGERS),
    ("plan_sections", "get", "plan", MANAGERS),
    ("section_add", "get", "plan", MANAGERS),
    ("section_edit", "get", "section", MANAGERS),
    ("section_move", "post", "section", MANAGERS_REDIRECTED),
    ("section_move", "get", "section", {r: 405 for r in EVERYONE}),
    ("section_archive", "post", "section", MANAGERS_REDIRECTED),
    ("section_archive", "get", "section", {r: 405 for r in EVERYONE}),
    ("action_add", "get", "section", MANAGERS),
    ("action_move", "get", "own_action", MANAGERS),
    ("action_merge", "get", "own_action", MANAGERS),
    ("action_split", "get", "own_action", MANAGERS),
    ("finding_add", "get", "plan", MANAGERS),
    ("finding_edit", "get", "finding", MANAGERS),
    ("finding_archive", "post", "finding", MANAGERS_REDIRECTED),
    ("finding_archive", "get", "finding", {r: 405 for r in EVERYONE}),
    ("milestone_add", "get", "plan", MANAGERS),
    ("milestone_outcome", "get", "milestone", MANAGERS),
    ("risk_add", "get", "plan", MANAGERS),
    ("import_upload", "get", None, MANAGERS),
    ("import_preview", "post", None, MANAGERS),
    ("import_preview", "get", None, {r: 405 for r in EVERYONE}),
    # A step of the preview: the matrix's draft has no row or section asked for.
    (
        "import_preview_change",
        "post",
        None,
        MANAGERS | {"administrator": 404, "programme_manager": 404},
    ),
    ("import_preview_change", "get", None, {r: 405 for r in EVERYONE}),
    # The corrected preview of an update compared with the plan the matrix posts ("plan").
    ("import_update_compare", "post", None, MANAGERS),
    ("import_update_compare", "get", None, {r: 405 for r in EVERYONE}),
    (
        "import_confirm",
        "post",
        None,
        {"administrator": 302, "programme_manager": 302, "action_lead": 403, "viewer": 403},
    ),
    ("import_confirm", "get", None, {r: 405 for r in EVERYONE}),
    # A monthly update applied to the plan the matrix posts ("plan").
    ("import_update_confirm", "post", None, MANAGERS_REDIRECTED),
    ("import_update_confirm", "get", None, {r: 405 for r in EVERYONE}),
    # A job's page is only for the person who started it: the programme manager's import …
    ("import_job", "get", "import_job", MANAGERS | {"administrator": 404}),
    # … and so is discarding the corrections kept for its document.
    ("import_afresh", "post", "import_job", MANAGERS_REDIRECTED | {"administrator": 404}),
    ("import_afresh", "get", "import_job", {r: 405 for r in EVERYONE}),
    ("indicator_list", "get", None, EVERYONE),
    ("indicator_detail", "get", "indicator", EVERYONE),
    ("indicator_export", "get", "indicator_csv", EVERYONE),
    ("indicator_export", "get", "indicator_xlsx", EVERYONE),
    ("indicator_list_export", "get", "csv", EVERYONE),
    ("indicator_list_export", "get", "xlsx", EVERYONE),
    ("indicator_add", "get", None, MANAGERS),
    ("indicator_track", "post", "impact", MANAGERS_REDIRECTED),
    ("indicator_track", "get", "impact", {r: 405 for r in EVERYONE}),
    ("indicator_edit", "get", "indicator", MANAGERS),
    ("indicator_value", "get", "indicator", MANAGERS),
    ("report_index", "get", None, EVERYONE),
    ("board_report", "get", "board", EVERYONE),
    ("board_report_download", "get", "board_csv", EVERYONE),
    # A board report over a period is kept as a version when made: those who publish make it
    # (the matrix's POST names no period, so the form comes back with its errors).
    ("period_report", "get", None, MANAGERS),
    ("period_report", "post", None, MANAGERS),
    ("highlight_report", "get", "section", EVERYONE),
    ("highlight_report_download", "get", "section_xlsx", EVERYONE),
    ("public_report_preview", "get", None, EVERYONE),
    ("public_report_download", "get", "csv", EVERYONE),
    (
        "report_publish",
        "post",
        None,
        {"administrator": 302, "programme_manager": 302, "action_lead": 403, "viewer": 403},
    ),
    ("report_publish", "get", None, {r: 405 for r in EVERYONE}),
    ("published_report", "get", "published", EVERYONE),
    ("published_report_download", "get", "published_csv", EVERYONE),
    # … and the viewer's PDF.
    ("report_job", "get", "report_job", OWNER_ONLY),
    ("report_job_download", "get", "report_job", OWNER_ONLY),
    ("reminder_preferences", "get", None, {r: 200 for r in ROLES if r != ANON}),
    ("reminder_preferences", "post", None, {r: 302 for r in ROLES if r != ANON}),
    ("people", "get", None, ADMINISTRATORS),
    ("person_new", "get", None, ADMINISTRATORS),
    ("person_edit", "get", "person", ADMINISTRATORS),
    ("organisations", "get", None, ADMINISTRATORS),
    ("organisation_new", "get", None, ADMINISTRATORS),
    ("organisation_edit", "get", "organisation", ADMINISTRATORS),
    ("sign_ins", "get", None, ADMINISTRATORS),
    ("sign_in_new", "get", None, ADMINISTRATORS),
    ("sign_in_edit", "get", "membership", ADMINISTRATORS),
    ("sign_in_remove", "post", "membership", ADMINISTRATORS | {"administrator": 302}),
    ("sign_in_remove", "get", "membership", {r: 405 for r in EVERYONE}),
    ("sign_in_reset", "post", "membership", ADMINISTRATORS),
    ("sign_in_reset", "get", "membership", {r: 405 for r in EVERYONE}),
]


def _import_draft(partnership):
    """A signed draft of a one-action plan, as the import preview posts it back."""
    plan = {
        "plan_title": "Matrix plan",
        "organisation": None,
        "kind": "improvement_plan",
        "as_at_raw": None,
        "as_at": None,
        "sections": [],
        "actions": [
            {
                "ref": "1",
                "section": None,
                "text": "Check every page is behind the right role",
                "owner": None,
                "partners": [],
                "start_raw": None,
                "due_raw": None,
                "due": None,
                "status_raw": None,
                "status": None,
                "rag": None,
                "measures": [],
                "finding": None,
            }
        ],
        "milestones": [],
        "risks": [],
        "indicators": [],
        "owner_glossary": {},
        "problems": [],
    }
    return sign_draft(Draft(plan=plan, filename="matrix.txt"), partnership=partnership)


def expected_status(expected, role):
    if role in expected:
        return expected[role]
    if set(expected.values()) == {405}:
        return 405  # a POST-only page answers GET with 405 before it checks the role
    return 403 if role == "senco" else expected["viewer"]


@pytest.fixture(scope="module")
def world(module_transaction, django_db_blocker, tmp_path_factory):
    """The partnership, a user of every role and a record of each kind, built once for the
    module's few hundred tests: each test runs in its own savepoint, so a POST that archives an
    action or removes a sign-in is undone before the next test."""
    uploads = tmp_path_factory.mktemp("uploads")
    with building_for_the_module(django_db_blocker, uploads):
        partnership = make_partnership()
        members = make_members(partnership)
        everyone = dict(members)
        for role in STATUTORY_ROLES:
            everyone[role] = UserFactory(username=role)
            MembershipFactory(user=everyone[role], partnership=partnership, role=role)
        objects = make_objects(partnership, members)
    objects["_uploads"] = uploads
    return {"partnership": partnership, "everyone": everyone, "objects": objects}


@pytest.fixture
def built(world, db):
    """A copy of the world's objects for one test, as Django's setUpTestData gives each test
    its own: what a test changes in memory does not reach the next."""
    return copy.deepcopy(world)


@pytest.fixture
def partnership(built):
    return built["partnership"]


@pytest.fixture
def everyone(built):
    return built["everyone"]


@pytest.fixture
def members(everyone):
    return {role: everyone[role] for role in [*EVERYONE, "lead_person"]}


@pytest.fixture
def objects(built):
    return built["objects"]


def make_objects(partnership, members):
    plan = PlanFactory(partnership=partnership)
    own = ActionFactory(plan=plan)
    own.owners.add(members["lead_person"])
    evidence = services.add_progress_update(
        partnership=partnership,
        action_id=own.pk,
        user=members["lead_person"].user,
        status="in_progress",
        commentary="Leaflet agreed with the forum",
        evidence_files=[ContentFile(b"%PDF-1.7 matrix", name="leaflet.pdf")],
    ).update.evidence_files.get()
    own.refresh_from_db()
    other = ActionFactory(plan=plan)
    asked = DueDateRequest.objects.create(
        partnership=partnership,
        action=own,
        due=date(2027, 3, 31),
        reason="The forum asked for another round",
        requested_by=members["action_lead"],
    )
    finding = FindingFactory(plan=plan)
    risk = RiskFactory(plan=plan)
    section = SectionFactory(plan=plan)
    indicator = Indicator.objects.create(partnership=partnership, name="Matrix", kind="how_much")
    impact = ImpactIndicator.objects.create(
        partnership=partnership, plan=plan, section=section, text="Matrix impact"
    )
    published = PublishedReport.objects.create(
        partnership=partnership,
        kind="public",
        number=1,
        title="Matrix",
        content={"kind": "public", "title": "Matrix", "blocks": []},
        html="<p>Matrix</p>",
    )
    month = "2026-03"
    import_job = Job.objects.create(
        partnership=partnership,
        user=members["programme_manager"],
        kind=JobKind.IMPORT_PLAN,
        status=JobStatus.FAILED,
        params={"filename": "matrix.txt"},
        error="matrix.txt could not be read as a plan.",
    )
    report_job = Job.objects.create(
        partnership=partnership,
        user=members["viewer"],
        kind=JobKind.REPORT_PDF,
        status=JobStatus.DONE,
        params={"report": "public", "filename": "matrix"},
        result_file=b"%PDF-1.4 matrix",
    )
    return {
        None: {},
        "plan": {"plan_id": plan.pk},
        "plan_csv": {"plan_id": plan.pk, "fmt": "csv"},
        "plan_xlsx": {"plan_id": plan.pk, "fmt": "xlsx"},
        "own_action": {"action_id": own.pk},
        "other_action": {"action_id": other.pk},
        "evidence": {"action_id": own.pk, "evidence_id": evidence.pk},
        "other_evidence": {"action_id": other.pk, "evidence_id": evidence.pk},
        "finding": {"finding_id": finding.pk},
        "impact": {"impact_id": impact.pk},
        "risk": {"risk_id": risk.pk},
        "due_date_request": {"request_id": asked.pk},
        "indicator": {"indicator_id": indicator.pk},
        "indicator_csv": {"indicator_id": indicator.pk, "fmt": "csv"},
        "indicator_xlsx": {"indicator_id": indicator.pk, "fmt": "xlsx"},
        "board": {"plan_id": plan.pk, "month": month},
        "board_csv": {"plan_id": plan.pk, "month": month, "fmt": "csv"},
        "section": {"section_id": section.pk},
        "section_xlsx": {"section_id": section.pk, "fmt": "xlsx"},
        "milestone": {"milestone_id": MilestoneFactory(plan=plan).pk},
        "csv": {"fmt": "csv"},
        "xlsx": {"fmt": "xlsx"},
        "published": {"report_id": published.pk},
        "published_csv": {"report_id": published.pk, "fmt": "csv"},
        "person": {"person_id": members["lead_person"].pk},
        "organisation": {"organisation_id": OrganisationFactory(partnership=partnership).pk},
        "membership": {"membership_id": members["viewer"].memberships.get().pk},
        "import_job": {"job_id": import_job.pk},
        "report_job": {"job_id": report_job.pk},
        "_version": own.version,
        "_draft": _import_draft(partnership),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "key", "expected"), MATRIX)
def test_matrix(
    client, settings, partnership, everyone, objects, role, name, method, key, expected
):
    settings.SENDTRACK_UPLOAD_ROOT = objects["_uploads"]  # where the world kept its files
    if role != ANON:
        client.force_login(everyone[role])
    path = reverse(name, kwargs={"partnership": partnership.slug, **objects[key]})
    data = (
        # "kind" is what report_publish reads (it publishes the public progress report);
        # "direction" what section_move reads; "plan" the plan an import updates.
        {
            "version": objects["_version"],
            "draft": objects["_draft"],
            "plan": objects["plan"]["plan_id"],
            "kind": "public",
            "direction": "down",
        }
        if method == "post"
        else None
    )
    response = getattr(client, method)(path, data)
    if role == ANON:
        # Signed-out visitors are sent to sign in (a POST-only page answers GET with 405).
        assert response.status_code in {302, 405}
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected_status(expected, role), (name, key, role)


def test_every_partnership_url_is_in_the_matrix():
    covered = {name for name, *_ in MATRIX}
    patterns = [
        *plan_urls.urlpatterns,
        *import_urls.urlpatterns,
        *reminder_urls.urlpatterns,
        *indicator_urls.urlpatterns,
        *report_urls.urlpatterns,
        *people_urls.urlpatterns,
    ]
    names = {pattern.name for pattern in patterns if getattr(pattern, "name", None)}
    assert names <= covered, f"add these to the permission matrix: {names - covered}"


def test_home_and_sign_in(client, members):
    assert client.get(reverse("home")).status_code == 302
    assert client.get(reverse("login")).status_code == 200
    client.force_login(members["viewer"])
    assert client.get(reverse("home")).status_code == 302


def test_django_admin_is_closed_to_partnership_roles(client, members):
    for role in ["administrator", "programme_manager", "action_lead", "viewer"]:
        client.force_login(members[role])
        response = client.get("/admin/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_resolver_has_no_unscoped_plan_pages():
    """Every plan page lives under /p/<partnership>/, so none can skip the scope check."""
    for pattern in get_resolver().url_patterns:
        route = str(pattern.pattern)
        # sendiass/ pages check SENDIASS staff access instead (tests/sendiass/test_permissions.py).
        assert route in {
            "",
            "sign-in/",
            "sign-out/",
            "account/password/",  # one's own password: signed in, nothing of a partnership
            "sign-in/set-password/<uidb64>/<token>/",  # a one-time link, Django's reset token
            "p/<slug:partnership>/",
            "p/<slug:partnership>/people/",
            "p/<slug:partnership>/imports/",
            "p/<slug:partnership>/indicators/",
            "p/<slug:partnership>/reports/",
            "p/<slug:partnership>/reminders/",
            "p/<slug:partnership>/statutory/",
            "sendiass/",
            "admin/",
            "public/<slug:partnership>/",  # published public reports: no sign-in, no personal data
            "api/",  # the analysts' API: token-scoped to one partnership (tests/api/)
            # A digest's signed "stop" link: switches off only the digest it was sent for
            # (tests/reminders/test_send_reminders.py).
            "reminders/stop/<str:token>/",
        }, route
