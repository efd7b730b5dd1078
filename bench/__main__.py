"""Run every benchmark in turn: `python -m bench [name ...]`."""

import importlib
import os
import sys
import time

BENCHMARKS = ["plans", "importer", "statutory", "england", "sendiass", "reports", "load"]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendtrack.settings")
    chosen = sys.argv[1:] or BENCHMARKS
    for name in chosen:
        try:
            module = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError as missing:
            if missing.name != f"bench.{name}":
                raise
            print(f"== {name}: not written yet")
            continue
        print(f"== {name}")
        started = time.perf_counter()
        module.run()
        print(f"   ({time.perf_counter() - started:.1f} s)\n")


if __name__ == "__main__":
    main()
