"""Periods: parsing, bounds, previous period and the periods a data range offers."""

from datetime import date

import pytest

from regie.periods import Period, PeriodError, available, last_full


@pytest.mark.parametrize(
    ("text", "start", "end", "previous"),
    [
        ("2025", date(2025, 1, 1), date(2026, 1, 1), "2024"),
        ("2025-Q1", date(2025, 1, 1), date(2025, 4, 1), "2024-Q4"),
        ("2025-Q3", date(2025, 7, 1), date(2025, 10, 1), "2025-Q2"),
        ("2025-01", date(2025, 1, 1), date(2025, 2, 1), "2024-12"),
        ("2025-12", date(2025, 12, 1), date(2026, 1, 1), "2025-11"),
    ],
)
def test_parse(text, start, end, previous):
    period = Period.parse(text)
    assert (period.start, period.end, str(period.previous()), str(period)) == (start, end, previous, text)


@pytest.mark.parametrize("text", ["2025-Q5", "2025-13", "25", "2025-Q", "1800", "2025-7", "'; drop table x"])
def test_invalid(text):
    with pytest.raises(PeriodError):
        Period.parse(text)


def test_last_full_and_available():
    until = date(2026, 11, 1)  # data cover up to 31 October 2026
    assert str(last_full("quarter", until)) == "2026-Q3"
    assert str(last_full("month", until)) == "2026-10"
    assert str(last_full("year", until)) == "2025"
    assert str(last_full("quarter", date(2026, 10, 1))) == "2026-Q3"
    periods = [str(p) for p in available(date(2025, 1, 1), until)]
    assert periods[:2] == ["2026-Q3", "2026-Q2"] and "2025-01" in periods and periods[-1] == "2025"
    assert len(periods) == 7 + 22 + 1
