"""Every query on the hand-written world of tests/world.py, with the exact expected rows."""

from datetime import date

import numpy as np
import pytest

from regie.calendar import ServiceCalendar
from regie.db import Database, QueryParameterError, query_names, query_parameters, query_text
from regie.periods import Period
from tests import world
from tests.helpers import write_fixture

Q1 = Period.parse("2025-Q1")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    database = Database(write_fixture(tmp_path_factory.mktemp("world"), **world.TABLES))
    yield database
    database.close()


def rows(frame):
    return {row["municipality_code"]: row for row in frame.to_dict("records")}


def test_world_business_minutes_match_the_calendar():
    calendar = ServiceCalendar(first_year=2024, last_year=2026)
    for t in world.TICKETS:
        for end, column in (
            ("responded_at", "response_business_minutes"),
            ("resolved_at", "resolution_business_minutes"),
        ):
            if t[end]:
                got = calendar.business_minutes(
                    np.array([t["opened_at"]], "datetime64[s]"), np.array([t[end]], "datetime64[s]")
                )
                assert got[0] == t[column], (t["ticket_id"], column)


def test_sla_score_by_member(db):
    result = rows(db.run("sla_score_by_member", Q1.params()))
    # A resolved in Q1: t1 within, t2 breach (norm change), t3 within (calendar), t4 breach (calendar), t5 breach.
    assert result[world.A]["resolved_tickets"] == 5 and result[world.A]["resolved_within_norm"] == 2
    assert result[world.A]["sla_resolution_pct"] == pytest.approx(40.0)
    # A responded in Q1: t1, t2 (30 <= 30), t4, t6 within; t3 (16 > 15) breach; t5 responded in 2024.
    assert result[world.A]["responded_tickets"] == 5 and result[world.A]["responded_within_norm"] == 4
    assert result[world.A]["sla_response_pct"] == pytest.approx(80.0)
    # B: t7 exactly at the norm is within; no response recorded; t8 has no norm.
    assert result[world.B]["sla_resolution_pct"] == pytest.approx(100.0)
    assert result[world.B]["responded_tickets"] == 0 and np.isnan(result[world.B]["sla_response_pct"])


def test_sla_score_previous_quarter(db):
    result = rows(db.run("sla_score_by_member", Q1.previous().params()))
    # 2024-Q4: nothing resolved; t5 responded 10 minutes after opening.
    assert result[world.A]["resolved_tickets"] == 0 and np.isnan(result[world.A]["sla_resolution_pct"])
    assert result[world.A]["sla_response_pct"] == pytest.approx(100.0)


def test_ticket_quality_by_member(db):
    result = rows(db.run("ticket_quality_by_member", Q1.params()))
    a = result[world.A]
    # Resolved in Q1: t1 (8, first contact), t2 (5, reopened), t3, t4, t5 (9).
    assert a["resolved_tickets"] == 5 and a["satisfaction_responses"] == 3
    assert a["satisfaction_mean_all"] == pytest.approx((8 + 5 + 9) / 3)
    assert a["satisfaction_7plus_pct"] == pytest.approx(200 / 3)
    assert a["first_contact_resolution_pct"] == pytest.approx(20.0)
    assert a["reopen_pct"] == pytest.approx(20.0)
    b = result[world.B]  # t7 (7) and t8 (reopened twice)
    assert b["resolved_tickets"] == 2 and b["satisfaction_mean_all"] == pytest.approx(7.0)
    assert b["reopen_pct"] == pytest.approx(50.0) and b["satisfaction_7plus_pct"] == pytest.approx(100.0)


def test_backlog_by_member(db):
    result = rows(db.run("backlog_by_member", {"period_end": Q1.end}))
    # Open at 1 April 00:00: t6 (resolved 1 April 09:00) and t9; t10 opened after the end.
    assert result[world.A]["backlog_open"] == 2 and result[world.B]["backlog_open"] == 0
    earlier = rows(db.run("backlog_by_member", {"period_end": date(2025, 1, 1)}))
    assert earlier[world.A]["backlog_open"] == 1  # t5, opened 30 Dec, resolved 2 Jan


def test_spend_by_member(db):
    result = rows(db.run("spend_by_member", Q1.params()))
    a, b = result[world.A], result[world.B]
    assert a["spend_own_eur"] == pytest.approx(1150.00)  # 1000 + 150
    assert a["spend_collective_eur"] == pytest.approx(700.00)  # 900 - 200
    assert a["spend_ssc_eur"] == pytest.approx(2500.00)  # 2250 + 250
    assert a["spend_eur"] == pytest.approx(4350.00)
    assert (b["spend_own_eur"], b["spend_ssc_eur"], b["spend_eur"]) == pytest.approx((500.0, 7500.0, 8000.0))
    # The SSC's 10000.00 in Q1 is spread to the cent.
    assert a["spend_ssc_eur"] + b["spend_ssc_eur"] == pytest.approx(10000.00)


def test_spend_previous_quarter_uses_that_years_key(db):
    result = rows(db.run("spend_by_member", Q1.previous().params()))
    assert result[world.A]["spend_eur"] == pytest.approx(150.00)  # 15 of the 30 days of i4
    assert result[world.B]["spend_eur"] == pytest.approx(0.0)


def test_budget_by_member(db):
    result = rows(db.run("budget_by_member", Q1.params()))
    assert result[world.A]["budget_eur"] == pytest.approx(9900.00)
    assert np.isnan(result[world.B]["budget_eur"])
    year = rows(db.run("budget_by_member", Period.parse("2025").params()))
    assert year[world.A]["budget_eur"] == pytest.approx(40150.00)


def test_savings_by_member(db):
    result = rows(db.run("savings_by_member", Q1.params()))
    a = result[world.A]
    assert a["expected_savings_eur"] == pytest.approx(2700.00)
    assert a["realized_savings_eur"] == pytest.approx(450.00)
    assert a["realization_pct"] == pytest.approx(50.0)
    assert np.isnan(result[world.B]["realized_savings_eur"])


def test_member_counts(db):
    result = rows(db.run("member_counts", {"year": 2025}))
    assert list(result) == [world.A, world.B]  # the SSC is not a member
    assert result[world.B]["inhabitants"] == 4000 and result[world.A]["allocation_share"] == pytest.approx(0.25)


def test_sla_target(db):
    # Valid on 1 March 2025: incident P2 (90, the February revision) and incident P1 (95): lower median 90.
    assert db.run("sla_target", {"on_date": date(2025, 3, 1)})["target_pct"][0] == 90
    assert np.isnan(db.run("sla_target", {"on_date": date(2019, 1, 1)})["target_pct"][0])


def test_runner_refuses_wrong_parameters(db):
    with pytest.raises(QueryParameterError, match="missing parameters \\['period_end'\\]"):
        db.run("spend_by_member", {"period_start": Q1.start})
    with pytest.raises(QueryParameterError, match="unexpected parameters \\['extra'\\]"):
        db.run("member_counts", {"year": 2025, "extra": 1})


def test_parameter_names_ignore_comments_and_strings():
    assert query_parameters("select $a, '$b' -- $c\n from t where x = $d") == {"a", "d"}


SAMPLE_VALUES = {
    "period_start": date(2025, 7, 1),
    "period_end": date(2025, 10, 1),
    "year": 2025,
    "on_date": date(2025, 7, 1),
}


@pytest.mark.parametrize("name", query_names())
def test_every_query_runs_on_demo_data(name, demo_dir):
    database = Database(demo_dir)
    params = {p: SAMPLE_VALUES[p] for p in query_parameters(query_text(name))}
    assert len(database.run(name, params)) > 0
    database.close()
