"""Every SENDIASS URL × every SENDIASS role, a council administrator, a superuser and a
signed-out visitor → expected status. Council sign-ins never get in: to SENDIASS they are
signed out, and are sent to the SENDIASS sign-in."""

import copy
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from sendtrack.sendiass import services
from sendtrack.sendiass import urls as sendiass_urls
from sendtrack.sendiass.access import SendiassAccess
from sendtrack.sendiass.models import Complaint, ReportJob, TriageCriterion
from tests.conftest import building_for_the_module, make_partnership

from .conftest import BOTH, make_case, make_everyone, sign_in

pytestmark = pytest.mark.django_db(databases=BOTH)

ANON = "signed_out"
ROLES = [
    "manager",
    "caseworker",
    "volunteer",
    "figures_viewer",
    "council_administrator",
    "superuser",
    ANON,
]
NOBODY_ELSE = {"council_administrator": 302, "superuser": 302}
ALL_STAFF = {"manager": 200, "caseworker": 200, "volunteer": 200, "figures_viewer": 200}
CASEWORK = {"manager": 200, "caseworker": 200, "volunteer": 200, "figures_viewer": 403}
CASEWORKERS = {"manager": 200, "caseworker": 200, "volunteer": 403, "figures_viewer": 403}
MANAGERS = {"manager": 200, "caseworker": 403, "volunteer": 403, "figures_viewer": 403}
OWNER = {"manager": 200, "caseworker": 404, "volunteer": 404, "figures_viewer": 404}
HIGH_LEVEL = {"manager": 200, "caseworker": 200, "volunteer": 404, "figures_viewer": 403}

MATRIX = [
    ("home", "get", None, ALL_STAFF),
    ("case_list", "get", None, CASEWORK),
    ("referral_new", "get", None, CASEWORK),
    ("triage_queue", "get", None, CASEWORK),
    ("case_detail", "get", "case", CASEWORK),
    ("case_detail", "get", "level3_case", HIGH_LEVEL),
    ("case_allocate", "get", "case", CASEWORKERS),
    ("case_level", "get", "case", CASEWORK),
    ("case_edit", "get", "case", CASEWORK),
    ("contact_new", "get", "case", CASEWORK),
    ("contact_new", "get", "level3_case", HIGH_LEVEL),
    ("consent_new", "get", "case", CASEWORK),
    ("document_new", "get", "case", CASEWORK),
    ("document_download", "get", "document", CASEWORK),
    ("case_close", "get", "case", CASEWORK),
    ("consents_due", "get", None, CASEWORK),
    ("consent_withdraw", "post", "consent", {**{k: 302 for k in CASEWORK}, "figures_viewer": 403}),
    (
        "consent_withdraw",
        "get",
        "consent",
        {k: 405 for k in ALL_STAFF} | {"council_administrator": 405, "superuser": 405},
    ),
    ("subject_access_export", "get", "service_user", MANAGERS),
    ("triage_criteria", "get", None, MANAGERS),
    ("triage_criterion_edit", "get", "criterion", MANAGERS),
    ("deficits", "get", None, ALL_STAFF),
    ("deficit_new", "get", None, CASEWORK),
    ("evaluations", "get", None, ALL_STAFF),
    ("professional_link", "get", None, CASEWORKERS),
    ("complaints", "get", None, MANAGERS),
    ("complaint_new", "get", None, MANAGERS),
    ("complaint_detail", "get", "complaint", MANAGERS),
    ("annual_report", "get", None, ALL_STAFF),
    ("annual_report_pdf", "get", None, {k: 302 for k in ALL_STAFF}),  # to its job's page
    ("annual_report_docx", "get", None, ALL_STAFF),
    # A report job (made by the manager) is only for the member of staff who asked for it.
    ("report_job", "get", "report_job", OWNER),
    ("report_job_download", "get", "report_job", OWNER),
    ("self_assessment", "get", None, MANAGERS),
    ("training", "get", None, MANAGERS),
    ("steering_group", "get", None, MANAGERS),
    ("staff", "get", None, MANAGERS),
    ("staff_new", "get", None, MANAGERS),
    ("staff_change", "get", "member", MANAGERS),
    ("staff_reset", "post", "member", MANAGERS),
    (
        "staff_reset",
        "get",
        "member",
        {k: 405 for k in ALL_STAFF} | {"council_administrator": 405, "superuser": 405},
    ),
    ("change_password", "get", None, ALL_STAFF),
]
PUBLIC = {
    "evaluation",
    "evaluation_link",
    "sign_in",
    "sign_out",
    "set_password",
    "set_password_link",
}


@pytest.fixture(scope="module")
def world(module_transaction, django_db_blocker, tmp_path_factory):
    """The SENDIASS staff, the council sign-ins and a record of each kind, built once for the
    module's tests; each test runs in its own savepoint on both databases."""
    with building_for_the_module(django_db_blocker, tmp_path_factory.mktemp("uploads")):
        staff = make_everyone(make_partnership())
        objects = make_objects(staff)
    return {"staff": staff, "objects": objects}


