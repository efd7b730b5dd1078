"""`sendtrack import-plan FILE [--json | --partnership SLUG | --update-plan ID [--dry-run]]`:
read a plan document.

FILE may be a Word (.docx), Excel (.xlsx), PowerPoint (.pptx), CSV, JSON export, text-layer
PDF, saved web page or text file; its real type is read from its bytes (see
``sendtrack.domain.documents.readers``). With ``--json`` the Plan JSON is printed and nothing is
stored; with ``--partnership`` the plan is stored through ``load_plan`` (all of it or nothing);
with ``--update-plan`` it is the month's update of that plan, matched to its actions and applied
to it (``sendtrack.imports.updates``; all of it or nothing; ``--dry-run`` only says what would
change); with none, what was found is summarised.

A document that cannot be imported gives one line on standard error and exit status 1, and
nothing is stored. A progress bar is shown on standard error, when it is a terminal, for
documents that take more than half a second.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from sendtrack.accounts.services import partnership_for_slug
from sendtrack.domain.documents.plan import DocumentImportError, parse_plan_text
from sendtrack.domain.documents.readers import MAX_DOCUMENT_BYTES, read_document
from sendtrack.domain.plan_json import PlanJSONError
from sendtrack.domain.plan_lint import lint_plan
from sendtrack.imports import updates
from sendtrack.imports.services import Draft
from sendtrack.plans.models import Plan
from sendtrack.plans.storage import load_plan, plan_counts

Progress = Callable[[int, int], None]


class ProgressBars:
    """tqdm bars on ``stream``, one per stage, only when ``stream`` is a terminal.

    A bar appears only once its stage has taken half a second, so short documents show none.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = bool(getattr(stream, "isatty", lambda: False)())
        self.bars: dict[str, Any] = {}

    def stage(self, label: str, unit: str) -> Progress | None:
        if not self.enabled:
            return None

        def update(done: int, total: int) -> None:
            from tqdm import tqdm

            bar = self.bars.get(label)
            if bar is None:
                bar = tqdm(
                    total=total, desc=label, unit=unit, file=self.stream, delay=0.5, leave=False
                )
                self.bars[label] = bar
            bar.total = total
            bar.update(max(done - bar.n, 0))

        return update

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()
        self.bars.clear()


@contextmanager
def progress_bars(stream: Any) -> Iterator[ProgressBars]:
    bars = ProgressBars(getattr(stream, "_out", stream))
    try:
        yield bars
    finally:
        bars.close()


def read_document_file(path: Path) -> bytes:
    """The file's bytes; a file over the size limit is refused before it is read."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as error:
        raise DocumentImportError(f"{path}: no such file.") from error
    except OSError as error:
        raise DocumentImportError(f"{path} cannot be read: {error.strerror}.") from error
    if not path.is_file():
        raise DocumentImportError(f"{path} is not a file.")
    too_big = DocumentImportError(
        f"{path.name} is {size / 2**20:,.1f} MB: the largest document that can be imported "
        f"is {MAX_DOCUMENT_BYTES // 2**20} MB."
    )
    if size > MAX_DOCUMENT_BYTES:
        raise too_big
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as error:
        raise DocumentImportError(f"{path} cannot be read: {error.strerror}.") from error
    if len(data) > MAX_DOCUMENT_BYTES:
        raise too_big  # the file grew, or is not a regular file
    return data


def read_plan_document(path: Path, bars: ProgressBars | None = None) -> dict[str, Any]:
    """The Plan JSON of a document file. Raises ``DocumentImportError`` and nothing else."""
    return plan_from_bytes(read_document_file(path), path.name, bars)


def plan_from_bytes(data: bytes, name: str, bars: ProgressBars | None = None) -> dict[str, Any]:
    """The Plan JSON of a document's bytes. Raises ``DocumentImportError`` and nothing else."""
    reading = bars.stage("Reading", "part") if bars else None
    text = read_document(data, name, progress=reading)
    parsing = bars.stage("Parsing", "line") if bars else None
    try:
        return parse_plan_text(text, progress=parsing)
    except DocumentImportError as error:
        raise DocumentImportError(f"{name}: {error}") from error


def one_line(text: object) -> str:
    return " ".join(str(text).split())


