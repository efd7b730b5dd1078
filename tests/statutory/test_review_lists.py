"""`sendtrack send-review-lists`: the reminders' sender, one connection, each setting's list
once a term (unless --force), and a failed email does not stop the others."""

import io
from datetime import date

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command

from sendtrack.statutory.models import ReviewListSent
from tests.statutory.factories import ChildFactory, PlanFactory, ReviewFactory, SettingFactory

pytestmark = pytest.mark.django_db

TODAY = date(2025, 11, 5)  # autumn: next term is spring 2026
FAILING_ADDRESS = "broken@school.example.org"


class CountingBackend(EmailBackend):
    """locmem, counting how many connections the command makes."""

    made = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        type(self).made += 1


class FailingBackend(EmailBackend):
    """locmem, except that mail to FAILING_ADDRESS raises, as an SMTP refusal would."""

    def send_messages(self, messages):
        if any(FAILING_ADDRESS in m.to for m in messages):
            raise OSError("refused")
        return super().send_messages(messages)


@pytest.fixture
def settings_with_reviews(partnership):
    schools = [
        SettingFactory(partnership=partnership, name=f"School {n}", senco_email=address)
        for n, address in enumerate(
            ["senco.a@school.example.org", FAILING_ADDRESS, "senco.c@school.example.org"]
        )
    ]
    for school in schools:
        plan = PlanFactory(child=ChildFactory(partnership=partnership, setting=school))
        ReviewFactory(plan=plan, counted_from=date(2025, 2, 10), due=date(2026, 2, 10))
    return schools


def send(**options):
    out = io.StringIO()
    call_command("send_review_lists", today=TODAY, stdout=out, **options)
    return out.getvalue()


def test_lists_come_from_the_reminders_sender_through_one_connection(
    settings, settings_with_reviews
):
    settings.EMAIL_BACKEND = "tests.statutory.test_review_lists.CountingBackend"
    settings.DEFAULT_FROM_EMAIL = "webmaster@localhost"
    settings.SENDTRACK_REMINDERS_FROM_EMAIL = "send-team@council.example.gov.uk"
    CountingBackend.made = 0
    assert "Sent 3 review lists for the Spring term 2026" in send()
    assert len(mail.outbox) == 3
    assert {m.from_email for m in mail.outbox} == {"send-team@council.example.gov.uk"}
    assert CountingBackend.made == 1


def test_running_twice_sends_each_list_once(settings, settings_with_reviews):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send()
    out = send()
    assert "Sent 0 review lists for the Spring term 2026; 3 already sent; 0 failed" in out
    assert len(mail.outbox) == 3
    assert ReviewListSent.objects.count() == 3
    logged = ReviewListSent.objects.get(setting=settings_with_reviews[0])
    assert logged.term_start == date(2026, 1, 1) and logged.item_count == 1
    assert logged.recipient == "senco.a@school.example.org"


def test_force_sends_again(settings, settings_with_reviews):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send()
    assert "Sent 3 review lists" in send(force=True)
    assert len(mail.outbox) == 6 and ReviewListSent.objects.count() == 3


def test_the_next_term_is_a_new_list(settings, settings_with_reviews):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send()
    for school in settings_with_reviews:
        plan = PlanFactory(child=ChildFactory(partnership=school.partnership, setting=school))
        ReviewFactory(plan=plan, counted_from=date(2025, 5, 1), due=date(2026, 5, 1))
    out = io.StringIO()
    call_command("send_review_lists", today=date(2026, 3, 1), stdout=out)
    assert "Sent 3 review lists for the Summer term 2026" in out.getvalue()
    assert len(mail.outbox) == 6


def test_one_failing_address_does_not_stop_the_others(settings, settings_with_reviews):
    settings.EMAIL_BACKEND = "tests.statutory.test_review_lists.FailingBackend"
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 review list.*could not be sent.*School 1"):
        call_command("send_review_lists", today=TODAY, stdout=out)
    assert "Sent 2 review lists for the Spring term 2026; 0 already sent; 1 failed" in (
        out.getvalue()
    )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "senco.a@school.example.org",
        "senco.c@school.example.org",
    ]
    # The failed list is not logged, so the next run tries it (and only it) again.
    assert not ReviewListSent.objects.filter(setting=settings_with_reviews[1]).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert "Sent 1 review list for the Spring term 2026; 2 already sent" in send()
    assert [m.to[0] for m in mail.outbox[2:]] == [FAILING_ADDRESS]


def test_a_review_due_in_august_is_on_the_summer_list(settings, partnership):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    school = SettingFactory(partnership=partnership)
    child = ChildFactory(partnership=partnership, setting=school)
    ReviewFactory(
        plan=PlanFactory(child=child), counted_from=date(2024, 8, 20), due=date(2025, 8, 20)
    )
    out = io.StringIO()
    call_command("send_review_lists", today=date(2025, 3, 1), stdout=out)
    assert "Sent 1 review list for the Summer term 2025" in out.getvalue()
    assert child.case_reference in mail.outbox[0].body
    assert "due 20 August 2025" in mail.outbox[0].body
