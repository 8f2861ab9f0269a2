"""Reporting periods: a year (2025), a quarter (2025-Q3) or a month (2025-07).

A period runs from its first day 00:00 up to, not including, the first day of
the next period (product.md, "Precise rules"). A period the data cover only in part (the
current month, quarter or year) carries a `cut`, the first day the data do not cover: its
figures run up to the cut, and its comparison periods are cut as far into themselves
(product.md, "Coverage: no data is not zero"; regie/coverage.py makes the cut).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_PATTERN = re.compile(r"^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$")


class PeriodError(ValueError):
    """A period string that is not a year, quarter or month."""


@dataclass(frozen=True)
class Period:
    start: date
    kind: str  # "year" | "quarter" | "month"
    cut: date | None = None  # the first day not covered, when before the natural end

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PATTERN.match(str(text).strip())
        if not match or not 1990 <= int(match.group(1)) <= 2100:
            raise PeriodError(f"'{text}' is not a period: use a year (2025), a quarter (2025-Q3) or a month (2025-07)")
        year, quarter, month = match.groups()
        if quarter:
            return cls(date(int(year), 3 * int(quarter) - 2, 1), "quarter")
        if month:
            return cls(date(int(year), int(month), 1), "month")
        return cls(date(int(year), 1, 1), "year")

    @property
    def months(self) -> int:
        return {"year": 12, "quarter": 3, "month": 1}[self.kind]

    @classmethod
    def from_key(cls, key: str) -> Period:
        """The period a `key` names ("2026-Q4", or "2026-Q4~2026-11-30" when cut)."""
        text, _, last = str(key).partition("~")
        period = cls.parse(text)
        return period.cut_at(date.fromisoformat(last) + timedelta(days=1)) if last else period

    @property
    def natural_end(self) -> date:
        """The first day after the whole period."""
        return _add_months(self.start, self.months)

    @property
    def end(self) -> date:
        """The first day after the period's covered part: the cut, or the natural end."""
        return self.cut or self.natural_end

    @property
    def partial(self) -> bool:
        return self.cut is not None

    @property
    def last_day(self) -> date:
        """The last day of the covered part."""
        return self.end - timedelta(days=1)

    @property
    def key(self) -> str:
        """A name that tells the covered part apart: "2026-Q4", or "2026-Q4~2026-11-30"."""
        return f"{self}~{self.last_day.isoformat()}" if self.partial else str(self)

    def cut_at(self, cut: date) -> Period:
        """The period covered up to, not including, `cut` (itself when `cut` is not inside it)."""
        if not self.start < cut < self.natural_end or (self.cut and self.cut <= cut):
            return self
        return Period(self.start, self.kind, cut)

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def previous(self) -> Period:
        """The period before, cut as far into itself as this one is."""
        return self._shifted(-self.months)

    def next(self) -> Period:
        return Period(self.natural_end, self.kind)

    def year_ago(self) -> Period:
        """The same period a year before, cut on the same day of the year as this one is."""
        return self._shifted(-12)

    def _shifted(self, months: int) -> Period:
        cut = None
        if self.cut:  # the same day of the month (or the month's last), `months` earlier
            first = _add_months(self.cut.replace(day=1), months)
            cut = first.replace(day=min(self.cut.day, calendar.monthrange(first.year, first.month)[1]))
        return Period(_add_months(self.start, months), self.kind, cut)

    def __str__(self) -> str:
        if self.kind == "year":
            return f"{self.start.year}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{self.start.month:02d}"

    def params(self, prefix: str = "") -> dict[str, date]:
        """Query parameters for the period's bounds."""
        return {f"{prefix}period_start": self.start, f"{prefix}period_end": self.end}


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_starts(start: date, end: date) -> list[date]:
    """The first day of every month from `start` (a first of the month) up to, not including, `end`."""
    result, day = [], start
    while day < end:
        result.append(day)
        day = _add_months(day, 1)
    return result


def containing(kind: str, day: date) -> Period:
    """The year, quarter or month that `day` falls in."""
    if kind == "quarter":
        return Period(date(day.year, 3 * ((day.month - 1) // 3) + 1, 1), "quarter")
    if kind == "month":
        return Period(date(day.year, day.month, 1), "month")
    return Period(date(day.year, 1, 1), "year")


def last_full(kind: str, until: date) -> Period:
    """The last period of a kind that has ended on or before `until` (the first day not covered)."""
    current = containing(kind, until)
    return current.previous() if current.end > until else current


def available(first: date, until: date) -> list[Period]:
    """Every complete year, quarter and month between `first` and `until`, newest first per kind."""
    result: list[Period] = []
    for kind in ("quarter", "month", "year"):
        period = last_full(kind, until)
        while period.start >= first:
            result.append(period)
            period = period.previous()
    return result
