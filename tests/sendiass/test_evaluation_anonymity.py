"""Anonymous evaluations cannot be tied back to a family: not from the pages, the PDF or the
Word report, and not from the database (docs/sendiass.md, "Evaluations")."""

import random
from collections import Counter
from datetime import date, timedelta
from io import BytesIO

import pdfplumber
import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone
from docx import Document

from sendtrack.sendiass import reports, services
from sendtrack.sendiass.evaluations import QUESTIONS
from tests.pdf_jobs import fetch_pdf

from .conftest import BOTH, make_case, sign_in
from .test_encryption_at_rest import _migrate, _migration_named

pytestmark = pytest.mark.django_db(databases=BOTH)

# Answers a month in the generated financial year (April first): October to December hold
# 2 answers and the autumn term 4, so a quarter's or a term's table would show 1 to 4 people.
SERVICE_USER_ANSWERS = {4: 3, 5: 4, 6: 3, 7: 2, 8: 3, 9: 2, 10: 1, 11: 0, 12: 1, 1: 4, 2: 3, 3: 3}
PROFESSIONAL_ANSWERS = 3
# A question only that kind of evaluation asks: where it shows, that kind's answers show.
ONLY_IN = {
    "service_user": "It was easy to contact the service",
    "professional": "The service worked in partnership with us",
}
CHANNELS = ["phone", "email", "face_to_face", "video", "meeting"]


def financial_year_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def _answers(kind: str, rng: random.Random) -> dict[str, str]:
    answers = {
        key: rng.choice(choices)[0] for key, _, choices in QUESTIONS[kind] if choices is not None
    }
    if rng.random() < 0.3:
        answers["comment"] = "Thank you"
    return answers


@pytest.fixture
def evaluation_year(access_for):
    """A synthetic financial year that has ended: cases of every level and channel closed
    through the year, each answered on the day it closed, a few professionals' answers and
    an unanswered link. Returns the year and (kind, day answered) for each answer."""
    by = access_for("manager")
    rng = random.Random(8)  # noqa: S311 - synthetic data
    year = financial_year_of(timezone.localdate()) - 2
    answered: list[tuple[str, date]] = []
    for month, count in SERVICE_USER_ANSWERS.items():
        for n in range(count):
            day = date(year if month >= 4 else year + 1, month, 3 + 7 * n)
            case = make_case(
                by,
                name=f"Family {month} {n}",
                referred_on=day - timedelta(days=40),
                channel=rng.choice(CHANNELS),
            )
            level = rng.choice([1, 2, 3, 4])
            if level > 1:
                services.set_level(
                    case_id=case.pk,
                    level=level,
                    applies_from=day - timedelta(days=30),
                    by=by,
                    expected_version=None,
                )
            _, token = services.close_case(case_id=case.pk, by=by, expected_version=None, on=day)
            services.submit_evaluation(
                token=token, answers=_answers("service_user", rng), today=day
            )
            answered.append(("service_user", day))
    for n in range(PROFESSIONAL_ANSWERS):
        day = date(year, 6 + 3 * n, 10)
        token = services.issue_evaluation(kind="professional", on=day)
        services.submit_evaluation(token=token, answers=_answers("professional", rng), today=day)
        answered.append(("professional", day))
    services.issue_evaluation(kind="service_user", on=date(year, 11, 5))  # never answered
    return year, answered


def _periods(year: int) -> list[str]:
    """Every period the report offers around the generated year."""
    parts = ["", "-q1", "-q2", "-q3", "-q4", "-autumn", "-spring", "-summer"]
    return [f"{y}{part}" for y in (year - 1, year, year + 1) for part in parts]


