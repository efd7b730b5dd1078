"""The corrections a manager makes on the preview, as operations that can be made again.

Each operation is a small JSON object naming the action it changes by its text and section as
they stood when it was made, and which of the actions with that same text and section it is
(never by its place in the list), so the list of operations made
on one reading of a document can be replayed on a fresh reading of the same document
(``replay``): an operation whose action is no longer there is skipped, not guessed at.

The operations change Plan JSON (``plan_title``, ``sections``, ``actions``, ``milestones``,
``indicators``) and the plan's ``not_actions``: the rows the reader, or the manager, judged not
to be actions, kept so that any of them can be made an action again.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sendtrack.domain.dates import read_date
from sendtrack.domain.plan_json import (
    MAX_LENGTHS,
    PLAN_KINDS,
    RAGS,
    SECTION_KINDS,
    STATUSES,
    empty_action,
    parse_iso_date,
)
from sendtrack.plans.storage import PATH_SEPARATOR, SectionNode, SectionResolver, section_nodes

Operation = dict[str, Any]

SET_FIELDS = ("owner", "due_raw", "status", "rag")
"""The fields corrected in the preview's table."""


class CorrectionRefused(Exception):
    """An operation cannot be made; the message says why, for the manager."""


class NoLongerApplies(CorrectionRefused):
    """The action or section an operation names is not in the plan (any more)."""


@dataclass
class Corrected:
    """A plan with operations made on it: those that applied, and how many did not."""

    plan: dict[str, Any]
    aliases: dict[str, int]
    applied: list[Operation] = field(default_factory=list)
    skipped: int = 0


def key_of(plan: dict[str, Any], index: int, *, text: str | None = None) -> dict[str, Any]:
    """How an operation names the action at ``index``: its text (or ``text``, what it is
    about to become) and section, and which of the actions with both the same it is (``nth``,
    0 for the first), so two identical rows in one section are told apart without naming a
    place in the list."""
    return _key(plan["actions"], index, text=text)


def _key(rows: list[dict[str, Any]], index: int, *, text: str | None = None) -> dict[str, Any]:
    row = rows[index]
    named = (row["text"] if text is None else text, row.get("section"))
    nth = sum(
        1
        for other in rows[:index]
        if isinstance(other, dict) and (other.get("text"), other.get("section")) == named
    )
    return {"text": named[0], "section": named[1], "nth": nth}


def not_action_key(plan: dict[str, Any], position: int) -> dict[str, Any]:
    """How an operation names the row not taken as an action at ``position``: as ``key_of``."""
    return _key(plan.get("not_actions") or [], position)


def _named(key: object) -> tuple[object, object, int] | None:
    """A key's text, section and ``nth`` (0 when an older operation has none), or None when
    it is not a key."""
    if not isinstance(key, dict):
        return None
    nth = key.get("nth", 0)
    if not isinstance(nth, int) or isinstance(nth, bool) or nth < 0:
        return None
    return key.get("text"), key.get("section"), nth


def _find_row(rows: list[dict[str, Any]], key: object) -> int | None:
    named = _named(key)
    if named is None:
        return None
    text, section, nth = named
    for index, row in enumerate(rows):
        if isinstance(row, dict) and (row.get("text"), row.get("section")) == (text, section):
            if nth == 0:
                return index
            nth -= 1
    return None


# --- making operations from what the manager asked, by the row they saw ---------------------


def action_at(plan: dict[str, Any], index: int) -> dict[str, Any]:
    """The action at ``index`` of the preview the manager saw; refused when there is none."""
    if not 0 <= index < len(plan["actions"]):
        raise CorrectionRefused("That action is no longer in the preview: check the preview again")
    action: dict[str, Any] = plan["actions"][index]
    return action


def merge_operation(plan: dict[str, Any], index: int) -> Operation:
    """Merge the action at ``index`` with the one after it."""
    action_at(plan, index)
    if index + 1 >= len(plan["actions"]):
        raise CorrectionRefused(
            "This is the last action, so there is no next action to merge it with"
        )
    return {"op": "merge", "action": key_of(plan, index), "next": key_of(plan, index + 1)}


