"""`sendtrack backup [--output FILE_OR_FOLDER] [--only council|sendiass]`: one archive file
holding the council's database, the SENDIASS database and the uploads, never the SENDIASS key
(docs/production.md, "Backup and restore"). It prints counts only."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.operations import BackupRefused
from sendtrack.operations.backup import make_backup
from sendtrack.operations.databases import PARTS, TITLES


def size_in_words(size: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


class Command(BaseCommand):
    help = (
        "Back up the council's database, the SENDIASS database and the uploaded files into one "
        "archive (mode 600). The SENDIASS key is never in it: keep the key apart."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            default=".",
            help="the archive file to write, or a folder to write it in with a dated name "
            "(default: the current folder); an existing file is never overwritten",
        )
        parser.add_argument(
            "--only",
            choices=sorted(PARTS),
            help="back up one part: council (its database and the uploads) or sendiass "
            "(its database), for example where another organisation runs SENDIASS",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        parts = [options["only"]] if options["only"] else list(PARTS)
        try:
            summary = make_backup(Path(options["output"]), parts)
        except BackupRefused as refused:
            raise CommandError(str(refused)) from refused
        for part in summary.parts:
            self.stdout.write(
                f"{TITLES[part.part]} ({part.alias}, {part.engine}): {part.tables} tables, "
                f"{part.rows:,} rows."
            )
            if options["verbosity"] > 1:
                for label, rows in part.rows_by_table.items():
                    self.stdout.write(f"  {label}: {rows:,}")
        if summary.upload_files is not None:
            self.stdout.write(
                f"Uploads: {summary.upload_files:,} files, {size_in_words(summary.upload_bytes)}."
            )
        if summary.uploads_missing:
            self.stderr.write(
                f"Warning: {summary.uploads_missing:,} files named by the council's database "
                "are not in the uploads folder (SENDTRACK_UPLOAD_ROOT)."
            )
        if summary.uploads_left_out:
            self.stderr.write(
                f"Warning: {summary.uploads_left_out:,} files in the uploads folder have names a "
                "restore would refuse (such as a backslash in them) and were left out."
            )
        self.stdout.write(
            f"Wrote {summary.path} ({size_in_words(summary.size)}, readable only by its owner)."
        )
        if "sendiass" in parts:
            self.stdout.write(
                "The SENDIASS key is not in the backup: keep SENDTRACK_SENDIASS_KEY apart from "
                "it. Without the key, the backup's SENDIASS records cannot be read."
            )
