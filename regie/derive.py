"""What is derived from the facts, brought up to date inside a write transaction: the summary
tables, the stored period figures and the contract check's report, with the fingerprint of the
code that made them. The facts and what is derived from them are committed together
(regie/lake.py), so they can never disagree.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from pathlib import Path

import duckdb

from regie import lake, manifest, period_figures, summaries
from regie.check import Violation, check
from regie.contract import TABLES
from regie.db import Database
from regie.windows import WHOLE, Window, hull, next_month


def rebuild(
    writer: Database,
    window: Window | None = WHOLE,
    before: dict | None = None,
    checker: Callable[[Database], list[Violation]] | None = None,
    changed: tuple[str, ...] = tuple(TABLES),
) -> list[Violation]:
    """Bring every derived table up to date inside the transaction `writer` reads (begun by the
    caller: lake.begin): the summary rows (when a table they are made of is in `changed`, the
    contract tables the write changed) and stored periods of the months in `window` (all of them
    when the derived tables were made by other code), then the check's report; returns the
    check's violations (from `checker`, else the whole check). `before` is the manifest before the
    write: when the last day of the data moved, the months around both ends are rebuilt too (the
    backlog runs up to the data's end)."""
    if not writer.summaries_fresh:
        window, changed = WHOLE, tuple(TABLES)
    elif before is not None and before.get("data_until") != (writer.manifest or {}).get("data_until"):
        ends = sorted(manifest.span(body)[1] for body in (before, writer.manifest))
        window = hull(window, (date(ends[0].year, ends[0].month, 1), next_month(next_month(ends[1]))))
        changed = (*changed, "tickets")  # the backlog of the tickets still open runs to the new end
    if window is not None and set(changed) & set(summaries.INPUTS):
        summaries.write(writer.con, writer.manifest, window)
    _record(writer.con, summaries.DERIVED, "fingerprint", writer.code)
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
