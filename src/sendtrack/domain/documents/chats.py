"""A chat's export (Teams, WhatsApp) read as the messages people wrote.

Each message opens with its time and its writer ("[09:25] Priya Nandakumar: action: Dawn to
…"); reactions ("👍 2 (…)"), reply counts, shared files and "(edited)" are the tool's, not
anyone's words. Here the messages become paragraphs of their own, the writer and time taken
off, and an action a message marks part-way ("thanks. action: Tom to update …") a line of
its own, as minutes that list their actions give them.
"""

from __future__ import annotations

import re

__all__ = ["chat_messages"]

_MESSAGE_RE = re.compile(
    r"^\s*(?:\u21b3\s*)?"  # "↳ [09:40] …": a reply in its thread
    r"(?:\[(?:\d{1,2}/\d{1,2}/\d{2,4},?\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?\]"
    r"|\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AaPp][Mm])?\s+-)"  # WhatsApp's
    r"\s*(?P<who>[^:\[\]\n]{2,60}?):\s+(?P<said>\S.*)$"
)
"""A message: its time (and day), its writer and what they wrote."""
_TOOL_LINE_RE = re.compile(
    r"^\s*(?:\u21b3\s*\d+\s+repl(?:y|ies)"  # "↳ 2 replies"
    r"|\S{1,3}\s*\d+\s*\([^)]*\)"  # "👍 2 (Dawn Featherstone, Kofi Boateng)"
    r"|(?:\[[\d:]+\]\s*)?[^:\n]{2,60}\s+shared a file\b.*"
    r"|.{0,80}\bThis message has been deleted\.?)\s*$"
)
"""The tool's own lines among the messages: reactions, reply counts, files, deletions."""
_EDITED_RE = re.compile(r"\s*\((?:edited|Edited)\)\s*$")
_INLINE_ACTION_RE = re.compile(
    r"(?<=[.!?])\s+(?=(?i:action)\b(?:\s+for\s+\w+)?\s*[:\u2013\u2014-]?\s)"
)
"""Where a message's words give way to the action it marks ("thanks. action: Tom to …")."""
_MARKED_RE = re.compile(r"(?i)^action\b(?P<given>\s+for\s+\w+)?\s*[:\u2013\u2014-]?\s")
"""A message (or its part) marking an action: "action: Tom to …", "Action for Jo: …"."""
_CHAT_MESSAGES = 5
"""How many messages make a chat, not a timed agenda or a log with a time or two."""


def chat_messages(text: str) -> str:
    """The chat's messages as paragraphs, with no writer, time or tool lines; any other
    text as it is. Where messages mark the actions agreed ("action: Kofi to send …"), those
    marked are the chat's actions, and the talk around them is left out, as minutes leave
    it."""
    lines = text.split("\n")
    if sum(1 for line in lines if _MESSAGE_RE.match(line)) < _CHAT_MESSAGES:
        return text
    said: list[list[str]] = []
    out: list[str | int] = []
    for line in lines:
        message = _MESSAGE_RE.match(line)
        if message is None:
            if not _TOOL_LINE_RE.match(line):
                out.append(line)
        elif not _TOOL_LINE_RE.match(message["said"]):
            out.append(len(said))
            said.append(_INLINE_ACTION_RE.split(_EDITED_RE.sub("", message["said"])))
    marked = [part for parts in said for part in parts if _MARKED_RE.match(part)]
    kept: list[str] = []
    for entry in out:
        if isinstance(entry, str):
            kept.append(entry)
            continue
        parts = [p for p in said[entry] if p in marked] if len(marked) >= 2 else said[entry]
        parts = [_MARKED_RE.sub(_as_minuted, p, count=1) for p in parts]
        kept.extend(["", *parts, ""] if parts else [])
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept))


def _as_minuted(mark: re.Match[str]) -> str:
    """The mark typed as minutes print it ("action:", "ACTION Ruth –" › "ACTION: Ruth –")."""
    return f"Action{mark['given']}: " if mark["given"] else "ACTION: "
