"""Headline KPIs on the hand-written world, and through the `kpis` command."""

import json

import pandas as pd
import pytest

from regie.cli import main
from regie.db import Database
from regie.kpis import headline, member_figures
from regie.periods import Period
from tests import world
from tests.helpers import write_fixture


@pytest.fixture(scope="module")
def world_dir(tmp_path_factory):
    return write_fixture(tmp_path_factory.mktemp("world"), **world.TABLES)


# Worked out by hand from tests/world.py for member A, 2025-Q1 and 2024-Q4.
EXPECTED_CURRENT = {
    "sla_resolution_pct": 40.0,
    "sla_response_pct": 80.0,
    "satisfaction_mean": None,  # 3 responses: fewer than 30, so hidden
    "satisfaction_responses": 3,
    "backlog_open": 2,
    "spend_eur": 4350.00,
    "spend_per_inhabitant_eur": 4.35,
    "spend_per_workstation_eur": 435.0,  # 4350 / 10
    "spend_by_route_eur": {"ssc": 2500.0, "collective": 700.0, "own": 1150.0},
    # i1 1000 workplace, i4 150 consultancy, i2 900 licences, c1 -200 telephony; SSC: s1 hosting 2250, s2 other 250
    "spend_by_category_eur": {
        "workplace": 1000.0,
        "licences": 900.0,
        "hosting": 2250.0,
        "network": 0.0,
        "telephony": -200.0,
        "applications": 0.0,
        "consultancy": 150.0,
        "ssc_contribution": 0.0,
        "security": 0.0,
        "other": 250.0,
    },
    "budget_eur": 9900.00,
    "budget_used_pct": round(100 * 4350 / 9900, 6),
    "realized_savings_eur": 450.00,
    "expected_savings_eur": 2700.00,  # (3650 + 7300) x 90 / 365
    "realization_pct": 50.0,  # 1825 / 3650: only X's realised figure is known
    "policy_exception_spend_eur": 0.0,  # the world has no contracts
    "collective_share_pct": round(100 * 3200 / 4350, 6),  # (700 collective + 2500 ssc) / 4350
    # P2: t1 within, t2 and t5 breached; P1: t3 within (calendar clock), t4 breached.
    "sla_resolution_pct_by_priority": {"1": 50.0, "2": round(100 / 3, 6), "3": None, "4": None},
    # Resolution minutes of t4, t3, t1, t2, t5: 0, 60, 180, 180, 1080. Median 180 min = 3 h;
    # P90 at position 0.9 x 4 = 3.6: 180 + 0.6 x (1080 - 180) = 720 min = 12 h.
    "resolution_hours_median": 3.0,
    "resolution_hours_p90": 12.0,
    # Open on 1 April: t6 (opened 31 March, 1 day) and t9 (14 March, 18 days). t9 is past its
    # 120-minute norm; t6 had 60 service minutes (31 March 16:00-17:00).
    "backlog_by_age": {"0-7": 1, "8-30": 1, "31-90": 0, "90+": 0},
    "backlog_past_norm": 1,
    "first_contact_resolution_pct": 20.0,  # t1 of 5
    "reopen_pct": 20.0,  # t2 of 5
}
EXPECTED_PREVIOUS = {
    "sla_resolution_pct": None,
    "sla_response_pct": 100.0,
    "satisfaction_mean": None,
    "satisfaction_responses": 0,
    "backlog_open": 1,
    "spend_eur": 150.00,
    "spend_per_inhabitant_eur": 0.15,
    "spend_per_workstation_eur": 15.0,
    "spend_by_route_eur": {"ssc": 0.0, "collective": 0.0, "own": 150.0},
    "spend_by_category_eur": {
        "workplace": 0.0,
        "licences": 0.0,
        "hosting": 0.0,
        "network": 0.0,
        "telephony": 0.0,
        "applications": 0.0,
        "consultancy": 150.0,
        "ssc_contribution": 0.0,
        "security": 0.0,
        "other": 0.0,
    },
    "budget_eur": 25136.36,  # 99999.00 x 92 / 366 = 9199908 / 366 (2024 is a leap year)
    "budget_used_pct": round(100 * 150 / (99999 * 92 / 366), 6),
    "realized_savings_eur": None,
    "expected_savings_eur": None,
    "realization_pct": None,
    "policy_exception_spend_eur": 0.0,
    "collective_share_pct": 0.0,
    "sla_resolution_pct_by_priority": {"1": None, "2": None, "3": None, "4": None},
    "resolution_hours_median": None,
    "resolution_hours_p90": None,
    # On 1 January t5 is open, 2 days old; 30 Dec 10:00 to 1 Jan 00:00 is 420 + 540 = 960 service
    # minutes, past the 240 minutes of the norm valid on 30 December.
    "backlog_by_age": {"0-7": 1, "8-30": 0, "31-90": 0, "90+": 0},
    "backlog_past_norm": 1,
    "first_contact_resolution_pct": None,
    "reopen_pct": None,
}
EXPECTED_AVERAGE = {
    "sla_resolution_pct": 70.0,  # (40 + 100) / 2
    "sla_response_pct": 80.0,  # B has no responses: only A counts
    "satisfaction_mean": None,
    "satisfaction_responses": 2.0,  # A 3, B 1 (t7)
    "backlog_open": 1.0,
    "spend_eur": 6175.00,  # (4350 + 8000) / 2
    "spend_per_inhabitant_eur": 3.18,  # (4.35 + 2.00) / 2 = 3.175: half a cent rounds up
    "spend_per_workstation_eur": 317.5,  # (435 + 8000 / 40) / 2
    "spend_by_route_eur": {"ssc": 5000.0, "collective": 350.0, "own": 825.0},
    "spend_by_category_eur": {
        "workplace": 500.0,
        "licences": 450.0,
        "hosting": 4500.0,
        "network": 0.0,
        "telephony": -100.0,
        "applications": 250.0,
        "consultancy": 75.0,
        "ssc_contribution": 0.0,
        "security": 0.0,
        "other": 500.0,
    },
    "budget_eur": 9900.00,  # B has no budget
    "budget_used_pct": round(100 * 4350 / 9900, 6),  # only A has a budget
    "realized_savings_eur": 450.00,
    "expected_savings_eur": 2700.00,  # B has no savings rows
    "realization_pct": 50.0,
    "policy_exception_spend_eur": 0.0,
    "collective_share_pct": round((100 * 3200 / 4350 + 93.75) / 2, 6),
    # B: t7 (P2) within; t8 (P3) has no norm.
    "sla_resolution_pct_by_priority": {"1": 50.0, "2": round((100 / 3 + 100) / 2, 6), "3": None, "4": None},
    # B resolved t8 (60 min) and t7 (240 min): median 150 min = 2.5 h, P90 60 + 0.9 x 180 = 222 min = 3.7 h.
    "resolution_hours_median": 2.75,
    "resolution_hours_p90": 7.85,
    "backlog_by_age": {"0-7": 0.5, "8-30": 0.5, "31-90": 0.0, "90+": 0.0},
    "backlog_past_norm": 0.5,
    "first_contact_resolution_pct": 10.0,  # A 20, B 0
    "reopen_pct": 35.0,  # A 20, B 50
}


