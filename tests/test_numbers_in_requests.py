"""Numbers typed into addresses and forms: one too large for the database (20 digits), negative,
not a number at all, or a year no calendar holds, answers "not found", a form error or the
page without that filter, never a server error."""

import pytest
from django.urls import reverse

from sendtrack.accounts.models import User
from sendtrack.api.services import create_api_token
from sendtrack.indicators.models import Indicator
from tests.factories import MembershipFactory, PlanFactory, SectionFactory
from tests.sendiass.conftest import make_staff, sign_in

pytestmark = pytest.mark.django_db(databases=["default", "sendiass"])

BAD_NUMBERS = ["99999999999999999999", "-5", "abc", "9999", "0", "²"]
OK = {200, 302, 404, 422}  # the page (the bad filter set aside), not found, a form error


@pytest.fixture
def area(partnership, members):
    plan = PlanFactory(partnership=partnership)
    section = SectionFactory(plan=plan)
    indicator = Indicator.objects.create(partnership=partnership, name="Visits", kind="how_much")
    officer = User.objects.create_user("officer")
    MembershipFactory(user=officer, partnership=partnership, role="casework_officer")
    _, token = create_api_token(partnership=partnership, name="analyst")
    return {
        "p": partnership.slug,
        "plan": plan.pk,
        "section": section.pk,
        "indicator": indicator.pk,
        "manager": members["programme_manager"],
        "officer": officer,
        "token": token,
    }


def council(name, query, who="manager", **kwargs):
    return ("council", who, name, kwargs, query)


# (who asks, url name, its arguments, the query string with {n} for the bad number)
GETS = [
    council("plan_detail", "section={n}", plan_id="plan"),
    council("plan_detail", "page={n}", plan_id="plan"),
    council("indicator_value", "period={n}-01", indicator_id="indicator"),
    council("indicator_value", "period=2026-{n}", indicator_id="indicator"),
    council("report_index", "plan={n}&month=2026-01"),
    council("report_index", "page={n}"),
    council("statutory:worklist", "officer={n}&setting={n}", "officer", worklist="reviews-due"),
    council("statutory:worklist", "page={n}", "officer", worklist="reviews-due"),
    council(
        "statutory:worklist_export",
        "officer={n}",
        "officer",
        worklist="reviews-due",
        fmt="csv",
    ),
    council("statutory:measures", "year={n}", "officer"),
    council("statutory:measures_export", "year={n}", "officer", fmt="csv"),
    ("sendiass", None, "sendiass:case_list", {}, "page={n}&level={n}"),
    ("sendiass", None, "sendiass:deficits", {}, "year={n}"),
    ("sendiass", None, "sendiass:evaluations", {}, "year={n}"),
    ("sendiass", None, "sendiass:annual_report", {}, "year={n}"),
    ("sendiass", None, "sendiass:annual_report", {}, "period={n}-q1"),
    ("sendiass", None, "sendiass:annual_report_docx", {}, "year={n}"),
    ("sendiass", None, "sendiass:self_assessment", {}, "year={n}"),
    ("api", None, "/api/plans", {}, "offset={n}"),
    ("api", None, "/api/actions", {}, "offset={n}&plan_id={n}"),
    ("api", None, "/api/actions", {}, "limit={n}"),
    ("api", None, "/api/risks", {}, "plan_id={n}"),
    ("api", None, "/api/risks", {}, "offset={n}"),
    ("api", None, "/api/indicator-values", {}, "indicator_id={n}&offset={n}"),
]


def ask(client, area, kind, who, name, kwargs, query, number, method="get", data=None):
    headers = {}
    if kind == "api":
        path = name
        headers["HTTP_AUTHORIZATION"] = f"Bearer {area['token']}"
    elif kind == "sendiass":
        sign_in(client, make_staff("manager", 901, username="sendiass-boss"))
        path = reverse(name, kwargs=kwargs)
    else:
        client.force_login(area[who])
        resolved = {k: area.get(v, v) for k, v in kwargs.items()}
        path = reverse(name, kwargs={"partnership": area["p"], **resolved})
    if query:
        path += "?" + query.format(n=number)
    return getattr(client, method)(path, data, **headers)


@pytest.mark.parametrize("number", BAD_NUMBERS)
@pytest.mark.parametrize(("kind", "who", "name", "kwargs", "query"), GETS)
def test_a_bad_number_in_a_query_string_is_never_a_server_error(
    client, area, kind, who, name, kwargs, query, number
):
    response = ask(client, area, kind, who, name, kwargs, query, number)
    assert response.status_code in OK, (name, query, number, response.status_code)
    if kind == "api" and number in {"99999999999999999999", "abc", "²"}:
        assert response.status_code == 422  # the API says which parameter is wrong


@pytest.mark.parametrize("number", BAD_NUMBERS)
def test_a_bad_month_in_a_board_report_address_is_not_found(client, area, number):
    client.force_login(area["manager"])
    for month in (f"{number}-01", f"2026-{number}"):
        for name, extra in (("board_report", {}), ("board_report_download", {"fmt": "csv"})):
            path = reverse(
                name,
                kwargs={"partnership": area["p"], "plan_id": area["plan"], "month": month} | extra,
            )
            assert client.get(path).status_code == 404, (name, month)


@pytest.mark.parametrize("number", BAD_NUMBERS)
def test_a_bad_number_posted_to_publish_a_report_is_not_found(client, area, number):
    client.force_login(area["manager"])
    path = reverse("report_publish", kwargs={"partnership": area["p"]})
    posts = [
        {"kind": "board", "plan": number, "month": "2026-01"},
        {"kind": "board", "plan": area["plan"], "month": f"{number}-01"},
        {"kind": "highlight", "section": number},
    ]
    for data in posts:
        assert client.post(path, data).status_code == 404, data


@pytest.mark.parametrize("number", BAD_NUMBERS)
def test_a_bad_month_entered_for_an_indicator_is_a_form_error(client, area, number):
    client.force_login(area["manager"])
    path = reverse(
        "indicator_value", kwargs={"partnership": area["p"], "indicator_id": area["indicator"]}
    )
    typed = (
        {"period-month": "01", "period-year": number},
        {"period-month": number, "period-year": "2026"},
    )
    for period in typed:
        response = client.post(path, {**period, "value": "5"})
        assert response.status_code == 200, period
        assert "There is a problem" in response.content.decode(), period
    assert not Indicator.objects.get(pk=area["indicator"]).values.exists()
