"""`sendtrack send-review-lists`: email each setting's SENCO the reviews due next term.

The emails name the stage and the case reference only, never a child's name: email leaves
the system and may be forwarded. They come from the reminders' sender
(SENDTRACK_REMINDERS_FROM_EMAIL) and go through one connection. Each setting gets each
term's list once (ReviewListSent), so the command is safe to run again; `--force` re-sends.
A list that cannot be sent is not recorded: the others are still sent, the failures are
reported at the end and the command exits non-zero, so the next run tries them again.
"""

import logging
from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.utils import timezone

from sendtrack.accounts.models import Partnership
from sendtrack.domain.statutory import SchoolTerm, next_school_term
from sendtrack.statutory.models import ReviewListSent, Setting
from sendtrack.statutory.selectors.portal import review_lists_by_setting

logger = logging.getLogger(__name__)


def review_list_email(partnership: Partnership, setting_name: str, term: str, items) -> str:
    lines = [
        f"Dear SENCO at {setting_name},",
        "",
        f"These EHC plan reviews for children at your setting are due in the {term}.",
        "Please arrange each meeting and send the paperwork through the sendtrack schools "
        "portal. Children are listed by case reference only.",
        "",
    ]
    lines += [f"- {item.case_reference}: {item.stage}, due {item.due:%-d %B %Y}" for item in items]
    lines += ["", f"{partnership.name} SEN team"]
    return "\n".join(lines)


def _send_once(
    partnership: Partnership,
    setting: Setting,
    term: SchoolTerm,
    message: EmailMessage,
    count: int,
    force: bool,
) -> str:
    """Record then send in one transaction: a failed send leaves no record behind."""
    try:
        with transaction.atomic():
            values = {
                "partnership": partnership,
                "term_name": term.name,
                "recipient": setting.senco_email,
                "item_count": count,
            }
            if force:
                ReviewListSent.objects.update_or_create(
                    setting=setting, term_start=term.start, defaults=values
                )
            else:
                ReviewListSent.objects.create(setting=setting, term_start=term.start, **values)
            if message.connection is not None:
                message.connection.open()  # once: later sends reuse it
            message.send()
    except IntegrityError:
        return "already_sent"  # another run recorded it first
    except Exception:
        # The SENCO address may be personal: log the setting only.
        logger.exception("Could not send the %s review list to setting %s", term.name, setting.pk)
        return "failed"
    return "sent"


class Command(BaseCommand):
    help = (
        "Email each setting's SENCO the reviews and phase transfers due next term. "
        "Each list is sent once per setting and term unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--partnership", help="Slug of one partnership (default: all)")
        parser.add_argument("--today", type=date.fromisoformat, help="Pretend today is this date")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Send again the lists already sent to a setting for that term",
        )

    def handle(
        self,
        *args: Any,
        partnership: str | None = None,
        today: date | None = None,
        force: bool = False,
        **options: Any,
    ) -> None:
        today = today or timezone.localdate()
        term = next_school_term(today)
        partnerships = Partnership.objects.all()
        if partnership:
            partnerships = partnerships.filter(slug=partnership)
            if not partnerships.exists():
                raise CommandError(f"No partnership {partnership!r}")
        sent = already = 0
        failed: list[str] = []
        connection = get_connection()
        try:
            for each in partnerships:
                done = set(
                    ReviewListSent.objects.filter(
                        partnership=each, term_start=term.start
                    ).values_list("setting_id", flat=True)
                )
                for setting, items in review_lists_by_setting(each, term.start, term.end):
                    if setting.pk in done and not force:
                        already += 1
                        continue
                    message = EmailMessage(
                        subject=f"EHC plan reviews due in the {term.name}",
                        body=review_list_email(each, setting.name, term.name, items),
                        from_email=settings.SENDTRACK_REMINDERS_FROM_EMAIL,
                        to=[setting.senco_email],
                        connection=connection,
                    )
                    outcome = _send_once(each, setting, term, message, len(items), force)
                    if outcome == "sent":
                        sent += 1
                    elif outcome == "already_sent":
                        already += 1
                    else:
                        failed.append(f"{setting.name} ({each.slug})")
                        connection.close()  # the next send opens a fresh connection
        finally:
            connection.close()
        self.stdout.write(
            f"Sent {sent} review list{'s' if sent != 1 else ''} for the {term.name}; "
            f"{already} already sent; {len(failed)} failed."
        )
        if failed:
            raise CommandError(
                f"{len(failed)} review list(s) could not be sent, to: {', '.join(failed)}. "
                "Run the command again to retry them."
            )
