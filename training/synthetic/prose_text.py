"""Text layouts without a table of actions: reports, roadmaps, minutes, summaries, emails.

Here the actions are items under headings or sentences inside paragraphs, mixed with the
prose, achievements, counts and decisions that a model must learn to leave out.
"""

from __future__ import annotations

from training.synthetic import words
from training.synthetic.content import MONTH_ABBR, MONTHS, Due, Status, last_day, make_due
from training.synthetic.gold import Section
from training.synthetic.layout import LETTERS, Job


def _bullet(job: Job) -> str:
    return job.rng.choice(("• ", "- ", "* ", "▪ ", ""))


def _progress_sentence(job: Job, subject: str | None = None) -> tuple[str, Status, Due | None]:
    """ "The graduated response toolkit has slipped to 31 March." with its status and date."""
    a = job.author
    template, status = job.rng.choice(words.STATUS_PHRASES)
    due = None
    if "{date}" in template:
        due = a.due(("by_day", "end_of", "month_year", "long"))
        lead = "" if template.endswith("to {date}") else job.rng.choice(("by ", "in ", "by "))
        if due.raw.startswith("end of") or due.raw[0].isdigit() and lead == "in ":
            lead = "by "
        phrase = template.format(date=lead + due.raw)
    else:
        phrase = template
    subject = subject or a.work_item()
    return f"{subject} {phrase}.", Status(phrase, status), due


_PARTICIPLES = {
    "develop": "developed",
    "review": "reviewed",
    "refresh": "refreshed",
    "co-produce": "co-produced",
    "publish": "published",
    "implement": "implemented",
    "establish": "established",
    "strengthen": "strengthened",
    "pilot": "piloted",
    "introduce": "introduced",
    "redesign": "redesigned",
    "extend": "extended",
    "monitor": "monitored",
    "improve": "improved",
    "commission": "commissioned",
}
"""How a summary writes an action in the passive ("… will be reviewed by March")."""


def _subject_sentence(job: Job) -> tuple[str, str, dict[str, object]]:
    """An action written as a summary for families writes it: "The Inclusion Team will
    publish … by January.", "Publish … (Lead: Head of SEND, by March 2026) - in progress".
    The line as printed, the action's text (without the lead, date or status after it), and
    its gold fields."""
    rng, a = job.rng, job.author
    name, role, _ = a.person()
    subject = rng.choice((f"The {role}", f"The {rng.choice(words.TEAMS)}", name))
    verb, obj = rng.choice(words.VERBS).lower(), rng.choice(words.OBJECTS)
    due = a.due(("month_year", "long", "end_of")) if rng.random() < 0.6 else None
    fields: dict[str, object] = {"due": due}
    if rng.random() < 0.35:  # the lead and date in brackets after the work
        owner = rng.choice((role, name, rng.choice(words.TEAMS)))
        text = f"{verb.capitalize()} {obj}"
        label = rng.choice(("Lead", "lead", "Owner"))
        after = f", by {due.raw}" if due else ""
        line = f"{text} ({label}: {owner}{after})"
        fields["owner"] = owner
    else:
        timing = f" by {due.raw}" if due and not due.raw.startswith("end") else ""
        timing = f" by the {due.raw}" if due and due.raw.startswith("end") else timing
        passive = _PARTICIPLES.get(verb)
        if passive and rng.random() < 0.3:  # "The toolkit will be published by March."
            will = rng.choice(("will be", "to be"))
            text = line = f"{obj[0].upper()}{obj[1:]} {will} {passive}{timing}"
        else:
            text = line = f"{subject} will {verb} {obj}{timing}{rng.choice(('.', ''))}"
            fields["owner"] = subject
    if rng.random() < 0.35:
        raw, status = rng.choice(words.STATUS_CELLS)
        raw = raw.lower() if rng.random() < 0.5 else raw
        line = f"{line.rstrip('.')} {rng.choice(('-', job.dash))} {raw}"
        fields["status"] = Status(raw, status)
    return line, text.rstrip("."), fields


