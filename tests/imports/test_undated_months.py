"""A plan with no as-at date whose date column's name prints the year ("When (2031)"): the
preview reads its months in that year, and a corrected month is read in it too."""

import pytest

from sendtrack.imports import services
from sendtrack.imports.services import ActionCorrection

pytestmark = pytest.mark.django_db

DOCUMENT = (
    "Peer review recommendations: implementation plan\n\n"
    "No\tRecommendation\tSummary actions\tWhen (2031)\tWho\n"
    "1\tAgree how casework is sampled\t<ul> <li>Rota agreed with the quality team</li> "
    "<li>First sample reviewed</li> </ul>\tMar  Jnue\tKim Quinn\n"
)


def test_months_take_the_year_in_the_column_name(partnership):
    draft = services.draft_from_upload(DOCUMENT.encode(), "plan.txt")
    assert draft.plan["as_at"] is None
    preview = services.build_preview(draft, partnership=partnership)
    rota, sample = preview.actions
    assert rota.due is not None and rota.due.isoformat() == "2031-03-31"
    assert rota.due_check == "" and not [p for p in rota.problems if p.rule == "impossible_date"]
    assert sample.due is None and sample.due_check.startswith("The timeframe cannot be read")

    fixed = services.apply_corrections(draft, {1: ActionCorrection(due_raw="June")})
    assert fixed.plan["actions"][1]["due"] == "2031-06-30"
    preview = services.build_preview(fixed, partnership=partnership)
    assert preview.actions[1].due_check == ""
    assert not [p for p in preview.actions[1].problems if p.rule == "impossible_date"]
