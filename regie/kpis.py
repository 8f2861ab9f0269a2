"""The headline (Overzicht) figures of every member for a period, in one place.

`member_figures` computes each KPI for every SSC member from the named queries;
`headline` picks one member for a period and its previous period, with the member
average beside it (the mean of the members' own values, each member once, members
without a value left out). The Overzicht page and `python -m regie kpis` both use it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from regie.periods import Period

Runner = Callable[[str, dict[str, Any]], pd.DataFrame]

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
    ("budget_eur", "eur", None),
    ("budget_used_pct", "pct", None),
    ("realized_savings_eur", "eur", True),
    ("collective_share_pct", "pct", True),
)
FIELDS = [name for name, _, _ in HEADLINE]
UNITS = {name: unit for name, unit, _ in HEADLINE}
BETTER_HIGHER = {name: better for name, _, better in HEADLINE}


def member_figures(run: Runner, period: Period) -> pd.DataFrame:
    """One row per SSC member (index: municipality_code), one column per KPI field."""
    bounds = period.params()
    frames = [
        run("member_counts", {"year": period.year}),
        run("sla_score_by_member", bounds),
        run("ticket_quality_by_member", bounds),
        run("backlog_by_member", {"period_end": period.end}),
        run("spend_by_member", bounds),
        run("budget_by_member", bounds),
        run("savings_by_member", bounds),
    ]
    figures = frames[0].set_index("municipality_code")
    for frame in frames[1:]:
        figures = figures.join(frame.set_index("municipality_code").drop(columns="resolved_tickets", errors="ignore"))
    enough = figures["satisfaction_responses"] >= MIN_SATISFACTION_RESPONSES
    figures["satisfaction_mean"] = figures["satisfaction_mean_all"].where(enough)
    figures["spend_per_inhabitant_eur"] = figures["spend_eur"] / figures["inhabitants"]
    figures["budget_used_pct"] = 100.0 * figures["spend_eur"] / figures["budget_eur"].where(figures["budget_eur"] > 0)
    collective = figures["spend_ssc_eur"] + figures["spend_collective_eur"]
    figures["collective_share_pct"] = (100.0 * collective / figures["spend_eur"]).where(figures["spend_eur"] != 0)
    return figures


def _clean(value: Any, unit: str) -> Any:
    """JSON-ready: None for undefined, money to the cent, counts as integers."""
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


def member_average(figures: pd.DataFrame) -> dict[str, Any]:
    """The mean of the members' own values; an average count keeps its decimals."""
    averages = figures[FIELDS].astype("float64").mean(skipna=True)
    return {name: _clean(averages[name], "pct" if UNITS[name] == "count" else UNITS[name]) for name in FIELDS}


def headline(run: Runner, code: str, period: Period, data_until: str | None = None) -> dict[str, Any]:
    """The documented JSON object of `python -m regie kpis`."""
    current = member_figures(run, period)
    previous = member_figures(run, period.previous())
    return {
        "municipality": code,
        "period": str(period),
        "data_until": data_until,
        "current": figures_of(current, code),
        "previous": figures_of(previous, code),
        "member_average": member_average(current),
    }