def render_highlight_report(job: Job) -> str:
    rng, a, d = job.rng, job.author, job.dash
    sro = a.person()
    overall = rng.choice(("Amber", "Green", "Amber/Green", "Red"))
    report_date = make_due("long", a.as_at, a.as_at, rng).raw
    job.gold.plan["as_at_raw"] = report_date
    job.gold.plan["as_at"] = a.as_at.isoformat()
    lines = [
        f"{job.plan.place} SEND Improvement Programme {d} Highlight Report",
        f"Programme: {rng.choice(words.SECTION_NAMES)}",
        f"Report date: {report_date}",
        f"SRO: {sro[0]}, {sro[1]}",
        f"Overall status: {overall}",
        "",
        "1. Summary",
        a.fill(rng.choice(words.INTRO_PROSE)),
        "",
    ]
    progress = job.gold.section("2. Progress this period", ref="2", kind="heading")
    lines.append("2. Progress this period")
    for _ in range(rng.randint(3, 6)):
        sentence, status, due = _progress_sentence(job)
        lines.append(_bullet(job) + sentence)
        job.gold.action(sentence, section=progress, status=status, due=due)
    lines += ["", "3. Achievements"]
    for template in rng.sample(words.ACHIEVEMENTS, 3):
        lines.append(_bullet(job) + a.fill(template))
    lines += ["", "4. Next steps"]
    steps = job.gold.section("4. Next steps", ref="4", kind="heading")
    for _ in range(rng.randint(2, 4)):
        text = a.action_text("imperative").rstrip(".")
        due = None
        if rng.random() < 0.5:
            due = a.due(("by_day", "end_of"))
            text = f"{text} by {due.raw}"
        lines.append(_bullet(job) + text)
        job.gold.action(text, section=steps, due=due)
    lines += ["", "5. Risks and issues", "Risk | RAG | Mitigation | Owner"]
    for title in rng.sample(words.RISK_TITLES, 2):
        rag = rng.choice(("red", "amber", "green"))
        mitigation = rng.choice(words.RISK_MITIGATIONS)
        owner = a.person()[2]
        lines.append(f"{title} | {words.RAG_WORDS[rag]} | {mitigation} | {owner}")
        job.gold.risk(title, detail=None, rag=rag, mitigation=mitigation, owner=owner)
    lines += ["", "6. Decisions required from the Board"]
    for template in rng.sample(words.DECISIONS, 2):
        lines.append(_bullet(job) + a.fill(template))
    job.lines = lines
    return "txt"


def _month_heading(job: Job, year: int, month: int, style: str) -> str:
    name = MONTHS[month - 1]
    return {
        "long": f"{name} {year}",
        "short": f"{MONTH_ABBR[month - 1]} {year % 100:02d}",
        "upper": f"{name.upper()} {year}",
    }[style]


