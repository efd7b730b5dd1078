"""Free text that can name a person is ciphertext everywhere in the SENDIASS database (its
history tables included), is shown decrypted on every page that shows it, and an existing
database is encrypted by its migration without losing anything."""

import io
import json
import re
import zipfile
from datetime import date, timedelta

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from sendtrack.sendiass import demo, imports, services
from sendtrack.sendiass.models import Complaint, Consent, EvaluationResponse, SendiassCase
from tests.date_input import date_input

from .conftest import BOTH, make_case, sign_in

pytestmark = pytest.mark.django_db(databases=BOTH)

# Made-up names written through the services, one per free-text field.
CLIENT = "Ottoline Quibble"
PARTY = "Perpetua Wimsey"
PARTY_ORGANISATION = "Fennimore Academy"
GIVEN_BY = "Marmaduke Quibble"
TOLD = "Told that Araminta Ploughwright would read the plan"
EXCEPTION = "Referred by Desmond Pargeter, the family's social worker"
LEVEL_REASON = "Tribunal papers for Lysander Pennyfeather"
DOCUMENT_CONSENT = "Ignatius Thorncastle"
DEFICIT_REQUEST = "Barnaby Crumpet asked for help at a meeting"
DEFICIT_DETAIL = "Only Wilhelmina Sprockett could have gone"
COMPLAINANT = "Hortensia Bellweather"
LEARNING = "Call Hortensia Bellweather back within a day"
EVIDENCE = "Audit by Tobias Wrenfield found all letters on time"
TRAINING_TITLE = "Annual reviews with Cordelia Ashgrove"
TRAINING_DETAIL = "SENCos from Quentin Mallory's cluster"
STEERING = "Rosalind Featherstonehaugh stood down as chair"
COMMENT = "Thank you to Cressida Fairweather"
IMPORTED = "Evangeline Tumblethorpe"
IMPORTED_EXCEPTION = "Her aunt, Philippa Gorringe, rang for her"

WRITTEN = [
    CLIENT,
    PARTY,
    PARTY_ORGANISATION,
    GIVEN_BY,
    TOLD,
    EXCEPTION,
    LEVEL_REASON,
    DOCUMENT_CONSENT,
    DEFICIT_REQUEST,
    DEFICIT_DETAIL,
    COMPLAINANT,
    LEARNING,
    EVIDENCE,
    TRAINING_TITLE,
    TRAINING_DETAIL,
    STEERING,
    COMMENT,
    IMPORTED,
    IMPORTED_EXCEPTION,
]


def _demo_names() -> list[str]:
    """Every name the demo writes: people from its name lists, and the parties of its
    consents (roles and organisations)."""
    people = [f"{first} {last}" for first in demo.FIRST for last in demo.LAST]
    parties = {role for role, _ in demo.PARTIES} | {
        "Northvale Primary" if org == "school" else f"Northvale {org}" for _, org in demo.PARTIES
    }
    return people + demo.FIRST + demo.LAST + sorted(parties)


def _pattern(names: list[str]) -> re.Pattern:
    """Whole names only. A Fernet token is URL-safe base64 ("A-Z a-z 0-9 - _" and "="), so a
    name can only be matched inside one when it runs on from base64 characters: requiring no
    such character on either side makes a false match in ciphertext impossible."""
    words = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9_\-])(?:{words})(?![A-Za-z0-9_\-])")


def clear_text_in_database(names: list[str]) -> list[tuple[str, str, str]]:
    """(table, column, name) for each name found in clear in any column of any table of the
    SENDIASS database, read with a plain cursor (no model, no decryption)."""
    pattern = _pattern(names)
    connection = connections["sendiass"]
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("latin-1")
                    if isinstance(value, dict | list):
                        value = json.dumps(value)
                    if isinstance(value, str):
                        found += [(table, column, m.group()) for m in pattern.finditer(value)]
    return found


