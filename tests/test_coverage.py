"""No data is not zero (product.md, "Coverage"): which periods have figures, where they are cut, and
the exact figures of a period the data cover only in part, worked out by hand from tests/world.py."""

import json
from datetime import date

import pytest

from regie.cli import main
from regie.coverage import Coverage
from regie.db import Database
from regie.kpis import headline
from regie.periods import Period
from tests import world
from tests.helpers import write_fixture

UNTIL = date(2025, 3, 1)  # the data end on Friday 28 February 2025: in the middle of 2025-Q1


def test_a_period_is_cut_at_the_data_end_and_its_comparisons_as_far_into_themselves():
    coverage = Coverage(first=date(2021, 1, 1), until=date(2026, 12, 1))
    year = coverage.clip(Period.parse("2026"))
    assert (year.end, year.natural_end, year.days, year.key) == (
        date(2026, 12, 1), date(2027, 1, 1), 334, "2026~2026-11-30"
    )  # fmt: skip
    assert Period.from_key(year.key) == year and str(year) == "2026"
    assert year.previous().key == year.year_ago().key == "2025~2025-11-30"
    quarter = coverage.clip(Period.parse("2026-Q4"))
    assert (quarter.previous().key, quarter.year_ago().key) == ("2026-Q3~2026-08-31", "2025-Q4~2025-11-30")
    assert quarter.next() == Period.parse("2027-Q1")
    assert coverage.clip(Period.parse("2026-11")).key == "2026-11"  # a whole month is not cut
    assert coverage.clip(Period.parse("2026-12")) is None and coverage.clip(Period.parse("2020")) is None
    # Cut on the 31st, a month earlier: on that month's last day.
    month = Period.parse("2026-03").cut_at(date(2026, 3, 31))
    assert month.previous().key == "2026-02~2026-02-27"
    offered = [p.key for p in coverage.offered()]
    assert offered[:2] == ["2026-Q4~2026-11-30", "2026-Q3"] and offered[-2:] == ["2022", "2021"]
    assert "2026-11" in offered and "2026-12" not in offered and "2026~2026-11-30" in offered
    assert "2026" not in offered and "2020-Q4" not in offered and len(offered) == 1 + 23 + 71 + 1 + 5


def _until_february() -> dict:
    """The world as an extract of 28 February 2025 holds it: nothing opened, resolved or invoiced
    after that day; t9 (open) was opened on 14 February instead of 14 March."""
    tickets = [dict(t) for t in world.TICKETS if t["ticket_id"] not in ("t6", "t10")]
    for row in tickets:
        if row["ticket_id"] == "t9":
            row["opened_at"] = "2025-02-14 10:00"
    invoices = [line for line in world.INVOICES if line["invoice_date"] < "2025-03-01"]
    return {**world.TABLES, "tickets": tickets, "invoices": invoices}


@pytest.fixture(scope="module")
def february_dir(tmp_path_factory):
    return write_fixture(tmp_path_factory.mktemp("february"), until=date(2025, 2, 28), **_until_february())


def kpis(data_dir, capsys, code, period) -> dict:
    assert main(["kpis", "--data-dir", str(data_dir), "--municipality", code, "--period", period]) == 0
    return json.loads(capsys.readouterr().out)


def test_data_that_end_in_the_middle_of_a_quarter(february_dir, capsys):
    # 2025-Q1 up to and including 28 February: 59 days (31 + 28).
    result = kpis(february_dir, capsys, world.A, "2025-Q1")
    assert (result["period"], result["covered_until"], result["data_until"]) == ("2025-Q1", "2025-02-28", "2025-02-28")
    now = result["current"]
    # Resolved in January and February: t1, t3 within; t2, t4, t5 not: 2 of 5.
    assert now["sla_resolution_pct"] == 40.0
    # Open on 1 March 00:00: t9 (opened 14 February). Not 0 for want of a backlog at 1 April.
    assert now["backlog_open"] == 1 and now["backlog_by_age"] == {"0-7": 0, "8-30": 1, "31-90": 0, "90+": 0}
    # Spend over the 59 covered days: i1 1000.00 (10 Feb); i2 3650.00 over 365 days, 59 of them: 590.00;
    # i4 300.00 at 10.00 a day, 1-15 January: 150.00; s1 9000.00 over 90 days, 59 of them 5900.00, A's
    # quarter of it 1475.00; s2 1000.00, A's quarter 250.00. Together 3465.00, not the whole quarter's.
    assert now["spend_eur"] == 3465.00
    assert now["spend_by_route_eur"] == {"ssc": 1725.00, "collective": 590.00, "own": 1150.00}
    assert now["collective_share_pct"] == pytest.approx(100 * 2315 / 3465, abs=1e-6)
    # Budget 40150 a year, prorated over 59 of 365 days: 6490.00; so spend against budget is like with like.
    assert now["budget_eur"] == 6490.00 and now["budget_used_pct"] == pytest.approx(100 * 3465 / 6490, abs=1e-6)
    # Expected 10950 and realised 1825 a year, over 59 days: 1770.00 and 295.00; the rate stays 50%.
    assert (now["expected_savings_eur"], now["realized_savings_eur"], now["realization_pct"]) == (1770.0, 295.0, 50.0)
    # The comparison period is 2024-Q4 up to 30 November, before the data's first month (December 2024).
    assert set(result["previous"].values()) == {None}