class Command(BaseCommand):
    help = (
        "Read a plan document (.docx, .xlsx, .pptx, .csv, .json, text PDF, .html or .txt) as Plan "
        "JSON: "
        "print it with --json, or store it as a new plan of a partnership with --partnership SLUG."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the plan document")
        what = parser.add_mutually_exclusive_group()
        what.add_argument("--json", action="store_true", help="print the Plan JSON; store nothing")
        what.add_argument(
            "--partnership",
            metavar="SLUG",
            help="store the plan in this partnership (created if there is none with that slug)",
        )
        what.add_argument(
            "--update-plan",
            metavar="ID",
            type=int,
            help="apply the document as an update of this plan: progress, RAG, dates, leads "
            "and words of its actions, and actions it adds",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="with --update-plan: say what would change, and change nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            with progress_bars(self.stderr) as bars:
                plan_json = read_plan_document(path, bars)
        except DocumentImportError as error:
            raise CommandError(one_line(error)) from error

        if options["json"]:
            self.stdout.write(json.dumps(plan_json, ensure_ascii=False, indent=2))
            return
        if options["partnership"]:
            self.store(plan_json, path, options["partnership"])
            return
        if options["update_plan"] is not None:
            self.update(plan_json, path, options["update_plan"], dry_run=options["dry_run"])
            return
        self.summarise(plan_json, path)

    def store(self, plan_json: dict[str, Any], path: Path, slug: str) -> None:
        try:
            # One transaction, so a new partnership is not left behind when the plan is refused.
            with transaction.atomic():
                try:
                    partnership = partnership_for_slug(slug)
                except ValueError as error:
                    raise CommandError(one_line(error)) from error
                plan = load_plan(plan_json, partnership=partnership, source_document=path.name)
        except PlanJSONError as error:
            count = len(error.problems)
            raise CommandError(
                one_line(
                    f"{path.name} was not stored: what was read from it is not valid Plan JSON "
                    f"({count} problem{'' if count == 1 else 's'}; the first: "
                    f"{error.problems[0]})."
                )
            ) from error
        counts = ", ".join(f"{count} {name}" for name, count in plan_counts(plan).items())
        self.stdout.write(
            f'Imported plan {plan.pk} "{plan.title}" from {path.name} into partnership '
            f"{partnership.slug}: {counts}."
        )
        self.mention_problems(plan_json, f"sendtrack lint-plan {plan.pk}")

    def update(self, plan_json: dict[str, Any], path: Path, plan_id: int, *, dry_run: bool) -> None:
        """Apply every difference (or, dry, say what they are): ``matched N, changed N, …``."""
        plan = Plan.objects.filter(pk=plan_id, archived_at__isnull=True).first()
        if plan is None:
            raise CommandError(
                f"No plan {plan_id}: give the number of a plan that is not archived."
            )
        draft = Draft(plan=plan_json, filename=path.name)
        if dry_run:
            preview = updates.preview_update(draft, plan=plan)
            self.stdout.write(f"{preview.summary} (nothing was changed: --dry-run)")
            return
        try:
            applied = updates.apply_update(
                draft=draft, plan_id=plan.pk, partnership=plan.partnership, user=None
            )
        except PlanJSONError as error:
            raise CommandError(
                one_line(f"{path.name} was not applied: {error.problems[0]}")
            ) from error
        self.stdout.write(f'{applied.preview.summary}: plan {plan.pk} "{plan.title}" updated.')

    def summarise(self, plan_json: dict[str, Any], path: Path) -> None:
        found = {
            "sections": len(plan_json["sections"]),
            "actions": len(plan_json["actions"]),
            "milestones": len(plan_json["milestones"]),
            "risks": len(plan_json["risks"]),
        }
        counts = ", ".join(f"{count} {name}" for name, count in found.items())
        self.stdout.write(f'{path.name}: "{plan_json["plan_title"]}": {counts}.')
        self.mention_problems(plan_json, f"sendtrack lint-plan {path}")
        self.stdout.write(
            "Nothing was stored: add --partnership SLUG to store the plan, or --json to see "
            "its Plan JSON."
        )

    def mention_problems(self, plan_json: dict[str, Any], command: str) -> None:
        problems = lint_plan(plan_json)
        if problems:
            self.stdout.write(f"{len(problems)} problems to look at: run {command}")