def _write_records(staff, access_for):
    """One of everything, through the services, each free-text field naming someone."""
    by = access_for("manager")
    today = timezone.localdate()
    case = make_case(
        by,
        name=CLIENT,
        referred_on=today - timedelta(days=400),
        route="exception",
        exception_reason=EXCEPTION,
    )
    services.allocate_case(
        case_id=case.pk, caseworker_user_id=by.user_id, by=by, expected_version=None
    )
    services.record_consent(
        service_user_id=case.service_user_id,
        by=by,
        party_name=PARTY,
        party_organisation=PARTY_ORGANISATION,
        decision="given",
        given_on=today - timedelta(days=360),  # due for review within 4 weeks
        channel="phone",
        given_by=GIVEN_BY,
        what_they_were_told=TOLD,
    )
    services.record_contact(
        case_id=case.pk,
        by=by,
        on=today - timedelta(days=1),
        channel="phone",
        minutes=15,
        party_kind="third_party",
        party_name=PARTY,
        party_organisation=PARTY_ORGANISATION,
        notes="Spoke about the plan",
    )
    services.set_level(
        case_id=case.pk,
        level=3,
        applies_from=today,
        by=by,
        expected_version=None,
        reason=LEVEL_REASON,
    )
    services.add_document(
        case_id=case.pk,
        by=by,
        title="Letter",
        filename="letter.txt",
        content_type="text/plain",
        content=b"Dear family",
        consent_given_on=today,
        consent_given_by=DOCUMENT_CONSENT,
    )
    services.record_deficit(
        by=by,
        recorded_on=today,
        request=DEFICIT_REQUEST,
        reason="capacity",
        reason_detail=DEFICIT_DETAIL,
    )
    complaint = services.record_complaint(
        by=by, received_on=today - timedelta(days=10), complainant=COMPLAINANT, summary="Late"
    )
    services.update_complaint(
        complaint_id=complaint.pk,
        by=by,
        expected_version=complaint.version,
        changes={
            "acknowledged_on": today - timedelta(days=9),
            "responded_on": today - timedelta(days=2),
            "outcome": "upheld",
            "learning": LEARNING,
        },
    )
    year = today.year if today.month >= 4 else today.year - 1
    services.save_standard_assessment(
        by=by, year=year, standard="3.5 Tribunal support", rag="green", evidence=EVIDENCE
    )
    services.record_training(
        by=by,
        held_on=today,
        direction="delivered",
        title=TRAINING_TITLE,
        audience="professionals",
        audience_detail=TRAINING_DETAIL,
        attendees=12,
    )
    services.record_steering_meeting(by=by, held_on=today, changes=STEERING)
    token = services.issue_evaluation(kind="service_user", on=today)
    services.submit_evaluation(
        token=token, answers={"recommend": "agree", "comment": COMMENT}, today=today
    )
    return case, complaint, year


