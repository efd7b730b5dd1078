"""Date arithmetic done by the database, the same way on SQLite and PostgreSQL.

Django's own Extract and date subtraction run Python functions row by row on SQLite, which is
slow over tens of thousands of rows; these use each database's built-in functions instead.
Every result is a whole number, so the conditions built from them compare exactly.
"""

from typing import Any

from django.db.models import Func, IntegerField

_SQLITE_PARTS = {"year": "%Y", "month": "%m", "day": "%d", "ymd": "%Y%m%d"}


class DatePart(Func):
    """The year, month or day of a date, or "ymd": the number yyyymmdd, as an integer."""

    output_field = IntegerField()

    def __init__(self, expression: Any, part: str) -> None:
        if part not in _SQLITE_PARTS:
            raise ValueError(f"unknown date part {part!r}")
        self.part = part
        super().__init__(expression)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # The format goes as a parameter: a literal % would clash with the placeholders.
        template = "CAST(strftime(%%s, %(expressions)s) AS INTEGER)"
        sql, params = self.as_sql(compiler, connection, template=template, **extra)
        return sql, (_SQLITE_PARTS[self.part], *params)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        if self.part == "ymd":
            template = "CAST(to_char(%(expressions)s, 'YYYYMMDD') AS INTEGER)"
        else:
            template = f"CAST(EXTRACT({self.part.upper()} FROM %(expressions)s) AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sql(self, compiler: Any, connection: Any, *args: Any, **extra: Any) -> Any:
        if connection.vendor in {"sqlite", "postgresql"}:
            return super().as_sql(compiler, connection, *args, **extra)
        raise NotImplementedError(f"DatePart has no SQL for {connection.vendor}")


class DaysBetween(Func):
    """Whole days from the second date to the first (negative if the first is earlier)."""

    output_field = IntegerField()
    arity = 2

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "CAST(julianday(%(expressions)s) AS INTEGER)"
        return self.as_sql(
            compiler, connection, template=template, arg_joiner=") - julianday(", **extra
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra
        )


def ymd(name: str) -> Any:
    """A date as the number yyyymmdd, so that dates compare as their (year, month, day)."""
    return DatePart(name, "ymd")


def month_key(name: str) -> Any:
    """A date as (months since year 0) * 100 + day: whole months can be added or taken."""
    return (DatePart(name, "year") * 12 + DatePart(name, "month")) * 100 + DatePart(name, "day")
