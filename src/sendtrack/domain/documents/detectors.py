"""Typed field detectors: each finds one field of an action in any text, wherever it sits.

A detector returns a :class:`Found` (the value, the text it came from, and a confidence) or
None. They look at the words, never at a column's position, so the same detectors serve a
table cell, a list item and a sentence; a cell whose header names the role simply gives a
higher confidence. They read shapes and grammar ("X will …", "X to <verb>", a status phrase
with its verb, the owner/date/status cells a flattened row ends with), never a council's
wording, and return what Plan JSON asks for (docs/plan-json.md): owner and status as printed,
due_raw as printed with the last day it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sendtrack.domain.dates import month_number, names_a_date, read_date

from .caseless import Caseless
from .owners import (
    closing_status_tag,
    label_owner,
    owner_tag,
    split_owner_and_date,
    subject_owner,
)
from .status import (
    RAG_CIRCLES,
    STATUS_MARKS,
    TICKS,
    find_status_phrase,
    normalise_status,
    rag_tag,
    read_rag,
    the_circle,
)

__all__ = [
    "GLUED_REF_RE",
    "Found",
    "RowTail",
    "find_due",
    "find_owner",
    "find_rag",
    "find_ref",
    "find_status",
    "lead_in_owner",
    "row_tail",
    "sentence_subject",
    "status_of_cell",
    "trailing_name",
]

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:20\d\d|'?\d\d)"
_DATE_CORE = (
    r"(?:\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    rf"|\d{{1,2}}-{_MONTH}-{_YEAR}\b|\d{{1,2}}/{_MONTH}/{_YEAR}\b"  # a system's "15-Mar-2024"
    rf"|(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+{_YEAR}\b)?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+20\d\d)?"
    rf"|{_MONTH}[\s-]+{_YEAR}\b"
    rf"|(?<![a-z]){_MONTH}(?![a-z])"
    r"|(?:autumn|spring|summer)(?:\s+(?:term|[12]))?(?:\s+(?:term\s+)?20\d\d(?:/\d\d)?)?"
    r"|(?:(?<=end of )|(?<=end of the )|(?<=end of this ))term"
    r"|q[1-4](?:\s+20\d\d(?:/\d\d)?)?"
    r"|20\d\d/\d\d(?:\s+q[1-4])?"  # "2025/26 Q1": the year's first quarter
    r"|(?:end of (?:the )?)?(?:financial|academic|school) year(?:\s+20\d\d(?:/\d\d)?)?"
    r"|(?:easter|christmas)(?:\s+20\d\d)?)"
)
_DATE_PHRASE_RE = Caseless(
    r"(?<!\w)(?:"  # every phrase starts a word: said first, the search skips a word's inside
    r"(?:\b(?:by|in|during|before|until|from|at|for|due|over|throughout|no later than|"
    r"expected in|starting|ends?|w/c|week (?:commencing|beginning))\s+(?:the\s+(?=[a-z]))?)?"
    r"(?:\b(?:the\s+)?(?:end|start|beginning|middle|close)\s+(?:of\s+)?(?:the\s+)?"
    r"|\b(?:early|mid|late)[\s-]+)?"  # \b: not the "end" of "SEND March 2031"
    rf"(?<![\w/]){_DATE_CORE}(?:\s*(?:to|until|[\u2013\u2014-])\s*{_DATE_CORE})?"
    r"(?:\s+meeting)?(?![\w/])"
    r"|\b(?:due|by|before|until|deadline:?|w/c)\s+\d{1,2}/\d{1,2}(?![/\d]))"  # "Due 30/11"
)
_DUE_CHARS = 600


@lru_cache(maxsize=4096)
def _date_phrases(text: str) -> tuple[re.Match[str], ...]:
    """The date phrases of a text, remembered: the due, owner and status finders look for
    dates in the same candidate's words, and its tail's, several times over."""
    return tuple(_DATE_PHRASE_RE.finditer(text))


_DONE_ON_RE = re.compile(r"(?:[\u2705\u2714\u2713]|\b(?:done|completed)(?:\s+on)?)\s*:?\s*$", re.I)
"""What says a date after it is the day the work was done ("✅ 2026-01-15", "completed on")."""
_BASELINE_RE = re.compile(
    r"\b(?:from|than|compared (?:with|to))\s+\d[\d,.]*%?(?:\s+[a-z]+){0,2}\s*$"
    r"|\b(?:rather than|instead of)\s*$",
    re.I,
)
"""A figure compared with before ("down from 50", "up from 23% of plans") or the date a
slipped item replaces ("in September rather than July"): the date after it is not when the
work is due."""
_NEXT_ITEM_RE = re.compile(r"(?<=\S)\s+(?:[2-9]|1\d)[.)]\s+(?=[A-Z])")
_VAGUE_SEASON_RE = re.compile(
    r"(?:in|by|during|over)\s+the\s+(?:spring|summer|autumn|winter)", re.I
)
_NO_DATE_WORDS_RE = re.compile(r"^\s*(?:ongoing|tbc|tbd|n/?a|to be confirmed|continuous)\s*$", re.I)
ACTION_REF = r"[A-Z]{0,3}\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?"
"""An action's printed number ("2.1", "A3", "1.2.4b"), as a pattern's fragment."""
_REF_RE = re.compile(
    rf"^\s*(?:[Aa]ction\s+)?(?P<open>[\[(])?(?P<ref>{ACTION_REF})"
    r"(?(open)[\])]|[.:)]?)\s+(?=\S)"
)
_LABELLED_REF_RE = re.compile(
    r"^\s*(?i:action(?:\s+(?:point|no\.?|number|ref\.?))?)\s*(?i:no\.?)?\s*[:#]?\s*"
    rf"(?P<ref>{ACTION_REF}|\d{{1,3}}/\d{{2,3}})"
    r"(?:\s*[\u2013\u2014:.)-]\s*|\s+|(?=[A-Z][a-z]))(?=\S)"
)
"""A ref that a minute names as an action's, however printed: "ACTION 2.1 – …", "Action
point 3: …", "Action no.6Review …" (its label glued on), "Action 2/03 …"."""
_BRACKETED_REF_RE = re.compile(
    r"^\s*[\[(]\s*(?:[A-Z]{2,6}\s+)?(?i:ref(?:erence)?|action)\.?\s*(?i:no\.?)?\s*[:#]?\s*"
    rf"(?P<ref>{ACTION_REF})\s*[\])]\s*"
)
"""A ref in brackets before the words ("[PAP ref 1.1] Establish …", "(Action 2.3) Agree …"):
the plan's own number, where a report lists its actions in a numbered list of its own."""
GLUED_REF_RE = re.compile(r"^(?P<ref>[A-Z]{0,3}\d{1,3}(?:\.\d{1,3}){0,3})(?=[A-Z][a-z]{2})")
"""A ref a lost delimiter glued to the action's first word ("A5Review …", "12Publish …")."""
_ACTION_BY_RE = re.compile(
    r"^(?:agreed\s+)?action(?:\s+by)?(?:\s*\([^)]{1,12}\))?\s*[:\u2013\u2014-]\s*"
    r"(?P<owner>[A-Z][\w&/.' -]{0,40}?)\s+to\s+",
    re.I,
)
_LEAD_LABEL_RE = re.compile(
    r"(?:\b(?:lead|owner|led by|responsible(?: officer)?)\s*(?:officer)?\s*[:\u2013\u2014-]"
    r"|\b(?:who|by whom)\s*:"  # "(who: SEND Assessment Team)"
    r"|(?<=[\u2013\u2014-] )lead(?=\s+(?-i:[A-Z])))\s*"  # "… – Lead Tom Ashworth"
    r"(?P<owner>(?:\d{1,2}[\u2013-]\d{1,2}\s+)?[A-Z](?:[\w&/.' -]|(?<=\d)\u2013(?=\d)){1,60}?"
    r"(?:\s*\([^()]{1,40}\))?)"  # "0–19 Service Manager": a range within the name
    r"\s*(?:[;,()\]|]|\.(?=\s+[\[(])|(?<=\w\w)\.(?=\s+(?-i:[A-Z]))|\.?$"
    r"|[\u2013\u2014]\s+(?=(?:by|due|every|end|from)\b|\d))",
    re.I,
)
"""A labelled lead, ending at a bracket, a comma, a sentence's end or a dash before its date
("Lead: Head of SEN. [On track]", "Responsible officer: Head of Place Planning. Work is …",
"(lead: Mrs Hallam – by December)"; not "J. Osei")."""
_ONE_NAME = r"(?:[A-Z]\.\s?)?[A-Z][a-z]+(?:[ -][A-Z][a-z'-]+){0,2}"
_TRAILING_NAME_RE = re.compile(
    rf"(?:[\u2013\u2014-]|\s)\s*(?P<owner>{_ONE_NAME}(?:\s*(?:&|and|/)\s*{_ONE_NAME})?)\s*$"
)
"""The name ending a label, or two joined ("WS3 Inclusion – Priya Raman & Colin Voss")."""
_DASHED_LEAD_RE = re.compile(
    r"\s[\u2013\u2014-]\s+"
    r"(?P<owner>([A-Z][\w.'-]*(?:\s+[\w.'()-]+){1,3}),\s+[A-Z][\w .&'()-]{2,50})$"
)
"""A label ending, after a dash, in a name and a job ("Health transition – Jo Whitlock,
Designated Clinical Officer") or a job and a name: the lead is both."""
_DASHED_ROLE_RE = re.compile(
    r"\s[\u2013\u2014-]\s+(?P<owner>(?:(?:Assistant|Deputy)\s+)?(?:Head|Director|Chair)"
    r"(?:\s+of|,)\s+[A-Z][\w&' ()/-]{2,60}"
    r"|(?:[A-Z][\w&'()/-]*\s+){0,5}(?:Lead|Manager|Officer|Director|Co-?ordinator|SENCO)"
    r"(?:\s+\([^()]{1,30}\))?)\s*$"
)
"""A label ending, after a dash, in a job alone ("… — Head of Early Help", "… – PfA Lead
(Saltmarsh)", "… — Chair, Preparing for Adulthood Board"): the lead is the whole job."""
_INITIALLED_NAME_RE = re.compile(
    r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?\s+)?(?:[A-Z]\.\s*){1,2}[A-Z][a-z'-]+$"
)
"""A person named by initials ("M. Hale", "Dr F. Nwosu")."""
_LEAD_IN_SUBJECT_RE = re.compile(
    r"^(?P<subject>(?:the\s+)?[A-Z][\w&'/ -]{1,50}?)\s+(?:has\s+)?(?:agreed|resolved|decided|"
    r"committed|will|are|is asked)\b",
    re.I,
)


@dataclass(frozen=True)
class Found:
    """A field's value, the words it was read from, and how sure the reading is (0–1)."""

    value: str
    raw: str
    confidence: float


