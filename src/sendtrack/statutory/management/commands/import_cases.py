"""`sendtrack import-cases FILE.csv|.xlsx --partnership SLUG` (docs/statutory-import.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sendtrack.accounts.models import Partnership
from sendtrack.statutory.imports import ImportFileError, import_cases


class Command(BaseCommand):
    help = "Import children, EHC needs assessments, plans and reviews, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--partnership", required=True, help="Partnership slug")

    def handle(self, *args, file: Path, partnership: str, **options):
        area = Partnership.objects.filter(slug=partnership).first()
        if area is None:
            raise CommandError(f"No partnership {partnership!r}")
        if not file.exists():
            raise CommandError(f"{file} does not exist")
        try:
            result, problems = import_cases(area, file)
        except ImportFileError as error:
            raise CommandError(f"{error}. Nothing was stored.") from error
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            rows = len({p.row for p in problems})
            raise CommandError(
                f"{rows} row{'s' if rows != 1 else ''} of {file.name} "
                f"{'have' if rows != 1 else 'has'} problems. Nothing was stored."
            )
        assert result is not None
        self.stdout.write(
            f"Imported {file.name}: {result.children_created} children added, "
            f"{result.children_updated} updated, {result.assessments} assessments, "
            f"{result.plans} new plans, {result.reviews} reviews scheduled"
        )
