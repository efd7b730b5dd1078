"""Text layouts of tables: flattened HTML, wrapped pipes, labels, glued minutes, tool exports.

Each ``render_*`` takes a :class:`Job`, writes the document's lines and its gold, and returns
the file's extension. The table is the truth; the layout decides what survives of it.
"""

from __future__ import annotations

import csv
import io
import textwrap

from training.synthetic import words
from training.synthetic.content import ActionSpec, Status, make_due
from training.synthetic.gold import Section
from training.synthetic.layout import LETTERS, Job, pick_section_style
from training.synthetic.noise import header_case, join_cells

NAV_NOISE = (
    "Skip to main content",
    "Home > Education and learning > SEND > Improvement plan",
    "Cookies on this website",
    "Accept additional cookies",
)
NAV_FOOTER = ("Back to top", "Was this page useful? Yes No", "Report a problem with this page")


def _flat_actions(job: Job) -> list[tuple[Section, str, list[ActionSpec]]]:
    """Sections (printed, with gold) and their actions, children flattened in order."""
    style, kind = pick_section_style(job.rng, "priority", "weakness", "letter", "workstream", "ws")
    out = []
    for spec in job.plan.sections:
        printed, section = job.section(spec.number, spec.name, style, kind)
        out.append((section, printed, spec.actions))
    return out


def _rag_or_status(job: Job) -> str:
    return job.rng.choice(("rag", "status", "both", "none"))


def render_html_flat(job: Job) -> str:
    rng, a = job.rng, job.author
    per_line = rng.random() < 0.4
    show = _rag_or_status(job)
    rag_print = a.rag_printer()
    measures_col = per_line and rng.random() < 0.7
    header = ["Ref", "Action", "Lead", "Timescale"]
    header += ["Status"] if show in ("status", "both") else []
    header += ["RAG"] if show in ("rag", "both") else []
    header += ["Measures of success"] if measures_col else []
    header = [header_case(rng, job.noise, h) for h in header]
    lines = list(NAV_NOISE[: rng.randint(1, 4)]) if per_line else []
    lines += [job.plan.title, f"Last updated: {job.plan.as_at_raw}", ""]
    lines += header if per_line else [" ".join(header)]
    for section, printed, actions in _flat_actions(job):
        lines.append(printed)
        for n, act in enumerate(actions, 1):
            ref = f"{section.ref}.{n}" if section.ref else str(n)
            cells = [ref, act.text, act.owner or "", act.due.raw if act.due else ""]
            status = act.status if show in ("status", "both") else None
            rag = act.rag if show in ("rag", "both") else None
            cells += [status.raw] if status else []
            cells += [rag_print(rag)] if rag else []
            measures = act.measures if measures_col else []
            if measures_col:
                cells.append(" ".join(measures))
            if per_line:
                lines.extend(cell for cell in cells if cell)
            elif rng.random() < 0.3 and " " in act.text[20:]:
                cut = act.text.index(" ", 20)  # a <br> inside the action cell
                lines.append(" ".join([ref, act.text[:cut]]))
                lines.append(" ".join([act.text[cut + 1 :], *cells[2:]]).strip())
            else:
                lines.append(" ".join(c for c in cells if c))
            job.gold.action(
                act.text,
                section=section,
                ref=ref,
                owner=act.owner,
                due=act.due,
                status=status,
                rag=rag,
                measures=measures[:1] if measures else [],
            )
            if measures and len(measures) > 1:
                job.gold.actions[-1]["measures"] = [" ".join(measures)]
    if per_line:
        lines += ["", *NAV_FOOTER[: rng.randint(1, 3)]]
    job.lines = lines
    return "txt"


def _wrap_cell(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False) or [""]


