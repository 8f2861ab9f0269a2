"""Summary tables: the ticket facts pre-aggregated once, when the data are written.

Each summary is one SQL file in queries/summaries/, a select over the fact views. Every write
to the lake (regie/derive.py) rebuilds them as lake tables of the same name in the same
transaction as the facts, and records the fingerprint of the code they were built with
(`regie_derived`). `attach` gives every connection the summaries under their own names: the
lake's tables, when that fingerprint matches this code; otherwise a view over the same SQL, so
a figure is never read from a summary made by other code (it is only slower). `check`
recomputes them and compares (regie/check.py).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from datetime import date
from pathlib import Path

import duckdb

from regie import lake, manifest, settings
from regie.sqlfiles import QUERY_DIR, sql_literal
from regie.windows import WHOLE

SUMMARY_DIR = QUERY_DIR / "summaries"
DERIVED = "regie_derived"  # one row: the fingerprint of the code that built the derived tables
CHECK = "regie_check"  # one row: the contract check's violations, as JSON
IN_MEMORY = ("ticket_months", "backlog_months", "service_time_months")  # small: loaded into the connection
# Built one calendar year at a time (exact quantiles hold all of a query's values at once: at 100
# million tickets more than a server has).
CHUNKED = ("service_time_months",)
# The order of the rows loaded into a connection, the SQL's own (a write that rebuilt some months
# leaves the lake's rows in another order).
ORDER = {
    "backlog_months": "period_end, municipality_code, category, assignee_group",
    "service_time_months": "municipality_code, month, measure, priority nulls first",
    "ticket_months": "month, municipality_code, ticket_type, priority, category, assignee_group, supplier_id",
}
# The column that places each row of a summary in time: a write that touched some months deletes
# the rows of those months and builds them again (every summary's SQL takes $chunk_from and
# $chunk_until and builds exactly the rows whose key lies in [from, until)).
TIME_KEY = {
    "backlog_months": "period_end",
    "norm_times": "month",
    "norm_times_histogram": "month",
    "resolution_times": "resolved_at",
    "response_times": "responded_at",
    "service_time_months": "month",
    "ticket_months": "month",
}
_CODE = Path(__file__).resolve().parent
# What the derived tables depend on besides the data: every SQL file, the figure code, the contract,
# the calendar and its settings, and the holidays package's version.
CODE_FILES = (
    *("kpis.py", "contract.py", "calendar.py", "period_figures.py", "summaries.py", "overview.py", "periods.py"),
    *("db.py", "sqlfiles.py"),  # Database.run_many and the query as a macro make the stored figures
    "coverage.py",  # which periods have figures, and where they are cut
)


INPUTS = ("tickets", "sla_norms")  # the facts the summaries are made of (queries/views/tickets_normed.sql)


def names() -> list[str]:
    """The summaries in the order they are built: a summary may read those named before it
    (service_time_months reads resolution_times and response_times)."""
    return sorted(p.stem for p in SUMMARY_DIR.glob("*.sql"))


def _sql(name: str) -> str:
    return (SUMMARY_DIR / f"{name}.sql").read_text(encoding="utf-8")


def last_period_end(body: dict | None) -> date:
    """The first day of the month after the data: the last period end the backlog summary covers."""
    until = date.fromisoformat((body or {}).get("data_until") or date.today().isoformat())
    return date(until.year + (until.month == 12), until.month % 12 + 1, 1)


def fingerprint() -> str:
    """One fingerprint over all the code and rules the derived tables are made with."""
    parts = [settings.SERVICE_HOURS.get(), settings.GOOD_FRIDAY.get(), importlib.metadata.version("holidays")]
    parts += [p.read_text(encoding="utf-8") for p in sorted(QUERY_DIR.rglob("*.sql"))]
    parts += [(_CODE / name).read_text(encoding="utf-8") for name in CODE_FILES]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def recorded(con: duckdb.DuckDBPyConnection, present: set[str]) -> str | None:
    """The fingerprint the lake's derived tables were built with, or None."""
    if DERIVED not in present:
        return None
    row = con.execute(f"select fingerprint from lake.{DERIVED}").fetchone()
    return row[0] if row else None


