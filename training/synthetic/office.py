"""Word and Excel layouts: tables of paragraphs, trackers, outcome documents, Gantt grids.

The files are saved with fixed timestamps, so the same seed gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime

import docx
import openpyxl
from docx.document import Document as DocxDocument
from docx.table import Table
from openpyxl.styles import Font, PatternFill

from training.synthetic import words
from training.synthetic.content import Due, SectionSpec, Status, last_day
from training.synthetic.layout import LETTERS, Job, pick_section_style
from training.synthetic.noise import header_case

FIXED = datetime(2024, 1, 1)


def _stable_zip(data: bytes) -> bytes:
    """The same archive with every member dated 1 January 2024, so bytes depend on the seed
    (and the saved-at time a writer stamps into ``docProps/core.xml`` fixed too)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", content
                )
            target.writestr(member, content)
    return out.getvalue()


def _save_docx(document: DocxDocument) -> bytes:
    document.core_properties.created = FIXED
    document.core_properties.modified = FIXED
    document.core_properties.author = "sendtrack synthetic"
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue())


def _save_xlsx(book: openpyxl.Workbook) -> bytes:
    book.properties.created = FIXED
    book.properties.modified = FIXED
    buffer = io.BytesIO()
    book.save(buffer)
    return _stable_zip(buffer.getvalue())


def _cell_lines(table: Table, row: int, column: int, lines: list[str]) -> None:
    cell = table.cell(row, column)
    cell.text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def _intro(job: Job, document: DocxDocument) -> None:
    document.add_heading(job.plan.title, 0)
    document.add_paragraph(job.plan.organisation)
    document.add_paragraph(job.plan.as_at_raw)
    document.add_paragraph(job.author.fill(job.rng.choice(words.INTRO_PROSE)))


def render_word_paragraphs(job: Job) -> bytes:
    rng, a = job.rng, job.author
    document = docx.Document()
    _intro(job, document)
    merged_rows = rng.random() < 0.5
    finding_col = rng.random() < 0.4
    per_action_leads = rng.random() < 0.6
    marker = rng.choice(("none", "dash", "bullet", "numbered", "mixed"))
    header = ["Ref", "Actions", "Lead", "Timescale"] + (
        ["Inspection finding"] if finding_col else []
    )
    style, kind = pick_section_style(rng, "priority", "area", "letter", "workstream")
    table: Table | None = None

    def new_table() -> Table:
        t = document.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        for i, h in enumerate(header):
            t.cell(0, i).text = header_case(rng, job.noise, h)
        return t

    for spec in job.plan.sections:
        printed, section = job.section(spec.number, spec.name, style, kind)
        if merged_rows:
            table = table or new_table()
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[-1])
            merged.text = printed
        else:
            document.add_heading(printed, 2)
            table = new_table()
        for child in spec.children or [spec]:
            row_ref = f"{spec.number}.{len(table.rows)}" if child is spec else child.number
            row = table.add_row()
            index = len(table.rows) - 1
            paragraphs, leads, dues = [], [], []
            if rng.random() < 0.4:
                paragraphs.append(rng.choice(("We will:", "In order to achieve this we will:")))
                leads.append("")
                dues.append("")
            row_owner = a.owner() or a.person()[1]
            row_due = a.due(("month_year", "term", "dmy", "quarter"))
            for n, act in enumerate(child.actions, 1):
                text = act.text
                this = (
                    marker
                    if marker != "mixed"
                    else rng.choice(("none", "dash", "bullet", "numbered"))
                )
                ref = f"{row_ref}.{LETTERS[n - 1]}"
                printed_text = {
                    "none": text,
                    "dash": f"- {text}",
                    "bullet": f"• {text}",
                    "numbered": f"{row_ref}.{n} {text}",
                }[this]
                if this == "numbered":
                    ref = f"{row_ref}.{n}"
                paragraphs.append(printed_text)
                leads.append(act.owner or "")
                dues.append(act.due.raw if act.due else "")
                if rng.random() < 0.15:
                    paragraphs.append("")
                    leads.append("")
                    dues.append("")
                owner = (act.owner or None) if per_action_leads else row_owner
                due = act.due if per_action_leads else row_due
                job.gold.action(
                    text,
                    section=section,
                    ref=ref,
                    owner=owner,
                    due=due,
                    finding=_row_finding(child) if finding_col else None,
                )
            table.cell(index, 0).text = row_ref
            _cell_lines(table, index, 1, paragraphs)
            if per_action_leads:
                _cell_lines(table, index, 2, leads)
                _cell_lines(table, index, 3, dues)
            else:
                table.cell(index, 2).text = row_owner
                table.cell(index, 3).text = row_due.raw
            if finding_col:
                table.cell(index, 4).text = _row_finding(child)
        if not merged_rows:
            document.add_paragraph("")
    document.add_paragraph("Glossary: EHCNA – education, health and care needs assessment.")
    job.lines = []
    return _save_docx(document)


