"""PowerPoint decks: boards see plans as slides, and a deck imports as a person reads it.

The decks are built here from their XML (the parts PowerPoint writes that matter to reading:
the presentation's slide list, each slide's shapes and its layout's placeholders)."""

from __future__ import annotations

import io
import zipfile

import pytest

from sendtrack.domain.documents.plan import parse_plan_text
from sendtrack.domain.documents.readers import DocumentImportError, read_document

NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)
RELS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
LAYOUT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout"
SLIDE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"
NOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide"
CM = 360000  # EMU per centimetre


def para(text: str, *, level: int = 0, bullet: str = "", bold: bool = False) -> str:
    marks = {"": "", "char": '<a:buChar char="•"/>', "none": "<a:buNone/>"}
    props = marks.get(bullet, f'<a:buAutoNum type="{bullet}"/>')
    b = ' b="1"' if bold else ""
    return f'<a:p><a:pPr lvl="{level}">{props}</a:pPr><a:r><a:rPr{b}/><a:t>{text}</a:t></a:r></a:p>'


def xfrm(x: float, y: float, w: float, h: float, tag: str = "a:xfrm") -> str:
    return (
        f'<{tag}><a:off x="{int(x * CM)}" y="{int(y * CM)}"/>'
        f'<a:ext cx="{int(w * CM)}" cy="{int(h * CM)}"/></{tag}>'
    )


def shape(
    paras: list[str],
    place: tuple[float, float, float, float] | None,
    ph: str = "",
    fill: str = "",
) -> str:
    """A shape with text: a text box, or a placeholder (``ph`` "title", "body", "ftr"),
    filled with a colour (``fill``, "00843D") or not."""
    nv = f'<p:nvPr><p:ph type="{ph}" idx="1"/></p:nvPr>' if ph else "<p:nvPr/>"
    box = ' txBox="1"' if not ph else ""
    solid = f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>' if fill else ""
    sppr = f"<p:spPr>{xfrm(*place)}{solid}</p:spPr>" if place else "<p:spPr/>"
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="2" name="s"/><p:cNvSpPr{box}/>{nv}</p:nvSpPr>'
        f"{sppr}<p:txBody><a:bodyPr/>{''.join(paras)}</p:txBody></p:sp>"
    )


def table(rows: list[list[str]], place: tuple[float, float, float, float]) -> str:
    trs = "".join(
        "<a:tr>"
        + "".join(f"<a:tc><a:txBody><a:bodyPr/>{para(c)}</a:txBody></a:tc>" for c in row)
        + "</a:tr>"
        for row in rows
    )
    return (
        '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="3" name="t"/><p:cNvGraphicFramePr/>'
        f"<p:nvPr/></p:nvGraphicFramePr>{xfrm(*place, tag='p:xfrm')}<a:graphic>"
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">'
        f"<a:tbl>{trs}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"
    )


def group(shapes: list[str], place: tuple[float, float, float, float]) -> str:
    return (
        '<p:grpSp><p:nvGrpSpPr><p:cNvPr id="4" name="g"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        f"<p:grpSpPr>{xfrm(*place)}</p:grpSpPr>{''.join(shapes)}</p:grpSp>"
    )


