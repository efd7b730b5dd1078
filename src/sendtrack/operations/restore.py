"""Restore a backup into empty databases and an empty uploads folder.

In this order, and nothing changes before step 3:

1. The archive: the manifest is read and every member checked against its size and SHA-256.
2. The targets: each database must be at the backup's migrations (a database with no tables
   at all is migrated to them first) and hold no data, and the uploads folder no files,
   unless ``replace`` is given.
3. Both databases are restored inside one transaction each, held open together: each is
   emptied, the rows inserted, every table's count checked against the manifest and the id
   sequences moved on. The uploads are written into a hidden folder inside the uploads
   folder meanwhile. If anything fails, both transactions roll back and the hidden folder is
   removed: the targets are as they were.
4. Both transactions commit; the uploaded files are moved into place (with ``replace``, files
   the backup does not have are deleted).
"""

import gzip
import io
import os
import shutil
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from cryptography.fernet import InvalidToken
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from sendtrack.core import private_files
from sendtrack.sendiass.fields import fernet

from . import BackupRefused
from .archive import BackupArchive, database_member, upload_member
from .backup import KEY_CHECK_TEXT, RESTORING_PREFIX, upload_files
from .databases import (
    PARTS,
    applied_migrations,
    count_rows,
    empty_tables,
    is_new,
    migrate_to,
    migration_differences,
    models_at,
    reset_sequences,
    tables_with_rows,
)
from .rows import load_rows

COPY_CHUNK = 1024 * 1024


@dataclass
class RestoreSummary:
    created_at: str
    sendtrack_version: str
    rows: dict[str, dict[str, int]] = field(default_factory=dict)  # part → label → rows
    migrated: list[str] = field(default_factory=list)  # parts migrated first
    upload_files: int | None = None
    removed_files: int = 0
    key_reads_backup: bool | None = None


def open_backup(path: Path) -> BackupArchive:
    """The archive, with every member checked; refuses a damaged or foreign file."""
    if not path.is_file():
        raise BackupRefused(f"{path} is not a file.")
    archive = BackupArchive(path)
    try:
        archive.verify()
    except BaseException:
        archive.close()
        raise
    return archive


def key_reads_backup(archive: BackupArchive) -> bool | None:
    """Whether the SENDIASS key set here is the one the backup's SENDIASS records were
    encrypted with (None when the backup has no SENDIASS part)."""
    token = archive.manifest["databases"].get("sendiass", {}).get("key_check")
    if token is None:
        return None
    try:
        return fernet().decrypt(token.encode()) == KEY_CHECK_TEXT
    except (InvalidToken, ValueError):
        return False


def _summary(archive: BackupArchive) -> RestoreSummary:
    manifest = archive.manifest
    return RestoreSummary(
        created_at=str(manifest.get("created_at", "unknown")),
        sendtrack_version=str(manifest.get("sendtrack_version", "unknown")),
        rows={part: dict(manifest["databases"][part]["rows"]) for part in archive.parts},
        upload_files=len(archive.upload_names()) if "council" in archive.parts else None,
        key_reads_backup=key_reads_backup(archive),
    )


def check_backup(path: Path) -> RestoreSummary:
    """Check an archive and say what it holds, changing nothing."""
    archive = open_backup(path)
    archive.close()
    return _summary(archive)


def _check_target(part: str, backup: dict[str, Any], version: str, replace: bool) -> bool:
    """Refuse a database that does not fit the backup; True when it must be migrated first."""
    alias = PARTS[part]
    migrations = backup["migrations"]
    if is_new(alias):
        return True
    differences = migration_differences(migrations, applied_migrations(alias))
    if differences:
        raise BackupRefused(
            f"The {alias} database's migrations are not the backup's: "
            + "; ".join(differences[:5])
            + ". Restore into a new, empty database (the restore migrates it to the backup's "
            "state; run `sendtrack migrate` afterwards), or one migrated by the sendtrack "
            f"version that made the backup ({version}). "
            "Nothing was changed."
        )
    if not replace:
        _refuse_data(alias, models_at(alias, migrations))
    return False


def _refuse_data(alias: str, models: list[Any]) -> None:
    held = tables_with_rows(alias, models)
    if held:
        named = ", ".join(f"{label} ({rows})" for label, rows in sorted(held.items())[:5])
        more = f" and {len(held) - 5} more tables" if len(held) > 5 else ""
        raise BackupRefused(
            f"The {alias} database holds data: {named}{more}. A restore goes into empty "
            "databases; give --replace to delete everything in it and restore the backup "
            "instead. Nothing was changed."
        )


