"""Pages and downloads with personal data are never kept by a browser or a shared cache
(`Cache-Control: no-store`); the public report and static files stay cacheable."""

import pytest
from django.conf import settings
from django.urls import reverse

from sendtrack.reports.models import PublishedReport
from tests.factories import PlanFactory
from tests.sendiass.conftest import make_staff, sign_in

pytestmark = pytest.mark.django_db(databases=["default", "sendiass"])


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def url(name, partnership, **kwargs):
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


@pytest.fixture
def public_report(partnership):
    return PublishedReport.objects.create(
        partnership=partnership,
        kind="public",
        number=1,
        title="How we are doing",
        content={"kind": "public", "title": "How we are doing", "blocks": []},
        html="<p>Progress this term</p>",
    )


def test_a_signed_in_page_and_its_downloads_are_not_stored(client_for, partnership, members):
    plan = PlanFactory(partnership=partnership)
    client = client_for(members["viewer"])
    for path in (
        url("dashboard", partnership),
        url("plan_detail", partnership, plan_id=plan.pk),
        url("plan_export", partnership, plan_id=plan.pk, fmt="csv"),
        url("plan_export", partnership, plan_id=plan.pk, fmt="xlsx"),
        url("my_actions_export", partnership, fmt="csv"),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert no_store(response), path


def test_a_signed_in_users_refusals_and_redirects_are_not_stored(client_for, partnership, members):
    client = client_for(members["viewer"])
    assert no_store(client.get(url("indicator_add", partnership)))  # 403
    assert no_store(client.get(reverse("home")))  # 302 to their partnership


def test_sendiass_pages_are_not_stored(client, partnership):
    assert no_store(client.get(reverse("sendiass:sign_in")))
    sign_in(client, make_staff("manager", 901))
    response = client.get(reverse("sendiass:case_list"))
    assert response.status_code == 200
    assert no_store(response)


def test_the_public_report_and_static_files_stay_cacheable(client, partnership, public_report):
    response = client.get(reverse("public_report", kwargs={"partnership": partnership.slug}))
    assert response.status_code == 200 and "Progress this term" in response.content.decode()
    assert not no_store(response)
    static = client.get(settings.STATIC_URL + "sendtrack/sendtrack.css")
    assert static.status_code == 200
    assert not no_store(static)


def test_the_analysts_api_is_not_stored(client, partnership):
    from sendtrack.api.services import create_api_token

    _, token = create_api_token(partnership=partnership, name="analyst")
    response = client.get("/api/plans", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert no_store(response)
