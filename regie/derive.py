"""What is derived from the facts, brought up to date inside a write transaction: the summary
tables, the stored period figures and the contract check's report, with the fingerprint of the
code that made them. The facts and what is derived from them are committed together
(regie/lake.py), so they can never disagree.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

import duckdb

from regie import lake, manifest, period_figures, summaries
from regie.check import Violation, check
from regie.contract import TABLES
from regie.db import Database

Window = tuple[date, date]  # [from, until): the months a write touched, each a first of a month

# Where the rows of a table place figures in time: the first and last moment any figure reads
# them, per row (a ticket open at the end of the data reaches every later backlog). Money and the
# yearly tables count whole calendar years (a year's savings and budget read the year's invoices).
# A table not named here reaches every figure.
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
YEARLY = ("invoices", "savings", "budgets", "municipality_years")


def touched(con: duckdb.DuckDBPyConnection, table: str, relation: str) -> Window | None:
    """The months the rows of `relation` (rows of contract table `table`) reach: None for no rows."""
    if table not in SPANS:
        return summaries.WHOLE
    low, high = SPANS[table]
    first, last = con.execute(f"select min({low}), max({high}) from {relation}").fetchone()
    if first is None:
        return None
    first, last = _day(first), _day(last)
    if table in YEARLY:
        return date(first.year, 1, 1), date(last.year + 1, 1, 1)
    return date(first.year, first.month, 1), _next_month(last)


def hull(*windows: Window | None) -> Window | None:
    found = [w for w in windows if w is not None]
    return (min(w[0] for w in found), max(w[1] for w in found)) if found else None


def _day(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def _next_month(day: date) -> date:
    return summaries.WHOLE[1] if day.year >= 9999 else date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def rebuild(
    writer: Database,
    window: Window | None = summaries.WHOLE,
    before: dict | None = None,
    checker: Callable[[Database], list[Violation]] | None = None,
) -> list[Violation]:
    """Bring every derived table up to date inside the transaction `writer` reads (begun by the
    caller: lake.begin): the summary rows and stored periods of the months in `window` (all of
    them when the derived tables were made by other code), then the check's report; returns the
    check's violations (from `checker`, else the whole check). `before` is the manifest before the
    write: when the last day of the data moved, the months around both ends are rebuilt too (the
    backlog runs up to the data's end)."""
    if not writer.summaries_fresh:
        window = summaries.WHOLE
    elif before is not None and before.get("data_until") != (writer.manifest or {}).get("data_until"):
        ends = sorted(manifest.span(body)[1] for body in (before, writer.manifest))
        window = hull(window, (date(ends[0].year, ends[0].month, 1), _next_month(_next_month(ends[1]))))
    if window is not None:
        summaries.write(writer.con, writer.manifest, window)
    _record(writer.con, summaries.DERIVED, "fingerprint", summaries.fingerprint())
    writer.reload()
    period_figures.write(writer, window)
    writer.reload()
    found = checker(writer) if checker else check(writer.data_dir, writer, summaries=False)  # just built
    _record(writer.con, summaries.CHECK, "violations", json.dumps([asdict(v) for v in found], ensure_ascii=False))
    return found


def _record(con: duckdb.DuckDBPyConnection, table: str, column: str, value: str) -> None:
    con.execute(f"delete from lake.{table}")
    con.execute(f"insert into lake.{table} ({column}) values ($value)", {"value": value})


def stored_check(db: Database) -> list[Violation] | None:
    """The check's violations as the last write stored them, or None when made by other code."""
    if not db.summaries_fresh:
        return None
    rows = db.sql(f"select violations from lake.{summaries.CHECK}")
    if not len(rows):
        return None
    return [Violation(**found) for found in json.loads(rows.iloc[0, 0])]


def summarize(data_dir: Path, force: bool = False) -> list[str]:
    """Bring the derived tables of a data directory up to date (all of them with `force`), as one
    new snapshot. Returns what was built: nothing when they were up to date."""
    with lake.locked(data_dir):
        current = Database(data_dir)
        try:
            if current.summaries_fresh and not force:
                return []
        finally:
            current.close()
        with lake.writing(data_dir, "summarize", {"code": summaries.fingerprint()[:16]}) as con:
            writer = Database(data_dir, writer=con)
            lake.begin(con)
            rebuild(writer)
    return [*summaries.names(), period_figures.TABLE]


def write_tables(
    data_dir: Path, tables: dict, until, loaded, message: str, details: dict | None = None, **extra
) -> dict:
    """Replace whole contract tables as one new snapshot, with a manifest naming their `sources`
    and everything derived from them. `tables` maps a name to an Arrow table or a list of Parquet
    files; `until` is the last day covered. The caller holds lake.locked. Returns the tables' info."""
    with lake.writing(data_dir, message, details) as con:
        writer = Database(data_dir, writer=con)
        lake.begin(con)
        for name, rows in tables.items():
            if isinstance(rows, list):
                lake.replace_table(con, name, "select * from read_parquet($files)", {"files": rows})
            else:
                lake.replace_table(con, name, "select * from _given_rows", rows=rows)
        source = (details or {}).get("source")
        info = {name: manifest.describe_table(con, name) for name in TABLES}
        for name in tables:
            info[name]["sources"] = [source] if source else []
        info = {name: value for name, value in info.items() if name in tables or value["rows"]}
        manifest.write(con, manifest.body(info, until, loaded, **extra))
        writer.reload()
        rebuild(writer)
    return info