def test_no_name_is_stored_in_clear_and_every_page_shows_them(client, staff, access_for, tmp_path):
    demo.load_sendiass_demo(cases=40, contacts=120)
    case, complaint, year = _write_records(staff, access_for)
    access_file = tmp_path / "access.csv"
    access_file.write_text(
        "case_reference,referred_on,service_user_kind,service_user_name,referral_route,"
        f'referral_exception_reason,level\nA-9,01/05/2024,parent,{IMPORTED},other,"{IMPORTED_EXCEPTION}",2\n'
    )
    assert imports.import_cases(access_file) == 1

    found = clear_text_in_database(_demo_names() + WRITTEN)
    assert found == [], f"names stored in clear: {sorted({(t, c) for t, c, _ in found})}"

    # Every page that shows these fields shows them decrypted.
    sign_in(client, staff["manager"])

    def page(name: str, query: str = "", **kwargs) -> str:
        response = client.get(reverse(f"sendiass:{name}", kwargs=kwargs) + query)
        assert response.status_code == 200, name
        return response.content.decode()

    case_page = page("case_detail", case_id=case.pk)
    for text in [
        CLIENT,
        EXCEPTION,
        PARTY,
        PARTY_ORGANISATION,
        GIVEN_BY,
        TOLD,
        LEVEL_REASON,
        DOCUMENT_CONSENT,
    ]:
        assert text.replace("'", "&#x27;") in case_page, text
    imported = SendiassCase.objects.get(legacy_reference="A-9")
    imported_page = page("case_detail", case_id=imported.pk)
    assert IMPORTED in imported_page and IMPORTED_EXCEPTION in imported_page
    assert f"{PARTY}, {PARTY_ORGANISATION}" in page("consents_due")
    deficits = page("deficits")
    assert DEFICIT_REQUEST in deficits and DEFICIT_DETAIL in deficits
    assert LEARNING in page("complaints")
    complaint_page = page("complaint_detail", complaint_id=complaint.pk)
    assert COMPLAINANT in complaint_page and LEARNING in complaint_page
    assert EVIDENCE in page("self_assessment", f"?period={year}")
    training = page("training")
    assert TRAINING_TITLE in training and TRAINING_DETAIL.replace("'", "&#x27;") in training
    assert STEERING in page("steering_group")
    report = page("annual_report", f"?period={year}")
    for text in [EVIDENCE, TRAINING_TITLE, STEERING]:
        assert text in report, text
    # The demo's records too: a case with a consent, and a complaint.
    demo_consent = Consent.objects.exclude(service_user_id=case.service_user_id).first()
    demo_case = SendiassCase.objects.filter(service_user_id=demo_consent.service_user_id).first()
    demo_page = page("case_detail", case_id=demo_case.pk)
    assert demo_case.service_user.name in demo_page and demo_consent.party_name in demo_page
    assert demo_consent.party_name in {role for role, _ in demo.PARTIES}
    demo_complaint = Complaint.objects.exclude(pk=complaint.pk).first()
    assert demo_complaint.complainant in page("complaint_detail", complaint_id=demo_complaint.pk)

    # The subject access export holds them decrypted too.
    response = client.get(
        reverse("sendiass:subject_access_export", kwargs={"service_user_id": case.service_user_id})
    )
    records = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("records.json"))
    consent = records["consents"][0]
    assert (consent["party_name"], consent["party_organisation"]) == (PARTY, PARTY_ORGANISATION)
    assert (consent["given_by"], consent["what_they_were_told"]) == (GIVEN_BY, TOLD)
    assert records["contacts"][0]["party_name"] == PARTY
    assert records["cases"][0]["referral_exception_reason"] == EXCEPTION
    assert LEVEL_REASON in [level["reason"] for level in records["cases"][0]["levels"]]
    assert records["documents"][0]["consent_given_by"] == DOCUMENT_CONSENT
    answer = EvaluationResponse.objects.order_by("-id").first()
    assert answer.answers == {"recommend": "agree"}
    assert answer.written_answers == {"comment": COMMENT}


def test_consents_are_grouped_and_ordered_by_party_in_python(access_for):
    """Encrypted party names cannot be ordered or matched in SQL: the case page and the
    consent check still group "senco ,  Northdale Primary" with "SENCo, Northdale Primary",
    and order parties by name."""
    by = access_for("caseworker")
    case = make_case(by)
    for name, organisation in [
        ("Speech therapist", "NHS"),
        ("senco ,", " northdale primary"),
        ("Educational psychologist", "Council"),
        ("SENCo", "Northdale Primary"),
    ]:
        services.record_consent(
            service_user_id=case.service_user_id,
            by=by,
            party_name=name,
            party_organisation=organisation,
            decision="given",
            given_on=date(2025, 5, 6),
            channel="phone",
            given_by="Pat Parent",
        )
    from sendtrack.sendiass.selectors import consents_by_party

    parties = consents_by_party(case.service_user_id, date(2025, 6, 1))
    assert [p.party.key[0] for p in parties] == [
        "educational psychologist",
        "senco",
        "speech therapist",
    ]
    assert len(parties[1].rows) == 2
    check = services.check_contact(
        case.service_user_id,
        services.consent_rule.Party("SENCO", "Northdale Primary."),
        date(2025, 6, 1),
    )
    assert check.allowed
    assert "party_name" not in " ".join(Consent._meta.ordering)


