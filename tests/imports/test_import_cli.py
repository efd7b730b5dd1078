"""`sendtrack import-plan` and `sendtrack lint-plan`: what a programme manager sees and relies on.

Documents are made in the tests from the seed-shaped synthetic plan in
``tests/domain/documents/test_readers.py``.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sendtrack import cli
from sendtrack.accounts.models import Partnership, Person
from sendtrack.domain.documents.plan import parse_plan_text
from sendtrack.domain.documents.readers import MAX_DOCUMENT_BYTES
from sendtrack.imports.management.commands import import_plan
from sendtrack.plans.models import Action, Plan, Section
from sendtrack.plans.storage import load_plan
from tests.domain.documents.test_readers import (
    BUILDERS,
    SYNTHETIC_PLAN,
    bad_documents,
    synthetic_document,
    zip_bomb,
)
from tests.factories import PartnershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def nothing_stored() -> bool:
    return (
        not (Plan.objects.exists() or Action.objects.exists() or Section.objects.exists())
        and not Partnership.objects.filter(slug="eastmoor").exists()
    )


@pytest.fixture
def document(tmp_path):
    def make(fmt: str = "docx", text: str = SYNTHETIC_PLAN) -> Path:
        path = tmp_path / f"eastmoor-plan.{fmt}"
        if fmt not in BUILDERS:
            path.write_bytes(text.encode())
        elif text == SYNTHETIC_PLAN:
            path.write_bytes(synthetic_document(fmt))
        else:
            path.write_bytes(BUILDERS[fmt](text))
        return path

    return make


# --- import-plan --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["txt", "docx", "xlsx", "csv", "pdf"])
def test_json_prints_the_plan_json_and_stores_nothing(document, fmt):
    out, _ = run("import_plan", str(document(fmt)), "--json")

    assert json.loads(out) == parse_plan_text(SYNTHETIC_PLAN)
    assert nothing_stored()


def test_partnership_stores_the_plan_through_load_plan(document, monkeypatch):
    calls = []

    def spy(data, **kwargs):
        calls.append(kwargs)
        return load_plan(data, **kwargs)

    monkeypatch.setattr(import_plan, "load_plan", spy)

    out, _ = run("import_plan", str(document("docx")), "--partnership", "eastmoor")

    plan = Plan.objects.get()
    assert plan.partnership.slug == "eastmoor"
    assert plan.source_document == "eastmoor-plan.docx"
    assert plan.as_at.isoformat() == "2024-03-31"
    assert Action.objects.filter(plan=plan).count() == 7
    assert [c["source_document"] for c in calls] == ["eastmoor-plan.docx"]
    assert f"Imported plan {plan.pk}" in out and "7 actions" in out
    assert f"sendtrack lint-plan {plan.pk}" in out


def test_with_neither_flag_it_summarises_and_stores_nothing(document):
    out, _ = run("import_plan", str(document("xlsx")))

    assert "7 actions" in out and "Nothing was stored" in out
    assert nothing_stored()


def test_json_and_partnership_cannot_be_given_together(document):
    with pytest.raises(CommandError, match="not allowed with"):
        run("import_plan", str(document("txt")), "--json", "--partnership", "eastmoor")


@pytest.mark.parametrize("case", sorted(bad_documents()))
def test_every_bad_document_is_one_clear_error_and_nothing_is_stored(tmp_path, case):
    data, name, pattern = bad_documents()[case]
    path = tmp_path / name
    path.write_bytes(data)

    with pytest.raises(CommandError, match=pattern) as caught:
        run("import_plan", str(path), "--partnership", "eastmoor")

    assert "\n" not in str(caught.value)
    assert nothing_stored()


def test_a_zip_bomb_is_refused_and_nothing_is_stored(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(zip_bomb())

    with pytest.raises(CommandError, match="would expand to 210 MB"):
        run("import_plan", str(path), "--partnership", "eastmoor")
    assert nothing_stored()


def test_a_file_over_50_mb_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.docx"
    with path.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 1)  # sparse: nothing is written to disk
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("the file was opened"))

    with pytest.raises(CommandError, match=r"huge\.docx is 50\.0 MB: the largest .* is 50 MB"):
        run("import_plan", str(path), "--json")
    assert nothing_stored()


def test_a_missing_file_is_one_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run("import_plan", str(tmp_path / "missing.docx"), "--json")


def test_a_bad_partnership_slug_stores_nothing(document):
    with pytest.raises(CommandError, match="is not a partnership slug"):
        run("import_plan", str(document("txt")), "--partnership", "East Moor")
    assert nothing_stored()


def test_the_console_script_exits_1_with_one_line_on_stderr(tmp_path, capsys):
    path = tmp_path / "setup.docx"
    path.write_bytes(b"MZ\x90\x00" + bytes(range(256)) * 4)

    with pytest.raises(SystemExit) as exited:
        cli.main(["sendtrack", "import-plan", str(path), "--json"])

    captured = capsys.readouterr()
    assert exited.value.code == 1
    assert captured.out == ""
    assert captured.err.strip().count("\n") == 0
    assert "setup.docx is a Windows program, not a document" in captured.err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bars_only_on_a_terminal():
    terminal, pipe = Terminal(), io.StringIO()

    with import_plan.progress_bars(terminal) as bars:
        stage = bars.stage("Parsing", "line")
        assert stage is not None
        stage(0, 10)
        stage(10, 10)
        assert bars.bars["Parsing"].n == 10
    with import_plan.progress_bars(pipe) as bars:
        assert bars.stage("Parsing", "line") is None
    assert pipe.getvalue() == ""


def test_no_progress_output_when_stderr_is_not_a_terminal(document):
    _, err = run("import_plan", str(document("pdf")), "--json")

    assert err == ""


# --- lint-plan ----------------------------------------------------------------------------


def test_lint_a_document_lists_its_problems_as_text_and_json(document):
    path = document("docx")

    out, _ = run("lint_plan", str(path))
    as_json, _ = run("lint_plan", str(path), "--json")

    problems = json.loads(as_json)
    assert {"where": "action 1.a", "rule": "unresolved_initials"}.items() <= problems[0].items()
    assert all(set(p) == {"where", "rule", "message"} for p in problems)
    assert out.splitlines()[0].startswith('eastmoor-plan.docx: "Eastmoor Local Area SEND')
    assert f"{len(problems)} problems" in out.splitlines()[0]
    assert "  action 1.a: Initials not resolved: JoHa is not in the owner glossary" in out
    assert nothing_stored()


def test_lint_a_plan_json_file(tmp_path):
    plan_json = parse_plan_text(SYNTHETIC_PLAN)
    plan_json["actions"][1]["due_raw"] = "31/09/2024"
    plan_json["actions"][1]["due"] = None
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_json), encoding="utf-8")

    problems = json.loads(run("lint_plan", str(path), "--json")[0])

    assert {
        "where": "action 1.b",
        "rule": "impossible_date",
        "message": "Impossible date '31/09/2024': 31/09/2024 is not a real date.",
    } in problems


def test_lint_a_json_file_that_is_not_plan_json(tmp_path):
    path = tmp_path / "other.json"
    path.write_text("[1, 2]", encoding="utf-8")

    with pytest.raises(CommandError, match="other.json is JSON but not Plan JSON"):
        run("lint_plan", str(path))


def test_lint_a_stored_plan_knows_the_partnership_people():
    partnership = PartnershipFactory(slug="eastmoor")
    plan = load_plan(parse_plan_text(SYNTHETIC_PLAN), partnership=partnership)

    before = json.loads(run("lint_plan", str(plan.pk), "--json")[0])
    PersonFactory(partnership=partnership, name="Jo Harris", initials="JoHa")
    PersonFactory(partnership=partnership, name="Amir Butt", initials="", aliases=["AmBu"])
    after = json.loads(run("lint_plan", str(plan.pk), "--json")[0])

    assert {p["rule"] for p in before} >= {"unresolved_initials"}
    assert "unresolved_initials" not in {p["rule"] for p in after}
    assert Person.objects.count() == 2


def test_lint_an_unknown_plan_id():
    with pytest.raises(CommandError, match="There is no plan 999 and no file of that name"):
        run("lint_plan", "999")