def split_operation(plan: dict[str, Any], index: int, lines: str) -> Operation:
    """Split the action at ``index`` into one action a line (blank lines ignored)."""
    texts = [line.strip() for line in lines.splitlines() if line.strip()]
    if len(texts) < 2:
        raise CorrectionRefused("Put each action on its own line: at least two lines are needed")
    action_at(plan, index)
    return {"op": "split", "action": key_of(plan, index), "texts": texts}


def section_paths(plan: dict[str, Any]) -> list[str]:
    """Every section's path, in the document's order: what an action can be moved to."""
    return [node.path for node in section_nodes(plan["sections"])]


def section_choices(plan: dict[str, Any]) -> list[tuple[int, str]]:
    """Every section's place in ``section_paths`` and its path, each section straight after
    the one it is inside (as the preview's list of sections shows them), for choosing where
    an action goes: the reader may list a workstream's objectives after every workstream."""
    inside: dict[int | None, list[SectionNode]] = {}
    for node in section_nodes(plan["sections"]):
        inside.setdefault(node.parent.position if node.parent else None, []).append(node)
    choices: list[tuple[int, str]] = []

    def add(parent: int | None) -> None:
        for node in inside.get(parent, []):
            choices.append((node.position, node.path))
            add(node.position)

    add(None)
    return choices


@dataclass(frozen=True)
class SectionRemoval:
    """What removing a section does, for the manager to confirm: its own actions move to
    the section around it (``into``; None when it is not inside one), the sections inside
    it up a level."""

    title: str
    actions: int
    into: str | None
    sections: int


def section_removal(plan: dict[str, Any], position: int) -> SectionRemoval:
    """What removing the section at ``position`` of the preview shown would do."""
    nodes = section_nodes(plan["sections"])
    if not 0 <= position < len(nodes):
        raise CorrectionRefused("That section is no longer in the preview: check it again")
    node = nodes[position]
    resolver = SectionResolver(nodes)
    return SectionRemoval(
        title=node.title,
        actions=sum(1 for a in plan["actions"] if resolver.resolve(a["section"]) is node),
        into=node.parent.title if node.parent else None,
        sections=sum(1 for other in nodes if other.parent is node),
    )


# --- applying them ---------------------------------------------------------------------------


REORDERING = frozenset(
    {
        "split",
        "merge",
        "delete",
        "add",
        "move",
        "not_action",
        "restore",
        "heading",
        "remove_section",
    }
)
"""Operations that add, remove or reorder actions: what is known of a row by its place (its
"Changed" mark) no longer holds after one; any other leaves every row where it was."""


def apply(plan: dict[str, Any], aliases: dict[str, int], operation: Operation) -> None:
    """Make one operation on ``plan`` and ``aliases`` in place; ``CorrectionRefused`` (with
    nothing changed) when it cannot be made."""
    make = _OPERATIONS.get(str(operation.get("op")))
    if make is None:
        raise NoLongerApplies("This correction is not one sendtrack knows")
    trial = copy.deepcopy(plan)
    trial_aliases = dict(aliases)
    make(trial, trial_aliases, operation)
    plan.clear()
    plan.update(trial)
    aliases.clear()
    aliases.update(trial_aliases)


def replay(
    plan: dict[str, Any],
    aliases: dict[str, int],
    operations: Iterable[Operation],
    *,
    person_ids: set[int],
) -> Corrected:
    """``operations`` made again, in order, on a copy of ``plan``; those that no longer apply
    (their action has gone or changed, their person left the partnership) are skipped."""
    done = Corrected(plan=copy.deepcopy(plan), aliases=dict(aliases))
    for operation in operations:
        if operation.get("op") == "match" and operation.get("person") not in (None, *person_ids):
            done.skipped += 1
            continue
        try:
            apply(done.plan, done.aliases, operation)
        except CorrectionRefused:
            done.skipped += 1
        else:
            done.applied.append(operation)
    return done


def _find(plan: dict[str, Any], key: object) -> int:
    index = _find_row(plan["actions"], key)
    if index is None:
        raise NoLongerApplies("The action this correction was made to is not in the plan")
    return index


