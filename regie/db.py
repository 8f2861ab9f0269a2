"""The query runner: one DuckDB connection per snapshot of a data directory, views named after
the tables, and the runner of the named queries in queries/.

Queries never mention files: each contract table is a view (`tickets`, `invoices`, ...) over
the lake's table of the same name (regie/lake.py); a table the lake does not hold is an empty
view with the contract's columns, so pages can say so instead of failing. Each query runs on
its own cursor, so many Streamlit sessions can share the connection. Values reach DuckDB only
as bound `$named` parameters.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from regie import lake, manifest, settings, summaries, windows
from regie.calendar import ServiceCalendar, default_calendar
from regie.contract import TABLES
from regie.coverage import Coverage
from regie.kpis import member_figures
from regie.period_figures import Stored
from regie.periods import Period
from regie.sqlfiles import (
    MANY_PREFIX,
    QUERY_DIR,
    QueryParameterError,
    many_macro,
    query_names,
    query_parameters,
    query_text,
    sql_literal,
)

__all__ = [
    "Database",
    "QUERY_DIR",
    "QueryParameterError",
    "query_names",
    "query_parameters",
    "query_text",
    "sql_literal",
]

VIEW_DIR = QUERY_DIR / "views"


def _check_parameters(label: str, wanted: set[str], params: dict[str, Any]) -> None:
    missing, extra = wanted - set(params), set(params) - wanted
    if missing or extra:
        raise QueryParameterError(
            f"{label}: missing parameters {sorted(missing)}, unexpected parameters {sorted(extra)}"
        )


MACRO_DIR = QUERY_DIR / "macros"

MACROS = (
    # Real elapsed minutes between two Europe/Amsterdam wall-clock timestamps (24x7 clock).
    "create or replace macro calendar_minutes(a, b) as cast(floor(("
    "epoch(timezone('Europe/Amsterdam', cast(b as timestamp))) "
    "- epoch(timezone('Europe/Amsterdam', cast(a as timestamp)))) / 60) as bigint)",
    # Business seconds from the calendar's start to a wall-clock moment on the calendar day `c` (a
    # row of service_calendar, see regie/calendar.py), and to any moment (its day looked up).
    "create or replace macro seconds_on(c, ts) as c.open_seconds_before + case when c.is_open then least("
    "greatest(epoch(cast(ts as timestamp)) - epoch(cast(c.day as timestamp)) - c.opens_at_second, 0),"
    " c.closes_at_second - c.opens_at_second) else 0 end",
    "create or replace macro business_seconds_at(ts) as ("
    " select seconds_on(c, ts) from service_calendar as c where c.day = cast(ts as date))",
    # Whole business minutes between two moments, rounded down like the derived columns of the
    # contract and regie/calendar.py (epoch() is a double, on which DuckDB's // is a plain division).
    "create or replace macro business_minutes(a, b) as "
    "cast(floor((business_seconds_at(b) - business_seconds_at(a)) / 60) as bigint)",
)


def create_calendar(con: duckdb.DuckDBPyConnection, calendar: ServiceCalendar) -> None:
    """The service-hours calendar as a table, from the same arrays the Python calendar uses."""
    con.register("_calendar", calendar.as_arrow())
    con.execute("create or replace table service_calendar as select * from _calendar")
    con.unregister("_calendar")


def create_views(con: duckdb.DuckDBPyConnection, body: dict | None, tables: set[str], copy: bool = True) -> bool:
    """(Re)create `raw_<table>` (the lake's tables as they are), `<table>` (contract columns and
    types), the derived views of queries/views/ (one file each, named after the view), the summaries
    (regie/summaries.py) and the table macros; `tables` is set to the lake's tables. True when the
    summaries come from the lake's stored tables (built by this code); `copy` loads the small ones
    into memory."""
    present = lake.tables(con) if _attached(con) else set()
    _create_fact_views(con, present, pinned=True)
    tables.clear()
    tables.update(present)
    fresh = summaries.attach(con, body, present, copy)
    _create_macros(con)  # after the views and summaries: a table macro may read them
    return fresh


def _create_fact_views(con: duckdb.DuckDBPyConnection, present: set[str], pinned: bool) -> None:
    """The scalar macros, the contract tables' views (_create_table_views) and the derived views of
    queries/views/ over them: what every connection has before its summaries and table macros."""
    for macro in MACROS:
        con.execute(macro)
    _create_table_views(con, present, pinned)
    _create_derived_views(con)


def _create_derived_views(con: duckdb.DuckDBPyConnection, schema: str | None = None) -> None:
    for path in sorted(VIEW_DIR.glob("*.sql")):
        name = f"{schema}.{path.stem}" if schema else path.stem
        con.execute(f"create or replace view {name} as {path.read_text(encoding='utf-8')}")


def _empty(table) -> str:
    """A select of no rows with the contract table's columns and types."""
    return "select " + ", ".join(f"cast(null as {c.type}) as {c.name}" for c in table.columns) + " where false"