def deck(*slides: list[str], notes: str = "", spoken: dict[int, list[str]] | None = None) -> bytes:
    """A .pptx whose slides hold the given shapes, with a title-and-content layout whose
    placeholders have the places a slide inherits (title at the top, body below)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        ids = "".join(f'<p:sldId id="{256 + i}" r:id="rId{i + 1}"/>' for i in range(len(slides)))
        z.writestr(
            "ppt/presentation.xml",
            f"<p:presentation {NS}><p:sldIdLst>{ids}</p:sldIdLst></p:presentation>",
        )
        rels = "".join(
            f'<Relationship Id="rId{i + 1}" Type="{SLIDE}" Target="slides/slide{i + 1}.xml"/>'
            for i in range(len(slides))
        )
        z.writestr(
            "ppt/_rels/presentation.xml.rels", f"<Relationships {RELS}>{rels}</Relationships>"
        )
        layout = [
            shape([], (1, 1, 30, 3), ph="title").replace('idx="1"', 'idx="0"'),
            shape([], (1, 5, 30, 12), ph="body"),
        ]
        z.writestr(
            "ppt/slideLayouts/slideLayout1.xml",
            f"<p:sldLayout {NS}><p:cSld><p:spTree>{''.join(layout)}</p:spTree></p:cSld>"
            "</p:sldLayout>",
        )
        for i, shapes in enumerate(slides):
            z.writestr(
                f"ppt/slides/slide{i + 1}.xml",
                f"<p:sld {NS}><p:cSld><p:spTree>{''.join(shapes)}</p:spTree></p:cSld></p:sld>",
            )
            said = (spoken or {}).get(i)
            to_notes = (
                f'<Relationship Id="rId2" Type="{NOTES}" Target="../notesSlides/notes{i + 1}.xml"/>'
                if said
                else ""
            )
            z.writestr(
                f"ppt/slides/_rels/slide{i + 1}.xml.rels",
                f'<Relationships {RELS}><Relationship Id="rId1" Type="{LAYOUT}" '
                f'Target="../slideLayouts/slideLayout1.xml"/>{to_notes}</Relationships>',
            )
            if said:
                body = shape([para(line) for line in said], None, ph="body")
                z.writestr(
                    f"ppt/notesSlides/notes{i + 1}.xml",
                    f"<p:notes {NS}><p:cSld><p:spTree>{body}</p:spTree></p:cSld></p:notes>",
                )
        if notes:
            z.writestr("ppt/notesSlides/notesSlide1.xml", f"<p:notes {NS}>{notes}</p:notes>")
    return buffer.getvalue()


def actions_of(data: bytes) -> list[dict]:
    return list(parse_plan_text(read_document(data, "board.pptx"))["actions"])


def title(text: str) -> str:
    return shape([para(text)], None, ph="title").replace('idx="1"', 'idx="0"')


def test_a_slide_per_workstream_with_a_table_imports_its_rows_under_the_slide_title() -> None:
    rows = [
        ["Ref", "Action", "Lead", "Due", "RAG"],
        [
            "2.1",
            "Publish the revised graduated approach toolkit for schools",
            "Head of SEND",
            "31/03/2026",
            "G",
        ],
        [
            "2.2",
            "Train every SENCO in the new request form",
            "Inclusion Manager",
            "30/06/2026",
            "A",
        ],
    ]
    data = deck(
        [title("SEND improvement plan: board update")],
        [title("Workstream 2: Early identification"), table(rows, (1, 5, 30, 10))],
        [title("Questions?")],
    )
    assert [(a["section"], a["ref"], a["owner"], a["due"], a["rag"]) for a in actions_of(data)] == [
        ("Workstream 2: Early identification", "2.1", "Head of SEND", "2026-03-31", "green"),
        ("Workstream 2: Early identification", "2.2", "Inclusion Manager", "2026-06-30", "amber"),
    ]


def test_boxes_side_by_side_are_read_box_by_box_not_line_by_line_across_the_slide() -> None:
    left = shape(
        [
            para("Priority 1: Communication", bold=True),
            para("Launch a termly newsletter for families (Lead: Comms Officer)", bullet="char"),
            para("Hold listening events in every locality (Lead: Forum Chair)", bullet="char"),
        ],
        (1, 5, 10, 10),
    )
    right = shape(
        [
            para("Priority 2: Transitions", bold=True),
            para(
                "Agree a protocol for moves to post-16 settings (Lead: Head of 14-25)",
                bullet="char",
            ),
            para(
                "Start transition reviews in Year 9 for every plan (Lead: Casework Manager)",
                bullet="char",
            ),
        ],
        (12, 5, 10, 10),
    )
    text = read_document(deck([title("Plan on a page"), right, left]), "plan.pptx")
    lines = [line for line in text.splitlines() if line]
    assert lines[0] == "## Plan on a page"
    assert lines.index("Priority 1: Communication") < lines.index("Priority 2: Transitions")
    assert lines[2] == "- Launch a termly newsletter for families (Lead: Comms Officer)"
    actions = actions_of(deck([title("Plan on a page"), right, left]))
    assert [a["owner"] for a in actions] == [
        "Comms Officer",
        "Forum Chair",
        "Head of 14-25",
        "Casework Manager",
    ]


def test_a_roadmap_reads_each_quarter_column_whole_before_the_next() -> None:
    shapes = [title("Roadmap 2026")]
    for q, x in (("Q1", 1), ("Q2", 9), ("Q3", 17)):
        shapes.append(shape([para(f"{q} 2026", bold=True)], (x, 4, 7, 1.5)))
        for k, y in enumerate((6.5, 9, 11.5)):
            shapes.append(
                shape([para(f"{q} task {k + 1}: review the local offer pages")], (x, y, 7, 2))
            )
    lines = [line for line in read_document(deck(shapes), "road.pptx").splitlines() if line]
    assert lines[1:5] == [
        "Q1 2026",
        "- Q1 task 1: review the local offer pages",  # like boxes one under another: a list
        "- Q1 task 2: review the local offer pages",
        "- Q1 task 3: review the local offer pages",
    ]
    assert lines[5] == "Q2 2026"


def test_body_placeholders_are_bulleted_by_level_and_automatic_numbers_are_counted() -> None:
    body = shape(
        [
            para("Workstream A: Joint commissioning"),
            para("Map therapy provision across the area", level=1),
            para("Agree a single speech and language offer", level=1),
            para("Commission a sensory service", level=1, bullet="none"),
        ],
        None,
        ph="body",
    )
    numbered = shape(
        [
            para("Publish the plan", bullet="arabicPeriod"),
            para("Review the plan", bullet="arabicPeriod"),
        ],
        (1, 18, 20, 2),
    )
    lines = [
        line
        for line in read_document(
            deck([title("Priorities"), body, numbered]), "d.pptx"
        ).splitlines()
        if line
    ]
    assert lines == [
        "## Priorities",
        "- Workstream A: Joint commissioning",
        "  - Map therapy provision across the area",
        "  - Agree a single speech and language offer",
        "Commission a sensory service",
        "1. Publish the plan",
        "2. Review the plan",
    ]


def test_footers_speaker_notes_and_empty_placeholders_are_not_read() -> None:
    footer = shape([para("OFFICIAL")], (1, 18, 5, 1), ph="ftr")
    notes = (
        "<p:cSld><p:spTree>"
        + shape([para("Remind the board about the budget")], None)
        + "</p:spTree></p:cSld>"
    )
    text = read_document(
        deck([title("Update"), footer, shape([], None, ph="body")], notes=notes), "d.pptx"
    )
    assert text.split() == ["##", "Update"]


def test_a_slide_showing_only_its_title_and_a_picture_is_read_from_its_speaker_notes() -> None:
    """A board deck of headings and photos, the plan said from the notes: the notes of a
    slide with nothing else to read are its words; a slide with words of its own keeps
    its notes unread."""
    photo = shape([para("[Photo: the assessment team]")], (1, 5, 20, 10))
    said = {
        0: ["We will open a second decision panel each week from September.", "[CLICK]"],
        1: ["Remind the board about the budget."],
    }
    text = read_document(
        deck(
            [title("Priority 1: Timely assessments"), photo],
            [
                title("Priority 2: Places"),
                shape([para("Open two resource bases")], None, ph="body"),
            ],
            spoken=said,
        ),
        "d.pptx",
    )

    assert "We will open a second decision panel each week from September." in text.split("\n")
    assert "budget" not in text


def test_a_group_of_shapes_is_read_as_one_block_its_number_opening_its_words() -> None:
    chevron = shape([para("3")], (0, 0, 1, 1))
    words = shape([para("Audit the quality of new EHC plans each term")], (2, 0, 10, 1))
    other = shape([para("Other box")], (1, 10, 10, 1))
    grouped = group([words, chevron], (1, 5, 12, 1))
    lines = [line for line in read_document(deck([grouped, other]), "g.pptx").splitlines() if line]
    assert lines == ["3 Audit the quality of new EHC plans each term", "Other box"]


def test_a_damaged_deck_is_refused_with_a_clear_message() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("ppt/presentation.xml", "<p:presentation")
    with pytest.raises(DocumentImportError, match="damaged.*PowerPoint"):
        read_document(buffer.getvalue(), "broken.pptx")


GREEN, AMBER, RED = "00843D", "FFB81C", "D4351C"


def test_a_dot_beside_each_line_of_a_box_is_that_line_s_rag() -> None:
    steps = shape(
        [
            para("Next steps", bold=True),
            para("Clear the remaining overdue annual reviews – end of March 2026"),
            para("Go live with the portal for parents and professionals – Jan 2026"),
            para("Re-launch plan quality audits with parent auditors – Dec 2025"),
        ],
        (14, 5, 14, 8),
    )
    dots = [
        shape([para(letter)], (12.8, y, 0.8, 0.8), fill=colour)
        for letter, colour, y in (("R", RED, 6.6), ("A", AMBER, 8.6), ("G", GREEN, 10.6))
    ]
    overall = shape([para("A")], (20, 1, 0.8, 0.8), fill=AMBER)  # the priority's, beside none
    achieved = shape(
        [para("Achieved this period", bold=True), para("Appointed a permanent Head of SEN")],
        (1, 5, 10, 8),
    )
    data = deck([title("Priority 2: EHC plans"), achieved, steps, overall, *dots])
    assert [(a["text"], a["rag"]) for a in actions_of(data)] == [
        ("Clear the remaining overdue annual reviews", "red"),
        ("Go live with the portal for parents and professionals", "amber"),
        ("Re-launch plan quality audits with parent auditors", "green"),
    ]


def test_a_chevron_holding_the_number_numbers_its_item_and_its_fill_rates_it() -> None:
    def item(ref: str, colour: str, words: str, y: float) -> str:
        chevron = shape([para(ref)], (0, 0, 1.5, 1.5), fill=colour)
        box = shape([para(words), para("Lead: Head of SEND | Due: Mar 2026")], (2, 0, 20, 1.5))
        return group([chevron, box], (1, y, 22, 1.5))

    data = deck(
        [
            title("Area 1: Timeliness of EHC plans"),
            item("1.1", GREEN, "Set up a recovery team for assessments over 20 weeks", 4),
            item("1.2", RED, "Hold a weekly tracking meeting chaired by the director", 7),
        ]
    )
    assert [(a["ref"], a["rag"], a["owner"]) for a in actions_of(data)] == [
        ("1.1", "green", "Head of SEND"),
        ("1.2", "red", "Head of SEND"),
    ]


def test_a_column_of_like_boxes_under_a_heading_reads_as_its_items() -> None:
    shapes = [title("Roadmap")]
    for q, x in (("Q1 Apr–Jun 2025", 1), ("Q2 Jul–Sep 2025", 9)):
        shapes.append(shape([para(q, bold=True)], (x, 4, 7, 1)))
        for k, y in enumerate((6, 8.5, 11)):
            words = ("Sufficiency strategy approved by Cabinet (PR) ✓", "Forum charter signed (HB)")
            shapes.append(shape([para(f"{words[k % 2]} {q[:2]}-{k}")], (x, y, 7, 2)))
    lines = [line for line in read_document(deck(shapes), "r.pptx").splitlines() if line]
    assert lines[1:5] == [
        "Q1 Apr–Jun 2025",
        "- Sufficiency strategy approved by Cabinet (PR) ✓ Q1-0",
        "- Forum charter signed (HB) Q1-1",
        "- Sufficiency strategy approved by Cabinet (PR) ✓ Q1-2",
    ]


def test_a_slide_continuing_a_priority_continues_its_section() -> None:
    rows = [["Ref", "Action", "Lead"], ["2.1", "Publish the SEN support handbook", "SENCO Lead"]]
    more = [["Ref", "Action", "Lead"], ["2.2", "Agree a referral route to outreach", "Panel Chair"]]
    data = deck(
        [title("Priority 2: Support in mainstream"), table(rows, (1, 5, 30, 5))],
        [title("Priority 2: Support in mainstream (cont.)"), table(more, (1, 5, 30, 5))],
    )
    assert [a["section"] for a in actions_of(data)] == ["Priority 2: Support in mainstream"] * 2


def test_two_lists_side_by_side_pair_each_action_with_where_it_stands() -> None:
    said = shape(
        [
            para("What we said we'd do", bold=True),
            para(
                "1.1 Clear the backlog of overdue assessments (Head of SEND, by July 2026)",
                bullet="char",
            ),
            para(
                "1.2 Introduce plan-writing surgeries (Designated Clinical Officer, Jan 2026)",
                bullet="char",
            ),
        ],
        (1, 5, 14, 10),
    )
    where = shape(
        [
            para("Where we are", bold=True),
            para("On track – 268 overdue, down from 412", bullet="char"),
            para("Complete – surgeries running weekly since January", bullet="char"),
        ],
        (16, 5, 14, 10),
    )
    data = deck(
        [
            title("What the inspection found (September 2025)"),
            shape([para("Waits too long")], (1, 5, 20, 2)),
        ],
        [title("Priority action 1 – EHC plans"), said, where],
    )
    found = actions_of(data)
    assert [(a["ref"], a["owner"], a["status"]) for a in found] == [
        ("1.1", "Head of SEND", "on_track"),
        ("1.2", "Designated Clinical Officer", "complete"),
    ]
    assert {a["section"] for a in found} == {"Priority action 1 – EHC plans"}  # not the year's