def render_roadmap(job: Job) -> str:
    rng, a, d = job.rng, job.author, job.dash
    style = rng.choice(("long", "short", "upper"))
    phases = rng.random() < 0.4
    tags = rng.random() < 0.4
    lead_form = rng.choice(("brackets", "dash", "none"))
    marks = (
        ("✓", "complete"),
        ("Done", "complete"),
        ("In progress", "in_progress"),
        ("On track", "on_track"),
        ("Delayed", "delayed"),
        ("Not started", "not_started"),
    )
    start = a.as_at.replace(day=1)
    first = (start.month - rng.randint(2, 5) - 1) % 12 + 1
    year = start.year - (1 if first > start.month else 0)
    lines = [
        job.plan.title,
        f"Updated {job.plan.as_at_raw}",
        "",
        a.fill(rng.choice(words.INTRO_PROSE)),
        "",
    ]
    phase: Section | None = None
    empty = rng.randrange(3, 8)
    for index in range(rng.randint(6, 10)):
        month = (first + index - 1) % 12 + 1
        y = year + (first + index - 1) // 12
        if phases and index % 4 == 0:
            number = index // 4 + 1
            title = f"Phase {number}: {rng.choice(('Stabilise', 'Improve', 'Embed', 'Sustain'))}"
            phase = job.gold.section(title, ref=f"Phase {number}", kind="heading")
            lines += [title, ""]
        heading = _month_heading(job, y, month, style)
        section = job.gold.section(heading, ref=None, kind="heading", parent=phase)
        due = Due(heading, last_day(y, month).isoformat())
        lines.append(heading)
        if index == empty:
            lines += [rng.choice(("No milestones this month.", "(none)", "")), ""]
            continue
        for _ in range(rng.randint(1, 4)):
            text = a.action_text("imperative").rstrip(".")
            mark, status = rng.choice(marks) if rng.random() < 0.7 else (None, None)
            owner = a.owner() if lead_form != "none" else None
            line = _bullet(job)
            line += f"[{mark}] " if mark and rng.random() < 0.5 else ""
            bracketed = mark and not line.endswith("] ")
            line += text
            if tags:
                line += f" [WS{rng.randint(1, 5)}]"
            if owner:
                line += f" ({owner})" if lead_form == "brackets" else f" {d} {owner}"
            if bracketed:
                line += f" {d} {mark}"
            lines.append(line)
            job.gold.action(
                text,
                section=section,
                owner=owner,
                due=due,
                status=Status(mark, status) if mark else None,
            )
        lines.append("")
    job.lines = lines
    return "txt"


def render_meeting_summary(job: Job) -> str:
    rng, a = job.rng, job.author
    meeting = make_due("long", a.as_at, a.as_at, rng).raw
    lines = [f"SEND Partnership Board {job.dash} summary of the meeting on {meeting}", ""]
    topics = [
        "Welcome and apologies",
        "Minutes and matters arising",
        *rng.sample(words.SECTION_NAMES, rng.randint(3, 5)),
    ]
    for number, topic in enumerate(topics, 1):
        printed = f"{number}. {topic}"
        lines.append(printed)
        if number == 1:
            lines += ["Apologies were received from " + a.person()[0] + ".", ""]
            continue
        section = job.gold.section(printed, ref=str(number), kind="heading")
        speaker = a.person()
        lines.append(
            f"{speaker[0]} explained that {rng.choice(words.OBJECTS)} "
            "had been discussed with schools."
        )
        lines.append("The Board noted " + a.fill(rng.choice(words.ACHIEVEMENTS)).lower())
        if number == 2 and rng.random() < 0.7:
            lines.append("Actions carried forward:")
            for _ in range(rng.randint(1, 2)):
                who = a.initials()
                text = f"{who} to {rng.choice(words.WE_WILL_VERBS)} {rng.choice(words.OBJECTS)}"
                lines.append(f"ACTION (c/f): {text}")
                job.gold.action(text, section=section, owner=who)
            lines.append("")
            continue
        lead_in = rng.choice(
            ("The Board agreed to:", "Agreed actions:", "It was agreed that the partnership would:")
        )
        if rng.random() < 0.7:
            lines.append(lead_in)
            marker = rng.choice(("letter", "bullet", "number"))
            for i in range(rng.randint(1, 3)):
                text = a.action_text(rng.choice(("imperative", "imperative"))).rstrip(".")
                text = text[0].lower() + text[1:]
                prefix = {"letter": f"{LETTERS[i]}) ", "bullet": "• ", "number": f"{i + 1}. "}[
                    marker
                ]
                lines.append(prefix + text)
                job.gold.action(text, section=section)
        if rng.random() < 0.6:
            who = a.initials()
            due = a.due(("by_day", "end_of", "dmy"))
            verb, obj = rng.choice(words.WE_WILL_VERBS), rng.choice(words.OBJECTS)
            text = f"{who} to {verb} {obj} by {due.raw}"
            lines.append(f"ACTION: {text}")
            job.gold.action(text, section=section, owner=who, due=due)
        if rng.random() < 0.5:  # an action written as a sentence: "Sam Ray will …"
            who = a.person()[0]
            due = a.due(("month_year", "end_of"))
            verb, obj = rng.choice(words.WE_WILL_VERBS), rng.choice(words.OBJECTS)
            text = f"{who} will {verb} {obj} by {due.raw}."
            lines.append(text)
            job.gold.action(text, section=section, owner=who, due=due)
        if rng.random() < 0.4:
            lines.append(f"The Board approved {rng.choice(words.OBJECTS)}.")
        lines.append("")
    lines.append(
        f"Date of next meeting: {make_due('long', a.future_day(25, 45), a.as_at, rng).raw}"
    )
    job.lines = lines
    return "txt"


