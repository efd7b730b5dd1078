"""Minutes typed with an action column in the right margin.

Governors' and boards' minutes are often set as two columns: the numbered minute on the
left and, under a heading "ACTION" at the right, the initials of whoever takes the action,
level with the line where it is minuted ("… DP to rearrange the visit for the second    DP").
The initials are the action's owner and the sentence beside them its words; the minute's
number is its ref. Here each such sentence becomes a minuted action line of its own, after
what is left of its minute, as minutes that list their actions give them.
"""

from __future__ import annotations

import re

__all__ = ["margin_actions"]

_MARGIN_HEADER_RE = re.compile(
    r"^\s*(?:(?P<left>\S+(?:\s\S+){0,2})\s{8,})?"
    r"(?P<mark>ACTION(?:\s+BY)?|Action(?:\s+by)?|WHO|Who|OWNER|Owner)\s*$"
)
"""The column headings over the minutes ("Minute          ACTION"), or the margin's alone."""
_MARKED_LINE_RE = re.compile(r"^(?P<body>.*\S)\s{3,}(?P<who>[A-Z][\w/&+.' -]{0,20}?)\s*$")
_MINUTE_NUMBER_RE = re.compile(r"^\s*(?P<number>\d{1,2}(?:\.\d{1,2}){0,2})\.?\s+(?=\S)")
_SENTENCE_RE = re.compile(r"\S.*?(?:[.!?](?=\s+[A-Z(\u2018\"'])|$)", re.S)
_NEAR = 8
"""How far from the margin's heading its initials may start (typed, not aligned)."""


def margin_actions(text: str) -> str:
    """Each minute with initials in the action margin as its words (the initials taken out)
    and, after it, "ACTION: <ref> – <sentence>" lines naming the initials as the owner; text
    with no such margin as it is."""
    lines = text.split("\n")
    columns = [_margin_column(line) for line in lines]
    column = next((c for c in columns if c is not None), None)
    if column is None:
        return text
    out: list[str] = []
    block: list[tuple[str, str | None]] = []
    for line, header in zip(lines, columns, strict=True):
        if header is not None:
            continue  # the column headings, repeated on every page
        if not line.strip() or _MINUTE_NUMBER_RE.match(line):
            out.extend(_minute(block))  # a blank line or the next minute's number ends it
            block = []
        if line.strip():
            block.append(_taken_apart(line, column))
        else:
            out.append(line)
    out.extend(_minute(block))
    return "\n".join(out)


def _margin_column(line: str) -> int | None:
    """Where the margin's heading stands, on a line of column headings; else None."""
    header = _MARGIN_HEADER_RE.match(line)
    if header is None or (header["left"] is None and len(line) - len(line.lstrip()) < 40):
        return None
    return header.start("mark")


def _taken_apart(line: str, column: int) -> tuple[str, str | None]:
    """A line's words and the initials it holds in the margin, if any."""
    marked = _MARKED_LINE_RE.match(line)
    if marked is None or abs(marked.start("who") - column) > _NEAR:
        return line, None
    if len(marked["who"].split()) > 3:
        return line, None
    return marked["body"], marked["who"].strip()


def _minute(block: list[tuple[str, str | None]]) -> list[str]:
    """A minute's lines, with the sentences its margin marks taken out as actions."""
    if not any(who for _, who in block):
        return [line for line, _ in block]
    words = ""
    marks: list[tuple[int, int, str]] = []  # where each marked line sits in the words
    for line, who in block:
        start = len(words) + (1 if words else 0)
        words = f"{words} {line.strip()}" if words else line.strip()
        if who:
            marks.append((start, len(words), who))
    number = _MINUTE_NUMBER_RE.match(words)
    ref = number["number"] if number else None
    sentences = [(m.start(), m.end(), m.group(0)) for m in _SENTENCE_RE.finditer(words)]
    actions: list[tuple[str, str]] = []
    for start, end, who in marks:
        sentence = _marked_sentence(sentences, start, end, who)
        if sentence is not None and all(sentence != taken for taken, _ in actions):
            actions.append((sentence, who))
    rest = " ".join(s for _, _, s in sentences if all(s != taken for taken, _ in actions))
    own = [_without_number(sentence) for sentence, _ in actions]
    listed = [
        f"ACTION for {who}: {ref} \u2013 {words}" if ref else f"ACTION for {who}: {words}"
        for words, (_, who) in zip(own, actions, strict=True)
    ]
    kept = [rest] if rest.strip() and not _MINUTE_NUMBER_RE.fullmatch(rest + " ") else []
    return [*kept, *listed]


def _marked_sentence(
    sentences: list[tuple[int, int, str]], start: int, end: int, who: str
) -> str | None:
    """The sentence the initials stand beside: of those on their line, one naming them
    ("… RF agreed to raise it"), else the last to begin there, else the one it carries on."""
    beside = [s for s in sentences if s[0] < end and s[1] > start]
    if not beside:
        return None
    initials = [s for s in beside if re.search(rf"\b{re.escape(who.split('/')[0])}\b", s[2])]
    begun = [s for s in beside if s[0] >= start]
    named_here = [s for s in initials if s in begun]
    return (named_here or initials or begun or beside)[-1][2]


def _without_number(sentence: str) -> str:
    number = _MINUTE_NUMBER_RE.match(sentence)
    return sentence[number.end() :] if number else sentence