def _set(plan: dict[str, Any], aliases: dict[str, int], operation: Operation) -> None:
    action = plan["actions"][_find(plan, operation.get("action"))]
    name, value = operation.get("field"), operation.get("value")
    if name not in (*SET_FIELDS, "ref") or not (value is None or isinstance(value, str)):
        raise NoLongerApplies("This correction is not one sendtrack knows")
    if name == "status" and value is not None and value not in STATUSES:
        raise NoLongerApplies("This status is not one sendtrack knows")
    if name == "rag" and value is not None and value not in RAGS:
        raise NoLongerApplies("This RAG rating is not one sendtrack knows")
    action[name] = value
    if name == "due_raw":
        anchor = _as_at(plan) or _year_anchor(plan, action)
        reading = read_date(value, anchor) if value else None
        action["due"] = reading.due.isoformat() if reading and reading.due else None
    _confirmed(action, "due" if name == "due_raw" else name)


def _match(plan: dict[str, Any], aliases: dict[str, int], operation: Operation) -> None:
    owner, person = operation.get("owner"), operation.get("person")
    if not isinstance(owner, str):
        raise NoLongerApplies("This correction is not one sendtrack knows")
    if person is None:
        aliases.pop(owner, None)
    elif isinstance(person, int):
        aliases[owner] = person


def _text(plan: dict[str, Any], aliases: dict[str, int], operation: Operation) -> None:
    action = plan["actions"][_find(plan, operation.get("action"))]
    action["text"] = _action_text(operation.get("text"))
    _confirmed(action, "action")


def _measures(plan: dict[str, Any], aliases: dict[str, int], operation: Operation) -> None:
    """The action's success measures as the manager listed them, one a line."""
    action = plan["actions"][_find(plan, operation.get("action"))]
    measures = operation.get("measures")
    if not isinstance(measures, list) or not all(isinstance(m, str) for m in measures):
        raise NoLongerApplies("This correction is not one sendtrack knows")
    action["measures"] = [m.strip() for m in measures if m.strip()]


def _checked(plan: dict[str, Any], aliases: dict[str, int], operation: Operation) -> None:
    """The manager has checked a row marked to check and found it right: it is no longer
    one to check, and the reader's doubts about it are settled."""
    action = plan["actions"][_find(plan, operation.get("action"))]
    action["checked"] = True
    for name in action.get("confidence") or {}:
        _confirmed(action, name)


def _action_text(value: object) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise CorrectionRefused("Enter the action's text")
    return text


def _split(plan: dict[str, Any], aliases: dict[str, int], operation: Operation) -> None:
    index = _find(plan, operation.get("action"))
    texts = operation.get("texts")
    if not isinstance(texts, list) or len(texts) < 2 or not all(isinstance(t, str) for t in texts):
        raise CorrectionRefused("Put each action on its own line: at least two lines are needed")
    original = plan["actions"][index]
    parts = []
    for number, text in enumerate(texts):
        part = copy.deepcopy(original)
        part["text"] = _action_text(text)
        if original["ref"]:
            part["ref"] = f"{original['ref']}.{_letters(number)}"
        _confirmed(part, "action")
        parts.append(part)
    plan["actions"][index : index + 1] = parts


def _letters(number: int) -> str:
    """a, b … z, aa, ab …: the suffix of the nth part of a split action's ref."""
    out = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _merge(plan: dict[str, Any], aliases: dict[str, int], operation: Operation) -> None:
    index = _find(plan, operation.get("action"))
    actions = plan["actions"]
    if index + 1 >= len(actions):
        raise CorrectionRefused(
            "This is the last action, so there is no next action to merge it with"
        )
    following = actions[index + 1]
    if _named(key_of(plan, index + 1)) != _named(operation.get("next")):
        raise NoLongerApplies("The action after this one is not the one it was merged with")
    first = actions[index]
    wholes = [_split_from(a) for a in actions]
    if wholes[index] and wholes[index + 1] == wholes[index] and wholes.count(wholes[index]) == 2:
        first["ref"] = wholes[index]  # "1.3.a" and "1.3.b", the only parts: "1.3" again
    first["text"] = f"{first['text']} {following['text']}".strip()
    first["measures"] = list(dict.fromkeys([*first["measures"], *following["measures"]]))
    for fields in MERGED_TOGETHER:  # a record read as two rows: its fields were on the second
        if not any(first.get(name) for name in fields):
            for name in fields:
                first[name] = following.get(name, first.get(name))
    del actions[index + 1]