def render_pipe_wrapped(job: Job) -> str:
    rng, a, noise = job.rng, job.author, job.noise
    update_sets = (
        ("Update Jan {y}", "Update Mar {y}"),
        ("Oct update", "Dec update", "Feb update"),
        ("Q1 update", "Q2 update"),
    )
    year = job.plan.as_at.year
    updates = [u.format(y=year) for u in rng.choice(update_sets)]
    status_col = rng.random() < 0.4
    measure_col = rng.random() < 0.5
    header = ["Ref", "Action", "Lead", "Due", *updates]
    header += ["Status"] if status_col else []
    header += ["Success measure"] if measure_col else []
    widths = [6, 38, 16, 12] + [22] * len(updates) + ([12] if status_col else [])
    widths += [24] if measure_col else []
    if not noise.lossy:
        widths = [200] * len(widths)
    header = [header_case(rng, noise, h) for h in header]
    title = f"{job.plan.title} {noise.dash} progress {job.plan.as_at_raw}"
    rows: list[list[list[str]]] = []
    for section, printed, actions in _flat_actions(job):
        rows.append([[printed]])
        for n, act in enumerate(actions, 1):
            ref = f"{section.ref}.{n}" if section.ref else str(n)
            history = [a.status() for _ in updates]
            status = a.status() if status_col else history[-1]
            cells = [ref, act.text, act.owner or "", act.due.raw if act.due else ""]
            cells += [s.raw for s in history]
            cells += [status.raw] if status_col else []
            measure = act.measures[0] if act.measures else ""
            cells += [measure] if measure_col else []
            rows.append([_wrap_cell(c, w) for c, w in zip(cells, widths, strict=True)])
            job.gold.action(
                act.text,
                section=section,
                ref=ref,
                owner=act.owner,
                due=act.due,
                status=status,
                measures=[measure] if measure_col and measure else [],
                status_history=[
                    {"column": u, "value": s.raw} for u, s in zip(updates, history, strict=True)
                ],
            )
    lines: list[str] = []
    per_page = rng.randint(5, 9)
    pages = [rows[i : i + per_page] for i in range(0, len(rows), per_page)]
    for number, page in enumerate(pages, 1):
        lines += [title, "", join_cells(header, " | ", noise, rng)]
        for row in page:
            height = max(len(cell) for cell in row)
            split = noise.lossy and row is page[-1] and height > 2 and rng.random() < 0.5
            for i in range(height):
                if split and i == height // 2:
                    lines += [
                        "",
                        f"Page {number} of {len(pages)}",
                        title,
                        join_cells(header, " | ", noise, rng),
                    ]
                parts = [cell[i] if i < len(cell) else "" for cell in row]
                lines.append(" | ".join(parts).rstrip())
        lines += ["", f"Page {number} of {len(pages)}", ""]
    job.lines = lines
    return "txt"


def render_label_deliverables(job: Job) -> str:
    rng, a, d = job.rng, job.author, job.dash
    mode = rng.choice(("long", "per_line", "wrapped"))
    label_style = rng.choice(("lead_colon", "ws_dash", "letter_lead"))
    runs_on = mode == "wrapped" or label_style == "lead_colon" or rng.random() < 0.3
    letters_only = rng.random() < 0.5
    lines = [job.plan.title, job.plan.as_at_raw, ""]
    counter = 0
    sections = job.plan.sections
    empty_at = rng.randrange(len(sections))
    for index, spec in enumerate(sections):
        name, role, _ = a.person()
        first, last = name.split(" ", 1)
        lead = rng.choice((name, f"{first[0]}. {last}"))
        letter = LETTERS[index].upper()
        label, ref = {
            "lead_colon": (f"{spec.name} {d} Lead: {lead}", None),
            "ws_dash": (f"WS{spec.number} {spec.name} {d} {lead}", f"WS{spec.number}"),
            "letter_lead": (f"{letter}. {spec.name}: Lead {d} {lead}", letter),
        }[label_style]
        title = (
            label.rsplit(f" {d} Lead: ", 1)[0]
            if label_style == "lead_colon"
            else (
                label.rsplit(f" {d} ", 1)[0]
                if label_style == "ws_dash"
                else f"{letter}. {spec.name}"
            )
        )
        section = job.gold.section(title, ref=ref, kind="workstream")
        if index == empty_at:
            lines += [f"{label} |", ""]
            continue
        items = []
        for n, act in enumerate(spec.actions, 1):
            counter += 1
            number = counter if runs_on else n
            colour = words.RAG_WORDS[act.rag]
            tag = f" [{colour[0] if letters_only else colour}]" if mode == "wrapped" else ""
            items.append(f"{number}. {act.text}{tag}")
            gold_ref = str(number) if runs_on else f"{section.ref}.{number}"
            job.gold.action(
                act.text,
                section=section,
                ref=gold_ref,
                owner=lead,
                rag=act.rag if tag else None,
            )
        if mode == "long":
            lines.append(f"{label} | " + " ".join(items))
        elif mode == "per_line":
            lines.append(f"{label} | {items[0]}")
            lines.extend(items[1:])
        else:
            body = textwrap.wrap(f"{label} | " + " ".join(items), rng.randint(70, 110))
            lines.extend(body)
        lines.append("")
    job.lines = lines
    return "txt"