@pytest.fixture
def built(world, db):
    """A copy of the world for one test, as setUpTestData gives each test its own."""
    return copy.deepcopy(world)


@pytest.fixture
def staff(built):
    return built["staff"]


@pytest.fixture
def objects(built):
    return built["objects"]


def make_objects(staff):
    manager = SendiassAccess(staff["manager"], staff["manager"].user_id)
    case = make_case(manager)
    high = make_case(manager, name="Hi Level")
    services.set_level(
        case_id=high.pk, level=3, applies_from=date(2025, 6, 1), by=manager, expected_version=None
    )
    consent = services.record_consent(
        service_user_id=case.service_user_id,
        by=manager,
        party_name="SENCo",
        party_organisation="Northdale Primary",
        decision="given",
        given_on=date(2025, 5, 6),
        channel="phone",
        given_by="Pat Parent",
    )
    document = services.add_document(
        case_id=case.pk,
        by=manager,
        title="EP report",
        filename="ep.pdf",
        content_type="application/pdf",
        content=b"%PDF-1.4 test",
        consent_given_on=date(2025, 5, 6),
        consent_given_by="Pat Parent",
    )
    criterion = TriageCriterion.objects.create(name="Tribunal deadline within 4 weeks", weight=5)
    report_job = ReportJob.objects.create(
        staff_user_id=staff["manager"].user_id, period="2025", status="done", pdf=b"%PDF-1.4"
    )
    complaint = services.record_complaint(
        by=manager, received_on=date(2025, 6, 2), complainant="A Parent", summary="Slow reply"
    )
    return {
        None: {},
        "case": {"case_id": case.pk},
        "level3_case": {"case_id": high.pk},
        "consent": {"consent_id": consent.pk},
        "document": {"document_id": document.pk},
        "service_user": {"service_user_id": case.service_user_id},
        "criterion": {"criterion_id": criterion.pk},
        "complaint": {"complaint_id": complaint.pk},
        "member": {"staff_id": staff["volunteer"].pk},
        "report_job": {"job_id": report_job.pk},
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "key", "expected"), MATRIX)
def test_matrix(client, staff, objects, role, name, method, key, expected):
    if role != ANON:
        sign_in(client, staff[role])
    path = reverse(f"sendiass:{name}", kwargs=objects[key])
    response = getattr(client, method)(path)
    expected_status = 302 if role == ANON else (NOBODY_ELSE | expected)[role]
    if role == ANON:
        assert response.status_code in {302, 405}
    else:
        assert response.status_code == expected_status, (name, key, role)
    if response.status_code == 302 and (role == ANON or role in NOBODY_ELSE):
        assert response["Location"].startswith(reverse("sendiass:sign_in"))


def test_every_sendiass_url_is_in_the_matrix():
    covered = {name for name, *_ in MATRIX} | PUBLIC
    names = {pattern.name for pattern in sendiass_urls.urlpatterns}
    assert names <= covered, f"add these to the permission matrix: {names - covered}"


def test_inactive_staff_are_refused(client, staff):
    from sendtrack.sendiass.models import SendiassStaff

    sign_in(client, staff["manager"])
    assert client.get(reverse("sendiass:home")).status_code == 200
    SendiassStaff.objects.filter(user_id=staff["manager"].user_id).update(active=False)
    response = client.get(reverse("sendiass:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sendiass:sign_in"))


def test_sendiass_models_are_not_in_the_default_admin(client, staff):
    from django.contrib import admin

    assert not [m for m in admin.site._registry if m._meta.app_label == "sendiass"]
    sign_in(client, staff["superuser"])
    assert b"SENDIASS" not in client.get("/admin/").content
    assert client.get("/admin/sendiass/").status_code == 404


def test_evaluation_link_is_public_but_needs_a_real_token(client, staff):
    link = "sendiass:evaluation_link"
    assert client.get(reverse(link, kwargs={"token": "nope"})).status_code == 404
    assert client.get(reverse("sendiass:evaluation")).status_code == 404
    assert client.post(reverse("sendiass:evaluation"), {"token": "nope"}).status_code == 404
    token = services.issue_evaluation(kind="service_user", on=timezone.localdate())
    response = client.get(reverse(link, kwargs={"token": token}), follow=True)
    assert response.status_code == 200 and token not in response.redirect_chain[-1][0]


def test_evaluation_token_is_accepted_by_post_without_a_session(client):
    token = services.issue_evaluation(kind="service_user", on=timezone.localdate())
    response = client.post(reverse("sendiass:evaluation"), {"token": token, "recommend": "agree"})
    assert response.status_code == 200
    assert b"Thank you" in response.content


def test_no_sendiass_table_in_the_council_database():
    from django.db import connections

    default_tables = connections["default"].introspection.table_names()
    sendiass_tables = connections["sendiass"].introspection.table_names()
    assert not [t for t in default_tables if t.startswith("sendiass_")]
    assert {t for t in sendiass_tables if not t.startswith("sendiass_")} == {"django_migrations"}


def test_complaint_model_unused_guard():
    assert Complaint._meta.app_label == "sendiass"
