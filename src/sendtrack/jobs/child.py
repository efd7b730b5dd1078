"""The child process that does one risky piece of work under limits: `python -m
sendtrack.jobs.child --cpu SECONDS --memory BYTES WORKDIR`.

It sets its own limits first (CPU seconds and address space, no core files), then reads
WORKDIR/request.json, does the work and writes the result to WORKDIR/result.json or
WORKDIR/result.bin. Standard output carries one JSON object a line: progress as it goes, then
one outcome (``done``, ``refused`` with a message for the user, ``too_big`` or ``failed``
with an exception's class name). No Django here and no database: bytes and text in, a plan
or a PDF out, so whatever a hostile file does to the parser stays in this process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

MEMORY_EXIT = 3
"""The exit status when memory ran out and even the outcome could not be written."""

Progress = Callable[[str, int, int], None]


def set_limits(cpu_seconds: int, memory_bytes: int) -> None:
    """CPU time (SIGXCPU ends the process when it is used up), address space (allocations
    past it fail: MemoryError in Python) and no core file when either ends it."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 2))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))


def say(message: dict[str, Any]) -> None:
    os.write(1, json.dumps(message).encode() + b"\n")


class Reporter:
    """Progress lines, at most four a second and whenever the stage changes."""

    def __init__(self) -> None:
        self.last = 0.0
        self.stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage == self.stage and now - self.last < 0.25 and done < total:
            return
        self.last, self.stage = now, stage
        say({"progress": [stage, done, total]})


def read_plan(args: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """An uploaded plan document → Plan JSON (``DocumentImportError`` for the uploader)."""
    from sendtrack.domain.documents.plan import parse_plan_text
    from sendtrack.domain.documents.readers import read_document

    data = Path(args["path"]).read_bytes()
    progress("reading", 0, 0)
    text = read_document(data, args["filename"], progress=lambda d, t: progress("reading", d, t))
    del data
    progress("finding", 0, 0)
    return parse_plan_text(text, progress=lambda d, t: progress("finding", d, t))


def write_pdf(args: dict[str, Any], progress: Progress) -> bytes:
    """HTML (made by the parent from a template) → a tagged PDF, drawn as every PDF is."""
    from sendtrack.core.documents import pdf_bytes

    html = Path(args["html_path"]).read_text(encoding="utf-8")
    progress("drawing", 0, 0)
    return pdf_bytes(html)


WORK: dict[str, Callable[[dict[str, Any], Progress], Any]] = {
    "read_plan": read_plan,
    "write_pdf": write_pdf,
}


def run(workdir: Path) -> None:
    from sendtrack.domain.documents.plan import DocumentImportError

    request = json.loads((workdir / "request.json").read_text(encoding="utf-8"))
    work = WORK[request["work"]]
    ran_out = False
    try:
        result = work(request["args"], Reporter())
    except MemoryError:
        ran_out = True  # said below, once the exception and what its frames held are gone
    except DocumentImportError as error:  # the reader's own clear message…
        if _ran_out_of_memory(error):  # …unless it is "damaged" because memory ran out
            ran_out = True
        else:
            say({"refused": str(error)})
            return
    except Exception as error:
        traceback.print_exc()  # to the parent's log (standard error), never to the page
        say({"failed": type(error).__name__})
        return
    if ran_out:
        try:
            say({"too_big": True})
        finally:
            os._exit(MEMORY_EXIT)
    if isinstance(result, bytes):
        (workdir / "result.bin").write_bytes(result)
        say({"done": "bin"})
    else:
        (workdir / "result.json").write_text(json.dumps(result), encoding="utf-8")
        say({"done": "json"})


def _ran_out_of_memory(error: BaseException) -> bool:
    seen: BaseException | None = error
    for _ in range(20):
        if seen is None:
            return False
        if isinstance(seen, MemoryError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sendtrack.jobs.child")
    parser.add_argument("--cpu", type=int, required=True)
    parser.add_argument("--memory", type=int, required=True)
    parser.add_argument("workdir", type=Path)
    options = parser.parse_args(argv)
    set_limits(options.cpu, options.memory)
    try:
        run(options.workdir)
    except MemoryError:
        os._exit(MEMORY_EXIT)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
