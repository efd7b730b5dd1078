"""Importer accuracy and speed: on the seed documents it was developed on, on layout families it
has never seen, and on the shared development set.

1. Seeds (``../shared/seeds``, skipped if absent): each is parsed to Plan JSON in
   bench/out/import/ and scored against its gold with ../shared/tools/score_import.py (the
   scorer's own figures are printed), with the time to parse each (the best of three, the
   reader's remembered lookups emptied before each, as a fresh worker reads) and throughput.
   Then the peak memory (tracemalloc) of reading, as an upload is read, the largest seed, a
   generated 1 MB table and a generated 50 MB one (as text and as CSV: refused).
2. Layout families (``bench/import_families/``: documents written blind, from the families'
   descriptions only, by someone who had not read the importer): every document is read as an
   upload is read, scored with bench/import_score.py, and one row printed per family, then
   one for all of them (micro-averaged over actions). Each family is scored leave-one-family-out:
   :func:`trained` (``excluding=family``) trains the heading and action models
   (``training/train.py``) on synthetic documents of every generated layout family but the one
   the blind family belongs to, and reads the family with them. The blind documents are never
   trained on; leaving their generated family out as well measures a layout the models have
   not seen.
3. The development set (``../shared/import-devset/``, skipped if absent), the same way.

The seeds and the development set are also printed as rows of the families' table, so the
figures sit side by side. ``BENCH_IMPORT_DOCUMENTS=1`` adds one row per document.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from bench.import_score import FIELDS, Score, score_plan

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "bench" / "out" / "import"
FAMILIES = ROOT / "bench" / "import_families"
DEVSET = SHARED / "import-devset"
FAMILIES_OUT = ROOT / "bench" / "out" / "import-families"
DEVSET_OUT = ROOT / "bench" / "out" / "import-devset"
DOCUMENT_SUFFIXES = (".txt", ".docx", ".xlsx", ".csv", ".pdf")
COULD_NOT_READ = "could not be read"

Reader = Callable[[Path], "Reading"]


class Train(Protocol):
    """Makes the reader to score one family with, from everything but that family."""

    def __call__(self, *, excluding: str | None) -> Reader: ...


@dataclass(frozen=True)
class Document:
    family: str
    path: Path
    gold_path: Path

    @property
    def name(self) -> str:
        return self.path.stem


@dataclass(frozen=True)
class Reading:
    """What an upload of the document gives: a plan, or the message it was answered with."""

    plan: dict[str, Any] | None
    message: str = ""


@dataclass
class Scored:
    document: Document
    reading: Reading
    score: Score


def run() -> None:
    seeds()
    memory()
    seed_rows = seed_scores()
    print()
    print("   leave-one-family-out: each family is read by models trained (training/train.py)")
    print("   on synthetic documents of every layout family but the one it belongs to")
    started = time.perf_counter()
    family_rows = leave_one_family_out(family_documents(FAMILIES), trained, FAMILIES_OUT)
    print_table("layout families (bench/import_families)", family_rows, seed_rows)
    if DEVSET.is_dir():
        devset_rows = leave_one_family_out(devset_documents(DEVSET), trained, DEVSET_OUT)
        print()
        print_table("development set (../shared/import-devset)", devset_rows, seed_rows)
    else:
        print(f"\n   development set skipped: {DEVSET} is not here")
    print(f"   ({len(_FOLDS)} folds trained in {time.perf_counter() - started:.0f} s)")


# --- reading as an upload is read ----------------------------------------------------------


def read_as_uploaded(path: Path) -> Reading:
    """The upload job's reading (``sendtrack.jobs.child.read_plan``, without its child process
    and limits), then the preview's refusal of a plan with no actions."""
    from sendtrack.domain.documents.plan import DocumentImportError
    from sendtrack.imports.services import draft_from_plan
    from sendtrack.jobs.child import read_plan

    try:
        plan = read_plan({"path": str(path), "filename": path.name}, lambda *_: None)
        draft_from_plan(plan, path.name)
    except DocumentImportError as refused:
        return Reading(None, str(refused))
    except Exception as error:  # the upload job answers "could not be read"; so do we
        return Reading(None, f"{COULD_NOT_READ} ({type(error).__name__}: {error})")
    return Reading(plan)