_SPLIT_PART_RE = re.compile(r"^(?P<whole>.+)\.[a-z]$")
"""The ref a split gives each part: the action's own and a letter ("1.3.a")."""


def _split_from(action: dict[str, Any]) -> str | None:
    """The ref of the action this one was split from ("1.3" for "1.3.a"), if its ref says."""
    part = _SPLIT_PART_RE.match(str(action.get("ref") or ""))
    return part["whole"] if part else None


MERGED_TOGETHER = (
    ("ref",),
    ("owner",),
    ("partners",),
    ("start_raw",),
    ("due_raw", "due"),
    ("status_raw", "status"),
    ("rag",),
    ("finding",),
)
"""The fields a merge keeps from the first action, or takes together from the next where the
first has none."""


def _delete(plan: dict[str, Any], aliases: dict[str, int], operation: Operation) -> None:
    del plan["actions"][_find(plan, operation.get("action"))]


def _add(plan: dict[str, Any], aliases: dict[str, int], operation: Operation) -> None:
    path = operation.get("section")
    node = _section(plan, path) if path is not None else None
    action = new_action(_action_text(operation.get("text")), node.path if node else None)
    _insert_in_section(plan, action, node)


def new_action(text: str, section: str | None) -> dict[str, Any]:
    """An action the manager added: its text and section, every other field empty."""
    return empty_action(text=text, section=section)


def _move(plan: dict[str, Any], aliases: dict[str, int], operation: Operation) -> None:
    index = _find(plan, operation.get("action"))
    node = _section(plan, operation.get("section"))
    action = plan["actions"].pop(index)
    action["section"] = node.path
    _confirmed(action, "section")
    _insert_in_section(plan, action, node, near=index)


def _not_action(plan: dict[str, Any], aliases: dict[str, int], operation: Operation) -> None:
    index = _find(plan, operation.get("action"))
    action = plan["actions"].pop(index)
    row = {
        "text": action["text"],
        "section": action["section"],
        "confidence": 0.0,
        "source": action.get("source") or "",
        "action": action,
    }
    following = plan["actions"][index] if index < len(plan["actions"]) else None
    if following is not None and following["section"] == action["section"]:
        row["before"] = _key(plan["actions"], index)  # where "This is an action" puts it back
    plan.setdefault("not_actions", []).insert(0, row)


def _restore(plan: dict[str, Any], aliases: dict[str, int], operation: Operation) -> None:
    rows = plan.get("not_actions") or []
    position = _find_row(rows, operation.get("row"))
    if position is None:
        raise NoLongerApplies("The row this correction was made to is not in the plan")
    row = rows.pop(position)
    kept = row.get("action")
    action = copy.deepcopy(kept) if isinstance(kept, dict) else None
    if action is None:
        action = new_action(_action_text(row.get("text")), row.get("section"))
        if row.get("source"):
            action["source"] = row["source"]
    _confirmed(action, "action")
    before = _find_row(plan["actions"], row.get("before"))
    if before is not None and plan["actions"][before]["section"] == action["section"]:
        plan["actions"].insert(before, action)  # a row marked by mistake goes back in its place
    else:
        node = _section_made_for(plan, action["section"])
        if node is not None:
            action["section"] = node.path
        _insert_in_section(plan, action, node)


def _section_made_for(plan: dict[str, Any], path: str | None) -> SectionNode | None:
    """The section ``path`` names; made, inside the deepest section the plan has of its
    path, when a row comes back from a part of the document where no action was read (an
    agenda item the plan has no section for), so the action is stored where it is shown."""
    node = _resolve(plan, path) if path else None
    if node is not None or not path:
        return node
    sections = plan["sections"]
    parts = path.split(PATH_SEPARATOR)
    nodes = section_nodes(sections)
    by_path = {node.path: node for node in nodes}
    depth = next(
        (d for d in range(len(parts) - 1, 0, -1) if PATH_SEPARATOR.join(parts[:d]) in by_path), 0
    )
    parent = by_path.get(PATH_SEPARATOR.join(parts[:depth])) if depth else None
    end = _subtree_end(nodes, parent) if parent is not None else len(sections)
    for title in parts[depth:]:
        if parent is not None and sections[parent.position]["ref"] is None:
            sections[parent.position]["ref"] = _unused_ref(sections)
        parent_ref = sections[parent.position]["ref"] if parent is not None else None
        sections.insert(
            end, {"ref": None, "title": title, "kind": "heading", "parent_ref": parent_ref}
        )
        parent = section_nodes(sections)[end]  # the one just made, its parent set
        end += 1
    return parent


