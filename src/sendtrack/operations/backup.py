"""Make a backup: each database read in one consistent snapshot, then the uploads.

The uploads are read after the council's database, so every file its rows name was already
on disk (files are written before the row that names them, and never rewritten). A file
uploaded while the backup runs may be in it without a row naming it: harmless.
"""

import gzip
import importlib.metadata
import os
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.db import connections

from sendtrack.core import private_files
from sendtrack.sendiass.fields import fernet

from . import BackupRefused
from .archive import (
    FORMAT,
    FORMAT_VERSION,
    ArchiveWriter,
    archive_name,
    database_member,
    is_safe_name,
    upload_member,
)
from .databases import PARTS, applied_migrations, consistent_snapshot, models_at
from .rows import dump_rows

# Encrypted under the SENDIASS key when the backup is made: a restore decrypts it to tell
# whether the key it has is the one the backup's SENDIASS records need. Not the key.
KEY_CHECK_TEXT = b"sendtrack backup: SENDIASS key check"
RESTORING_PREFIX = ".sendtrack-restore-"


def sendtrack_version() -> str:
    try:
        return importlib.metadata.version("sendtrack")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def upload_files(root: Path) -> list[tuple[str, Path]]:
    """(relative name, path) of every regular file under the uploads folder, sorted; links
    are not followed, and a restore's unfinished folder is left out."""
    found = []
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith(RESTORING_PREFIX))
        for name in files:
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                found.append((path.relative_to(root).as_posix(), path))
    return sorted(found)


@dataclass
class PartSummary:
    part: str
    alias: str
    engine: str
    tables: int
    rows: int
    rows_by_table: dict[str, int]


@dataclass
class BackupSummary:
    path: Path
    size: int
    parts: list[PartSummary] = field(default_factory=list)
    upload_files: int | None = None
    upload_bytes: int = 0
    uploads_missing: int = 0
    uploads_left_out: int = 0


def backup_path(destination: Path, parts: list[str], made_at: float) -> Path:
    path = destination / archive_name(parts, made_at) if destination.is_dir() else destination
    if path.exists():
        raise BackupRefused(f"{path} already exists: choose another name or folder.")
    if not path.parent.is_dir():
        raise BackupRefused(f"The folder {path.parent} does not exist.")
    return path


def make_backup(destination: Path, parts: list[str]) -> BackupSummary:
    made_at = time.time()
    path = backup_path(destination, parts, made_at)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "sendtrack_version": sendtrack_version(),
        "created_at": datetime.fromtimestamp(made_at, UTC).isoformat(),
        "sendiass_key": "not included: keep SENDTRACK_SENDIASS_KEY apart from backups",
        "databases": {},
    }
    archive = ArchiveWriter(path, made_at)
    summary = BackupSummary(path=path, size=0)
    file_names: set[str] = set()
    try:
        with tempfile.TemporaryDirectory(dir=path.parent, prefix=".sendtrack-backup-") as work:
            for part in parts:
                alias = PARTS[part]
                dump = Path(work) / f"{part}.jsonl.gz"
                with consistent_snapshot(alias):
                    migrations = applied_migrations(alias)
                    if not migrations:
                        raise BackupRefused(
                            f"The {alias} database is not migrated: there is nothing to back up."
                        )
                    models = models_at(alias, migrations)
                    with gzip.open(dump, "wt", encoding="utf-8", compresslevel=6) as out:
                        dumped = dump_rows(alias, models, out)
                archive.add_file(database_member(part), dump)
                dump.unlink()
                file_names |= dumped.file_names
                engine = connections[alias].vendor
                manifest["databases"][part] = {
                    "alias": alias,
                    "engine": engine,
                    "migrations": migrations,
                    "rows": dumped.rows,
                }
                if part == "sendiass":
                    manifest["databases"][part]["key_check"] = (
                        fernet().encrypt(KEY_CHECK_TEXT).decode()
                    )
                summary.parts.append(
                    PartSummary(
                        part,
                        alias,
                        engine,
                        len(dumped.rows),
                        sum(dumped.rows.values()),
                        dumped.rows,
                    )
                )
            if "council" in parts:
                root = private_files.upload_root()
                names = set()
                for relative, file in upload_files(root) if root.is_dir() else []:
                    if not is_safe_name(relative):
                        summary.uploads_left_out += 1
                        continue
                    try:
                        archive.add_file(upload_member(relative), file)
                    except FileNotFoundError:  # deleted since the folder was listed
                        continue
                    names.add(relative)
                summary.upload_files = len(names)
                summary.upload_bytes = sum(
                    archive.members[upload_member(relative)]["bytes"] for relative in names
                )
                summary.uploads_missing = len(file_names - names)
                manifest["uploads"] = {
                    "files": summary.upload_files,
                    "bytes": summary.upload_bytes,
                    "named_by_the_database_but_missing": summary.uploads_missing,
                    "left_out_for_their_names": summary.uploads_left_out,
                }
            summary.size = archive.finish(manifest)
    except BaseException:
        archive.abandon()
        raise
    return summary