def todays_rules(*, excluding: str | None = None) -> Reader:
    """The importer as shipped (its committed models), whatever the family left out."""
    _setup_django()
    return read_as_uploaded


# A blind family's folder or a development-set family → the generator's family it belongs to.
_GENERATOR_FAMILY = {
    "flat-html": "html-flat",
    "plain-prose": "plain-summary",
    "glued-minutes": "minutes-glued",
    "f11a-project-tool-export": "project-tool-export",
    "f11b-outcome-paragraph-word": "outcome-paragraph-word",
}
_FOLDS: dict[str | None, Any] = {}


def generator_family(family: str) -> str:
    """ "f05-roadmap" → "roadmap"; the development set's names → the generator's."""
    name = _GENERATOR_FAMILY.get(family, family)
    return name.split("-", 1)[1] if name[:1] == "f" and name[1:3].isdigit() else name


def trained(*, excluding: str | None = None) -> Reader:
    """A reader whose models were trained on every synthetic family but ``excluding``'s."""
    _setup_django()
    from training.synthetic import FAMILIES as GENERATED
    from training.train import models_without

    left_out = generator_family(excluding) if excluding else None
    if left_out is not None and left_out not in GENERATED:
        raise ValueError(f"{excluding} has no synthetic family to leave out")
    if left_out not in _FOLDS:
        _FOLDS[left_out] = models_without(left_out)
    return read_with(_FOLDS[left_out])


def read_with(models: Any) -> Reader:
    """Read as an upload is read (``read_document``, then ``parse_plan_text``), with ``models``."""
    from sendtrack.domain.documents.plan import DocumentImportError, parse_plan_text
    from sendtrack.domain.documents.readers import read_document
    from sendtrack.imports.services import draft_from_plan

    def read(path: Path) -> Reading:
        try:
            plan = parse_plan_text(read_document(path.read_bytes(), path.name), models=models)
            draft_from_plan(plan, path.name)
        except DocumentImportError as refused:
            return Reading(None, str(refused))
        except Exception as error:  # the upload job answers "could not be read"; so do we
            return Reading(None, f"{COULD_NOT_READ} ({type(error).__name__}: {error})")
        return Reading(plan)

    return read


def _setup_django() -> None:
    import django
    from django.apps import apps

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendtrack.settings")
    if not apps.ready:
        django.setup()


# --- documents and their gold --------------------------------------------------------------


def family_documents(root: Path) -> list[Document]:
    """Every document under ``root/<family>/`` with its ``NAME.gold.json`` beside it."""
    documents = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        for path in sorted(folder.iterdir()):
            if path.suffix in DOCUMENT_SUFFIXES:
                gold = path.with_name(path.stem + ".gold.json")
                documents.append(Document(folder.name, path, gold))
    return documents


def devset_documents(root: Path) -> list[Document]:
    """The development set's ``docs/NN_<family>_<council>.txt`` with ``gold/<same>.json``."""
    documents = []
    for path in sorted((root / "docs").iterdir()):
        if path.suffix in DOCUMENT_SUFFIXES:
            family = path.stem.split("_")[1]
            documents.append(Document(family, path, root / "gold" / f"{path.stem}.json"))
    return documents


# --- scoring -------------------------------------------------------------------------------


def leave_one_family_out(
    documents: Iterable[Document], train: Train, out: Path | None = None
) -> dict[str, list[Scored]]:
    """Family → its documents scored by a reader made without that family."""
    by_family: dict[str, list[Document]] = {}
    for document in documents:
        by_family.setdefault(document.family, []).append(document)
    return {
        family: score_documents(members, train(excluding=family), out)
        for family, members in by_family.items()
    }


