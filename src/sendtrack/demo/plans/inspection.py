"""The findings of the (fictional) inspection that the written statement answers."""

from datetime import date, timedelta

from .common import (
    _months_ago,
)

# ref, text, the objectives (section refs) whose actions answer it
INSPECTION = "Joint area SEND inspection by Ofsted and the CQC"
FINDINGS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "W1",
        "Families are rarely involved in planning services, and few know the Local Offer exists.",
        ("1.1", "1.2", "1.3"),
    ),
    (
        "W2",
        "Support for pupils at SEN support varies widely between schools; exclusions are high.",
        ("2.2", "2.3"),
    ),
    (
        "W3",
        "Too few EHC plans are issued within 20 weeks, and too many plans are of poor quality.",
        ("3.1", "3.2"),
    ),
    (
        "W4",
        "Leaders do not commission services jointly, and waits for therapies are too long.",
        ("4.1", "4.2"),
    ),
    (
        "W5",
        "Young people are not prepared well enough for adult life, and moves to adult "
        "services are planned late.",
        ("4.3",),
    ),
)


def inspection_date(today: date) -> date:
    return _months_ago(today, 20)


def plan_start(today: date) -> date:
    """When the partnership set its plans up: six weeks after the inspection."""
    return inspection_date(today) + timedelta(days=42)