def _row_finding(child: SectionSpec) -> str:
    """One finding per row, chosen from the row's name so every action in it agrees."""
    return words.FINDINGS[sum(ord(c) for c in child.name) % len(words.FINDINGS)]


BRAG_STYLES = ("word", "lower", "upper", "letter")


def render_excel_tracker(job: Job) -> bytes:
    rng, a = job.rng, job.author
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Action Plan"
    merge = rng.random() < 0.65
    brag_style = rng.choice(BRAG_STYLES)
    real_dates = rng.random() < 0.5
    header = ["Ref", "Action", "Owner", "Due date", "BRAG", "Update", "Measure of success"]
    sheet.append([job.plan.title])
    sheet.append([f"Position {job.plan.as_at_raw}"])
    sheet.append([header_case(rng, job.noise, h) for h in header])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    if rng.random() < 0.6:
        sheet.append(
            [
                "",
                "What we will do",
                "The name of the person who is responsible for the action",
                "When the action will be finished",
                "Blue, Red, Amber or Green",
                "",
                "",
            ]
        )
    glossary = {abbrev: role for _, role, abbrev in a.people}
    width = len(header)

    def heading_row(text: str) -> None:
        sheet.append([text])
        row = sheet.max_row
        sheet.cell(row, 1).font = Font(bold=True)
        if merge:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)

    for spec in job.plan.sections:
        printed = f"Priority {spec.number}: {spec.name}"
        top = job.gold.section(printed, ref=spec.number, kind="priority")
        heading_row(printed)
        for child in spec.children or [spec]:
            section = top
            if child is not spec:
                obj = f"Objective {child.number} {child.name}"
                section = job.gold.section(obj, ref=child.number, kind="objective", parent=top)
                heading_row(obj)
            for n, act in enumerate(child.actions, 1):
                ref = f"{child.number}.{n}"
                owner = act.owner or a.person()[2]
                due = act.due
                value: object = due.raw if due else ""
                if real_dates and due and due.iso and rng.random() < 0.8:
                    day = date.fromisoformat(due.iso)
                    value = day
                    due = Due(day.strftime("%d/%m/%Y"), due.iso)
                word = words.RAG_WORDS[act.rag]
                brag = {
                    "word": word,
                    "lower": word.lower(),
                    "upper": word.upper(),
                    "letter": word[0],
                }[brag_style]
                if brag_style == "word" and rng.random() < 0.3:
                    brag = rng.choice((word.lower(), word.upper()))
                assert act.status is not None
                measure = act.measures[0] if act.measures else ""
                sheet.append([ref, act.text, owner, value, brag, act.status.raw, measure])
                if isinstance(value, date):
                    sheet.cell(sheet.max_row, 4).number_format = "DD/MM/YYYY"
                fill = {"red": "FF0000", "amber": "FFC000", "green": "00B050", "blue": "0070C0"}[
                    act.rag
                ]
                sheet.cell(sheet.max_row, 5).fill = PatternFill("solid", fgColor=fill)
                job.gold.action(
                    act.text,
                    section=section,
                    ref=ref,
                    owner=owner,
                    due=due,
                    status=act.status,
                    rag=act.rag,
                    measures=[measure] if measure else [],
                )
            if rng.random() < 0.2:
                sheet.append(
                    [f"{child.number}.{len(child.actions) + 1}", "", a.person()[2], "", "", "", ""]
                )
    counts = {
        c: sum(1 for x in job.gold.actions if x["rag"] == c)
        for c in ("blue", "red", "amber", "green")
    }
    sheet.append(
        [
            "Total",
            f"{len(job.gold.actions)} actions",
            "",
            "",
            ", ".join(f"{k.title()} {v}" for k, v in counts.items()),
            "",
            "",
        ]
    )
    risks = book.create_sheet("Risk Register")
    risks.append(["Risk", "Description", "RAG", "Mitigation", "Owner"])
    for title in rng.sample(words.RISK_TITLES, 3):
        rag = rng.choice(("red", "amber", "green"))
        mitigation = rng.choice(words.RISK_MITIGATIONS)
        owner = a.person()[2]
        detail = f"If this is not addressed, {rng.choice(words.OBJECTS)} will be delayed."
        risks.append([title, detail, words.RAG_WORDS[rag], mitigation, owner])
        job.gold.risk(title, detail=detail, rag=rag, mitigation=mitigation, owner=owner)
    _key_and_notes(job, book, glossary)
    return _save_xlsx(book)


