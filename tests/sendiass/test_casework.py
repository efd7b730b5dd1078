"""Casework: referrals, triage, levels, consent-checked contacts, documents, closure,
anonymous evaluations, complaints, encryption at rest and the access log."""

import logging
from datetime import date, timedelta

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from sendtrack.sendiass import services
from sendtrack.sendiass.evaluations import financial_year_of
from sendtrack.sendiass.models import (
    CaseAccessLog,
    Consent,
    EvaluationInvitation,
    EvaluationResponse,
    EvaluationTally,
    SendiassCase,
    TriageCriterion,
)
from tests.date_input import date_input

from .conftest import BOTH, make_case, sign_in

pytestmark = pytest.mark.django_db(databases=BOTH)
TODAY = date(2025, 6, 2)


def test_referral_from_someone_else_needs_a_reason(access_for):
    with pytest.raises(services.RuleBroken, match="Say why"):
        make_case(access_for("caseworker"), route="exception")
    case = make_case(
        access_for("caseworker"), route="exception", exception_reason="Parent in hospital"
    )
    assert case.referral_exception_reason == "Parent in hospital"


def test_triage_queue_orders_by_priority_then_waiting(client, staff, access_for):
    urgent = TriageCriterion.objects.create(name="Tribunal deadline", weight=5)
    excluded = TriageCriterion.objects.create(name="Child out of school", weight=3)
    by = access_for("caseworker")
    low_old = make_case(by, referred_on=TODAY - timedelta(days=30))
    high_new = make_case(by, referred_on=TODAY, criterion_ids=[urgent.pk])
    mid = make_case(by, referred_on=TODAY - timedelta(days=5), criterion_ids=[excluded.pk])
    both = make_case(by, referred_on=TODAY, criterion_ids=[urgent.pk, excluded.pk])
    high_old = make_case(by, referred_on=TODAY - timedelta(days=9), criterion_ids=[urgent.pk])
    assert both.priority == 8
    sign_in(client, staff["caseworker"])
    response = client.get(reverse("sendiass:triage_queue"))
    assert [c.pk for c in response.context["queue"]] == [
        both.pk,
        high_old.pk,
        high_new.pk,
        mid.pk,
        low_old.pk,
    ]


def test_level_4_only_for_trained_caseworkers(staff, access_for):
    manager, caseworker = access_for("manager"), access_for("caseworker")
    case = make_case(manager)
    services.allocate_case(
        case_id=case.pk,
        caseworker_user_id=staff["caseworker"].user_id,
        by=manager,
        expected_version=None,
    )
    with pytest.raises(services.RuleBroken, match="up to 3"):
        services.set_level(
            case_id=case.pk, level=4, applies_from=TODAY, by=caseworker, expected_version=None
        )
    with pytest.raises(services.RuleBroken, match="trained for level 4"):
        services.set_level(
            case_id=case.pk, level=4, applies_from=TODAY, by=manager, expected_version=None
        )
    services.allocate_case(
        case_id=case.pk,
        caseworker_user_id=staff["manager"].user_id,
        by=manager,
        expected_version=None,
    )
    case = services.set_level(
        case_id=case.pk, level=4, applies_from=TODAY, by=manager, expected_version=None
    )
    assert case.level == 4
    assert [lv.level for lv in case.levels.all()] == [1, 4]


def test_volunteers_work_on_levels_1_and_2_only(client, staff, access_for):
    volunteer = access_for("volunteer")
    case = make_case(volunteer)
    services.set_level(
        case_id=case.pk, level=2, applies_from=TODAY, by=volunteer, expected_version=None
    )
    with pytest.raises(services.RuleBroken):
        services.set_level(
            case_id=case.pk, level=3, applies_from=TODAY, by=volunteer, expected_version=None
        )
    services.set_level(
        case_id=case.pk,
        level=3,
        applies_from=TODAY,
        by=access_for("caseworker"),
        expected_version=None,
    )
    sign_in(client, staff["volunteer"])
    assert client.get(reverse("sendiass:case_list")).context["page"].paginator.count == 0


def test_stale_version_is_refused(access_for):
    by = access_for("caseworker")
    case = make_case(by)
    services.update_case(
        case_id=case.pk,
        by=by,
        expected_version=case.version,
        issues=["tribunal"],
        themes=[],
        summary="First",
    )
    with pytest.raises(services.StaleVersion) as refused:
        services.update_case(
            case_id=case.pk,
            by=by,
            expected_version=case.version,
            issues=[],
            themes=[],
            summary="First",
        )
    # The refusal says what the other person changed.
    assert "Summary (empty) → First" in str(refused.value)


