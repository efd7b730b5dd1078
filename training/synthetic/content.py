"""Random plan content: the truth a document is rendered from, chosen before any layout.

A :class:`PlanSpec` holds sections and actions with every field already decided (the owner's
printed form, the date text and the date it means, the status phrase and what it means), so a
layout only has to choose what to print and tell the gold what it printed.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from training.synthetic import words

MONTHS = tuple(calendar.month_name)[1:]
MONTH_ABBR = tuple(calendar.month_abbr)[1:]


@dataclass(frozen=True)
class Due:
    """A date as printed and the last day of the period it names (None for "Ongoing")."""

    raw: str
    iso: str | None


@dataclass(frozen=True)
class Status:
    raw: str
    status: str | None


@dataclass
class ActionSpec:
    text: str
    owner: str | None
    partners: list[str]
    due: Due | None
    status: Status | None
    rag: str
    measures: list[str]
    finding: str | None
    start: Due | None = None
    topic: str = ""


@dataclass
class SectionSpec:
    number: str
    name: str
    children: list[SectionSpec] = field(default_factory=list)
    actions: list[ActionSpec] = field(default_factory=list)


@dataclass
class PlanSpec:
    place: str
    organisation: str
    title: str
    kind: str
    as_at: date
    as_at_raw: str
    people: list[tuple[str, str, str]]  # (full name, role, role abbreviation)
    sections: list[SectionSpec]


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def iso(day: date) -> str:
    return day.isoformat()


class Author:
    """Makes one document's content, reproducibly from its random generator."""

    def __init__(self, rng: random.Random, as_at: date | None = None) -> None:
        self.rng = rng
        self.as_at = as_at or date(rng.choice((2024, 2025, 2026)), rng.randint(1, 12), 1)
        self.as_at = last_day(self.as_at.year, self.as_at.month)
        self.place = self._place()
        self.used_texts: set[str] = set()
        self.people = self._people()
        self.owner_style = rng.choice(("role", "abbrev", "person", "initial", "mixed", "two"))
        self.text_style = rng.choice(("imperative", "imperative", "we_will", "to", "gerund"))

    # --- the document ---------------------------------------------------------------------

    def _place(self) -> str:
        return self.rng.choice(words.PLACE_STARTS) + self.rng.choice(words.PLACE_ENDS)

    def organisation(self) -> str:
        return self.rng.choice(words.PLACE_FORMS).format(place=self.place)

    def as_at_raw(self) -> str:
        return self.rng.choice(
            (
                f"{MONTHS[self.as_at.month - 1]} {self.as_at.year}",
                f"as at {MONTHS[self.as_at.month - 1]} {self.as_at.year}",
                f"Updated {self.as_at.day} {MONTHS[self.as_at.month - 1]} {self.as_at.year}",
            )
        )

    def _people(self) -> list[tuple[str, str, str]]:
        roles = self.rng.sample(words.ROLES, 8)
        firsts = self.rng.sample(words.FIRST_NAMES, 8)
        lasts = self.rng.sample(words.LAST_NAMES, 8)
        return [(f"{f} {s}", r[0], r[1]) for f, s, r in zip(firsts, lasts, roles, strict=True)]

    def plan(
        self,
        *,
        kind: str,
        title: str,
        sections: tuple[int, int] = (2, 4),
        children: tuple[int, int] = (0, 0),
        actions: tuple[int, int] = (2, 5),
    ) -> PlanSpec:
        names = self.rng.sample(words.SECTION_NAMES, sections[1] * max(1, children[1] + 1))
        specs = []
        for number in range(1, self.rng.randint(*sections) + 1):
            section = SectionSpec(str(number), names.pop())
            child_count = self.rng.randint(*children)
            for child in range(1, child_count + 1):
                sub = SectionSpec(f"{number}.{child}", self.objective_name(names.pop()))
                sub.actions = [self.action() for _ in range(self.rng.randint(*actions))]
                section.children.append(sub)
            if not child_count:
                section.actions = [self.action() for _ in range(self.rng.randint(*actions))]
            specs.append(section)
        return PlanSpec(
            place=self.place,
            organisation=self.organisation(),
            title=title.format(place=self.place),
            kind=kind,
            as_at=self.as_at,
            as_at_raw=self.as_at_raw(),
            people=self.people,
            sections=specs,
        )

    def objective_name(self, name: str) -> str:
        return self.rng.choice(
            (
                f"To improve {name.lower()}",
                f"Ensure {name.lower()} meets families' needs",
                f"{name}",
                f"Better {name.lower()}",
            )
        )

    # --- an action ------------------------------------------------------------------------

    def action(self, *, style: str | None = None, due_forms: tuple[str, ...] = ()) -> ActionSpec:
        status = self.status()
        return ActionSpec(
            text=self.action_text(style),
            owner=self.owner(),
            partners=self.partners(),
            due=self.due(due_forms or DUE_FORMS),
            status=status,
            rag=self.rag_for(status.status),
            measures=self.measures(),
            finding=self.rng.choice(words.FINDINGS) if self.rng.random() < 0.5 else None,
            start=self.start(),
        )

    def action_text(self, style: str | None = None) -> str:
        style = style or self.text_style
        for _ in range(50):
            verb = self.rng.choice(words.VERBS)
            obj = self.rng.choice(words.OBJECTS)
            qualifier = self.rng.choice(words.QUALIFIERS)
            if style == "we_will":
                text = f"We will {verb.lower()} {obj}{qualifier}"
            elif style == "to":
                text = f"To {verb.lower()} {obj}{qualifier}"
            elif style == "gerund":
                text = f"{words.GERUNDS[verb]} {obj}{qualifier}"
            else:
                text = f"{verb} {obj}{qualifier}"
            if self.rng.random() < 0.4:
                text += "."
            if text[:40].lower() not in self.used_texts:
                self.used_texts.add(text[:40].lower())
                return text
        raise RuntimeError("ran out of action texts")  # pragma: no cover

    def work_item(self) -> str:
        for _ in range(50):
            item = self.rng.choice(words.WORK_ITEMS)
            if item[:40].lower() not in self.used_texts:
                self.used_texts.add(item[:40].lower())
                return item
        return self.action_text("gerund")

    def person(self) -> tuple[str, str, str]:
        return self.rng.choice(self.people)

    def owner(self, style: str | None = None) -> str | None:
        if self.rng.random() < 0.06:
            return None
        style = style or self.owner_style
        if style == "mixed":
            style = self.rng.choice(("role", "abbrev", "person", "initial", "team", "two"))
        name, role, abbrev = self.person()
        first, last = name.split(" ", 1)
        if style == "role":
            return role
        if style == "abbrev":
            return abbrev
        if style == "person":
            return name
        if style == "initial":
            return f"{first[0]}. {last}"
        if style == "team":
            return self.rng.choice(words.TEAMS)
        other = self.person()
        if other[2] == abbrev:
            return abbrev
        return f"{abbrev} / {other[2]}"

    def initials(self) -> str:
        name = self.person()[0]
        return "".join(part[0] for part in name.split())

    def partners(self) -> list[str]:
        count = self.rng.choice((0, 0, 1, 2, 3))
        return self.rng.sample(words.TEAMS, count)

    def measures(self) -> list[str]:
        count = self.rng.choice((0, 1, 1, 2))
        return [self.fill(m) for m in self.rng.sample(words.MEASURES, count)]

    def fill(self, template: str) -> str:
        return template.format(
            percent=self.rng.randint(40, 95),
            percent2=self.rng.randint(10, 39),
            count=self.rng.randint(3, 40),
            big=f"{self.rng.randint(2, 40)},{self.rng.randint(100, 999)}",
            month=self.rng.choice(MONTHS),
            place=self.place,
        )

    # --- status ---------------------------------------------------------------------------

    def status(self) -> Status:
        raw, status = self.rng.choice(words.STATUS_CELLS)
        return Status(raw, status)

    def rag_for(self, status: str | None) -> str:
        choices = {
            "complete": ("blue",),
            "embedded": ("blue", "green"),
            "closed": ("blue",),
            "delayed": ("red", "amber"),
            "on_track": ("green",),
            "in_progress": ("green", "amber"),
            "not_started": ("amber", "red", "green"),
        }.get(status or "", ("amber", "green", "red"))
        return self.rng.choice(choices)

    def rag_printer(self) -> RagPrinter:
        return RagPrinter(self.rng.choice(("word", "upper", "lower", "letter", "bracket")))

    # --- dates ----------------------------------------------------------------------------

    def future_day(self, low: int = 20, high: int = 420) -> date:
        return self.as_at + timedelta(days=self.rng.randint(low, high))

    def due(self, forms: tuple[str, ...]) -> Due:
        return make_due(self.rng.choice(forms), self.future_day(), self.as_at, self.rng)

    def start(self) -> Due:
        day = self.as_at - timedelta(days=self.rng.randint(0, 200))
        return make_due(self.rng.choice(("dmy", "month_year", "mon_yy")), day, self.as_at, self.rng)


