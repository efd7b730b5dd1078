import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from sendtrack.sendiass.demo import load_sendiass_demo
from sendtrack.sendiass.models import SendiassCase, SendiassStaff

from .conftest import BOTH, sign_in

pytestmark = pytest.mark.django_db(databases=BOTH)


def test_demo_loads_and_its_pages_work(client, settings):
    result = load_sendiass_demo()
    assert result["cases"] == 1500 == SendiassCase.objects.count()
    assert load_sendiass_demo()["cases"] == 1500  # a second run adds nothing
    manager = SendiassStaff.objects.get(username="sendiass-manager")
    assert manager.check_password("sendtrack-demo") and manager.role == "manager"
    # The demo's SENDIASS accounts are not council sign-ins.
    assert not get_user_model().objects.filter(username__startswith="sendiass-").exists()
    sign_in(client, manager)
    case = SendiassCase.objects.order_by("pk").first()
    for url in [
        reverse("sendiass:home"),
        reverse("sendiass:case_list"),
        reverse("sendiass:triage_queue"),
        reverse("sendiass:consents_due"),
        reverse("sendiass:case_detail", kwargs={"case_id": case.pk}),
        reverse("sendiass:annual_report"),
        reverse("sendiass:evaluations"),
        reverse("sendiass:complaints"),
    ]:
        assert client.get(url).status_code == 200, url
