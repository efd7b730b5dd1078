"""`sendtrack sendiass-import FILE.csv|FILE.xlsx`: cases from the old Access database.

All or nothing: any bad row stops the import and every problem is listed.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sendtrack.sendiass.imports import ImportFailed, import_cases


class Command(BaseCommand):
    help = "Import SENDIASS cases from CSV or XLSX (layout: docs/sendiass-import.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"{file} is not a file")
        if file.suffix.lower() not in {".csv", ".xlsx"}:
            raise CommandError("Give a .csv or .xlsx file")
        try:
            count = import_cases(file)
        except ImportFailed as failed:
            for problem in failed.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"{failed} ({len(failed.problems)} problem(s) listed above)"
            ) from failed
        self.stdout.write(self.style.SUCCESS(f"Imported {count} case(s)."))
