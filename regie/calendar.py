"""Service-hours calendar: business minutes between two wall-clock timestamps.

The business clock runs Monday to Friday during service hours (08:00-17:00 by
default, setting REGIE_SERVICE_HOURS), Europe/Amsterdam wall-clock time, and
stops on Dutch public holidays (the `holidays` package; Good Friday only when
REGIE_GOOD_FRIDAY_CLOSED=yes, as domain.md's list of clock-stopping days leaves
it out). Timestamps are naive wall-clock times as in the contract; service hours
never include the night of a DST change, so wall-clock arithmetic is exact.

One vectorised implementation serves the importer, the generator and the scalar
helper: per day, the business seconds before it (a cumulative sum), plus the
business seconds of the day up to the time of day. Business minutes are whole
minutes, rounded down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import holidays
import numpy as np
import pyarrow as pa

from regie import settings

_DAY = np.timedelta64(1, "D")


def parse_hours(text: str) -> tuple[int, int]:
    """'08:00-17:00' -> seconds after midnight of opening and closing."""
    try:
        opening, closing = (time.fromisoformat(part.strip()) for part in text.split("-"))
    except ValueError as exc:
        raise ValueError(f"service hours '{text}' are not of the form 08:00-17:00") from exc
    start = opening.hour * 3600 + opening.minute * 60
    end = closing.hour * 3600 + closing.minute * 60
    if end <= start:
        raise ValueError(f"service hours '{text}' close before they open")
    return start, end


@dataclass(frozen=True)
class ServiceCalendar:
    """Business days and hours over a range of years."""

    first_year: int = 2000
    last_year: int = 2040
    hours: str = "08:00-17:00"
    good_friday_closed: bool = False

    @classmethod
    def from_settings(cls) -> ServiceCalendar:
        closed = settings.GOOD_FRIDAY.get().lower() in ("yes", "true", "1")
        return cls(hours=settings.SERVICE_HOURS.get(), good_friday_closed=closed)

    def __post_init__(self) -> None:
        start, end = parse_hours(self.hours)
        first = np.datetime64(f"{self.first_year}-01-01", "D")
        days = np.arange(first, np.datetime64(f"{self.last_year + 1}-01-01", "D"))
        weekday = (days.astype("int64") + 3) % 7  # 1970-01-01 was a Thursday (3)
        open_day = weekday < 5
        closed = self.holidays()
        open_day &= ~np.isin(days, np.array(sorted(closed), dtype="datetime64[D]"))
        day_seconds = np.where(open_day, end - start, 0).astype("int64")
        object.__setattr__(self, "_start", start)
        object.__setattr__(self, "_end", end)
        object.__setattr__(self, "_first", first)
        object.__setattr__(self, "_open", open_day)
        object.__setattr__(self, "_before", np.concatenate([[0], np.cumsum(day_seconds)[:-1]]))
        object.__setattr__(self, "_through", np.cumsum(day_seconds))

    def holidays(self) -> set[date]:
        """The days the business clock stops, weekends aside."""
        years = range(self.first_year, self.last_year + 1)
        nl = holidays.country_holidays("NL", years=years, language="en_US")
        return {d for d, name in nl.items() if self.good_friday_closed or name != "Good Friday"}

    def as_arrow(self) -> pa.Table:
        """One row per day: business seconds before it, whether it is open, its service hours."""
        days = self._open.size
        return pa.table(
            {
                "day": pa.array(self._first + np.arange(days).astype("timedelta64[D]"), pa.date32()),
                "open_seconds_before": pa.array(self._before, pa.int64()),
                "is_open": pa.array(self._open, pa.bool_()),
                "opens_at_second": pa.array(np.full(days, self._start), pa.int64()),
                "closes_at_second": pa.array(np.full(days, self._end), pa.int64()),
            }
        )

    def is_business_day(self, day: date) -> bool:
        return bool(self._open[self._index(np.array([day], dtype="datetime64[D]"))[0]])

    def _index(self, days: np.ndarray) -> np.ndarray:
        index = (days - self._first).astype("int64")
        if index.size and (index.min() < 0 or index.max() >= self._open.size):
            raise ValueError(f"date outside the calendar's years {self.first_year}-{self.last_year}")
        return index

    def elapsed(self, moments: np.ndarray) -> np.ndarray:
        """Business seconds from the calendar's start to each moment (datetime64)."""
        moments = moments.astype("datetime64[s]")
        days = moments.astype("datetime64[D]")
        index = self._index(days)
        second_of_day = (moments - days).astype("int64")
        within = np.clip(second_of_day - self._start, 0, self._end - self._start)
        return self._before[index] + np.where(self._open[index], within, 0)

    def business_minutes(self, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """Whole business minutes from start to end; NaN where either is NaT or end < start."""
        start = np.asarray(start, dtype="datetime64[s]")
        end = np.asarray(end, dtype="datetime64[s]")
        valid = ~(np.isnat(start) | np.isnat(end))
        valid[valid] &= end[valid] >= start[valid]
        result = np.full(start.shape, np.nan)
        seconds = self.elapsed(end[valid]) - self.elapsed(start[valid])
        result[valid] = seconds // 60
        return result

    def add_business_seconds(self, start: np.ndarray, seconds: np.ndarray) -> np.ndarray:
        """The earliest moment at which `seconds` business seconds have passed since `start`."""
        start = np.asarray(start, dtype="datetime64[s]")
        target = self.elapsed(start) + np.asarray(seconds, dtype="int64")
        day = np.searchsorted(self._through, target, side="left")
        offset = target - self._before[day]
        moment = self._first + day * _DAY + np.timedelta64(1, "s") * (self._start + offset)
        return np.where(np.asarray(seconds) > 0, moment.astype("datetime64[s]"), start)


def business_minutes(
    start: datetime | None, end: datetime | None, calendar: ServiceCalendar | None = None
) -> int | None:
    """Business minutes between two timestamps; None when either is missing or end < start."""
    if start is None or end is None:
        return None
    calendar = calendar or default_calendar()
    value = calendar.business_minutes(np.array([start]), np.array([end]))[0]
    return None if np.isnan(value) else int(value)


_DEFAULT: dict[tuple[str, str], ServiceCalendar] = {}


def default_calendar() -> ServiceCalendar:
    """The calendar of the current settings, built once per setting value."""
    key = (settings.SERVICE_HOURS.get(), settings.GOOD_FRIDAY.get())
    if key not in _DEFAULT:
        _DEFAULT[key] = ServiceCalendar.from_settings()
    return _DEFAULT[key]