def _key_and_notes(job: Job, book: openpyxl.Workbook, glossary: dict[str, str]) -> None:
    """A Key sheet with the BRAG key and the owners' glossary, and a Notes sheet of news."""
    rng, a = job.rng, job.author
    if rng.random() < 0.6:
        key = book.create_sheet("Key")
        key.append(["BRAG key"])
        key.append(["Blue", "Complete"])
        key.append(["Green", "On track"])
        key.append(["Amber", "At risk"])
        key.append(["Red", "Off track"])
        key.append([])
        key.append(["Owner", "Full title"])
        for abbrev, role in glossary.items():
            key.append([abbrev, role])
        job.gold.plan["owner_glossary"] = dict(glossary)
    if rng.random() < 0.5:
        notes = book.create_sheet("Notes")
        notes.append(["Achievements since the last update"])
        for template in rng.sample(words.ACHIEVEMENTS, 4):
            notes.append([a.fill(template)])


def render_outcome_paragraphs(job: Job) -> bytes:
    rng, a = job.rng, job.author
    document = docx.Document()
    _intro(job, document)
    heading_style = rng.choice(("outcome", "weakness", "focus"))
    ref_style = rng.choice(("dotted", "action", "letter"))
    kind = {"outcome": "priority", "weakness": "key_concern", "focus": "focus_area"}[heading_style]
    for spec in job.plan.sections:
        printed, section = job.section(spec.number, spec.name, heading_style, kind)
        document.add_heading(printed, 1)
        if rng.random() < 0.5:
            document.add_paragraph(a.fill(rng.choice(words.ACHIEVEMENTS)))
        for n, act in enumerate(spec.actions, 1):
            text = a.action_text("we_will") if ref_style == "dotted" else act.text
            ref = {
                "dotted": f"{spec.number}.{n}",
                "action": f"{spec.number}.{n}",
                "letter": f"{LETTERS[int(spec.number) - 1].upper()}{n}",
            }[ref_style]
            label = f"Action {ref}: " if ref_style == "action" else f"{ref} "
            document.add_paragraph(label + text)
            owner = act.owner
            if owner:
                document.add_paragraph(f"Lead: {owner}")
            if act.partners:
                document.add_paragraph("Working with: " + ", ".join(act.partners))
            if act.due:
                document.add_paragraph(f"{rng.choice(('By when', 'Timescale'))}: {act.due.raw}")
            measures = act.measures
            if len(measures) > 1:
                document.add_paragraph("Measures of success:")
                for m in measures:
                    document.add_paragraph(m, style="List Bullet")
            elif measures:
                document.add_paragraph(f"Measure of success: {measures[0]}")
            status: Status | None = None
            if act.status and rng.random() < 0.6:
                status = act.status
                document.add_paragraph(f"Progress: {status.raw}")
            job.gold.action(
                text,
                section=section,
                ref=ref,
                owner=owner,
                partners=act.partners,
                due=act.due,
                status=status,
                measures=measures,
            )
            if rng.random() < 0.25:
                due = a.due(("month_year", "term"))
                milestone = f"{rng.choice(words.WORK_ITEMS)} in place"
                document.add_paragraph(f"Milestone: {milestone} by {due.raw}")
                job.gold.milestone(milestone, section=section, due=due)
        if rng.random() < 0.6:
            document.add_paragraph("How we will know we have made a difference:")
            for m in rng.sample(words.MEASURES, 2):
                text = a.fill(m)
                document.add_paragraph(text, style="List Bullet")
                job.gold.indicator(text, section=section)
    return _save_docx(document)


