"""Subject access: everything the service holds on one service user, as a ZIP.

The ZIP holds `records.json` (every field, decrypted), `records.txt` (the same, readable), each
kept document in `documents/`, and `records.pdf` (the text, drawn by `core.documents`).
"""

import io
import json
import zipfile
from datetime import date, datetime
from typing import Any

from django.forms.models import model_to_dict
from django.utils.html import escape

from sendtrack.core import documents
from sendtrack.core.private_files import safe_filename

from .fields import decrypt_bytes
from .models import CaseAccessLog, Consent, Contact, Document, SendiassCase, ServiceUser
from .selectors import staff_names


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _row(instance: Any, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    data = model_to_dict(instance, exclude=list(exclude))
    data["id"] = instance.pk
    for f in instance._meta.concrete_fields:
        if f.name not in exclude and f.name not in data:
            data[f.name] = getattr(instance, f.attname)
    return {k: _plain(v) for k, v in data.items()}


def subject_access_records(service_user: ServiceUser) -> dict[str, Any]:
    cases = list(SendiassCase.objects.filter(service_user=service_user).prefetch_related("levels"))
    case_ids = [c.pk for c in cases]
    contacts = list(Contact.objects.filter(case_id__in=case_ids).order_by("on", "id"))
    documents = list(Document.objects.filter(case_id__in=case_ids).defer("content"))
    user_ids = {c.caseworker_user_id for c in cases} | {c.recorded_by_user_id for c in contacts}
    names = staff_names(user_ids)
    return {
        "produced_on": date.today().isoformat(),
        "service_user": _row(service_user, exclude=("version",)),
        "children": [_row(child) for child in service_user.children.all()],
        "cases": [
            {
                **_row(case, exclude=("version", "triage_criteria")),
                "reference": case.reference,
                "caseworker": names.get(case.caseworker_user_id or 0, ""),
                "levels": [_row(level) for level in case.levels.all()],
            }
            for case in cases
        ],
        "contacts": [
            {**_row(c), "recorded_by": names.get(c.recorded_by_user_id or 0, "")} for c in contacts
        ],
        "consents": [_row(c) for c in Consent.objects.filter(service_user=service_user)],
        "documents": [_row(d, exclude=("content",)) for d in documents],
        "access_log": [
            _row(entry)
            for entry in CaseAccessLog.objects.filter(case_id__in=case_ids).order_by("at")
        ],
    }


def _text(records: dict[str, Any]) -> str:
    lines = [
        "Everything SENDIASS holds about you",
        f"Produced on {records['produced_on']}",
        "",
    ]
    for section, value in records.items():
        if section == "produced_on":
            continue
        lines.append(section.replace("_", " ").upper())
        items = value if isinstance(value, list) else [value]
        if not items:
            lines.append("  (none)")
        for item in items:
            for key, field_value in item.items():
                if isinstance(field_value, list):
                    field_value = "; ".join(str(v) for v in field_value)
                lines.append(f"  {key.replace('_', ' ')}: {field_value}")
            lines.append("")
        lines.append("")
    return "\n".join(lines)


def _pdf(text: str) -> bytes:
    html = (
        "<html lang='en'><head><meta charset='utf-8'><title>Subject access records</title>"
        "</head><body><pre style='white-space:pre-wrap;font-family:sans-serif'>"
        f"{escape(text)}</pre></body></html>"
    )
    return documents.pdf_bytes(html)


def subject_access_zip(service_user: ServiceUser, with_pdf: bool = True) -> bytes:
    records = subject_access_records(service_user)
    text = _text(records)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("records.json", json.dumps(records, indent=2, ensure_ascii=False))
        archive.writestr("records.txt", text)
        for document in Document.objects.filter(case__service_user=service_user):
            name = f"documents/{document.pk}-{safe_filename(document.filename)}"
            archive.writestr(name, decrypt_bytes(document.content))
        if with_pdf:
            archive.writestr("records.pdf", _pdf(text))
    return buffer.getvalue()
