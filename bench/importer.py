"""Importer accuracy and speed on the real seed documents in ../shared (skipped if absent).

Accuracy: each seed is parsed to Plan JSON in bench/out/import/ and scored against its gold
file with ../shared/tools/score_import.py (the scorer's own figures are printed). Speed: the
time to parse each document, and throughput in KB/s over all of them.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "bench" / "out" / "import"


def run() -> None:
    from sendtrack.domain.documents.plan import parse_plan_text
    from sendtrack.domain.documents.text import decode_bytes

    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        print(f"   skipped: no seed documents at {SHARED / 'seeds'}")
        return
    OUT.mkdir(parents=True, exist_ok=True)
    total_bytes, total_seconds = 0, 0.0
    for seed in seeds:
        data = seed.read_bytes()
        best = float("inf")
        for _ in range(3):
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