PLAIN_HEADINGS = (
    "how we are doing with assessments",
    "what families told us",
    "getting support in school",
    "growing up and moving on",
    "working together with health",
    "what we have been doing",
    "where we need to do better",
    "Early support",
    "Annual reviews",
    "Health services",
    "Moving on",
    "School transport",
    "Short breaks",
    "Information for families",
    "Your views matter",
    "Support in college",
)


def render_plain_summary(job: Job) -> str:
    rng, a = job.rng, job.author
    lines = [job.plan.title, job.plan.as_at_raw, "", a.fill(rng.choice(words.INTRO_PROSE)), ""]
    for heading in rng.sample(PLAIN_HEADINGS, rng.randint(3, 5)):
        heading = heading[0].upper() + heading[1:] if rng.random() < 0.5 else heading
        section = job.gold.section(heading, ref=None, kind="heading")
        lines.append(heading)
        sentences = []
        for _ in range(rng.randint(1, 3)):
            sentence, status, due = _progress_sentence(job)
            sentences.append(sentence)
            job.gold.action(sentence, section=section, status=status, due=due)
        for template in rng.sample(words.ACHIEVEMENTS, rng.randint(1, 3)):
            sentences.insert(rng.randint(0, len(sentences)), a.fill(template))
        order = list(sentences)
        lines += [" ".join(order)]
        for _ in range(rng.randint(0, 3)):  # one line each, the lead and date in its words
            line, text, fields = _subject_sentence(job)
            lines.append(line)
            job.gold.action(text, section=section, **fields)  # type: ignore[arg-type]
        lines.append("")
    heading = rng.choice(("what happens next", "Next steps", "what we will do next"))
    section = job.gold.section(heading, ref=None, kind="heading")
    lines.append(heading)
    for _ in range(rng.randint(2, 4)):
        text = a.action_text(rng.choice(("we_will", "imperative"))).rstrip(".")
        lines.append(text)
        job.gold.action(text, section=section)
    job.lines = lines
    return "txt"


def render_email_update(job: Job) -> str:
    rng, a = job.rng, job.author
    sender = a.person()
    month = f"{MONTHS[a.as_at.month - 1]} {a.as_at.year}"
    lines = [
        f"From: {sender[0]} <{sender[0].split()[0].lower()}@example.invalid>",
        "To: SEND Partnership Board members",
        f"Subject: SEND improvement plan {job.dash} update for {month}",
        "",
        "Dear colleagues,",
        "",
        a.fill(rng.choice(words.INTRO_PROSE)),
        "",
    ]
    for topic in rng.sample(words.SECTION_NAMES, rng.randint(3, 5)):
        heading = f"Update on {topic.lower()}"
        section = job.gold.section(heading, ref=None, kind="heading")
        lines.append(heading)
        parts = [a.fill(rng.choice(words.ACHIEVEMENTS))]
        for _ in range(rng.randint(1, 2)):
            owner = a.person()
            sentence, status, due = _progress_sentence(job)
            if rng.random() < 0.4:
                sentence = f"{sentence[:-1]}; {owner[0]} is leading this."
                job.gold.action(sentence, section=section, status=status, due=due, owner=owner[0])
            else:
                job.gold.action(sentence, section=section, status=status, due=due)
            parts.append(sentence)
        rng.shuffle(parts)
        lines += [" ".join(parts), ""]
    lines += ["Kind regards,", sender[0], sender[1], job.plan.organisation]
    job.lines = lines
    return "txt"


