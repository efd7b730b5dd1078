"""What the action and heading models see of a candidate: named features, each 0 to 1.

The features describe the words and the place, never a council or a layout: the kind of
piece (row, item, sentence, line), what the detectors found, the grammar of its opening
(an imperative, "will", "X to …", a reporting or decision verb, an achievement), the kind of
heading or lead-in above it, and its shape. The weights are learnt (``model.py``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .caseless import Caseless
from .detectors import ACTION_VERBS
from .layout import Piece

if TYPE_CHECKING:
    from .candidates import Candidate

__all__ = ["action_features", "heading_features", "plain_heading_shape"]

FEATURE_CHARS = 300
"""The words an action's features look at: its opening, where the grammar that marks an
action is (a long cell's later sentences are its detail)."""

_WILL_RE = Caseless(r"\bwill\b|\bshall\b|\bplans? to\b|\baims? to\b")
_TO_VERB_RE = re.compile(
    r"^(?![A-Za-z]+ing\b)[A-Z][\w&/.' -]{0,50}?(?<!ing)(?<!ments)\s+to\s+"
    r"(?!(?:the|an?|our|their|your|its|all|every|each|this|these|those|young|children|"
    r"families|parents|schools|adult\w*)\b)[a-z]{3,}",
    re.I,
)
"""Who, then "to" and a verb ("Head of SEND to circulate …"), not "Listening to children"
or "Improvements to the Local Offer"."""
_PUNCTUATED_END_RE = re.compile(r"[.!?:;,]$")
_FINITE_RE = re.compile(
    r"\b(?:is|are|was|were|will|has|have|had|can|should|must|would|could)\b", re.I
)
_REPORTING_RE = Caseless(
    r"(?<!\bbe )(?<!\band )\b(?:explained|noted|reported|thanked|welcomed|discussed|presented|"
    r"updated|confirmed|received|heard|highlighted|outlined|advised|informed|commented|"
    r"queried|asked|said|summarised|reminded)\b"
)
"""A report of what was said ("Sam explained …"), not work to come ("… will be discussed",
"… checked and updated")."""
_DECISION_RE = Caseless(r"\b(?:agreed|approved|endorsed|resolved|decided|ratified|signed off)\b")
_ACHIEVED_RE = Caseless(
    r"\b(?:has|have|had) been (?:\w+ed|\w+en|set up|put in place|made)\b|\b(?:was|were) "
    r"(?:\w+ed|held|made|set up|sent|built|run)\b|\bsuccessfully\b|\bcompleted\b|\bdelivered\b|"
    r"\blaunched\b|\bachieved\b|\bappointed\b|\bopened\b|\bmet for the first time\b|"
    r"\b(?:went|gone) live\b|\brelaunched\b|\btook place\b|\b(?:has|have) moved from\b|"
    r"\b(?:started|began|met|rose|fell|increased|improved|dropped|closed|ended|finished)\s+"
    r"(?:to\s+[\d.]+%?\s+)?"
    r"(?:in|on|during|since)\s+(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|the)"
)
_ONGOING_RE = Caseless(
    r"\b(?:is|are) (?:being|now being|currently being) \w+|\bunder ?way\b|\bhas started\b|"
    r"\bremains? on (?:track|target)\b|\bis (?:on track|delayed|behind)\b|\bhas slipped\b|"
    r"\bcurrently\b|\bis piloting\b|\bare piloting\b|\bis developing\b|\bis expected\b"
)
_WORD_RE = re.compile(r"[A-Za-z'-]+")
_LETTERS_RE = re.compile(r"[A-Za-z]+")
_WE_WILL_RE = Caseless(r"\s*we will\b")
_WE_RE = Caseless(r"we\b")
_DETERMINER_RE = Caseless(r"(?:the|a|an|this|these|our|there)\b")
_MILESTONE_RE = Caseless(r"(?:key\s+)?milestones?\b")
_GLOSSARY_LIKE_RE = re.compile(r"[A-Z]{2,6}\s*[=:\u2013-]\s*[A-Z]")
_LABEL_PREFIX_RE = re.compile(r"[A-Z][\w ]{1,20}:\s")
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?%|\b\d{2,}\b")
_ACTIONY_HEADING_RE = re.compile(
    r"\b(?:actions?|next steps?|plans?|deliverables?|priorit|workstreams?|objectives?|outcomes?|"
    r"tasks?|milestones?|activit|we will|forward|roadmap|timeline|agreed|focus|areas?|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q[1-4]|phase|stage)",
    re.I,
)
_REPORTING_HEADING_RE = re.compile(
    r"\b(?:progress|update|summary|achievements?|background|introduction|context|risks?|"
    r"issues?|decisions?|key messages|highlights?|successes|performance|data|apologies|"
    r"attendance|present|minutes|glossary|key|contents|foreword|purpose|notes?|you said|"
    r"we did|(?:what )?we (?:have )?(?:done|heard)|done so far|welcome|diary|contacts?)\b",
    re.I,
)
_ACTION_LEAD_IN_RE = re.compile(
    r"\b(?:agreed|actions?|will|next steps|to do|asked to|commit)\b", re.I
)
_REPORT_LEAD_IN_RE = re.compile(
    r"\b(?:noted|heard|update|progress|achiev|include[ds]?|were)\b", re.I
)
SECTION_WORD_RE = re.compile(
    r"^(?:priority|workstream|work stream|objective|outcome|theme|area|phase|horizon|item|agenda|"
    r"meeting|section|"
    r"weakness|recommendation|focus|strand|part|stage|strategic|key concern|concern|aim|goal|"
    r"project|programme)\b",
    re.I,
)
MONTH_HEADING_RE = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*(?:'?\d{2}|20\d\d)?$", re.I
)
"""A month alone ("May", "Sept 25", "March 2026"): a roadmap's heading."""
_NUMBERED_RE = re.compile(r"^\s*(?:[A-Z]|\d{1,2}(?:\.\d{1,2})*)[.:)]?\s+\S")


def _imperative(text: str) -> bool:
    """The text opens with a verb that opens actions ("Publish …", "Finalise …")."""
    words = _WORD_RE.findall(text[:30])
    return bool(words) and words[0].lower() in ACTION_VERBS and not words[0].isupper()


def _words(text: str) -> int:
    return len(text.split())


def action_features(candidate: Candidate) -> dict[str, float]:
    """The action model's view of a candidate."""
    piece = candidate.piece
    words = _words(candidate.text)
    text = candidate.text[:FEATURE_CHARS]
    fields = candidate.fields
    heading = candidate.section[-1] if candidate.section else ""
    features: dict[str, float] = {
        f"kind:{piece.kind}": 1.0,
        "row_with_action_column": float(
            piece.header is not None and ("action" in piece.cells or "narrative" in piece.cells)
        ),
        "row_without_header": float(piece.kind == "row" and piece.header is None),
        "record": float(candidate.record),
        f"marker:{piece.marker or 'none'}": 1.0,
        "lead_in": float(piece.lead_in is not None),
        "lead_in_actiony": float(bool(piece.lead_in and _ACTION_LEAD_IN_RE.search(piece.lead_in))),
        "lead_in_reporting": float(
            bool(piece.lead_in and _REPORT_LEAD_IN_RE.search(piece.lead_in))
        ),
        "imperative": float(_imperative(text)),
        "will": float(bool(_WILL_RE.search(text))),
        "we_will": float(bool(_WE_WILL_RE.match(text))),
        "x_to_verb": float(bool(_TO_VERB_RE.match(text))),
        # In a record (an item with its owner, date and status given as fields) such words
        # name the work ("Trajectory agreed with DfE – Jo Bell – May – done"): no report.
        "reporting_verb": float(not candidate.record and bool(_REPORTING_RE.search(text))),
        "decision_verb": float(not candidate.record and bool(_DECISION_RE.search(text))),
        "achieved": float(not candidate.record and bool(_ACHIEVED_RE.search(text))),
        "ongoing": float(bool(_ONGOING_RE.search(text))),
        "numbers": min(1.0, len(_NUMBER_RE.findall(text)) / 3),
        "len:short": float(words < 3),
        "len:mid": float(3 <= words <= 30),
        "len:long": float(words > 40),
        "ends_colon": float(text.rstrip().endswith(":")),
        "ends_period": float(text.rstrip().endswith(".")),
        "question": float("?" in text),
        "starts_determiner": float(bool(_DETERMINER_RE.match(text))),
        "starts_we": float(bool(_WE_RE.match(text))),
        **_heading_kind(heading),
        "no_section": float(not candidate.section),
        "sentence_of_many": float(piece.sentences > 3),
        "first_sentence": float(piece.kind == "sentence" and piece.position == 0),
        "title_case": float(_title_case(text)),
        "glossary_like": float(bool(_GLOSSARY_LIKE_RE.match(text))),
        "label_prefix": float(bool(_LABEL_PREFIX_RE.match(text))),
        "milestone": float(bool(_MILESTONE_RE.match(text))),
        "empty": float(not text.strip() or words == 0),
        "measures": float(bool(candidate.measures)),
    }
    for role in ("owner", "due", "status", "rag", "ref"):
        found = fields.get(role)
        features[f"has:{role}"] = found.confidence if found is not None and found.value else 0.0
    features["owner_will"] = features["will"] * features["has:owner"]  # "Sam Ray will …"
    cues = ("imperative", "will", "x_to_verb", "lead_in_actiony", "heading_actiony", "record")
    features["no_action_cue"] = float(
        not any(features[cue] for cue in cues)
        and not features["has:owner"]
        and not features["has:due"]
    )  # a report's paragraph: nothing says anyone will do anything by any date
    status = fields.get("status")
    features["status_complete"] = float(bool(status and status.value in {"complete", "closed"}))
    return features


@lru_cache(maxsize=512)
def _heading_kind(heading: str) -> dict[str, float]:
    """Whether the nearest heading promises actions or reports on them; many candidates
    share a heading, so each is looked at once."""
    return {
        "heading_actiony": float(bool(_ACTIONY_HEADING_RE.search(heading))),
        "heading_reporting": float(bool(_REPORTING_HEADING_RE.search(heading))),
    }


def _title_case(text: str) -> bool:
    """Nearly every word after the first capitalised ("Progress This Period"), not a
    sentence naming a "Partnership Panel" in "December"."""
    words = [w for w in _LETTERS_RE.findall(text)[1:] if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) / len(words) >= 0.85


def plain_heading_shape(piece: Piece) -> bool:
    """A short line of its own, unmarked and unpunctuated, after a blank line: how a
    heading that looks like body text is written ("Getting help early")."""
    words = _words(piece.text)
    return (
        piece.kind == "line"
        and not piece.marker
        and piece.gap_before
        and 1 <= words <= 12
        and not _PUNCTUATED_END_RE.search(piece.text.strip())
    )


def heading_features(
    piece: Piece, following: Piece | None, index: int, alike: int = 0
) -> dict[str, float]:
    """The heading model's view of a line: its shape, what follows it, and how many other
    lines of the document (``alike``) share a plain heading's shape."""
    text = piece.text.strip()
    plain_shape = plain_heading_shape(piece)
    words = _words(text)
    next_kind = following.kind if following is not None else "end"
    return {
        f"kind:{piece.kind}": 1.0,
        "spans_row": float(piece.spans_row),
        f"marker:{piece.marker or 'none'}": 1.0,
        "len:1-3": float(words <= 3),
        "len:4-8": float(4 <= words <= 8),
        "len:9-15": float(9 <= words <= 15),
        "len:16+": float(words > 15),
        "ends_period": float(text.endswith(".")),
        "ends_colon": float(text.endswith(":")),
        "numbered": float(bool(_NUMBERED_RE.match(text))),
        "section_word": float(bool(SECTION_WORD_RE.match(text))),
        "month": float(bool(MONTH_HEADING_RE.match(text.strip(" :-")))),
        "upper": float(text.isupper() and words > 0),
        "title_case": float(_title_case(text)),
        "will": float(bool(_WILL_RE.search(text))),
        "x_to_verb": float(bool(_TO_VERB_RE.match(text))),
        "imperative": float(_imperative(text)),
        "has_digits": float(bool(re.search(r"\d", text))),
        "comma": float("," in text),
        f"next:{next_kind}": 1.0,
        "next_item": float(following is not None and following.kind == "item"),
        "next_lead_in": float(following is not None and following.lead_in is not None),
        "lead_in": float(piece.lead_in is not None),
        "row_with_header": float(piece.kind == "row" and piece.header is not None),
        "row_cells": min(1.0, piece.cell_count / 6),
        "row_has_due": float(bool(piece.cells.get("due"))),
        "row_has_status": float(bool(piece.cells.get("status"))),
        "gap_before": float(piece.gap_before),
        "gap_after": float(following is not None and following.gap_before),
        "top_of_document": float(index < 3),
        "no_end_punctuation": float(not _PUNCTUATED_END_RE.search(text)),
        "finite_verb": float(bool(_FINITE_RE.search(text))),
        "plain_shape": float(plain_shape),
        "plain_shape_alike": float(plain_shape and alike >= 2),
    }
