"""Every query on the hand-written world of tests/world.py, with the exact expected rows."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from regie.calendar import ServiceCalendar
from regie.db import Database, QueryParameterError, query_names, query_parameters, query_text
from regie.periods import Period
from tests import world
from tests.helpers import write_fixture

Q1 = Period.parse("2025-Q1")
NARROW_NONE = {"category": None, "assignee_group": None}


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
    result = rows(db.run("sla_score_by_member", {**Q1.params(), **NARROW_NONE}))
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
    result = rows(db.run("sla_score_by_member", {**Q1.previous().params(), **NARROW_NONE}))
    # 2024-Q4: nothing resolved; t5 responded 10 minutes after opening.
    assert result[world.A]["resolved_tickets"] == 0 and np.isnan(result[world.A]["sla_resolution_pct"])
    assert result[world.A]["sla_response_pct"] == pytest.approx(100.0)


def test_ticket_quality_by_member(db):
    result = rows(db.run("ticket_quality_by_member", {**Q1.params(), **NARROW_NONE}))
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
    result = rows(db.run("backlog_by_member", {"period_end": Q1.end, **NARROW_NONE}))
    # Open at 1 April 00:00: t6 (resolved 1 April 09:00) and t9; t10 opened after the end.
    assert result[world.A]["backlog_open"] == 2 and result[world.B]["backlog_open"] == 0
    earlier = rows(db.run("backlog_by_member", {"period_end": date(2025, 1, 1), **NARROW_NONE}))
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
    "start": date(2025, 1, 1),
    "end": date(2025, 10, 1),
    "year": 2025,
    "on_date": date(2025, 7, 1),
    "members": ["GM9001", "GM9002"],
    "category": None,
    "assignee_group": None,
    "dimension": "category",
    "months": 3,
    "until": date(2026, 11, 1),
    "first": date(2021, 1, 1),
    "previous_start": date(2024, 7, 1),
    "previous_end": date(2024, 10, 1),
    "proposal": [
        {
            "ticket_type": "incident",
            "priority": 3,
            "response_minutes": 240,
            "resolution_minutes": 1620,
            "clock": "business",
            "target_pct": 90,
        }
    ],
    "norms": [{"ticket_type": "incident", "priority": 3, "clock": "business", "target_pct": 90}],
}


@pytest.mark.parametrize("name", query_names())
def test_every_query_runs_on_demo_data(name, demo_dir):
    database = Database(demo_dir)
    params = {p: SAMPLE_VALUES[p] for p in query_parameters(query_text(name))}
    assert len(database.run(name, params)) > 0
    database.close()


ALL = {"category": None, "assignee_group": None}
BOTH = {"members": [world.A, world.B], **ALL}


def test_tickets_normed_view(db):
    rows = db.sql("select * from tickets_normed order by ticket_id").set_index("ticket_id")
    # t2 opened after the 1 February revision gets the 120-minute norm; t1 the old 240.
    assert rows.at["t1", "resolution_norm_minutes"] == 240 and rows.at["t2", "resolution_norm_minutes"] == 120
    # t4 (calendar clock): 180 real minutes although no service minute passed.
    assert rows.at["t4", "resolution_clock_minutes"] == 180 and rows.at["t4", "resolution_business_minutes"] == 0
    assert not rows.at["t4", "is_resolution_within"] and rows.at["t3", "is_resolution_within"]
    assert rows.at["t8", "norm_clock"] is None or rows["norm_clock"].isna()["t8"]  # no P3 norm


def test_business_minutes_in_sql_equal_the_calendar(db):
    got = db.sql(
        "select ticket_id, business_minutes(opened_at, resolved_at) as m, resolution_business_minutes as r "
        "from tickets where resolved_at is not null order by ticket_id"
    )
    assert (got["m"] == got["r"]).all() and len(got) == 8
    # 14 March 2025 10:00 (Friday) to 1 April 00:00: 420 on the 14th + 11 working days x 540.
    one = db.sql("select business_minutes(timestamp '2025-03-14 10:00', date '2025-04-01') as m")
    assert one["m"][0] == 420 + 11 * 540


def test_backlog_by_member_ages_and_norms(db):
    result = rows(db.run("backlog_by_member", {"period_end": Q1.end, **ALL}))
    a = result[world.A]
    assert (a["age_0_7"], a["age_8_30"], a["age_31_90"], a["age_90_plus"]) == (1, 1, 0, 0)
    assert a["backlog_past_norm"] == 1  # t9; t6 had 60 of its 120 minutes
    narrowed = rows(db.run("backlog_by_member", {"period_end": Q1.end, "category": "Netwerk", "assignee_group": None}))
    assert narrowed[world.A]["backlog_open"] == 0


def test_sla_by_month(db):
    frame = db.run("sla_by_month", {"start": Q1.start, "end": Q1.end, **BOTH})
    res = frame[(frame.measure == "resolution") & (frame.municipality_code == world.A)]
    by = {(r.month.date().isoformat(), r.priority): (r.tickets, r.within_norm, r.target_sum) for r in res.itertuples()}
    # January: t1 within, t5 breached (P2, target 90 each); t3 within, t4 breached (P1, target 95 each).
    assert by[("2025-01-01", 2)] == (2, 1, 180) and by[("2025-01-01", 1)] == (2, 1, 190)
    # February: t2 breached under the revised norm.
    assert by[("2025-02-01", 2)] == (1, 0, 90)
    resp = frame[(frame.measure == "response") & (frame.municipality_code == world.A)]
    per_month = resp.groupby(resp.month.dt.strftime("%Y-%m"))["tickets"].sum().to_dict()
    assert per_month == {"2025-01": 3, "2025-02": 1, "2025-03": 1}  # t1, t3, t4 | t2 | t6 (t5 in December)


def test_ticket_flow_by_month(db):
    frame = db.run("ticket_flow_by_month", {"start": date(2024, 12, 1), "end": Q1.end, **BOTH})
    a = frame[frame.municipality_code == world.A].set_index("month")
    # Opened: Dec t5; Jan t1, t3, t4; Feb t2; Mar t6, t9. Resolved: Jan t1, t3, t4, t5; Feb t2.
    assert a["opened"].tolist() == [1, 3, 1, 2] and a["resolved"].tolist() == [0, 4, 1, 0]
    assert a["backlog_end"].tolist() == [1, 0, 0, 2]
    b = frame[frame.municipality_code == world.B]
    assert b["opened"].tolist() == [0, 2, 0, 0] and b["backlog_end"].tolist() == [0, 0, 0, 0]


def test_service_times_by_month(db):
    frame = db.run("service_times_by_month", {"start": date(2025, 1, 1), "end": date(2025, 2, 1), **BOTH})
    a = frame[(frame.municipality_code == world.A) & (frame.measure == "resolution")]
    overall = a[a.priority.isna()].iloc[0]
    # January, A: t4 0, t3 60, t1 180, t5 1080 minutes: median (60 + 180) / 2 = 120 min = 2 h;
    # P90 at 0.9 x 3 = 2.7: 180 + 0.7 x 900 = 810 min = 13.5 h.
    assert (overall.tickets, overall.hours_median, overall.hours_p90) == (4, pytest.approx(2.0), pytest.approx(13.5))
    p1 = a[a.priority == 1].iloc[0]
    assert p1.hours_median == pytest.approx(0.5)  # t4 0 and t3 60 minutes


def test_resolution_time_distribution(db):
    frame = db.run("resolution_time_distribution", {**Q1.params(), "members": [world.A], **ALL})
    # A in Q1: 0 and 1 h (t4, t3: 0 min and 1 h), 3 h (t1, t2), 18 h (t5, 1080 min).
    assert dict(zip(frame.band, frame.tickets, strict=True)) == {0: 1, 1: 3, 4: 1}
    assert frame.share_pct.sum() == pytest.approx(100.0)


def test_breaches_by(db):
    frame = db.run("breaches_by", {**Q1.params(), "dimension": "category", **BOTH})
    werkplek = frame.set_index("name").loc["Werkplek"]
    # Normed tickets resolved in Q1: t1-t5 (A) and t7 (B); breaches t2, t4, t5.
    assert (werkplek.resolved_tickets, werkplek.breaches) == (6, 3)
    assert werkplek.breach_rate_pct == pytest.approx(50.0) and werkplek.share_of_breaches_pct == pytest.approx(100.0)
    groups = db.run("breaches_by", {**Q1.params(), "dimension": "assignee_group", **BOTH})
    assert groups.name.tolist() == ["Werkplekbeheer"]


def test_supplier_escalations(tmp_path):
    tickets = [
        {**world.TICKETS[0], "supplier_id": "11111111"},  # t1: within
        {**world.TICKETS[1], "supplier_id": "11111111"},  # t2: breached
        {**world.TICKETS[3], "supplier_id": "22222222"},  # t4: breached
    ]
    invoices = [{**world.INVOICES[0], "supplier_id": "11111111", "supplier_name": "Eerste B.V."}]
    data = write_fixture(
        tmp_path, municipalities=world.MUNICIPALITIES, sla_norms=world.SLA_NORMS, tickets=tickets, invoices=invoices
    )
    database = Database(data)
    frame = database.run("supplier_escalations", {**Q1.params(), "members": [world.A], **ALL})
    database.close()
    assert frame.to_dict("records") == [
        {
            "supplier_id": "11111111",
            "supplier_name": "Eerste B.V.",
            "escalated_tickets": 2,
            "breaches": 1,
            "breach_rate_pct": 50.0,
        },
        {
            "supplier_id": "22222222",
            "supplier_name": "22222222",
            "escalated_tickets": 1,
            "breaches": 1,
            "breach_rate_pct": 100.0,
        },
    ]


@pytest.mark.parametrize(
    ("amount", "expected"), [("100.00", [33.33, 33.33, 33.34]), ("-100.00", [-33.33, -33.33, -33.34])]
)
def test_ssc_spread_reconciles_to_the_cent(tmp_path, amount, expected):
    """Three equal members: 100.00 is 33.33 each and one cent left, which goes to the largest
    remainder (0.333334 x 10000 = 3333.34 cents); a credit note mirrors it."""
    members = [{"municipality_code": f"GM000{i}", "name": f"M{i}", "is_ssc_member": True} for i in (1, 2, 3)]
    members.append({"municipality_code": "SSC", "name": "SSC", "is_ssc_member": False})
    years = [
        {"municipality_code": f"GM000{i}", "year": 2025, "inhabitants": 1, "workstations": 1, "allocation_share": share}
        for i, share in ((1, "0.333333"), (2, "0.333333"), (3, "0.333334"))
    ]
    line = {**world.INVOICES[5], "amount_excl_vat_eur": amount}  # SSC hosting, 1 Jan - 31 Mar 2025
    data = write_fixture(tmp_path, municipalities=members, municipality_years=years, invoices=[line])
    database = Database(data)
    cells = database.run("spend_cells", Q1.params())
    database.close()
    assert cells["spend_eur"].tolist() == expected
    assert set(cells["route"]) == {"ssc"} and sum(cells["spend_eur"]) == pytest.approx(float(amount))


def test_cost_key_alternatives(db):
    frame = db.run("cost_key_alternatives", Q1.params())
    bills = {(r.cost_key, r.municipality_code): float(r.bill_eur) for r in frame.itertuples()}
    # The SSC's own Q1 costs: s1 9000 + s2 1000 = 10000.00. Agreed key 0.25 / 0.75.
    assert (bills[("agreed", world.A)], bills[("agreed", world.B)]) == (2500.0, 7500.0)
    # Inhabitants 1000 / 4000 and workstations 10 / 40 in 2025: one fifth for A.
    assert (bills[("inhabitants", world.A)], bills[("workstations", world.B)]) == (2000.0, 8000.0)
    # Tickets opened in Q1: A t1, t2, t3, t4, t6, t9 (6); B t7, t8 (2).
    assert (bills[("tickets", world.A)], bills[("tickets", world.B)]) == (7500.0, 2500.0)
    assert frame.groupby("cost_key")["bill_eur"].sum().astype(float).to_dict() == dict.fromkeys(
        ("agreed", "inhabitants", "tickets", "workstations"), 10000.0
    )


def test_budget_vs_actual(db):
    frame = db.run("budget_vs_actual", {"year": 2025, "until": date(2025, 4, 1)})
    a = frame[frame.municipality_code == world.A].set_index("cost_category")
    # 90 of 365 days have passed. Workplace: 1000 actual, forecast 1000 x 365 / 90, budget 36500.
    assert a.at["workplace", "actual_eur"] == 1000.0
    assert a.at["workplace", "forecast_eur"] == pytest.approx(1000 * 365 / 90)
    overrun = {k: (None if pd_isna(v) else bool(v)) for k, v in a["is_overrun"].astype(object).items()}
    # Licences: the year's 3650 spread by day, 900 so far: the forecast is exactly the budget, no overrun.
    assert a.at["licences", "forecast_eur"] == pytest.approx(3650.0)
    # Hosting: 2250 of the SSC spread, no budget row: no verdict.
    assert np.isnan(a.at["hosting", "budget_eur"])
    assert (overrun["workplace"], overrun["licences"], overrun["hosting"]) == (False, False, None)
    assert set(frame.municipality_code) == {world.A, world.B}  # the SSC itself is not a member


def pd_isna(value):
    return value is None or value is pd.NA or value is pd.NaT or value != value


def test_spend_over_time(db):
    frame = db.run("spend_over_time", {"members": [world.A], "start": date(2024, 10, 1), "end": Q1.end, "months": 3})
    totals = frame.groupby(frame.bucket.dt.strftime("%Y-%m"))["spend_eur"].sum().astype(float).to_dict()
    assert totals == {"2024-10": 150.0, "2025-01": 4350.0}  # equals the quarters' spend_by_member


def test_spend_over_time_cuts_the_last_bucket_where_the_window_ends(db):
    # Data up to 31 January: Q1 holds i2's 31 days (310.00), i4's 1-15 January (150.00) and 31 of
    # s1's 90 days at A's quarter (9000 / 90 x 31 x 0.25 = 775.00); i1 (10 Feb), s2 (1 Feb) fall after.
    frame = db.run("spend_over_time", {"members": [world.A], "start": date(2024, 10, 1), "end": date(2025, 2, 1),
                                       "months": 3})  # fmt: skip
    totals = frame.groupby(frame.bucket.dt.strftime("%Y-%m"))["spend_eur"].sum().astype(float).to_dict()
    assert totals == {"2024-10": 150.0, "2025-01": 1235.0}


def test_supplier_scorecard(db):
    ago = Q1.year_ago()
    frame = db.run(
        "supplier_scorecard",
        {"members": [world.A], **Q1.params(), "previous_start": ago.start, "previous_end": ago.end},
    )
    row = frame.iloc[0]
    # A's own lines 1000 + 900 - 200 + 150 and a quarter of the SSC's 10000.
    assert (row.supplier_id, float(row.spend_eur), float(row.spend_previous_eur)) == ("12345678", 4350.0, 0.0)
    assert (row.invoices, row.credit_notes, float(row.credit_notes_eur)) == (5, 1, -200.0)  # i1 i2 i4 s1 s2 | c1
    assert row.share_pct == pytest.approx(100.0) and row.escalated_tickets == 0


def contracts_fixture(tmp_path):
    contracts = [
        {
            "contract_id": "K1",
            "supplier_id": "12345678",
            "title": "Raam",
            "route": "own",
            "cost_category": "other",
            "municipality_code": world.A,
            "start_date": "2024-01-01",
            "end_date": "2025-06-30",
            "ceiling_eur": "1000",
        },
        {
            "contract_id": "K2",
            "supplier_id": "12345678",
            "title": "Ander",
            "route": "own",
            "cost_category": "other",
            "municipality_code": world.B,
            "start_date": "2024-01-01",
            "end_date": "2027-06-30",
            "ceiling_eur": "10",
        },
        {
            "contract_id": "K3",
            "supplier_id": "12345678",
            "title": "Samen",
            "route": "collective",
            "cost_category": "telephony",
            "start_date": "2020-01-01",
            "end_date": "2030-12-31",
        },
    ]
    line = {**world.INVOICES[0], "contract_id": "K1", "municipality_code": world.A}
    invoices = [
        {**line, "invoice_id": "k1", "invoice_date": "2024-06-01", "amount_excl_vat_eur": "400.00"},
        {**line, "invoice_id": "k2", "invoice_date": "2025-03-01", "amount_excl_vat_eur": "300.00"},
        {**line, "invoice_id": "k3", "invoice_date": "2025-05-01", "amount_excl_vat_eur": "999.00"},  # after until
        {**line, "invoice_id": "n1", "contract_id": None, "invoice_date": "2025-02-01", "amount_excl_vat_eur": "50"},
    ]
    return write_fixture(tmp_path, municipalities=world.MUNICIPALITIES, contracts=contracts, invoices=invoices)


def test_contract_status(tmp_path):
    database = Database(contracts_fixture(tmp_path))
    frame = database.run("contract_status", {"members": [world.A], "until": Q1.end}).set_index("contract_id")
    database.close()
    assert list(frame.index) == ["K1", "K3"]  # K2 is Beedam's alone
    k1 = frame.loc["K1"]
    # 700 of 1000 spent before 1 April 2025; 700 in the last 365 days: 300 left at 700/365 a day is
    # 156.4 days, so 157 days after 1 April: 5 September 2025. It ends on 30 June, within 12 months.
    assert (float(k1.spend_to_date_eur), k1.ceiling_used_pct, float(k1.ceiling_left_eur)) == (700.0, 70.0, 300.0)
    assert k1.ceiling_reached_date.date() == date(2025, 9, 5) and k1.is_ending_soon
    assert pd_isna(frame.loc["K3", "ceiling_reached_date"]) and not frame.loc["K3", "is_ending_soon"]


def test_spend_without_contract(db, tmp_path):
    frame = db.run("spend_without_contract", {"members": [world.A], **Q1.params()})
    assert frame[["cost_category", "spend_eur"]].astype({"spend_eur": float}).values.tolist() == [
        ["workplace", 1000.0],
        ["licences", 900.0],
        ["consultancy", 150.0],
        ["telephony", -200.0],
    ]
    database = Database(contracts_fixture(tmp_path))
    only = database.run("spend_without_contract", {"members": [world.A], **Q1.params()})
    database.close()
    assert only[["cost_category", "spend_eur", "lines"]].astype({"spend_eur": float}).values.tolist() == [
        ["workplace", 50.0, 1]
    ]


def test_policy_exceptions_count_only_days_with_a_collective_contract(tmp_path):
    contracts = [
        # Collective telephony for all members until 14 February 2025.
        {
            "contract_id": "GT",
            "supplier_id": "11111111",
            "title": "GT",
            "route": "collective",
            "cost_category": "telephony",
            "start_date": "2024-01-01",
            "end_date": "2025-02-14",
        },
        # An SSC contract in 'other', for Beedam only.
        {
            "contract_id": "SB",
            "supplier_id": "11111111",
            "title": "SB",
            "route": "ssc",
            "cost_category": "other",
            "municipality_code": world.B,
            "start_date": "2025-01-01",
            "end_date": "2025-12-31",
        },
        # An own-route contract does not make own purchases an exception.
        {
            "contract_id": "OW",
            "supplier_id": "11111111",
            "title": "OW",
            "route": "own",
            "cost_category": "workplace",
            "start_date": "2020-01-01",
            "end_date": "2030-12-31",
        },
    ]
    base = {**world.INVOICES[0], "route": "own", "supplier_id": "22222222", "supplier_name": "Eigen B.V."}
    invoices = [
        # A: 900.00 over Q1 (10.00 a day); 45 days (1 Jan - 14 Feb) fall under GT: 450.00.
        {
            **base,
            "invoice_id": "e1",
            "municipality_code": world.A,
            "cost_category": "telephony",
            "period_start": "2025-01-01",
            "period_end": "2025-03-31",
            "amount_excl_vat_eur": "900.00",
        },
        # A: 'other' is covered for Beedam only.
        {
            **base,
            "invoice_id": "e2",
            "municipality_code": world.A,
            "cost_category": "other",
            "invoice_date": "2025-02-01",
            "amount_excl_vat_eur": "300.00",
        },
        # B: 'other' on 1 February: covered by SB, all of it.
        {
            **base,
            "invoice_id": "e3",
            "municipality_code": world.B,
            "cost_category": "other",
            "invoice_date": "2025-02-01",
            "amount_excl_vat_eur": "120.00",
        },
        # A: workplace, only an own-route contract exists.
        {
            **base,
            "invoice_id": "e4",
            "municipality_code": world.A,
            "cost_category": "workplace",
            "invoice_date": "2025-02-01",
            "amount_excl_vat_eur": "80.00",
        },
        # A: collective-route telephony is not an exception.
        {
            **base,
            "invoice_id": "e5",
            "municipality_code": world.A,
            "cost_category": "telephony",
            "route": "collective",
            "invoice_date": "2025-01-10",
            "amount_excl_vat_eur": "60.00",
        },
    ]
    data = write_fixture(tmp_path, municipalities=world.MUNICIPALITIES, contracts=contracts, invoices=invoices)
    database = Database(data)
    listed = database.run("policy_exceptions", {"members": [world.A, world.B], **Q1.params()})
    totals = rows(database.run("policy_exception_by_member", Q1.params()))
    database.close()
    assert listed[["municipality_code", "cost_category", "spend_eur"]].astype({"spend_eur": float}).values.tolist() == [
        [world.A, "telephony", 450.0],
        [world.B, "other", 120.0],
    ]
    assert (totals[world.A]["policy_exception_spend_eur"], totals[world.B]["policy_exception_spend_eur"]) == (450, 120)


def test_savings_check(tmp_path):
    contracts = [
        {
            "contract_id": "GT",
            "supplier_id": "11111111",
            "title": "GT",
            "route": "collective",
            "cost_category": "telephony",
            "start_date": "2025-01-01",
            "end_date": "2025-12-31",
        },
    ]
    base = {**world.INVOICES[0], "contract_id": "GT", "route": "collective", "cost_category": "telephony"}
    invoices = [
        {
            **base,
            "invoice_id": "g1",
            "municipality_code": world.A,
            "invoice_date": "2025-03-01",
            "amount_excl_vat_eur": "7000",
        },
        # 4000 billed to the SSC: A's quarter share (0.25) is 1000.
        {
            **base,
            "invoice_id": "g2",
            "municipality_code": "SSC",
            "invoice_date": "2025-05-01",
            "amount_excl_vat_eur": "4000",
        },
    ]
    claim = {"route": "collective", "kind": "hard_saving", "year": 2025, "contract_id": "GT", "initiative": "GT"}
    savings = [
        # Baseline 10000, actual 7000 + 1000 = 8000: the invoices support 2000.
        {
            **claim,
            "initiative_id": "OK",
            "municipality_code": world.A,
            "baseline_eur": "10000",
            "expected_savings_eur": "2000",
            "realized_savings_eur": "2100",
        },  # 2000 >= 95% of 2100 (1995)
        {
            **claim,
            "initiative_id": "NO",
            "municipality_code": world.A,
            "baseline_eur": "10000",
            "expected_savings_eur": "2000",
            "realized_savings_eur": "2200",
        },  # 2000 < 95% of 2200 (2090)
        {
            **claim,
            "initiative_id": "OPEN",
            "municipality_code": world.A,
            "baseline_eur": "10000",
            "expected_savings_eur": "2000",
        },  # not known yet: nothing to contradict
    ]
    data = write_fixture(
        tmp_path,
        municipalities=world.MUNICIPALITIES,
        municipality_years=world.MUNICIPALITY_YEARS,
        contracts=contracts,
        invoices=invoices,
        savings=savings,
    )
    database = Database(data)
    check = {"members": [world.A], "year": 2025, "until": date(2026, 1, 1)}
    frame = database.run("savings_check", check).set_index("initiative_id")
    # The data up to 26 May: 146 of 365 days (0.4). Baseline and claim are prorated, the invoices
    # counted up to that day (g1 7000 on 1 March, g2's 1000 share on 1 May): like with like.
    cut = database.run("savings_check", {**check, "until": date(2025, 5, 27)}).set_index("initiative_id")
    database.close()
    assert (
        float(frame.at["OK", "actual_spend_eur"]) == 8000.0 and float(frame.at["OK", "supported_savings_eur"]) == 2000.0
    )
    flags = {k: bool(v) for k, v in frame["is_unsupported"].items()}
    assert flags == {"NO": True, "OK": False, "OPEN": False}
    assert [float(cut.at["OK", c]) for c in ("baseline_eur", "actual_spend_eur", "supported_savings_eur")] == [
        4000.0, 8000.0, -4000.0,
    ]  # fmt: skip
    assert [float(v) for v in cut["realized_savings_eur"].dropna()] == [880.0, 840.0]  # NO 2200, OK 2100 x 0.4
    assert set(cut["covered_until"].dt.date) == {date(2025, 5, 27)}


def test_savings_by_initiative_counts_the_covered_part_of_a_year(db):
    # Data up to 31 March 2025: 90 of 365 days. X 3650 expected, 1825 realised; Y 7300, not known.
    params = {"members": [world.A], "first": date(2025, 1, 1), "until": date(2025, 4, 1)}
    frame = db.run("savings_by_initiative", params).set_index("initiative_id")
    assert float(frame.at["X", "expected_savings_eur"]) == pytest.approx(900.0)
    assert float(frame.at["X", "realized_savings_eur"]) == pytest.approx(450.0)
    assert float(frame.at["X", "realization_pct"]) == pytest.approx(50.0)
    assert float(frame.at["Y", "expected_savings_eur"]) == pytest.approx(1800.0)
    assert pd.isna(frame.at["Y", "realized_savings_eur"])
    # The same as savings_by_member's Q1 (2700 expected, 450 realised): one proration.
    assert float(frame["expected_savings_eur"].sum()) == pytest.approx(2700.0)
    whole = db.run("savings_by_initiative", {**params, "until": date(2026, 1, 1)}).set_index("initiative_id")
    assert float(whole.at["X", "expected_savings_eur"]) == 3650.0
    # A year wholly outside the data has no rows: not savings of 0.
    assert db.run("savings_by_initiative", {**params, "until": date(2024, 12, 1)}).empty
    assert db.run("savings_by_initiative", {**params, "first": date(2026, 1, 1), "until": date(2026, 5, 1)}).empty