def render_minutes_glued(job: Job) -> str:
    rng, a = job.rng, job.author
    if rng.random() < 0.4:
        return _minutes_notes_glued(job)
    one_line = rng.random() < 0.35
    labels = rng.choice(
        (("Action", "Owner", "Due", "Status"), ("Action", "Action by", "Deadline", "RAG"))
    )
    rag_print = a.rag_printer()
    meeting = make_due("long", a.as_at, a.as_at, rng).raw
    title = f"SEND Improvement Board {job.dash} minutes of the meeting held on {meeting}"
    lines = [title, _present(job), ""]
    topics = rng.sample(words.SECTION_NAMES, rng.randint(4, 7))
    for number, topic in enumerate(topics, 1):
        item = f"Item{number}. {topic}"
        section = job.gold.section(f"{number}. {topic}", ref=str(number), kind="heading")
        discussion = "Discussion" + a.fill(rng.choice(words.ACHIEVEMENTS))
        cells = [item, discussion]
        if rng.random() < 0.25:
            cells.append("Action" + rng.choice(("None", "–", "N/A", "")))
        else:
            act = a.action()
            subject = rng.choice(
                ("All SENCOs", a.person()[1], "The DCO", "EP service", a.initials())
            )
            verb = rng.choice(words.WE_WILL_VERBS)
            text = f"{subject} to {verb} {rng.choice(words.OBJECTS)}"
            owner = act.owner or a.person()[1]
            cells += ["Action" + text, labels[1] + owner]
            due = act.due
            cells.append(labels[2] + (due.raw if due else ""))
            if labels[3] == "RAG":
                cells.append("RAG" + rag_print(act.rag)[0 if rag_print.style != "bracket" else 1])
                job.gold.action(text, section=section, owner=owner, due=due, rag=act.rag)
            else:
                assert act.status is not None
                cells.append("Status" + act.status.raw)
                job.gold.action(text, section=section, owner=owner, due=due, status=act.status)
        if one_line:
            lines.append("".join(cells))
        else:
            lines.extend(cells)
            lines.append("")
    lines += ["", _next_meeting(job)]
    job.lines = lines
    return "txt"


def _present(job: Job) -> str:
    return "Present: " + ", ".join(p[0] for p in job.author.people[:4])


def _next_meeting(job: Job) -> str:
    a = job.author
    return f"Date of next meeting: {make_due('long', a.future_day(20, 40), a.as_at, job.rng).raw}"


def _minutes_notes_glued(job: Job) -> str:
    """Minutes flattened from an "Item | Notes and actions" table: each item's title glued to
    its notes, and the actions glued on after an "Actions" label, as sentences."""
    rng, a = job.rng, job.author
    meeting = make_due("long", a.as_at, a.as_at, rng).raw
    lines = [
        f"{a.organisation()} SEND Sub-Group",
        f"Minutes of the meeting on {meeting}",
        "",
        _present(job),
        "",
        rng.choice(("ItemNotes and actions", "TopicDiscussion and agreed actions")),
    ]
    for number, topic in enumerate(rng.sample(words.SECTION_NAMES, rng.randint(4, 6)), 1):
        section = job.gold.section(f"{number}. {topic}", ref=str(number), kind="heading")
        notes = f"{a.person()[0]} {rng.choice(('reported that', 'explained that'))} " + a.fill(
            rng.choice(words.ACHIEVEMENTS)
        ).lower().rstrip(".")
        line = f"{number}. {topic}{notes}."
        if rng.random() < 0.25:
            lines.append(line + " No actions.")
            continue
        sentences = []
        for _ in range(rng.randint(1, 3)):
            who = rng.choice((a.person()[0], a.person()[1], "The DCO", "Health colleagues"))
            verb, obj = rng.choice(words.WE_WILL_VERBS), rng.choice(words.OBJECTS)
            due = a.due(("month_year", "by_day", "end_of"))
            joiner = rng.choice(("to", "will"))
            text = f"{who} {joiner} {verb} {obj} by {due.raw}."
            sentences.append(text)
            job.gold.action(text, section=section, owner=who, due=due)
        lines.append(f"{line} Actions" + " ".join(sentences))
    lines += ["", _next_meeting(job)]
    job.lines = lines
    return "txt"


def render_project_export(job: Job) -> str:
    variant = job.rng.choice(("smartsheet", "msproject", "planner"))
    rows = {"smartsheet": _smartsheet, "msproject": _msproject, "planner": _planner}[variant](job)
    rng, noise = job.rng, job.noise
    as_csv = rng.random() < 0.3
    if as_csv:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter="\t", lineterminator="\n").writerows(rows)
        job.lines = buffer.getvalue().splitlines()
    else:
        job.lines = ["\t".join(r) for r in rows]
    if noise.strip_delimiters:
        job.lines = [line.replace("\t", "  ") for line in job.lines]
    return "csv" if as_csv else "txt"