@dataclass(frozen=True)
class RagPrinter:
    """How one document prints a RAG colour: "Amber", "AMBER", "amber", "A" or "[A]"."""

    style: str

    def __call__(self, rag: str) -> str:
        word = words.RAG_WORDS[rag]
        if self.style == "upper":
            return word.upper()
        if self.style == "lower":
            return word.lower()
        if self.style == "letter":
            return word[0]
        if self.style == "bracket":
            return f"[{word[0]}]"
        return word


DUE_FORMS = (
    "dmy",
    "dmy",
    "dmy_dot",
    "month_year",
    "mon_yy",
    "term",
    "quarter",
    "long",
    "none",
    "end_of",
    "range",
)
NO_YEAR_FORMS = ("by_day", "end_of")


def make_due(form: str, day: date, as_at: date, rng: random.Random) -> Due:
    """The date ``day`` written in ``form``, with the last day of the period it then names."""
    exact = _exact_day(form, day)
    if exact is not None:
        return exact
    if form == "none":
        return Due(rng.choice(("Ongoing", "TBC", "TBD", "Ongoing")), None)
    if form == "by_day":
        day = _no_year(date(day.year, day.month, min(day.day, 28)), as_at)
        return Due(f"{day.day} {MONTHS[day.month - 1]}", iso(day))
    if form == "end_of":
        day = _no_year(date(day.year, day.month, 1), as_at)
        return Due(f"end of {MONTHS[day.month - 1]}", iso(last_day(day.year, day.month)))
    return _period(form, day, rng)