def _attached(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute("select count(*) from duckdb_databases() where database_name = 'lake'").fetchone()[0])


def _create_macros(con: duckdb.DuckDBPyConnection, schema: str | None = None) -> None:
    """The table macros of queries/macros/, each file one `create or replace macro ... as table`
    (in `schema`, when given: regie/scoping.py).

    DuckDB binds a macro when it is created, so one that uses another waits for a later round.
    """

    def text(path: Path) -> str:
        sql = path.read_text(encoding="utf-8")
        return sql.replace("create or replace macro ", f"create or replace macro {schema}.", 1) if schema else sql

    pending = sorted(MACRO_DIR.glob("*.sql"))
    while pending:
        failed = []
        for path in pending:
            try:
                con.execute(text(path))
            except duckdb.CatalogException:
                failed.append(path)
        if len(failed) == len(pending):
            con.execute(text(failed[0]))  # raises the real error
        pending = failed


LARGE = ("tickets", "invoices")  # read from their files; the other contract tables are copied into memory


def _create_table_views(con: duckdb.DuckDBPyConnection, present: set[str], pinned: bool = False) -> None:
    """`raw_<table>` is the lake's table as it is; `<table>` has the contract's columns and types.
    For a `pinned` snapshot, small tables are copied into memory and large ones read from their
    files: a query on a lake table asks the catalog first (about 9 ms each time)."""
    for table in TABLES.values():
        if table.name not in present:
            con.execute(f"create or replace view raw_{table.name} as {_empty(table)}")
            con.execute(f"create or replace view {table.name} as select * from raw_{table.name}")
            continue
        if not pinned:
            con.execute(f"create or replace view raw_{table.name} as select * from lake.{table.name}")
        elif table.name in LARGE:
            source = lake.pinned_source(con, table.name)
            con.execute(f"create or replace view raw_{table.name} as select * from {source}")
        else:
            con.execute(f"create or replace table raw_{table.name} as select * from lake.{table.name}")
        found = dict(con.execute(f"select column_name, column_type from (describe raw_{table.name})").fetchall())
        select = []
        for column in table.columns:
            kind = found.get(column.name)
            if kind == column.type:
                select.append(column.name)
            elif kind is None:
                select.append(f"cast(null as {column.type}) as {column.name}")
            else:
                select.append(f"try_cast({column.name} as {column.type}) as {column.name}")
        con.execute(f"create or replace view {table.name} as select {', '.join(select)} from raw_{table.name}")


