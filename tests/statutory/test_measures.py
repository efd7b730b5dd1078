"""Timeliness measures (domain.md sections 1 and 5) and the DfE comparators."""

import html
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from sendtrack.domain.statutory import Rate
from sendtrack.statutory.models import DfEComparator
from sendtrack.statutory.selectors.england import comparisons
from sendtrack.statutory.selectors.measures import timeliness_measures
from tests.conftest import shared_path
from tests.statutory.factories import (
    AssessmentFactory,
    ChildFactory,
    ExceptionFactory,
    PlanFactory,
    ReviewFactory,
    StatutoryAreaFactory,
    TransferFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_of_cases(partnership, staff):
    school, other = staff["school"], staff["other_school"]
    officer = staff["casework_officer"]

    def new_plan(received, issued, setting=school, exception=None):
        assessment = AssessmentFactory(
            child=ChildFactory(partnership=partnership, setting=setting),
            request_received=received,
            final_issued=issued,
            outcome="plan_issued",
            outcome_date=issued,
            assigned_officer=officer,
        )
        if exception:
            ExceptionFactory(assessment=assessment, start=exception)
        return assessment

    # Request 3 Mar 2025: 20 weeks ends 21 Jul 2025 (domain.md section 0).
    new_plan(date(2025, 3, 3), date(2025, 7, 21))  # on the last day: within
    new_plan(date(2025, 3, 3), date(2025, 7, 22), setting=other)  # a day late
    new_plan(date(2025, 3, 3), date(2025, 8, 30), exception=date(2025, 4, 1))  # late, exception
    new_plan(date(2024, 12, 1), date(2025, 3, 1))  # within
    new_plan(date(2024, 1, 1), date(2024, 5, 1))  # another year: not counted
    # Decisions: 6 weeks from 3 Mar 2025 is 14 Apr 2025.
    for decided in [date(2025, 4, 14), date(2025, 4, 15)]:
        AssessmentFactory(
            child__partnership=partnership,
            request_received=date(2025, 3, 3),
            decision="assess",
            decision_date=decided,
        )
    # Reviews due in 2025: one held in time, one late, one not held.
    for meeting in [date(2025, 5, 10), date(2025, 5, 11), None]:
        ReviewFactory(
            plan=PlanFactory(child__partnership=partnership, issued=date(2024, 5, 10)),
            counted_from=date(2024, 5, 10),
            due=date(2025, 5, 10),
            meeting_date=meeting,
        )
    # Transfers with a 15 Feb 2025 deadline: one by it, one after, one not finalised.
    for finalised in [date(2025, 2, 15), date(2025, 2, 16), None]:
        TransferFactory(
            plan=PlanFactory(child__partnership=partnership),
            transfer_type="primary_to_secondary",
            transfer_date=date(2025, 9, 1),
            deadline=date(2025, 2, 15),
            finalised_date=finalised,
            status="finalised" if finalised else "planned",
        )


def test_measures_for_a_year(partnership, year_of_cases):
    result = timeliness_measures(partnership, 2025, "month")
    total = result.total
    # Including exceptions: 2 of 4 new plans in 20 weeks. Excluding: the exception case drops
    # out of both counts, 2 of 3.
    assert total.new_plans_inc == Rate(2, 4)
    assert total.new_plans_ex == Rate(2, 3)
    # Decisions: the 4 new plans have no decision date in 2025; the two decisions do.
    assert total.decisions == Rate(1, 2)
    assert total.reviews == Rate(1, 3)
    assert total.transfers == Rate(1, 3)
    july = result.groups[6]
    assert july.label == "July" and july.new_plans_inc == Rate(1, 2)


def test_a_year_still_running_counts_what_is_due_or_done_so_far(partnership, year_of_cases):
    """On 12 May 2025 a review due on 10 May and not held is late; one due in June and not
    yet held cannot be late yet and is left out; one due in June but held early counts."""
    plan = PlanFactory(child__partnership=partnership, issued=date(2024, 6, 20))
    for meeting in [None, date(2025, 5, 1)]:
        ReviewFactory(
            plan=plan, counted_from=plan.issued, due=date(2025, 6, 20), meeting_date=meeting
        )
    TransferFactory(
        plan=PlanFactory(child__partnership=partnership),
        transfer_date=date(2026, 9, 1),
        deadline=date(2025, 12, 15),
        finalised_date=None,
    )
    so_far = timeliness_measures(partnership, 2025, "month", as_at=date(2025, 5, 12)).total
    assert so_far.reviews == Rate(2, 4)  # 10 May: 1 of 3 met; June: the early one only
    assert so_far.transfers == Rate(1, 3)  # December's transfer is not due yet
    whole_year = timeliness_measures(partnership, 2025, "month").total
    assert whole_year.reviews == Rate(2, 5) and whole_year.transfers == Rate(1, 4)


def test_measures_by_setting_and_officer(partnership, staff, year_of_cases):
    by_setting = {r.label: r for r in timeliness_measures(partnership, 2025, "setting").groups}
    assert by_setting["Castlegate Academy"].new_plans_inc == Rate(0, 1)
    assert by_setting["Brookfield Primary School"].new_plans_inc == Rate(2, 3)
    by_officer = {r.label: r for r in timeliness_measures(partnership, 2025, "officer").groups}
    assert by_officer[str(staff["casework_officer"])].new_plans_inc == Rate(2, 4)


def test_the_measures_page_shows_counts_and_comparators(
    client_for, partnership, staff, year_of_cases
):
    StatutoryAreaFactory(partnership=partnership, region_name="London", la_code="E09000002")
    DfEComparator.objects.create(
        time_period=2025,
        geographic_level="National",
        tot_no_exc_ehc=49519,
        no_exc_20week_ehc=29895,
        no_exc_20week_rate=Decimal("60.4"),
        tot_inc_exc_ehc=53327,
        inc_exc_20week_ehc=31313,
        inc_exc_20week_rate=Decimal("58.7"),
    )
    client = client_for(staff["viewer"])
    page = client.get(
        reverse("statutory:measures", kwargs={"partnership": partnership.slug}) + "?year=2025"
    ).content.decode()
    assert "58.7% (31313 of 53327)" in page
    assert "60.4% (29895 of 49519)" in page
    assert "66.7% (2 of 3)" in page  # the partnership, excluding exceptions
    assert "London" in page and "Not available" in page  # no regional row loaded
    assert 'Source: DfE, "Education, health and care plans"' in html.unescape(page)
    earlier = client.get(
        reverse("statutory:measures", kwargs={"partnership": partnership.slug}) + "?year=2024"
    ).content.decode()
    assert "No England or regional figures are loaded for 2024" in earlier


HEADER = (
    "time_period,time_identifier,geographic_level,region_code,region_name,new_la_code,"
    "old_la_code,la_name,tot_no_exc_ehc,no_exc_20week_ehc,no_exc_20week_rate\n"
)
SYNTHETIC = (
    HEADER
    + """2023,Calendar year,National,,,,,,100,50,50.0
2023,Calendar year,Regional,E12000007,London,,,,40,30,75.0
2023,Calendar year,Local authority,E12000007,London,E09000002,301,Barking and Dagenham,x,x,x
2023,Calendar year,Local authority,E12000007,London,E09000003,302,Barnet,0,0,z
"""
)


def test_a_synthetic_file_loads_and_reloads_without_duplicates(tmp_path, partnership):
    file = tmp_path / "timeliness.csv"
    file.write_text(SYNTHETIC)
    out = io.StringIO()
    call_command("load_comparators", str(file), stdout=out)
    assert "Loaded 4 rows from timeliness.csv (4 new, 0 updated)" in out.getvalue()
    file.write_text(SYNTHETIC.replace("100,50,50.0", "100,60,60.0"))
    out = io.StringIO()
    call_command("load_comparators", str(file), stdout=out)
    assert "(0 new, 4 updated)" in out.getvalue()
    assert DfEComparator.objects.count() == 4
    national = DfEComparator.objects.get(geographic_level="National")
    assert (national.no_exc_20week_ehc, national.tot_inc_exc_ehc) == (60, None)
    barking = DfEComparator.objects.get(new_la_code="E09000002")
    assert barking.tot_no_exc_ehc is None and barking.no_exc_20week_rate is None
    barnet = DfEComparator.objects.get(new_la_code="E09000003")
    assert barnet.tot_no_exc_ehc == 0 and barnet.no_exc_20week_rate is None


def test_a_file_in_another_layout_loads_nothing(tmp_path):
    file = tmp_path / "wrong.csv"
    file.write_text("year,area,value\n2023,England,5\n")
    with pytest.raises(CommandError, match="no time_period"):
        call_command("load_comparators", str(file))
    file.write_text(SYNTHETIC + "2023,Calendar year,National,,,,,,many,1,1\n")
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load_comparators", str(file))
    assert DfEComparator.objects.count() == 0


def test_the_dfe_sample_file(partnership):
    path = shared_path("data", "dfe-ehcp-timeliness-sample.csv")
    out = io.StringIO()
    call_command("load_comparators", str(path), stdout=out)
    rows = sum(1 for line in path.read_text().splitlines()[2:] if line.strip())
    assert f"Loaded {rows} rows" in out.getvalue()
    england = DfEComparator.objects.get(time_period=2019, geographic_level="National")
    # domain.md section 1: 2019 England 29,895/49,519 = 60.4% excl., 31,313/53,327 = 58.7% incl.
    assert Rate(england.no_exc_20week_ehc, england.tot_no_exc_ehc).display() == "60.4%"
    assert Rate(england.inc_exc_20week_ehc, england.tot_inc_exc_ehc).display() == "58.7%"
    StatutoryAreaFactory(partnership=partnership, region_name="West Midlands", la_code="")
    rows = comparisons(partnership, timeliness_measures(partnership, 2019))
    assert [r.label for r in rows][1:] == ["West Midlands", "England"]
    assert rows[1].excluding == Rate(2559, 4766)
    call_command("load_comparators", str(path), stdout=io.StringIO())
    assert DfEComparator.objects.filter(time_period=2019, geographic_level="National").count() == 1


def test_a_plan_ceased_before_its_review_or_transfer_is_not_counted(partnership):
    """A plan ceased on 10 Feb 2025, 3 months before its review was due on 10 May 2025: the
    review was never missed, so it is in neither count. The same for a transfer whose plan
    ceased before the 15 February deadline without being amended. A plan that ceased after
    its review fell due still counts the missed review."""
    ceased_early = PlanFactory(
        child__partnership=partnership,
        issued=date(2024, 5, 10),
        status="ceased",
        ceased_date=date(2025, 2, 10),
    )
    ReviewFactory(plan=ceased_early, counted_from=date(2024, 5, 10), due=date(2025, 5, 10))
    TransferFactory(
        plan=ceased_early,
        transfer_date=date(2025, 9, 1),
        deadline=date(2025, 2, 15),
        finalised_date=None,
    )
    ceased_late = PlanFactory(
        child__partnership=partnership,
        issued=date(2024, 5, 10),
        status="ceased",
        ceased_date=date(2025, 6, 1),
    )
    ReviewFactory(plan=ceased_late, counted_from=date(2024, 5, 10), due=date(2025, 5, 10))
    total = timeliness_measures(partnership, 2025, "month").total
    assert total.reviews == Rate(0, 1)  # only the review missed before the plan ceased
    assert total.transfers == Rate(0, 0)


def test_a_short_absence_does_not_take_a_late_plan_out_of_the_excluding_figure(partnership):
    """reg 10(4)(d): absence from the area counts only for 4 continuous weeks or more. A late
    plan with a 1-day absence recorded stays in the excluding-exceptions figure, as late; with
    a 4-week absence it drops out. An absence still open is measured to the day shown."""

    def late_plan(*exceptions):
        assessment = AssessmentFactory(
            child__partnership=partnership,
            request_received=date(2025, 3, 3),
            final_issued=date(2025, 8, 30),  # due 21 Jul 2025: late
            outcome="plan_issued",
            outcome_date=date(2025, 8, 30),
        )
        for start, end in exceptions:
            ExceptionFactory(
                assessment=assessment, reason="absence_from_area", start=start, end=end
            )

    late_plan((date(2025, 4, 1), date(2025, 4, 1)))  # 1 day: not an exception
    late_plan((date(2025, 4, 1), date(2025, 4, 28)))  # 28 days: an exception
    late_plan((date(2025, 7, 20), None))  # still away: 28 days on 16 Aug 2025
    on_15th = timeliness_measures(partnership, 2025, "month", today=date(2025, 8, 15)).total
    assert on_15th.new_plans_inc == Rate(0, 3)
    assert on_15th.new_plans_ex == Rate(0, 2)  # the 1-day and the still-short absence
    on_16th = timeliness_measures(partnership, 2025, "month", today=date(2025, 8, 16)).total
    assert on_16th.new_plans_ex == Rate(0, 1)  # only the 1-day absence


def test_the_measures_download_as_one_long_table(client_for, partnership, staff, year_of_cases):
    import csv

    client = client_for(staff["viewer"])
    kwargs = {"partnership": partnership.slug, "fmt": "csv"}
    path = reverse("statutory:measures_export", kwargs=kwargs)
    response = client.get(path + "?year=2025&by=setting")
    assert response["Content-Disposition"].endswith('timeliness-2025-by-setting.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Year", "Breakdown", "Group", "Measure", "On time", "Out of", "Percentage"]
    whole = {r[3]: r[4:] for r in rows[1:] if r[1] == "Whole year"}
    assert whole["New EHC plans issued within 20 weeks, including exceptions (SEN2)"] == [
        "2",
        "4",
        "50.0%",
    ]
    assert {r[1] for r in rows[1:]} == {"Whole year", "Setting"}
    page = client.get(
        reverse("statutory:measures", kwargs={"partnership": partnership.slug}) + "?year=2025"
    ).content.decode()
    assert "measures/export.csv?year=2025&amp;by=month" in page
