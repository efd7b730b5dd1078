"""`sendtrack restore FILE [--only council|sendiass] [--replace] [--check]`: restore a backup
made by `sendtrack backup` into empty databases and an empty uploads folder
(docs/production.md, "Backup and restore"). It prints counts only."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.operations import BackupRefused
from sendtrack.operations.databases import PARTS, TITLES, has_unapplied_migrations
from sendtrack.operations.restore import RestoreSummary, check_backup, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `sendtrack backup`. The archive is checked first; the "
        "databases must be empty (or new) and at the backup's migrations."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="the backup file")
        parser.add_argument(
            "--only",
            choices=sorted(PARTS),
            help="restore one part of the backup: council (its database and the uploads) or "
            "sendiass (its database)",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="restore over databases that hold data: everything in them, and every file in "
            "the uploads folder, is replaced by the backup's",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="only check the archive (every checksum) and say what it holds; change nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["archive"])
        try:
            if options["check"]:
                summary = check_backup(path)
            else:
                only = [options["only"]] if options["only"] else None
                summary = restore_backup(path, only, replace=options["replace"])
        except BackupRefused as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(
            f"{path.name}: made {summary.created_at} by sendtrack {summary.sendtrack_version}; "
            "every member matches its checksum."
        )
        self._report(summary, checked_only=options["check"], verbosity=options["verbosity"])

    def _report(self, summary: RestoreSummary, *, checked_only: bool, verbosity: int) -> None:
        done = "holds" if checked_only else "restored"
        for part, rows in summary.rows.items():
            if part in summary.migrated:
                self.stdout.write(
                    f"{TITLES[part]} ({PARTS[part]}): migrated to the backup's state."
                )
            self.stdout.write(
                f"{TITLES[part]} ({PARTS[part]}): {done} {len(rows)} tables, "
                f"{sum(rows.values()):,} rows."
            )
            if verbosity > 1:
                for label, count in rows.items():
                    self.stdout.write(f"  {label}: {count:,}")
        if summary.upload_files is not None:
            removed = (
                f" (deleted {summary.removed_files:,} the backup does not have)"
                if summary.removed_files
                else ""
            )
            self.stdout.write(f"Uploads: {done} {summary.upload_files:,} files{removed}.")
        if summary.key_reads_backup is True:
            self.stdout.write("The SENDIASS key set here reads the backup's SENDIASS records.")
        elif summary.key_reads_backup is False:
            self.stderr.write(
                "Warning: the SENDIASS key set here is not the one the backup's SENDIASS records "
                "were encrypted with. They are restored as they were, but cannot be read until "
                "SENDTRACK_SENDIASS_KEY is set to that key (kept apart from the backups)."
            )
        if checked_only:
            self.stdout.write("Nothing was changed.")
            return
        for part in summary.rows:
            if has_unapplied_migrations(PARTS[part]):
                database = "" if PARTS[part] == "default" else f" --database {PARTS[part]}"
                self.stdout.write(
                    f"This sendtrack is newer than the backup: run `sendtrack migrate{database}`."
                )