def _heading(plan: dict[str, Any], aliases: dict[str, int], operation: Operation) -> None:
    """The row becomes a section inside its own section; the rows after it in that section,
    up to the next heading, move into the new one."""
    actions = plan["actions"]
    index = _find(plan, operation.get("action"))
    action = actions[index]
    title = action["text"].strip()
    if len(title) > MAX_LENGTHS["sections.title"]:
        raise CorrectionRefused(
            "This row is too long to be a heading: a section's title is "
            f"{MAX_LENGTHS['sections.title']} characters at most"
        )
    sections = plan["sections"]
    nodes = section_nodes(sections)
    parent = _resolve(plan, action["section"], nodes)
    path = f"{parent.path}{PATH_SEPARATOR}{title}" if parent else title
    if path in {node.path for node in nodes}:
        raise CorrectionRefused(f"There is already a section called “{title[:80]}” there")
    ref = action["ref"] if action["ref"] and action["ref"] not in _refs(sections) else None
    if parent is not None and sections[parent.position]["ref"] is None:
        sections[parent.position]["ref"] = _unused_ref(sections)
    parent_ref = sections[parent.position]["ref"] if parent is not None else None
    end = _subtree_end(nodes, parent) if parent is not None else len(sections)
    kind = sections[parent.position]["kind"] if parent is not None else "heading"
    sections.insert(end, {"ref": ref, "title": title, "kind": kind, "parent_ref": parent_ref})
    following = index + 1
    while following < len(actions) and _resolve(plan, actions[following]["section"], nodes) is (
        parent
    ):
        actions[following]["section"] = path
        following += 1
    del actions[index]


def _rename(plan: dict[str, Any], aliases: dict[str, int], operation: Operation) -> None:
    """A section's new title, whole; everything in it, or in a section inside it, follows."""
    node = _section(plan, operation.get("section"))
    title = operation.get("title")
    title = title.strip() if isinstance(title, str) else ""
    if not title:
        raise CorrectionRefused("Enter the section's title")
    if len(title) > MAX_LENGTHS["sections.title"]:
        raise CorrectionRefused(
            f"The section's title must be {MAX_LENGTHS['sections.title']} characters or fewer"
        )
    nodes = section_nodes(plan["sections"])
    named = nodes[node.position]
    beside = [
        str(plan["sections"][other.position]["title"]).strip()
        for other in nodes
        if other is not named and other.parent is named.parent
    ]
    taken = [other for other in beside if other.casefold() == title.casefold()]
    if taken:  # the two would be one path: their actions could not be told apart
        raise CorrectionRefused(
            f"Another section in the same place is already called “{taken[0]}”: choose "
            "another title, or move the actions to that section and remove this one"
        )
    items = {id(item): item for item in _items_with_sections(plan)}
    placed = {key: _resolve(plan, item["section"], nodes) for key, item in items.items()}
    plan["sections"][node.position]["title"] = title
    renamed = {renamed.position: renamed for renamed in section_nodes(plan["sections"])}
    for key, item in items.items():
        old = placed[key]
        if old is not None and _inside(old, node.position):
            item["section"] = renamed[old.position].path


def _remove_section(plan: dict[str, Any], aliases: dict[str, int], operation: Operation) -> None:
    """A line the reader took for a heading is no section: what was in it moves to the
    section around it (or to none), and the sections inside it move up a level."""
    sections = plan["sections"]
    nodes = section_nodes(sections)
    node = nodes[_section(plan, operation.get("section")).position]
    placed = [(item, _resolve(plan, item["section"], nodes)) for item in _items_with_sections(plan)]
    for child in nodes:
        if child.parent is node:
            sections[child.position]["parent_ref"] = node.parent.ref if node.parent else None
    del sections[node.position]
    after = section_nodes(sections)
    moved: dict[int, SectionNode | None] = {
        old.position: after[old.position - (old.position > node.position)]
        for old in nodes
        if old is not node
    }
    moved[node.position] = moved[node.parent.position] if node.parent else None
    _refuse_a_changed_tree(nodes, node, after, moved)
    resolver = SectionResolver(after)
    for item, old in placed:
        if old is None:  # a row not taken, from a part of the document no section holds
            item["section"] = _path_without(item["section"], node)
            continue
        target = moved[old.position]
        if resolver.resolve(item["section"]) is not target or _inside(old, node.position):
            item["section"] = target.path if target else None


