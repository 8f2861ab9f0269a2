"""The summary tables and stored figures: equal to the facts, kept in sync, checked.

The summary-based queries are compared row for row with tests/oracle/, the same queries
computed straight from the facts, on demo data; the hand-worked examples of
test_queries.py run through the summaries too.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from regie import lake, manifest, period_figures, summaries
from regie.check import check
from regie.coverage import Coverage
from regie.db import Database
from regie.kpis import figures_of, member_figures
from regie.overview import trend_periods
from regie.periods import Period
from tests.conftest import AS_OF
from tests.helpers import write_fixture

ORACLE = Path(__file__).resolve().parent / "oracle"
MEMBERS = ["GM9001", "GM9002", "GM9003", "GM9004", "GM9005", "GM9006"]


@pytest.fixture(scope="module")
def db(demo_dir):
    database = Database(demo_dir)
    database.con.execute((ORACLE / "macro_escalated_tickets.sql").read_text())
    yield database
    database.close()


def _cases():
    for text in ("2026-Q3", "2025", "2024-Q2", "2023-07"):
        period = Period.parse(text)
        for category, group in ((None, None), ("Werkplek", None), (None, "Servicedesk"), ("Netwerk", "Netwerkbeheer")):
            narrow = {"category": category, "assignee_group": group}
            bounds = {**period.params(), **narrow}
            window = {"members": MEMBERS, "start": period.start, "end": period.end, **narrow}
            yield "sla_score_by_member", bounds
            yield "ticket_quality_by_member", bounds
            yield "backlog_by_member", {"period_end": period.end, **narrow}
            yield "ticket_flow_by_month", window
            yield "sla_by_month", window
            yield "service_times_by_month", {**window, "members": MEMBERS[:2]}
            yield "resolution_time_distribution", {"members": MEMBERS[1:3], **bounds}
            yield "breaches_by", {"members": MEMBERS, **bounds, "dimension": "category"}
            yield "breaches_by", {"members": MEMBERS[2:], **bounds, "dimension": "assignee_group"}
            yield "supplier_escalations", {"members": MEMBERS, **bounds}
        ago = period.year_ago()
        yield "cost_key_alternatives", period.params()
        yield (
            "supplier_scorecard",
            {"members": MEMBERS, **period.params(), "previous_start": ago.start, "previous_end": ago.end},
        )
    yield "ticket_dimensions", {}


def test_the_demo_data_use_the_summary_files(db):
    assert db.summaries_fresh
    assert db.stored.get(Period.parse("2025")) is not None


@pytest.mark.parametrize("name", summaries.names())
def test_each_summary_file_holds_exactly_what_its_sql_gives_on_the_facts(db, name):
    sql, params = summaries.select(name, db.manifest)
    stored = db.sql(f"from {name}")
    now = db.sql(sql, params)
    assert len(stored) > 0
    pd.testing.assert_frame_equal(stored, now, check_exact=True)


def test_every_summary_query_equals_the_same_query_on_the_facts(db):
    compared = 0
    for name, params in _cases():
        ours = db.run(name, params)
        facts = db.sql((ORACLE / f"{name}.sql").read_text(), params, label=f"oracle {name}")
        # Counts come out as integers from the summaries; the fact queries give some as HUGEINT (float).
        # The scorecard's share of spend divides by a window sum of floating-point spend, whose order
        # of addition follows the plan: equal to the last few bits. Every count is compared exactly.
        exact = name != "supplier_scorecard"
        pd.testing.assert_frame_equal(ours, facts, check_exact=exact, check_dtype=False, rtol=1e-12)
        compared += len(ours)
    assert compared > 2000


def test_stored_figures_equal_the_figures_computed_now(db):
    stored = period_figures.Stored(db)
    chosen = period_figures.periods(db.manifest)
    assert len(chosen) > 60 and {"2026-Q3", "2026-Q2", "2025-Q3", "2025", "2026-10"} <= {str(p) for p in chosen}
    for period in chosen:
        live = member_figures(db.run, period)
        kept = stored.get(period)
        pd.testing.assert_frame_equal(kept, live, check_exact=True, check_dtype=False)
        for code in live.index:
            assert figures_of(kept, code) == figures_of(live, code)
    assert stored.get(Period.parse("2019")) is None  # not stored: the caller computes it


def test_the_trend_and_the_year_so_far_of_every_offered_period_are_stored(db):
    # Samen doen and the board pack show the period's calendar year as far as the data cover it. The
    # first periods' trends reach back before the data: those quarters have no figures (product.md,
    # "Coverage"), so they are not stored and db.figures gives no rows for them.
    coverage = Coverage.of(db.manifest)
    offered = coverage.offered()
    assert coverage.last_day == date(2026, 10, 31)
    assert [p.key for p in offered if p.partial] == ["2026-Q4~2026-10-31", "2026~2026-10-31"]
    for period in offered:
        for quarter in trend_periods(period):
            assert (db.stored.get(quarter) is not None) == coverage.covers(quarter), quarter
        assert db.stored.get(coverage.clip(Period.parse(str(period.year)))) is not None, period
    before = trend_periods(min(offered, key=lambda p: p.start))[0]
    assert before.natural_end <= coverage.first and db.figures(before).empty
    assert db.stored.get(Period.parse("2026")) is None  # the whole year is no figure: the year so far is


def test_a_figure_narrowed_to_a_category_is_computed_not_read(db):
    period = Period.parse("2026-Q3")
    assert db.figures(period, "Werkplek").equals(member_figures(db.run, period, "Werkplek"))


def _copy(demo_dir, tmp_path) -> Path:
    target = tmp_path / "copy"
    shutil.copytree(demo_dir, target)
    return target


def _tamper(data: Path, sql: str) -> None:
    """Change a derived table behind the code's back, as one snapshot."""
    with lake.locked(data), lake.writing(data, "tamper") as con:
        lake.begin(con)
        con.execute(sql)


