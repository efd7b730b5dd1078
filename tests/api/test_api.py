"""The analysts' JSON API: token-scoped to one partnership, read-only, paged, described."""

import hashlib
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from sendtrack.api.models import ApiToken
from sendtrack.api.services import create_api_token, revoke_api_token
from sendtrack.plans.models import DueDateRequest
from tests.factories import (
    ActionFactory,
    PartnershipFactory,
    PersonFactory,
    PlanFactory,
    RiskFactory,
)

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/api/plans", "/api/actions", "/api/risks", "/api/indicator-values"]


@pytest.fixture
def token(partnership):
    return create_api_token(partnership=partnership, name="Power BI")[1]


@pytest.fixture
def api(client, token):
    def get(path, **params):
        return client.get(path, params, HTTP_AUTHORIZATION=f"Bearer {token}")

    return get


@pytest.fixture
def data(partnership):
    plan = PlanFactory(partnership=partnership, title="Northdale WSOA")
    today = timezone.localdate()
    late = ActionFactory(plan=plan, ref="1.1", due=today - timedelta(days=3), owner_raw="PeRi")
    fine = ActionFactory(plan=plan, ref="1.2", status="on_track")
    ActionFactory(plan=plan, ref="1.3", archived_at=timezone.now())
    lead = PersonFactory(
        partnership=partnership, name="Peter Rigby", email="peter@northdale.gov.uk"
    )
    late.owners.add(lead)
    risk = RiskFactory(plan=plan, title="Capacity", owner=lead, owner_raw="PeRi")
    elsewhere = PartnershipFactory(slug="southvale")
    other_plan = PlanFactory(partnership=elsewhere, title="Southvale plan")
    other_action = ActionFactory(plan=other_plan, ref="9.9", text="Southvale action")
    other_risk = RiskFactory(plan=other_plan, title="Southvale risk")
    return {
        "plan": plan,
        "late": late,
        "fine": fine,
        "risk": risk,
        "elsewhere": elsewhere,
        "other_plan": other_plan,
        "other_action": other_action,
        "other_risk": other_risk,
    }


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_plans(api, data):
    body = api("/api/plans").json()
    assert body["count"] == 1 and body["limit"] == 100 and body["offset"] == 0
    [plan] = body["items"]
    assert plan["title"] == "Northdale WSOA"
    assert plan["action_count"] == 2  # the archived action is not counted
    assert plan["risk_count"] == 1


def test_actions_carry_their_rag_and_the_reason(api, data):
    items = {item["ref"]: item for item in api("/api/actions").json()["items"]}
    assert set(items) == {"1.1", "1.2"}  # live actions only
    late = items["1.1"]
    assert late["rag"] == "red"
    assert late["rag_reason"].startswith("Past its due date of")
    assert late["rag_overridden"] is False
    assert late["owner"] == "PeRi"
    assert late["plan_id"] == data["plan"].pk
    assert items["1.2"]["rag"] == "green"


def test_risks(api, data):
    [risk] = api("/api/risks").json()["items"]
    assert risk["title"] == "Capacity" and risk["owner"] == "PeRi" and risk["rag"] == "red"


def test_no_personal_data_beyond_owner_text(api, data):
    for path in ENDPOINTS:
        text = api(path).content.decode()
        assert "peter@northdale.gov.uk" not in text
        assert "Peter Rigby" not in text
        assert "email" not in text


def test_a_token_never_sees_another_partnership(api, data):
    everything = "".join(api(path).content.decode() for path in ENDPOINTS)
    assert "Southvale" not in everything
    assert data["other_action"].pk not in ids(api("/api/actions"))
    assert data["other_risk"].pk not in ids(api("/api/risks"))
    # Naming another partnership's plan finds nothing rather than its rows.
    assert ids(api("/api/actions", plan_id=data["other_plan"].pk)) == []
    assert ids(api("/api/risks", plan_id=data["other_plan"].pk)) == []
    assert ids(api("/api/actions", plan_id=data["plan"].pk)) == [
        data["late"].pk,
        data["fine"].pk,
    ]