def _path_without(path: str, removed: SectionNode) -> str | None:
    """A title path through a removed section, without it ("MINUTES / 9. AOB" → "9. AOB")."""
    outer = removed.parent.path if removed.parent else None
    if path == removed.path:
        return outer
    if not path.startswith(removed.path + PATH_SEPARATOR):
        return path
    rest = path[len(removed.path) + len(PATH_SEPARATOR) :]
    return f"{outer}{PATH_SEPARATOR}{rest}" if outer else rest


def _refuse_a_changed_tree(
    nodes: list[SectionNode],
    removed: SectionNode,
    after: list[SectionNode],
    moved: dict[int, SectionNode | None],
) -> None:
    """Removing a section must leave every other section where it was, those inside it one
    level up, and no two sections with the same title side by side (their actions could
    not be told apart)."""
    for old in nodes:
        if old is removed:
            continue
        new = moved[old.position]
        expected = moved[old.parent.position] if old.parent else None
        if new is None or new.parent is not expected:
            raise CorrectionRefused(
                "The sections inside this one cannot be moved up a level: their refs repeat "
                "others in the document. Move its actions and rename its sections instead"
            )
    before = Counter(node.path for node in nodes if node is not removed)
    for path, count in Counter(node.path for node in after).items():
        if count > max(1, before[path]):
            title = path.rsplit(PATH_SEPARATOR, 1)[-1]
            raise CorrectionRefused(
                f"A section inside this one has the same title as one it would move next to "
                f"(“{title[:80]}”): rename one of them first"
            )


def _plan_title(plan: dict[str, Any], aliases: dict[str, int], operation: Operation) -> None:
    """The plan's title as the manager typed it, where the document's was wrong or missing."""
    plan["plan_title"] = plan_title(operation.get("title"))


def plan_title(value: object) -> str:
    """A plan title as typed, or why it cannot be one."""
    title = value.strip() if isinstance(value, str) else ""
    if not title:
        raise CorrectionRefused("Enter the title of the plan")
    if len(title) > MAX_LENGTHS["plan_title"]:
        raise CorrectionRefused(
            f"The title of the plan must be {MAX_LENGTHS['plan_title']} characters or fewer"
        )
    return title


def _section_kind(plan: dict[str, Any], aliases: dict[str, int], operation: Operation) -> None:
    """What a section is (a workstream, an objective, a priority …), where the reader could
    not tell or told it wrong."""
    kind = operation.get("kind")
    if kind not in SECTION_KINDS:
        raise NoLongerApplies("This kind of section is not one sendtrack knows")
    plan["sections"][_section(plan, operation.get("section")).position]["kind"] = kind


PLAN_FIELDS = ("organisation", "kind", "as_at")
"""The plan's own details the manager can correct on the preview, besides its title."""


def _plan_field(plan: dict[str, Any], aliases: dict[str, int], operation: Operation) -> None:
    name, value = operation.get("field"), operation.get("value")
    if name not in PLAN_FIELDS or not (value is None or isinstance(value, str)):
        raise NoLongerApplies("This correction is not one sendtrack knows")
    if name == "kind" and value is not None and value not in PLAN_KINDS:
        raise NoLongerApplies("This kind of plan is not one sendtrack knows")
    if name == "organisation":
        value = (value or "").strip()[: MAX_LENGTHS["organisation"]] or None
    if name == "as_at":
        _re_anchor(plan, parse_iso_date(value) if value else None)
        plan["as_at_raw"] = None
    plan[name] = value


def _re_anchor(plan: dict[str, Any], as_at: date | None) -> None:
    """A new as-at date places again the dates with no year ("by June") that were placed
    from the old one; a date placed any other way stays."""
    before = _as_at(plan)
    for action in plan["actions"]:
        raw = action.get("due_raw")
        if not isinstance(raw, str) or not raw:
            continue
        old, new = read_date(raw, before).due, read_date(raw, as_at).due
        if old != new and action.get("due") == (old.isoformat() if old else None):
            action["due"] = new.isoformat() if new else None