def _refuse_uploads(root: Path) -> None:
    present = upload_files(root) if root.is_dir() else []
    if present:
        raise BackupRefused(
            f"The uploads folder {root} holds {len(present)} files. A restore goes into an "
            "empty folder; give --replace to delete them and restore the backup's instead. "
            "Nothing was changed."
        )


def _restore_database(archive: BackupArchive, part: str, replace: bool) -> dict[str, int]:
    alias = PARTS[part]
    backup = archive.manifest["databases"][part]
    models = models_at(alias, backup["migrations"])
    if not replace:
        _refuse_data(alias, models)  # again, inside the transaction
    empty_tables(alias, models)
    with archive.reading(database_member(part)) as member:
        with gzip.GzipFile(fileobj=member, mode="rb") as unzipped:
            loaded = load_rows(alias, models, io.TextIOWrapper(unzipped, encoding="utf-8"))
    counted = {model._meta.label_lower: count_rows(alias, model) for model in models}
    expected = {label: rows for label, rows in backup["rows"].items()}
    if counted != expected or loaded != expected:
        wrong = sorted(
            label
            for label in set(counted) | set(expected)
            if counted.get(label) != expected.get(label)
        )
        raise BackupRefused(
            f"After restoring, the {alias} database's counts differ from the backup's "
            f"({', '.join(wrong[:5]) or 'rows read'}); nothing was changed."
        )
    reset_sequences(alias, models)
    return counted


def _stage_uploads(archive: BackupArchive, staging: Path) -> list[str]:
    names = archive.upload_names()
    for relative in names:
        with archive.reading(upload_member(relative)) as member:
            chunks = iter(partial(member.read, COPY_CHUNK), b"")
            private_files.write_private(staging / relative, chunks)
    return names


def _place_uploads(root: Path, staging: Path, names: list[str], replace: bool) -> int:
    """Move the staged files into the uploads folder; with replace, delete the others."""
    for relative in names:
        target = root / relative
        private_files.private_folder(target.parent)
        os.replace(staging / relative, target)
    removed = 0
    if replace:
        keep = set(names)
        for relative, path in upload_files(root):
            if relative not in keep:
                path.unlink()
                removed += 1
    return removed


def restore_backup(path: Path, parts: list[str] | None, *, replace: bool) -> RestoreSummary:
    archive = open_backup(path)
    try:
        return _restore(archive, parts, replace=replace)
    finally:
        archive.close()


def _restore(archive: BackupArchive, parts: list[str] | None, *, replace: bool) -> RestoreSummary:
    summary = _summary(archive)
    parts = parts or archive.parts
    for part in parts:
        if part not in archive.parts:
            raise BackupRefused(
                f"The backup has no {part} part (it has: {', '.join(archive.parts)}). "
                "Nothing was changed."
            )
    summary.rows = {}
    backups = {part: archive.manifest["databases"][part] for part in parts}
    to_migrate = [
        part
        for part in parts
        if _check_target(part, backups[part], summary.sendtrack_version, replace)
    ]
    root = private_files.upload_root()
    with_uploads = "council" in parts
    if with_uploads and not replace:
        _refuse_uploads(root)

    for part in to_migrate:
        migrate_to(PARTS[part], backups[part]["migrations"])
        summary.migrated.append(part)

    staging: Path | None = None
    names: list[str] = []
    try:
        with ExitStack() as transactions:
            for part in parts:
                transactions.enter_context(transaction.atomic(using=PARTS[part]))
            for part in parts:
                summary.rows[part] = _restore_database(archive, part, replace)
            if with_uploads:
                root.mkdir(parents=True, exist_ok=True)
                staging = Path(tempfile.mkdtemp(prefix=RESTORING_PREFIX, dir=root))
                names = _stage_uploads(archive, staging)
        if with_uploads and staging is not None:
            try:
                summary.removed_files = _place_uploads(root, staging, names, replace)
            except OSError as error:
                kept, staging = staging, None  # keep the files that were not moved
                raise BackupRefused(
                    f"The databases were restored, but the uploaded files could not all be put "
                    f"in place ({type(error).__name__}). Those not moved are in {kept}: move "
                    f"them into {root}."
                ) from error
            summary.upload_files = len(names)
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        if "council" in parts:
            ContentType.objects.clear_cache()
    if "sendiass" not in parts:
        summary.key_reads_backup = None
    if not with_uploads:
        summary.upload_files = None
    return summary