def same(got, expected, path="") -> bool:
    """Exact structure and None-ness; numbers to within 1e-6 relative."""
    if isinstance(expected, dict):
        assert isinstance(got, dict) and set(got) == set(expected), path
        return all(same(got[k], v, f"{path}.{k}") for k, v in expected.items())
    if expected is None:
        assert got is None, path
    else:
        assert got == pytest.approx(expected), path
    return True


def test_headline(world_dir):
    db = Database(world_dir)
    result = headline(db.run, world.A, Period.parse("2025-Q1"), "2025-12-31")
    db.close()
    assert result["municipality"] == world.A and result["period"] == "2025-Q1"
    assert same(result["current"], EXPECTED_CURRENT)
    assert same(result["previous"], EXPECTED_PREVIOUS)
    assert same(result["member_average"], EXPECTED_AVERAGE)


def test_kpis_command_prints_the_same_json(world_dir, capsys):
    code = main(["kpis", "--data-dir", str(world_dir), "--municipality", world.A, "--period", "2025-Q1"])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["data_until"] == "2025-12-31"
    assert result["current"]["backlog_by_age"] == EXPECTED_CURRENT["backlog_by_age"]
    assert result["current"]["sla_resolution_pct"] == pytest.approx(EXPECTED_CURRENT["sla_resolution_pct"])
    assert set(result) == {"municipality", "period", "covered_until", "data_until", "current", "previous",
                           "member_average"}  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--municipality", "GM9999", "--period", "2025"], "unknown municipality 'GM9999'"),
        (["--municipality", world.A, "--period", "2025-Q7"], "'2025-Q7' is not a period"),
    ],
)
def test_kpis_command_refuses_bad_input(world_dir, capsys, argv, message):
    assert main(["kpis", "--data-dir", str(world_dir), *argv]) == 2
    assert message in capsys.readouterr().err


