"""`sendtrack rag-snapshots [--backfill]`: keep this month's BRAG counts of every plan (run
once a day by cron), or every month's since each plan started, from the history."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sendtrack.accounts.models import Partnership
from sendtrack.plans.models import RagSnapshot
from sendtrack.plans.selectors import month_end
from sendtrack.reports import snapshots
from sendtrack.reports.tasks import take_rag_snapshots


class Command(BaseCommand):
    help = (
        "Keep each plan's BRAG counts at this month's end (as they stand today) and last "
        "month's, for BRAG over time; with --backfill, every month since each plan started, "
        "from the history. Safe to run more than once: a month taken again is replaced."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--backfill", action="store_true", help="Every month since each plan started."
        )
        parser.add_argument("--partnership", help="Only this partnership (its slug).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        partnerships = None
        if options["partnership"]:
            partnerships = list(Partnership.objects.filter(slug=options["partnership"]))
            if not partnerships:
                raise CommandError(f"No partnership {options['partnership']!r}")
        if options["backfill"]:
            kept = snapshots.backfill(today, partnerships)
            self.stdout.write(f"Kept {kept} month-end BRAG counts, back to each plan's start.")
        elif partnerships is not None:
            kept = snapshots.take_this_month(today, partnerships)
            self.stdout.write(f"Kept {kept} BRAG counts for {today:%B %Y} and the month before.")
        else:
            take_rag_snapshots.call()  # the scheduled task, run here by cron
            kept = RagSnapshot.objects.filter(month_end=month_end(today)).count()
            self.stdout.write(f"Kept {kept} BRAG counts for {today:%B %Y} and the month before.")
