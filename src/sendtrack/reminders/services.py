"""Sending reminders, at most once per recipient, day and kind; and saving a user's choice."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction

from sendtrack.accounts.models import Partnership, User

from . import selectors
from .emails import digest_email, summary_email
from .models import ReminderKind, ReminderPreference, ReminderSent

logger = logging.getLogger(__name__)


@dataclass
class SendReport:
    digests: int = 0
    summaries: int = 0
    already_sent: int = 0
    failed: int = 0


def send_reminders(
    *, today: date, partnerships: Iterable[Partnership] | None = None, dry_run: bool = False
) -> SendReport:
    """Email each lead their digest and each programme manager their summary, for `today`.

    A reminder already recorded as sent today (ReminderSent) is not sent again, so running the
    command twice in a day, or from two servers at once, sends each reminder once. A message
    the email backend fails to send is not recorded, so the next run tries it again.
    """
    report = SendReport()
    connection = None if dry_run else get_connection()
    for partnership in partnerships if partnerships is not None else Partnership.objects.all():
        found = selectors.actions_needing_attention(partnership, today)
        if not found:
            continue
        sent = set(
            ReminderSent.objects.filter(partnership=partnership, sent_on=today).values_list(
                "recipient", "kind"
            )
        )
        outgoing: list[tuple[str, ReminderKind, int, EmailMultiAlternatives]] = [
            (
                digest.recipient,
                ReminderKind.DIGEST,
                len(digest.items),
                digest_email(partnership, digest, connection),
            )
            for digest in selectors.digests(partnership, found)
        ] + [
            (
                summary.recipient,
                ReminderKind.SUMMARY,
                summary.total,
                summary_email(partnership, summary, connection),
            )
            for summary in selectors.summaries(partnership, found)
        ]
        for recipient, kind, count, message in outgoing:
            if (recipient, kind) in sent:
                report.already_sent += 1
                continue
            if dry_run:
                _count(report, kind)
                continue
            outcome = _send_once(partnership, recipient, today, kind, count, message)
            if outcome == "sent":
                _count(report, kind)
            elif outcome == "already_sent":
                report.already_sent += 1
            else:
                report.failed += 1
    return report


def _count(report: SendReport, kind: str) -> None:
    if kind == ReminderKind.DIGEST:
        report.digests += 1
    else:
        report.summaries += 1


def _send_once(
    partnership: Partnership,
    recipient: str,
    today: date,
    kind: str,
    count: int,
    message: EmailMultiAlternatives,
) -> str:
    """Record then send in one transaction: a failed send leaves no record behind."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                partnership=partnership,
                recipient=recipient,
                sent_on=today,
                kind=kind,
                item_count=count,
            )
            message.send()
    except IntegrityError:
        return "already_sent"  # another run recorded it first
    except Exception:
        # The address is personal data: log the partnership and kind only.
        logger.exception("Could not send a %s reminder in %s", kind, partnership.slug)
        return "failed"
    return "sent"


@transaction.atomic
def set_preference(
    *,
    partnership: Partnership,
    user: User,
    digest: bool,
    summary: bool | None = None,
) -> ReminderPreference:
    """Save which reminders a signed-in user wants in a partnership."""
    preference, _ = ReminderPreference.objects.select_for_update().get_or_create(
        partnership=partnership, user=user
    )
    preference.digest = digest
    if summary is not None:
        preference.summary = summary
    preference.save()
    return preference


@transaction.atomic
def stop_digests(partnership: Partnership, person_ids: list[int]) -> int:
    """Switch the digest off for these people of the partnership; returns how many."""
    from sendtrack.accounts.models import Person

    people = Person.objects.filter(partnership=partnership, pk__in=person_ids)
    for person in people:
        ReminderPreference.objects.update_or_create(
            person=person, defaults={"partnership": partnership, "digest": False}
        )
    return len(people)
