"""The real seed documents through the app: the Southend peer-review plan uploaded in the
browser's place (the upload view) and confirmed whole, and `sendtrack lint-plan` reporting the
Birmingham plan's impossible dates. Skipped where ../shared is absent."""

import io
import json
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from sendtrack.plans.models import Action, Plan
from tests.conftest import shared_path

pytestmark = pytest.mark.django_db

SOUTHEND = "southend-peer-review-implementation-plan-2022.txt"
BIRMINGHAM = "birmingham-sendiass-action-plan-2023.txt"


def _gold(name: str) -> dict:
    path = shared_path("seeds", "gold", name.removesuffix(".txt") + ".json")
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_southend_seed_uploads_and_confirms_with_all_its_actions(client_for, members):
    seed = shared_path("seeds", SOUTHEND)
    gold = _gold(SOUTHEND)
    partnership = members["programme_manager"].memberships.get().partnership
    manager = client_for(members["programme_manager"])
    document = SimpleUploadedFile(SOUTHEND, seed.read_bytes(), content_type="text/plain")
    upload_url = reverse("import_upload", kwargs={"partnership": partnership.slug})
    response = manager.post(upload_url, {"document": document}, follow=True)
    assert response.status_code == 200 and "/imports/jobs/" in response.redirect_chain[-1][0]
    html = response.content.decode()
    token = unescape(re.search(r'name="draft" value="([^"]+)"', html).group(1))
    shown = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))
    assert f"All {len(gold['actions'])} actions" in shown
    # Months with no year take the year in the "When (2022)" column name: none is impossible.
    assert "Impossible date 'Jan'" not in shown

    confirm_url = reverse("import_confirm", kwargs={"partnership": partnership.slug})
    response = manager.post(confirm_url, {"draft": token, "page": "1"})
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.source_document == SOUTHEND
    stored = list(Action.objects.filter(plan=plan).order_by("position"))
    assert len(stored) == len(gold["actions"])
    assert [(a.ref, a.text) for a in stored] == [(g["ref"], g["text"]) for g in gold["actions"]]
    assert [a.due.isoformat() if a.due else None for a in stored] == [
        g["due"] for g in gold["actions"]
    ]
    assert not [p for p in plan.problems if p["rule"] == "impossible_date"]


def test_lint_plan_reports_the_birmingham_plans_impossible_dates():
    seed = shared_path("seeds", BIRMINGHAM)
    expected = {
        (f"action {p['where']}", p["rule"])
        for p in _gold(BIRMINGHAM)["problems"]
        if p["rule"] == "impossible_date"
    }
    assert expected == {
        ("action 2.2 E.2", "impossible_date"),
        ("action 2.2 G.5", "impossible_date"),
    }

    out = io.StringIO()
    call_command("lint_plan", str(seed), "--json", stdout=out, stderr=io.StringIO())
    problems = json.loads(out.getvalue())
    found = {(p["where"], p["rule"]) for p in problems if p["rule"] == "impossible_date"}
    assert found == expected
    messages = {p["where"]: p["message"] for p in problems if p["rule"] == "impossible_date"}
    assert "31/09/2023 is not a real date" in messages["action 2.2 E.2"]
    assert "31/06/2023 is not a real date" in messages["action 2.2 G.5"]

    out = io.StringIO()
    call_command("lint_plan", str(seed), stdout=out, stderr=io.StringIO())
    assert "action 2.2 E.2: Impossible date '31/09/2023'" in out.getvalue()