def render_numbered_outline(job: Job) -> str:
    rng = job.rng
    lines = [
        job.plan.title,
        job.plan.organisation,
        job.plan.as_at_raw,
        "",
        "Contents",
        *[f"{s.number} {s.name} ........ {i + 3}" for i, s in enumerate(job.plan.sections)],
        "",
    ]
    sep = rng.choice(("; ", ", ", " | "))
    for spec in job.plan.sections:
        printed = f"{spec.number} {spec.name}"
        parent = job.gold.section(printed, ref=spec.number, kind="priority")
        lines += [printed, ""]
        for child in spec.children or [spec]:
            section = parent
            if child is not spec:
                printed = f"{child.number} {child.name}"
                section = job.gold.section(
                    printed, ref=child.number, kind="objective", parent=parent
                )
                lines.append(printed)
            for n, act in enumerate(child.actions, 1):
                ref = f"{child.number}.{n}"
                text = act.text.rstrip(".")
                fields = []
                owner = act.owner
                if owner:
                    fields.append(f"Lead: {owner}")
                if act.due:
                    fields.append(f"Due: {act.due.raw}")
                if act.status and rng.random() < 0.6:
                    fields.append(f"Status: {act.status.raw}")
                    status = act.status
                else:
                    status = None
                lines.append(f"{ref} {text} ({sep.join(fields)})" if fields else f"{ref} {text}")
                job.gold.action(
                    text, section=section, ref=ref, owner=owner, due=act.due, status=status
                )
            lines.append("")
    job.lines = lines
    return "txt"


def _commitment(job: Job) -> tuple[str, dict[str, object]]:
    """A letter's commitment, written as one sentence of a paragraph in one of the ways a
    director writes them, and its gold fields (the lead only where the sentence names one)."""
    rng, a = job.rng, job.author
    name, role, _ = a.person()
    verb, obj = rng.choice(words.VERBS).lower(), rng.choice(words.OBJECTS)
    due = a.due(("month_year", "long", "end_of", "by_day")) if rng.random() < 0.75 else None
    when = f"by {'the ' if due and due.raw.startswith('end') else ''}{due.raw}" if due else ""
    team = rng.choice(words.TEAMS)
    shape = rng.randrange(7)
    owner: str | None = None
    if shape == 0:
        sentence = f"We will {verb} {obj} {when}".rstrip()
    elif shape == 5 and due:  # the date first, nobody named: "From May 2026 every school will …"
        sentence = f"From {due.raw} we will {verb} {obj}"
    elif shape == 6:  # a commitment after a linking phrase
        link = rng.choice(("In response", "To put this right", "As a first step", "Alongside this"))
        sentence = f"{link}, we will {verb} {obj} {when}".rstrip()
    elif shape == 1:
        sentence, owner = f"{name}, our {role}, will {verb} {obj} {when}".rstrip(), name
    elif shape == 2:
        owner = rng.choice((name, f"{name}, {role}"))
        sentence = f"The {team} (lead: {owner}) will {verb} {obj} {when}".rstrip()
    elif shape == 3 and due:
        sentence, owner = f"B{when[1:]}, the {team} will {verb} {obj}", f"the {team}"
    else:
        sentence, owner = f"The {team} will {verb} {obj} {when}".rstrip(), f"The {team}"
    if shape == 5 and due:  # "from May" says when it starts, not when it is due
        return f"{sentence}.", {"owner": owner, "start": due}
    return f"{sentence}.", {"owner": owner, "due": due}


