"""Run one piece of risky work in a child process with a time and a memory limit.

The database worker that runs the tasks has no limits of its own, and a hostile or damaged
file can keep a parser busy for minutes or make it take gigabytes. So the work itself runs in
``python -m sendtrack.jobs.child``, which limits its own CPU time and address space with
``resource.setrlimit`` before it reads anything, while this side holds a wall-clock deadline
and kills it when the deadline passes. What comes back is JSON or bytes written to a private
temporary folder, never pickled objects, so a parser that has been subverted can send back
nothing but data.
"""

from __future__ import annotations

import json
import logging
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from .child import MEMORY_EXIT

logger = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
MAX_LINE = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    wall_seconds: float
    cpu_seconds: int
    memory_bytes: int


def limits_from_settings() -> Limits:
    """SENDTRACK_JOB_WALL_SECONDS, SENDTRACK_JOB_CPU_SECONDS, SENDTRACK_JOB_MEMORY_MB."""
    return Limits(
        wall_seconds=float(settings.SENDTRACK_JOB_WALL_SECONDS),
        cpu_seconds=int(settings.SENDTRACK_JOB_CPU_SECONDS),
        memory_bytes=int(settings.SENDTRACK_JOB_MEMORY_MB) * 1024 * 1024,
    )


class WorkError(Exception):
    """The work gave no result; subclasses say why."""


class TooSlow(WorkError):
    """The work used up its CPU time or passed its wall-clock deadline, and was stopped."""


class TooBig(WorkError):
    """The work ran out of memory (or crashed, which in a parser's C code is almost always
    the same thing)."""


class Refused(WorkError):
    """The work refused its input with a message written for the person who gave it."""


class Failed(WorkError):
    """The work raised an unexpected error (its class name is the message; the traceback is
    in the worker's log)."""


def run_limited(
    work: str,
    args: dict[str, Any],
    *,
    limits: Limits | None = None,
    progress: Progress | None = None,
    files: dict[str, str] | None = None,
) -> Any:
    """Do ``work`` (a name in ``child.WORK``) on ``args`` in a limited child process.

    ``files`` are written into the child's private folder first (name → text) and their
    paths added to ``args`` as ``<name>_path``. Returns the result (JSON, or bytes); raises
    ``TooSlow``, ``TooBig``, ``Refused`` or ``Failed``.
    """
    limits = limits or limits_from_settings()
    with tempfile.TemporaryDirectory(prefix="sendtrack-job-") as folder:
        workdir = Path(folder)  # mkdtemp makes it 0700: only this user can read it
        for name, text in (files or {}).items():
            path = workdir / f"{name}.txt"
            path.write_text(text, encoding="utf-8")
            args = {**args, f"{name}_path": str(path)}
        (workdir / "request.json").write_text(json.dumps({"work": work, "args": args}))
        outcome, returncode = _run_child(workdir, limits, progress or (lambda *a: None))
        return _result(workdir, outcome, returncode, limits)


def _run_child(workdir: Path, limits: Limits, progress: Progress) -> tuple[dict | None, int]:
    command = [
        sys.executable,
        "-m",
        "sendtrack.jobs.child",
        "--cpu",
        str(limits.cpu_seconds),
        "--memory",
        str(limits.memory_bytes),
        str(workdir),
    ]
    # glibc gives each thread its own 64 MB malloc arena, which counts against the address
    # space limit without being used; two are plenty for one-threaded work.
    env = {**os.environ, "MALLOC_ARENA_MAX": "2"}
    deadline = time.monotonic() + limits.wall_seconds
    with open(workdir / "stderr.txt", "wb") as errors:
        # In a session of its own, so a Ctrl+C meant for the worker (which then finishes the
        # job in hand) does not end the child too; the worker kills it if it must stop at once.
        child = subprocess.Popen(  # noqa: S603 - our own module, by absolute interpreter path
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
            start_new_session=True,
        )
    outcome: dict | None = None
    timed_out = False
    assert child.stdout is not None
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(child.stdout, selectors.EVENT_READ)
            pending = b""
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    timed_out = True
                    break
                if not selector.select(timeout=min(left, 1.0)):
                    continue
                chunk = os.read(child.stdout.fileno(), 65536)
                if not chunk:
                    break  # the child closed its output: it has finished
                pending += chunk
                *lines, pending = pending.split(b"\n")
                if len(pending) > MAX_LINE:
                    raise Failed("the child wrote too much without a line break")
                for line in lines:
                    message = _message(line)
                    if "progress" in message:
                        stage, done, total = message["progress"]
                        progress(str(stage), int(done), int(total))
                    elif message:
                        outcome = message
        if not timed_out:
            try:
                child.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                timed_out = True
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
    if timed_out:
        raise TooSlow(f"stopped after {limits.wall_seconds:g} seconds")
    tail = (workdir / "stderr.txt").read_bytes()[-4000:]
    if tail.strip() and (outcome is None or "failed" in outcome):
        logger.warning("Job child process said: %s", tail.decode(errors="replace"))
    return outcome, child.returncode


def _message(line: bytes) -> dict:
    try:
        message = json.loads(line)
    except ValueError:
        return {}
    return message if isinstance(message, dict) else {}


def _result(workdir: Path, outcome: dict | None, returncode: int, limits: Limits) -> Any:
    if outcome is not None and "done" in outcome and returncode == 0:
        if outcome["done"] == "bin":
            return (workdir / "result.bin").read_bytes()
        return json.loads((workdir / "result.json").read_text(encoding="utf-8"))
    if outcome is not None and "refused" in outcome:
        raise Refused(str(outcome["refused"]))
    if returncode == -signal.SIGXCPU and outcome is None:
        raise TooSlow(f"used up {limits.cpu_seconds} seconds of processor time")
    if (outcome is not None and "too_big" in outcome) or returncode == MEMORY_EXIT:
        raise TooBig(f"needed more than {limits.memory_bytes // (1024 * 1024)} MB")
    if returncode < 0:  # a crash in C code or the kernel's out-of-memory killer: memory
        logger.warning("Job child process ended by signal %s", -returncode)
        raise TooBig(f"ended by signal {-returncode}")
    if outcome is not None and "failed" in outcome:
        raise Failed(str(outcome["failed"]))
    raise Failed(f"the child ended with status {returncode} and no result")
