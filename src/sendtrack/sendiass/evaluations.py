"""The evaluation questions, and figures from anonymous answers.

Questions follow the shape of the national SENDIASS evaluation (agreement scales and an open
comment); a service can change the wording here. Answers are stored by question key.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django import forms
from django.db.models import Sum

from sendtrack.core.forms import GovukForm

from .models import EvaluationKind, EvaluationResponse, EvaluationTally

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
    kind: str
    label: str
    sent: int
    returned: int
    questions: list[QuestionFigures]

    @property
    def percent_returned(self) -> float | None:
        return round(100 * self.returned / self.sent, 1) if self.sent else None


def evaluation_figures(start: date, end: date) -> list[EvaluationFigures]:
    """Sent, returned, % returned and answers per question for months in [start, end]."""
    result = []
    for kind, label in EvaluationKind.choices:
        months = {"month__gte": start.replace(day=1), "month__lte": end}
        sent = (
            EvaluationTally.objects.filter(kind=kind, **months).aggregate(n=Sum("sent"))["n"] or 0
        )
        rows = list(
            EvaluationResponse.objects.filter(kind=kind, **months).values_list(
                "answers", "written_answers"
            )
        )
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
        result.append(EvaluationFigures(kind, label, sent, len(answers), questions))
    return result