def _smartsheet(job: Job) -> list[list[str]]:
    rng, a = job.rng, job.author
    health = {"green": "Green", "amber": "Yellow", "red": "Red", "blue": "Blue"}
    rows = [["Task Name", "Level", "Assigned To", "Start Date", "End Date", "Health", "Status"]]
    for spec in job.plan.sections:
        section = job.gold.section(spec.name, ref=None, kind="workstream")
        rows.append([spec.name, "1", "", "", "", "", ""])
        for act in spec.actions:
            start = make_due("iso", a.as_at, a.as_at, rng)
            due = a.due(("iso",))
            rag = act.rag if act.rag != "blue" or rng.random() < 0.5 else "green"
            assert act.status is not None
            rows.append(
                [act.text, "2", act.owner or "", start.raw, due.raw, health[rag], act.status.raw]
            )
            job.gold.action(
                act.text,
                section=section,
                owner=act.owner,
                start=start,
                due=due,
                status=act.status,
                rag=rag,
            )
        milestone = a.due(("iso",))
        text = f"{spec.name} milestone review complete"
        rows.append([f"Milestone: {text}", "2", "", "", milestone.raw, "", ""])
        job.gold.milestone(f"Milestone: {text}", section=section, due=milestone)
    return rows


def _msproject(job: Job) -> list[list[str]]:
    rng, a = job.rng, job.author
    rows = [
        [
            "ID",
            "WBS",
            "Task Name",
            "Summary",
            "Duration",
            "Start",
            "Finish",
            "% Complete",
            "Resource Names",
        ]
    ]
    rows.append(["0", "0", job.plan.title, "Yes", "400 days", "", "", "35%", ""])
    counter = 1
    for spec in job.plan.sections:
        section = job.gold.section(f"{spec.name}", ref=spec.number, kind="workstream")
        rows.append([str(counter), spec.number, spec.name, "Yes", "", "", "", "", ""])
        counter += 1
        for n, act in enumerate(spec.actions, 1):
            start = make_due("msproject", a.as_at, a.as_at, rng)
            due = a.due(("msproject",))
            pct = rng.choice((0, 0, 25, 50, 75, 100, 100))
            status = Status(
                f"{pct}%",
                "complete" if pct == 100 else "not_started" if pct == 0 else "in_progress",
            )
            wbs = f"{spec.number}.{n}"
            rows.append(
                [
                    str(counter),
                    wbs,
                    act.text,
                    "No",
                    f"{rng.randint(5, 200)} days",
                    start.raw,
                    due.raw,
                    status.raw,
                    act.owner or "",
                ]
            )
            counter += 1
            job.gold.action(
                act.text,
                section=section,
                ref=wbs,
                owner=act.owner,
                start=start,
                due=due,
                status=status,
            )
    return rows


def _planner(job: Job) -> list[list[str]]:
    rng, a = job.rng, job.author
    progress = (
        ("Not started", "not_started"),
        ("In progress", "in_progress"),
        ("Completed", "complete"),
    )
    rows = [
        [
            "Task ID",
            "Task Name",
            "Bucket Name",
            "Progress",
            "Priority",
            "Assigned To",
            "Created By",
            "Start date",
            "Due date",
            "Labels",
        ]
    ]
    for spec in job.plan.sections:
        section = job.gold.section(spec.name, ref=None, kind="workstream")
        for act in spec.actions:
            raw, norm = rng.choice(progress)
            due = a.due(("dmy",))
            task_id = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(10))
            owner = a.person()[0]
            rag = act.rag if rng.random() < 0.8 else None
            label = ";".join(
                filter(None, [words.RAG_WORDS[rag] if rag else "", f"WS{spec.number}"])
            )
            rows.append(
                [
                    task_id,
                    act.text,
                    spec.name,
                    raw,
                    rng.choice(("Medium", "Important", "Urgent")),
                    owner,
                    a.person()[0],
                    a.as_at.strftime("%d/%m/%Y"),
                    due.raw,
                    label,
                ]
            )
            job.gold.action(
                act.text, section=section, owner=owner, due=due, status=Status(raw, norm), rag=rag
            )
    return rows


