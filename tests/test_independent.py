"""The headline figures against an independent computation: pandas on the Parquet files,
following product.md's definitions, sharing no code with the queries."""

from datetime import date

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from benchmarks.pandas_way import real_minutes
from regie import lake
from regie.calendar import ServiceCalendar
from regie.contract import COST_CATEGORIES, ROUTES
from regie.coverage import Coverage
from regie.db import Database
from regie.kpis import headline
from regie.periods import Period

CODE = "GM9001"


def read(data_dir, name):
    """A table of the newest snapshot, from its Parquet files by pyarrow (the catalog only names them)."""
    return pq.read_table(lake.files(data_dir, name), partitioning=None).to_pandas()


def independent(data_dir, start: date, end: date) -> dict:
    tickets, norms = read(data_dir, "tickets"), read(data_dir, "sla_norms")
    years, invoices = read(data_dir, "municipality_years"), read(data_dir, "invoices")
    budgets, savings = read(data_dir, "budgets"), read(data_dir, "savings")
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    mine = tickets[tickets.municipality_code == CODE].copy()
    mine["opened_day"] = mine.opened_at.dt.normalize()
    norms = norms.assign(valid_from=pd.to_datetime(norms.valid_from).astype("datetime64[us]")).sort_values("valid_from")
    normed = pd.merge_asof(
        mine.sort_values("opened_day"),
        norms,
        left_on="opened_day",
        right_on="valid_from",
        by=["ticket_type", "priority"],
        direction="backward",
    ).dropna(subset=["clock"])

    def score(end_column, business_column, norm_column):
        rows = normed[(normed[end_column] >= lo) & (normed[end_column] < hi)]
        minutes = np.where(
            rows.clock == "business", rows[business_column], real_minutes(rows.opened_at, rows[end_column])
        )
        return 100 * (minutes <= rows[norm_column]).sum() / len(rows)

    resolved = mine[(mine.resolved_at >= lo) & (mine.resolved_at < hi)]
    marks = resolved.satisfaction.dropna()
    is_open = (mine.opened_at < hi) & (mine.resolved_at.isna() | (mine.resolved_at >= hi))
    backlog = is_open.sum()
    waiting = normed[(normed.opened_at < hi) & (normed.resolved_at.isna() | (normed.resolved_at >= hi))]
    age = (hi - waiting.opened_at.dt.normalize()).dt.days
    calendar = ServiceCalendar(first_year=2020, last_year=2028)
    ends = np.full(len(waiting), np.datetime64(end, "s"))
    on_clock = np.where(
        waiting.clock == "business",
        calendar.business_minutes(waiting.opened_at.to_numpy("datetime64[s]"), ends),
        real_minutes(waiting.opened_at, pd.Series(pd.Timestamp(end), index=waiting.index)),
    )
    minutes = resolved.resolution_business_minutes.astype(float)
    by_priority = {}
    for priority in ("1", "2", "3", "4"):
        rows = normed[(normed.resolved_at >= lo) & (normed.resolved_at < hi) & (normed.priority == int(priority))]
        if len(rows):
            within = (
                np.where(
                    rows.clock == "business",
                    rows.resolution_business_minutes,
                    real_minutes(rows.opened_at, rows.resolved_at),
                )
                <= rows.resolution_minutes
            )
            by_priority[priority] = 100 * within.sum() / len(rows)
        else:
            by_priority[priority] = None

    first = pd.to_datetime(invoices.period_start.fillna(invoices.invoice_date))
    last = pd.to_datetime(invoices.period_end.fillna(invoices.invoice_date))
    overlap = ((np.minimum(last + pd.Timedelta(days=1), hi) - np.maximum(first, lo)).dt.days).clip(lower=0)
    share_in_period = overlap / ((last - first).dt.days + 1)
    lines = invoices.assign(amount=invoices.amount_excl_vat_eur.astype(float) * share_in_period)
    lines = lines[overlap > 0]
    # Own cells: per category and route, rounded to the cent.
    own = lines[lines.municipality_code == CODE].groupby(["cost_category", "route"]).amount.sum().round(2)
    # SSC: per category in whole cents, divided by the normalised key with the largest remainder.
    key = years[years.year == start.year].set_index("municipality_code").allocation_share
    millionths = {code: round(float(share) * 1_000_000) for code, share in key.items()}
    total = sum(millionths.values())
    ssc_by_category = {}
    for category, cents in (
        (lines[lines.municipality_code == "SSC"].groupby("cost_category").amount.sum() * 100).round().items()
    ):
        whole, sign = abs(int(cents)), (1 if cents >= 0 else -1)
        base = {code: whole * m // total for code, m in millionths.items()}
        order = sorted(millionths, key=lambda c: (-(whole * millionths[c] % total), c))
        extra = set(order[: whole - sum(base.values())])
        ssc_by_category[category] = sign * (base[CODE] + (1 if CODE in extra else 0)) / 100
    ssc = sum(ssc_by_category.values())
    spend = own.sum() + ssc
    by_route = {route: float(own[own.index.get_level_values("route") == route].sum()) for route in ROUTES}
    by_route["ssc"] += ssc
    by_category = {c: float(own[own.index.get_level_values("cost_category") == c].sum()) for c in COST_CATEGORIES}
    for category, amount in ssc_by_category.items():
        by_category[category] += amount
    together = own[own.index.get_level_values("route").isin(["collective", "ssc"])].sum() + ssc
    counts = years[(years.municipality_code == CODE) & (years.year == start.year)]
    inhabitants, workstations = counts.inhabitants.iloc[0], counts.workstations.iloc[0]
    fraction = (end - start).days / (date(start.year + 1, 1, 1) - date(start.year, 1, 1)).days
    budget = budgets[(budgets.municipality_code == CODE) & (budgets.year == start.year)].budget_eur.astype(float).sum()
    my_savings = savings[(savings.municipality_code == CODE) & (savings.year == start.year)]
    realised = my_savings.realized_savings_eur.dropna()
    known = my_savings[my_savings.realized_savings_eur.notna()]
    exception = 0.0
    contracts = read(data_dir, "contracts")
    joint = contracts[contracts.route.isin(["collective", "ssc"])]
    for line in invoices[(invoices.municipality_code == CODE) & (invoices.route == "own")].itertuples():
        first_day = pd.Timestamp(line.period_start if line.period_start is not None else line.invoice_date)
        last_day = pd.Timestamp(line.period_end if line.period_end is not None else line.invoice_date)
        per_day = float(line.amount_excl_vat_eur) / ((last_day - first_day).days + 1)
        rules = joint[
            (joint.cost_category == line.cost_category)
            & (joint.municipality_code.isna() | (joint.municipality_code == CODE))
        ]
        for day in pd.date_range(max(first_day, lo), min(last_day, hi - pd.Timedelta(days=1))):
            if ((pd.to_datetime(rules.start_date) <= day) & (pd.to_datetime(rules.end_date) >= day)).any():
                exception += per_day
    return {
        "sla_resolution_pct": score("resolved_at", "resolution_business_minutes", "resolution_minutes"),
        "sla_response_pct": score("responded_at", "response_business_minutes", "response_minutes"),
        "satisfaction_responses": len(marks),
        "satisfaction_mean": marks.mean() if len(marks) >= 30 else None,
        "backlog_open": int(backlog),
        "spend_eur": spend,
        "spend_per_inhabitant_eur": spend / inhabitants,
        "spend_per_workstation_eur": spend / workstations,
        "spend_by_route_eur": by_route,
        "spend_by_category_eur": by_category,
        "budget_eur": budget * fraction,
        "realized_savings_eur": realised.astype(float).sum() * fraction if len(realised) else None,
        "expected_savings_eur": my_savings.expected_savings_eur.astype(float).sum() * fraction
        if len(my_savings)
        else None,
        "realization_pct": (
            100 * known.realized_savings_eur.astype(float).sum() / known.expected_savings_eur.astype(float).sum()
            if len(known)
            else None
        ),
        "policy_exception_spend_eur": exception,
        "collective_share_pct": 100 * together / spend,
        "sla_resolution_pct_by_priority": by_priority,
        "resolution_hours_median": np.percentile(minutes, 50) / 60,  # numpy's default is linear interpolation
        "resolution_hours_p90": np.percentile(minutes, 90) / 60,
        "backlog_by_age": {
            "0-7": int((age <= 7).sum()),
            "8-30": int(((age >= 8) & (age <= 30)).sum()),
            "31-90": int(((age >= 31) & (age <= 90)).sum()),
            "90+": int((age > 90).sum()),
        },
        "backlog_past_norm": int((on_clock > waiting.resolution_minutes).sum()),
        "first_contact_resolution_pct": 100 * resolved.is_first_contact_resolution.mean(),
        "reopen_pct": 100 * (resolved.reopen_count > 0).mean(),
    }


def _assert_matches(figures: dict, expected: dict) -> None:
    for name, value in expected.items():
        if isinstance(value, dict):
            assert set(figures[name]) == set(value), name
            for key, part in value.items():
                if part is None:
                    assert figures[name][key] is None, name
                else:
                    assert figures[name][key] == pytest.approx(part, abs=0.0051 if name.endswith("_eur") else 1e-6)
        elif value is None:
            assert figures[name] is None, name
        elif name.endswith("_eur"):
            assert figures[name] == pytest.approx(value, abs=0.0051), name
        else:
            assert figures[name] == pytest.approx(value, rel=1e-6), name


@pytest.mark.parametrize("period", ["2026-Q3", "2025", "2024-05"])
def test_headline_matches_independent_computation(demo_dir, period):
    chosen = Period.parse(period)
    db = Database(demo_dir)
    figures = headline(db.run, CODE, chosen)["current"]
    db.close()
    _assert_matches(figures, independent(demo_dir, chosen.start, chosen.end))


@pytest.mark.parametrize("period", ["2026", "2026-Q4"])
def test_the_current_year_and_quarter_match_an_independent_computation_over_the_covered_part(demo_dir, period):
    # The demo's data end on 2026-10-31: 2026 and 2026-Q4 are evaluated up to and including that day
    # (product.md, "Coverage"): resolved, backlog and spend up to 1 November, budgets and savings
    # prorated over the covered days, and the figures stored for the app are these too.
    db = Database(demo_dir)
    try:
        chosen = Coverage.of(db.manifest).clip(Period.parse(period))
        result = headline(db.run, CODE, chosen, None, db.figures)
        live = headline(db.run, CODE, chosen)["current"]
    finally:
        db.close()
    assert (chosen.end, result["covered_until"]) == (date(2026, 11, 1), "2026-10-31")
    assert result["current"] == live  # the stored figures of the cut period are the computed ones
    _assert_matches(result["current"], independent(demo_dir, chosen.start, date(2026, 11, 1)))


def test_contract_use_and_cost_keys_match_independent_computation(demo_dir):
    db = Database(demo_dir)
    until = date(2026, 11, 1)
    codes = [f"GM900{i}" for i in range(1, 7)]
    status = db.run("contract_status", {"members": codes, "until": until}).set_index("contract_id")
    year = Period.parse("2025")
    keys = db.run("cost_key_alternatives", year.params())
    budget = db.run("budget_vs_actual", {"year": 2025, "until": until})
    db.close()
    invoices, contracts = read(demo_dir, "invoices"), read(demo_dir, "contracts")
    to_date = invoices[pd.to_datetime(invoices.invoice_date) < pd.Timestamp(until)]
    spent = to_date.groupby("contract_id").amount_excl_vat_eur.sum().astype(float)
    for row in contracts[contracts.ceiling_eur.notna()].itertuples():
        got = status.loc[row.contract_id]
        assert float(got.spend_to_date_eur) == pytest.approx(spent[row.contract_id], abs=0.005)
        assert got.ceiling_used_pct == pytest.approx(100 * spent[row.contract_id] / float(row.ceiling_eur))
    # Every key divides the same total; the ticket key follows the tickets opened in 2025.
    totals = keys.groupby("cost_key").bill_eur.sum().astype(float)
    assert totals.max() - totals.min() < 0.005
    tickets = read(demo_dir, "tickets")
    opened = tickets[tickets.opened_at.dt.year == 2025].groupby("municipality_code").size()
    by_tickets = keys[keys.cost_key == "tickets"].set_index("municipality_code").bill_eur.astype(float)
    assert by_tickets.to_dict() == pytest.approx((totals["agreed"] * opened / opened.sum()).to_dict(), abs=0.01)
    # A complete year: the forecast is the actual, and the variance is actual minus budget.
    budgets = read(demo_dir, "budgets")
    mine = budgets[(budgets.year == 2025) & (budgets.municipality_code == CODE)].set_index("cost_category")
    got = budget[budget.municipality_code == CODE].set_index("cost_category")
    for category, row in got.iterrows():
        assert row.forecast_eur == pytest.approx(row.actual_eur)
        assert row.variance_eur == pytest.approx(row.actual_eur - float(mine.budget_eur[category]))