def score_documents(
    documents: Iterable[Document], read: Reader, out: Path | None = None
) -> list[Scored]:
    """Read and score each document; with ``out``, keep each plan read as
    ``out/<family>/<name>.json`` to look at."""
    results = []
    for document in documents:
        reading = read(document.path)
        gold = json.loads(document.gold_path.read_text(encoding="utf-8"))
        score = score_plan(reading.plan or {"actions": []}, gold)
        results.append(Scored(document, reading, score))
        if out is not None and reading.plan is not None:
            kept = out / document.family / f"{document.name}.json"
            kept.parent.mkdir(parents=True, exist_ok=True)
            kept.write_text(json.dumps(reading.plan, indent=2, ensure_ascii=False))
    return results


def seed_scores() -> list[Scored]:
    """The seeds as parsed by :func:`seeds`, scored as the families are (empty without them)."""
    gold_dir = SHARED / "seeds" / "gold"
    if not gold_dir.is_dir():
        return []
    results = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        produced = OUT / gold_path.name
        plan = json.loads(produced.read_text(encoding="utf-8")) if produced.exists() else None
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        document = Document("seeds", SHARED / "seeds" / f"{gold_path.stem}.txt", gold_path)
        results.append(Scored(document, Reading(plan), score_plan(plan or {"actions": []}, gold)))
    return results


# --- the table -----------------------------------------------------------------------------

_SHORT = {"section": "sect", "status_raw": "st_raw", "measures": "meas"}
_HEADER = (
    f"   {'':<30} {'docs':>4} {'gold':>5} {'got':>5} {'P':>5} {'R':>5} {'F1':>5} |"
    + "".join(f" {_SHORT.get(n, n):>6}" for n in FIELDS)
    + " | nothing found"
)


def print_table(
    title: str, by_family: dict[str, list[Scored]], seeds: list[Scored] | None = None
) -> None:
    """One row per family and one for all of them; the seeds' row beside them for comparison."""
    print(f"   {title}: action precision/recall/F1; fields right among the paired actions")
    print(_HEADER)
    every: list[Scored] = []
    for family, results in by_family.items():
        print(_row(family, results))
        if os.environ.get("BENCH_IMPORT_DOCUMENTS") == "1":
            for result in results:
                print(_row(f"  {result.document.name[:28]}", [result]))
        every += results
    print(_row("all (micro over actions)", every))
    if seeds:
        print(_row("seeds (rules developed on)", seeds))
    for result in every:
        if result.reading.message.startswith(COULD_NOT_READ):  # a crash, not a refusal
            print(f"   {result.document.name}: {result.reading.message}")
    total = sum((r.score for r in every), Score())
    mean_f1 = sum(r.score.f1 for r in every) / len(every) if every else 0.0
    print(f"   all as score_import.py counts them: mean F1 over documents {mean_f1:.2f};")
    print(
        "   fields with a missed action counted wrong:"
        + "".join(f" {n}={_figure(total.fields[n].of_gold).strip()}" for n in FIELDS)
    )


def _row(label: str, results: list[Scored]) -> str:
    total = sum((r.score for r in results), Score())
    nothing = sum(1 for r in results if r.reading.plan is None)
    return (
        f"   {label:<30} {len(results):>4} {total.gold:>5} {total.produced:>5}"
        f" {_figure(total.precision)} {_figure(total.recall)} {_figure(total.f1)} |"
        + "".join(f" {_figure(total.fields[n].accuracy):>6}" for n in FIELDS)
        + f" | {nothing}"
    )


def _figure(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.2f}"


# --- the seeds: speed and score_import.py's figures ------------------------------------------