def render_wsoa_table(job: Job) -> bytes:
    rng = job.rng
    document = docx.Document()
    _intro(job, document)
    header = ["Ref", "Action", "Lead", "Timescale", "Success criteria", "RAG"]
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for i, h in enumerate(header):
        table.cell(0, i).text = header_case(rng, job.noise, h)
    style, kind = pick_section_style(rng, "area", "weakness", "priority")
    rag_letters = rng.random() < 0.5
    for spec in job.plan.sections:
        printed, section = job.section(spec.number, spec.name, style, kind)
        row = table.add_row()
        row.cells[0].merge(row.cells[-1]).text = printed
        for n, act in enumerate(spec.actions, 1):
            ref = f"{spec.number}.{n}"
            row = table.add_row()
            index = len(table.rows) - 1
            table.cell(index, 0).text = ref
            table.cell(index, 1).text = act.text
            table.cell(index, 2).text = act.owner or ""
            table.cell(index, 3).text = act.due.raw if act.due else ""
            _cell_lines(table, index, 4, act.measures or [""])
            word = words.RAG_WORDS[act.rag]
            table.cell(index, 5).text = word[0] if rag_letters else word
            job.gold.action(
                act.text,
                section=section,
                ref=ref,
                owner=act.owner,
                due=act.due,
                rag=act.rag,
                measures=act.measures,
            )
    document.add_paragraph("")
    document.add_paragraph("RAG key: B – complete, G – on track, A – some slippage, R – off track")
    return _save_docx(document)


def render_gantt_grid(job: Job) -> bytes:
    rng, a = job.rng, job.author
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Delivery plan"
    fy = a.as_at.year if a.as_at.month >= 4 else a.as_at.year - 1
    quarters = []
    for offset in range(6):
        q = offset % 4 + 1
        year = fy + offset // 4
        end = {1: (year, 6), 2: (year, 9), 3: (year, 12), 4: (year + 1, 3)}[q]
        quarters.append((f"Q{q} {year}/{(year + 1) % 100:02d}", end))
    mark = rng.choice(("X", "x", "■", "●"))
    sheet.append([job.plan.title])
    sheet.append(["Ref", "Action", "Lead", *[q[0] for q in quarters]])
    for spec in job.plan.sections:
        printed = f"{spec.number}. {spec.name}"
        section = job.gold.section(printed, ref=spec.number, kind="workstream")
        sheet.append([printed])
        for n, act in enumerate(spec.actions, 1):
            ref = f"{spec.number}.{n}"
            first = rng.randrange(0, 4)
            last = rng.randrange(first, 6)
            cells = [mark if first <= i <= last else "" for i in range(6)]
            sheet.append([ref, act.text, act.owner or "", *cells])
            label, (y, m) = quarters[last]
            due = Due(label, last_day(y, m).isoformat())
            job.gold.action(act.text, section=section, ref=ref, owner=act.owner, due=due)
    sheet.append([])
    sheet.append(["Key: a mark shows the quarters in which the work takes place."])
    return _save_xlsx(book)