def render_csv_tracker(job: Job) -> str:
    rng, a = job.rng, job.author
    header = [
        "ID",
        "Workstream",
        "Action",
        "Lead officer",
        "Partners",
        "Start",
        "Target date",
        "Status",
        "RAG",
        "Success measure",
        "Comments",
    ]
    rag_print = a.rag_printer()
    rows = [[header_case(rng, job.noise, h) for h in header]]
    if rng.random() < 0.5:
        rows.append(
            [
                "",
                "",
                "What we will do",
                "The person responsible for delivery",
                "",
                "",
                "When it will be done by",
                "",
                "Blue = complete",
                "",
                "",
            ]
        )
    for spec in job.plan.sections:
        label = f"WS{spec.number} {spec.name}"
        section = job.gold.section(label, ref=f"WS{spec.number}", kind="workstream")
        for n, act in enumerate(spec.actions, 1):
            ref = f"{spec.number}.{n}"
            rows.append(
                [
                    ref,
                    label,
                    act.text,
                    act.owner or "",
                    ", ".join(act.partners),
                    act.start.raw if act.start else "",
                    act.due.raw if act.due else "",
                    act.status.raw if act.status else "",
                    rag_print(act.rag),
                    act.measures[0] if act.measures else "",
                    rng.choice(("", "", "See update")),
                ]
            )
            job.gold.action(
                act.text,
                section=section,
                ref=ref,
                owner=act.owner,
                partners=act.partners,
                start=act.start,
                due=act.due,
                status=act.status,
                rag=act.rag,
                measures=act.measures[:1],
            )
        if rng.random() < 0.3:
            rows.append(
                [
                    f"{spec.number}.{len(spec.actions) + 1}",
                    label,
                    "",
                    a.person()[1],
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
    rows.append(["", "", f"Total actions: {len(job.gold.actions)}", "", "", "", "", "", "", "", ""])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    job.lines = buffer.getvalue().splitlines()
    return "csv"


def render_action_owner_form(job: Job) -> str:
    rng, a, noise = job.rng, job.author, job.noise
    lines = [
        job.plan.title,
        f"{job.plan.organisation}",
        "",
        a.fill(rng.choice(words.INTRO_PROSE)),
        "",
        join_cells(
            [header_case(rng, noise, "Action"), header_case(rng, noise, "Owner")], " | ", noise, rng
        ),
    ]
    style, kind = pick_section_style(rng, "number", "letter", "priority")
    for spec in job.plan.sections:
        printed, section = job.section(spec.number, spec.name, style, kind)
        lines += ["", printed]
        for act in spec.actions:
            owner = act.owner or a.person()[1]
            lines.append(join_cells([act.text, owner], " | ", noise, rng))
            job.gold.action(act.text, section=section, owner=owner)
    lines += [
        "",
        "Completed by: ____________",
        "Signed off by the SEND Partnership Board: ____",
        "Date: ________",
    ]
    job.lines = lines
    return "txt"


def render_pdf_columns(job: Job) -> str:
    rng, a, noise = job.rng, job.author, job.noise
    width = 46 if noise.lossy else 400
    org = job.plan.organisation
    lead = max(len(act.owner or "") for spec in job.plan.sections for act in spec.actions) + 2
    header = f"{'Ref':<6}{'Action':<{min(width, 60)}}  {'Lead':<{lead}}{'By when':<16}Progress"
    lines = [
        f"{org}{' ' * 8}OFFICIAL",
        job.plan.title,
        f"Version 3.{rng.randint(0, 9)} {job.plan.as_at_raw}",
        "",
        header,
    ]
    style, kind = pick_section_style(rng, "priority", "area", "number")
    row_count = 0
    for spec in job.plan.sections:
        printed, section = job.section(spec.number, spec.name, style, kind)
        lines += ["", printed.upper() if rng.random() < 0.3 else printed]
        if printed.upper() == lines[-1] and printed != lines[-1]:
            job.gold.plan["sections"][-1]["title"] = lines[-1]
            section = Section(section.ref, lines[-1])
        for n, act in enumerate(spec.actions, 1):
            ref = f"{spec.number}.{n}"
            chunks = textwrap.wrap(act.text, width)
            due_raw = act.due.raw if act.due else ""
            assert act.status is not None
            owner = act.owner or ""
            first = f"{ref:<6}{chunks[0]:<{min(width, 60)}}  {owner:<{lead}}{due_raw:<16}"
            first += act.status.raw
            lines.append(first.rstrip())
            lines.extend(f"{'':<6}{c}" for c in chunks[1:])
            job.gold.action(
                act.text,
                section=section,
                ref=ref,
                owner=act.owner,
                due=act.due if due_raw else None,
                status=act.status,
            )
            row_count += 1
            if row_count % 8 == 0:
                lines += ["", f"Page {row_count // 8 + 1}", f"{org}{' ' * 8}OFFICIAL", header]
    lines += ["", f"Printed {a.as_at.strftime('%d/%m/%Y')}"]
    job.lines = lines
    return "txt"
