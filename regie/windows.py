"""The months a write touches: where the rows of each table place figures in time.

A write rebuilds only the derived rows of the months its rows reach (regie/derive.py); the
stored figures are computed on a copy of only the rows those months need (Database.scratch).
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb

WHOLE = (date(1, 1, 1), date(9999, 12, 31))  # every month
Window = tuple[date, date]  # [from, until): the months a write touched, each a first of a month

# Where the rows of a table place figures in time: the first and last moment any figure reads
# them, per row (a ticket open at the end of the data reaches every later backlog; an invoice
# line its own days, those of its service period when it has one). The yearly tables reach
# their whole calendar year. A table not named here reaches every figure.
SPANS = {
    "tickets": (
        "opened_at",
        "case when resolved_at is null then date '9999-11-01' else greatest(opened_at, responded_at, resolved_at) end",
    ),
    "invoices": ("least(invoice_date, period_start)", "greatest(invoice_date, period_end)"),
    "savings": ("make_date(year, 1, 1)", "make_date(year, 12, 31)"),
    "budgets": ("make_date(year, 1, 1)", "make_date(year, 12, 31)"),
    "municipality_years": ("make_date(year, 1, 1)", "make_date(year, 12, 31)"),
}
YEARLY = ("savings", "budgets", "municipality_years")


def touched(con: duckdb.DuckDBPyConnection, table: str, relation: str) -> Window | None:
    """The months the rows of `relation` (rows of contract table `table`) reach: None for no rows."""
    if table not in SPANS:
        return WHOLE
    low, high = SPANS[table]
    first, last = con.execute(f"select min({low}), max({high}) from {relation}").fetchone()
    if first is None:
        return None
    first, last = _day(first), _day(last)
    if table in YEARLY:
        return date(first.year, 1, 1), date(last.year + 1, 1, 1)
    return date(first.year, first.month, 1), next_month(last)


def hull(*windows: Window | None) -> Window | None:
    found = [w for w in windows if w is not None]
    return (min(w[0] for w in found), max(w[1] for w in found)) if found else None


def _day(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def next_month(day: date) -> date:
    return WHOLE[1] if day.year >= 9999 else date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def reaches(name: str, time_keys: dict[str, str]) -> str | None:
    """SQL that is true for a row of table `name` that reaches the months [$a, $b): a summary
    by its time key (`time_keys`), the invoice lines by their span; None for a table copied whole."""
    if name in time_keys:
        return f"{time_keys[name]} >= $a and {time_keys[name]} < $b"
    if name == "invoices":
        low, high = SPANS[name]
        return f"{high} >= $a and {low} < $b"
    return None
