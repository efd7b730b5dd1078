"""``python -m training.synthetic OUTDIR --per-family N``: write documents and their gold."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from training.synthetic import FAMILIES, corpus


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m training.synthetic", description=__doc__)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--per-family", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--excluding", action="append", default=[], choices=FAMILIES)
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    count = 0
    for document in corpus(args.per_family, seed=args.seed, excluding=args.excluding):
        path = args.outdir / document.filename
        path.write_bytes(document.data)
        gold = path.with_name(path.stem + ".gold.json")
        gold.write_text(
            json.dumps(document.gold, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        count += 1
    print(f"wrote {count} documents and their gold to {args.outdir}")


if __name__ == "__main__":
    main()
