"""What a browser posts from a GOV.UK date input, for tests that fill in date fields."""

from datetime import date


def date_input(name: str, value: date | str | None) -> dict[str, str]:
    """The day, month and year boxes of the date field `name` holding `value`: a date, text
    typed as "day/month/year", or nothing (all three boxes empty)."""
    if isinstance(value, date):
        parts = [str(value.day), str(value.month), str(value.year)]
    elif value:
        parts = value.split("/")
    else:
        parts = ["", "", ""]
    return dict(zip((f"{name}-day", f"{name}-month", f"{name}-year"), parts, strict=True))


def month_input(year_month: str, name: str = "period") -> dict[str, str]:
    """The month and year boxes of a month-only date field holding `year_month` ("2026-03")."""
    year, month = year_month.split("-")
    return {f"{name}-month": month, f"{name}-year": year}
