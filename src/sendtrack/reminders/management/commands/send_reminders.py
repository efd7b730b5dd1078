"""`sendtrack send-reminders`: email today's reminders (run once a day by cron)."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sendtrack.accounts.models import Partnership
from sendtrack.reminders.services import send_reminders


class Command(BaseCommand):
    help = (
        "Email each action lead a digest of their actions that are overdue, due within 14 days "
        "or without an update for six weeks, and each programme manager a summary. "
        "Safe to run more than once a day: nothing is sent twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--partnership", help="Only this partnership (its slug).")
        parser.add_argument(
            "--date", type=date.fromisoformat, help="Act as if today were this date (YYYY-MM-DD)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be sent; send nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today: date = options["date"] or timezone.localdate()
        partnerships = Partnership.objects.all()
        if options["partnership"]:
            partnerships = partnerships.filter(slug=options["partnership"])
            if not partnerships.exists():
                raise CommandError(f"No partnership {options['partnership']!r}")
        report = send_reminders(
            today=today,
            partnerships=partnerships,
            dry_run=bool(options["dry_run"]),
        )
        verb = "Would send" if options["dry_run"] else "Sent"
        self.stdout.write(
            f"{verb} {report.digests} digest(s) and {report.summaries} summary(ies) for "
            f"{today.isoformat()}; {report.already_sent} already sent today; "
            f"{report.failed} failed."
        )
        if report.failed:
            raise CommandError(f"{report.failed} reminder(s) could not be sent; see the log.")
