"""The evaluation questions, and figures from anonymous answers.

Questions follow the shape of the national SENDIASS evaluation (agreement scales and an open
comment); a service can change the wording here. Answers are stored by question key: chosen
answers in clear, written ones encrypted. An answer carries only its kind and the financial
year it arrived in, and a year's answers are shown only once the year has ended and only when
5 or more of the kind arrived in it (docs/sendiass.md, "Evaluations").
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django import forms
from django.db.models import Sum

from sendtrack.core.forms import GovukForm

from .models import EvaluationKind, EvaluationResponse, EvaluationTally

# No group of answers smaller than this is ever shown, on a page or in a file.
SMALLEST_GROUP = 5

AGREE = [
    ("strongly_agree", "Strongly agree"),
    ("agree", "Agree"),
    ("neither", "Neither agree nor disagree"),
    ("disagree", "Disagree"),
    ("strongly_disagree", "Strongly disagree"),
]

QUESTIONS: dict[str, list[tuple[str, str, list[tuple[str, str]] | None]]] = {
    EvaluationKind.SERVICE_USER: [
        ("easy_to_contact", "It was easy to contact the service", AGREE),
        ("impartial", "The information and advice was impartial", AGREE),
        ("understand_options", "I understand my options better", AGREE),
        ("more_confident", "I feel more confident to take part in decisions", AGREE),
        ("recommend", "I would recommend the service to others", AGREE),
        ("comment", "Anything else you want to tell us (optional)", None),
    ],
    EvaluationKind.PROFESSIONAL: [
        ("impartial", "The service was impartial", AGREE),
        ("helpful", "The service helped the family take part", AGREE),
        ("partnership", "The service worked in partnership with us", AGREE),
        ("comment", "Anything else you want to tell us (optional)", None),
    ],
}


def split_answers(kind: str, answers: dict) -> tuple[dict[str, str], dict[str, str]]:
    """(chosen, written): the answers picked from a question's list, kept in clear to be
    counted, and everything else (free-text answers, and anything that is not one of its
    question's choices), which is stored encrypted. Empty answers are dropped."""
    choices = {
        key: {value for value, _ in options}
        for key, _, options in QUESTIONS.get(kind, [])
        if options
    }
    chosen, written = {}, {}
    for key, value in answers.items():
        if not value:
            continue
        if isinstance(value, str) and value in choices.get(key, set()):
            chosen[key] = value
        else:
            written[key] = value
    return chosen, written


def evaluation_form(kind: str, data=None) -> forms.Form:
    form = GovukForm(data)
    for key, text, choices in QUESTIONS[kind]:
        if choices is None:
            form.fields[key] = forms.CharField(
                label=text,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        else:
            form.fields[key] = forms.ChoiceField(
                label=text, choices=[("", "Choose an answer"), *choices], required=False
            )
    return form


@dataclass(frozen=True)
class QuestionFigures:
    key: str
    text: str
    counts: list[tuple[str, int]]
    comments: int


@dataclass(frozen=True)
class EvaluationFigures:
    """One kind of evaluation over a period. `returned` is None for a period that is not a
    financial year (answers are kept by financial year only); `questions` is empty, and
    `withheld` says why, unless the answers may be shown."""

    kind: str
    label: str
    sent: int
    returned: int | None
    questions: list[QuestionFigures]
    withheld: str = ""

    @property
    def percent_returned(self) -> float | None:
        """Given only when 5 or more were sent and 5 or more returned."""
        if self.returned is None or self.returned < SMALLEST_GROUP or self.sent < SMALLEST_GROUP:
            return None
        return round(100 * self.returned / self.sent, 1)


def financial_year_of(day: date) -> int:
    """The financial year (April to March) `day` is in, by its first year."""
    return day.year if day.month >= 4 else day.year - 1


def _year_label(year: int) -> str:
    return f"April {year} to March {year + 1}"


def _is_financial_year(start: date, end: date) -> bool:
    return (start.month, start.day) == (4, 1) and end == date(start.year + 1, 3, 31)


def _question_figures(kind: str, rows: list[tuple[dict, dict]]) -> list[QuestionFigures]:
    answers = [chosen for chosen, _ in rows]
    questions = []
    for key, text, choices in QUESTIONS[kind]:
        if choices is None:
            comments = sum(1 for _, written in rows if str(written.get(key) or "").strip())
            questions.append(QuestionFigures(key, text, [], comments))
            continue
        counter = Counter(a.get(key) for a in answers)
        counts = [(choice_label, counter.get(value, 0)) for value, choice_label in choices]
        counts.append(("Not answered", sum(1 for a in answers if not a.get(key))))
        questions.append(QuestionFigures(key, text, counts, 0))
    return questions


def evaluation_figures(start: date, end: date, today: date) -> list[EvaluationFigures]:
    """Links sent in the months of [start, end]; for a financial year, the answers that
    arrived in it too. The answers themselves are given only for a financial year that has
    ended (before that, two looks a day apart would single out one family's answers) and
    that holds 5 or more answers of the kind (docs/sendiass.md, "Evaluations")."""
    whole_year = _is_financial_year(start, end)
    year = financial_year_of(start)
    result = []
    for kind, label in EvaluationKind.choices:
        months = {"month__gte": start.replace(day=1), "month__lte": end}
        sent = (
            EvaluationTally.objects.filter(kind=kind, **months).aggregate(n=Sum("sent"))["n"] or 0
        )
        if not whole_year:
            withheld = (
                "Answers are kept by the financial year they arrive in, never by month, "
                "quarter or term, so that none can be tied to a family: they are in the "
                f"figures for {_year_label(year)}."
            )
            result.append(EvaluationFigures(kind, label, sent, None, [], withheld))
            continue
        responses = EvaluationResponse.objects.filter(kind=kind, year=year)
        if today <= end:
            withheld = (
                f"The answers for this year are shown after {end.day} {end:%B %Y}, once no "
                "more can arrive: shown while answers still arrive, two looks a day apart "
                "would single out one family's answers."
            )
            result.append(EvaluationFigures(kind, label, sent, responses.count(), [], withheld))
            continue
        rows = list(responses.values_list("answers", "written_answers"))
        if len(rows) < SMALLEST_GROUP:
            withheld = (
                f"Fewer than {SMALLEST_GROUP} answers arrived this year, so they are not shown: "
                "so few could be told apart."
            )
            result.append(EvaluationFigures(kind, label, sent, len(rows), [], withheld))
            continue
        result.append(
            EvaluationFigures(kind, label, sent, len(rows), _question_figures(kind, rows))
        )
    return result