class Database:
    """One DuckDB connection over one snapshot of a data directory's lake; thread-safe through a
    cursor per query; `snapshot` (default: the newest) and `snapshot_at` (when it was committed) say
    which. Without a lake every table is an empty view. With `writer`, the connection of
    a write transaction (lake.writing), whose uncommitted tables the views then read: queries run
    on it in turn."""

    def __init__(
        self,
        data_dir: Path | str,
        threads: int | None = None,
        memory: str | None = None,
        snapshot: int | None = None,
        writer: duckdb.DuckDBPyConnection | None = None,
    ):
        self.data_dir = Path(data_dir)
        self._threads = int(threads or settings.DUCKDB_THREADS.get())
        self._memory = memory or settings.DUCKDB_MEMORY.get()
        self._writer = writer
        self._lock = threading.Lock()
        self.con = writer
        self.tables: set[str] = set()
        self._open(snapshot)

    def _open(self, snapshot: int | None) -> None:
        if self._writer is None:
            where = lake.layout(self.data_dir)
            if where == "extracts":
                raise lake.Damaged(
                    f"{self.data_dir} holds Parquet extracts in the layout before the lake: "
                    f"run `python -m regie migrate --data-dir {self.data_dir}` once (nothing is lost)"
                )
            con = duckdb.connect(":memory:", config={"threads": self._threads, "memory_limit": self._memory})
            try:
                self.snapshot, self.snapshot_at = 0, None
                if where == "lake":
                    self._pin(con, snapshot)
                create_calendar(con, default_calendar())
                self.manifest = manifest.read(con) if where == "lake" else None
                self.summaries_fresh = create_views(con, self.manifest, self.tables)
            except duckdb.Error as error:
                con.close()
                raise lake.damage(self.data_dir, error) from None
            except lake.Refused:
                con.close()
                raise
            self.con = con
        else:
            con = self._writer
            create_calendar(con, default_calendar())
            self.code = summaries.fingerprint()  # of this code, read once for the write's reloads
            self.tables = lake.tables(con)
            _create_fact_views(con, self.tables, pinned=False)
            self.manifest = manifest.read(con)
            summaries.writer_views(con, self.manifest)
            _create_macros(con)
            self.snapshot, self.snapshot_at = -1, None
            self.reload()
        self.version = str(self.snapshot)
        self.stored = Stored(self)

    def _pin(self, con: duckdb.DuckDBPyConnection, snapshot: int | None) -> None:
        """Attach the lake at `snapshot` (default: the newest), always pinned: an unpinned attachment
        follows later writes, and what is read on first use (the stored figures) would come from
        them. A snapshot the lake does not have is refused, naming the ones it has."""
        lake.attach(con, self.data_dir)
        if snapshot is None:
            snapshot = lake.head(con)
        elif int(snapshot) not in (known := lake.snapshot_ids(con)):
            raise lake.unknown_snapshot(self.data_dir, snapshot, known)
        self.snapshot, self.snapshot_at = int(snapshot), lake.snapshot_time(con, snapshot)
        con.execute("detach lake")
        lake.attach(con, self.data_dir, self.snapshot)

    def scratch(self, skip: tuple[str, ...], window: tuple[date, date] | None = None) -> Database:
        """A writer's tables as they are in its transaction, copied into a connection of their own,
        where queries run in parallel and without asking the catalog (the stored figures are made
        there). The tables in `skip` are not copied: a contract table is left empty, a summary absent. With
        `window`, only the summaries' and invoices' rows that reach it are copied."""
        copy = Database.__new__(Database)
        copy.data_dir, copy._writer, copy._lock = self.data_dir, None, threading.Lock()
        copy._threads, copy._memory = self._threads, self._memory
        con = duckdb.connect(":memory:", config={"threads": self._threads, "memory_limit": settings.BUILD_MEMORY.get()})
        create_calendar(con, default_calendar())
        for macro in MACROS:
            con.execute(macro)
        copied = set()
        for name in sorted({*TABLES, *summaries.names()}):
            if name in skip:
                continue
            reach = windows.reaches(name, summaries.TIME_KEY) if window else None
            where = f" where {reach}" if reach else ""
            bounds = {"a": window[0], "b": window[1]} if reach else {}
            # Streamed in batches (read by name below), so the rows are never all held in Python at once.
            _arrow = self.con.execute(f"select * from lake.{name}{where}", bounds).to_arrow_reader(1 << 17)  # noqa: F841
            target = f"raw_{name}" if name in TABLES else name
            con.execute(f"create table {target} as select * from _arrow")
            copied.add(name)
        for table in TABLES.values():
            if table.name not in copied:
                con.execute(f"create table raw_{table.name} as {_empty(table)}")
            con.execute(f"create view {table.name} as select * from raw_{table.name}")
        _create_derived_views(con)
        _create_macros(con)
        copy.con, copy.tables, copy.snapshot, copy.version = con, copied, -1, "scratch"
        copy.snapshot_at = None
        copy.manifest, copy.summaries_fresh = self.manifest, True
        copy.stored = Stored(copy)
        return copy

    def reload(self) -> None:
        """A writer: read the manifest and the fingerprint as the transaction holds them now."""
        self.manifest = manifest.read(self.con)
        self.summaries_fresh = summaries.recorded(self.con, self.tables) == self.code
        self.stored = Stored(self)

    def figures(
        self,
        period: Period,
        category: str | None = None,
        assignee_group: str | None = None,
        compute: Callable[[Period], pd.DataFrame] | None = None,
    ) -> pd.DataFrame:
        """Every member's figures for the covered part of a period (regie/coverage.py): stored when
        the data were written (not narrowed), else computed now by `compute` for the covered part (default:
        kpis.member_figures on this connection). No rows when the data cover none of it."""
        clipped = Coverage.of(self.manifest).clip(period)
        if clipped is None:
            empty = self.stored.empty()
            return empty if empty is not None else member_figures(self.run, period, category, assignee_group).iloc[:0]
        if category is None and assignee_group is None:
            stored = self.stored.get(clipped)
            if stored is not None:
                return stored
        return compute(clipped) if compute else member_figures(self.run, clipped, category, assignee_group)

    def has_data(self) -> bool:
        return self.manifest is not None and bool(self.manifest.get("tables"))

    def run(self, name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
        """Run queries/<name>.sql with exactly the parameters it names."""
        sql = query_text(name)
        return self.sql(sql, params or {}, label=name)

    def sql(self, sql: str, params: dict[str, Any] | None = None, label: str = "query") -> pd.DataFrame:
        params = params or {}
        _check_parameters(label, query_parameters(sql), params)
        return self._execute(sql, params)

    def run_many(self, name: str, many: list[dict[str, Any]]) -> pd.DataFrame:
        """Run queries/<name>.sql for each parameter set of `many` as one query: a lateral join of
        the sets with the query as a table macro (sqlfiles.many_macro). The rows of each set are
        those run(name, params) gives, in its order, after the set's position in column `_i`; the
        values stay bound parameters."""
        wanted = query_parameters(query_text(name))
        for params in many:
            _check_parameters(name, wanted, params)
        create, macro, order = many_macro(name)
        varying = [n for n in sorted(wanted) if any(p[n] != many[0][n] for p in many)]
        arguments = ", ".join(f"a.{MANY_PREFIX}{n}" if n in varying else f"${n}" for n in sorted(wanted))
        columns = "".join(f", unnest(${MANY_PREFIX}{n}) as {MANY_PREFIX}{n}" for n in varying)
        sql = (
            f"with a as (select unnest($_i) as _i{columns}) "
            f"select a._i, q.* from a, lateral {macro}({arguments}) as q order by a._i, {order}"
        )
        bound = {n: many[0][n] for n in wanted if n not in varying}
        bound.update({"_i": list(range(len(many))), **{MANY_PREFIX + n: [p[n] for p in many] for n in varying}})
        return self._execute(sql, bound, create)

    def _execute(self, sql: str, params: dict[str, Any], before: str | None = None) -> pd.DataFrame:
        """One statement on this connection's cursor (a writer's own connection), after `before`."""
        if self._writer is not None:
            with self._lock:
                if before:
                    self.con.execute(before)
                return self.con.execute(sql, params).df()
        cursor = self._cursor()
        try:
            if before:
                cursor.execute(before)
            return cursor.execute(sql, params).df()
        except duckdb.IOException as error:
            raise lake.damage(self.data_dir, error) from None
        finally:
            cursor.close()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        """A reader's cursor for one statement (regie/scoping.py narrows it)."""
        return self.con.cursor()

    def close(self) -> None:
        if self._writer is None:
            self.con.close()
