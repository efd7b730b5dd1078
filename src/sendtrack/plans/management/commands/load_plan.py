"""`sendtrack load-plan FILE.json --partnership SLUG`: store a Plan JSON document as a plan."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from sendtrack.accounts.services import partnership_for_slug
from sendtrack.domain.plan_json import PlanJSONError
from sendtrack.plans.storage import load_plan, plan_counts


class Command(BaseCommand):
    help = (
        "Load a Plan JSON file (see plan-json.md) as a new plan of a partnership, creating the "
        "partnership if there is none with that slug. All of the plan is stored, or none of it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the Plan JSON file")
        parser.add_argument(
            "--partnership", required=True, metavar="SLUG", help="the partnership's slug"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        data = read_json(path)
        try:
            # One transaction, so a new partnership is not left behind when the plan is refused.
            with transaction.atomic():
                try:
                    partnership = partnership_for_slug(options["partnership"])
                except ValueError as error:
                    raise CommandError(str(error)) from error
                plan = load_plan(data, partnership=partnership, source_document=path.name)
        except PlanJSONError as error:
            raise CommandError(f"{path} was not loaded; nothing was stored.\n{error}") from error
        counts = ", ".join(f"{count} {name}" for name, count in plan_counts(plan).items())
        self.stdout.write(
            f'Loaded plan {plan.pk} "{plan.title}" into partnership {partnership.slug}: {counts}'
        )


def read_json(path: Path) -> Any:
    """The JSON in ``path``; a CommandError saying what is wrong when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise CommandError(f"{path}: no such file") from error
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"{path} cannot be read: {error}") from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CommandError(
            f"{path} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from error
