"""Every statutory URL × every role (and signed out) → expected status, and scoping:
a user of another partnership gets 404, and a SENCO never sees another setting's child."""

import copy

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from sendtrack.statutory import urls as statutory_urls
from tests.conftest import building_for_the_module, make_members, make_partnership
from tests.date_input import date_input
from tests.factories import MembershipFactory, PartnershipFactory, UserFactory
from tests.statutory.conftest import make_staff
from tests.statutory.factories import (
    AssessmentFactory,
    ChildFactory,
    PlanFactory,
    ReviewFactory,
    TransferFactory,
)

pytestmark = pytest.mark.django_db

ANON = "signed_out"
ROLES = [
    "administrator",
    "programme_manager",
    "action_lead",
    "viewer",
    "casework_officer",
    "team_manager",
    "senco",
    ANON,
]
CASEWORK = {
    "administrator": 200,
    "programme_manager": 403,
    "action_lead": 403,
    "viewer": 403,
    "casework_officer": 200,
    "team_manager": 200,
    "senco": 403,
}
MEASURES = CASEWORK | {"programme_manager": 200, "viewer": 200}
PORTAL = {role: 403 for role in CASEWORK} | {"senco": 200}

MATRIX = [
    ("home", None, CASEWORK),
    ("worklist", "worklist", CASEWORK),
    ("worklist_export", "export_csv", CASEWORK),
    ("worklist_export", "export_xlsx", CASEWORK),
    ("child_detail", "child", CASEWORK),
    ("assessment_detail", "assessment", CASEWORK),
    ("assessment_decision", "assessment", CASEWORK),
    ("assessment_exception", "assessment", CASEWORK),
    ("assessment_draft", "assessment", CASEWORK),
    ("assessment_final", "assessment", CASEWORK),
    ("review_decision", "review", CASEWORK),
    ("transfer_finalise", "transfer", CASEWORK),
    ("plan_cease", "plan", CASEWORK),
    ("transfer_add", "plan", CASEWORK),
    ("review_meeting", "review", CASEWORK),
    ("assessment_outcome", "assessment", CASEWORK),
    ("assessment_evidence", "assessment", CASEWORK),
    ("assessment_request", "child", CASEWORK),
    ("review_paperwork", "review", CASEWORK),
    ("measures", None, MEASURES),
    ("measures_export", "csv", MEASURES),
    ("measures_export", "xlsx", MEASURES),
    ("portal", None, PORTAL),
    ("portal_review", "review", PORTAL),
]


@pytest.fixture(scope="module")
def world(module_transaction, django_db_blocker, tmp_path_factory):
    """The partnership, a user of every role and a child with a record of each kind, built
    once for the module's tests; each test runs in its own savepoint."""
    uploads = tmp_path_factory.mktemp("uploads")
    with building_for_the_module(django_db_blocker, uploads):
        partnership = make_partnership()
        staff = make_staff(partnership, make_members(partnership))
        objects = make_objects(partnership, staff)
    return {"partnership": partnership, "staff": staff, "objects": objects, "uploads": uploads}


@pytest.fixture
def built(world, db, settings):
    """A copy of the world for one test (as setUpTestData gives each test its own), with the
    review's paperwork where the test looks for uploads."""
    settings.SENDTRACK_UPLOAD_ROOT = world["uploads"]
    return copy.deepcopy(world)


@pytest.fixture
def partnership(built):
    return built["partnership"]


@pytest.fixture
def staff(built):
    return built["staff"]


@pytest.fixture
def objects(built):
    return built["objects"]


def make_objects(partnership, staff):
    child = ChildFactory(partnership=partnership, setting=staff["school"])
    assessment = AssessmentFactory(child=child)
    plan = PlanFactory(child=child)
    review = ReviewFactory(plan=plan)
    transfer = TransferFactory(plan=plan)
    review.paperwork.save("review.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    return {
        None: {},
        "worklist": {"worklist": "awaiting-decision"},
        "export_csv": {"worklist": "reviews-due", "fmt": "csv"},
        "export_xlsx": {"worklist": "phase-transfers", "fmt": "xlsx"},
        "child": {"child_id": child.pk},
        "assessment": {"assessment_id": assessment.pk},
        "review": {"review_id": review.pk},
        "transfer": {"transfer_id": transfer.pk},
        "plan": {"plan_id": plan.pk},
        "csv": {"fmt": "csv"},
        "xlsx": {"fmt": "xlsx"},
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "key", "expected"), MATRIX)
def test_matrix(client, partnership, staff, objects, role, name, key, expected):
    if role != ANON:
        client.force_login(staff[role])
    path = reverse(f"statutory:{name}", kwargs={"partnership": partnership.slug, **objects[key]})
    response = client.get(path)
    if role == ANON:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected[role], (name, key, role)


def test_every_statutory_url_is_in_the_matrix():
    covered = {name for name, *_ in MATRIX}
    names = {pattern.name for pattern in statutory_urls.urlpatterns}
    assert names <= covered, f"add these to the permission matrix: {names - covered}"


@pytest.mark.parametrize(("name", "key"), [(n, k) for n, k, _ in MATRIX])
def test_another_partnership_sees_nothing(client, partnership, objects, name, key):
    outsider = UserFactory(username="outsider")
    MembershipFactory(
        user=outsider, partnership=PartnershipFactory(slug="elsewhere"), role="administrator"
    )
    client.force_login(outsider)
    kwargs = objects[key]
    here = reverse(f"statutory:{name}", kwargs={"partnership": partnership.slug, **kwargs})
    assert client.get(here).status_code == 404
    if kwargs and not set(kwargs) <= {"worklist", "fmt"}:  # a record's id, not a list's name
        # Their own partnership's URL with our record's id: still not found.
        there = reverse(f"statutory:{name}", kwargs={"partnership": "elsewhere", **kwargs})
        assert client.get(there).status_code in {404, 403}


def test_a_senco_never_sees_another_settings_child(client, partnership, staff):
    ours = ReviewFactory(
        plan=PlanFactory(child=ChildFactory(partnership=partnership, setting=staff["school"]))
    )
    theirs_child = ChildFactory(
        partnership=partnership, setting=staff["other_school"], first_name="Hidden"
    )
    theirs = ReviewFactory(plan=PlanFactory(child=theirs_child))
    client.force_login(staff["senco"])
    portal = client.get(reverse("statutory:portal", kwargs={"partnership": partnership.slug}))
    assert portal.status_code == 200
    assert ours.plan.child.case_reference in portal.content.decode()
    assert theirs_child.case_reference not in portal.content.decode()
    assert "Hidden" not in portal.content.decode()

    def review_url(review):
        return reverse(
            "statutory:portal_review",
            kwargs={"partnership": partnership.slug, "review_id": review.pk},
        )

    assert client.get(review_url(ours)).status_code == 200
    assert client.get(review_url(theirs)).status_code == 404
    assert (
        client.post(
            review_url(theirs), {"version": 1, **date_input("meeting_date", "1/1/2020")}
        ).status_code
        == 404
    )


def test_a_senco_with_no_setting_sees_no_children(client, partnership, staff):
    ChildFactory(partnership=partnership, setting=staff["school"])
    lonely = UserFactory(username="new-senco")
    MembershipFactory(user=lonely, partnership=partnership, role="senco")
    client.force_login(lonely)
    response = client.get(reverse("statutory:portal", kwargs={"partnership": partnership.slug}))
    assert "not linked to a school" in response.content.decode()
