"""Reading the date text of plans: every form in docs/dates.md, its edges, and the gold files.

The strings here are written for these tests in the shapes councils use; none is copied from a
plan. ``test_gold_files_agree`` reads ``../shared/seeds/gold`` when it is there.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from sendtrack.domain.dates import DateReading, Precision, format_date, names_a_date, read_date

D = date.fromisoformat
P = Precision
MONTHS = list(calendar.month_name)[1:]
SHORT = [m[:3] for m in MONTHS]
AS_AT = D("2026-06-30")  # "as at June 2026"

# raw, as_at, due, start, precision
FORMS: dict[str, list[tuple[str, date | None, str | None, str | None, Precision]]] = {
    "exact UK dates": [
        ("30/04/2027", None, "2027-04-30", "2027-04-30", P.DAY),
        ("30.04.27", None, "2027-04-30", "2027-04-30", P.DAY),
        ("30-4-2027", None, "2027-04-30", "2027-04-30", P.DAY),
        ("1/7/2026", None, "2026-07-01", "2026-07-01", P.DAY),
        ("30 April 2027", None, "2027-04-30", "2027-04-30", P.DAY),
        ("30th Apr 2027", None, "2027-04-30", "2027-04-30", P.DAY),
        ("1st of July 2026", None, "2026-07-01", "2026-07-01", P.DAY),
        ("2nd Sept. 2026", None, "2026-09-02", "2026-09-02", P.DAY),
        ("23rd  OCTOBER  2026", None, "2026-10-23", "2026-10-23", P.DAY),
        ("30-Apr-27", None, "2027-04-30", "2027-04-30", P.DAY),
        ("Thursday 30 April 2026", None, "2026-04-30", "2026-04-30", P.DAY),
        ("2027-04-30", None, "2027-04-30", "2027-04-30", P.DAY),
        ("April 30th, 2027", None, "2027-04-30", "2027-04-30", P.DAY),
        ("April 30, 2027", None, "2027-04-30", "2027-04-30", P.DAY),
        ("Apr 30, '27", None, "2027-04-30", "2027-04-30", P.DAY),  # a task board's export
        ("29/02/2028", None, "2028-02-29", "2028-02-29", P.DAY),
        ("by 15/01/2027 (once the panel has met)", None, "2027-01-15", "2027-01-15", P.DAY),
    ],
    "month and year": [
        ("April 2027", None, "2027-04-30", "2027-04-01", P.MONTH),
        ("Feb-27", None, "2027-02-28", "2027-02-01", P.MONTH),
        ("Feb 28", None, "2028-02-29", "2028-02-01", P.MONTH),
        ("02/2027", None, "2027-02-28", "2027-02-01", P.MONTH),
        ("2/2027", None, "2027-02-28", "2027-02-01", P.MONTH),
        ("02/27", None, "2027-02-28", "2027-02-01", P.MONTH),
        ("Sept 26", None, "2026-09-30", "2026-09-01", P.MONTH),
        ("Nov '26", None, "2026-11-30", "2026-11-01", P.MONTH),
        ("June, 2027", None, "2027-06-30", "2027-06-01", P.MONTH),
        ("by end November 2026", None, "2026-11-30", "2026-11-01", P.MONTH),
        ("the end of August 2026", None, "2026-08-31", "2026-08-01", P.MONTH),
        ("mid-March 2027", None, "2027-03-31", "2027-03-01", P.MONTH),
        ("2026-11", None, "2026-11-30", "2026-11-01", P.MONTH),
        ("Report published on the website October 2026", None, "2026-10-31", "2026-10-01", P.MONTH),
    ],
    "month with no year": [
        ("June", AS_AT, "2026-06-30", "2026-06-01", P.MONTH),  # the as-at month counts
        ("in June", AS_AT, "2026-06-30", "2026-06-01", P.MONTH),
        ("May", AS_AT, "2027-05-31", "2027-05-01", P.MONTH),
        ("early July", AS_AT, "2026-07-31", "2026-07-01", P.MONTH),
        ("mid-Aug", AS_AT, "2026-08-31", "2026-08-01", P.MONTH),
        ("late Dec", AS_AT, "2026-12-31", "2026-12-01", P.MONTH),
        ("in may", AS_AT, "2027-05-31", "2027-05-01", P.MONTH),
        ("Jan", D("2026-12-31"), "2027-01-31", "2027-01-01", P.MONTH),
        ("15th March", AS_AT, "2027-03-15", "2027-03-15", P.DAY),
        ("from 3rd June", D("2026-06-30"), None, "2026-06-03", P.ONGOING),  # as-at is a month
        ("29th February", AS_AT, "2028-02-29", "2028-02-29", P.DAY),
        ("Due 30/11", AS_AT, "2026-11-30", "2026-11-30", P.DAY),
        ("by 3/2", AS_AT, "2027-02-03", "2027-02-03", P.DAY),
        ("w/c 14/12", AS_AT, "2026-12-20", "2026-12-14", P.DAY),  # the week: its last day
        ("30/6", AS_AT, "2026-06-30", "2026-06-30", P.DAY),  # a cell holding only the date
        ("1/9 - 30/11", AS_AT, "2026-11-30", "2026-09-01", P.DAY),
    ],
    "terms": [
        ("Summer Term 2027", None, "2027-07-31", "2027-04-01", P.TERM),
        ("Spring term 2027", None, "2027-03-31", "2027-01-01", P.TERM),
        ("Autumn Term 2026", None, "2026-12-31", "2026-09-01", P.TERM),
        ("autumn 26", None, "2026-12-31", "2026-09-01", P.TERM),
        ("Spring (2027)", None, "2027-03-31", "2027-01-01", P.TERM),
        ("Spring Term 2026/27", None, "2027-03-31", "2027-01-01", P.TERM),
        ("Autumn term 2026-27", None, "2026-12-31", "2026-09-01", P.TERM),
        ("before the end of the spring Term 2027", None, "2027-03-31", "2027-01-01", P.TERM),
        ("Summer Term", AS_AT, "2026-07-31", "2026-04-01", P.TERM),
        ("Spring Term", AS_AT, "2027-03-31", "2027-01-01", P.TERM),
        ("during the autumn term", AS_AT, "2026-12-31", "2026-09-01", P.TERM),
        ("Spring term annually", AS_AT, "2027-03-31", "2027-01-01", P.TERM),
        ("Summer Term 2027 Summer Term 2027", None, "2027-07-31", "2027-04-01", P.TERM),
        ("Spring Term 2027, aiming for February", AS_AT, "2027-03-31", "2027-01-01", P.TERM),
        ("Spring (2027) & Summer Term 2027", None, "2027-07-31", "2027-01-01", P.TERM),
        ("Over Autumn and Spring Terms 2026 - 27", None, "2027-03-31", "2026-09-01", P.TERM),
    ],
    "half terms": [
        ("Autumn 1", AS_AT, "2026-10-31", "2026-09-01", P.HALF_TERM),
        ("Autumn 2 2026", None, "2026-12-31", "2026-11-01", P.HALF_TERM),
        ("Spring 1 2027", None, "2027-02-28", "2027-01-01", P.HALF_TERM),
        ("Spring half term 2", AS_AT, "2027-03-31", "2027-03-01", P.HALF_TERM),
        ("Summer term 1 2027", None, "2027-05-31", "2027-04-01", P.HALF_TERM),
        # A school's short names for half terms ("Aut 2", "Spr 1", "Sum 1")
        ("Aut 2 2026", None, "2026-12-31", "2026-11-01", P.HALF_TERM),
        ("Spr 1 2027", None, "2027-02-28", "2027-01-01", P.HALF_TERM),
        ("Sum 1 2027", None, "2027-05-31", "2027-04-01", P.HALF_TERM),
        ("Summer 2 2026/27", None, "2027-07-31", "2027-06-01", P.HALF_TERM),
        ("first half of autumn term", AS_AT, "2026-10-31", "2026-09-01", P.HALF_TERM),
        ("second half of the spring term 2027", None, "2027-03-31", "2027-03-01", P.HALF_TERM),
        ("Summer second half term", AS_AT, "2026-07-31", "2026-06-01", P.HALF_TERM),
    ],
    "relative to the as-at date": [
        ("this term", AS_AT, "2026-07-31", "2026-04-01", P.TERM),
        ("end of term", AS_AT, "2026-07-31", "2026-04-01", P.TERM),
        ("by the end of this term", AS_AT, "2026-07-31", "2026-04-01", P.TERM),
        ("this term", D("2026-08-15"), "2026-12-31", "2026-09-01", P.TERM),  # holiday: next
        ("next term", AS_AT, "2026-12-31", "2026-09-01", P.TERM),
        ("next term", D("2026-12-31"), "2027-03-31", "2027-01-01", P.TERM),
        ("this half-term", AS_AT, "2026-07-31", "2026-06-01", P.HALF_TERM),
        ("next half term", AS_AT, "2026-10-31", "2026-09-01", P.HALF_TERM),
        ("end of this month", D("2026-02-10"), "2026-02-28", "2026-02-01", P.MONTH),
        ("next month", D("2026-12-10"), "2027-01-31", "2027-01-01", P.MONTH),
        ("this quarter", D("2026-02-10"), "2026-03-31", "2026-01-01", P.QUARTER),
        ("next quarter", D("2026-02-10"), "2026-06-30", "2026-04-01", P.QUARTER),
        ("this year", AS_AT, "2026-12-31", "2026-01-01", P.YEAR),
        ("end of the financial year", AS_AT, "2027-03-31", "2026-04-01", P.FINANCIAL_YEAR),
        ("end of the academic year", AS_AT, "2026-08-31", "2025-09-01", P.ACADEMIC_YEAR),
        ("next academic year", AS_AT, "2027-08-31", "2026-09-01", P.ACADEMIC_YEAR),
        ("by Easter", AS_AT, "2027-03-28", "2027-03-28", P.DAY),
        ("Easter 2026", None, "2026-04-05", "2026-04-05", P.DAY),
        ("before Christmas", AS_AT, "2026-12-25", "2026-12-25", P.DAY),
        # a day and month with no year: "5/12" is 5 December, not May 2012 (no plan then)
        ("Due: 5/12", AS_AT, "2026-12-05", "2026-12-05", P.DAY),
        ("11/12", AS_AT, "2026-12-11", "2026-12-11", P.DAY),
        ("12/24", AS_AT, "2024-12-31", "2024-12-01", P.MONTH),  # a month and a year
    ],
    "financial years and quarters": [
        ("Q2 2026/27", None, "2026-09-30", "2026-07-01", P.QUARTER),
        ("Q3 2026-27", None, "2026-12-31", "2026-10-01", P.QUARTER),
        ("Quarter 4 2026/27", None, "2027-03-31", "2027-01-01", P.QUARTER),
        ("Q1 26/27", None, "2026-06-30", "2026-04-01", P.QUARTER),
        ("Qtr 1 FY 2026/27", None, "2026-06-30", "2026-04-01", P.QUARTER),
        ("second quarter of 2026/2027", None, "2026-09-30", "2026-07-01", P.QUARTER),
        ("2026/27 Q4", None, "2027-03-31", "2027-01-01", P.QUARTER),
        ("Q3", AS_AT, "2026-12-31", "2026-10-01", P.QUARTER),
        ("Q4", AS_AT, "2027-03-31", "2027-01-01", P.QUARTER),
        ("Q1", AS_AT, "2026-06-30", "2026-04-01", P.QUARTER),
        ("2026/27", None, "2027-03-31", "2026-04-01", P.FINANCIAL_YEAR),
        ("2026-27", None, "2027-03-31", "2026-04-01", P.FINANCIAL_YEAR),
        ("2026/2027", None, "2027-03-31", "2026-04-01", P.FINANCIAL_YEAR),
        ("26/27", None, "2027-03-31", "2026-04-01", P.FINANCIAL_YEAR),
        ("FY 2026-27", None, "2027-03-31", "2026-04-01", P.FINANCIAL_YEAR),
        ("financial year 2026/27", None, "2027-03-31", "2026-04-01", P.FINANCIAL_YEAR),
        ("2026/27 financial year", None, "2027-03-31", "2026-04-01", P.FINANCIAL_YEAR),
        ("1999/00", None, "2000-03-31", "1999-04-01", P.FINANCIAL_YEAR),
    ],
    "academic years and years": [
        ("academic year 2026/27", None, "2027-08-31", "2026-09-01", P.ACADEMIC_YEAR),
        ("2026-27 academic year", None, "2027-08-31", "2026-09-01", P.ACADEMIC_YEAR),
        (
            "by the end of the academic year 2025/26",
            None,
            "2026-08-31",
            "2025-09-01",
            P.ACADEMIC_YEAR,
        ),
        ("school year 2026-2027", None, "2027-08-31", "2026-09-01", P.ACADEMIC_YEAR),
        ("AY 2026/27", None, "2027-08-31", "2026-09-01", P.ACADEMIC_YEAR),
        ("2027", None, "2027-12-31", "2027-01-01", P.YEAR),
        ("during 2027", None, "2027-12-31", "2027-01-01", P.YEAR),
        ("2026 - 2028", None, "2028-12-31", "2026-01-01", P.YEAR),
        ("2026 to 2027", None, "2027-12-31", "2026-01-01", P.YEAR),
    ],
    "ranges": [
        ("Mar/Aug", AS_AT, "2026-08-31", "2026-03-01", P.MONTH),
        ("June/September", AS_AT, "2026-09-30", "2026-06-01", P.MONTH),
        ("October – December 2026", None, "2026-12-31", "2026-10-01", P.MONTH),
        ("October—December 2026", None, "2026-12-31", "2026-10-01", P.MONTH),
        ("Feb 2026 - April 2027", None, "2027-04-30", "2026-02-01", P.MONTH),
        ("Oct 26 to Jan 27", None, "2027-01-31", "2026-10-01", P.MONTH),
        ("Between April and June 2027", None, "2027-06-30", "2027-04-01", P.MONTH),
        ("Between January and end of March 2027", None, "2027-03-31", "2027-01-01", P.MONTH),
        ("Jan – Feb 2027", None, "2027-02-28", "2027-01-01", P.MONTH),
        ("Oct/Nov 2026", None, "2026-11-30", "2026-10-01", P.MONTH),
        ("Nov - Feb 2027", None, "2027-02-28", "2026-11-01", P.MONTH),  # the start goes back
        ("September 2026 to January", None, "2027-01-31", "2026-09-01", P.MONTH),
        ("Oct & November 2026", None, "2026-11-30", "2026-10-01", P.MONTH),
        ("June 2026 & August 2026", None, "2026-08-31", "2026-06-01", P.MONTH),
        ("May, June or July 2027", None, "2027-07-31", "2027-05-01", P.MONTH),
        ("01/09/2026 - 31/12/2026", None, "2026-12-31", "2026-09-01", P.DAY),
        ("Autumn 2026 - Spring 2027", None, "2027-03-31", "2026-09-01", P.TERM),
        ("Autumn to Summer Term 2027", None, "2027-07-31", "2026-09-01", P.TERM),
        ("Q1-Q3 2026/27", None, "2026-12-31", "2026-04-01", P.QUARTER),
        ("Nov 4, '26 - Jan 16, '27", None, "2027-01-16", "2026-11-04", P.DAY),
    ],
    "several separate dates: the latest wins": [
        ("Nov 2026 Feb 2027", None, "2027-02-28", "2026-11-01", P.MONTH),
        ("August 2026 July 2026", None, "2026-08-31", "2026-07-01", P.MONTH),
        ("Sept 2026 Oct 2026 Dec 2026", None, "2026-12-31", "2026-09-01", P.MONTH),
        (
            "Pilot by March 2027. Training by January 2027. Launch by February 2027",
            None,
            "2027-03-31",
            "2027-01-01",
            P.MONTH,
        ),
        ("Event 1 in June 2026 Event 2 in July 2026", None, "2026-07-31", "2026-06-01", P.MONTH),
        ("Phase A – Nov 2026", None, "2026-11-30", "2026-11-01", P.MONTH),
        # A bracket naming the months of the quarter before it: that quarter's, not as-at's.
        ("Q1 2025/26 (Apr–Jun)", date(2025, 9, 30), "2025-06-30", "2025-04-01", P.MONTH),
        ("Board Oct 2026 Panel Spring 27", None, "2027-03-31", "2026-10-01", P.TERM),
        (
            "Built over Spring Term 2027 with first sessions in January.",
            AS_AT,
            "2027-03-31",
            "2027-01-01",
            P.TERM,
        ),
        (
            "June 2027 tracker in place by Oct 26 Ongoing – proposals by Dec 2026",
            None,
            "2027-06-30",
            "2026-10-01",
            P.MONTH,
        ),
        (
            "Trials in the Spring Term and launch from Summer Term 2027",
            AS_AT,
            "2027-07-31",
            "2027-01-01",
            P.TERM,
        ),
        ("Sept - November Oct 2026", AS_AT, "2026-11-30", "2026-09-01", P.MONTH),
        ("Sept - November Oct 2026", None, "2026-11-30", "2026-09-01", P.MONTH),
        ("Spring Term 2027 aiming for Feb", None, "2027-03-31", "2027-01-01", P.TERM),
        ("Autumn Term 2026 - aiming for Nov", None, "2026-12-31", "2026-09-01", P.TERM),
        ("31/03/2027 (Q4)", None, "2027-03-31", "2027-01-01", P.DAY),
        ("Jan Wef Feb onwards", D("2026-12-31"), "2027-01-31", "2027-01-01", P.MONTH),
    ],
    "status words and dates together": [
        ("30/04/2027 Ongoing", None, "2027-04-30", "2027-04-30", P.DAY),
        ("Ongoing and complete by April 2027", None, "2027-04-30", "2027-04-01", P.MONTH),
        ("Feb 2027 Annually", None, "2027-02-28", "2027-02-01", P.MONTH),
        ("Monthly until March 2027", None, "2027-03-31", "2027-03-01", P.RECURRING),
        ("Termly from Sept 2026 to July 2027", None, "2027-07-31", "2026-09-01", P.RECURRING),
    ],
    "a week named by its first day": [
        ("w/c 23 March 2026", None, "2026-03-29", "2026-03-23", P.DAY),
        ("week commencing 12/01/2026", None, "2026-01-18", "2026-01-12", P.DAY),
        ("W/B 5 Jan", AS_AT, "2027-01-11", "2027-01-05", P.DAY),
        ("Week beginning 30 November 2026", None, "2026-12-06", "2026-11-30", P.DAY),
        ("commencing 23 March 2026", None, None, "2026-03-23", P.ONGOING),
    ],
    "open-ended, recurring and no date": [
        ("From January 2027", None, None, "2027-01-01", P.ONGOING),
        ("From Oct 2026 onwards", None, None, "2026-10-01", P.ONGOING),
        ("wef 01/09/2026", None, None, "2026-09-01", P.ONGOING),
        ("with effect from April 2027", None, None, "2027-04-01", P.ONGOING),
        ("Wef Mar onwards", None, None, None, P.ONGOING),
        ("Wef Mar onwards", AS_AT, None, "2027-03-01", P.ONGOING),
        ("Quarterly wef Apr 2026", None, None, "2026-04-01", P.RECURRING),
        ("Quarterly", None, None, None, P.RECURRING),
        ("Monthly", None, None, None, P.RECURRING),
        ("termly", None, None, None, P.RECURRING),
        ("4 times a year", None, None, None, P.RECURRING),
        ("twice per term", None, None, None, P.RECURRING),
        ("every 6 weeks", None, None, None, P.RECURRING),
        ("bi-annually", None, None, None, P.RECURRING),
        ("on a 3 monthly basis", None, None, None, P.RECURRING),
        ("ongoing", None, None, None, P.ONGOING),
        ("On-going", None, None, None, P.ONGOING),
        ("on going", None, None, None, P.ONGOING),
        ("Continuous", None, None, None, P.ONGOING),
        ("as and when required", None, None, None, P.ONGOING),
        ("TBC", None, None, None, P.NONE),
        ("tbd", None, None, None, P.NONE),
        ("To be confirmed", None, None, None, P.NONE),
        ("N/A", None, None, None, P.NONE),
        ("n/a", None, None, None, P.NONE),
        ("NHSE contingent", None, None, None, P.NONE),
        ("dependent on funding", None, None, None, P.NONE),
    ],
}

CASES = [
    pytest.param(raw, as_at, due, start, precision, id=f"{form}: {raw}")
    for form, rows in FORMS.items()
    for raw, as_at, due, start, precision in rows
]


@pytest.mark.parametrize(("raw", "as_at", "due", "start", "precision"), CASES)
def test_forms(
    raw: str, as_at: date | None, due: str | None, start: str | None, precision: Precision
) -> None:
    reading = read_date(raw, as_at)
    assert (reading.due, reading.start, reading.precision) == (
        D(due) if due else None,
        D(start) if start else None,
        precision,
    ), reading
    assert reading.problem is None
    assert reading.raw == raw
    assert not reading.is_complete


# raw, as_at, precision, the problem exactly
PROBLEMS = [
    ("31/09/2026", None, P.DAY, "31/09/2026 is not a real date"),
    ("31/06/2027", None, P.DAY, "31/06/2027 is not a real date"),
    ("29/02/2027", None, P.DAY, "29/02/2027 is not a real date"),
    ("32/01/2027", None, P.DAY, "32/01/2027 is not a real date"),
    ("12/13/2027", None, P.DAY, "12/13/2027 is not a real date"),
    ("00/05/2027", None, P.DAY, "00/05/2027 is not a real date"),
    ("31st  September 2026", None, P.DAY, "31st September 2026 is not a real date"),
    ("30 February", AS_AT, P.DAY, "30 February is not a real date"),
    ("due 31/9", AS_AT, P.DAY, "31/9 is not a real date"),
    ("2027-02-30", None, P.DAY, "2027-02-30 is not a real date"),
    ("Done by 31/04/2027 Ongoing", None, P.DAY, "31/04/2027 is not a real date"),
    ("31/04/2027 and 30/05/2027", None, P.DAY, "31/04/2027 is not a real date"),
    ("April", None, P.MONTH, "no year given and no as-at date for April"),
    ("Mar/Aug", None, P.MONTH, "no year given and no as-at date for Mar … Aug"),
    ("Autumn term", None, P.TERM, "no year given and no as-at date for Autumn term"),
    ("Q3", None, P.QUARTER, "no year given and no as-at date for Q3"),
    ("12th May", None, P.DAY, "no year given and no as-at date for 12th May"),
    (
        "this term",
        None,
        P.TERM,
        "this term is relative and there is no as-at date to read it from",
    ),
    ("Feb 2027 - Nov 2026", None, P.MONTH, "Feb 2027 … Nov 2026 ends before it starts"),
    (
        "Q2 2026",
        None,
        P.QUARTER,
        "Q2 2026 does not say which financial year it means (for example Q2 2026/27)",
    ),
    ("Q2 2026/28", None, P.QUARTER, "Q2 2026/28: 2026/28 is not one financial year"),
    (
        "FY26",
        None,
        P.FINANCIAL_YEAR,
        "FY26 does not say which financial year it means (write both years, for example 2024/25)",
    ),
    ("2026/28", None, P.FINANCIAL_YEAR, "2026/28 is not two adjacent years"),
    ("Spring Term 2026/28", None, P.TERM, "Spring Term 2026/28: 2026/28 is not one academic year"),
    ("Novemebr 2026", None, P.YEAR, "Novemebr 2026: Novemebr is not a month name"),
    ("to be arranged with schools", None, P.NONE, None),
    ("see narrative", None, P.NONE, "could not read a date from 'see narrative'"),
    ("  Immediately  ", None, P.NONE, "could not read a date from 'Immediately'"),
    ("summer holidays", None, P.NONE, "could not read a date from 'summer holidays'"),
    ("the group may decide", None, P.NONE, "could not read a date from 'the group may decide'"),
    ("step 2 may follow", None, P.NONE, "could not read a date from 'step 2 may follow'"),
]


@pytest.mark.parametrize("text", ["Action 26/07", "3/4 schools", "Ref 26/14 – send the letter"])
def test_a_day_and_month_with_nothing_asking_for_a_date_is_not_one(text: str) -> None:
    """A ref or a count written like a day and month is not read as a deadline."""
    assert read_date(text, AS_AT).due is None
    assert not names_a_date(text)


@pytest.mark.parametrize(("raw", "as_at", "precision", "problem"), PROBLEMS, ids=lambda v: str(v))
def test_problems_are_reported_not_guessed(
    raw: str, as_at: date | None, precision: Precision, problem: str | None
) -> None:
    reading = read_date(raw, as_at)
    assert reading == DateReading(raw, None, None, precision, False, problem)


@pytest.mark.parametrize(
    ("raw", "due"),
    [
        ("Complete", None),
        ("Completed", None),
        ("COMPLETED.", None),
        ("Done", None),
        ("Complete - 30/04/2027", "2027-04-30"),
        ("Completed Feb 2027", "2027-02-28"),
        ("has been completed", None),
    ],
)
def test_complete_is_a_status_not_a_date(raw: str, due: str | None) -> None:
    reading = read_date(raw, AS_AT)
    assert reading.is_complete
    assert reading.due == (D(due) if due else None)
    assert reading.problem is None
    if due is None:
        assert reading.precision is P.NONE


@pytest.mark.parametrize(
    "raw",
    [
        "Complete by Dec 2026",
        "Review completed by October 2026",
        "still to be completed",
        "Ongoing and complete by April 2027",
        "Not complete",
        "incomplete",
        "once database complete",
        "when the review is done",
    ],
)
def test_complete_by_a_date_is_a_deadline(raw: str) -> None:
    assert not read_date(raw, AS_AT).is_complete


@pytest.mark.parametrize("raw", [None, "", "   ", "\n\t", "-", "–", "?", "..."])
def test_nothing_written_is_no_date_and_no_problem(raw: str | None) -> None:
    assert read_date(raw, AS_AT) == DateReading(raw or "", None, None, P.NONE, False, None)


def test_raw_is_kept_exactly() -> None:
    raw = "  Sept\u00a0–\u00a0Nov\u20192026 \n"
    reading = read_date(raw)
    assert reading.raw == raw
    assert (reading.start, reading.due) == (D("2026-09-01"), D("2026-11-30"))


@pytest.mark.parametrize(
    ("day", "shown"),
    [
        (D("2025-03-31"), "31 March 2025"),
        (D("2025-04-01"), "1 April 2025"),
        (D("2024-02-29"), "29 February 2024"),
        (D("0999-12-09"), "9 December 999"),
    ],
)
def test_format_date(day: date, shown: str) -> None:
    assert format_date(day) == shown


def test_the_conventions_in_the_docs() -> None:
    """The period boundaries docs/dates.md promises, in one place."""
    expect = {
        "Autumn Term 2026": ("2026-09-01", "2026-12-31"),
        "Spring Term 2027": ("2027-01-01", "2027-03-31"),
        "Summer Term 2027": ("2027-04-01", "2027-07-31"),
        "Autumn 1 2026": ("2026-09-01", "2026-10-31"),
        "Autumn 2 2026": ("2026-11-01", "2026-12-31"),
        "Spring 1 2028": ("2028-01-01", "2028-02-29"),
        "Spring 2 2027": ("2027-03-01", "2027-03-31"),
        "Summer 1 2027": ("2027-04-01", "2027-05-31"),
        "Summer 2 2027": ("2027-06-01", "2027-07-31"),
        "Q1 2026/27": ("2026-04-01", "2026-06-30"),
        "Q2 2026/27": ("2026-07-01", "2026-09-30"),
        "Q3 2026/27": ("2026-10-01", "2026-12-31"),
        "Q4 2026/27": ("2027-01-01", "2027-03-31"),
        "2026/27": ("2026-04-01", "2027-03-31"),
        "academic year 2026/27": ("2026-09-01", "2027-08-31"),
    }
    for raw, (start, due) in expect.items():
        reading = read_date(raw)
        assert (reading.start, reading.due) == (D(start), D(due)), raw


# ---------------------------------------------------------------------------------------------
# Properties

EXACT_FORMATS: dict[str, Callable[[date], str]] = {
    "dd/mm/yyyy": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    "d/m/yyyy": lambda d: f"{d.day}/{d.month}/{d.year}",
    "dd.mm.yyyy": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    "d-m-yyyy": lambda d: f"{d.day}-{d.month}-{d.year}",
    "GOV.UK": format_date,
    "ordinal, short month": lambda d: f"{d.day}{_suffix(d.day)} {SHORT[d.month - 1]} {d.year}",
    "ordinal of month": lambda d: f"the {d.day}{_suffix(d.day)} of {MONTHS[d.month - 1]} {d.year}",
    "d-Mon-yyyy": lambda d: f"{d.day}-{SHORT[d.month - 1]}-{d.year}",
    "upper case": lambda d: format_date(d).upper(),
    "lower case": lambda d: format_date(d).lower(),
    "ISO": lambda d: d.isoformat(),
    "in a sentence": lambda d: f"Signed off by the board by {format_date(d)}.",
}
TWO_DIGIT_FORMATS: dict[str, Callable[[date], str]] = {
    "dd/mm/yy": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
    "dd.mm.yy": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}",
    "d-Mon-yy": lambda d: f"{d.day}-{SHORT[d.month - 1]}-{d.year % 100:02d}",
}


def _suffix(day: int) -> str:
    if day in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


@pytest.mark.parametrize("fmt", EXACT_FORMATS)
@settings(max_examples=50)  # per format: twelve formats
@given(day=st.dates(min_value=date(1000, 1, 1)), as_at=st.none() | st.dates())
def test_any_real_date_reads_back(fmt: str, day: date, as_at: date | None) -> None:
    reading = read_date(EXACT_FORMATS[fmt](day), as_at)
    assert (reading.due, reading.start, reading.precision, reading.problem) == (
        day,
        day,
        P.DAY,
        None,
    )


@pytest.mark.parametrize("fmt", TWO_DIGIT_FORMATS)
@settings(max_examples=50)
@given(day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_two_digit_years_are_this_century(fmt: str, day: date) -> None:
    reading = read_date(TWO_DIGIT_FORMATS[fmt](day))
    assert (reading.due, reading.precision) == (day, P.DAY)


def _impossible(day: int, month: int, year: int) -> bool:
    return not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1])


@given(
    day=st.integers(0, 99),
    month=st.integers(0, 99),
    year=st.integers(1000, 9999),
    sep=st.sampled_from("/.-"),
)
def test_impossible_numeric_dates_are_reported(day: int, month: int, year: int, sep: str) -> None:
    assume(_impossible(day, month, year))
    raw = f"{day}{sep}{month:02d}{sep}{year}"
    reading = read_date(raw, AS_AT)
    assert reading.due is None
    assert reading.problem == f"{raw} is not a real date"
    assert reading.precision is P.DAY


@given(day=st.integers(0, 99), month=st.integers(1, 12), year=st.integers(1000, 9999))
def test_impossible_written_dates_are_reported(day: int, month: int, year: int) -> None:
    assume(_impossible(day, month, year))
    raw = f"{day} {MONTHS[month - 1]} {year}"
    reading = read_date(raw, AS_AT)
    assert (reading.due, reading.problem) == (None, f"{raw} is not a real date")


@given(
    month=st.integers(1, 12),
    as_at=st.dates(min_value=date(1000, 1, 1), max_value=date(9990, 12, 31)),
    name=st.sampled_from([MONTHS, SHORT]),
    lead=st.sampled_from(["", "in ", "by ", "end of ", "early ", "mid-", "late "]),
)
def test_months_with_no_year_never_fall_before_the_as_at_month(
    month: int, as_at: date, name: list[str], lead: str
) -> None:
    reading = read_date(lead + name[month - 1], as_at)
    assert reading.due is not None and reading.start is not None
    assert reading.due.month == month and reading.precision is P.MONTH
    as_at_month = as_at.replace(day=1)
    assert as_at_month <= reading.start < as_at_month + timedelta(days=366)


@given(
    season=st.sampled_from(["Autumn", "Spring", "Summer"]),
    half=st.sampled_from(["", " 1", " 2"]),
    as_at=st.dates(min_value=date(1000, 1, 1), max_value=date(9990, 12, 31)),
)
def test_terms_with_no_year_are_the_next_to_end(season: str, half: str, as_at: date) -> None:
    reading = read_date(f"{season} term{half}", as_at)
    assert reading.due is not None
    assert as_at.replace(day=1) <= reading.due < as_at + timedelta(days=366)


@given(year=st.integers(1900, 2098), q=st.integers(1, 4), sep=st.sampled_from(["/", "-"]))
def test_quarters_fall_inside_their_financial_year(year: int, q: int, sep: str) -> None:
    reading = read_date(f"Q{q} {year}{sep}{(year + 1) % 100:02d}")
    year_reading = read_date(f"{year}{sep}{(year + 1) % 100:02d}")
    assert reading.due is not None and reading.start is not None
    assert year_reading.due == date(year + 1, 3, 31)
    assert year_reading.start == date(year, 4, 1)
    assert year_reading.start <= reading.start < reading.due <= year_reading.due
    assert (reading.due - reading.start).days in range(89, 92)
    assert (reading.due + timedelta(days=1)).day == 1


@given(
    first=st.integers(1, 12),
    last=st.integers(1, 12),
    year=st.integers(1900, 2099),
    join=st.sampled_from([" - ", "/", " to ", " – ", " and "]),
)
def test_a_year_on_the_end_of_a_range_applies_to_both_sides(
    first: int, last: int, year: int, join: str
) -> None:
    reading = read_date(f"{SHORT[first - 1]}{join}{MONTHS[last - 1]} {year}")
    assert reading.due == date(year, last, calendar.monthrange(year, last)[1])
    assert reading.start is not None and reading.start <= reading.due
    assert reading.start.month == first
    assert (reading.due - reading.start).days < 366


# Text made of the pieces plans use, to push the rules harder than random characters can.
PIECES = (
    [*MONTHS, *SHORT, "Sept", "Autumn", "Spring", "Summer", "term", "half term", "Q1", "Q4"]
    + ["2026", "2027", "26", "27", "2026/27", "31", "30", "1st", "29th", "/", "-", "–", "to"]
    + ["and", "&", "from", "wef", "onwards", "by", "end of", "this term", "next", "Ongoing"]
    + ["Complete", "quarterly", "TBC", "academic year", "FY", ",", ".", "(", ")", "31/09/2026"]
    + ["12/06/2026", "03/2027", "Easter", "between"]
)
plan_text = st.lists(st.sampled_from(PIECES), max_size=8).map(" ".join)


@settings(max_examples=200)
@given(raw=plan_text | st.text(), as_at=st.none() | st.dates())
@example(raw="Feb 2027 - Nov 2026", as_at=None)
@example(raw="\0\0 may", as_at=date.max)
@example(raw="ſept 2026", as_at=None)
@example(raw="Q4 9999/00 next year", as_at=date.max)
@example(raw="April 9999 this term Easter next quarter Q4 29 February", as_at=date.max)
@example(raw="January next month this year", as_at=date.min)
def test_never_raises_and_always_consistent(raw: str, as_at: date | None) -> None:
    reading = read_date(raw, as_at)
    assert reading.raw == raw
    if reading.due is not None and reading.start is not None:
        assert reading.start <= reading.due
    if reading.problem is not None:
        assert reading.due is None
    if reading.precision in (P.ONGOING, P.NONE):
        assert reading.due is None
    if reading.due is None and reading.problem is None and re.search(r"[^\W_]", raw):
        assert reading.precision in (P.ONGOING, P.NONE, P.RECURRING)


def test_easter_matches_dateutil() -> None:
    easter = pytest.importorskip("dateutil.easter").easter
    for year in range(1900, 2200):
        assert read_date(f"Easter {year}").due == easter(year), year


def test_fast_enough_for_a_whole_plan() -> None:
    """A long cell (and a pathological one) is read well within a second."""
    long_cell = "Drafts by Sept 2026. Review by Nov 2026. Sign-off by Feb 2027. " * 40
    assert read_date(long_cell).due == D("2027-02-28")
    read_date("may " * 2000 + "2026 " * 1000, AS_AT)


# ---------------------------------------------------------------------------------------------
# The gold files in ../shared: the ground truth


SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GOLD = SHARED / "seeds" / "gold"
YEAR_IN_TEXT = re.compile(r"(?<![0-9])(?:[0-9]{4}|'?[0-9]{2})(?![0-9])")
NAMED_PERIOD = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|autumn|spring|summer)", re.IGNORECASE
)

# Shapes of text the gold files answer but read_date cannot, honestly, and why.
EXCLUDED_SHAPES: dict[str, Callable[[str, date | None], bool]] = {
    "a month or term with no year, in a document with no as-at date (the gold file takes the "
    "year from the document's title; read_date reports 'no year given')": lambda raw, as_at: (
        as_at is None and bool(NAMED_PERIOD.search(raw)) and not YEAR_IN_TEXT.search(raw)
    ),
}


def _gold_due_dates() -> list[tuple[str, date | None, date | None, str]]:
    rows: dict[tuple[str, date | None, date | None], str] = {}
    for path in sorted(GOLD.glob("*.json")):
        plan = json.loads(path.read_text(encoding="utf-8"))
        as_at = D(plan["as_at"]) if plan.get("as_at") else None
        for kind in ("actions", "milestones"):
            for row in plan.get(kind) or []:
                if row.get("due_raw") is not None:
                    due = D(row["due"]) if row.get("due") else None
                    rows.setdefault((row["due_raw"], as_at, due), path.name)
    return [(raw, as_at, due, name) for (raw, as_at, due), name in rows.items()]


def test_gold_files_agree() -> None:
    if not GOLD.is_dir():
        pytest.skip(f"no gold files at {GOLD}: ../shared is not beside this checkout")
    rows = _gold_due_dates()
    assert rows, f"no due dates found in {GOLD}"
    supported, excluded, wrong = 0, 0, []
    for raw, as_at, due, name in rows:
        shape = next((s for s, test in EXCLUDED_SHAPES.items() if test(raw, as_at)), None)
        reading = read_date(raw, as_at)
        if shape is not None and due is not None:
            excluded += 1
            assert reading.due is None and reading.problem, (raw, reading)  # reported, not guessed
            continue
        supported += 1
        if reading.due != due:
            wrong.append(f"{name}: {raw!r} (as at {as_at}) gold {due}, read {reading.due}")
    agreement = (supported - len(wrong)) / supported
    summary = f"{supported - len(wrong)}/{supported} agree ({agreement:.0%}), {excluded} excluded"
    print(f"gold due dates: {summary}")
    assert not wrong, summary + "\n" + "\n".join(wrong)
    assert excluded <= len(rows) // 5, f"too much of the gold is excluded: {summary}"