def find_due(text: str, anchor: date | None, *, cell: bool = False) -> Found | None:
    """The due date: the last date phrase of the item's own words that reads as a date ("by
    end of Sep 25"); a season with no term or year ("in the spring") is kept, undated."""
    if cell and _NO_DATE_WORDS_RE.match(text):
        return None
    bracket = None if cell else _BRACKETED_DUE_RE.search(text[:_DUE_CHARS])
    if bracket is not None:  # "… (Lead: Jo Bell; due Sept 25). Published on 30 September."
        told = find_due(bracket["when"], anchor, cell=True)
        if told is not None and told.value:
            return told
    own = text[:_DUE_CHARS]
    next_item = _NEXT_ITEM_RE.search(own)
    if next_item and not cell:  # "… by end of Oct 25 2. Offer …": the next item's date is not ours
        own = own[: next_item.start()]
    phrases = _date_phrases(own)
    for index, match in reversed(list(enumerate(phrases))):
        raw = match.group(0).strip(" ,;.")
        if own[match.end() : match.end() + 1] == "%" or _BASELINE_RE.search(own[: match.start()]):
            continue  # "down from 50 in January", "in May 84% were answered": a figure's date
        if index and _DONE_ON_RE.search(own[: match.start()]):
            continue  # "📅 2026-01-16 ✅ 2026-01-15": the day it was done, after its due date
        if _VAGUE_SEASON_RE.fullmatch(raw):
            return Found("", raw, 0.5)
        reading = read_date(raw, anchor)
        if reading.due is not None:
            confidence = 0.95 if cell else (0.8 if re.search(r"\d", raw) else 0.65)
            return Found(reading.due.isoformat(), raw, confidence)
    if cell and text.strip():
        reading = read_date(text, anchor)
        if reading.due is not None:
            return Found(reading.due.isoformat(), text.strip(), 0.9)
    return None


_BRACKETED_DUE_RE = re.compile(
    r"(?i)\((?=[^()]*\b(?:lead|owner)\b)[^()]*?[;,]\s*(?:due|by|target(?: date)?|deadline)"
    r"\s*:?\s+(?P<when>[^();]{2,40})\)"
)
"""A date given in the bracket that names the lead ("(Lead: Jo Bell; due Sept 25)"): the
item's own, before any date the narrative after it names."""


def _labelled_lead(text: str) -> re.Match[str] | None:
    """The first "Lead: …" / "Lead – …" label; not "Lead" ending a role's title before a
    dash ("(Health Visiting Lead – Designated Clinical Officer)": two leads)."""
    for match in _LEAD_LABEL_RE.finditer(text):
        dashed = ":" not in match.group(0)
        if dashed and re.search(r"[A-Z][\w'&]*\s$", text[: match.start()]):
            continue
        return match
    return None


def _mentioned(text: str) -> Found | None:
    """Whom a wiki's, a chat's or a repository's task mentions after its words ("… @Asha
    Patel", "… @dev.kaur @finance-bp (due …)": handles as written)."""
    mention = _MENTION_RE.search(text)
    if mention and mention.start() > 0:
        return Found(mention.group("name"), mention.group(0).strip(), 0.85)
    handles = _HANDLES_RE.search(text)
    if handles and handles.start() > 0:
        return Found(handles.group("handles"), handles.group("handles"), 0.85)
    return None


def find_owner(text: str) -> Found | None:
    """The owner written into the text: "ACTION: JM to …", "Head of SEND to …",
    "(Lead: AB)", "… – Lead: J. Osei", a flattened row's owner cell ("… March 2025 Head of
    SEND On track"), or the sentence's named subject ("Rob Hale will …")."""
    text = _without_glued_label(text)
    mentioned = _mentioned(text)
    if mentioned is not None:
        return mentioned
    action_by = _ACTION_BY_RE.match(text)
    if action_by and could_be_owner(action_by.group("owner")):
        return Found(action_by.group("owner").strip(), action_by.group(0), 0.9)
    labelled = _labelled_lead(text)
    if labelled:
        owner = _without_a_status(labelled.group("owner").strip(" .-\u2013\u2014"))
        owner += _title_after(text, labelled.end())
        return Found(owner, labelled.group(0), 0.85)
    _, tagged = owner_tag(text)
    if tagged:
        return Found(tagged, tagged, 0.8)
    boxed = _BOXED_OWNER_RE.search(text) or _BOXED_ROLE_RE.search(text)
    if boxed and boxed.start() > 0 and normalise_status(boxed.group("who")) is None:
        return Found(boxed.group("who"), boxed.group(0), 0.8)  # a task tool's "… [RT] Due 30/11"
    dated = _bracketed_owner(text) or _closing_owner(text) or _bracketed_role(text)
    if dated:
        return Found(dated, dated, 0.85)  # "… before the June review (Sam Patel, 22 May)"
    tail = row_tail(text)
    if tail.owner:
        return Found(tail.owner, tail.owner, 0.8)  # a cell of its own, before the date
    before_to = label_owner(text)
    if before_to and len(before_to.split()) <= 6 and could_be_owner(before_to):
        return Found(before_to, before_to, 0.8)  # "Head of SEND to circulate …"
    named = _APPOSITIVE_RE.match(text)
    titled = re.sub(r"^Our\s+", "", named.group("name")) if named else ""
    if named and could_be_owner(titled):  # "Our SEND Manager, Ruth Ade, is leading …"
        if _PERSON_RE.fullmatch(named.group("aside")) and not _PERSON_RE.fullmatch(titled):
            titled = f"{titled}, {named.group('aside')}"  # "Head of SEND, Daniel Osei, will …"
        return Found(titled, named.group(0), 0.7)  # "Jo Bell, our DCO, will …"
    subject = sentence_subject(text) or subject_owner(text)
    if subject and could_be_owner(subject) and not _STATUS_AFTER_RE.match(text[len(subject) :]):
        return Found(subject, subject, 0.6)
    for later in re.finditer(r"(?<=[.;])\s+(?=[A-Z])", text):
        who = lead_named(text[later.end() :])
        if who:
            return Found(who, who, 0.7)  # "… by March 2028. The ICB Director is responsible."
    agent = _PASSIVE_AGENT_RE.search(text)
    if agent and not names_a_date(agent.group("agent")) and could_be_owner(agent.group("agent")):
        return Found(agent.group("agent"), agent.group(0), 0.6)
    return None


_NAMED_LEAD_RE = re.compile(
    r"(?:(?P<who>[A-Z][^.;:]{2,70}?) (?:is|are) (?:responsible|accountable|leading (?:this|the)"
    r" work|leading on this|the lead)\b"
    r"|(?P<who2>[A-Z][^.;:]{2,70}?) (?:will lead|leads|is leading) (?:this|the work|it)\b"
    r"|(?i:responsible|lead) officer\s*:\s*(?P<who3>[A-Z][^.;]{2,70}))"
)


def lead_named(sentence: str) -> str | None:
    """The lead a sentence after an action names: "The ICB Director of Children's
    Commissioning is responsible.", "Responsible officer: Head of School Place Planning."."""
    named = _NAMED_LEAD_RE.match(sentence)
    who = named and (named.group("who") or named.group("who2") or named.group("who3"))
    return who.strip() if who and len(who.split()) <= 8 and could_be_owner(who) else None


_PASSIVE_AGENT_RE = re.compile(
    r"\b(?:[a-z]+ed|led|run|built|done|drawn|written)(?:\s+[a-z][\w'-]*|\s+in\s+[A-Z]\w+){0,3}?"
    r"\s+by\s+(?:our\s+)?"
    r"(?P<agent>(?:the\s+)?[A-Z][\w'\u2019&-]*"
    r"(?:\s+(?:[A-Z][\w'\u2019&-]*|(?:of|and|&|for)(?=\s+[A-Z]))){0,6})"
)
"""Work being done by someone named after "by": "A new tracker is being introduced by the
SEND Assessment Team" names "the SEND Assessment Team", as printed."""


_APPOSITIVE_RE = re.compile(
    r"^(?P<name>(?:Dr\.? |Cllr |Councillor )?[A-Z][\w'\u2019&-]*"
    r"(?: (?:[A-Z][\w'\u2019&-]*|of|and|for)){0,6}),"
    r" (?P<aside>(?:our |the |who is (?:our |the )?)?[^,]{3,80}), (?:will\s+(?!be\b|not\b)[a-z]+"
    r"|is\s+(?:now\s+|currently\s+|also\s+)?(?!being\b)[a-z]+ing\b)"
)
"""Who acts named before an aside between commas: "Dr Ann Lee, the Designated Clinical
Officer, will …" (or "… is leading …") names Dr Ann Lee; "SENDIASS, our free advice
service, will …" SENDIASS; a role and then its holder, "Head of SEND, Daniel Osei, will …",
both."""
_PERSON_RE = re.compile(r"(?:Dr\.? )?[A-Z][a-z'\u2019-]+(?: [A-Z][a-z'\u2019-]+){1,2}")
_TITLE_AFTER_RE = re.compile(r"\s*(?P<title>[A-Z][\w&/.' \u2013\u2014-]{1,60}?)\s*(?:[;)\]|]|$)")


_RAG_NOTE_RE = re.compile(
    r"(?i)(?:b?rag|rating)\s*[:=]?\s*[RAGB]|red|amber|green|blue|(?:not (?:yet )?|un)rated"
)


def _without_a_status(owner: str) -> str:
    """ "Jo Bell (complete)", "Jo Bell (RAG: A)" → "Jo Bell"; "Inclusion Lead (Early Years)"
    stays whole."""
    bracket = re.search(r"\s*\(([^()]*)\)$", owner)
    told = bracket.group(1) if bracket else ""
    if bracket and (normalise_status(told) or names_a_date(told) or _RAG_NOTE_RE.fullmatch(told)):
        return owner[: bracket.start()]
    return closing_status_tag(owner)[0]  # "Head of Inclusion ON TRACK"


def _title_after(text: str, end: int) -> str:
    """A lead label's owner cut at a comma goes on with the title after it ("(lead: Jo
    Bell, Head of Inclusion)"): ", Head of Inclusion"; nothing when a date follows."""
    if text[end - 1 : end] != ",":
        return ""
    title = _TITLE_AFTER_RE.match(text, end)
    if title is None:
        return ""
    words = re.split(r"\s+[\u2013\u2014]\s+", title.group("title"))[0]  # "English lead – by …"
    if split_owner_and_date(f"x, {words}")[1] is not None:
        return ""
    return f", {words.strip()}"


