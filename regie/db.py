"""The DuckDB side: one connection per data directory, views named after the tables, and
the runner of the named queries in queries/.

Queries never mention files: each contract table is a view (`tickets`, `invoices`,
...) over `<table>.parquet`, `<table>.csv` or a Hive-partitioned folder; a table
without files is an empty view with the contract's columns, so pages can say so
instead of failing. Each query runs on its own cursor, so many Streamlit sessions
can share the connection. Values reach DuckDB only as bound `$named` parameters;
the only text put into SQL is the location of the operator's own data files.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from regie import manifest, settings, storage
from regie.calendar import ServiceCalendar, default_calendar
from regie.contract import TABLES, Table
from regie.kpis import member_figures
from regie.periods import Period
from regie.tables_io import table_files

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRIP = re.compile(r"--[^\n]*|'(?:[^']|'')*'")

VIEW_DIR = QUERY_DIR / "views"
MACRO_DIR = QUERY_DIR / "macros"

MACROS = (
    # Real elapsed minutes between two Europe/Amsterdam wall-clock timestamps (24x7 clock).
    "create or replace macro calendar_minutes(a, b) as cast(floor(("
    "epoch(timezone('Europe/Amsterdam', cast(b as timestamp))) "
    "- epoch(timezone('Europe/Amsterdam', cast(a as timestamp)))) / 60) as bigint)",
    # Business seconds from the calendar's start to a wall-clock moment (see regie/calendar.py).
    "create or replace macro business_seconds_at(ts) as ("
    " select c.open_seconds_before + case when c.is_open then least(greatest("
    " epoch(cast(ts as timestamp)) - epoch(cast(c.day as timestamp)) - c.opens_at_second, 0),"
    " c.closes_at_second - c.opens_at_second) else 0 end"
    " from service_calendar as c where c.day = cast(ts as date))",
    # Whole business minutes between two moments, like the derived columns of the contract.
    "create or replace macro business_minutes(a, b) as "
    "cast((business_seconds_at(b) - business_seconds_at(a)) // 60 as bigint)",
)


class QueryParameterError(ValueError):
    """The parameters given do not match the `$names` a query file uses."""


def sql_literal(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


@cache
def query_text(name: str) -> str:
    path = QUERY_DIR / f"{name}.sql"
    if not path.is_file():
        raise FileNotFoundError(f"no query named '{name}' in {QUERY_DIR}")
    return path.read_text(encoding="utf-8")


def query_parameters(sql: str) -> set[str]:
    """The `$names` a query uses, comments and string literals aside."""
    return set(_PARAM.findall(_STRIP.sub(" ", sql)))


def query_names() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))


def _source(data_dir: Path, table: Table) -> str | None:
    files = table_files(data_dir, table.name)
    if not files:
        return None
    if files[0].suffix == ".csv":
        return f"read_csv({sql_literal(files[0])}, header = true, all_varchar = true)"
    if files[0] == data_dir / f"{table.name}.parquet":
        return f"read_parquet({sql_literal(files[0])})"
    pattern = data_dir / table.name / "**" / "*.parquet"
    return f"read_parquet({sql_literal(pattern)}, hive_partitioning = false, union_by_name = true)"


def create_calendar(con: duckdb.DuckDBPyConnection, calendar: ServiceCalendar) -> None:
    """The service-hours calendar as a table, from the same arrays the Python calendar uses."""
    con.register("_calendar", calendar.as_arrow())
    con.execute("create or replace table service_calendar as select * from _calendar")
    con.unregister("_calendar")


def create_views(con: duckdb.DuckDBPyConnection, data_dir: Path, body: dict | None = None) -> bool:
    """(Re)create `raw_<table>` (the files as they are), `<table>` (contract columns and types),
    the derived views of queries/views/ (one file each, named after the view), the summaries
    (regie/summaries.py) and the table macros. True when the summaries come from fresh files."""
    from regie import summaries

    for macro in MACROS:
        con.execute(macro)
    _create_table_views(con, data_dir)
    for path in sorted(VIEW_DIR.glob("*.sql")):
        con.execute(f"create or replace view {path.stem} as {path.read_text(encoding='utf-8')}")
    fresh = summaries.attach(con, data_dir, body)
    _create_macros(con)  # after the views and summaries: a table macro may read them
    return fresh


def _create_macros(con: duckdb.DuckDBPyConnection) -> None:
    """The table macros of queries/macros/, each file one `create or replace macro ... as table`.

    DuckDB binds a macro when it is created, so one that uses another waits for a later round.
    """
    pending = sorted(MACRO_DIR.glob("*.sql"))
    while pending:
        failed = []
        for path in pending:
            try:
                con.execute(path.read_text(encoding="utf-8"))
            except duckdb.CatalogException:
                failed.append(path)
        if len(failed) == len(pending):
            con.execute(failed[0].read_text(encoding="utf-8"))  # raises the real error
        pending = failed


def _create_table_views(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    for table in TABLES.values():
        source = _source(data_dir, table)
        if source is None:
            empty = ", ".join(f"cast(null as {c.type}) as {c.name}" for c in table.columns)
            con.execute(f"create or replace view raw_{table.name} as select {empty} where false")
            con.execute(f"create or replace view {table.name} as select * from raw_{table.name}")
            continue
        con.execute(f"create or replace view raw_{table.name} as select * from {source}")
        present = dict(con.execute(f"select column_name, column_type from (describe raw_{table.name})").fetchall())
        select = []
        for column in table.columns:
            found = present.get(column.name)
            if found == column.type:
                select.append(column.name)
            elif found is None:
                select.append(f"cast(null as {column.type}) as {column.name}")
            else:
                select.append(f"try_cast({column.name} as {column.type}) as {column.name}")
        con.execute(f"create or replace view {table.name} as select {', '.join(select)} from raw_{table.name}")


class Database:
    """One DuckDB connection over one data directory; thread-safe through a cursor per query."""

    def __init__(self, data_dir: Path | str, threads: int | None = None, memory: str | None = None):
        self.data_dir = storage.location(data_dir)
        config = {
            "threads": int(threads or settings.DUCKDB_THREADS.get()),
            "memory_limit": memory or settings.DUCKDB_MEMORY.get(),
        }
        self.con = duckdb.connect(":memory:", config=config)
        storage.register(self.con, self.data_dir)
        self._lock = threading.Lock()
        create_calendar(self.con, default_calendar())
        self.refresh()

    def refresh(self) -> None:
        """Re-read the data directory (after an import or generation)."""
        from regie.period_figures import Stored

        with self._lock:
            self.version = manifest.version(self.data_dir)
            self.manifest = manifest.read(self.data_dir)
            self.summaries_fresh = create_views(self.con, self.data_dir, self.manifest)
            self.stored = Stored(self.data_dir, self.manifest)

    def figures(
        self,
        period: Period,
        category: str | None = None,
        assignee_group: str | None = None,
        compute: Callable[[], pd.DataFrame] | None = None,
    ) -> pd.DataFrame:
        """Every member's figures for a period: stored when the data were written (not narrowed),
        else computed now by `compute` (default: kpis.member_figures on this connection)."""
        if category is None and assignee_group is None:
            stored = self.stored.get(period)
            if stored is not None:
                return stored
        return compute() if compute else member_figures(self.run, period, category, assignee_group)

    def has_data(self) -> bool:
        return self.manifest is not None and any(table_files(self.data_dir, t) for t in TABLES)

    def run(self, name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
        """Run queries/<name>.sql with exactly the parameters it names."""
        sql = query_text(name)
        return self.sql(sql, params or {}, label=name)

    def sql(self, sql: str, params: dict[str, Any] | None = None, label: str = "query") -> pd.DataFrame:
        params = params or {}
        wanted = query_parameters(sql)
        missing, extra = wanted - set(params), set(params) - wanted
        if missing or extra:
            raise QueryParameterError(
                f"{label}: missing parameters {sorted(missing)}, unexpected parameters {sorted(extra)}"
            )
        cursor = self.con.cursor()
        try:
            return cursor.execute(sql, params).df()
        finally:
            cursor.close()

    def close(self) -> None:
        self.con.close()
