"""The headline (Overzicht) figures of every member for a period, in one place.

`member_figures` computes each KPI for every SSC member from the named queries;
`headline` picks one member for a period and its previous period, with the member
average beside it (the mean of the members' own values, each member once, members
without a value left out; for the objects, key by key). The pages and
`python -m regie kpis` all use it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from regie.contract import COST_CATEGORIES, ROUTES
from regie.periods import Period

Runner = Callable[[str, dict[str, Any]], pd.DataFrame]
ManyRunner = Callable[[str, list[dict[str, Any]]], list[pd.DataFrame]]

MIN_SATISFACTION_RESPONSES = 30

# The headline KPIs: (field, unit, higher is better). The unit drives rounding and formatting.
HEADLINE = (
    ("sla_resolution_pct", "pct", True),
    ("sla_response_pct", "pct", True),
    ("satisfaction_mean", "mark", True),
    ("satisfaction_responses", "count", None),
    ("backlog_open", "count", False),
    ("spend_eur", "eur", None),
    ("spend_per_inhabitant_eur", "eur", False),
    ("spend_per_workstation_eur", "eur", False),
    ("spend_by_route_eur", "eur_by_key", None),
    ("spend_by_category_eur", "eur_by_key", None),
    ("budget_eur", "eur", None),
    ("budget_used_pct", "pct", None),
    ("realized_savings_eur", "eur", True),
    ("expected_savings_eur", "eur", None),
    ("realization_pct", "pct", True),
    ("policy_exception_spend_eur", "eur", False),
    ("collective_share_pct", "pct", True),
    # Service quality (Dienstverlening)
    ("sla_resolution_pct_by_priority", "pct_by_priority", True),
    ("resolution_hours_median", "hours", False),
    ("resolution_hours_p90", "hours", False),
    ("backlog_by_age", "count_by_age", None),
    ("backlog_past_norm", "count", False),
    ("first_contact_resolution_pct", "pct", True),
    ("reopen_pct", "pct", False),
)
PRIORITIES = ("1", "2", "3", "4")
MONEY_BY_MEMBER = ("spend_by_member", "budget_by_member", "savings_by_member", "policy_exception_by_member")
AGE_BANDS = {"0-7": "age_0_7", "8-30": "age_8_30", "31-90": "age_31_90", "90+": "age_90_plus"}
FIELDS = [name for name, _, _ in HEADLINE]
UNITS = {name: unit for name, unit, _ in HEADLINE}
BETTER_HIGHER = {name: better for name, _, better in HEADLINE}


def member_figures(
    run: Runner, period: Period, category: str | None = None, assignee_group: str | None = None
) -> pd.DataFrame:
    """One row per SSC member (index: municipality_code), one column per KPI field.

    `category` and `assignee_group` narrow the ticket figures; money is never narrowed.
    """
    return figures_of_periods(lambda name, many: run(name, many[0]).assign(_i=0), [period], category, assignee_group)[0]


def figures_of_periods(
    run_many: ManyRunner, periods: list[Period], category: str | None = None, assignee_group: str | None = None
) -> list[pd.DataFrame]:
    """`member_figures` of each period, with each query run once for all of them: `run_many` takes
    the name of a query and one parameter set per period, and gives the rows of all, each with the
    position of its period in column `_i` (Database.run_many)."""
    narrow = {"category": category, "assignee_group": assignee_group}
    bounds = [p.params() for p in periods]
    counts = run_many("member_counts", [{"year": p.year} for p in periods])
    members = counts.groupby("_i")["municipality_code"].agg(list).reindex(range(len(periods)))
    windows = [
        {"members": m if isinstance(m, list) else [], "start": p.start, "end": p.end, **narrow}
        for m, p in zip(members, periods, strict=True)
    ]
    flows = run_many("ticket_flow_by_month", windows)
    figures = counts.set_index(KEY)
    for frame in (
        run_many("sla_score_by_member", [{**b, **narrow} for b in bounds]),
        run_many("ticket_quality_by_member", [{**b, **narrow} for b in bounds]),
        run_many("backlog_by_member", [{"period_end": p.end, **narrow} for p in periods]),
        *(run_many(name, bounds) for name in MONEY_BY_MEMBER),
        flows.groupby(KEY)[["opened"]].sum(),
    ):
        frame = frame if frame.index.names == KEY else frame.set_index(KEY)
        figures = figures.join(frame.drop(columns="resolved_tickets", errors="ignore"))
    figures = _derived(figures, run_many("sla_by_month", windows), run_many("spend_cells", bounds))
    return [_one(figures, i) for i in range(len(periods))]


KEY = ["_i", "municipality_code"]


def _one(figures: pd.DataFrame, i: int) -> pd.DataFrame:
    """The rows of the period at position `i`, indexed by municipality_code."""
    if i not in figures.index.get_level_values("_i"):
        return figures.iloc[:0].droplevel("_i")
    return figures.xs(i, level="_i")


def _derived(figures: pd.DataFrame, sla: pd.DataFrame, cells: pd.DataFrame) -> pd.DataFrame:
    """The figures computed from the queries' columns, for every (period, member) row at once."""
    figures = figures.rename(columns={"opened": "opened_tickets"})
    figures["tickets_per_100_workstations"] = 100.0 * figures["opened_tickets"] / figures["workstations"]
    figures["sla_resolution_pct_by_priority"] = _by_priority(sla, figures.index)
    for column, keys in (("route", ROUTES), ("cost_category", COST_CATEGORIES)):
        sums = cells.groupby([*KEY, column])["spend_eur"].sum()
        figures[f"spend_by_{'route' if column == 'route' else 'category'}_eur"] = [
            {key: float(sums.get((*row, key), 0.0)) for key in keys} for row in figures.index
        ]
    ages = figures[list(AGE_BANDS.values())].itertuples(index=False)
    figures["backlog_by_age"] = [dict(zip(AGE_BANDS, values, strict=True)) for values in ages]
    enough = figures["satisfaction_responses"] >= MIN_SATISFACTION_RESPONSES
    figures["satisfaction_mean"] = figures["satisfaction_mean_all"].where(enough)
    figures["spend_per_inhabitant_eur"] = figures["spend_eur"] / figures["inhabitants"]
    figures["spend_per_workstation_eur"] = figures["spend_eur"] / figures["workstations"]
    figures["budget_used_pct"] = 100.0 * figures["spend_eur"] / figures["budget_eur"].where(figures["budget_eur"] > 0)
    collective = figures["spend_ssc_eur"] + figures["spend_collective_eur"]
    figures["collective_share_pct"] = (100.0 * collective / figures["spend_eur"]).where(figures["spend_eur"] != 0)
    return figures


