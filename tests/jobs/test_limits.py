"""The child process that reads documents and draws PDFs: its limits hold, and each way it
can end comes back as one clear outcome."""

import time

import pytest

from sendtrack.jobs.limits import Limits, Refused, TooBig, TooSlow, run_limited
from tests.imports.test_upload import PLAN_TEXT

from .junk import greedy_pdf, slow_pdf

MB = 1024 * 1024
ROOMY = Limits(wall_seconds=60, cpu_seconds=30, memory_bytes=1024 * MB)


def write(tmp_path, data, name="plan.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_a_plan_is_read_with_progress(tmp_path):
    seen = []
    plan = run_limited(
        "read_plan",
        {"path": write(tmp_path, PLAN_TEXT.encode(), "plan.txt"), "filename": "plan.txt"},
        limits=ROOMY,
        progress=lambda *step: seen.append(step),
    )
    assert [a["ref"] for a in plan["actions"]] == ["1.1", "1.2", "1.3", "2.1"]
    assert {stage for stage, _, _ in seen} == {"reading", "finding"}


def test_a_damaged_file_gives_the_readers_own_message(tmp_path):
    with pytest.raises(Refused, match=r"^broken\.pdf is damaged: it looks like a PDF"):
        run_limited(
            "read_plan",
            {"path": write(tmp_path, b"%PDF-1.4\n" + b"\x00junk" * 1000), "filename": "broken.pdf"},
            limits=ROOMY,
        )


def test_processor_time_is_limited(tmp_path):
    path = write(tmp_path, slow_pdf())
    started = time.monotonic()
    with pytest.raises(TooSlow, match="processor time"):
        run_limited(
            "read_plan",
            {"path": path, "filename": "junk.pdf"},
            limits=Limits(wall_seconds=60, cpu_seconds=1, memory_bytes=1024 * MB),
        )
    assert time.monotonic() - started < 30  # not the 45 s the file would take


def test_real_time_is_limited(tmp_path):
    path = write(tmp_path, slow_pdf())
    started = time.monotonic()
    with pytest.raises(TooSlow, match="after 2 seconds"):
        run_limited(
            "read_plan",
            {"path": path, "filename": "junk.pdf"},
            limits=Limits(wall_seconds=2, cpu_seconds=30, memory_bytes=1024 * MB),
        )
    assert time.monotonic() - started < 5


def test_memory_is_limited(tmp_path):
    with pytest.raises(TooBig):
        run_limited(
            "read_plan",
            {"path": write(tmp_path, greedy_pdf()), "filename": "junk.pdf"},
            limits=Limits(wall_seconds=60, cpu_seconds=30, memory_bytes=100 * MB),
        )


def test_a_pdf_is_drawn(tmp_path):
    made = run_limited(
        "write_pdf",
        {},
        files={"html": "<h1>Board report</h1><p>Nothing is late.</p>"},
        limits=ROOMY,
    )
    assert made.startswith(b"%PDF")