_BOXED_OWNER_RE = re.compile(
    r"\[(?P<who>[A-Z]{2,4}(?:\s*[/,&]\s*[A-Z]{2,4})*|[A-Z][a-z]+ [A-Z][a-z'\u2019-]+)\](?=\s|$)"
)
"""Initials or a name in square brackets after a task ("[RT]", "[MA/JB]", "[Jo Bell]");
not a tick box, a RAG letter or a bracketed status."""
_BOXED_ROLE_RE = re.compile(
    r"\[(?P<who>(?:[A-Z][\w'&-]*\s+){0,5}?(?:Head|Director|Chair)\s+of\s+[A-Z][\w'&-]*"
    r"(?:\s+(?:and|&|[A-Z][\w'&()-]*)){0,4}"
    r"|(?:[A-Z][\w'&()-]*\s+){0,5}(?:Lead|Leader|Manager|Officer|Director|Co-?ordinator|"
    r"Psychologist|Commissioner|Advis[eo]r|Consultant|Executive|Team|Service))\](?=\s|$)"
)
"""A job in square brackets after an item ("[Head of SEND] — done", "[Principal Educational
Psychologist]")."""
_STATUS_AFTER_RE = re.compile(r"\s*(?:remains?|is|are)\s+(?:on|off|behind|delayed)\b", re.I)
_GLUED_LABEL_RE = re.compile(r"^(?i:(?:agreed\s+)?actions?)(?=[A-Z][a-z])")
_GLUE_RE = re.compile(
    r"(?<=[a-z]{3})(?=[A-Z])|(?<=\d{2})(?=[A-Z])|(?<=[a-z]\.)(?=[A-Z0-9])"
    r"|(?<=[A-Z]{2})(?=(?:On|In|Not|Off|Delayed|Complete|Embedded|Ongoing|Behind|Closed)\b)"
)
"""Where a lost delimiter glued two cells: "reviewRachel", "2025/26LA", "five.Q3",
"ICBOn track"."""


def _without_glued_label(text: str) -> str:
    """ "Agreed actionsKate Doyle to …" → "Kate Doyle to …": a label a lost delimiter glued
    onto the item is not part of its owner."""
    match = _GLUED_LABEL_RE.match(text)
    return text[match.end() :] if match else text


# Imperatives and gerunds that open an action ("Recruit two psychologists to …"): the words
# before "to" are then the action, not its owner.
ACTION_VERBS = frozenset(
    """achieve add agree align appoint arrange assess audit begin build carry check circulate
    co-produce coproduce collect commission complete confirm consult continue create deliver
    design develop draft embed engage ensure establish evaluate expand explore extend
    facilitate finalise gather hold identify implement improve include increase introduce
    invite issue launch map meet monitor move offer open organise pilot plan prepare present
    produce promote provide publish put raise recruit redesign reduce refresh report request
    reset review revise roll run schedule secure send set share start strengthen submit
    support test train update undertake use write acknowledge adopt analyse attend bring
    clear close communicate consolidate convene coordinate co-ordinate cut define double
    enable encourage escalate find fund give halve invest keep maintain make measure notify
    procure rebuild recommission refer relaunch replace respond restructure sign signpost
    streamline take track transfer trial upskill visit widen work reach rewrite translate
    tender simplify upgrade digitise redraft re-launch""".split()
)


def opens_with_a_verb(text: str) -> bool:
    """The text starts as an action does, with its verb capitalised ("Start a travel …")."""
    first = text.split(" ", 1)[0]
    return first[:1].isupper() and first.lower() in ACTION_VERBS


"""Verbs that open an action ("Recruit two psychologists …", "Finalise the guide")."""
_FINITE = frozenset("is are was were has have had will be been remains remain".split())
_NOT_AGENTS = frozenset(
    "we our it its this that these those there they he she all each every work progress "
    "recruitment it's everyone a an".split()
)


def could_be_owner(owner: str) -> bool:
    """Whether words before "to" can name who does it: not an imperative or a gerund that
    opens the action, not a ref or a pronoun."""
    words = owner.split()
    if not words or re.match(r"^[\d(]", words[0]) or re.search(r"\bto\b", owner, re.I):
        return False
    first = words[0].lower()
    verb = first in ACTION_VERBS and not words[0].isupper()  # "SEND" is not "send"
    verb = (
        verb
        or any(  # "Advertise and recruit to …"
            a in {"and", "&"} and b in ACTION_VERBS for a, b in zip(words, words[1:], strict=False)
        )
    )
    if verb or first in _NOT_AGENTS or _FINITE & {w.lower() for w in words}:
        return False
    capitals = sum(1 for w in words if w[:1].isupper())
    return not (first.endswith("ing") and capitals < 2)


_AGENT_NOUNS = frozenset(
    """staff colleagues team teams service services board group groups officer officers lead
    leads manager managers head heads director directors panel forum partners partnership
    council authority trust providers commissioner commissioners coordinator coordinators
    co-ordinator co-ordinators adviser advisers advisor advisors chair psychologist
    psychologists nurses therapists caseworkers sencos headteachers schools colleges
    analyst network committee practitioners visitors workers hubs clinicians""".split()
)
_SUBJECT_VERB_RE = re.compile(
    r"^(?P<subject>(?:the\s+)?[A-Za-z][\w&'./-]*(?:\s+(?:[\w&'./-]+)){0,9}?)\s+"
    r"(?:will\s+(?!be\b|not\b)[a-z]+"
    r"|(?:is|are)\s+(?:now\s+|currently\s+|also\s+|jointly\s+|still\s+)?(?!being\b)[a-z]+ing\b"
    r"|(?:has|have)\s+agreed\s+to\b)",
    re.I,
)


_OPENING_WHEN_RE = re.compile(
    r"^(?:From|By|In|Since|During|Until|After|Before|Over)\s+(?P<when>(?:the\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Z][a-z]+(?:\s+\d{1,2})?(?:\s+20\d\d)?)\s*,?\s+"
    r"(?=(?:the\s+)?[A-Z])"
)
"""When the work happens, opening the sentence before its subject ("From 19 April the Travel
Assistance Team will …", "By March, the DCO will …")."""


_NAME_JOINERS = {"and", "the", "of", "for", "&"}


def sentence_subject(sentence: str) -> str | None:
    """The named agent of a sentence that says what it will do or is doing ("The Inclusion
    Team is writing …", "Rob Hale will report …", "Health visitors and nursery staff are
    completing …"); None for "We will …", for passives and for things ("The strategy will …")."""
    sentence = sentence.strip()
    when = _OPENING_WHEN_RE.match(sentence)
    if when and names_a_date(when.group("when")):
        sentence = sentence[when.end() :]  # "From 19 April the team …": "the team"
    match = _SUBJECT_VERB_RE.match(sentence)
    if not match:
        return None
    subject = match.group("subject").strip()
    words = subject.split()
    bare = words[1:] if words[0].lower() == "the" else words
    if not bare or not could_be_owner(" ".join(bare)):
        return None
    if any(w.lower() in {"and", "&", "of"} for w in bare[-1:]):
        return None
    if len(words) > 8 and any(w[:1].islower() and w not in _NAME_JOINERS for w in words):
        return None  # a long subject is a run of names ("… Forum and the SEND Assessment Team")
    named = any(w[:1].isupper() for w in bare[1:]) or any(len(w) > 1 and w.isupper() for w in bare)
    if named or bare[-1].lower() in _AGENT_NOUNS:
        return subject
    return None


def trailing_name(label: str) -> tuple[str, str | None]:
    """A label that ends with its lead's name ("Inclusion outreach – Dev Patel") → the label
    and the name."""
    labelled = _LEAD_LABEL_RE.search(label)
    if labelled:
        owner = labelled.group("owner")
        rest = label[labelled.end("owner") :]
        if re.fullmatch(r",\s*[A-Z][\w .'-]{2,40}", rest.rstrip(" .")):
            owner += rest.rstrip(" .")  # "Lead: Customer Relations Manager, Owen Frith"
        return label[: labelled.start()].strip(" –—-:,"), owner.strip(" .-")
    led = re.search(r",\s+led by\s+(?P<owner>[A-Z][\w .'()-]{2,60})$", label)
    if led:  # "Inclusion support for schools, led by Dr Hannah Reece"
        return label[: led.start()].strip(), led.group("owner").strip(" .")
    named = _DASHED_LEAD_RE.search(label)
    if named and (
        _ROLE_NOUN_RE.search(named.group("owner"))
        or _PERSON_RE.search(named.group(1))
        or _INITIALLED_NAME_RE.match(named.group(2))
    ):
        return label[: named.start()].strip(), named.group("owner")  # "– Jo Whitlock, DCO"
    bracketed = re.search(r"\s\((?P<owner>[^()]{4,60})\)$", label)
    if bracketed and _names_a_role_or_person(bracketed.group("owner")):
        return label[: bracketed.start()].strip(" –—-:"), bracketed.group(
            "owner"
        )  # "(Sunil Mehra)"
    role = _DASHED_ROLE_RE.search(label)
    if role and role.start() > 3:  # "Families find help early — Head of Early Help"
        return label[: role.start()].strip(), role.group("owner")
    match = _TRAILING_NAME_RE.search(label)
    if match and len(match.group("owner").split()) >= 2 and match.start() > 3:
        return label[: match.start()].strip(" –—-:"), match.group("owner")
    return label, None


def lead_in_owner(lead_in: str | None) -> str | None:
    """The subject of a colon lead-in ("The Board agreed to:" → "The Board")."""
    if not lead_in:
        return None
    match = _LEAD_IN_SUBJECT_RE.match(lead_in.strip())
    if not match:
        return None
    subject = match.group("subject").strip()
    if subject.lower() in {"we", "it", "they", "agreed actions", "actions"}:
        return None
    if subject.split()[-1].lower() in {"was", "were", "is", "has", "have", "had", "been"}:
        return None  # "It was agreed that:" names nobody
    return subject


@lru_cache(maxsize=4096)
def status_of_cell(text: str) -> Found | None:
    """A status cell's verdict ("In progress", "Delayed – recruitment"); a long cell that
    opens with its verdict keeps only that ("Not yet started, the post is …")."""
    status = normalise_status(text)
    if status is None:
        return None
    raw = text.strip()
    opening = re.match(rf"^(?:{_STATUS_WORDS})\b(?=\s*[,;.(\n])", raw, re.I)
    if opening and len(raw) > 40:
        raw = opening.group(0)
    return Found(status, raw, 0.9)


