"""`sendtrack export-plan ID --json [--output FILE]`: write a plan out as Plan JSON."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.plans.models import Plan
from sendtrack.plans.storage import export_plan


class Command(BaseCommand):
    help = "Write a plan as Plan JSON (see plan-json.md), to standard output or a file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan_id", type=int, metavar="ID", help="the plan's id")
        parser.add_argument(
            "--json",
            action="store_true",
            required=True,
            help="write Plan JSON (the only format so far)",
        )
        parser.add_argument("--output", metavar="FILE", help="write to FILE instead")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            plan = Plan.objects.get(pk=options["plan_id"])
        except Plan.DoesNotExist as error:
            raise CommandError(f"There is no plan {options['plan_id']}.") from error
        text = json.dumps(export_plan(plan), ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            try:
                Path(options["output"]).write_text(text, encoding="utf-8")
            except OSError as error:
                raise CommandError(f"{options['output']} cannot be written: {error}") from error
        else:
            self.stdout.write(text, ending="")
