"""The load test's clients do what a browser does: sign in through the form, read the update
form's hidden version and CSRF token, post, and count an update acknowledged only when it is
redirected to the action page. Here they talk to Django's test client, one after the other,
for half a second each; the benchmark itself (bench/load.py) runs them against gunicorn."""

import time

import pytest
from django.test import Client as DjangoClient

from bench import load
from sendtrack.plans.models import ProgressUpdate
from tests.factories import (
    ActionFactory,
    MembershipFactory,
    PartnershipFactory,
    PlanFactory,
    UserFactory,
)


class InProcess(load.Client):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.browser = DjangoClient(enforce_csrf_checks=True)

    def fetch(self, method, path, data=None):
        if method == "GET":
            response = self.browser.get(path)
        else:
            response = self.browser.post(path, data)
        return load.Reply(
            response.status_code, response.get("Location", ""), response.content.decode()
        )


@pytest.mark.django_db
def test_clients_sign_in_post_updates_and_every_acknowledged_update_is_stored():
    partnership = PartnershipFactory(slug=load.PARTNERSHIP)
    plan = PlanFactory(partnership=partnership)
    action = ActionFactory(plan=plan)
    for username in ("manager", "admin"):
        user = UserFactory(username=username)
        user.set_password(load.PASSWORD)
        user.save()
        MembershipFactory(user=user, partnership=partnership, role="programme_manager")

    clients = [
        InProcess(number, "", username, [action.pk], [plan.pk], "feedbeef")
        for number, username in enumerate(["manager", "admin"])
    ]
    for client in clients:
        client.sign_in()
        assert client.record.signed_in, client.record.sign_in_problem
        client.loop(time.monotonic() + 0.5)

    samples = [s for c in clients for s in c.record.samples]
    posts = [p for c in clients for p in c.record.posts]
    assert posts and {s.status for s in samples} == {200, 302}
    assert {p.outcome for p in posts} == {"acknowledged"}
    stored = load._stored("feedbeef")["markers"]
    assert sorted(stored) == sorted(p.marker for p in posts)
    assert ProgressUpdate.objects.filter(action=action).count() == len(posts)


def test_form_fields_reads_hidden_inputs_and_options():
    form = load.form_fields(
        '<input type="hidden" name="version" value="7"><select name="status">'
        '<option value="">Choose</option><option value="on_track">On track</option></select>'
    )
    assert form.hidden == {"version": "7"}
    assert form.options == {"status": ["on_track"]}