_STATUS_WORDS = (
    r"not yet started|not started|in progress|on track|off track|on target|on schedule|"
    r"completed?|closed|delayed|embedded|progressing|behind schedule|under ?way|at risk|"
    r"started|slipped|overdue|on hold|paused|achieved"
)
# Status phrases in a sentence, as printed: with the word that ties them to the work ("is
# delayed", "remains on target", "currently on track"), the most telling first.
_STATUS_SUFFIX_RE = Caseless(
    r"\((?:[^();]{1,30};)?"  # "(Nov 2025; complete)": the date, then the status
    rf"\s*(?P<phrase>(?:{_STATUS_WORDS})(?:\s+(?:from|since|until|to)\s+[^()]{{1,30}})?)\s*\)"
    r"\s*\.?\s*$"
)
_STATUS_PHRASE_RES = [
    Caseless(
        r"\b(?:(?:is|are)\s+)?(?:currently|remains?|still|now)?\s*(?:on (?:track|target|schedule)"
        r"|off track|behind schedule)\b"
        r"|\brunning\s+(?:[\w-]+\s+){0,3}(?:behind schedule|late)\b"
        r"|\b(?:is|are)\s+(?:now\s+|currently\s+|still\s+)?(?:delayed|complete|in progress"
        r"|not yet started|under ?way|embedded|ongoing)\b"
    ),
    Caseless(
        r"\b(?:has|have)\s+(?:now\s+)?(?:slipped|been delayed|been completed|not yet started"
        r"|started|begun)\b|\bis\s+due\s+to\s+start\b|\bunder ?way\b|\bnot yet started\b"
    ),
    Caseless(  # "… is in testing", "has been paused until …", "is progressing well"
        r"\b(?:is|are)\s+(?:now\s+)?in\s+(?:testing|development|design|consultation)\b"
        r"|\b(?:has|have)\s+been\s+(?:paused|put on hold)\b"
        r"|\b(?:is|are)\s+progressing(?:\s+well)?\b"
        r"|\b(?:remains?|is\s+still)\s+open\b"
    ),
    Caseless(  # "… posts delayed to September", "launch deferred from May", "slipping"
        r"\b(?:delayed|deferred|slipped|postponed)(?=\s+(?:to|from|until|by)\b)|\bslipping\b"
        r"|\bwill\s+(?:now\s+)?slip(?:\s+(?:into|to|until)\s+[a-z]\w+)?"
    ),
]
_STATUS_LABEL_RE = Caseless(r"\bstatus\s*[:=]\s*(?P<phrase>[^;,.()\[\]]{2,40}?)\s*(?:[;,.)\]]|$)")
_BRACKET_STATUS_RE = Caseless(
    rf"^\s*\[\s*(?P<phrase>(?:{_STATUS_WORDS}|done|slipped)|[\u2713\u2714])\s*\]"
    rf"|[\[(]\s*(?P<closing>(?:{_STATUS_WORDS}|done|delivered))\s*[\])]\s*\.?\s*$"  # "… (done)"
    r"|^\s*(?P<tick>[\u2713\u2714\u2705\u2611])\s"  # "✅ Launch …"
    r"|\s(?P<end>[\u2713\u2714\u2705\u2611])(?:\s*(?:done|complete[d]?))?\s*\.?\s*$"  # "… ✓"
)


_ENCLOSED_STATUS_RE = Caseless(
    rf"[\[(]\s*(?P<enclosed>{_STATUS_WORDS})\s*[\])]"
    rf"|\s[\u2013\u2014-]\s+(?P<dashed>{_STATUS_WORDS})\s*(?=[\u2013\u2014-]\s|\()"
)
"""A status on its own in brackets or between dashes, with the lead after it ("… published
[delayed] Owner: …", "… in place – complete – SEN Manager")."""
_STATUS_GROUPS = ("phrase", "closing", "tick", "end", "enclosed", "dashed")


def enclosed_status(text: str) -> str | None:
    match = _ENCLOSED_STATUS_RE.search(text)
    return (match.group("enclosed") or match.group("dashed")) if match else None


_VERDICT_RE = re.compile(r"(?i)\b(?:on|off) (?:track|target|schedule)|behind|delayed")


def find_status(text: str) -> Found | None:
    """A status stated in a sentence: a suffix ("(delayed from April)"), a phrase ("remains on
    target", "has slipped", "is now embedded"), or else a tense ("is being developed")."""
    _, tag = closing_status_tag(text)
    if tag is not None:
        found = _status_found(tag, 0.85)
        if found:
            return found
    suffix = (
        _STATUS_SUFFIX_RE.search(text)
        or _BRACKET_STATUS_RE.search(text)
        or _STATUS_LABEL_RE.search(text)
        or _ENCLOSED_STATUS_RE.search(text)
    )
    if suffix:
        groups = suffix.groupdict()
        phrase = next((groups[name] for name in _STATUS_GROUPS if groups.get(name)), "")
        found = _status_found(phrase, 0.8)
        if found:
            return found
    tail = row_tail(text)
    if tail.status:
        found = _status_found(tail.status, 0.8)  # a cell of its own: "… – Lead – Done"
        if found:
            return found
    for pattern in _STATUS_PHRASE_RES:
        matches = list(pattern.finditer(text))
        # "… is under way; … the posts remain on track to start in April": the verdict
        verdict = next((m for m in matches if _VERDICT_RE.search(m.group(0))), None)
        phrase_match = verdict or (matches[0] if matches else None)
        if phrase_match is not None:
            found = _status_found(phrase_match.group(0).strip(), 0.75)
            if found:
                return found
    phrase = find_status_phrase(text)
    if phrase is not None:
        return _status_found(phrase, 0.75)
    for pattern, value in _TENSE_STATUS:
        match = pattern.search(text)
        if match:
            return Found(value, match.group(0), 0.6)
    return None


_CLAUSE_STATUS_RE = re.compile(
    r"(?P<status>delayed|slipped|complete|completed|done|in progress|on track|not started|"
    r"paused|on hold)\s*(?=[;,.:\u2013\u2014(]|$)",
    re.I,
)
_WORD_BEFORE_RE = re.compile(r"(\S+)?\s*[\u2013\u2014-]?\s*$")
"""The word before a status, past the spaces and the dash between ("Restructure – delayed")."""
_NOT_A_STATE_RE = re.compile(
    r"(?i)^(?:to|will|be|been|being|must|should|can|could|would|get|got|gets|getting|it|them|this|that|everything)$"
)


def clause_status(text: str) -> Found | None:
    """A status word closing a clause of a progress item ("Restructure delayed – consultation
    extended to 2 May", "AP framework — slipped; report now in June", "Spring edition
    published, complete."), not the work to come ("… on target to complete")."""
    for match in _CLAUSE_STATUS_RE.finditer(text):
        before = _WORD_BEFORE_RE.search(text, 0, match.start())
        if _NOT_A_STATE_RE.match((before.group(1) if before else None) or ""):
            continue
        return _status_found(match.group("status"), 0.6)
    return None


def _status_found(phrase: str, confidence: float) -> Found | None:
    if phrase in TICKS:
        return Found("complete", phrase, confidence)
    if len(phrase) == 1 and phrase in STATUS_MARKS:
        return Found("", phrase, confidence)  # "►": a mark the document's key explains
    lowered = phrase.lower()
    if "due to start" in lowered or "not yet started" in lowered:
        return Found("not_started", phrase, confidence)
    status = normalise_status(phrase)
    return Found(status, phrase, confidence) if status else None


_TENSE_STATUS = [
    (
        Caseless(r"\b(?:has|have|had) not (?:yet )?(?:started|begun)\b"),
        "not_started",
    ),
    (
        Caseless(
            r"\b(?:is|are) (?:now )?(?:being \w+ed|under way|underway|taking place)\b"
            r"|\b(?:has|have) (?:now )?(?:started|begun)\b"
        ),
        "in_progress",
    ),
]


@dataclass(frozen=True)
class RowTail:
    """The cells a flattened table row ends with, after its action text: owner, date, status,
    RAG ("… by families March 2025 Head of SEND On track", "… D. Yardley 23.03.25 Blue")."""

    owner: str | None = None
    status: str | None = None
    rag: str | None = None
    start: int | None = None
    """Where the cells start in the text (its owner's or its date's first character)."""


_LEAD_RATING_RE = re.compile(
    r"\b(?:lead|owner|led by)\s*[:\u2013\u2014-]\s*"
    r"(?P<owner>[A-Z\d][^\u2190-\u21ff%;()\[\]]{1,70}?)\s+"
    r"(?=(?-i:RED|AMBER|GREEN|BLUE)\b|[\u2190-\u21ff\u2b06\u2b07\u27a1]|\d{1,3}\s?%)"
    r"(?:(?P<colour>(?-i:RED|AMBER|GREEN|BLUE))\b\s*)?"
    r"(?:[\u2190-\u21ff\u2b06\u2b07\u27a1]\ufe0f?\s*)?"
    r"(?P<percent>\d{1,3}\s?%)?"
    r"\s*(?:[\u2013\u2014-]\s*)?(?P<note>\S.*?)?[.\s]*$",
    re.I,
)
"""A lead's own rating after the lead's name, as a roadmap prints it: "… Lead: Family Hubs
Manager AMBER → 50% – two workshops left": the colour in capitals, an arrow for the
direction of travel, how much is done, a note."""


_NOTE_STATUS_RE = re.compile(
    r"(?:done|complete[d]?|finished|delivered|in place|signed off)(?:\s+and\s+[a-z]+ed)?\b", re.I
)
"""A note that opens with its status ("done and published on the Local Offer")."""


def lead_rating(text: str) -> RowTail:
    """The lead, status and RAG of an item closed by its lead's rating (``_LEAD_RATING_RE``):
    the percentage done is the status, else a status the note states."""
    match = _LEAD_RATING_RE.search(text)
    if match is None or not (
        match.group("colour") or match.group("percent") or match.group("note")
    ):
        return RowTail()
    status = match.group("percent")
    note = match.group("note") or ""
    if status is None and note:
        found = find_status(note)
        opening = _NOTE_STATUS_RE.match(note)
        status = found.raw if found else opening.group(0) if opening else None
    colour = match.group("colour")
    return RowTail(
        match.group("owner").strip(), status, read_rag(colour) if colour else None, match.start()
    )


_TAIL_RAG_RE = re.compile(
    r"(?:^|\s)(?P<rag>(?i:red|amber|yellow|green|blue))\s*$"
    rf"|\s(?i:{_STATUS_WORDS})\s+(?P<letter>[RAGB])\s*$"
)
"""A RAG colour ending the row, or its letter right after a status ("… On track G")."""
_TAIL_STATUS_RE = re.compile(rf"(?:^|\s)(?P<status>(?i:{_STATUS_WORDS}))\s*$")
_DASH = r"\s[\u2013\u2014-]\s*"
_DASH_STATUS_RE = re.compile(
    rf"(?:{_DASH}(?i:status\s*:\s*)?|\s\((?=[^()]+\)\s*$))"  # "– Status: on track", "(delayed)"
    rf"(?P<status>(?:[\u2713\u2714\u2717\u2718]\s*)?(?i:{_STATUS_WORDS}|done|missed)"
    r"|[\u2713\u2714\u2717\u2718])\)?\s*$"
)
_MARK_AFTER_BRACKET_RE = re.compile(
    rf"(?<=\))\s*(?P<status>[{STATUS_MARKS}])"
    r"(?:\s+[^()]{1,80})?$"
)
"""A roadmap's mark after the bracketed lead, and any note after it ("… (Head of SEND) \u2713
both in post from 5 January")."""
_NAME_TOKEN = (
    r"(?:[A-Z][\w'&.-]*|\d+(?:-\d+)?|of|and|&|for|/"
    r"|team|lead|officer|manager|group|service|services)"  # "Dev / Digital team"
)
_OWNER_ENDING_RE = re.compile(
    rf"(?:{_DASH}(?P<owner>[A-Z][\w'&.-]*(?:\s+{_NAME_TOKEN}){{0,5}}(?:\s\([A-Z][^()]{{0,30}}\))?)"
    rf"|\s\((?P<bracketed>[A-Z][\w'&.-]*(?:,?\s+(?:[\u2013\u2014]\s+)?{_NAME_TOKEN}){{0,11}})\))\s*$"
)
_OWNER_RUN_RE = re.compile(rf"(?:^|\s)(?P<owner>[A-Z][\w'&.-]*(?:,?\s+{_NAME_TOKEN}){{0,6}})$")
"""The capitalised words ending a text: "Assistant Director, Education and Inclusion"."""
_UNDATED_RE = re.compile(r"(?:^|\s)(?P<word>Ongoing|TBC|TBD|Monthly|Termly|Weekly)$")
_TAIL_CHARS = 120


