"""A monthly update of a plan, read against the plan as it stands: which action is which, and
what changed.

Each month a council sends the same plan again with progress, RAG ratings and dates moved on.
:func:`match_actions` pairs the update's actions with the plan's: by reference first (a ref
that names one action on each side), then by the words of the action, best match first, one
to one, no weaker than :data:`MATCH_THRESHOLD`. What is left is new in the update, or missing
from it. :func:`differences` says what changed in one matched pair.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

__all__ = [
    "MATCH_THRESHOLD",
    "ActionFields",
    "Difference",
    "Matching",
    "Written",
    "differences",
    "match_actions",
    "similarity",
]

MATCH_THRESHOLD = 0.6
"""How alike two actions' words must be (0 to 1) to be taken as one action reworded."""


@dataclass(frozen=True)
class Written:
    """What matching reads of an action: its reference and its words."""

    ref: str | None
    text: str


@dataclass(frozen=True)
class Matching:
    """Indexes into the plan's actions (``existing``) and the update's (``incoming``)."""

    pairs: list[tuple[int, int]]
    """(existing, incoming), in the update's order."""
    new: list[int]
    """Actions of the update that match none of the plan's."""
    missing: list[int]
    """Actions of the plan the update does not have."""


def _ref_key(ref: str | None) -> str:
    return re.sub(r"\s+", "", (ref or "").strip().rstrip(".").casefold())


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text.casefold()))


def similarity(a: str, b: str) -> float:
    """How alike two actions' words are, from 0 to 1: 1 only when the words are the same
    (case and punctuation aside)."""
    words_a, words_b = _words(a), _words(b)
    if words_a == words_b:
        return 1.0
    ratio = SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()
    return min(ratio, 0.99)


def match_actions(
    existing: Sequence[Written],
    incoming: Sequence[Written],
    *,
    threshold: float = MATCH_THRESHOLD,
) -> Matching:
    """Pair the update's actions with the plan's, one to one; the order of either list does
    not change which actions are paired."""
    pairs: dict[int, int] = {}  # incoming → existing
    by_ref_existing: dict[str, list[int]] = defaultdict(list)
    by_ref_incoming: dict[str, list[int]] = defaultdict(list)
    for i, action in enumerate(existing):
        if key := _ref_key(action.ref):
            by_ref_existing[key].append(i)
    for j, action in enumerate(incoming):
        if key := _ref_key(action.ref):
            by_ref_incoming[key].append(j)
    for key, found in by_ref_incoming.items():
        if len(found) == 1 and len(by_ref_existing.get(key, ())) == 1:
            pairs[found[0]] = by_ref_existing[key][0]

    taken = set(pairs.values())
    left_existing = [i for i in range(len(existing)) if i not in taken]
    left_incoming = [j for j in range(len(incoming)) if j not in pairs]
    for i, j in _best_first(existing, incoming, left_existing, left_incoming, threshold):
        pairs[j] = i

    matched = set(pairs.values())
    return Matching(
        pairs=sorted(((i, j) for j, i in pairs.items()), key=lambda pair: pair[1]),
        new=[j for j in range(len(incoming)) if j not in pairs],
        missing=[i for i in range(len(existing)) if i not in matched],
    )


Token = tuple[str, int]
"""A word and which time it is in the action (the second "child" is ("child", 2)), so sets of
tokens count words as many times as they are written."""


def _tokens(words: tuple[str, ...]) -> frozenset[Token]:
    seen: Counter[str] = Counter()
    out = []
    for word in words:
        seen[word] += 1
        out.append((word, seen[word]))
    return frozenset(out)


