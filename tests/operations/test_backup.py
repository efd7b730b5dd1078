"""`sendtrack backup` and `sendtrack restore`: what an operator relies on after a disaster.

The tests commit for real (transaction=True), as the commands do, on SQLite and, in CI, on
PostgreSQL. There, the last test also restores a PostgreSQL backup into new SQLite files.
"""

import ast
import gzip
import io
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tarfile
from datetime import date
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections, router

from sendtrack.accounts.models import Partnership, User
from sendtrack.demo.people import PARTNERSHIP_SLUG
from sendtrack.sendiass.demo import load_sendiass_demo
from sendtrack.sendiass.fields import decrypt_bytes, encrypt_bytes
from sendtrack.sendiass.models import Contact, Document, SendiassCase
from sendtrack.statutory.demo import load_statutory_demo
from sendtrack.statutory.models import AnnualReview
from tests.factories import PartnershipFactory
from tests.statutory.factories import ReviewFactory

pytestmark = pytest.mark.django_db(databases=["default", "sendiass"], transaction=True)

BOTH = ("default", "sendiass")
MADE_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}
NOTE = "Mum worried about the move to secondary school; call back on Tuesday."
LETTER = b"%PDF-1.7 a letter from the school about Year 7\n"
PAPERWORK = b"%PDF-1.7 annual review paperwork\n"
SRC = Path(__file__).resolve().parents[2] / "src" / "sendtrack"


def every_count(alias: str) -> dict[str, int]:
    """Rows in every table of the database, history and many-to-many tables included."""
    connection = connections[alias]
    return {
        model._meta.label_lower: model._base_manager.db_manager(alias).count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.can_migrate(connection) and router.allow_migrate_model(alias, model)
    }


def counts() -> dict[str, dict[str, int]]:
    return {alias: every_count(alias) for alias in BOTH}


def raw_notes(contact_id: int) -> str:
    """The notes column as the database holds it: ciphertext."""
    with connections["sendiass"].cursor() as cursor:
        cursor.execute("SELECT notes FROM sendiass_contact WHERE id = %s", [contact_id])
        return cursor.fetchone()[0]


def files_under(root: Path) -> dict[str, bytes]:
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def empty_everything(uploads: Path) -> None:
    for alias in BOTH:
        call_command("flush", database=alias, interactive=False, verbosity=0)
    shutil.rmtree(uploads, ignore_errors=True)


def backup(*args: str) -> tuple[Path, str]:
    out = StringIO()
    call_command("backup", *args, stdout=out, stderr=StringIO())
    written = [line for line in out.getvalue().splitlines() if line.startswith("Wrote ")]
    return Path(written[0].removeprefix("Wrote ").split(" (")[0]), out.getvalue()


