"""May SENDIASS speak to this person about this family on this day? The consent rule.

A parent or young person names exactly who the service may speak to (a person or a role, and
their organisation: "SENCo, Northdale Primary", "Educational psychologist, Northdale
Council") and may refuse some. Each answer is a dated record; none is open-ended. The rule:

1. Only records for the same party count. Parties match on name and organisation, ignoring
   case, spaces and punctuation at the ends ("senco ,  Northdale Primary" is the same party).
2. Only records dated on or before the day count (consent given tomorrow does not cover today).
3. The latest such record decides. Several records on the same day: the most restrictive
   wins (refused, then withdrawn, then expired, then given).
4. That record allows contact only if it gave consent, has not been withdrawn on or before
   the day, and the day is before its review date. On the review date and after, consent has
   expired and must be renewed before anyone speaks to that party again.
5. No record for the party: no contact.

The review date defaults to 12 months after consent was given (``SENDTRACK_SENDIASS_CONSENT_
MONTHS``); :func:`review_date` clamps 29 February to 28 February the next year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .statutory import add_months

__all__ = [
    "ConsentCheck",
    "ConsentRecord",
    "ConsentState",
    "Decision",
    "Party",
    "check_contact",
    "due_for_review",
    "review_date",
    "state_of",
]

DEFAULT_REVIEW_MONTHS = 12


class Decision(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"


class ConsentState(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    NONE = "none"

    @property
    def label(self) -> str:
        return {
            ConsentState.GIVEN: "Consent given",
            ConsentState.REFUSED: "Consent refused",
            ConsentState.EXPIRED: "Consent expired",
            ConsentState.WITHDRAWN: "Consent withdrawn",
            ConsentState.NONE: "No consent recorded",
        }[self]


_SPACES = re.compile(r"\s+")


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" \t\n.,;:-").casefold()


@dataclass(frozen=True)
class Party:
    """Who the service would speak to: a person or a role, and their organisation."""

    name: str
    organisation: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (_normal(self.name), _normal(self.organisation))

    def same_as(self, other: Party) -> bool:
        return self.key == other.key

    def __str__(self) -> str:
        name, organisation = self.name.strip(), self.organisation.strip()
        return f"{name}, {organisation}" if organisation else name


@dataclass(frozen=True)
class ConsentRecord:
    party: Party
    decision: Decision
    given_on: date
    review_on: date
    withdrawn_on: date | None = None


@dataclass(frozen=True)
class ConsentCheck:
    """The answer for one party on one day, with the record that decided it."""

    state: ConsentState
    record: ConsentRecord | None

    @property
    def allowed(self) -> bool:
        return self.state is ConsentState.GIVEN

    @property
    def reason(self) -> str:
        if self.record is None:
            return "No consent is recorded to speak to this party."
        return {
            ConsentState.GIVEN: f"Consent given on {self.record.given_on:%d/%m/%Y}.",
            ConsentState.REFUSED: f"Consent was refused on {self.record.given_on:%d/%m/%Y}.",
            ConsentState.EXPIRED: (
                f"Consent given on {self.record.given_on:%d/%m/%Y} expired on "
                f"{self.record.review_on:%d/%m/%Y}: renew it before speaking to them."
            ),
            ConsentState.WITHDRAWN: (
                f"Consent was withdrawn on {self.record.withdrawn_on:%d/%m/%Y}."
                if self.record.withdrawn_on
                else "Consent was withdrawn."
            ),
            ConsentState.NONE: "No consent is recorded to speak to this party.",
        }[self.state]


def review_date(given_on: date, months: int = DEFAULT_REVIEW_MONTHS) -> date:
    """When consent given on ``given_on`` must be reviewed (and stops covering contact)."""
    if months < 1:
        raise ValueError(f"A consent review period must be at least one month, got {months}")
    return add_months(given_on, months)


def state_of(record: ConsentRecord, on: date) -> ConsentState:
    """What one record says on ``on`` (ignoring any other records)."""
    if record.withdrawn_on is not None and record.withdrawn_on <= on:
        return ConsentState.WITHDRAWN
    if record.decision is Decision.REFUSED:
        return ConsentState.REFUSED
    if on >= record.review_on:
        return ConsentState.EXPIRED
    return ConsentState.GIVEN


_SEVERITY = {
    ConsentState.REFUSED: 0,
    ConsentState.WITHDRAWN: 1,
    ConsentState.EXPIRED: 2,
    ConsentState.GIVEN: 3,
}


def check_contact(party: Party, on: date, records: Iterable[ConsentRecord]) -> ConsentCheck:
    """May the service speak to ``party`` on ``on``, given every consent record for the family?"""
    relevant = [r for r in records if r.party.same_as(party) and r.given_on <= on]
    if not relevant:
        return ConsentCheck(ConsentState.NONE, None)
    latest_day = max(r.given_on for r in relevant)
    # Among the latest day's records the most restrictive wins; ties are broken on the
    # record's own dates so the answer never depends on the order records are given in.
    checks = sorted(
        (
            (_SEVERITY[state_of(r, on)], r.review_on, r.withdrawn_on or date.max, r.decision, r)
            for r in relevant
            if r.given_on == latest_day
        ),
        key=lambda item: item[:4],
    )
    record = checks[0][4]
    return ConsentCheck(state_of(record, on), record)


def due_for_review(record: ConsentRecord, on: date, within_days: int = 28) -> bool:
    """Given consent, not withdrawn, whose review date has passed or falls within the window."""
    if record.decision is not Decision.GIVEN or record.withdrawn_on is not None:
        return False
    return (record.review_on - on).days <= within_days