def test_kpis_command_without_data(tmp_path, capsys):
    assert main(["kpis", "--data-dir", str(tmp_path / "none"), "--period", "2025"]) == 2
    assert "holds no data" in capsys.readouterr().err


@pytest.mark.parametrize(("responses", "mean"), [(29, None), (30, 7.0)])
def test_satisfaction_mean_needs_30_responses(tmp_path, responses, mean):
    # `responses` tickets resolved in January with marks 8, 8, 5 repeating (mean 7.0 over 30).
    tickets = [
        world.ticket(
            f"s{i}",
            world.A,
            2,
            "2025-01-06 09:00",
            None,
            "2025-01-06 10:00",
            None,
            60,
            satisfaction=(5 if i % 3 == 2 else 8),
        )
        for i in range(responses)
    ]
    data = write_fixture(
        tmp_path, municipalities=world.MUNICIPALITIES, municipality_years=world.MUNICIPALITY_YEARS, tickets=tickets
    )
    db = Database(data)
    figures = member_figures(db.run, Period.parse("2025-01"))
    db.close()
    row = figures.loc[world.A]
    assert row["satisfaction_responses"] == responses
    assert (None if row["satisfaction_mean"] != row["satisfaction_mean"] else row["satisfaction_mean"]) == mean


@pytest.mark.parametrize("period", ["2024-11", "2026-Q1", "2020"])
def test_kpis_command_refuses_a_period_without_data(world_dir, capsys, period):
    # The world's first ticket and invoice fall in December 2024; the fixture's data end on 2025-12-31.
    assert main(["kpis", "--data-dir", str(world_dir), "--municipality", world.A, "--period", period]) == 2
    covered = "the data cover 2024-12-01 up to and including 2025-12-31"
    assert capsys.readouterr().err.strip() == f"error: no data for {period}: {covered}"


C = world.C


@pytest.fixture(scope="module")
def joining_dir(tmp_path_factory):
    return write_fixture(tmp_path_factory.mktemp("joining"), **world.joining())


def test_a_member_counts_only_in_the_years_it_takes_part(joining_dir, capsys):
    db = Database(joining_dir)
    try:
        before, after = (db.figures(Period.parse(p)) for p in ("2024-Q4", "2025-Q1"))
        assert list(before.index) == [world.A, world.B]  # not listed with spend 0 and backlog 0
        assert list(after.index) == [world.A, world.B, C]
        # In 2025-Q1 the data cover Ceedorp and nothing happened: counts 0, no score over nothing.
        assert after.loc[C, ["opened_tickets", "backlog_open"]].tolist() == [0, 0]
        assert after.loc[C, "sla_resolution_pct"] is None or pd.isna(after.loc[C, "sla_resolution_pct"])
        result = headline(db.run, world.A, Period.parse("2025-Q1"), None, db.figures)
        earlier = headline(db.run, world.A, Period.parse("2024-Q4"), None, db.figures)
        keys_2024, keys_2025 = (
            db.run("cost_key_alternatives", Period.parse(p).params()) for p in ("2024-Q4", "2025-Q1")
        )
    finally:
        db.close()
    # A's previous quarter (2024-Q4) is as in the world without Ceedorp.
    assert result["previous"]["backlog_open"] == EXPECTED_PREVIOUS["backlog_open"] == 1
    average = result["member_average"]["backlog_open"]
    assert average == pytest.approx(after["backlog_open"].astype(float).mean())  # Ceedorp's 0 counts in 2025
    two = before.loc[[world.A, world.B], "backlog_open"].astype(float).mean()  # 2024: A and B only, not C's 0
    assert earlier["member_average"]["backlog_open"] == pytest.approx(two) and two > 0
    # The cost-key alternatives bill only the members taking part: Ceedorp from 2025, with its share.
    assert sorted(set(keys_2024["municipality_code"])) == [world.A, world.B]
    assert sorted(set(keys_2025["municipality_code"])) == [world.A, world.B, C]
    assert main(["kpis", "--data-dir", str(joining_dir), "--municipality", C, "--period", "2024-Q4"]) == 2
    assert "unknown municipality 'GM0003' in 2024 (no municipality_years row for 2024)" in capsys.readouterr().err
