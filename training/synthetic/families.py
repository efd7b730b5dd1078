"""The layout families: each name, its file type, the kind of plan it holds and its layout."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from training.synthetic import office, prose_text, tables_text
from training.synthetic.layout import Job


@dataclass(frozen=True)
class Family:
    name: str
    kind: str  # the Plan JSON kind
    title: str  # "{place}" is the place name
    render: Callable[[Job], str | bytes]  # text layouts return their extension, files their bytes
    extension: str = "txt"  # for layouts that return bytes
    children: tuple[int, int] = (0, 0)
    sections: tuple[int, int] = (2, 4)
    actions: tuple[int, int] = (2, 5)


FAMILY_LIST = (
    # The twelve that line up with the blind benchmark's families.
    Family(
        "html-flat",
        "improvement_plan",
        "{place} SEND Improvement Plan",
        tables_text.render_html_flat,
    ),
    Family(
        "pipe-wrapped",
        "monitoring_report",
        "{place} SEND Action Plan",
        tables_text.render_pipe_wrapped,
    ),
    Family(
        "label-deliverables",
        "priority_action_plan",
        "{place} SEND deliverables by workstream",
        tables_text.render_label_deliverables,
    ),
    Family(
        "highlight-report",
        "board_summary",
        "{place} highlight report",
        prose_text.render_highlight_report,
    ),
    Family(
        "roadmap", "improvement_plan", "{place} SEND Improvement Roadmap", prose_text.render_roadmap
    ),
    Family(
        "meeting-summary",
        "board_summary",
        "{place} SEND Partnership Board",
        prose_text.render_meeting_summary,
    ),
    Family(
        "plain-summary",
        "other",
        "SEND in {place}: how we are doing",
        prose_text.render_plain_summary,
    ),
    Family(
        "minutes-glued",
        "board_summary",
        "{place} SEND Improvement Board minutes",
        tables_text.render_minutes_glued,
    ),
    Family(
        "word-paragraphs",
        "written_statement_of_action",
        "{place} Written Statement of Action",
        office.render_word_paragraphs,
        "docx",
        children=(0, 2),
    ),
    Family(
        "excel-tracker",
        "priority_action_plan",
        "{place} Priority Action Plan tracker",
        office.render_excel_tracker,
        "xlsx",
        children=(0, 2),
    ),
    Family(
        "project-tool-export",
        "improvement_plan",
        "{place} SEND Improvement Programme",
        tables_text.render_project_export,
    ),
    Family(
        "outcome-paragraph-word",
        "improvement_plan",
        "{place} Local Area SEND Strategy Action Plan",
        office.render_outcome_paragraphs,
        "docx",
    ),
    # Families of our own.
    Family(
        "wsoa-word-table",
        "written_statement_of_action",
        "{place} Written Statement of Action",
        office.render_wsoa_table,
        "docx",
    ),
    Family(
        "csv-tracker", "monitoring_report", "{place} SEND tracker", tables_text.render_csv_tracker
    ),
    Family(
        "numbered-outline",
        "improvement_plan",
        "{place} SEND Improvement Plan",
        prose_text.render_numbered_outline,
        children=(0, 2),
    ),
    Family(
        "email-update",
        "monitoring_report",
        "SEND improvement update",
        prose_text.render_email_update,
    ),
    Family(
        "action-owner-form",
        "service_plan",
        "{place} SEND Service Plan",
        tables_text.render_action_owner_form,
    ),
    Family(
        "pdf-columns",
        "peer_review_plan",
        "{place} Peer Review Action Plan",
        tables_text.render_pdf_columns,
    ),
    Family(
        "letter",
        "other",
        "The area SEND inspection of {place}: what happens next",
        prose_text.render_letter,
    ),
    Family(
        "cabinet-report",
        "other",
        "{place} Local Area SEND Improvement Plan",
        prose_text.render_cabinet_report,
    ),
    Family(
        "gantt-grid",
        "improvement_plan",
        "{place} SEND delivery plan",
        office.render_gantt_grid,
        "xlsx",
    ),
)