def _exact_day(form: str, day: date) -> Due | None:
    """A form that names one day: "31/03/2026", "31.03.26", "31 March 2026", "Tue 31/03/26"."""
    text = {
        "dmy": day.strftime("%d/%m/%Y"),
        "dmy_dot": day.strftime("%d.%m.%y"),
        "long": f"{day.day} {MONTHS[day.month - 1]} {day.year}",
        "iso": iso(day),
        "msproject": day.strftime("%a %d/%m/%y"),
    }.get(form)
    return Due(text, iso(day)) if text else None


def _period(form: str, day: date, rng: random.Random) -> Due:
    """A form that names a month, term, quarter or range, due on its last day."""
    end_of_month = iso(last_day(day.year, day.month))
    abbr = MONTH_ABBR[day.month - 1]
    if form == "month_year":
        name = rng.choice((MONTHS[day.month - 1], MONTHS[day.month - 1], abbr))
        return Due(f"{'Sept' if name == 'Sep' else name} {day.year}", end_of_month)
    if form == "mon_yy":
        return Due(f"{abbr}-{day.year % 100:02d}", end_of_month)
    if form == "term":
        season, end = _term(day)
        return Due(f"{season} Term {day.year}", iso(last_day(day.year, end)))
    if form == "quarter":
        start_year = day.year if day.month >= 4 else day.year - 1
        quarter = ((day.month - 4) % 12) // 3 + 1
        end_month = (3 * quarter + 3 - 1) % 12 + 1
        end_year = start_year + (1 if quarter == 4 else 0)
        raw = f"Q{quarter} {start_year}/{(start_year + 1) % 100:02d}"
        return Due(raw, iso(last_day(end_year, end_month)))
    if form == "range":
        first = MONTH_ABBR[(day.month - 3) % 12]
        if day.month <= 2:
            return Due(f"{first} {day.year - 1} – {abbr} {day.year}", end_of_month)
        return Due(f"{first} – {abbr} {day.year}", end_of_month)
    raise ValueError(f"no date form {form!r}")


def _term(day: date) -> tuple[str, int]:
    if day.month <= 3:
        return "Spring", 3
    if day.month <= 7:
        return "Summer", 7
    return "Autumn", 12


def _no_year(day: date, as_at: date) -> date:
    """The day's month and day placed in the first year it falls on or after as_at's month
    (chosen well clear of the as-at month, so no reading could place it elsewhere)."""
    if day.month == as_at.month:
        day = day + timedelta(days=40)
    for year in (as_at.year, as_at.year + 1):
        candidate = date(year, day.month, min(day.day, 28))
        if last_day(year, day.month) >= as_at:
            return candidate
    raise AssertionError("unreachable")  # pragma: no cover