def _items_with_sections(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        item
        for name in ("actions", "milestones", "indicators", "not_actions")
        for item in plan.get(name) or []
        if isinstance(item, dict) and isinstance(item.get("section"), str)
    ]


def _inside(node: SectionNode, position: int) -> bool:
    return any(outer.position == position for outer in node.titles_inside_out())


def _section(plan: dict[str, Any], path: object) -> SectionNode:
    for node in section_nodes(plan["sections"]):
        if node.path == path:
            return node
    raise NoLongerApplies("There is no such section in the plan: choose one from the list")


def _resolve(
    plan: dict[str, Any], path: str | None, nodes: list[SectionNode] | None = None
) -> SectionNode | None:
    return SectionResolver(nodes or section_nodes(plan["sections"])).resolve(path)


def _insert_in_section(
    plan: dict[str, Any], action: dict[str, Any], node: SectionNode | None, near: int = -1
) -> None:
    """After the last action in ``node``; when it has none, after the last action of the
    sections printed before it, so the plan keeps the document's order (at ``near``, or the
    end, when no section has actions)."""
    actions = plan["actions"]
    if node is not None:
        resolver = SectionResolver(section_nodes(plan["sections"]))
        places = [
            (found.position, i)
            for i, other in enumerate(actions)
            if (found := resolver.resolve(other["section"])) is not None
        ]
        inside = [i for position, i in places if position == node.position]
        before = [i for position, i in places if position < node.position]
        if inside or before:
            actions.insert(max(inside or before) + 1, action)
            return
        after = [i for position, i in places if position > node.position]
        if after:
            actions.insert(min(after), action)
            return
    actions.insert(near if near >= 0 else len(actions), action)


def _subtree_end(nodes: list[SectionNode], parent: SectionNode) -> int:
    end = parent.position + 1
    while end < len(nodes) and _inside(nodes[end], parent.position):
        end += 1
    return end


def _refs(sections: list[dict[str, Any]]) -> set[str]:
    return {section["ref"] for section in sections if section["ref"]}


def _unused_ref(sections: list[dict[str, Any]]) -> str:
    """A ref for a section that had none, so a heading made inside it can name it."""
    taken = _refs(sections)
    number = 1
    while f"S{number}" in taken:
        number += 1
    return f"S{number}"


def _confirmed(action: dict[str, Any], name: str) -> None:
    """A field a person has set or checked is certain from then on."""
    scores = action.get("confidence")
    if isinstance(scores, dict) and name in scores:
        scores[name] = 1.0


def _as_at(plan: dict[str, Any]) -> date | None:
    value = plan.get("as_at")
    return parse_iso_date(value) if isinstance(value, str) else None


def _year_anchor(plan: dict[str, Any], action: dict[str, Any]) -> date | None:
    """Where a plan has no as-at date, the date a corrected timeframe with no year ("June")
    is read from: 1 January of the year the importer gave the action's date (a year printed
    in the date column's name), or else of the year most of the plan's dates fall in."""
    due = parse_iso_date(action["due"]) if isinstance(action["due"], str) else None
    if due is not None:
        return date(due.year, 1, 1)
    years: dict[int, int] = {}
    for other in plan["actions"]:
        if isinstance(other["due"], str) and (parsed := parse_iso_date(other["due"])):
            years[parsed.year] = years.get(parsed.year, 0) + 1
    return date(max(years, key=lambda y: years[y]), 1, 1) if years else None


_OPERATIONS: dict[str, Callable[[dict[str, Any], dict[str, int], Operation], None]] = {
    "set": _set,
    "match": _match,
    "text": _text,
    "measures": _measures,
    "checked": _checked,
    "split": _split,
    "merge": _merge,
    "delete": _delete,
    "add": _add,
    "move": _move,
    "not_action": _not_action,
    "restore": _restore,
    "heading": _heading,
    "rename": _rename,
    "remove_section": _remove_section,
    "plan_title": _plan_title,
    "plan": _plan_field,
    "section_kind": _section_kind,
}