def test_a_month_without_tickets_for_one_member(february_dir, capsys):
    # Beedam's tickets t7 and t8 were both opened and resolved in January.
    result = kpis(february_dir, capsys, world.B, "2025-02")
    now = result["current"]
    assert (now["backlog_open"], now["satisfaction_responses"]) == (0, 0)  # covered, and nothing happened
    assert (now["sla_resolution_pct"], now["sla_response_pct"], now["satisfaction_mean"]) == (None, None, None)
    assert now["resolution_hours_median"] is None and now["reopen_pct"] is None
    # The member average is Aadorp's alone (t2: 0 of 1 within), not pulled towards an empty Beedam.
    assert result["member_average"]["sla_resolution_pct"] == 0.0
    # The previous month, January, does have Beedam's tickets: t7 within (240 <= 240).
    assert result["previous"]["sla_resolution_pct"] == 100.0


def test_a_cut_period_stored_for_the_app_is_the_computed_one(february_dir):
    db = Database(february_dir)
    try:
        period = Coverage.of(db.manifest).clip(Period.parse("2025-Q1"))
        assert period.key == "2025-Q1~2025-02-28" and db.stored.get(period) is not None
        stored = headline(db.run, world.A, period, None, db.figures)
        live = headline(db.run, world.A, period)
    finally:
        db.close()
    assert stored["current"] == live["current"] and stored["current"]["spend_eur"] == 3465.00


@pytest.mark.parametrize("period", ["2025-03", "2025-Q2", "2024-11"])
def test_a_period_outside_the_data_is_refused(february_dir, capsys, period):
    assert main(["kpis", "--data-dir", str(february_dir), "--municipality", world.A, "--period", period]) == 2
    covered = "the data cover 2024-12-01 up to and including 2025-02-28"
    assert capsys.readouterr().err.strip() == f"error: no data for {period}: {covered}"


@pytest.mark.parametrize("period", ["2026", "2026-Q4", "2026-Q3", "2025-07"])
def test_one_backlog_in_the_tiles_and_the_flow_chart(demo_dir, period):
    # The backlog tile (backlog_by_member, at the period's covered end) and the flow chart's last month
    # (ticket_flow_by_month, opened minus resolved) count the same tickets, also past the data's end.
    db = Database(demo_dir)
    try:
        chosen = Coverage.of(db.manifest).clip(Period.parse(period))
        figures = db.figures(chosen)
        window = {"start": chosen.start, "end": chosen.end, "category": None, "assignee_group": None}
        flow = db.run("ticket_flow_by_month", {"members": list(figures.index), **window})
    finally:
        db.close()
    last = flow[flow["month"] == flow["month"].max()].set_index("municipality_code")["backlog_end"]
    assert last.to_dict() == figures["backlog_open"].to_dict() and last.sum() > 0


def test_data_that_end_inside_a_month_have_their_backlog_at_that_day(tmp_path, capsys):
    # An extract of Thursday 20 February 2025: 2025-Q1 and 2025-02 are cut at 21 February 00:00.
    tables = _until_february()
    tables["tickets"] = [t for t in tables["tickets"] if t["opened_at"] < "2025-02-21"]
    data = write_fixture(tmp_path / "data", until=date(2025, 2, 20), **tables)
    for period in ("2025-Q1", "2025-02", "2025"):
        result = kpis(data, capsys, world.A, period)
        assert result["covered_until"] == "2025-02-20"
        # t9, opened on 14 February, is open at 21 February: 7 days old; t2 (3 February) was resolved.
        assert result["current"]["backlog_open"] == 1, period
        assert result["current"]["backlog_by_age"] == {"0-7": 1, "8-30": 0, "31-90": 0, "90+": 0}, period
    # The budget over 1 January - 20 February: 51 days of 110.00.
    assert kpis(data, capsys, world.A, "2025-Q1")["current"]["budget_eur"] == 5610.00
