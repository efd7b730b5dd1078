"""What every layout shares: the document being made and how headings are printed."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from training.synthetic.content import Author, PlanSpec
from training.synthetic.gold import Gold, Section
from training.synthetic.noise import Noise

LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class Rendered:
    """A layout's output: the file's extension and bytes, and its gold Plan JSON."""

    extension: str
    data: bytes
    gold: dict[str, Any]


@dataclass
class Job:
    """One document being made: its random generator, author, noise and gold."""

    rng: random.Random
    author: Author
    noise: Noise
    plan: PlanSpec
    gold: Gold
    lines: list[str] = field(default_factory=list)

    @property
    def dash(self) -> str:
        return self.noise.dash

    def heading(self, number: str, name: str, style: str) -> tuple[str, str | None]:
        """A section heading as printed, and its ref ("Priority 1: …" → "1")."""
        d = self.dash
        if self.noise.plain_headings and self.rng.random() < 0.5:
            return name, None
        letter = LETTERS[int(number.split(".")[0]) - 1].upper()
        forms = {
            "priority": (f"Priority {number}: {name}", number),
            "workstream": (f"Workstream {number} {d} {name}", number),
            "ws": (f"WS{number} {name}", f"WS{number}"),
            "weakness": (f"Weakness {number}: {name}", number),
            "letter": (f"{letter}. {name}", letter),
            "number": (f"{number}. {name}", number),
            "bare": (f"{number} {name}", number),
            "objective": (f"Objective {number} {name}", number),
            "outcome": (f"Outcome {number}: {name}", number),
            "focus": (f"Focus area {number}: {name}", number),
            "area": (f"Area for improvement {number}: {name}", number),
        }
        return forms[style]

    def section(
        self, number: str, name: str, style: str, kind: str, parent: Section | None = None
    ) -> tuple[str, Section]:
        printed, ref = self.heading(number, name, style)
        return printed, self.gold.section(printed, ref=ref, kind=kind, parent=parent)


SECTION_STYLES = {
    "priority": "priority",
    "workstream": "workstream",
    "ws": "workstream",
    "weakness": "key_concern",
    "letter": "area",
    "number": "heading",
    "bare": "heading",
    "objective": "objective",
    "outcome": "priority",
    "focus": "focus_area",
    "area": "key_concern",
}


def pick_section_style(rng: random.Random, *choices: str) -> tuple[str, str]:
    style = rng.choice(choices or tuple(SECTION_STYLES))
    return style, SECTION_STYLES[style]
