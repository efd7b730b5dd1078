"""BRAG over time on the dashboard: month-end counts kept per plan and workstream, this month
worked out live, drawn as a chart with the same figures as a table."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sendtrack.core.charts import month_label
from sendtrack.domain.statutory import add_months
from sendtrack.plans import selectors, services
from sendtrack.plans.models import RagSnapshot
from tests.factories import ActionFactory, PartnershipFactory, PlanFactory, SectionFactory

pytestmark = pytest.mark.django_db

FIGURES = {"blue": 1, "green": 4, "amber": 2, "red": 3, "not_rated": 0}


def last_month_end():
    return timezone.localdate().replace(day=1) - timedelta(days=1)


@pytest.fixture
def plan(partnership):
    plan = PlanFactory(partnership=partnership, title="Northdale written statement")
    workstream = SectionFactory(plan=plan, title="Local Offer")
    ActionFactory(plan=plan, section=workstream, ref="1.1")
    return plan


def keep(plan, end, figures=FIGURES):
    workstream = plan.sections.get()
    return services.keep_rag_snapshot(
        plan=plan, month_end=end, as_at=end, counts={None: figures, workstream.pk: figures}
    )


def test_keeping_a_month_twice_leaves_one_set_of_figures(plan):
    end = last_month_end()
    assert keep(plan, end) == 2
    assert keep(plan, end, {**FIGURES, "red": 0}) == 2
    rows = RagSnapshot.objects.filter(plan=plan, month_end=end)
    assert rows.count() == 2
    assert {row.red for row in rows} == {0}
    assert all(row.partnership_id == plan.partnership_id for row in rows)


def test_a_workstream_of_another_plan_is_not_kept(plan):
    other = SectionFactory(plan=PlanFactory(partnership=plan.partnership))
    end = last_month_end()
    services.keep_rag_snapshot(plan=plan, month_end=end, as_at=end, counts={other.pk: FIGURES})
    assert not RagSnapshot.objects.filter(section=other).exists()


def test_the_selector_reads_only_the_partnerships_own_snapshots(plan):
    end = last_month_end()
    keep(plan, end)
    stranger = PartnershipFactory()
    since = add_months(end.replace(day=1), -11)
    assert selectors.rag_snapshots(stranger, plan_ids=[plan.pk], since=since, until=end) == {}
    found = selectors.rag_snapshots(plan.partnership, plan_ids=[plan.pk], since=since, until=end)
    assert [bar.counts for bar in found[(plan.pk, None)]] == [FIGURES]


def url(partnership):
    return reverse("dashboard", kwargs={"partnership": partnership.slug})


def test_the_dashboard_draws_each_plan_and_workstream_with_a_table(
    client_for, members, partnership, plan
):
    keep(plan, last_month_end())
    page = client_for(members["viewer"]).get(url(partnership)).content.decode()
    assert f'aria-labelledby="brag-plan-{plan.pk}-title brag-plan-{plan.pk}-desc"' in page
    workstream = plan.sections.get()
    assert f'id="brag-section-{workstream.pk}-title">Local Offer</title>' in page
    assert "Northdale written statement: the chart's figures" in page
    last = month_label(last_month_end())
    assert f"{last}: 1 complete, 4 green, 2 amber, 3 red." in page  # the kept month, in words
    assert f'<th scope="row" class="govuk-table__header">{last}</th>' in page  # and in the table


def test_the_dashboards_chart_moves_when_an_action_changes_this_month(
    client_for, members, partnership, plan
):
    """This month's bar is worked out when the page is read, as every rating is, so a rating
    set today shows at once (nothing to refresh)."""
    client = client_for(members["programme_manager"])
    this_month = month_label(timezone.localdate())
    assert (
        f"{this_month}: 0 complete, 1 green, 0 amber, 0 red."
        in client.get(url(partnership)).content.decode()
    )
    action = plan.actions.get()
    services.update_action(
        partnership=partnership,
        action_id=action.pk,
        user=members["programme_manager"],
        expected_version=action.version,
        changes={"rag_override": "red", "rag_override_reason": "The lead post is vacant"},
    )
    page = client.get(url(partnership)).content.decode()
    assert f"{this_month}: 0 complete, 0 green, 0 amber, 1 red." in page


def test_the_dashboard_reads_the_chart_in_one_query_however_many_plans(
    client_for, members, partnership, plan
):
    client = client_for(members["viewer"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(partnership)).status_code == 200
        return len(queries)

    keep(plan, last_month_end())
    few = count()
    for _ in range(3):
        more = PlanFactory(partnership=partnership)
        for _ in range(2):
            ActionFactory(plan=more, section=SectionFactory(plan=more))
        for months in range(1, 4):
            end = add_months(timezone.localdate().replace(day=1), -months + 1) - timedelta(days=1)
            workstreams = {s.pk: FIGURES for s in more.sections.all()}
            services.keep_rag_snapshot(
                plan=more, month_end=end, as_at=end, counts={None: FIGURES, **workstreams}
            )
    assert count() == few