def select(name: str, body: dict | None, chunk: tuple[date, date] = WHOLE) -> tuple[str, dict]:
    """A summary's SQL and parameters, for the rows whose time key lies in `chunk`."""
    sql = _sql(name)
    params = {"last_period_end": last_period_end(body)} if "$last_period_end" in sql else {}
    if "$data_end" in sql:
        params["data_end"] = manifest.span(body)[1]
    params.update(chunk_from=chunk[0], chunk_until=chunk[1])
    return sql, params


def chunks(name: str, body: dict | None, window: tuple[date, date] = WHOLE) -> list[tuple[date, date]]:
    """The parts a summary is built and checked in, within `window`: one per calendar year of the
    data for a summary in CHUNKED (the first and last open-ended, so together they cover every
    month), else one."""
    if name not in CHUNKED:
        return [window]
    first, until = manifest.span(body)
    starts = [WHOLE[0]] + [date(year, 1, 1) for year in range(first.year + 1, until.year + 1)]
    parts = [(max(a, window[0]), min(b, window[1])) for a, b in zip(starts, starts[1:] + [WHOLE[1]], strict=True)]
    return [(a, b) for a, b in parts if a < b]


def attach(con: duckdb.DuckDBPyConnection, body: dict | None, present: set[str], copy: bool = True) -> bool:
    """Create the summary relations on `con`; True when they are the lake's tables built by this code."""
    fresh = recorded(con, present) == fingerprint() and all(name in present for name in names())
    existing = dict(
        con.execute(
            "select table_name, table_type from information_schema.tables where table_catalog = current_database()"
        ).fetchall()
    )
    for name in names():
        if name in existing:
            con.execute(f"drop {'view' if existing[name] == 'VIEW' else 'table'} {name}")
        if fresh and copy:  # a reader's pinned snapshot: small ones in memory, the others from their files
            source = f"lake.{name}" if name in IN_MEMORY else lake.pinned_source(con, name)
            order = f" order by {ORDER[name]}" if name in IN_MEMORY else ""
            kind = "table" if name in IN_MEMORY else "view"
            con.execute(f"create {kind} {name} as select * from {source}{order}")
        elif fresh:
            con.execute(f"create view {name} as select * from lake.{name}")
        else:
            sql, params = select(name, body)
            # A view cannot hold parameters: the one value a summary takes is a date we made.
            for key, value in params.items():
                sql = sql.replace(f"${key}", f"date {sql_literal(value.isoformat())}")
            con.execute(f"create view {name} as {sql}")
    return fresh


def writer_views(con: duckdb.DuckDBPyConnection, body: dict | None) -> None:
    """For a write connection, before its transaction: the summary names as views over the lake's
    tables, which the write then refills. A lake table whose columns are not what this code's SQL
    makes is first remade empty, in a snapshot of its own that also clears the fingerprint (so its
    readers use the SQL itself until the write is done)."""
    attach(con, body, set(), copy=False)  # the SQL views, to learn the columns each summary has
    changed = [name for name in names() if _columns(con, f"lake.{name}") != _columns(con, name)]
    if changed:
        con.execute("begin transaction")
        for name in changed:
            con.execute(f"create or replace table lake.{name} as select * from {name} limit 0")
        con.execute(f"delete from lake.{DERIVED}")
        con.execute("call lake.set_commit_message('regie', 'reshape summaries', extra_info => '{}')")
        con.execute("commit")
    for name in names():
        con.execute(f"drop view {name}")
        con.execute(f"create view {name} as select * from lake.{name}")


def _columns(con: duckdb.DuckDBPyConnection, relation: str) -> list[tuple[str, str]] | None:
    try:
        return [tuple(row[:2]) for row in con.execute(f"describe select * from {relation}").fetchall()]
    except duckdb.CatalogException:
        return None


def write(con: duckdb.DuckDBPyConnection, body: dict | None, window: tuple[date, date] = WHOLE) -> None:
    """Rebuild the rows of every summary whose time key lies in `window` (all rows by default) from
    the fact views of `con`, inside its write transaction (the views of writer_views read the
    lake's tables)."""
    for name in names():
        if window == WHOLE:
            con.execute(f"delete from lake.{name}")
        else:
            key = TIME_KEY[name]
            con.execute(f"delete from lake.{name} where {key} >= $a and {key} < $b", {"a": window[0], "b": window[1]})
        for chunk in chunks(name, body, window):
            sql, params = select(name, body, chunk)
            con.execute(f"insert into lake.{name} {sql}", params)