def _consent(case, by, **kwargs):
    values = dict(
        service_user_id=case.service_user_id,
        by=by,
        party_name="SENCo",
        party_organisation="Northdale Primary",
        decision="given",
        given_on=date(2024, 5, 1),
        channel="phone",
        given_by="Pat Parent",
    )
    return services.record_consent(**(values | kwargs))


def test_expired_consent_blocks_a_contact_until_renewed(access_for, settings):
    settings.SENDTRACK_SENDIASS_CONSENT_MONTHS = 12
    by = access_for("caseworker")
    case = make_case(by)
    consent = _consent(case, by)
    assert consent.review_on == date(2025, 5, 1)
    contact = dict(
        case_id=case.pk,
        by=by,
        channel="phone",
        minutes=10,
        party_kind="third_party",
        party_name="senco",
        party_organisation="Northdale Primary",
    )
    services.record_contact(on=date(2025, 4, 30), **contact)
    with pytest.raises(services.RuleBroken, match="expired"):
        services.record_contact(on=date(2025, 5, 1), **contact)
    _consent(case, by, given_on=date(2025, 5, 20))
    services.record_contact(on=date(2025, 5, 21), **contact)


def test_refused_and_withdrawn_consent_block(access_for):
    by = access_for("caseworker")
    case = make_case(by)
    _consent(case, by, party_name="Educational psychologist", decision="refused")
    given = _consent(case, by, given_on=timezone.localdate() - timedelta(days=3))
    with pytest.raises(services.RuleBroken, match="refused"):
        services.record_contact(
            case_id=case.pk,
            by=by,
            on=timezone.localdate(),
            channel="email",
            minutes=5,
            party_kind="third_party",
            party_name="Educational psychologist",
            party_organisation="Northdale Primary",
        )
    services.withdraw_consent(consent_id=given.pk, by=by)
    with pytest.raises(services.RuleBroken, match="withdrawn"):
        services.record_contact(
            case_id=case.pk,
            by=by,
            on=timezone.localdate(),
            channel="email",
            minutes=5,
            party_kind="third_party",
            party_name="SENCo",
            party_organisation="Northdale Primary",
        )
    assert Consent.objects.filter(pk=given.pk).exists(), "withdrawn consent is kept"


def test_contact_form_shows_the_consent_error(client, staff, access_for):
    by = access_for("caseworker")
    case = make_case(by)
    _consent(case, by, given_on=date(2020, 1, 1))
    sign_in(client, staff["caseworker"])
    url = reverse("sendiass:contact_new", kwargs={"case_id": case.pk})
    response = client.post(
        url,
        {
            **date_input("on", "2/6/2025"),
            "channel": "phone",
            "minutes": "10",
            "party": "0",
            "notes": "Spoke about the EHCP",
        },
    )
    assert response.status_code == 200
    assert "Consent given on 01/01/2020 expired" in response.content.decode()
    assert not case.contacts.exists()
    response = client.post(
        url,
        {
            **date_input("on", "2/6/2025"),
            "channel": "phone",
            "minutes": "10",
            "party": "service_user",
            "notes": "Called the parent",
        },
    )
    assert response.status_code == 302 and case.contacts.count() == 1


def test_a_contact_date_is_typed_as_day_month_and_year(client, staff, access_for):
    by = access_for("caseworker")
    case = make_case(by)
    sign_in(client, staff["caseworker"])
    url = reverse("sendiass:contact_new", kwargs={"case_id": case.pk})
    opened = client.get(url).content.decode()
    today = timezone.localdate()
    assert f'name="on-day" type="text" value="{today.day}"' in opened
    contact = {"channel": "phone", "minutes": "10", "party": "service_user", "notes": "Called"}
    response = client.post(url, {**contact, "on-day": "2", "on-month": "", "on-year": "2025"})
    page = response.content.decode()
    assert '<a href="#id_on-month">Date of the contact must include a month</a>' in page
    assert "govuk-date-input__input govuk-input--width-2 govuk-input--error" in page
    response = client.post(url, {**contact, "on-day": "2", "on-month": "June", "on-year": "2025"})
    assert response.status_code == 302
    assert case.contacts.get().on == date(2025, 6, 2)


def test_consents_due_worklist(client, staff, access_for):
    by = access_for("caseworker")
    case = make_case(by)
    today = timezone.localdate()
    old = _consent(case, by, given_on=today - timedelta(days=360))
    _consent(case, by, party_name="Social worker", given_on=today - timedelta(days=30))
    sign_in(client, staff["caseworker"])
    due = client.get(reverse("sendiass:consents_due")).context["due"]
    assert [d.consent.pk for d in due] == [old.pk]
    _consent(case, by, given_on=today)  # renewed
    assert client.get(reverse("sendiass:consents_due")).context["due"] == []