def _candidates(
    olds: list[tuple[int, frozenset[Token]]],
    news: list[tuple[int, frozenset[Token]]],
    threshold: float,
) -> set[tuple[int, int]]:
    """The pairs that could be ``threshold`` alike: those sharing a word among the rarest of
    either's words (prefix filtering: two lists of words that alike share at least
    ``threshold × n / (2 − threshold)`` of the n words of either, so they share one of the
    rest, taken rarest first). Common words ("children", "SEND") are then never what brings
    two actions together, and a long plan is not compared action by action."""
    frequency: Counter[Token] = Counter()
    for _, tokens in (*olds, *news):
        frequency.update(tokens)

    def prefix(tokens: frozenset[Token]) -> list[Token]:
        ordered = sorted(tokens, key=lambda token: (frequency[token], token))
        shared = math.ceil(threshold * len(ordered) / (2 - threshold) - 1e-9)
        return ordered[: len(ordered) - shared + 1] if ordered else []

    index: dict[Token, list[int]] = defaultdict(list)
    for i, tokens in olds:
        for token in prefix(tokens):
            index[token].append(i)
    return {(i, j) for j, tokens in news for token in prefix(tokens) for i in index.get(token, ())}


def _best_first(
    existing: Sequence[Written],
    incoming: Sequence[Written],
    left_existing: list[int],
    left_incoming: list[int],
    threshold: float,
) -> list[tuple[int, int]]:
    """Pairs by words, the most alike first, each action in one pair at most.

    Actions with the same words pair first (by ref, as the best-first order would pair them),
    without comparing. Of the rest, only :func:`_candidates` are compared, and only those
    whose shared words could make them alike enough. Ties go by the actions' words and
    refs, never their places.
    """
    chosen: list[tuple[int, int]] = []
    same: dict[tuple[str, ...], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in left_existing:
        same[_words(existing[i].text)][0].append(i)
    for j in left_incoming:
        same[_words(incoming[j].text)][1].append(j)
    for old_group, new_group in same.values():
        old_group.sort(key=lambda i: _ref_key(existing[i].ref))
        new_group.sort(key=lambda j: _ref_key(incoming[j].ref))
        chosen.extend(zip(old_group, new_group, strict=False))
    used_existing = {i for i, _ in chosen}
    used_incoming = {j for _, j in chosen}
    olds = {i: _tokens(_words(existing[i].text)) for i in left_existing if i not in used_existing}
    news = {j: _tokens(_words(incoming[j].text)) for j in left_incoming if j not in used_incoming}
    scored = []
    for i, j in _candidates(list(olds.items()), list(news.items()), threshold):
        # The words both have bound the ratio from above (difflib's quick_ratio), cheaply.
        if 2 * len(olds[i] & news[j]) < threshold * (len(olds[i]) + len(news[j])):
            continue
        score = similarity(existing[i].text, incoming[j].text)
        if score >= threshold:
            scored.append((score, i, j))
    scored.sort(
        key=lambda item: (
            -item[0],
            _words(existing[item[1]].text),
            _words(incoming[item[2]].text),
            _ref_key(existing[item[1]].ref),
            _ref_key(incoming[item[2]].ref),
        )
    )
    for _, i, j in scored:
        if i in used_existing or j in used_incoming:
            continue
        used_existing.add(i)
        used_incoming.add(j)
        chosen.append((i, j))
    return chosen


# --- what changed ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionFields:
    """The parts of an action a monthly update can change."""

    text: str
    owner: str | None
    due_raw: str | None
    due: date | None
    status: str | None
    status_raw: str | None
    rag: str | None


@dataclass(frozen=True)
class Difference:
    """One thing an update changes: ``field`` is "text", "owner", "due", "progress" or "rag";
    ``was`` and ``now`` the plan's and the update's values of it."""

    field: str
    was: ActionFields
    now: ActionFields


def _same(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()) == " ".join((b or "").split())


def differences(was: ActionFields, now: ActionFields) -> list[Difference]:
    """What the update changes in one action. A lead, timeframe, status or RAG the update
    leaves blank is not a change (a cell left empty, not a rating taken away); progress it
    states but cannot read into a status changes the words only."""
    changed = []
    if not _same(was.text, now.text):
        changed.append("text")
    if now.owner and not _same(was.owner, now.owner):
        changed.append("owner")
    if (now.due_raw and not _same(was.due_raw, now.due_raw)) or (
        now.due is not None and was.due != now.due
    ):
        changed.append("due")
    status_moved = now.status is not None and now.status != was.status
    if status_moved or (now.status_raw and not _same(was.status_raw, now.status_raw)):
        changed.append("progress")
    if now.rag is not None and now.rag != was.rag:
        changed.append("rag")
    return [Difference(field, was, now) for field in changed]
