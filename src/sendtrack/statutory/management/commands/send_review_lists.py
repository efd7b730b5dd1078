"""`sendtrack send-review-lists`: email each setting's SENCO the reviews due next term.

The emails name the stage and the case reference only, never a child's name: email leaves
the system and may be forwarded.
"""

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sendtrack.accounts.models import Partnership
from sendtrack.domain.statutory import next_school_term
from sendtrack.statutory.selectors import review_lists_by_setting


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


class Command(BaseCommand):
    help = "Email each setting's SENCO the reviews and phase transfers due next term."

    def add_arguments(self, parser):
        parser.add_argument("--partnership", help="Slug of one partnership (default: all)")
        parser.add_argument("--today", type=date.fromisoformat, help="Pretend today is this date")

    def handle(self, *args, partnership=None, today=None, **options):
        today = today or timezone.localdate()
        term = next_school_term(today)
        partnerships = Partnership.objects.all()
        if partnership:
            partnerships = partnerships.filter(slug=partnership)
            if not partnerships.exists():
                raise CommandError(f"No partnership {partnership!r}")
        sent = 0
        for each in partnerships:
            for setting, items in review_lists_by_setting(each, term.start, term.end):
                send_mail(
                    subject=f"EHC plan reviews due in the {term.name}",
                    message=review_list_email(each, setting.name, term.name, items),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=[setting.senco_email],
                )
                sent += 1
        self.stdout.write(f"Sent {sent} review list{'s' if sent != 1 else ''} for the {term.name}")
