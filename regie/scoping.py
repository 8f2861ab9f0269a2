"""A session's scope enforced below the pages: its queries see only the rows it may read.

For a set of members, a schema of its own holds views of the member tables and summaries that
keep those members' rows only, and the derived views and table macros again, bound to them.
A scoped query runs on a cursor whose search path starts with that schema, so every table it
names, directly or through a view or macro, is the narrowed one: a query cannot forget to
filter, and no parameter (a tampered link's `leden=`) can widen it. The members' codes are bound
into a table of the schema, never written into SQL.

Not narrowed: the reference tables every member's figures need (municipalities,
municipality_years for the cost keys, sla_norms, cost_keys), and the published comparisons,
which run on the whole data (access.PUBLISHED).
"""

from __future__ import annotations

import hashlib
import threading

import duckdb

from regie import summaries
from regie.db import Database, _create_derived_views, _create_macros

# The rows of each member table a scope may read; `_members` is the scope's table of codes.
MEMBER_ROWS = {
    "tickets": "municipality_code in (select code from _members)",
    # Collective contracts (no member) and the SSC's own invoices are every member's business.
    "contracts": "municipality_code is null or municipality_code in (select code from _members)",
    "invoices": "municipality_code = 'SSC' or municipality_code in (select code from _members)",
    "savings": "municipality_code in (select code from _members)",
    "budgets": "municipality_code in (select code from _members)",
}

_lock = threading.Lock()


def schema_name(members: tuple[str, ...]) -> str:
    return "scope_" + hashlib.sha256(",".join(sorted(members)).encode()).hexdigest()[:16]


def _create(con: duckdb.DuckDBPyConnection, members: tuple[str, ...]) -> str:
    schema = schema_name(members)
    with _lock:
        exists = con.execute("select count(*) from duckdb_schemas() where schema_name = $s", {"s": schema}).fetchone()
        if exists[0]:
            return schema
        cur = con.cursor()
        try:
            cur.execute(f"create schema {schema}")
            cur.execute(f"set search_path = '{schema},main'")
            cur.execute(f"create table {schema}._members (code varchar)")
            cur.execute(f"insert into {schema}._members select unnest($m)", {"m": list(members)})
            for table, rows in MEMBER_ROWS.items():
                cur.execute(f"create view {schema}.{table} as select * from main.{table} where {rows}")
            for name in summaries.names():
                cur.execute(f"create view {schema}.{name} as select * from main.{name} where {MEMBER_ROWS['tickets']}")
            _create_derived_views(cur, schema)
            _create_macros(cur, schema)
        finally:
            cur.close()
    return schema


class ScopedDatabase(Database):
    """A reader's Database over the same connection and snapshot whose every statement (run, sql,
    run_many, and each cursor its `con` gives) sees only the rows of `members`."""

    def __init__(self, db: Database, members: tuple[str, ...]):
        if db._writer is not None:
            raise ValueError("a write connection is not narrowed: scope a reader's Database")
        self.__dict__.update(db.__dict__)  # the same connection, snapshot, manifest and stored figures
        self.whole, self.members = db.con, tuple(members)
        self.schema = _create(db.con, self.members)

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        cur = self.whole.cursor()
        cur.execute(f"set search_path = '{self.schema},main'")
        return cur

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """In place of the shared connection (never handed out): a new narrowed cursor each time."""
        return self._cursor()


def scoped(db: Database, members: tuple[str, ...] | None) -> Database | ScopedDatabase:
    """`db` itself for every member (None), else its queries narrowed to `members` (one object per
    database and members)."""
    if members is None:
        return db
    made = db.__dict__.setdefault("_scoped", {})
    if members not in made:
        made[members] = ScopedDatabase(db, members)
    return made[members]
