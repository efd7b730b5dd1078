"""Importing a plan in the app: upload → preview → confirm, with nothing stored before confirm."""

import io
import re
import time
import zipfile
from html import unescape

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendtrack.accounts.models import Person
from sendtrack.imports import services, tasks
from sendtrack.imports.services import Draft, owner_key, sign_draft
from sendtrack.jobs.limits import Failed
from sendtrack.jobs.models import Job
from sendtrack.plans.models import Action, Plan, Section
from tests.factories import PartnershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

# A small plan in the text form the readers give (a table row per line, cells TAB-separated).
PLAN_TEXT = (
    "Riverton SEND Improvement Plan\n\n"
    "April 2031\n\n"
    "Workstream 1 \u2013 Early help\n"
    "Ref\tAction\tLead\tTimeframe\tProgress\n"
    "1.1\tPublish a single early help directory for families\tJane Doe\tMarch 2032\tOn track\n"
    "1.2\tTrain every nursery in the graduated approach\tKQ\tAutumn Term 2031\tIn progress\n"
    "1.3\tSet up a weekly triage panel with health partners\t\t31/09/2031\tNot started\n"
    "Workstream 2 \u2013 Preparing for adulthood\n"
    "Ref\tAction\tLead\tTimeframe\tProgress\n"
    "2.1\tWrite a guide to adult services with young people\tHead of Inclusion\t2032\t\n"
)


def url(name, partnership):
    return reverse(name, kwargs={"partnership": partnership.slug})


def upload(client, partnership, content, name="riverton-plan.txt"):
    """Upload a document and follow on to the job page that reads it (the tests' immediate
    task backend has read it by then): the preview, or the upload page with why not."""
    document = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    response = client.post(url("import_upload", partnership), {"document": document})
    if response.status_code != 302:
        return response  # the form itself refused the file
    assert re.search(r"/p/[^/]+/imports/jobs/[0-9a-f-]{36}/$", response["Location"])
    return client.get(response["Location"])


def draft_token(response):
    match = re.search(r'name="draft" value="([^"]+)"', response.content.decode())
    assert match, "the page carries no draft"
    return unescape(match.group(1))


def error_summary(response):
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html
    summary = html.split('govuk-error-summary__list"', 1)[1].split("</ul>", 1)[0]
    return [unescape(m) for m in re.findall(r"<li><a href=\"#[^\"]*\">(.*?)</a></li>", summary)]


