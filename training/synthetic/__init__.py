"""Synthetic improvement-plan documents with exact gold Plan JSON, to train the importer's scorer.

``generate(family, seed)`` makes one document of a layout family, the same one every time for
the same pair; ``corpus(per_family)`` makes many, leaving out families being evaluated. The
content is invented (``words.py``), chosen first (``content.py``), then laid out
(``tables_text.py``, ``prose_text.py``, ``office.py``) with noise (``noise.py``), and the gold
is written as the layout prints (``gold.py``).
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from training.synthetic.content import Author
from training.synthetic.families import FAMILY_LIST, Family
from training.synthetic.gold import Gold
from training.synthetic.layout import Job
from training.synthetic.noise import Noise, finish_text

__all__ = ["FAMILIES", "SyntheticDocument", "corpus", "generate"]

FAMILIES: tuple[str, ...] = tuple(f.name for f in FAMILY_LIST)
_BY_NAME = {f.name: f for f in FAMILY_LIST}


@dataclass(frozen=True)
class SyntheticDocument:
    family: str  # one of FAMILIES
    filename: str  # "roadmap-0007.txt"
    data: bytes  # the file as it would be uploaded
    gold: dict[str, Any]  # its Plan JSON


def generate(family: str, seed: int, *, lossy_noise: bool = True) -> SyntheticDocument:
    """The document of ``family`` for ``seed``; ``lossy_noise=False`` keeps the same content
    and layout but without the noise that glues words, wraps lines or drops page furniture."""
    spec: Family = _BY_NAME[family]
    rng = random.Random(f"{family}:{seed}")
    noise = Noise.draw(random.Random(f"{family}:{seed}:noise"), lossy=lossy_noise)
    author = Author(rng)
    plan = author.plan(
        kind=spec.kind,
        title=spec.title,
        sections=spec.sections,
        children=spec.children,
        actions=spec.actions,
    )
    job = Job(rng=rng, author=author, noise=noise, plan=plan, gold=Gold(plan))
    result = spec.render(job)
    if isinstance(result, bytes):
        data, extension = result, spec.extension
    else:
        extension = result
        data = finish_text(
            job.lines,
            noise,
            random.Random(f"{family}:{seed}:finish"),
            title=plan.title,
            keep_bullets=family in KEEPS_BULLETS,
            rewrap=family not in WRAPS_ITSELF,
        ).encode("utf-8")
    return SyntheticDocument(family, f"{family}-{seed:04d}.{extension}", data, job.gold.plan)


# Layouts whose marks carry meaning the gold relies on (a lettered list, a "-" ref).
KEEPS_BULLETS = frozenset({"project-tool-export", "csv-tracker"})
# Layouts that lay out columns themselves: wrapping their lines again would scramble them.
WRAPS_ITSELF = frozenset({"pipe-wrapped", "pdf-columns", "project-tool-export", "csv-tracker"})


def corpus(
    per_family: int, *, seed: int = 0, excluding: Collection[str] = ()
) -> Iterator[SyntheticDocument]:
    """``per_family`` documents of every family not in ``excluding``, family by family."""
    unknown = set(excluding) - set(FAMILIES)
    if unknown:
        raise ValueError(f"no such families: {', '.join(sorted(unknown))}")
    for family in FAMILIES:
        if family in excluding:
            continue
        for n in range(per_family):
            yield generate(family, seed * 100_000 + n)