def test_case_page_and_consents_due_take_a_fixed_number_of_queries(
    client, staff, access_for, django_assert_max_num_queries
):
    """Decrypting and grouping in Python, never one query per consent or contact."""
    by = access_for("manager")
    today = timezone.localdate()
    sign_in(client, staff["manager"])
    case = make_case(by, referred_on=today - timedelta(days=30))
    services.allocate_case(
        case_id=case.pk, caseworker_user_id=by.user_id, by=by, expected_version=None
    )

    def add_party(case, name: str) -> None:
        services.record_consent(
            service_user_id=case.service_user_id,
            by=by,
            party_name=name,
            party_organisation="School",
            decision="given",
            given_on=today - timedelta(days=360),
            channel="phone",
            given_by="Parent",
        )
        services.record_contact(
            case_id=case.pk,
            by=by,
            on=today,
            channel="phone",
            minutes=5,
            party_kind="third_party",
            party_name=name,
            party_organisation="School",
        )

    def queries() -> dict[str, int]:
        counts = {}
        for name, kwargs in [("case_detail", {"case_id": case.pk}), ("consents_due", {})]:
            with django_assert_max_num_queries(100) as captured:
                assert client.get(reverse(f"sendiass:{name}", kwargs=kwargs)).status_code == 200
            counts[name] = len(captured)
        return counts

    add_party(case, "Party 0")
    few = queries()
    for n in range(1, 6):
        add_party(case, f"Party {n}")
        other = make_case(by, name=f"Family {n}", referred_on=today - timedelta(days=30))
        add_party(other, "SENCo")
    assert queries() == few


def _migration_named(suffix: str):
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connections["sendiass"])
    (key,) = [k for k in loader.disk_migrations if k[0] == "sendiass" and k[1].endswith(suffix)]
    (parent,) = [p for p in loader.graph.node_map[key].parents if p.key[0] == "sendiass"]
    return key, parent.key, loader.graph.leaf_nodes("sendiass")


