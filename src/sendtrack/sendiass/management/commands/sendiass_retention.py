"""`sendtrack sendiass-retention [--erase]`: list, then erase, cases past the retention period.

Without --erase it only lists (case reference, closing date, level): nothing changes.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from sendtrack.sendiass.retention import cases_past_retention, erase_cases, retention_cutoff


class Command(BaseCommand):
    help = "List SENDIASS cases closed longer than the retention period; --erase erases them."

    def add_arguments(self, parser):
        parser.add_argument("--erase", action="store_true", help="Erase them (cannot be undone)")
        parser.add_argument("--years", type=int, default=None, help="Override the period")

    def handle(self, *args, erase: bool, years: int | None, **options):
        today = timezone.localdate()
        cases = list(cases_past_retention(today, years).values_list("id", "closed_on", "level"))
        cutoff = retention_cutoff(today, years)
        self.stdout.write(f"{len(cases)} case(s) closed on or before {cutoff:%d/%m/%Y}.")
        for pk, closed_on, level in cases:
            self.stdout.write(f"  S-{pk:06d}  closed {closed_on:%d/%m/%Y}  level {level}")
        if not erase:
            if cases:
                self.stdout.write("Nothing erased. Run again with --erase to erase them.")
            return
        result = erase_cases([pk for pk, *_ in cases], today)
        self.stdout.write(
            self.style.SUCCESS(
                f"Erased {result['cases']} case(s), {result['contacts']} contact(s) and "
                f"{result['service_users']} service user(s); anonymous counts kept."
            )
        )