@lru_cache(maxsize=2048)
def row_tail(text: str) -> RowTail:
    """The owner, status and RAG cells at the end of a row whose delimiters were lost; empty
    unless a date (or "Ongoing") sits among them, which is what marks them as cells.
    Remembered for the last texts read: the owner, status and RAG finders each ask."""
    rest = _GLUE_RE.sub(" ", text.strip().rstrip(".")).strip()
    rag = status = None
    match = _TAIL_RAG_RE.search(rest)
    if match:
        colour = match.group("rag") or match.group("letter")
        rag = read_rag(colour)
        rest = rest[: match.start("letter") if match.group("letter") else match.start()].rstrip()
    dashed = _DASH_STATUS_RE.search(rest) or _MARK_AFTER_BRACKET_RE.search(rest)
    match = dashed or _TAIL_STATUS_RE.search(rest)
    if match:
        status, rest = match.group("status"), rest[: match.start()].rstrip()
    ending = _OWNER_ENDING_RE.search(rest)
    owner = ending and (ending.group("owner") or ending.group("bracketed"))
    if (
        ending
        and owner
        and _WORD_RE.search(owner)
        and _date_at_end(owner) != 0  # "… – May 2025 [Amber]": a date cell, nobody
        and _names_someone(rest[: ending.start()], owner)
    ):
        start = ending.start()  # "… – Head of SEND", "… (QA Lead)"
        before = _DASH_STATUS_RE.search(rest[:start]) if status is None else None
        if before is not None:  # "… – not achieved, now March (Annual Review Manager)"
            status, start = before.group("status"), before.start()
        return RowTail(owner, status, rag, start)
    date_start = _date_at_end(rest)
    if date_start is not None:  # "… owner date [status]"
        if _SENTENCE_DATE_RE.match(rest[date_start:]):  # "… to the Board by the end of March"
            return RowTail(None, status, rag, len(rest)) if status or rag else RowTail()
        return _owner_before(rest, date_start, status, rag)
    date_end = _last_date(rest[-_TAIL_CHARS:])
    if not (status or rag):
        return _status_cell_after_a_date(rest)
    if date_end is None:  # "… with the parent carer forum - complete": its status alone
        return RowTail(None, status, rag, len(rest)) if dashed and status else RowTail()
    after = rest[-_TAIL_CHARS:][date_end:].strip()  # "… date owner status"
    if after and len(after.split()) <= 8 and not re.search(r"[.;:,]", after):
        return RowTail(_tidy_owner(after), status, rag)
    return RowTail(None, status, rag)


def _owner_before(text: str, date_start: int, status: str | None, rag: str | None) -> RowTail:
    """The owner cell ending the text before its date cell, and where the cells start."""
    before = text[:date_start].rstrip()
    owner_run = _OWNER_RUN_RE.search(before)
    owner = _tidy_owner(owner_run.group("owner")) if owner_run else None
    start = before.rindex(owner) if owner and owner in before else date_start
    return RowTail(owner, status, rag, start)


_STATUS_CELL_RE = re.compile(rf"\s(?=[A-Z])(?P<status>(?i:{_STATUS_WORDS}))\b")
_LAST_LETTER_RE = re.compile(r"\s(?P<letter>[RAGB])$")


def _status_cell_after_a_date(text: str) -> RowTail:
    """A progress cell that opens with its verdict and goes on ("… Head of SEND July 2026 In
    progress. 47% in the quarter (31% before) A"), right after the date cell: the status is
    the whole cell, a lone letter after it the RAG."""
    for match in _STATUS_CELL_RE.finditer(text, max(0, len(text) - 300)):
        date_start = _date_at_end(text[: match.start()].rstrip())
        if date_start is None:
            continue
        status = text[match.start() :].strip()
        letter = _LAST_LETTER_RE.search(status)
        rag = read_rag(letter.group("letter")) if letter else None
        if letter:
            status = status[: letter.start()].rstrip()
        return _owner_before(text, date_start, status, rag)
    return RowTail()


def row_cells_start(text: str) -> int | None:
    """Where a flattened row's owner, date, status and RAG cells start in ``text``, or None
    when it ends with none: the action's own words end there."""
    tail = row_tail(text)
    if tail.start is None or not (tail.owner or tail.status or tail.rag):
        return None
    unglued = _GLUE_RE.sub(" ", text.strip().rstrip(".")).strip()
    offset = len(text) - len(text.lstrip())
    position = 0
    for char in unglued[: tail.start]:  # the spaces the glue rule put in are not in text
        if position < len(text) - offset and text[offset + position] == char:
            position += 1
        elif char != " ":
            return None
    return offset + position


_SENTENCE_DATE_RE = re.compile(
    r"(?i:by|in|before|until|during|from|at|for|over|throughout|starting|between|and|"
    r"no later than)\s"
)


_BRACKET_END_RE = re.compile(
    r"\((?P<inner>[^()]{3,80})\)"
    r"(?P<after>\s*[,;]?\s*(?:[\u2013\u2014-]\s*)?(?:by|before|in|from)\s+[^()]{3,30})?\s*\.?\s*$"
)


_INNER_REF_RE = re.compile(
    r"(?<![Ss]ee )\((?P<ref>[A-Z]{0,3}\d{1,2}\.\d{1,2}[a-z]?)\)(?=[\s,;.]|$)"
)
"""A plan's number in brackets inside the action's sentence ("… by 27 February (1.2), and
this is on track"), not a cross-reference ("see (3.2)")."""
_BRACKET_REF_RE = re.compile(
    r"^(?P<ref>[A-Z]{1,3}\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?)\s*[\u2013\u2014-]\s*(?P<rest>\S.*)$"
)
"""A minuted decision's ref opening its closing bracket: "(A3.1 – Sarah Lindqvist, 31/05)"."""
_CLOSING_OWNER_RE = re.compile(r"[.;]\s+(?P<tail>[A-Z][^.;]{2,80}?)\.?\s*$")
"""The last sentence of an action naming only who and when: "… members. Aisha Rahman, by the
end of May 2026."."""


def _bracketed_owner(text: str) -> str | None:
    """The lead in a closing bracket with the date after it ("(Sam Patel, 22 May)", "(A3.1 –
    Sam Patel, 22 May)")."""
    bracket = _BRACKET_END_RE.search(text)
    if bracket is None:
        return None
    inner = bracket.group("inner")
    numbered = _BRACKET_REF_RE.match(inner)
    owner, date_text = split_owner_and_date(numbered.group("rest") if numbered else inner)
    owner = re.sub(r",\s+[a-z].*$", "", owner)  # "Jo Bell, for the June Board": Jo Bell
    after = bracket.group("after")
    if after and not names_a_date(after.strip(" ,;\u2013\u2014-")):
        return None
    words = re.findall(r"\w\S*", owner)  # "Head of Adult Social Care – Transitions": six
    if (date_text or after) is None or not owner[:1].isupper() or len(words) > 6:
        return None
    return owner if could_be_owner(owner) and not names_a_date(owner) else None


def owner_set_off(text: str) -> Found | None:
    """An owner set off less plainly than ``find_owner`` reads: the role an item is
    addressed to before a colon ("SENCO Network Lead: write to all schools …"), a role
    with a comma before "to" ("Assistant Director, Education to set up …"), or a bracketed
    lead followed only by the item's status ("… (Head of Commissioning) – still open")."""
    addressed = _addressed_owner(text)
    if addressed:
        return Found(addressed, addressed, 0.7)
    comma = _COMMA_ROLE_RE.match(text)
    if comma and could_be_owner(comma.group("owner")):
        return Found(comma.group("owner"), comma.group("owner"), 0.7)
    bracket = _BRACKET_THEN_STATUS_RE.search(text)
    if bracket and _status_follows(bracket.group("after")):
        who = _role_named(bracket.group("who").strip())
        return Found(who, who, 0.7) if who else None
    dashed = dashed_lead(text)
    return Found(dashed, dashed, 0.7) if dashed else None


_DASHED_LEAD_AND_DATE_RE = re.compile(
    r"\s[\u2013\u2014-]\s+(?P<who>[^\u2013\u2014,;()]{2,40}?),\s*(?P<when>[^,;\u2013\u2014]{2,20}?)\.?$"
)
_INITIALS_RE = re.compile(r"[A-Z]{2,4}(?:\s*[/&]\s*[A-Z]{2,4})*")


def dashed_lead(text: str) -> str | None:
    """The lead a step closes with after a dash, before its month ("… – LP/DK, Mar", "…
    – Head of SEND, Q4"): initials, a job or a person, never a date."""
    dashed = _DASHED_LEAD_AND_DATE_RE.search(text)
    if dashed is None or not names_a_date(dashed["when"]):
        return None
    who = dashed["who"].strip()
    named = _INITIALS_RE.fullmatch(who) is not None or _names_a_role_or_person(who)
    return who if named and not names_a_date(who) and could_be_owner(who) else None


_ADDRESSED_RE = re.compile(r"^(?P<owner>[A-Z][\w'\u2019&/., -]{1,60}?):\s+(?P<verb>[a-z]+)\s")


def _addressed_owner(text: str) -> str | None:
    """Who an item is addressed to, before a colon and an imperative ("ICB Associate Director
    for Children: confirm the date …"), not a label ("Update: review …" names no one)."""
    addressed = _ADDRESSED_RE.match(text)
    if addressed is None or addressed.group("verb") not in ACTION_VERBS:
        return None
    owner = addressed.group("owner").strip()
    words = owner.replace(",", " ").split()
    agent = any(word.lower() in _AGENT_NOUNS for word in words)
    named = (agent or _names_a_role_or_person(owner)) and len(words) <= 8
    return owner if named and could_be_owner(owner) and not names_a_date(owner) else None


_COMMA_ROLE_RE = re.compile(
    r"^(?P<owner>[A-Z][\w&'/.-]*(?:\s+(?:and|&|of|for|the|[A-Z][\w&'/.-]*)){0,4},"
    r"(?:\s+[A-Z][\w&'/.-]*){1,3})\s+to\s+(?=[a-z])(?!be\s)"
)
_BRACKET_THEN_STATUS_RE = re.compile(r"\s\((?P<who>[^()]{4,60})\)(?P<after>[^()]+)$")
_STATUS_AFTER_BRACKET_RE = re.compile(r"^\s*[\u2013\u2014-]\s+(?P<status>[^,;.]{3,40})")


