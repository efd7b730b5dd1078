"""Every plan service takes the partnership and refuses another partnership's records,
whoever calls it (a view, a command, the API or an import)."""

import pytest

from sendtrack.plans import services
from sendtrack.plans.models import Action, Risk
from tests.factories import ActionFactory, PartnershipFactory, PlanFactory, RiskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def theirs():
    elsewhere = PartnershipFactory(slug="elsewhere")
    plan = PlanFactory(partnership=elsewhere)
    return {"action": ActionFactory(plan=plan), "risk": RiskFactory(plan=plan)}


def test_plan_services_refuse_another_partnerships_records(partnership, theirs):
    action, risk = theirs["action"], theirs["risk"]
    calls = [
        lambda: services.update_action(
            partnership=partnership,
            action_id=action.pk,
            user=None,
            expected_version=action.version,
            changes={"text": "Taken over"},
        ),
        lambda: services.add_progress_update(
            partnership=partnership,
            action_id=action.pk,
            user=None,
            status="complete",
            commentary="x",
        ),
        lambda: services.archive_action(
            partnership=partnership, action_id=action.pk, user=None, expected_version=action.version
        ),
    ]
    for call in calls:
        with pytest.raises(Action.DoesNotExist):
            call()
    with pytest.raises(Risk.DoesNotExist):
        services.update_risk(
            partnership=partnership,
            risk_id=risk.pk,
            user=None,
            expected_version=risk.version,
            changes={"rag": "green"},
        )
    action.refresh_from_db()
    assert action.text != "Taken over" and not action.updates.exists() and not action.archived_at
