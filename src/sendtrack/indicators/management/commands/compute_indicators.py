"""`sendtrack compute-indicators [--period YYYY-MM] [--partnership SLUG]`: work out every
computed indicator for a month (last month by default) and store the values."""

import calendar
from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sendtrack.indicators import registry, services
from sendtrack.indicators.models import MANUAL, Indicator


class Command(BaseCommand):
    help = "Compute and store the values of computed indicators for one month."

    def add_arguments(self, parser):
        parser.add_argument("--period", help="The month, YYYY-MM (default: last month).")
        parser.add_argument("--partnership", help="Only this partnership (its slug).")

    def handle(self, *args, period=None, partnership=None, **options):
        if period:
            try:
                year, month = (int(p) for p in period.split("-"))
                start = date(year, month, 1)
            except ValueError as error:
                raise CommandError("--period must be YYYY-MM, for example 2026-03") from error
        else:
            start = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
        end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
        indicators = Indicator.objects.filter(archived_at__isnull=True).exclude(source=MANUAL)
        if partnership:
            indicators = indicators.filter(partnership__slug=partnership)
        known = registry.registered()
        stored = 0
        for indicator in indicators.select_related("partnership"):
            if indicator.source not in known:
                self.stderr.write(f"{indicator}: no computed indicator called {indicator.source}")
                continue
            value = services.store_computed(indicator=indicator, period=start, end=end)
            stored += 1
            shown = "no cases" if value.value is None else value.value
            self.stdout.write(f"{indicator.partnership.slug}: {indicator.name}: {shown}")
        self.stdout.write(f"Stored {stored} value{'s' if stored != 1 else ''} for {start:%B %Y}")
