"""How close an imported plan is to its gold: which actions were found, and which fields are right.

Plain Python, no Django, so it scores any two Plan JSON documents (docs/plan-json.md). The
definitions are those of ``../shared/tools/score_import.py``, so the figures compare:

* Actions are paired one-to-one by the similarity of the first 80 characters of their text,
  normalised (markup, punctuation and case dropped), best pairs first, at 0.6 or more.
  Precision is the share of produced actions paired with a gold one, recall the share of gold
  actions paired, F1 their harmonic mean. Gold actions marked ``"truncated": true`` are left
  out: a produced action paired with one is neither right nor wrong.
* A field is scored on the gold actions that have a value for it. ``section`` and
  ``status_raw`` are right when similar (0.8 or more, as a cut-off title still is); ``measures``
  when the lists are equal once normalised; the rest when equal once normalised.
  :attr:`FieldCount.accuracy` counts only actions that were paired, so it says how well a
  found action is read; :attr:`FieldCount.of_gold` counts a missed action as wrong, which is
  score_import.py's figure.

Scores add up (``sum(scores, Score())``) to micro-averages over actions.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

FIELDS = ("ref", "section", "owner", "due", "status", "status_raw", "rag", "measures")
SIMILAR_FIELDS = frozenset({"section", "status_raw"})
LIST_FIELDS = frozenset({"measures"})
PAIR_THRESHOLD = 0.6
SIMILAR_THRESHOLD = 0.8
TEXT_PREFIX = 80

_PUNCTUATION = re.compile(r"[\u2010-\u2015\-:;,.()\[\]'\"\u2018\u2019\u201c\u201d]+")


def normalise(value: object) -> str:
    """Text as it is compared: markup and punctuation dropped, spaces collapsed, lower case."""
    if value is None:
        return ""
    text = re.sub(r"<[^>]+>", " ", str(value)).replace("&amp;", "&")
    text = _PUNCTUATION.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def similarity(a: object, b: object) -> float:
    """0 to 1: how alike two normalised texts are (difflib's ratio); 0 when either is empty."""
    left, right = normalise(a), normalise(b)
    if not left or not right:
        return 0.0
    return difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()


def _prefix(text: object) -> str:
    """The part of an action's text that pairing compares: its first 80 normalised characters."""
    return normalise(text)[:TEXT_PREFIX].strip()


def pair_actions(
    produced: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]]
) -> dict[int, int]:
    """Gold index → produced index, one-to-one: the most similar pairs first, each action used
    at most once, nothing paired below the threshold. Ties go to the earlier actions."""
    gold_texts = [_prefix(a.get("text")) for a in gold]
    produced_texts = [_prefix(a.get("text")) for a in produced]
    pairs: dict[int, int] = {}
    used: set[int] = set()
    # Identical texts (similarity 1, which only they reach) come first anyway: pair them by
    # looking them up, so only the rest need difflib, which is slow on a long plan.
    waiting: dict[str, list[int]] = {}
    for p, text in enumerate(produced_texts):
        waiting.setdefault(text, []).append(p)
    for g, text in enumerate(gold_texts):
        if text and waiting.get(text):
            pairs[g] = waiting[text].pop(0)
            used.add(pairs[g])
    candidates = []
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    for g, gold_text in enumerate(gold_texts):
        if g in pairs or not gold_text:
            continue
        matcher.set_seq2(gold_text)  # difflib keeps what it learns of the second text
        for p, produced_text in enumerate(produced_texts):
            if p in used or not produced_text:
                continue
            matcher.set_seq1(produced_text)
            # The quick ratios are upper bounds of ratio(): they skip the hopeless pairs fast.
            if matcher.real_quick_ratio() < PAIR_THRESHOLD:
                continue
            if matcher.quick_ratio() < PAIR_THRESHOLD:
                continue
            alike = matcher.ratio()
            if alike >= PAIR_THRESHOLD:
                candidates.append((-alike, g, p))
    for _, g, p in sorted(candidates):
        if g not in pairs and p not in used:
            pairs[g] = p
            used.add(p)
    return pairs


def field_is_right(name: str, gold_value: object, produced_value: object) -> bool:
    if name in LIST_FIELDS:
        gold_items = gold_value if isinstance(gold_value, list) else []
        produced_items = produced_value if isinstance(produced_value, list) else []
        return [normalise(x) for x in gold_items] == [normalise(x) for x in produced_items]
    if name in SIMILAR_FIELDS:
        return similarity(gold_value, produced_value) >= SIMILAR_THRESHOLD
    return normalise(gold_value) == normalise(produced_value)


@dataclass
class FieldCount:
    """One field over a set of gold actions that have a value for it."""

    gold: int = 0
    """Gold actions with a value for the field."""
    matched: int = 0
    """Of those, the ones paired with a produced action."""
    right: int = 0
    """Of those, the ones whose produced value is right."""

    @property
    def accuracy(self) -> float | None:
        """Right among the paired actions; None when no paired action has a gold value."""
        return self.right / self.matched if self.matched else None

    @property
    def of_gold(self) -> float | None:
        """Right among all gold actions with a value (a missed one is wrong): score_import.py's."""
        return self.right / self.gold if self.gold else None

    def __add__(self, other: FieldCount) -> FieldCount:
        return FieldCount(
            self.gold + other.gold, self.matched + other.matched, self.right + other.right
        )


@dataclass
class Score:
    """Counts for one document or, added up, for many (micro-averaged over actions)."""

    gold: int = 0
    """Gold actions scored (truncated ones left out)."""
    produced: int = 0
    """Produced actions scored (those paired with a truncated gold action left out)."""
    found: int = 0
    """Gold actions paired with a produced one."""
    fields: dict[str, FieldCount] = field(default_factory=lambda: {n: FieldCount() for n in FIELDS})
    missed: list[str] = field(default_factory=list)
    """Texts of the gold actions nothing was paired with."""
    extra: list[str] = field(default_factory=list)
    """Texts of the produced actions paired with no gold action."""

    @property
    def precision(self) -> float:
        return self.found / self.produced if self.produced else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            gold=self.gold + other.gold,
            produced=self.produced + other.produced,
            found=self.found + other.found,
            fields={n: self.fields[n] + other.fields[n] for n in FIELDS},
            missed=self.missed + other.missed,
            extra=self.extra + other.extra,
        )


def score_plan(produced: Mapping[str, Any], gold: Mapping[str, Any]) -> Score:
    """Score a produced Plan JSON document against its gold."""
    gold_actions = list(gold.get("actions") or [])
    produced_actions = list(produced.get("actions") or [])
    pairs = pair_actions(produced_actions, gold_actions)
    truncated = {g for g, action in enumerate(gold_actions) if action.get("truncated")}
    score = Score(
        gold=len(gold_actions) - len(truncated),
        produced=len(produced_actions) - sum(1 for g in pairs if g in truncated),
        found=sum(1 for g in pairs if g not in truncated),
    )
    for g, gold_action in enumerate(gold_actions):
        if g in truncated:
            continue
        if g not in pairs:
            score.missed.append(str(gold_action.get("text")))
        for name in FIELDS:
            if gold_action.get(name) in (None, "", []):
                continue
            count = score.fields[name]
            count.gold += 1
            if g in pairs:
                count.matched += 1
                produced_value = produced_actions[pairs[g]].get(name)
                count.right += field_is_right(name, gold_action.get(name), produced_value)
    paired = set(pairs.values())
    score.extra = [str(a.get("text")) for p, a in enumerate(produced_actions) if p not in paired]
    return score
