"""The service-hours calendar on hand-worked cases (08:00-17:00, Mon-Fri, Dutch holidays)."""

from datetime import datetime as dt

import duckdb
import numpy as np
import pytest

from regie.calendar import ServiceCalendar, business_minutes, parse_hours
from regie.db import MACROS, create_calendar

CAL = ServiceCalendar(first_year=2020, last_year=2030)


@pytest.mark.parametrize(
    ("start", "end", "minutes"),
    [
        # within one day: 09:00 to 10:30 on Tuesday 4 March 2025
        (dt(2025, 3, 4, 9, 0), dt(2025, 3, 4, 10, 30), 90),
        # seconds are cut to whole minutes: 89 min 59 s
        (dt(2025, 3, 4, 9, 0), dt(2025, 3, 4, 10, 29, 59), 89),
        (dt(2025, 3, 4, 9, 0, 30), dt(2025, 3, 4, 10, 29, 59), 89),
        (dt(2025, 3, 4, 9, 0), dt(2025, 3, 4, 10, 29, 30), 89),
        # overnight: Tue 16:00-17:00 (60) + Wed 08:00-09:00 (60)
        (dt(2025, 3, 4, 16, 0), dt(2025, 3, 5, 9, 0), 120),
        # over a weekend: Fri 16:00-17:00 (60) + Mon 08:00-16:00 (480)
        (dt(2025, 3, 7, 16, 0), dt(2025, 3, 10, 16, 0), 540),
        # over King's Day, Monday 27 April 2026: Fri 24th 16-17 (60) + Tue 28th 8-9 (60)
        (dt(2026, 4, 24, 16, 0), dt(2026, 4, 28, 9, 0), 120),
        # King's Day 2025 falls on Saturday 26 April: Friday 25th is a normal day
        (dt(2025, 4, 25, 9, 0), dt(2025, 4, 25, 10, 0), 60),
        # over Christmas: Wed 24 Dec 2025 16-17 (60); 25, 26 holidays, 27, 28 weekend; Mon 29 8-9 (60)
        (dt(2025, 12, 24, 16, 0), dt(2025, 12, 29, 9, 0), 120),
        # Liberation Day counts in lustrum years: Mon 5 May 2025 is closed ...
        (dt(2025, 5, 2, 16, 30), dt(2025, 5, 6, 8, 30), 60),
        # ... and Tue 5 May 2026 is a normal day
        (dt(2026, 5, 5, 9, 0), dt(2026, 5, 5, 11, 0), 120),
        # opened outside service hours (06:00), resolved 08:30: the clock starts at 08:00
        (dt(2025, 3, 4, 6, 0), dt(2025, 3, 4, 8, 30), 30),
        # opened in the evening and resolved the same evening: no service time
        (dt(2025, 3, 4, 18, 0), dt(2025, 3, 4, 23, 0), 0),
        # opened on a holiday (Easter Monday 21 April 2025), resolved Tuesday 10:00
        (dt(2025, 4, 21, 11, 0), dt(2025, 4, 22, 10, 0), 120),
        # Good Friday (18 April 2025) does not stop the clock by default
        (dt(2025, 4, 18, 10, 0), dt(2025, 4, 18, 11, 0), 60),
        # a whole working week: 5 x 540
        (dt(2025, 3, 3, 8, 0), dt(2025, 3, 7, 17, 0), 2700),
        # zero length
        (dt(2025, 3, 4, 12, 0), dt(2025, 3, 4, 12, 0), 0),
    ],
)
def test_business_minutes(start, end, minutes, sql):
    assert business_minutes(start, end, CAL) == minutes
    # The SQL macro the import derives the ticket columns with says the same, seconds cut alike.
    assert sql.execute("select business_minutes($a, $b)", {"a": start, "b": end}).fetchone()[0] == minutes


@pytest.fixture(scope="module")
def sql():
    con = duckdb.connect()
    create_calendar(con, CAL)
    for macro in MACROS:
        con.execute(macro)
    yield con
    con.close()


def test_null_ends_and_reversed_order():
    assert business_minutes(None, dt(2025, 3, 4, 9), CAL) is None
    assert business_minutes(dt(2025, 3, 4, 9), None, CAL) is None
    assert business_minutes(dt(2025, 3, 4, 10), dt(2025, 3, 4, 9), CAL) is None


def test_resolved_before_responded():
    """Each interval runs from opened_at on its own: a late response does not change the resolution."""
    opened, resolved, responded = dt(2025, 3, 4, 9), dt(2025, 3, 4, 9, 40), dt(2025, 3, 4, 10, 15)
    assert business_minutes(opened, resolved, CAL) == 40
    assert business_minutes(opened, responded, CAL) == 75


def test_vectorised_matches_scalar_and_handles_nat():
    start = np.array(["2025-03-07T16:00", "NaT", "2025-12-24T16:00"], dtype="datetime64[s]")
    end = np.array(["2025-03-10T16:00", "2025-03-10T16:00", "NaT"], dtype="datetime64[s]")
    result = CAL.business_minutes(start, end)
    assert result[0] == 540 and np.isnan(result[1]) and np.isnan(result[2])


def test_good_friday_setting_and_custom_hours():
    closed = ServiceCalendar(first_year=2024, last_year=2026, good_friday_closed=True)
    assert business_minutes(dt(2025, 4, 18, 10), dt(2025, 4, 18, 11), closed) == 0
    longer = ServiceCalendar(first_year=2024, last_year=2026, hours="08:00-17:30")
    assert business_minutes(dt(2025, 3, 7, 16), dt(2025, 3, 10, 16), longer) == 90 + 480


def test_add_business_seconds_is_the_inverse():
    starts = np.array(["2025-03-07T16:00", "2025-03-04T06:00", "2025-12-24T16:30"], dtype="datetime64[s]")
    ends = CAL.add_business_seconds(starts, np.array([3600, 9 * 3600 + 60, 1800]))
    assert list(ends.astype(str)) == ["2025-03-07T17:00:00", "2025-03-05T08:01:00", "2025-12-24T17:00:00"]
    assert list(CAL.business_minutes(starts, ends)) == [60, 541, 30]


@pytest.mark.parametrize("text", ["8-17", "17:00-08:00", "08:00"])
def test_bad_service_hours(text):
    with pytest.raises(ValueError, match="service hours"):
        parse_hours(text)