def test_documents_need_consent_and_are_encrypted(client, staff, access_for):
    by = access_for("caseworker")
    case = make_case(by)
    with pytest.raises(services.RuleBroken, match="consent"):
        services.add_document(
            case_id=case.pk,
            by=by,
            title="EP report",
            filename="ep.pdf",
            content_type="application/pdf",
            content=b"secret report",
            consent_given_on=None,
            consent_given_by="",
        )
    doc = services.add_document(
        case_id=case.pk,
        by=by,
        title="EP report",
        filename="ep.pdf",
        content_type="application/pdf",
        content=b"secret report",
        consent_given_on=TODAY,
        consent_given_by="Pat Parent",
    )
    with connections["sendiass"].cursor() as cursor:
        cursor.execute("SELECT content, title FROM sendiass_document WHERE id = %s", [doc.pk])
        content, title = cursor.fetchone()
    assert b"secret report" not in bytes(content) and "EP report" not in title
    sign_in(client, staff["caseworker"])
    response = client.get(reverse("sendiass:document_download", kwargs={"document_id": doc.pk}))
    assert response.content == b"secret report"


def test_personal_details_and_notes_are_encrypted_at_rest(access_for):
    by = access_for("caseworker")
    case = make_case(by, summary="Needs help with the annual review")
    services.record_contact(
        case_id=case.pk,
        by=by,
        on=TODAY,
        channel="phone",
        minutes=5,
        party_kind="service_user",
        notes="Mum worried about transport",
    )
    with connections["sendiass"].cursor() as cursor:
        cursor.execute("SELECT name, email, phone FROM sendiass_serviceuser")
        row = cursor.fetchone()
        cursor.execute("SELECT summary FROM sendiass_sendiasscase")
        row += cursor.fetchone()
        cursor.execute("SELECT notes FROM sendiass_contact")
        row += cursor.fetchone()
        cursor.execute("SELECT name FROM sendiass_historicalserviceuser")
        row += cursor.fetchone()
    text = " ".join(row)
    for secret in ["Pat Parent", "pat@example.org", "07700", "annual review", "transport"]:
        assert secret not in text
    assert SendiassCase.objects.get(pk=case.pk).service_user.name == "Pat Parent"


def test_case_page_reads_are_logged_and_logs_hold_nothing_personal(
    client, staff, access_for, caplog
):
    by = access_for("caseworker")
    case = make_case(by, summary="Private summary text")
    sign_in(client, staff["caseworker"])
    with caplog.at_level(logging.DEBUG):
        assert (
            client.get(reverse("sendiass:case_detail", kwargs={"case_id": case.pk})).status_code
            == 200
        )
        response = client.post(
            reverse("sendiass:contact_new", kwargs={"case_id": case.pk}),
            {
                **date_input("on", "2/6/2025"),
                "channel": "phone",
                "minutes": "10",
                "party": "service_user",
                "notes": "Confidential note about Charlie",
            },
        )
        assert response.status_code == 302
    logged = "\n".join(r.getMessage() for r in caplog.records) + repr(
        [r.args for r in caplog.records]
    )
    for secret in ["Pat Parent", "pat@example.org", "Charlie", "Confidential", "Private summary"]:
        assert secret not in logged
    entry = CaseAccessLog.objects.get()
    assert (entry.case_id, entry.user_id, entry.what) == (
        case.pk,
        staff["caseworker"].user_id,
        "case page",
    )