def _status_follows(after: str) -> bool:
    """Whether the words after a closing bracket are the item's status ("– still open …")."""
    told = _STATUS_AFTER_BRACKET_RE.match(after)
    return told is not None and normalise_status(told.group("status")) is not None


def _bracketed_role(text: str) -> str | None:
    """A job title or a person's name in the bracket ending an item ("… steering group
    (Chair of the Executive)"), not an abbreviation, a date or a status."""
    bracket = re.search(r"\s\((?P<who>[^()]{4,60})\)\.?$", text)
    return _role_named(bracket.group("who").strip()) if bracket else None


def _role_named(who: str) -> str | None:
    """The words in a bracket when they name a job or a person, not an abbreviation, a
    date or a status."""
    named = _names_a_role_or_person(who) or _TITLE_START_RE.match(who) is not None
    if not named or names_a_date(who) or normalise_status(who) is not None:
        return None
    return who if who[:1].isupper() and could_be_owner(who) else None


def _names_a_role_or_person(words: str) -> bool:
    """Words in a closing bracket that name a job ("Inclusion Manager") or a person ("Sunil
    Mehra"), not an abbreviation's letters or a note."""
    return _ROLE_NOUN_RE.search(words) is not None or _PERSON_RE.fullmatch(words) is not None


def _closing_owner(text: str) -> str | None:
    """The lead named, with the date, in a last sentence of their own ("… re-test it with the
    forum. Aisha Rahman with Owen Price, September 2026."): the first name given."""
    closing = _CLOSING_OWNER_RE.search(text)
    if closing is None:
        return None
    owner, date_text = split_owner_and_date(closing.group("tail"))
    owner = re.split(r"\s+with\s+", owner)[0]
    if date_text is None or len(owner.split()) > 6 or names_a_date(owner):
        return None
    return owner if could_be_owner(owner) else None


def _names_someone(before: str, owner: str) -> bool:
    """Whether the words ending an item ("… – HoPI", "… (QA Lead)") name its lead rather than
    a date, a status, a ref ("(A15)") or an abbreviation's letters ("Designated Clinical
    Officer (DCO)")."""
    if names_a_date(owner) or normalise_status(owner) is not None or owner in {"ASAP", "TBC"}:
        return False
    if re.fullmatch(r"[A-Z]{1,4}[-.]?\d+(?:\.\d+)*", owner):
        return False
    if not re.fullmatch(r"[A-Z]{2,6}", owner):
        return True
    capitals = [w[0] for w in re.findall(r"[A-Za-z]+", before)[-len(owner) - 2 :] if w[0].isupper()]
    return owner not in "".join(capitals)


def _date_at_end(text: str) -> int | None:
    """Where a date phrase (or "Ongoing") that ends the text starts, or None."""
    undated = _UNDATED_RE.search(text)
    if undated:
        return undated.start("word")
    tail = text[-_TAIL_CHARS:]
    offset = len(text) - len(tail)
    for match in _date_phrases(tail):
        if match.end() == len(tail) and names_a_date(match.group(0)):
            return offset + match.start()
        if match.end() == len(tail) and re.search(r"\d", match.group(0)):
            return offset + match.start()
    return None


def _last_date(text: str) -> int | None:
    """Where the last date phrase in the text ends, or None."""
    end = None
    for match in _date_phrases(text):
        if re.search(r"\d|term", match.group(0), re.I):
            end = match.end()
    undated = list(re.finditer(r"\b(?:Ongoing|TBC|TBD)\b", text))
    if undated and (end is None or undated[-1].end() > end):
        end = undated[-1].end()
    return end


_WORD_RE = re.compile(r"[A-Za-z]{2}")


def _tidy_owner(owner: str) -> str | None:
    """An owner run without the joining words it may start with; None where a name repeats,
    which is a list of people (an attendance line), not a lead cell."""
    words = owner.strip(" -\u2013/").split()
    if not _WORD_RE.search(owner):
        return None  # ")" or "G": what is left of a bracket or a RAG letter, not a name
    while words and words[0].lower() in {"of", "and", "&", "for", "/", "the"}:
        words = words[1:]
    if not words or words[-1].lower() in {"of", "and", "&", "for"} or names_a_date(words[0]):
        return None  # "… between February and April": a date's words, not a lead
    if not words[0][:1].isupper():
        return None  # "… by September 2026 – early figures show this is on track": a clause
    named = [w for w in words if w[:1].isupper()]
    if len(named) != len(set(named)):
        return None
    person = _INITIAL_SURNAME_RE.search(" ".join(words))
    if person:  # "… to the SEND Partnership Board N. Kowalczyk": the lead is the person
        return person.group(0)
    run = " ".join(words)
    role = list(_ROLE_START_RE.finditer(run))
    if role and len(run[: role[-1].start()].split()) >= 2:  # "… Partnership Board Head of …"
        return run[role[-1].start() :]
    return " ".join(words) or None


_MENTION_RE = re.compile(r"(?:^|\s)@(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})")
"""A person mentioned in a wiki's or a chat's task: "… @Asha Patel (due 2026-03-31)"."""
_HANDLES_RE = re.compile(
    r"(?:^|\s)(?P<handles>@(?!(?:owner|name|handle|lead|user|person|someone)\b)[a-z][\w.-]*\w"
    r"(?:\s+@[a-z][\w.-]*\w)*)(?=\s|$)"
)
"""Users a repository's task names by handle ("@hollie.p", "@dev.kaur @finance-bp"); not a
format's placeholder ("task – @owner – due")."""
_ROLE_START_RE = re.compile(r"\b(?:Head|Director|Chair|Assistant Director) of\b")
_INITIAL_SURNAME_RE = re.compile(r"\b[A-Z]\.\s?[A-Z][a-z'-]+(?:[- ][A-Z][a-z'-]+)?$")


def find_rag(text: str, *, cell: bool = False) -> Found | None:
    """A RAG colour stated for the item: a RAG cell, a "[R]" / "RAG: Amber" tag, or the
    colour cell that ends a flattened row. Yellow is amber."""
    if cell:
        rag = read_rag(text)
        return Found(rag, text.strip(), 0.95) if rag else None
    tag = rag_tag(text)
    if tag:
        rag = read_rag(tag[0])
        return Found(rag, tag[1], 0.85) if rag else None
    circle = the_circle(text)
    if circle is not None:  # "… (due 2026-03-31) 🟠": a wiki's or a board's coloured circle
        return Found(RAG_CIRCLES[circle], circle, 0.85)
    tail = row_tail(text)
    return Found(tail.rag, tail.rag, 0.7) if tail.rag else None


_STATUS_TAG_RE = re.compile(
    r"\s*\((?P<status>[A-Za-z][\w ,'\u2019-]{1,40}?)\s*[\u2013\u2014-]\s*"
    r"(?P<rag>[RAGB]|(?i:red|amber|green|blue))\)\s*\.?\s*$"
)


def status_tag(text: str) -> tuple[str, Found | None, Found | None]:
    """An item ending with its status and RAG in brackets ("… by April 2026 (on track –
    G)."): its words without the tag, the status and the RAG; the text unchanged and two
    Nones where it does not."""
    match = _STATUS_TAG_RE.search(text)
    if match is None or match.start() == 0:
        return text, None, None
    phrase = match.group("status")
    status = normalise_status(phrase)
    rag = read_rag(match.group("rag"))
    if status is None or rag is None:
        return text, None, None
    return text[: match.start()], Found(status, phrase, 0.85), Found(rag, match.group("rag"), 0.85)


_LOG_REF_RE = re.compile(
    r"^\s*(?i:ref|item)\.?\s*(?i:no\.?\s*)?(?P<ref>[A-Z]{0,3}\d{1,4}(?:[./-]\d{1,4}){0,2}[a-z]?)"
    r"\s*[\u2013\u2014:-]?\s+(?=\S)"
)
"""A log's ref, named so ("Ref 26/07 – …", "Item no. 12: …")."""


_CODE_REF_RE = re.compile(
    r"^\s*(?P<ref>(?:[A-Z]{2,5}|[A-Z]{1,4}\d{1,2})-\d{1,4}[a-z]?)[.:]?\s+(?=[A-Z])"
)
"""An action log's code opening its entry ("CLE-031 The self-evaluation will …", "P1-02
Recruit …": priority 1's second)."""
_ISSUE_REF_RE = re.compile(r"^\s*(?P<ref>#\d{1,6})[.:]?\s+(?=\S)")
"""An issue tracker's number opening an issue's title ("#107 Roll out …")."""
_CLOSING_REF_RE = re.compile(
    r"\s*[\[(](?:(?i:action(?:\s+log)?|ref(?:erence)?|log|ap)\s*(?i:no\.?)?\s*[:#]?\s*"
    r"(?P<numbered>[A-Z]{0,5}[-/]?\d{1,4}(?:[./-]\d{1,4}){0,2}[a-z]?)"
    r"|(?P<coded>[A-Z]{1,5}-?\d{1,4}(?:[./-]\d{1,4}){0,2}[a-z]?))[\])]\s*\.?$"
)
"""A ref tagging the end of an entry: "[CLE-034]", "(Action log 118)", "(ref: M/24/09)"."""


def closing_ref(text: str) -> tuple[str, Found] | None:
    """The entry's words and the ref tagging its end ("… within 6 weeks [CLE-035]"), or
    None when it ends with none."""
    match = _CLOSING_REF_RE.search(text)
    if match is None or match.start() == 0:
        return None
    ref = match["numbered"] or match["coded"]
    return text[: match.start()].rstrip(" ,;"), Found(ref, match.group(0).strip(), 0.8)


def find_ref(text: str) -> Found | None:
    """A ref printed at the start of an item ("1.2", "A3", "Action 2.3:", "Ref 26/07 –")."""
    match = (
        _LABELLED_REF_RE.match(text)
        or _BRACKETED_REF_RE.match(text)
        or _REF_RE.match(text)
        or _LOG_REF_RE.match(text)
        or _CODE_REF_RE.match(text)
        or _ISSUE_REF_RE.match(text)
        or GLUED_REF_RE.match(text)
    )
    if not match:
        bracket = _BRACKET_END_RE.search(text)
        numbered = _BRACKET_REF_RE.match(bracket.group("inner")) if bracket else None
        if numbered:
            return Found(numbered.group("ref"), numbered.group(0), 0.75)
        inside = _INNER_REF_RE.findall(text)
        return Found(inside[0], f"({inside[0]})", 0.6) if len(inside) == 1 else None
    if re.fullmatch(r"20\d\d", match.group("ref")):
        return None
    return Found(match.group("ref"), match.group(0), 0.8)


# --- a row flattened under a header printed with single spaces --------------------------------