def _by_priority(sla: pd.DataFrame, rows: pd.Index) -> list[dict[str, float | None]]:
    """Resolution SLA score per priority over each period's months, for each (period, member) row."""
    resolution = sla[sla["measure"] == "resolution"]
    sums = resolution.groupby([*KEY, "priority"])[["tickets", "within_norm"]].sum()
    scores = (100.0 * sums["within_norm"] / sums["tickets"]).to_dict()
    return [{p: scores.get((*row, int(p))) for p in PRIORITIES} for row in rows]


def _clean(value: Any, unit: str) -> Any:
    """JSON-ready: None for undefined, money to the cent, counts as integers; objects key by key."""
    if unit == "pct_by_priority":
        return {k: _clean(v, "pct") for k, v in value.items()} if isinstance(value, dict) else None
    if unit == "count_by_age":
        return {k: _clean(v, "count") for k, v in value.items()} if isinstance(value, dict) else None
    if unit == "eur_by_key":
        return {k: _clean(v, "eur") for k, v in value.items()} if isinstance(value, dict) else None
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return None
    if unit == "count":
        return int(round(float(value)))
    if unit == "eur":  # half a cent rounds up, as a controller would, not to the nearest binary float
        return float(Decimal(repr(float(value))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    return round(float(value), 6)


def figures_of(figures: pd.DataFrame, code: str) -> dict[str, Any]:
    if code not in figures.index:
        return {name: None for name in FIELDS}
    row = figures.loc[code]
    return {name: _clean(row[name], UNITS[name]) for name in FIELDS}


def figures_or_none(figures: pd.DataFrame, code: str) -> dict[str, Any] | None:
    """figures_of, or None when `figures` has no rows: Database.figures of a period the data do not
    cover (its verdicts then say "geen eerdere gegevens")."""
    return None if figures.empty else figures_of(figures, code)


def member_average(figures: pd.DataFrame) -> dict[str, Any]:
    """The mean of the members' own values, objects key by key; an average count keeps its decimals."""
    result = {}
    for name in FIELDS:
        unit = UNITS[name]
        if unit in ("pct_by_priority", "count_by_age", "eur_by_key"):
            keys = list(figures[name].iloc[0]) if len(figures) else []
            means = {k: pd.Series([row.get(k) for row in figures[name]], dtype="float64").mean() for k in keys}
            result[name] = {k: _clean(v, "eur" if unit == "eur_by_key" else "pct") for k, v in means.items()}
        else:
            value = pd.to_numeric(figures[name], errors="coerce").astype("float64").mean(skipna=True)
            result[name] = _clean(value, "pct" if unit == "count" else unit)
    return result


def headline(
    run: Runner,
    code: str,
    period: Period,
    data_until: str | None = None,
    figures_for: Callable[[Period], pd.DataFrame] | None = None,
) -> dict[str, Any]:
    """The documented JSON object of `python -m regie kpis`; `figures_for` may give stored figures.
    A cut period (regie/coverage.py) is compared with the previous period cut as far into itself;
    `previous` is all null when the data do not cover the previous period."""
    figures_for = figures_for or (lambda p: member_figures(run, p))
    current = figures_for(period)
    previous = figures_for(period.previous())
    return {
        "municipality": code,
        "period": str(period),
        "covered_until": period.last_day.isoformat(),
        "data_until": data_until,
        "current": figures_of(current, code),
        "previous": figures_of(previous, code),
        "member_average": member_average(current),
    }