def text_of(response):
    """What the page says, without its markup, spaces collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def people(partnership):
    return {
        "jane": PersonFactory(partnership=partnership, name="Jane Doe", initials="JaDo"),
        "kim": PersonFactory(partnership=partnership, name="Kim Quinn", initials="KiQu"),
    }


@pytest.fixture
def manager(client_for, members):
    return client_for(members["programme_manager"])


def nothing_stored():
    return not Plan.objects.exists() and not Action.objects.exists()


def test_upload_preview_correct_map_and_confirm(manager, partnership, people):
    page = manager.get(url("import_upload", partnership))
    assert page.status_code == 200
    assert 'type="file"' in page.content.decode()

    response = upload(manager, partnership, PLAN_TEXT.encode())
    assert response.status_code == 200
    shown = text_of(response)
    assert "Riverton SEND Improvement Plan" in shown
    for text in [
        "Publish a single early help directory for families",
        "Train every nursery in the graduated approach",
        "Set up a weekly triage panel with health partners",
        "Write a guide to adult services with young people",
    ]:
        assert text in shown
    assert "Workstream 1 – Early help (workstream) : 3 actions" in shown  # the section tree
    # Problems and low-confidence fields, each in words beside its action.
    assert "Impossible date '31/09/2031': 31/09/2031 is not a real date" in shown  # linter
    assert "Check The timeframe cannot be read: 31/09/2031 is not a real date" in shown
    assert "No owner: say who leads this action." in shown
    assert "Check No lead is named" in shown
    assert "Initials not resolved: KQ is not in the owner glossary" in shown
    # A lead that names nobody is said beside it, to match once above; not a row to check.
    assert shown.count("Names nobody in the partnership yet") == 2  # KQ, Head of…
    assert "Check Names nobody" not in shown
    assert "Vague date '2032'" in shown and "Check A vague timeframe (year)" in shown
    assert "Linked to Jane Doe" in shown
    html = response.content.decode()
    assert 'name="actions-2-owner"' in html and 'name="actions-2-due_raw"' in html
    assert f'name="owner-{owner_key("KQ")}"' in html  # KQ can be matched to a person
    assert nothing_stored()

    # Correct the missing lead and the impossible date; match KQ to Kim Quinn.
    kq = f"owner-{owner_key('KQ')}"
    response = manager.post(
        url("import_preview", partnership),
        {
            "draft": draft_token(response),
            "page": "1",
            "show": "1",
            "actions-2-owner": "Jane Doe",
            "actions-2-due_raw": "30/09/2031",
            "actions-2-status": "in_progress",
            kq: str(people["kim"].pk),
        },
    )
    assert response.status_code == 200
    shown = text_of(response)
    assert "31/09/2031" not in shown
    assert "30 September 2031" in shown  # the corrected timeframe, read again
    assert "Initials not resolved: KQ" not in shown  # KQ is now one of Kim Quinn's names
    assert "No owner" not in shown
    assert f'<option value="{people["kim"].pk}" selected>' in response.content.decode()
    assert nothing_stored()
    assert people["kim"].aliases == [] and Person.objects.get(pk=people["kim"].pk).aliases == []

    # Confirm: the choices travel in the signed draft, so nothing else need be posted.
    response = manager.post(
        url("import_confirm", partnership), {"draft": draft_token(response), "page": "1"}
    )
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "plan_detail", kwargs={"partnership": partnership.slug, "plan_id": plan.pk}
    )
    assert plan.partnership == partnership and plan.source_document == "riverton-plan.txt"
    assert Section.objects.filter(plan=plan).count() == 2
    actions = {a.ref: a for a in plan.actions.prefetch_related("owners")}
    assert set(actions) == {"1.1", "1.2", "1.3", "2.1"}
    corrected = actions["1.3"]
    assert corrected.owner_raw == "Jane Doe"
    assert corrected.due_raw == "30/09/2031" and corrected.due.isoformat() == "2031-09-30"
    assert corrected.status == "in_progress"
    assert list(corrected.owners.all()) == [people["jane"]]
    kim = Person.objects.get(pk=people["kim"].pk)
    assert "KQ" in kim.aliases
    assert kim.history.first().history_user is not None  # the alias change is in the history
    assert list(actions["1.2"].owners.all()) == [kim]
    assert list(actions["2.1"].owners.all()) == []  # unmatched leads stay as written
    assert actions["2.1"].owner_raw == "Head of Inclusion"
    assert not Person.objects.filter(name="Head of Inclusion").exists()
    rules = {(p["where"], p["rule"]) for p in plan.problems}  # kept to follow up
    assert ("action 2.1", "vague_date") in rules
    assert not {rule for where, rule in rules if where == "action 1.3"} & {
        "no_owner",
        "impossible_date",
    }

    page = manager.get(response["Location"])
    assert "imported with 4 actions" in text_of(page)
    assert "govuk-notification-banner--success" in page.content.decode()


def test_refused_corrections_are_shown_with_the_typed_value(manager, partnership, people):
    response = upload(manager, partnership, PLAN_TEXT.encode())
    too_long = "x" * 301
    response = manager.post(
        url("import_confirm", partnership),
        {
            "draft": draft_token(response),
            "page": "1",
            "actions-0-due_raw": too_long,
            "actions-1-status": "finished",
        },
    )
    assert response.status_code == 400
    assert error_summary(response) == [
        "The timeframe must be 300 characters or fewer",
        "Select a status from the list",
    ]
    html = response.content.decode()
    assert 'href="#actions-0-due_raw"' in html and f'value="{too_long}"' in html
    assert 'aria-describedby="actions-1-status-raw actions-1-status-error"' in html
    assert nothing_stored()


def test_a_changed_draft_is_refused(manager, partnership, people):
    token = draft_token(upload(manager, partnership, PLAN_TEXT.encode()))
    value, signature = token.rsplit(":", 1)
    tampered = value[:-4] + ("AAAA" if value[-4:] != "AAAA" else "BBBB") + ":" + signature
    for name in ["import_preview", "import_confirm"]:
        response = manager.post(url(name, partnership), {"draft": tampered, "page": "1"})
        assert response.status_code == 400
        assert error_summary(response) == [
            "This preview has been changed outside sendtrack, so it cannot be trusted: "
            "upload the document again."
        ]
    response = manager.post(url("import_confirm", partnership), {"page": "1"})
    assert response.status_code == 400
    assert len(error_summary(response)) == 1
    assert nothing_stored()


def test_a_draft_from_another_partnership_or_older_than_a_day_is_refused(
    manager, partnership, people, monkeypatch
):
    draft = services.draft_from_upload(PLAN_TEXT.encode(), "plan.txt")
    elsewhere = sign_draft(draft, partnership=PartnershipFactory(slug="elsewhere"))
    response = manager.post(url("import_confirm", partnership), {"draft": elsewhere})
    assert response.status_code == 400
    assert "belongs to another partnership" in error_summary(response)[0]

    day_ago = time.time() - 24 * 60 * 60 - 5
    monkeypatch.setattr(signing.time, "time", lambda: day_ago)
    old = sign_draft(draft, partnership=partnership)
    monkeypatch.undo()
    response = manager.post(url("import_confirm", partnership), {"draft": old})
    assert response.status_code == 400
    assert error_summary(response) == [
        "This preview is more than 24 hours old: upload the document again."
    ]
    assert nothing_stored()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BAD_INPUTS = [
    ("empty.txt", b"", "The selected file is empty: there is nothing to import"),
    ("junk.txt", bytes(range(256)) * 40, "junk.txt holds binary data, not text"),
    ("plan.docx", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(500), "plan.docx is a Windows program"),
    ("plan.docx", b"PK\x03\x04" + b"\x00garbage" * 40, "plan.docx is damaged"),
    (
        "bomb.docx",
        _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"0" * 30_000_000}),
        "as a zip bomb is: it was not opened",
    ),
    ("people.csv", b"Name,Age,Town\nBob,4,Leeds\nAnn,7,York\n", "No actions or sections"),
]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    BAD_INPUTS,
    ids=[f"{name}-{message[:12]}" for name, _, message in BAD_INPUTS],  # the zip is dated now
)
def test_bad_input_gives_one_clear_error_and_stores_nothing(
    manager, partnership, people, name, content, message
):
    response = upload(manager, partnership, content, name=name)
    # The form refuses an empty file (400); the others fail in the job that reads them.
    assert response.status_code == (400 if not content else 200)
    errors = error_summary(response)
    assert len(errors) == 1 and message in errors[0], errors
    assert 'href="#id_document"' in response.content.decode()
    assert "Error: Import a plan" in text_of(response)
    assert nothing_stored()
    assert all(p.aliases == [] for p in Person.objects.all())


def test_a_file_over_50_mb_is_refused_before_it_is_read(manager, partnership, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("an oversized file was stored to be read")

    monkeypatch.setattr(tasks, "start_import", never)
    big = b"Ref\tAction\n" + b"x" * (50 * 1024 * 1024)
    response = upload(manager, partnership, big, name="huge.txt")
    assert response.status_code == 400
    assert error_summary(response) == ["The selected file must be smaller than 50 MB"]
    assert nothing_stored() and not Job.objects.exists()


def test_a_reader_failure_is_a_message_not_a_crash(manager, partnership, monkeypatch):
    def broken(work, args, **kwargs):
        raise Failed("RuntimeError")

    monkeypatch.setattr(tasks, "run_limited", broken)
    response = upload(manager, partnership, PLAN_TEXT.encode())
    assert response.status_code == 200
    assert error_summary(response)[0].startswith("riverton-plan.txt could not be read as a plan")
    assert nothing_stored()


@pytest.mark.parametrize("role", ["viewer", "action_lead"])
def test_viewers_and_action_leads_cannot_import(client_for, members, partnership, role):
    client = client_for(members[role])
    token = sign_draft(
        services.draft_from_upload(PLAN_TEXT.encode(), "plan.txt"), partnership=partnership
    )
    assert client.get(url("import_upload", partnership)).status_code == 403
    assert upload(client, partnership, PLAN_TEXT.encode()).status_code == 403
    for name in ["import_preview", "import_confirm"]:
        assert client.post(url(name, partnership), {"draft": token}).status_code == 403
    assert nothing_stored()
    dashboard = client.get(reverse("dashboard", kwargs={"partnership": partnership.slug}))
    assert "Import a plan" not in dashboard.content.decode()


def test_the_dashboard_links_managers_to_the_import(manager, partnership):
    dashboard = manager.get(reverse("dashboard", kwargs={"partnership": partnership.slug}))
    assert url("import_upload", partnership) in dashboard.content.decode()


def _plan_json(count: int) -> dict:
    return {
        "plan_title": f"Synthetic plan of {count} actions",
        "organisation": None,
        "kind": "improvement_plan",
        "as_at_raw": "May 2031",
        "as_at": "2031-05-31",
        "sections": [
            {"ref": str(n), "title": f"Workstream {n}", "kind": "workstream", "parent_ref": None}
            for n in range(1, 6)
        ],
        "actions": [
            {
                "ref": f"{i % 5 + 1}.{i}",
                "section": f"Workstream {i % 5 + 1}",
                "text": f"Deliver improvement number {i} with families",
                "owner": ["Jane Doe", f"Team lead {i % 7}", None][i % 3],
                "partners": [],
                "start_raw": None,
                "due_raw": ["March 2032", "Autumn Term 2031", "31/09/2031", None][i % 4],
                "due": ["2032-03-31", "2031-12-31", None, None][i % 4],
                "status_raw": None,
                "status": None,
                "rag": None,
                "measures": [],
                "finding": None,
            }
            for i in range(count)
        ],
        "milestones": [],
        "risks": [],
        "indicators": [],
        "owner_glossary": {},
        "problems": [],
    }


def test_the_preview_of_a_long_plan_reads_a_fixed_number_of_queries(manager, partnership, people):
    counts = {}
    for size in (10, 150):
        token = sign_draft(Draft(plan=_plan_json(size), filename="p.txt"), partnership=partnership)
        with CaptureQueriesContext(connection) as queries:
            response = manager.post(
                url("import_preview", partnership), {"draft": token, "page": "1"}
            )
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count('<tr class="govuk-table__row" id="action-') == size
        assert f'name="actions-{size - 1}-owner"' in html
        counts[size] = len(queries)
    assert counts[150] == counts[10] <= 8, counts


def test_a_very_long_plan_is_previewed_a_page_at_a_time(manager, partnership, people):
    token = sign_draft(Draft(plan=_plan_json(320), filename="p.txt"), partnership=partnership)
    response = manager.post(url("import_preview", partnership), {"draft": token, "show": "3"})
    html = response.content.decode()
    assert "Actions 301 to 320 of 320" in text_of(response)
    assert 'name="actions-300-owner"' in html and 'name="actions-299-owner"' not in html
    # A change on page 3 is kept when moving to page 1, and stored on confirm.
    response = manager.post(
        url("import_preview", partnership),
        {"draft": draft_token(response), "page": "3", "show": "1", "actions-305-owner": "Kim"},
    )
    assert "Actions 1 to 150 of 320" in text_of(response)
    response = manager.post(
        url("import_confirm", partnership), {"draft": draft_token(response), "page": "1"}
    )
    assert response.status_code == 302
    action = Action.objects.get(position=305)
    assert action.owner_raw == "Kim"


def test_a_plan_that_cannot_be_stored_is_shown_with_why(manager, partnership, people):
    plan = _plan_json(3)
    plan["plan_title"] = "A" * 301  # longer than the database holds
    token = sign_draft(Draft(plan=plan, filename="p.txt"), partnership=partnership)
    response = manager.post(url("import_preview", partnership), {"draft": token})
    assert "Problems with the whole plan" in text_of(response)
    response = manager.post(url("import_confirm", partnership), {"draft": token})
    assert response.status_code == 400
    assert error_summary(response) == [
        "The plan cannot be stored: 1 problem with the whole plan must be put right in the "
        "document first"
    ]
    assert 'href="#plan-problems"' in response.content.decode()
    assert 'id="plan-problems"' in response.content.decode()
    assert nothing_stored()


def test_a_person_removed_before_confirm_is_reported(manager, partnership, people):
    response = upload(manager, partnership, PLAN_TEXT.encode())
    response = manager.post(
        url("import_preview", partnership),
        {"draft": draft_token(response), f"owner-{owner_key('KQ')}": str(people["kim"].pk)},
    )
    token = draft_token(response)
    people["kim"].delete()
    response = manager.post(url("import_confirm", partnership), {"draft": token})
    assert response.status_code == 400
    assert error_summary(response) == [
        "The person chosen for the lead “KQ” is no longer in the partnership: choose someone else."
    ]
    assert nothing_stored()