def _forget_remembered() -> None:
    """Empty the reader's remembered lookups (column names, statuses, labels …), so that each
    timed reading costs what a fresh worker's first reading of the document costs."""
    import importlib
    import pkgutil

    import sendtrack.domain.dates
    import sendtrack.domain.documents as documents

    modules = [sendtrack.domain.dates] + [
        importlib.import_module(f"{documents.__name__}.{module.name}")
        for module in pkgutil.iter_modules(documents.__path__)
    ]
    for module in modules:
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def seeds() -> None:
    from sendtrack.domain.documents.plan import parse_plan_text
    from sendtrack.domain.documents.text import decode_bytes

    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        print(f"   seeds skipped: no seed documents at {SHARED / 'seeds'}")
        return
    OUT.mkdir(parents=True, exist_ok=True)
    total_bytes, total_seconds = 0, 0.0
    for seed in seeds:
        data = seed.read_bytes()
        best = float("inf")
        for _ in range(3):
            _forget_remembered()
            started = time.perf_counter()
            plan = parse_plan_text(decode_bytes(data))
            best = min(best, time.perf_counter() - started)
        total_bytes += len(data)
        total_seconds += best
        (OUT / f"{seed.stem}.json").write_text(json.dumps(plan, indent=2, ensure_ascii=False))
        print(
            f"   {seed.name:<52} {len(data) / 1024:6.1f} KB  {best * 1000:7.1f} ms"
            f"  {len(plan['actions']):4d} actions"
        )
    print(f"   throughput over all {len(seeds)}: {total_bytes / 1024 / total_seconds:.0f} KB/s")
    scorer = SHARED / "tools" / "score_import.py"
    result = subprocess.run(
        [sys.executable, str(scorer), "--dir", str(OUT), str(SHARED / "seeds" / "gold")],
        capture_output=True,
        text=True,
        check=False,
    )
    print("   accuracy (score_import.py --dir bench/out/import ../shared/seeds/gold):")
    for line in result.stdout.splitlines():
        print(f"     {line}")


# --- memory: the largest seed, and generated tables up to the largest file accepted ----------


def memory() -> None:
    """Peak memory (tracemalloc) of ``read_document`` then ``parse_plan_text``, as the upload
    job's child process reads a file under its memory limit."""
    from sendtrack.domain.documents.readers import MAX_DOCUMENT_BYTES

    print("   peak memory reading a file (read_document, parse_plan_text; tracemalloc):")
    seeds = sorted((SHARED / "seeds").glob("*.txt"), key=lambda p: p.stat().st_size)
    if seeds:
        largest = seeds[-1]
        _print_peak(largest.name, largest.read_bytes(), largest.name)
    _print_peak("generated table, 1 MB", generated_table(1024 * 1024, "\t"), "plan.txt")
    for name, delimiter in (("plan.txt", "\t"), ("plan.csv", ",")):
        data = generated_table(MAX_DOCUMENT_BYTES - 1024, delimiter)
        _print_peak(f"generated table, 50 MB, {name}", data, name)


def generated_table(size: int, delimiter: str) -> bytes:
    """``size`` bytes of an action table, one action a row, with no empty row."""
    lines = [delimiter.join(("Ref", "Action", "Lead", "Due date", "Status"))]
    written, n = 0, 0
    while written < size:
        n += 1
        cells = (
            f"{n // 20 + 1}.{n % 20 + 1}",
            f"Review the graduated response guidance with schools in area {n}",
            "Head of SEN",
            "March 2026",
            "On track",
        )
        lines.append(delimiter.join(cells))
        written += len(lines[-1]) + 1
    return "\n".join(lines).encode()[:size]


def _print_peak(label: str, data: bytes, filename: str) -> None:
    import tracemalloc

    from sendtrack.domain.documents.plan import DocumentImportError, parse_plan_text
    from sendtrack.domain.documents.readers import read_document

    tracemalloc.start()
    try:
        plan = parse_plan_text(read_document(data, filename))
        outcome = f"{len(plan['actions'])} actions"
    except DocumentImportError as refused:
        outcome = f"refused: {str(refused)[:60]}…"
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(
        f"   {label:<44} {len(data) / 1024 / 1024:6.2f} MB  peak {peak / 1024 / 1024:6.1f} MB"
        f"  {outcome}"
    )