_FLAT_REF_RE = re.compile(r"^(?P<ref>[A-Z]{0,3}\d+(?:\.\d+)*[a-z]?)\s+(?=\S)")
"""The ref opening a flattened row ("1.2 Introduce …", "A3 Review …")."""
_FLAT_RAG_RE = re.compile(r"(?:^|\s)(?P<rag>(?i:red|amber|yellow|green|blue)|R|A|G|B)$")
_NAME_RUN_RE = re.compile(
    r"(?:^|(?<=[a-z0-9.;:)])\s)(?P<run>[A-Z][\w'’&.()/-]*(?:,?\s+(?:[A-Z(][\w'’&.()/-]*"
    r"|of|and|&|for|the|with|/|[a-z]+(?=,)|[a-z]+(?=\s+[A-Z])))*(?:\s+[a-z]+){0,2}"
    r"(?:,\s+\S+(?:\s+\S+){0,3})*)$"
)
"""The names ending the text before a date cell: the lead (and the partners after a comma,
"ICB, community paediatrics, CAMHS") after the action."""
_OBJECT_WORDS = frozenset({"the", "to", "with", "for", "of", "and", "by", "at", "each", "every"})
_ORGANISATION = r"(?:Board|Forum|Panel|Group|Council|Service|Committee|Network|Partnership)"
_ORGANISATION_END_RE = re.compile(rf"\b{_ORGANISATION}(?:\s+{_ORGANISATION})*\b(?!\s+(?:of|for)\b)")
"""The end of the body named as the action's object ("… to the SEND Partnership Board"),
before the lead's name starts."""
_TITLE_START_RE = re.compile(
    r"\b(?:(?:Head|Director|Chair) of|(?:Assistant|Deputy|Service) Director|Designated|Principal)\b"
)
"""Where a job title starts, in a run of names the action's last words may open."""
_ONE_WORD_DEPARTMENT_RE = re.compile(
    r",\s+[A-Z][a-z][\w'’]*(?=\s+(?:(?:Head|Director|Chair) of|(?:Assistant|Deputy) Director"
    r"|Designated|Principal)\b)"
)
"""A one-word department after a job title, before the next title ("Assistant Director,
Inclusion Designated Clinical Officer")."""
_DEPARTMENT_RE = re.compile(r",\s+[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)?\s+(?:and|&)\s+[A-Z][\w'’]*")
_ROLE_NOUN_RE = re.compile(
    r"\b(?:Lead|Leader|Manager|Officer|Director|Co-?ordinator|Psychologist|Commissioner|"
    r"Advis[eo]r|Consultant|Nurse|Paediatrician|Therapist|SENCO|Chair|Clinician|Partner)"
    r"(?!\s+(?:of|for|Network|Forum|Team|Service|Group|Board|Panel)\b)\b"
)
"""A word that ends a job title ("Inclusion Manager"): the lead ends there, partners follow
(not "SENCO Network", a partner's name)."""


def opens_flat_row(text: str) -> bool:
    return _FLAT_REF_RE.match(text.strip()) is not None


_RAG_AFTER_STATUS_RE = re.compile(
    rf"(?i:{_STATUS_WORDS})\s+(?:Red|Amber|Green|Blue|[RAGB])(?:\s|$)"
)
"""A row's status and RAG cells side by side ("… Complete Blue Handbook used …"): the row
has reached its last cells, though its date cell held no date."""


def flat_row_done(text: str, roles: list[str | None]) -> bool:
    """Whether a flattened row has reached its last cell: a row wraps until it does."""
    last = roles[-1] if roles else None
    text = text.strip()
    past_rag = "rag" in roles[:-1] and _RAG_AFTER_STATUS_RE.search(text) is not None
    if "due" in roles[:-1] and _date_cell(text, after_names=True) is None and not past_rag:
        return False  # "1.4 Agree a protocol …" / "from school nursing …": its date is to come
    if last == "rag":
        return _FLAT_RAG_RE.search(text) is not None
    if last in ("due", "start"):
        return _date_at_end(text) is not None
    return True


def flat_row_cells(text: str, roles: list[str | None]) -> list[str] | None:
    """The cells of a row whose delimiters were lost, under a header whose order is known
    ("Ref Action Lead officer Partners Timescale Success measures Progress RAG"): the ref
    at the start, the RAG and status at the end, the dates where they fall, and the names
    before a date cut into the lead (to its job title's last word) and the partners. None
    where the text does not fit the header."""
    cells = [""] * len(roles)
    rest = text.strip()
    first, last = 0, len(roles)
    if roles[:1] == ["ref"]:
        ref = _FLAT_REF_RE.match(rest)
        if ref is None:
            return None
        cells[0], rest, first = ref.group("ref"), rest[ref.end() :], 1
    rest, last = _cut_status_and_rag(rest, roles, cells)
    while last > first and roles[last - 1] in ("rag", "status"):
        last -= 1
        rest, cells[last] = _cut_end(rest, roles[last])
    cut = _cut_at_dates(rest, roles[first:last])
    segments, after = cut if cut is not None else (None, "")
    if last < len(roles) and roles[last] == "status" and not cells[last] and after:
        cells[last] = after  # "… December 2022 First version shown … (in progress) 🟡"
    if segments is None and "due" in roles[first:last] and _RAG_AFTER_STATUS_RE.search(text):
        # "… Principal Psychologist Complete Blue …": an empty date cell (its status in the
        # date's place, as a plan marks a finished action), the other cells as they come
        due = roles.index("due")
        undated = flat_row_cells(text, [*roles[:due], *roles[due + 1 :]])
        return None if undated is None else [*undated[:due], "", *undated[due:]]
    if segments is None:
        return None
    for at, (segment_roles, segment) in zip(_groups(roles, first, last), segments, strict=True):
        for index, value in zip(at, _cells_apart(segment, segment_roles), strict=True):
            cells[index] = value
    body = roles.index("action") if "action" in roles else None
    if body is None or len(cells[body].split()) < 2:
        return None
    return cells


_STATUS_THEN_RAG_RE = re.compile(
    rf"(?:^|\s)(?P<status>(?i:{_STATUS_WORDS}))\s+(?P<rag>Red|Amber|Green|Blue|[RAGB])(?=\s|$)"
)
_AFTER_THE_RAG = frozenset({"status", "measures", "narrative", None})


def _cut_status_and_rag(text: str, roles: list[str | None], cells: list[str]) -> tuple[str, int]:
    """Under "… Status RAG Latest update", a RAG after a status ("… In progress Amber Draft
    toolkit tested …") cuts the row: it fills its cell, the words after it the columns after
    the RAG. The text before it (its status last), and where that text's cells end."""
    at = roles.index("rag") if "rag" in roles else 0
    after = roles[at + 1 :]
    matches = list(_STATUS_THEN_RAG_RE.finditer(text))
    if not at or roles[at - 1] != "status" or not after or not set(after) <= _AFTER_THE_RAG:
        return text, len(roles)
    if not matches:
        return text, len(roles)
    pair = matches[-1]
    cells[at] = pair.group("rag")
    words = text[pair.end() :].strip()
    for index, value in enumerate(_cells_apart(words, after) if len(after) > 1 else [words]):
        cells[at + 1 + index] = value
    return text[: pair.start("rag")].rstrip(), at


def _cut_end(text: str, role: str | None) -> tuple[str, str]:
    """The text without its last cell, and that cell (empty when it is not there)."""
    if role == "rag":
        match = _FLAT_RAG_RE.search(text)
        return (text[: match.start()].rstrip(), match.group("rag")) if match else (text, "")
    starts = [m.start("status") for m in _STATUS_CELL_RE.finditer(f" {text}")]
    if not starts:
        return text, ""
    at = starts[-1] - 1
    return text[:at].rstrip(), text[at:].strip()


def _groups(roles: list[str | None], first: int, last: int) -> list[list[int]]:
    """The header's positions between ``first`` and ``last`` cut at its date columns, each
    date column a group of its own."""
    groups: list[list[int]] = [[]]
    for index in range(first, last):
        if roles[index] in ("due", "start"):
            groups.extend([[index], []])
        else:
            groups[-1].append(index)
    return [group for group in groups if group]


def _cut_at_dates(
    text: str, roles: list[str | None]
) -> tuple[list[tuple[list[str | None], str]], str] | None:
    """The text cut into the groups ``_groups`` names: each date column at the first date
    after the cells before it (a date the action's words hold, "by March", is not one); and
    the words after a last date column, which no group holds."""
    out: list[tuple[list[str | None], str]] = []
    pending: list[str | None] = []
    for role in roles:
        if role not in ("due", "start"):
            pending.append(role)
            continue
        found = _date_cell(text, after_names=bool(pending), owner="owner" in pending)
        if found is None:
            return None
        start, end = found
        if pending:
            out.append((pending, text[:start].strip()))
        out.append(([role], text[start:end].strip()))
        text, pending = text[end:], []
    if pending:
        out.append((pending, text.strip()))
        text = ""
    return out, text.strip()


def _date_cell(text: str, *, after_names: bool, owner: bool = False) -> tuple[int, int] | None:
    """Where the date cell falls: the first date after the cells before it; where those end
    with a lead, the first date a name comes just before ("… pilot beyond September 2026 OP
    31/05/2026": the second)."""
    dates = []
    for match in _date_phrases(text):
        phrase = match.group(0)
        if _SENTENCE_DATE_RE.match(phrase) or not names_a_date(phrase):
            continue
        if re.search(r"(?i)\b(?:since|after|than|until)\s*$", text[: match.start()]):
            continue  # "… Board has met four times since June": the update's words
        if after_names and not text[: match.start()].strip():
            continue  # the cells before the date are empty: not their date
        dates.append((match.start(), match.end()))
    named = [d for d in dates if _NAME_RUN_RE.search(text[: d[0]].rstrip())] if owner else []
    if named or dates:
        return (named or dates)[0]
    undated = re.search(
        r"(?:^|\s)(Ongoing|TBC|TBD|(?:Half-t|T)ermly|Weekly|Monthly|Quarterly|Annually|Done"
        r"|Complete[d]?|(?i:next|following)\s+(?:meeting|[Bb]oard))\b",
        text,
    )
    return (undated.start(1), undated.end(1)) if undated else None


_RAG_TOKEN_RE = re.compile(
    r"(?:^|(?<=\s))(?P<open>\()?(?P<rag>Red|Amber|Green|Blue|R|A|G|B)(?(open)\))(?=\s|$)"
)
"""A RAG cell inside a flattened row, between its status and its measures ("… on 9 October.
Green Dashboard presented …")."""