def test_the_other_partnerships_token_sees_only_its_own(client, data):
    _, raw = create_api_token(partnership=data["elsewhere"], name="Their BI")
    response = client.get("/api/actions", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert ids(response) == [data["other_action"].pk]


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer not-a-token", "Basic dXNlcjpwYXNz", "Token st_x"],
)
def test_no_valid_token_no_data(client, data, path, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get(path, **extra)
    assert response.status_code == 401
    assert "items" not in response.json()


def test_a_revoked_token_stops_working(client, partnership, data):
    record, raw = create_api_token(partnership=partnership, name="Old")
    assert client.get("/api/plans", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    revoke_api_token(token=record)
    assert client.get("/api/plans", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_a_signed_in_session_is_not_enough(client, members, data):
    client.force_login(members["administrator"])
    assert client.get("/api/plans").status_code == 401


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_read_only(client, token, data, path, method):
    response = getattr(client, method)(
        path, {}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 405


def test_paging(api, partnership, data):
    plan = data["plan"]
    for _ in range(5):
        ActionFactory(plan=plan)
    every = ids(api("/api/actions", limit=1000))
    assert len(every) == 7 and every == sorted(every)
    page = api("/api/actions", limit=3, offset=2).json()
    assert page["count"] == 7 and page["limit"] == 3 and page["offset"] == 2
    assert [item["id"] for item in page["items"]] == every[2:5]
    assert ids(api("/api/actions", limit=3, offset=6)) == every[6:]
    assert ids(api("/api/actions", offset=100)) == []


@pytest.mark.parametrize("params", [{"limit": 1001}, {"limit": 0}, {"offset": -1}])
def test_paging_limits(api, data, params):
    assert api("/api/actions", **params).status_code == 422


@pytest.mark.parametrize("path", ENDPOINTS)
def test_queries_do_not_grow_with_rows(api, data, path, django_assert_max_num_queries):
    # Token lookup, last-used stamp, count, page: four at most, however many rows.
    with django_assert_max_num_queries(4):
        assert api(path).status_code == 200
    plan = data["plan"]
    for n in range(25):
        ActionFactory(plan=plan)
        RiskFactory(plan=plan)
        PlanFactory(partnership=plan.partnership, title=f"Plan {n}")
    with django_assert_max_num_queries(4):
        response = api(path, limit=1000)
    assert response.status_code == 200
    if path != "/api/indicator-values":
        assert response.json()["count"] >= 26


def test_last_used_is_stamped(api, partnership):
    record = ApiToken.objects.get(partnership=partnership)
    assert record.last_used_at is None
    api("/api/plans")
    record.refresh_from_db()
    assert record.last_used_at is not None


def test_only_a_hash_of_the_token_is_stored(partnership):
    record, raw = create_api_token(partnership=partnership, name="Power BI")
    assert raw.startswith("st_") and len(raw) > 40
    assert record.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    stored = ApiToken.objects.filter(pk=record.pk).values().get()
    assert raw not in {str(value) for value in stored.values()}


def test_create_api_token_command_shows_the_token_once(client, partnership, members, data):
    out, err = StringIO(), StringIO()
    call_command(
        "create_api_token",
        "--partnership",
        "northdale",
        "--name",
        "Power BI",
        "--created-by",
        "administrator",
        stdout=out,
        stderr=err,
    )
    raw = out.getvalue().strip()
    assert "cannot be shown again" in err.getvalue()
    record = ApiToken.objects.get(name="Power BI")
    assert record.created_by == members["administrator"]
    assert record.partnership == partnership
    assert client.get("/api/plans", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


def test_revoke_api_token_command(client, partnership, data):
    _, raw = create_api_token(partnership=partnership, name="Old BI")
    call_command(
        "revoke_api_token", "--partnership", "northdale", "--name", "Old BI", stdout=StringIO()
    )
    assert client.get("/api/plans", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_commands_refuse_unknown_partnerships(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("create_api_token", "--partnership", "nowhere", "--name", "x")


def test_indicator_values(api, partnership, data):
    from sendtrack.indicators.models import Indicator, IndicatorValue

    indicator = Indicator.objects.create(
        partnership=partnership,
        name="New EHC plans issued within 20 weeks",
        kind="how_well",
        target_value=Decimal("60"),
    )
    value = IndicatorValue.objects.create(
        partnership=partnership,
        indicator=indicator,
        period=date(2025, 1, 1),
        value=Decimal("48.50"),
        numerator=97,
        denominator=200,
        national=Decimal("50.3"),
        note="Spoke to Jo Bloggs about the figures",
    )
    other = Indicator.objects.create(partnership=data["elsewhere"], name="Theirs", kind="how_much")
    IndicatorValue.objects.create(
        partnership=data["elsewhere"], indicator=other, period=date(2025, 1, 1), value=1
    )
    body = api("/api/indicator-values").json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["id"] == value.pk
    assert item["indicator"] == "New EHC plans issued within 20 weeks"
    assert item["value"] == 48.5 and item["target_value"] == 60.0 and item["national"] == 50.3
    assert item["period"] == "2025-01-01"
    assert "Jo Bloggs" not in api("/api/indicator-values").content.decode()
    assert ids(api("/api/indicator-values", indicator_id=other.pk)) == []


def test_actions_say_when_they_await_sign_off_or_a_new_due_date(api, data, members):
    fine = data["fine"]
    fine.status, fine.awaiting_sign_off = "complete", True
    fine.save()
    late = data["late"]
    DueDateRequest.objects.create(
        partnership=late.partnership,
        action=late,
        due=date(2027, 3, 31),
        due_raw="31/03/2027",
        reason="The forum asked for another round",
        requested_by=members["action_lead"],
        status="replaced",
    )
    DueDateRequest.objects.create(
        partnership=late.partnership,
        action=late,
        due=date(2027, 6, 30),
        reason="The forum meets later",
        requested_by=members["action_lead"],
    )
    items = {item["ref"]: item for item in api("/api/actions").json()["items"]}
    assert items["1.2"]["awaiting_sign_off"] is True and items["1.2"]["rag"] != "blue"
    assert items["1.2"]["due_date_request"] is None
    asked = items["1.1"]["due_date_request"]
    assert asked["due"] == "2027-06-30" and asked["reason"] == "The forum meets later"
    assert items["1.1"]["due"] == late.due.isoformat()  # the date in force until approved
    assert items["1.1"]["awaiting_sign_off"] is False