def _migrate(*targets) -> None:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections["sendiass"])
    executor.migrate(list(targets))


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_the_migration_encrypts_existing_rows_and_backwards_decrypts_them():
    """Rows written before the migration, history rows included, hold ciphertext after it and
    read back the same through the models; migrating backwards gives back the clear text."""
    from django.db.migrations.executor import MigrationExecutor

    mine, before, leaves = _migration_named("_encrypt_free_text")
    connection = connections["sendiass"]
    try:
        _migrate(before)
        old = MigrationExecutor(connection).loader.project_state(before).apps
        now = timezone.now()
        user = old.get_model("sendiass", "ServiceUser").objects.create(
            kind="parent_carer", name=CLIENT
        )
        case = old.get_model("sendiass", "SendiassCase").objects.create(
            service_user_id=user.pk,
            referred_on=date(2024, 5, 1),
            referral_route="exception",
            referral_exception_reason=EXCEPTION,
        )
        old.get_model("sendiass", "CaseLevel").objects.create(
            case_id=case.pk, level=2, applies_from=date(2024, 5, 1), reason=LEVEL_REASON
        )
        consent = {
            "service_user_id": user.pk,
            "party_name": PARTY,
            "party_organisation": PARTY_ORGANISATION,
            "decision": "given",
            "given_on": date(2024, 5, 2),
            "channel": "phone",
            "given_by": GIVEN_BY,
            "what_they_were_told": TOLD,
            "review_on": date(2025, 5, 2),
        }
        row = old.get_model("sendiass", "Consent").objects.create(**consent)
        history = {"history_date": now, "history_type": "+", "created_at": now}
        old.get_model("sendiass", "HistoricalConsent").objects.create(
            id=row.pk, **consent, **history
        )
        contact = {
            "case_id": case.pk,
            "on": date(2024, 5, 3),
            "channel": "phone",
            "party_kind": "third_party",
            "party_name": PARTY,
            "party_organisation": PARTY_ORGANISATION,
        }
        row = old.get_model("sendiass", "Contact").objects.create(**contact)
        old.get_model("sendiass", "HistoricalContact").objects.create(
            id=row.pk, **contact, **history
        )
        old.get_model("sendiass", "Document").objects.create(
            case_id=case.pk,
            title="Letter",
            filename="letter.txt",
            content_type="text/plain",
            size=0,
            content=b"",
            consent_given_on=date(2024, 5, 3),
            consent_given_by=DOCUMENT_CONSENT,
        )
        deficit = {
            "recorded_on": date(2024, 6, 1),
            "request": DEFICIT_REQUEST,
            "reason": "capacity",
            "reason_detail": DEFICIT_DETAIL,
        }
        old.get_model("sendiass", "ServiceDeficit").objects.create(**deficit)
        old.get_model("sendiass", "HistoricalServiceDeficit").objects.create(
            id=1, **deficit, history_date=now, history_type="+"
        )
        old.get_model("sendiass", "Complaint").objects.create(
            received_on=date(2024, 6, 1),
            complainant=COMPLAINANT,
            summary="Late",
            acknowledge_by=date(2024, 6, 7),
            respond_by=date(2024, 6, 28),
            learning=LEARNING,
        )
        old.get_model("sendiass", "SteeringGroupMeeting").objects.create(
            held_on=date(2024, 7, 1), changes=STEERING
        )
        old.get_model("sendiass", "EvaluationResponse").objects.create(
            kind="service_user",
            month=date(2024, 6, 1),
            answers={"recommend": "agree", "comment": COMMENT},
        )
        written = {
            EXCEPTION,
            LEVEL_REASON,
            PARTY,
            PARTY_ORGANISATION,
            GIVEN_BY,
            TOLD,
            DOCUMENT_CONSENT,
            DEFICIT_REQUEST,
            DEFICIT_DETAIL,
            LEARNING,
            STEERING,
            COMMENT,
        }
        found = {name for _, _, name in clear_text_in_database(WRITTEN)}
        assert found == written, "the rows start in clear (the client's name was encrypted)"

        _migrate(mine)
        assert clear_text_in_database(WRITTEN) == []
        consent_now = Consent.objects.get()
        assert (consent_now.party_name, consent_now.given_by) == (PARTY, GIVEN_BY)
        assert consent_now.history.get().what_they_were_told == TOLD
        with connection.cursor() as cursor:
            cursor.execute("SELECT written_answers, answers FROM sendiass_evaluationresponse")
            written_answers, answers = cursor.fetchone()
        from sendtrack.sendiass.fields import fernet

        assert json.loads(fernet().decrypt(written_answers.encode())) == {"comment": COMMENT}
        assert "comment" not in (answers if isinstance(answers, dict) else json.loads(answers))
        _migrate(mine)  # again: nothing is encrypted twice
        assert Consent.objects.get().party_name == PARTY

        _migrate(before)
        found = {name for _, _, name in clear_text_in_database(WRITTEN)}
        assert found == written, "backwards gives back the clear text"
        with connection.cursor() as cursor:
            cursor.execute("SELECT answers FROM sendiass_evaluationresponse")
            (answers,) = cursor.fetchone()
        answers = answers if isinstance(answers, dict) else json.loads(answers)
        assert answers == {"recommend": "agree", "comment": COMMENT}
    finally:
        _migrate(*leaves)


def test_encrypted_text_keeps_its_length_limits(client, staff, access_for):
    """The columns are unbounded ciphertext; the limits the forms had still hold, in the
    forms and in the services."""
    by = access_for("caseworker")
    case = make_case(by)
    with pytest.raises(services.RuleBroken, match="200 characters or fewer"):
        services.record_consent(
            service_user_id=case.service_user_id,
            by=by,
            party_name="x" * 201,
            party_organisation="",
            decision="given",
            given_on=date(2025, 5, 6),
            channel="phone",
            given_by="Pat Parent",
        )
    with pytest.raises(services.RuleBroken, match="300 characters or fewer"):
        services.record_deficit(
            by=by, recorded_on=date(2025, 5, 6), request="x" * 301, reason="capacity"
        )
    sign_in(client, staff["caseworker"])
    response = client.post(
        reverse("sendiass:consent_new", kwargs={"case_id": case.pk}),
        {
            "party_name": "x" * 201,
            "decision": "given",
            **date_input("given_on", "6/5/2025"),
            "channel": "phone",
            "given_by": "Pat Parent",
        },
    )
    assert response.status_code == 200 and not Consent.objects.exists()
    assert "at most 200 characters" in response.content.decode()