def _cells_apart(text: str, roles: list[str | None]) -> list[str]:
    """A segment holding several cells with no date between them, cut first at a RAG cell
    in its middle (the cells before it its status, those after its measures)."""
    if roles == ["owner", "action"]:
        return _lead_then_action(text)
    if roles == ["owner", "action", "measures"]:
        return _lead_action_measures(text)
    if roles == ["status", "measures"]:
        return _status_then_measures(text)
    if len(roles) > 1 and roles[-1] == "status":
        rest, status = _cut_end(text, "status")  # "… Principal Psychologist Complete"
        return [*_cells_apart(rest, roles[:-1]), status]
    if "rag" in roles and len(roles) > 1:
        at = roles.index("rag")
        for match in _RAG_TOKEN_RE.finditer(text):
            before, after = text[: match.start()].strip(), text[match.end() :].strip()
            if (before and not at) or (after and at == len(roles) - 1):
                continue
            left = _cells_apart(before, roles[:at]) if at else []
            right = _cells_apart(after, roles[at + 1 :]) if at < len(roles) - 1 else []
            return [*left, match.group("rag"), *right]
        if roles[at - 1 : at + 2] == ["status", "rag", "measures"]:
            # No RAG this row ("… Not yet started 20 young people considered …"): the other
            # cells are cut as if its column were not there.
            cells = _cells_apart(text, [*roles[:at], *roles[at + 1 :]])
            return [*cells[:at], "", *cells[at:]]
    return _names_apart(text, roles)


def _lead_then_action(text: str) -> list[str]:
    """ "Head of SEND Reduce the number of …" (a header whose lead comes before the action):
    the action starts at its verb."""
    words = text.split()
    for at, word in enumerate(words[1:], 1):
        if word[:1].isupper() and not word.isupper() and word.lower() in ACTION_VERBS:
            return [" ".join(words[:at]), " ".join(words[at:])]
    return ["", text]


_OPENING_STATUS_RE = re.compile(rf"^(?P<status>(?i:{_STATUS_WORDS}|not on track))\b")
_EXPLAINED_RE = re.compile(r"\s*[\u2013\u2014-]\s+")
_JOINING_WORDS = frozenset("with the to by in of from at for and or on".split())


def _status_then_measures(text: str) -> list[str]:
    """ "On track - panel has met 8 times At least 80% of plans …": a progress cell opening
    with its verdict (and a dash's explanation), then the success measures. The explanation
    ends where a new capitalised phrase or a second figure starts ("… times At least",
    "… up to 41% 60% of new plans")."""
    opening = _OPENING_STATUS_RE.match(text)
    if opening is None:
        return [text, ""]
    end = opening.end()
    explained = _EXPLAINED_RE.match(text, end)
    if explained is None:
        return [text[:end], text[end:].strip()]
    cut = _new_phrase(text, explained.end())
    return [text, ""] if cut is None else [text[:cut].strip(), text[cut:].strip()]


def _new_phrase(text: str, start: int) -> int | None:
    """Where, after ``start``, a new cell's words begin in a run of cells that lost their
    delimiters: a capitalised word after a lower-case one or a month ("… times At least",
    not "Marlcombe Parent …"), or a second figure ("… up to 41% 60% of new plans")."""
    spans = list(re.finditer(r"\S+", text[start:]))
    for previous, current in zip(spans, spans[1:], strict=False):
        before, word = previous.group(0), current.group(0)
        titled = word[:1].isupper() and word[1:].islower() and len(word) > 1
        capital = (
            titled
            and month_number(word.strip(",;.")) is None  # "… since September; 20 week …"
            and (before.islower() or before[-1:].isdigit() or month_number(before) is not None)
            and before.lower() not in _JOINING_WORDS
        )
        figure = word[:1].isdigit() and (before[-1:] == "%" or before[-1:].isdigit())
        figure = figure or (re.fullmatch(r"1[.)]", word) is not None)  # "… 1. Guide published"
        if capital or figure:
            return start + current.start()
    return None


def _lead_action_measures(text: str) -> list[str]:
    """ "Early Years SEND Lead Extend the fund to childminders Number of childminders …":
    the lead up to the action's verb, the action up to the measure's first words."""
    lead, rest = _lead_then_action(text)
    cut = _new_phrase(rest, 0)
    return [lead, rest, ""] if cut is None else [lead, rest[:cut].strip(), rest[cut:].strip()]


_ONLY_NAMES_RE = re.compile(
    r"[A-Z0-9][\w'\u2019&().-]*(?:,?\s+(?:[A-Z0-9(/&][\w'\u2019&().-]*|/|of|and|for|the)){0,13}"
)
"""Names alone after the action's full stop: its lead and partners."""


_PARTNERS_LABEL_RE = re.compile(r"\s(?:Partners?|Working with|Supported by):\s*")
"""The partners of a lead cell printed on a line of their own, labelled."""


def _names_apart(text: str, roles: list[str | None]) -> list[str]:
    """A segment holding several cells with no date between them: the action's words, then
    the lead and partners (the names that end the text)."""
    if len(roles) == 1:
        return [text]
    labelled = _PARTNERS_LABEL_RE.search(text)
    if labelled is not None:  # "… family hubs Head of Early Help Partners: Health Visiting"
        values = _names_apart(text[: labelled.start()], roles)
        if "partners" in roles:
            values[roles.index("partners")] = text[labelled.end() :].strip()
        return values
    values = [""] * len(roles)
    head, stop, tail = text.rpartition(". ")
    if stop and head and _ONLY_NAMES_RE.fullmatch(tail):
        names = tail  # "… to the Service Manager. SEND Service Manager Business Intelligence"
    else:
        run = _NAME_RUN_RE.search(text)
        names = run.group("run") if run else ""
    body_end = text[: len(text) - len(names)].rstrip().rsplit(" ", 1)[-1]
    owned = _ORGANISATION_END_RE.search(names) if body_end in _OBJECT_WORDS else None
    if owned is not None and owned.end() < len(names):
        names = names[owned.end() :].lstrip(" ,")  # "… reported to the SEND Board …"
    start = _TITLE_START_RE.search(names)
    if start and start.start() and not _ROLE_NOUN_RE.search(names[: start.start()]):
        names = names[start.start() :]  # "… at each Board Assistant Director": "Board" is
    names = _without_the_named_object(text[: len(text) - len(names)], names)
    names = _initials_alone(names)
    body = text[: len(text) - len(names)].rstrip() if names else text
    named = [i for i, role in enumerate(roles) if role in ("owner", "partners")]
    others = [i for i in range(len(roles)) if i not in named]
    if others:
        values[others[0]] = body
    if len(named) == 1:
        values[named[0]] = names
    elif len(named) >= 2:
        lead, partners = _lead_and_partners(names)
        values[named[0]], values[named[1]] = lead, partners
    return values


_INITIALS_END_RE = re.compile(r"(?<=[a-z]\s)(?P<initials>[A-Z]{2,4}(?:\s*/\s*[A-Z]{2,4})*)$")
"""A lead's initials ending a run of names after a lower-case word: the words before are the
action's."""
_JOINING_NAMES = frozenset({"of", "and", "for", "the", "with", "&"})


def _initials_alone(names: str) -> str:
    """ "EHC plans HB" → "HB": a lead's initials after a lower-case word of the action."""
    initials = _INITIALS_END_RE.search(names)
    before = names[: initials.start()].split()[-1] if initials else ""
    if initials is None or not before.islower() or before in _JOINING_NAMES:
        return names
    return initials.group("initials")


def _without_the_named_object(body: str, names: str) -> str:
    """The names after an action that ends on its object's name, where that name comes again
    as a partner ("… with members of | Calverdon Youth Voice Participation Officer Calverdon
    Youth Voice"): the first is the action's, so the names start after it."""
    if body.rstrip().rsplit(" ", 1)[-1] not in _OBJECT_WORDS:
        return names
    words = names.split()
    for count in range(4, 0, -1):
        named = " ".join(words[:count])
        if len(words) > 2 * count and f" {named}" in f" {' '.join(words[count:])}":
            return " ".join(words[count:])
    return names


_PERSON_LEAD_RE = re.compile(
    r"(?:(?:Dr|Cllr|Mr|Mrs|Ms)\.?\s+)?[A-Z][a-z'\u2019-]+\s+[A-Z][a-z'\u2019-]+(?:\s+\([^()]{2,30}\))?"
    r"(?=\s|,|$)"
)
"""A person's name, with their role in brackets, opening the names after an action ("Dr Amira
Haddad (DCO) ICB, Community Health"): the lead; the rest are partners."""


_PARTNER_ACRONYM_RE = re.compile(
    r"(?P<lead>(?:Head|Director|Chair) of\s+\S+(?:\s+[A-Z][a-z][\w'’&-]*)+)\s+(?=[A-Z]{2,6}\b)"
)
"""A head of a department, then a partner named by its initials ("Head of SEN Statutory
Services HR Business Partner"): the lead ends before the first capitals after the title's
own words."""
_PARTNER_AFTER_HEAD_RE = re.compile(
    r"(?P<lead>(?:Head|Director|Chair) of\s+[^\s,/]+(?:\s+[^\s,/]+)*)"
    r"\s+[A-Z][\w'’&-]*\s+(?:[A-Z][\w'’&-]*\s+)?(?:Service|Team|Network|Forum|Board|Trust|Care|ICB)s?"
    r"(?=\s*(?:[,/]|$))"
)
"""A head of a department, then the first partner: a name of two or three words ending as
an organisation's does, the shortest that fits (the lead the longest)."""


def _lead_and_partners(names: str) -> tuple[str, str]:
    """ "Inclusion Manager Schools, Early Years Team": the lead ends with its job title's
    last word, or at "Head of X and Y"; the partners are the rest."""
    acronym = _PARTNER_ACRONYM_RE.match(names)
    if acronym is not None:  # "Head of Public Health Intelligence ICB Business Intelligence"
        return acronym.group("lead"), names[acronym.end("lead") :].strip(" ,")
    role = _ROLE_NOUN_RE.search(names)
    if role is not None:
        end = role.end()
        of = re.match(r"\s+of\s+(?:[A-Z][\w'\u2019&-]*\s+){0,4}?(?=\([^()]{1,30}\))", names[end:])
        end += of.end() if of else 0  # "Deputy Director of Children's Commissioning (ICB)"
        bracket = re.match(r"\s*\([^()]{1,30}\)", names[end:])
        end += bracket.end() if bracket else 0  # "Commissioning Manager (Children)"
        department = _DEPARTMENT_RE.match(names, end)  # "Director, Education and Inclusion"
        end = department.end() if department else end
        named = _ONE_WORD_DEPARTMENT_RE.match(names, end)  # "Assistant Director, Inclusion"
        end = named.end() if named and not department else end
        return names[:end].strip(), names[end:].strip(" ,")
    head = re.match(r"(?:Head|Director|Chair) of\s+(?:\S+\s+){0,2}?(?:and|&)\s+\S+", names)
    if head is not None:
        return head.group(0).rstrip(","), names[head.end() :].strip(" ,")
    partner = _PARTNER_AFTER_HEAD_RE.match(names)
    if partner is not None:  # "Head of SEND Assessment EP Service, Health Advice Team"
        return partner.group("lead"), names[partner.end("lead") :].strip(" ,")
    person = _PERSON_LEAD_RE.match(names)
    if person is not None and person.end() < len(names):
        return person.group(0), names[person.end() :].strip(" ,")
    lead, _, partners = names.partition(",")
    return lead.strip(), partners.strip()