def _pdf_text(content: bytes) -> str:
    with pdfplumber.open(BytesIO(content)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _docx_text(content: bytes) -> str:
    document = Document(BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_every_published_group_of_answers_holds_5_or_more_and_rows_hold_only_the_year(
    client, staff, evaluation_year
):
    """The guarantee: (1) every group of evaluation answers that any page, PDF or Word
    report shows holds 5 or more answers, whatever period is asked for; (2) a stored answer
    carries its kind and the financial year it arrived in, and nothing finer: no month, day,
    level or channel, so in the database it is one of every answer of its kind that year; an
    invitation carries no month, level or channel either. Answers are shown only for a whole
    financial year, only once it has ended, and only when it holds 5 or more of that kind."""
    year, answered = evaluation_year
    sign_in(client, staff["figures_viewer"])
    today = timezone.localdate()

    def group(kind: str, period: reports.Period) -> int:
        return sum(1 for k, day in answered if k == kind and period.start <= day <= period.end)

    shown: list[tuple[str, str, str, int]] = []

    def check(where: str, text: str, period: reports.Period) -> None:
        for kind, question in ONLY_IN.items():
            if question in text:
                shown.append((where, period.key, kind, group(kind, period)))

    for key in _periods(year):
        period = reports.parse_period(key, today)
        html = client.get(reverse("sendiass:annual_report") + f"?period={key}").content.decode()
        check("report page", html, period)
    for y in (year - 1, year, year + 1):
        html = client.get(reverse("sendiass:evaluations") + f"?year={y}").content.decode()
        check("evaluations page", html, reports.financial_year(y, today))
    for key in (str(year), f"{year}-q3", f"{year}-autumn"):
        period = reports.parse_period(key, today)
        pdf = fetch_pdf(client, reverse("sendiass:annual_report_pdf") + f"?period={key}").content
        check("PDF", _pdf_text(pdf), period)
        docx = client.get(reverse("sendiass:annual_report_docx") + f"?period={key}").content
        check("Word", _docx_text(docx), period)

    assert [s for s in shown if s[3] < 5] == [], "groups of fewer than 5 answers shown"
    assert ("report page", str(year), "service_user", 29) in shown, "the year's answers show"
    assert ("Word", str(year), "service_user", 29) in shown

    connection = connections["sendiass"]
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description
        response_columns = {c.name for c in description(cursor, "sendiass_evaluationresponse")}
        invitation_columns = {c.name for c in description(cursor, "sendiass_evaluationinvitation")}
        cursor.execute("SELECT kind, year FROM sendiass_evaluationresponse")
        stored = Counter((kind, int(y)) for kind, y in cursor.fetchall())
    assert response_columns == {"id", "kind", "year", "answers", "written_answers"}
    assert invitation_columns == {"id", "token_hash", "kind", "expires_on"}
    assert stored == Counter((kind, financial_year_of(day)) for kind, day in answered)


def test_answers_of_a_year_still_running_are_not_shown(client, staff):
    """Shown while they still arrive, two looks a day apart would tell one family's answers
    apart from the rest: a year's answers are shown once it has ended."""
    today = timezone.localdate()
    for _ in range(6):
        token = services.issue_evaluation(kind="service_user", on=today)
        services.submit_evaluation(token=token, answers={"recommend": "agree"}, today=today)
    sign_in(client, staff["figures_viewer"])
    html = client.get(reverse("sendiass:evaluations")).content.decode()
    assert ONLY_IN["service_user"] not in html
    assert "Sent 6; returned 6" in html
    year = reports.financial_year(None, today)
    assert f"shown after {year.end:%-d %B %Y}" in html
    report = client.get(reverse("sendiass:annual_report")).content.decode()
    assert ONLY_IN["service_user"] not in report


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_the_migration_keeps_existing_answers_by_financial_year():
    """Existing answers keep their answers and move to the financial year of their month;
    month, level and channel are dropped (backwards: the first day of that year)."""
    from django.db.migrations.executor import MigrationExecutor

    mine, before, leaves = _migration_named("_evaluations_by_financial_year")
    try:
        _migrate(before)
        old = MigrationExecutor(connections["sendiass"]).loader.project_state(before).apps
        responses = old.get_model("sendiass", "EvaluationResponse").objects
        for month, level, channel in [
            (date(2024, 3, 1), 4, "face_to_face"),
            (date(2024, 4, 1), 2, "phone"),
            (date(2025, 2, 1), None, ""),
        ]:
            responses.create(
                kind="service_user",
                month=month,
                level=level,
                channel=channel,
                answers={"recommend": "agree"},
            )
        old.get_model("sendiass", "EvaluationInvitation").objects.create(
            token_hash="a" * 64,
            kind="service_user",
            month=date(2024, 3, 1),
            level=4,
            channel="phone",
            expires_on=date(2024, 6, 1),
        )
        _migrate(mine)
        from sendtrack.sendiass.models import EvaluationInvitation, EvaluationResponse

        assert sorted(EvaluationResponse.objects.values_list("year", "answers")) == [
            (2023, {"recommend": "agree"}),
            (2024, {"recommend": "agree"}),
            (2024, {"recommend": "agree"}),
        ]
        assert EvaluationInvitation.objects.get().expires_on == date(2024, 6, 1)
        _migrate(before)
        old = MigrationExecutor(connections["sendiass"]).loader.project_state(before).apps
        months = old.get_model("sendiass", "EvaluationResponse").objects.values_list(
            "month", flat=True
        )
        assert sorted(months) == [date(2023, 4, 1), date(2024, 4, 1), date(2024, 4, 1)]
    finally:
        _migrate(*leaves)
