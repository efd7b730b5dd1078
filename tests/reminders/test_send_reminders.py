"""`sendtrack send-reminders`: who gets which email, once a day, and nothing of anyone else's."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from sendtrack.reminders.models import ReminderKind, ReminderPreference, ReminderSent
from tests.factories import (
    ActionFactory,
    MembershipFactory,
    PartnershipFactory,
    PersonFactory,
    PlanFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date(2025, 3, 3)
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = LOCMEM
    settings.SENDTRACK_BASE_URL = "https://sendtrack.example.gov.uk"
    settings.SENDTRACK_REMINDERS_FROM_EMAIL = "reminders@example.gov.uk"


def run(*args):
    out = StringIO()
    call_command("send_reminders", "--date", TODAY.isoformat(), *args, stdout=out)
    return out.getvalue()


def action(plan, owner, **kwargs):
    defaults = {"due": TODAY + timedelta(days=90), "last_activity_on": TODAY}
    made = ActionFactory(plan=plan, **{**defaults, **kwargs})
    if owner is not None:
        made.owners.add(owner)
    return made


@pytest.fixture
def area(partnership):
    plan = PlanFactory(partnership=partnership, title="Written statement of action 2025")
    lead = PersonFactory(partnership=partnership, name="Lee Lead", email="Lee.Lead@example.gov.uk")
    other = PersonFactory(partnership=partnership, name="Olu Other", email="olu@example.gov.uk")
    manager = UserFactory(username="pm", email="pm@example.gov.uk", first_name="Pat")
    MembershipFactory(user=manager, partnership=partnership, role="programme_manager")
    return {
        "plan": plan,
        "lead": lead,
        "other": other,
        "manager": manager,
        "overdue": action(plan, lead, ref="1.1", text="Overdue work", due=TODAY - timedelta(3)),
        "soon": action(plan, lead, ref="1.2", text="Due soon work", due=TODAY + timedelta(5)),
        "stale": action(
            plan, lead, ref="1.3", text="Quiet work", last_activity_on=TODAY - timedelta(50)
        ),
        "fine": action(plan, lead, ref="1.4", text="Fine work"),
        "done": action(
            plan, lead, ref="1.5", text="Done work", due=TODAY - timedelta(9), status="complete"
        ),
        "archived": action(
            plan,
            lead,
            ref="1.6",
            text="Archived work",
            due=TODAY - timedelta(9),
            archived_at="2025-01-01T00:00Z",
        ),
        "beyond": action(plan, lead, ref="1.7", text="Due in 15 days", due=TODAY + timedelta(15)),
        "others": action(plan, other, ref="2.1", text="Someone else's work", due=TODAY),
    }


def sent_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_a_lead_gets_a_digest_of_their_own_actions_that_need_attention(area):
    output = run()
    [digest] = sent_to("lee.lead@example.gov.uk")
    body = digest.body
    assert "Dear Lee Lead" in body
    for wanted in ["Overdue work", "Due soon work", "Quiet work"]:
        assert wanted in body
    for unwanted in ["Fine work", "Done work", "Archived work", "Due in 15 days"]:
        assert unwanted not in body
    # Nothing of anyone else's: not their actions, names or addresses.
    assert "Someone else's work" not in body
    assert "Olu" not in body and "olu@" not in body
    assert digest.subject == "Northdale SEND Partnership: 3 of your actions need attention"
    assert digest.from_email == "reminders@example.gov.uk"
    assert "Overdue: it was due on 28 February 2025" in body
    assert "Due in 5 days (8 March 2025)" in body
    assert "No progress update since 12 January 2025" in body
    url = f"https://sendtrack.example.gov.uk/p/northdale/actions/{area['overdue'].pk}/"
    assert url in body
    assert "https://sendtrack.example.gov.uk/p/northdale/reminders/" in body
    [(html, mimetype)] = digest.alternatives
    assert mimetype == "text/html"
    assert f'href="{url}"' in html and "Someone else" not in html
    assert "Sent 2 digest(s) and 1 summary(ies) for 2025-03-03" in output


def test_overdue_comes_before_due_soon_before_no_update(area):
    run()
    body = sent_to("lee.lead@example.gov.uk")[0].body
    assert body.index("# Overdue") < body.index("# Due in the next 14 days")
    assert body.index("# Due in the next 14 days") < body.index("# No progress update")


def test_the_programme_manager_gets_counts_and_the_worst_items(area):
    run()
    [summary] = sent_to("pm@example.gov.uk")
    body = summary.body
    assert summary.subject == "Northdale SEND Partnership: 4 actions need attention"
    assert "* Overdue: 1" in body
    assert "* Due in the next 14 days: 2" in body
    assert "* No progress update for 6 weeks: 1" in body
    assert body.index("Overdue work") < body.index("Someone else's work")
    assert "Quiet work" in body
    # Counts and actions only: no owners' names or addresses.
    for name in ["Lee Lead", "lee.lead@", "Olu", "olu@"]:
        assert name not in body
    assert "Dear Pat" in body


def test_running_twice_in_a_day_sends_once(area):
    run()
    first = len(mail.outbox)
    assert first == 3
    output = run()
    assert len(mail.outbox) == first
    assert "Sent 0 digest(s) and 0 summary(ies)" in output
    assert "3 already sent today" in output
    assert ReminderSent.objects.filter(sent_on=TODAY).count() == 3
    assert set(ReminderSent.objects.values_list("kind", flat=True)) == {
        ReminderKind.DIGEST,
        ReminderKind.SUMMARY,
    }


def test_the_next_day_sends_again(area):
    run()
    call_command(
        "send_reminders", "--date", (TODAY + timedelta(days=1)).isoformat(), stdout=StringIO()
    )
    assert len(sent_to("lee.lead@example.gov.uk")) == 2


def test_a_lead_without_an_email_of_their_own_is_reached_through_their_sign_in(partnership):
    user = UserFactory(username="signs-in", email="signs.in@example.gov.uk")
    person = PersonFactory(partnership=partnership, name="Sam Signs", email="", user=user)
    action(PlanFactory(partnership=partnership), person, text="Late", due=TODAY - timedelta(1))
    run()
    assert len(sent_to("signs.in@example.gov.uk")) == 1


def test_a_lead_with_no_address_at_all_is_skipped(partnership):
    person = PersonFactory(partnership=partnership, email="")
    action(PlanFactory(partnership=partnership), person, due=TODAY - timedelta(1))
    run()
    assert mail.outbox == []


def test_two_directory_entries_with_one_address_get_one_digest(partnership):
    plan = PlanFactory(partnership=partnership)
    for name in ["Lee Lead", "L. Lead"]:
        person = PersonFactory(partnership=partnership, name=name, email="lee@example.gov.uk")
        action(plan, person, text=f"Work of {name}", due=TODAY - timedelta(1))
    run()
    [digest] = sent_to("lee@example.gov.uk")
    assert "Work of Lee Lead" in digest.body and "Work of L. Lead" in digest.body


def test_a_signed_in_lead_can_switch_the_digest_off(area, partnership):
    user = UserFactory(username="lee", email="")
    area["lead"].user = user
    area["lead"].save()
    ReminderPreference.objects.create(partnership=partnership, user=user, digest=False)
    run()
    assert sent_to("lee.lead@example.gov.uk") == []
    assert len(sent_to("olu@example.gov.uk")) == 1


def test_an_administrator_can_switch_off_a_person_who_does_not_sign_in(area, partnership):
    ReminderPreference.objects.create(partnership=partnership, person=area["lead"], digest=False)
    run()
    assert sent_to("lee.lead@example.gov.uk") == []


def test_a_lead_with_no_sign_in_stops_the_digest_from_its_own_link(area, partnership, client):
    import re

    run()
    [digest] = sent_to("lee.lead@example.gov.uk")
    [link] = re.findall(r"https://sendtrack\.example\.gov\.uk(/reminders/stop/\S+/)", digest.body)
    assert link in digest.alternatives[0][0]  # the HTML copy has the same link
    asking = client.get(link)  # a link checker following it changes nothing
    assert asking.status_code == 200 and "Stop these emails" in asking.content.decode()
    assert not ReminderPreference.objects.filter(person=area["lead"]).exists()
    done = client.post(link)
    assert "Reminder emails stopped" in done.content.decode()
    mail.outbox.clear()
    call_command(
        "send_reminders", "--date", (TODAY + timedelta(days=1)).isoformat(), stdout=StringIO()
    )
    assert sent_to("lee.lead@example.gov.uk") == []
    assert len(sent_to("olu@example.gov.uk")) == 1  # nobody else's digest is stopped


def test_a_forged_or_altered_stop_link_is_refused(area, client):
    from sendtrack.reminders.stop_links import stop_digest_token

    token = stop_digest_token(area["plan"].partnership, [area["other"].pk])
    assert client.post(f"/reminders/stop/{token[:-2]}xx/").status_code == 404
    assert client.post("/reminders/stop/not-a-token/").status_code == 404
    stranger = PersonFactory(partnership=PartnershipFactory(), email="x@example.gov.uk")
    elsewhere = stop_digest_token(area["plan"].partnership, [stranger.pk])
    client.post(f"/reminders/stop/{elsewhere}/")  # another partnership's person: untouched
    assert not ReminderPreference.objects.filter(person=stranger).exists()


def test_a_programme_manager_can_switch_the_summary_off(area, partnership):
    ReminderPreference.objects.create(partnership=partnership, user=area["manager"], summary=False)
    run()
    assert sent_to("pm@example.gov.uk") == []
    assert len(sent_to("lee.lead@example.gov.uk")) == 1


def test_nothing_needing_attention_sends_nothing(partnership):
    person = PersonFactory(partnership=partnership, email="calm@example.gov.uk")
    manager = UserFactory(username="pm2", email="pm2@example.gov.uk")
    MembershipFactory(user=manager, partnership=partnership, role="programme_manager")
    action(PlanFactory(partnership=partnership), person)
    run()
    assert mail.outbox == []


def test_each_partnership_hears_only_of_its_own_actions(area):
    elsewhere = PartnershipFactory(slug="southvale", name="Southvale")
    plan = PlanFactory(partnership=elsewhere)
    person = PersonFactory(partnership=elsewhere, email="south@example.gov.uk")
    action(plan, person, text="Southvale work", due=TODAY - timedelta(2))
    run("--partnership", "northdale")
    assert sent_to("south@example.gov.uk") == []
    assert all("Southvale work" not in m.body for m in mail.outbox)
    run()
    [south] = sent_to("south@example.gov.uk")
    assert "Overdue work" not in south.body
    assert "Southvale work" not in sent_to("pm@example.gov.uk")[0].body


def test_dry_run_sends_and_records_nothing(area):
    output = run("--dry-run")
    assert "Would send 2 digest(s) and 1 summary(ies)" in output
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_a_failed_send_is_not_recorded_so_the_next_run_retries(area, settings):
    settings.EMAIL_BACKEND = "tests.reminders.test_send_reminders.BrokenBackend"
    with pytest.raises(CommandError, match="could not be sent"):
        run()
    assert not ReminderSent.objects.exists()
    settings.EMAIL_BACKEND = LOCMEM
    run()
    assert len(mail.outbox) == 3


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("mail server down")


def test_queries_do_not_grow_with_actions(area, partnership, django_assert_max_num_queries):
    from sendtrack.reminders.services import send_reminders

    with django_assert_max_num_queries(8):
        send_reminders(today=TODAY, partnerships=[partnership], dry_run=True)
    plan = area["plan"]
    for n in range(30):
        person = PersonFactory(partnership=partnership, email=f"p{n}@example.gov.uk")
        action(plan, person, due=TODAY - timedelta(1))
    with django_assert_max_num_queries(8):
        send_reminders(today=TODAY, partnerships=[partnership], dry_run=True)