def test_stale_or_damaged_summaries_are_not_read_and_check_says_so(demo_dir, tmp_path):
    data = _copy(demo_dir, tmp_path)
    assert check(data) == []
    # A summary changed behind the fingerprint's back: check compares it with the facts.
    _tamper(data, "update lake.ticket_months set opened = opened + 1")
    [found] = check(data)
    assert (found.table, found.rule) == (
        "summaries/ticket_months",
        "differs from the facts: run python -m regie summarize --force",
    )
    # Made by other code (another fingerprint): the summaries no longer count, nothing is read from them.
    _tamper(data, "update lake.regie_derived set fingerprint = 'other code'")
    database = Database(data)
    assert not database.summaries_fresh
    assert database.stored.get(Period.parse("2026-Q3")) is None
    # ... and the figures are still right, from views over the facts.
    assert figures_of(database.figures(Period.parse("2026-Q3")), "GM9001") == figures_of(
        member_figures(Database(demo_dir).run, Period.parse("2026-Q3")), "GM9001"
    )
    database.close()
    assert [v.rule for v in check(data)] == ["missing or out of date: run python -m regie summarize"]


def test_summarize_brings_them_up_to_date(demo_dir, tmp_path, capsys):
    from regie.cli import main

    data = _copy(demo_dir, tmp_path)
    _tamper(data, "update lake.regie_derived set fingerprint = 'other code'")
    assert main(["summarize", "--data-dir", str(data)]) == 0
    assert (
        "Built backlog_months, norm_times, norm_times_histogram, resolution_times, response_times, "
        "service_time_months, ticket_months, period_figures" in (capsys.readouterr().out)
    )
    assert main(["summarize", "--data-dir", str(data)]) == 0
    assert "are up to date" in capsys.readouterr().out
    assert check(data) == []
    rebuilt, original = Database(data), Database(demo_dir)
    pd.testing.assert_frame_equal(rebuilt.sql("from ticket_months"), original.sql("from ticket_months"))
    rebuilt.close()
    original.close()


