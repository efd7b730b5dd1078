"""`sendtrack load-demo [--reset]`: load the synthetic Northvale demo partnership.

Run by `make run`. It does nothing when the demo is already loaded; `--reset` deletes the
demo partnership and loads it again, with dates moved to today.
"""

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from sendtrack.accounts.models import Partnership
from sendtrack.demo.indicators import load_indicators_demo
from sendtrack.demo.northvale import load_northvale, publish_board_reports
from sendtrack.demo.people import PARTNERSHIP_SLUG
from sendtrack.sendiass.demo import load_sendiass_demo
from sendtrack.statutory.demo import load_statutory_demo


class Command(BaseCommand):
    help = (
        'Load the synthetic demo partnership "northvale": three plans, people and a sign-in '
        "for every role. Does nothing if it is already loaded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="delete the demo partnership and its demo sign-ins, then load it again",
        )
        parser.add_argument(
            "--without-casework",
            action="store_true",
            help="load only the plans, not the 3,000 synthetic children of the EHC casework",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "SECURE", False):
            raise CommandError(
                "The demo has sign-ins with a published password: it is not loaded where "
                "SENDTRACK_SECURE=1."
            )
        started = time.monotonic()
        today = timezone.localdate()
        with transaction.atomic():
            result = load_northvale(today=today, reset=options["reset"], publish=False)
            casework = sendiass = None
            partnership = Partnership.objects.get(slug=PARTNERSHIP_SLUG)
            if not options["without_casework"]:
                casework = load_statutory_demo(partnership)
                sendiass = load_sendiass_demo()
            # After the casework: the statutory indicators are worked out from it.
            indicators = load_indicators_demo(partnership, today=today)
            if result.loaded:  # after the indicators, which the past reports show
                publish_board_reports(partnership, today=today)
        for warning in result.warnings:
            self.stderr.write(f"Warning: {warning}")
        elapsed = time.monotonic() - started
        suffix = f" ({elapsed:.1f} s)" if result.loaded else ""
        self.stdout.write(result.message + suffix)
        if casework and casework.children:
            self.stdout.write(
                f"EHC casework: {casework.children} children ({casework.plans} with plans) in"
                f" {casework.settings} settings, {casework.open_assessments} open assessments,"
                f" {casework.reviews} annual reviews, {casework.transfers} phase transfers."
            )
        if indicators.indicators or indicators.computed:
            self.stdout.write(
                f"Indicators: {indicators.indicators} added with {indicators.values} monthly"
                f" values; {indicators.computed} monthly values worked out from the EHC casework."
            )
        if sendiass:
            self.stdout.write(
                "SENDIASS casework (its own database): "
                + ", ".join(f"{n} {name}" for name, n in sendiass.items())
                + "."
            )
