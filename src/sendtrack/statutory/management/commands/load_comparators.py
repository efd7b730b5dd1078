"""`sendtrack load-comparators FILE.csv`: load the DfE EHC plan timeliness file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sendtrack.statutory.comparators import ComparatorFileError, load_comparators


class Command(BaseCommand):
    help = "Load (or reload) the DfE 'Education, health and care plans' timeliness CSV."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        if not file.exists():
            raise CommandError(f"{file} does not exist")
        try:
            with file.open(encoding="utf-8-sig", newline="") as stream:
                result = load_comparators(stream)
        except ComparatorFileError as error:
            raise CommandError(f"{error}. Nothing was loaded.") from error
        self.stdout.write(
            f"Loaded {result.rows} rows from {file.name} "
            f"({result.created} new, {result.updated} updated)"
        )