def restore(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("restore", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def archive_text(archive: Path) -> bytes:
    """Every byte in the archive, database dumps unzipped."""
    everything = b""
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            data = tar.extractfile(member).read()
            everything += gzip.decompress(data) if member.name.endswith(".gz") else data
    return everything


@pytest.fixture
def uploads(settings, tmp_path) -> Path:
    root = tmp_path / "uploads"
    settings.SENDTRACK_UPLOAD_ROOT = root
    return root


def add_casework_records() -> SimpleNamespace:
    """A SENDIASS contact note and document written as the service writes them (with
    history), on a demo case."""
    case = SendiassCase.objects.order_by("id").first()
    contact = Contact.objects.create(
        case=case, on=date(2026, 3, 2), channel="phone", minutes=20, notes=NOTE
    )
    document = Document.objects.create(
        case=case,
        title="Letter from school",
        filename="letter.pdf",
        content_type="application/pdf",
        size=len(LETTER),
        content=encrypt_bytes(LETTER),
        consent_given_on=date(2026, 3, 2),
        consent_given_by="Parent",
    )
    return SimpleNamespace(contact=contact, document=document)


def add_paperwork(review: AnnualReview) -> AnnualReview:
    review.paperwork.save("Robin Childname review.pdf", ContentFile(PAPERWORK), save=True)
    return review


@pytest.fixture
def demo(uploads) -> SimpleNamespace:
    """The Northvale demo, small: its plans, 40 children's statutory casework with one
    review's paperwork uploaded, and 30 SENDIASS cases."""
    call_command("load_demo", "--without-casework", stdout=StringIO(), stderr=StringIO())
    partnership = Partnership.objects.get(slug=PARTNERSHIP_SLUG)
    load_statutory_demo(partnership, children=40, open_assessments=5, settings=6)
    load_sendiass_demo(cases=30, contacts=90)
    review = add_paperwork(AnnualReview.objects.filter(partnership=partnership).first())
    return SimpleNamespace(review=review, **vars(add_casework_records()))


@pytest.fixture
def small(uploads) -> SimpleNamespace:
    """A little of everything, quicker than the demo."""
    review = add_paperwork(ReviewFactory(plan__child__partnership=PartnershipFactory()))
    load_sendiass_demo(cases=30, contacts=90)
    return SimpleNamespace(review=review, **vars(add_casework_records()))


def test_a_backup_of_the_demo_restores_into_empty_databases_with_every_row(demo, uploads, tmp_path):
    before = counts()
    assert before["default"]["plans.historicalaction"] > 0  # history is part of it
    assert before["sendiass"]["sendiass.historicalcontact"] > 0
    ciphertext = raw_notes(demo.contact.pk)
    paperwork_files = files_under(uploads)
    assert list(paperwork_files.values()) == [PAPERWORK]
    names = {u.first_name for u in User.objects.exclude(first_name="")}

    archive, printed = backup("--output", str(tmp_path))

    assert archive.parent == tmp_path and archive.name.startswith("sendtrack-backup-")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert "The SENDIASS key is not in the backup" in printed
    assert NOTE not in printed and not any(name in printed for name in names)
    held = archive_text(archive)
    assert settings.SENDTRACK_SENDIASS_KEY.encode() not in held  # the key is never in it
    assert NOTE.encode() not in held and LETTER not in held  # SENDIASS text stays encrypted
    assert ciphertext.encode() in held

    empty_everything(uploads)
    emptied = counts()
    assert not any(n for label, n in emptied["default"].items() if label not in MADE_BY_MIGRATE)
    assert not any(emptied["sendiass"].values())

    printed, warnings = restore(str(archive))

    assert counts() == before
    assert "restored" in printed and "The SENDIASS key set here reads" in printed
    assert NOTE not in printed and not warnings
    assert raw_notes(demo.contact.pk) == ciphertext  # copied, never decrypted and re-encrypted
    assert Contact.objects.get(pk=demo.contact.pk).notes == NOTE
    assert decrypt_bytes(Document.objects.get(pk=demo.document.pk).content) == LETTER
    assert files_under(uploads) == paperwork_files
    with AnnualReview.objects.get(pk=demo.review.pk).paperwork.open("rb") as paperwork:
        assert paperwork.read() == PAPERWORK
    # New rows get new ids after the restored ones, on both databases.
    assert Partnership.objects.create(slug="after", name="After").pk > demo.review.partnership_id
    later = Contact.objects.create(case=demo.contact.case, on=date(2026, 3, 3), channel="phone")
    assert later.pk > demo.contact.pk


def test_a_damaged_truncated_or_foreign_file_is_refused_and_nothing_changes(
    small, uploads, tmp_path
):
    archive, _ = backup("--output", str(tmp_path / "good.tar"))
    before, files = counts(), files_under(uploads)

    damaged = tmp_path / "damaged.tar"
    data = bytearray(archive.read_bytes())
    with tarfile.open(archive) as tar:
        dump = tar.getmember("databases/council.jsonl.gz")
    data[dump.offset_data + dump.size // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    truncated = tmp_path / "truncated.tar"
    truncated.write_bytes(archive.read_bytes()[: len(data) // 2])
    foreign = tmp_path / "foreign.tar"
    with tarfile.open(foreign, "w") as tar:
        tar.addfile(tarfile.TarInfo("notes.txt"), io.BytesIO(b""))
    not_a_tar = tmp_path / "not-a-backup.tar"
    not_a_tar.write_text("hello")

    for bad, message in [
        (damaged, "does not match its checksum"),
        (truncated, "not a sendtrack backup, or it is damaged"),
        (foreign, "it has no manifest.json"),
        (not_a_tar, "not a sendtrack backup, or it is damaged"),
    ]:
        for args in [(), ("--replace",), ("--check",)]:
            with pytest.raises(CommandError, match=message) as refused:
                restore(str(bad), *args)
            assert "Nothing was changed" in str(refused.value)
    assert counts() == before
    assert files_under(uploads) == files


def test_restoring_over_data_is_refused_without_replace_and_replace_puts_back_the_backup(
    small, uploads, tmp_path
):
    archive, _ = backup("--output", str(tmp_path))
    at_backup, files_at_backup = counts(), files_under(uploads)
    # Work goes on after the backup: a note, a new upload.
    Contact.objects.create(case=small.contact.case, on=date(2026, 4, 1), channel="email")
    (uploads / "statutory" / "later.pdf").write_bytes(PAPERWORK)
    later, later_files = counts(), files_under(uploads)

    with pytest.raises(CommandError, match="holds data: .*--replace") as refused:
        restore(str(archive))
    assert "Nothing was changed" in str(refused.value)
    assert NOTE not in str(refused.value)
    assert counts() == later and files_under(uploads) == later_files
    # The uploads are checked too, even when the databases are empty.
    empty_everything(uploads)
    (uploads / "stray.pdf").parent.mkdir(parents=True)
    (uploads / "stray.pdf").write_bytes(PAPERWORK)
    with pytest.raises(CommandError, match="uploads folder .* holds 1 files"):
        restore(str(archive))

    printed, _ = restore(str(archive), "--replace")

    assert counts() == at_backup
    assert files_under(uploads) == files_at_backup  # the stray file is deleted
    assert "deleted 1 the backup does not have" in printed
    assert Contact.objects.get(pk=small.contact.pk).notes == NOTE


def test_sendiass_is_backed_up_and_restored_on_its_own(small, uploads, tmp_path, settings):
    archive, printed = backup("--only", "sendiass", "--output", str(tmp_path))

    assert archive.name.endswith("-sendiass.tar")
    assert "Council database" not in printed and "Uploads" not in printed
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == ["databases/sendiass.jsonl.gz", "manifest.json"]
    with pytest.raises(CommandError, match="The backup has no council part"):
        restore(str(archive), "--only", "council")
    council, files = every_count("default"), files_under(uploads)
    sendiass = every_count("sendiass")
    call_command("flush", database="sendiass", interactive=False, verbosity=0)

    printed, _ = restore(str(archive))

    assert every_count("sendiass") == sendiass
    assert every_count("default") == council and files_under(uploads) == files
    assert Contact.objects.get(pk=small.contact.pk).notes == NOTE
    # With another key, a check says the backup's SENDIASS records cannot be read here.
    settings.SENDTRACK_SENDIASS_KEY = Fernet.generate_key().decode()
    printed, warnings = restore(str(archive), "--check")
    assert "Nothing was changed" in printed
    assert "not the one the backup's SENDIASS records were encrypted with" in warnings


def test_the_command_restores_into_new_databases_migrating_them_first(small, uploads, tmp_path):
    """As after losing a server: new, empty database files; the restore migrates them to the
    backup's migrations. (In CI's PostgreSQL run this restores a PostgreSQL backup into
    SQLite.)"""
    archive, _ = backup("--output", str(tmp_path))
    target = tmp_path / "new-server"
    target.mkdir()
    environment = {
        **os.environ,
        "SENDTRACK_VAR_DIR": str(target),
        "SENDTRACK_DATABASE_URL": f"sqlite:///{target / 'sendtrack.sqlite3'}",
        "SENDTRACK_SENDIASS_DATABASE_URL": f"sqlite:///{target / 'sendiass.sqlite3'}",
        "SENDTRACK_UPLOAD_ROOT": str(target / "uploads"),
        "SENDTRACK_SENDIASS_KEY": settings.SENDTRACK_SENDIASS_KEY,
        "SENDTRACK_SECRET_KEY": "a-new-servers-own-secret-key-" + "k" * 30,
    }
    command = [sys.executable, "-c", "from sendtrack.cli import main; main()", "restore"]

    result = subprocess.run(  # noqa: S603
        [*command, str(archive)], env=environment, capture_output=True, text=True, timeout=900
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.count("migrated to the backup's state") == 2
    sendiass = sqlite3.connect(target / "sendiass.sqlite3")
    council = sqlite3.connect(target / "sendtrack.sqlite3")
    try:
        (contacts,) = sendiass.execute("SELECT COUNT(*) FROM sendiass_contact").fetchone()
        (notes,) = sendiass.execute(
            "SELECT notes FROM sendiass_contact WHERE id = ?", [small.contact.pk]
        ).fetchone()
        (reviews,) = council.execute("SELECT COUNT(*) FROM statutory_annualreview").fetchone()
        (history,) = council.execute(
            "SELECT COUNT(*) FROM statutory_historicalannualreview"
        ).fetchone()
    finally:
        sendiass.close()
        council.close()
    assert contacts == Contact.objects.count()
    assert decrypt_bytes(notes.encode()).decode() == NOTE
    assert reviews == AnnualReview.objects.count()
    assert history == AnnualReview.history.count()
    assert files_under(target / "uploads") == files_under(uploads)


@pytest.mark.django_db(databases=[])
def test_no_council_part_and_no_sendiass_module_imports_the_backup_commands():
    """They are an entry point: they read both databases, so nothing below may lean on them."""
    importers = []
    for path in SRC.rglob("*.py"):
        if path.is_relative_to(SRC / "operations"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            if any(
                m == "sendtrack.operations" or m.startswith("sendtrack.operations.")
                for m in modules
            ):
                importers.append(str(path.relative_to(SRC)))
    assert importers == []