def test_closing_issues_a_one_time_anonymous_evaluation(client, staff, access_for):
    by = access_for("caseworker")
    case = make_case(by)
    sign_in(client, staff["caseworker"])
    response = client.post(
        reverse("sendiass:case_close", kwargs={"case_id": case.pk}),
        {"version": case.version, **date_input("closed_on", timezone.localdate())},
    )
    link = response.context["link"]
    path = link.split("/sendiass/", 1)[1]
    assert path.startswith("evaluation/") and "cases" not in path and f"/{case.pk}/" not in path
    token = link.rstrip("/").rsplit("/", 1)[-1]
    invitation = EvaluationInvitation.objects.get()
    assert token not in invitation.token_hash
    client.logout()
    # The link moves the token out of the address at once; the form posts it back.
    response = client.get(reverse("sendiass:evaluation_link", kwargs={"token": token}))
    assert response.status_code == 302 and response["Location"] == reverse("sendiass:evaluation")
    assert response["Referrer-Policy"] == "no-referrer"
    form = client.get(reverse("sendiass:evaluation"))
    assert f'name="token" value="{token}"' in form.content.decode()
    response = client.post(
        reverse("sendiass:evaluation"),
        {
            "token": token,
            "easy_to_contact": "agree",
            "recommend": "strongly_agree",
            "comment": "Good",
        },
    )
    assert response.status_code == 200
    assert not EvaluationInvitation.objects.exists(), "the invitation is deleted once used"
    answer = EvaluationResponse.objects.get()
    assert answer.answers == {"easy_to_contact": "agree", "recommend": "strongly_agree"}
    assert answer.written_answers == {"comment": "Good"}
    assert answer.year == financial_year_of(timezone.localdate())
    assert client.post(reverse("sendiass:evaluation"), {"token": token}).status_code == 404
    assert (
        client.get(reverse("sendiass:evaluation_link", kwargs={"token": token})).status_code == 404
    )
    assert EvaluationTally.objects.get().sent == 1
    # closing again does not issue a second link
    case.refresh_from_db()
    with pytest.raises(services.RuleBroken):
        services.close_case(case_id=case.pk, by=by, expected_version=None, on=timezone.localdate())


def test_evaluation_tables_cannot_be_joined_to_cases():
    for model in (EvaluationResponse, EvaluationInvitation):
        names = {f.column for f in model._meta.concrete_fields}
        assert not [f for f in model._meta.get_fields() if f.is_relation], model
        assert names <= {
            "id",
            "kind",
            "year",
            "answers",
            "written_answers",
            "token_hash",
            "expires_on",
        }, names


def test_evaluation_figures(client, staff):
    last_year = financial_year_of(timezone.localdate()) - 1
    day = date(last_year, 10, 1)
    tokens = [services.issue_evaluation(kind="service_user", on=day) for _ in range(6)]
    for token in tokens[:5]:
        services.submit_evaluation(
            token=token, answers={"recommend": "agree", "comment": "Kind"}, today=day
        )
    sign_in(client, staff["figures_viewer"])
    url = reverse("sendiass:evaluations") + f"?year={last_year}"
    figures = client.get(url).context["figures"][0]
    assert (figures.sent, figures.returned, figures.percent_returned) == (6, 5, 83.3)
    recommend = next(q for q in figures.questions if q.key == "recommend")
    assert ("Agree", 5) in recommend.counts
    comment = next(q for q in figures.questions if q.key == "comment")
    assert comment.comments == 5


def test_complaint_due_dates_count_working_days(access_for, client, staff):
    complaint = services.record_complaint(
        by=access_for("manager"),
        received_on=date(2025, 6, 6),
        complainant="A Parent",
        summary="No call back",
    )
    assert complaint.acknowledge_by == date(2025, 6, 13)  # Friday + 5 working days
    assert complaint.respond_by == date(2025, 7, 4)
    with pytest.raises(services.RuleBroken, match="outcome"):
        services.update_complaint(
            complaint_id=complaint.pk,
            by=access_for("manager"),
            expected_version=1,
            changes={"responded_on": date(2025, 6, 20)},
        )
    sign_in(client, staff["manager"])
    worklist = client.get(reverse("sendiass:complaints")).context["worklist"]
    assert worklist["to_acknowledge"] == [complaint]


def test_referral_page_records_a_case(client, staff):
    sign_in(client, staff["caseworker"])
    response = client.post(
        reverse("sendiass:referral_new"),
        {
            "kind": "parent_carer",
            "name": "Robin Parent",
            **date_input("referred_on", "2/6/2025"),
            "referral_route": "exception",
            "exception_reason": "",
        },
    )
    assert response.status_code == 200 and "Say why" in response.content.decode()
    response = client.post(
        reverse("sendiass:referral_new"),
        {
            "kind": "parent_carer",
            "name": "Robin Parent",
            **date_input("referred_on", "2/6/2025"),
            "referral_route": "parent_carer",
            "issues": ["tribunal", "transport"],
            "heard_about": "school",
        },
    )
    case = SendiassCase.objects.get()
    assert response.status_code == 302 and case.issues == ["transport", "tribunal"]
    assert client.get(response["Location"]).status_code == 200


def test_a_change_made_outside_a_request_names_the_staff_member_in_the_history(staff, access_for):
    """Commands and tasks call the services with no request: the history still says who."""
    manager = access_for("manager")
    case = make_case(manager)
    services.allocate_case(
        case_id=case.pk,
        caseworker_user_id=staff["caseworker"].user_id,
        by=manager,
        expected_version=None,
    )
    latest = case.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user_id == staff["manager"].user_id
    assert case.history.filter(history_user_id__isnull=True).count() == 0