def render_letter(job: Job) -> str:
    """A director's letter to families or partners after the inspection: numbered (or plain)
    paragraphs where commitments sit among what families said, findings, apologies and
    thanks; only the commitments are actions, each paragraph's number its ref ("4.a" and
    "4.b" where it holds two)."""
    rng, a = job.rng, job.author
    director = a.person()
    letter_date = make_due("long", a.as_at, a.as_at, rng).raw
    job.gold.plan["as_at_raw"] = letter_date
    job.gold.plan["as_at"] = a.as_at.isoformat()
    numbered = rng.random() < 0.75
    lines = [
        job.plan.organisation,
        "Civic Centre, Market Street",
        "",
        rng.choice((f"Date: {letter_date}", letter_date)),
        "",
        rng.choice(("Dear parents and carers,", "Dear colleagues,", "Dear partners,")),
        "",
        job.plan.title,
        "",
    ]
    for number in range(1, rng.randint(5, 10) + 1):
        sentences: list[str | tuple[str, dict[str, object]]] = [
            a.fill(template) for template in rng.sample(words.LETTER_CONTEXT, rng.randint(1, 3))
        ]
        for _ in range(rng.choice((0, 1, 1, 1, 2, 2, 3))):
            sentences.insert(rng.randint(0, len(sentences)), _commitment(job))
        commitments = [s for s in sentences if isinstance(s, tuple)]
        for index, (sentence, fields) in enumerate(commitments):
            ref = None
            if numbered:
                ref = f"{number}.{LETTERS[index]}" if len(commitments) > 1 else str(number)
            job.gold.action(sentence, section=None, ref=ref, **fields)  # type: ignore[arg-type]
        text = " ".join(s[0] if isinstance(s, tuple) else s for s in sentences)
        lines += [f"{number}. {text}" if numbered else text, ""]
    lines += [
        "If you have any questions, please contact the SEND team on 01234 567890.",
        "",
        "Yours sincerely,",
        "",
        director[0],
        director[1],
    ]
    job.lines = lines
    return "txt"


def render_cabinet_report(job: Job) -> str:
    """A council cabinet report: numbered paragraphs (1.1, 1.2 …) under numbered parts, the
    recommendations to cabinet (decisions asked, not actions), background, finance, law and
    equalities; only the implementation part's commitments are actions, each paragraph's
    number its ref."""
    rng, a = job.rng, job.author
    lines = [
        job.plan.organisation,
        rng.choice(("Cabinet", "Report to Cabinet", "Executive")),
        make_due("long", a.as_at, a.as_at, rng).raw,
        "",
        job.plan.title,
        "",
    ]
    job.gold.plan["as_at_raw"] = lines[2]
    job.gold.plan["as_at"] = a.as_at.isoformat()
    parts = ["Purpose of the report", "Recommendations", "Background", "Implementation"]
    parts += rng.sample(["Financial implications", "Legal implications", "Equalities"], 2)
    for number, part in enumerate(parts, 1):
        heading = f"{number}. {part}"
        lines += [heading, ""]
        paragraph = 1
        if part == "Recommendations":
            lines += [f"{number}.1 Cabinet is recommended to:", ""]
            for letter, ask in zip(LETTERS, rng.sample(words.CABINET_ASKS, 3), strict=False):
                lines.append(f"({letter}) {a.fill(ask)};")
            lines.append("")
            continue
        if part == "Implementation":
            section = job.gold.section(heading, ref=str(number), kind="heading")
            for template in rng.sample(words.REPORT_CONTEXT, rng.randint(1, 2)):
                lines += [f"{number}.{paragraph} {a.fill(template)}", ""]
                paragraph += 1
            for _ in range(rng.randint(4, 9)):
                sentence, fields = _commitment(job)
                ref = f"{number}.{paragraph}"
                lines += [f"{ref} {sentence}", ""]
                job.gold.action(sentence, section=section, ref=ref, **fields)  # type: ignore[arg-type]
                paragraph += 1
            continue
        for template in rng.sample(words.REPORT_CONTEXT, rng.randint(2, 3)):
            lines += [f"{number}.{paragraph} {a.fill(template)}", ""]
            paragraph += 1
    job.lines = lines
    return "txt"