def test_backlog_months_on_hand_written_tickets(tmp_path):
    """Month starts a ticket is open at: after the month it opened in, up to and including the
    month it was resolved in (resolved exactly at a month start still counts there)."""
    norm = {"ticket_type": "incident", "priority": 3, "response_minutes": 60, "resolution_minutes": 600,
            "clock": "calendar", "target_pct": "90", "valid_from": "2020-01-01"}  # fmt: skip

    def ticket(number, opened, resolved=None):
        return {"ticket_id": f"T{number}", "municipality_code": "GM9001", "ticket_type": "incident", "priority": 3,
                "category": "Werkplek", "channel": "portal", "assignee_group": "Servicedesk", "opened_at": opened,
                "resolved_at": resolved, "reopen_count": 0, "is_first_contact_resolution": False}  # fmt: skip

    data = write_fixture(
        tmp_path / "d",
        municipalities=[{"municipality_code": "GM9001", "name": "Turfbrug", "is_ssc_member": True}],
        sla_norms=[norm],
        tickets=[
            ticket(1, "2025-01-15 10:00", "2025-03-01 00:00"),  # open at 02-01 and 03-01
            ticket(2, "2025-02-01 00:00", "2025-02-20 09:00"),  # resolved within its month: never
            ticket(3, "2025-11-30 23:00"),  # unresolved: 12-01 and the month after the data, 2026-01-01
        ],
    )
    database = Database(data)
    assert database.summaries_fresh  # written with the fixture, in the same snapshot
    rows = database.sql("select period_end, backlog_open, age_0_7, age_31_90, backlog_past_norm from backlog_months")
    found = database.manifest
    database.close()
    assert [
        (f"{r.period_end:%Y-%m-%d}", r.backlog_open, r.age_0_7, r.age_31_90, r.backlog_past_norm)
        for r in rows.itertuples()
    ] == [  # fmt: skip
        ("2025-02-01", 1, 0, 0, 1),
        ("2025-03-01", 1, 0, 1, 1),
        ("2025-12-01", 1, 1, 0, 0),  # 60 minutes after opening: not yet past 600
        ("2026-01-01", 1, 0, 1, 1),  # 32 days old
    ]
    assert found["data_until"] == "2025-12-31"
    assert summaries.last_period_end(found).isoformat() == "2026-01-01"


def test_an_import_rebuilds_the_summaries_it_touches(demo_dir, tmp_path):
    from regie.importing import run_import

    data = _copy(demo_dir, tmp_path)
    database = Database(data)
    before = database.sql("from ticket_months")
    database.con.execute(
        f"copy (select * replace (case when ticket_id = (select min(ticket_id) from tickets) then 'Netwerk' "
        f"else category end as category) from tickets) to '{tmp_path / 'tickets.parquet'}' (format parquet)"
    )
    database.close()
    run_import("tickets", [tmp_path / "tickets.parquet"], data, None, None, False, False, None)
    database = Database(data)
    assert database.summaries_fresh and database.snapshot > Database(demo_dir).snapshot
    assert not database.sql("from ticket_months").equals(before)
    sql, params = summaries.select("ticket_months", database.manifest)
    pd.testing.assert_frame_equal(database.sql("from ticket_months"), database.sql(sql, params), check_exact=True)
    database.close()
    assert AS_OF.year == 2026


def test_service_time_months_is_built_one_data_year_at_a_time_and_the_years_cover_the_file(db):
    parts = summaries.chunks("service_time_months", db.manifest)
    first, until = manifest.span(db.manifest)
    assert len(parts) == until.year - first.year + 1  # one per calendar year of the data
    assert parts[0][0] == summaries.WHOLE[0] and parts[-1][1] == summaries.WHOLE[1]
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:], strict=False))
    assert [p[0].isoformat() for p in parts[1:3]] == [f"{first.year + 1}-01-01", f"{first.year + 2}-01-01"]
    years = [db.sql(*summaries.select("service_time_months", db.manifest, chunk)) for chunk in parts]
    assert all(len(y) > 0 for y in years)
    assert {d.year for d in years[1]["month"]} == {first.year + 1}
    pd.testing.assert_frame_equal(
        pd.concat(years)
        .sort_values(["municipality_code", "month", "measure", "priority"], na_position="first")
        .reset_index(drop=True),
        db.sql("from service_time_months"),
        check_exact=True,
    )
    assert summaries.chunks("ticket_months", db.manifest) == [summaries.WHOLE]
