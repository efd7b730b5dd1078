"""The backup file: one tar archive, readable only by its owner (mode 600).

    databases/council.jsonl.gz    the council's database (rows.py), when backed up
    databases/sendiass.jsonl.gz   the SENDIASS database, when backed up
    uploads/…                     the files in SENDTRACK_UPLOAD_ROOT, with the council's part
    manifest.json                 what the backup holds: the sendtrack version, when it was
                                  made, each database's migrations per app and rows per
                                  table, and every other member's size and SHA-256

The manifest is the last member, written once every checksum is known. A restore reads it
first and checks every member against it before it changes anything, so a damaged, truncated
or foreign file is refused whole. The SENDIASS key is never in it.
"""

import hashlib
import io
import json
import os
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Any

from . import BackupRefused
from .databases import PARTS

FORMAT = "sendtrack-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
UPLOADS = "uploads/"
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
CHUNK = 1024 * 1024


def database_member(part: str) -> str:
    return f"databases/{part}.jsonl.gz"


def upload_member(relative: str) -> str:
    return UPLOADS + relative


def is_safe_name(name: str) -> bool:
    """A relative path with no '..', no absolute part and nothing odd: safe to extract."""
    path = PurePosixPath(name)
    return (
        bool(name)
        and not path.is_absolute()
        and ".." not in path.parts
        and "\\" not in name
        and "\x00" not in name
        and str(path) == name
    )


class _Hashing:
    """A file opened for reading that hashes what is read from it."""

    def __init__(self, file: IO[bytes]) -> None:
        self.file = file
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


class ArchiveWriter:
    """Writes the archive under a temporary name beside ``path`` (mode 600 from the start) and
    gives it its name only when it is complete; on failure nothing is left behind."""

    def __init__(self, path: Path, made_at: float) -> None:
        self.path = path
        self.made_at = made_at
        self.members: dict[str, dict[str, Any]] = {}
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".partial"
        )
        os.fchmod(descriptor, 0o600)
        self.temporary = Path(temporary)
        self.file = os.fdopen(descriptor, "wb")
        self.tar = tarfile.open(fileobj=self.file, mode="w", format=tarfile.PAX_FORMAT)

    def _info(self, name: str, size: int) -> tarfile.TarInfo:
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = size, 0o600, int(self.made_at)
        return info

    def add_file(self, name: str, source: Path) -> None:
        with source.open("rb") as file:
            hashing = _Hashing(file)
            self.tar.addfile(self._info(name, os.fstat(file.fileno()).st_size), hashing)
        self.members[name] = {"bytes": hashing.size, "sha256": hashing.sha256.hexdigest()}

    def finish(self, manifest: dict[str, Any]) -> int:
        manifest["members"] = self.members
        data = json.dumps(manifest, indent=1, sort_keys=True).encode()
        self.tar.addfile(self._info(MANIFEST, len(data)), io.BytesIO(data))
        self.tar.close()
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(self.temporary, self.path)
        return self.path.stat().st_size

    def abandon(self) -> None:
        try:
            self.tar.close()
            self.file.close()
        finally:
            self.temporary.unlink(missing_ok=True)


def _refuse_damaged(path: Path, why: str) -> BackupRefused:
    return BackupRefused(
        f"{path} is not a sendtrack backup, or it is damaged ({why}). Nothing was changed."
    )


class BackupArchive:
    """A backup opened for reading; ``verify()`` checks every member against the manifest."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.tar = tarfile.open(path, mode="r:")
            self.files = {m.name: m for m in self.tar.getmembers() if m.isfile()}
            self.manifest = self._read_manifest()
        except (tarfile.TarError, EOFError, OSError, ValueError, UnicodeDecodeError) as error:
            raise _refuse_damaged(path, type(error).__name__ + f": {error}") from error

    def close(self) -> None:
        self.tar.close()

    def _read_manifest(self) -> dict[str, Any]:
        member = self.files.get(MANIFEST)
        if member is None:
            raise _refuse_damaged(self.path, "it has no manifest.json")
        if member.size > MAX_MANIFEST_BYTES:
            raise _refuse_damaged(self.path, "its manifest is too large")
        manifest = json.loads(self._open(MANIFEST).read())
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise _refuse_damaged(self.path, "its manifest is not a sendtrack backup's")
        if manifest.get("format_version") != FORMAT_VERSION:
            raise BackupRefused(
                f"{self.path} was made by a version of sendtrack that writes backups in format "
                f"{manifest.get('format_version')}; this one reads format {FORMAT_VERSION}. "
                "Restore it with the version that made it. Nothing was changed."
            )
        members = manifest.get("members")
        databases = manifest.get("databases")
        if not isinstance(members, dict) or not isinstance(databases, dict):
            raise _refuse_damaged(self.path, "its manifest is incomplete")
        for name in members:
            if not is_safe_name(name):
                raise _refuse_damaged(self.path, "a member has an unsafe name")
        expected = set(members) | {MANIFEST}
        if set(self.files) != expected:
            missing, extra = len(expected - set(self.files)), len(set(self.files) - expected)
            raise _refuse_damaged(
                self.path, f"{missing} members missing, {extra} not in its manifest"
            )
        for part, database in databases.items():
            if part not in PARTS or database_member(part) not in members:
                raise _refuse_damaged(self.path, "its manifest names a database it has not")
            if not isinstance(database, dict) or not all(
                isinstance(database.get(key), dict) for key in ("migrations", "rows")
            ):
                raise _refuse_damaged(self.path, "its manifest is incomplete")
        return manifest

    def _open(self, name: str) -> IO[bytes]:
        file = self.tar.extractfile(self.files[name])
        if file is None:
            raise _refuse_damaged(self.path, f"{name} cannot be read")
        return file

    @property
    def parts(self) -> list[str]:
        return sorted(self.manifest["databases"])

    def upload_names(self) -> list[str]:
        return sorted(
            name[len(UPLOADS) :] for name in self.manifest["members"] if name.startswith(UPLOADS)
        )

    def verify(self) -> None:
        """Check every member's size and SHA-256 against the manifest."""
        try:
            for name, expected in sorted(self.manifest["members"].items()):
                hashing = _Hashing(self._open(name))
                while hashing.read(CHUNK):
                    pass
                if (hashing.size, hashing.sha256.hexdigest()) != (
                    expected["bytes"],
                    expected["sha256"],
                ):
                    raise _refuse_damaged(self.path, f"{name} does not match its checksum")
        except (tarfile.TarError, EOFError, OSError, KeyError, TypeError) as error:
            raise _refuse_damaged(self.path, type(error).__name__) from error

    @contextmanager
    def reading(self, name: str) -> Iterator[IO[bytes]]:
        """The member opened for reading, checked again against the manifest when the reading
        ends (the file could have changed since verify()): raises then if it differs."""
        expected = self.manifest["members"][name]
        hashing = _Hashing(self._open(name))
        yield hashing  # type: ignore[misc]  # reads like the member file it wraps
        while hashing.read(CHUNK):
            pass
        if (hashing.size, hashing.sha256.hexdigest()) != (expected["bytes"], expected["sha256"]):
            raise _refuse_damaged(self.path, f"{name} changed while it was being restored")


def archive_name(parts: list[str], made_at: float) -> str:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(made_at))
    suffix = "" if len(parts) > 1 else f"-{parts[0]}"
    return f"sendtrack-backup-{stamp}{suffix}.tar"
