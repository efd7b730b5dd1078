"""`sendtrack load-demo [--reset]`: load the synthetic Northvale demo partnership.

Run by `make run`. It does nothing when the demo is already loaded; `--reset` deletes the
demo partnership and loads it again, with dates moved to today.
"""

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.demo.northvale import load_northvale


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

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "SECURE", False):
            raise CommandError(
                "The demo has sign-ins with a published password: it is not loaded where "
                "SENDTRACK_SECURE=1."
            )
        started = time.monotonic()
        result = load_northvale(reset=options["reset"])
        for warning in result.warnings:
            self.stderr.write(f"Warning: {warning}")
        elapsed = time.monotonic() - started
        suffix = f" ({elapsed:.1f} s)" if result.loaded else ""
        self.stdout.write(result.message + suffix)
