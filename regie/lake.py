"""The store: a DuckLake lakehouse in the data directory, its snapshots and its writes.

A data directory holds `catalog.sqlite` (the DuckLake catalog: which Parquet files make up
which table at which snapshot) and `lake/` (the Parquet files DuckLake writes). Every write
(demo, import, undo, migrate, summarize) is one transaction that commits the facts and what
is derived from them together, as one new snapshot; a failed or killed write leaves the last
snapshot as it was. Readers pin one snapshot, so a write never changes what a running page
reads.

The DuckDB extensions come from the `duckdb-extension-*` wheels and are loaded by path:
nothing is downloaded at run time. The catalog may also live in PostgreSQL (setting
REGIE_CATALOG, e.g. `postgres:dbname=regie host=...`) with the data path elsewhere
(REGIE_DATA_PATH); see docs/deployment.md.
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib.util
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from regie import settings

CATALOG = "catalog.sqlite"
FILES = "lake"
ALIAS = "lake"
LOCK = ".write.lock"
OLD_LAYOUT = ("manifest.json", "tickets", "invoices.parquet", "tickets.parquet")


class Damaged(RuntimeError):
    """The data directory cannot be read: names the file and what to do (the text, in English);
    `key` and `values` give the same in the UI's language (regie/i18n.py)."""

    def __init__(self, message: str, key: str = "", values: dict | None = None):
        super().__init__(message)
        self.key, self.values = key, values or {}


class Refused(RuntimeError):
    """A write that would lose data, or has nothing to work on: says why."""


class Busy(RuntimeError):
    """Another write holds the data directory."""


def extension(name: str) -> str:
    """The path of an extension shipped in its wheel, for this exact DuckDB version."""
    spec = importlib.util.find_spec(f"duckdb_extension_{name}")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the DuckDB extension {name} is not installed: pip install -r requirements.txt")
    folder = Path(next(iter(spec.submodule_search_locations)))
    path = folder / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.is_file():
        raise RuntimeError(f"no {name} extension for DuckDB {duckdb.__version__} in {folder}")
    return str(path)


def load(con: duckdb.DuckDBPyConnection) -> None:
    """Load DuckLake and the catalog's database extension from their wheels; for a data path in a
    bucket (s3://...) also httpfs, with the bucket's key as a secret of this connection."""
    kind = catalog_kind()
    for name in ("ducklake", "postgres_scanner" if kind == "postgres" else "sqlite_scanner"):
        con.execute(f"load '{extension(name)}'")
    if "://" in settings.DATA_PATH.get():
        con.execute(f"load '{extension('httpfs')}'")
        if settings.S3_KEY_ID.get():
            options = {"key_id": settings.S3_KEY_ID, "secret": settings.S3_SECRET, "region": settings.S3_REGION,
                       "url_style": settings.S3_URL_STYLE, "use_ssl": settings.S3_USE_SSL}  # fmt: skip
            if settings.S3_ENDPOINT.get():
                options["endpoint"] = settings.S3_ENDPOINT
            listed = ", ".join(f"{name} ${name}" for name in options)
            values = {name: setting.get() for name, setting in options.items()}
            values["use_ssl"] = values["use_ssl"].lower() not in ("false", "no", "0")
            con.execute(f"create or replace secret regie_bucket (type s3, {listed})", values)


def catalog_kind() -> str:
    return "postgres" if settings.CATALOG.get().startswith("postgres:") else "sqlite"


def catalog_file(data_dir: Path) -> Path:
    return Path(data_dir) / CATALOG


def data_path(data_dir: Path) -> str:
    configured = settings.DATA_PATH.get()
    return configured if configured else str(Path(data_dir) / FILES) + "/"


def _uri(data_dir: Path) -> str:
    if catalog_kind() == "postgres":
        return "ducklake:" + settings.CATALOG.get()
    return f"ducklake:sqlite:{catalog_file(data_dir)}"


def exists(data_dir: Path) -> bool:
    """Whether the data directory holds a lake (for a PostgreSQL catalog: whether its database does)."""
    if catalog_kind() == "postgres":
        return _in_postgres(data_dir)
    return catalog_file(data_dir).is_file()


_FOUND: set[str] = set()  # the PostgreSQL catalogs this process found a lake in (none is taken away)


def _in_postgres(data_dir: Path) -> bool:
    """Whether the PostgreSQL database of the catalog setting holds DuckLake's tables; Damaged
    when it does not answer."""
    dsn = settings.CATALOG.get().removeprefix("postgres:")
    if dsn in _FOUND:
        return True
    con = duckdb.connect()
    try:
        load(con)
        con.execute(f"attach {_quote(dsn)} as catalog (type postgres, read_only)")
        query = "select to_regclass('ducklake_snapshot') is not null"
        found = con.execute("select * from postgres_query('catalog', $query)", {"query": query}).fetchone()[0]
    except duckdb.Error as error:
        raise damage(data_dir, error) from None
    finally:
        con.close()
    if found:
        _FOUND.add(dsn)
    return bool(found)


def layout(data_dir: Path) -> str:
    """'lake', 'empty' (missing or nothing in it), 'extracts' (the folder of Parquet extracts
    before the lake: `python -m regie migrate`) or 'other' (files that are not ours)."""
    data_dir = Path(data_dir)
    if exists(data_dir):
        return "lake"
    if not data_dir.is_dir():
        return "empty"
    ours = ("README.md", "audit.jsonl", "audit.lock", "audit.tmp")  # the audit log (regie/audit.py) may come first
    names = {p.name for p in data_dir.iterdir() if not p.name.startswith(".") and p.name not in ours}
    if not names:
        return "empty"
    if names & set(OLD_LAYOUT):
        return "extracts"
    return "other"


def _quote(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def attach(
    con: duckdb.DuckDBPyConnection, data_dir: Path, snapshot: int | None = None, write: bool = False, create=False
) -> None:
    """Attach the lake as `lake`: read-only at `snapshot` (or the newest), or for writing; a new
    lake is made only with `create` (a catalog that exists but holds no lake is damaged, and a
    write must not make a new, empty lake over it)."""
    # The files are where the data directory is now: a copied or moved directory reads its own files.
    options = [f"data_path {_quote(data_path(data_dir))}", "override_data_path true"]
    if write:  # every row in Parquet files, none inlined into the catalog (readers read the files)
        options.append("data_inlining_row_limit 0")
        if not create:
            options.append("create_if_not_exists false")
    else:
        options.append("read_only")
    if snapshot is not None:
        options.append(f"snapshot_version {int(snapshot)}")
    try:
        load(con)
        con.execute(f"attach {_quote(_uri(data_dir))} as {ALIAS} ({', '.join(options)})")
    except duckdb.Error as error:
        raise damage(data_dir, error) from None


def damage(data_dir: Path, error: BaseException) -> Damaged:
    """What a reader tells the user when the store cannot be read: the file and what to do."""
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    if ".parquet" in text or "TProtocolException" in text or "parquet" in text.lower():
        message = (
            f"A data file of {data_dir} cannot be read ({text}). Restore the file from a backup, "
            "or return to the state before the last write with `python -m regie undo`."
        )
        return Damaged(message, "store_damaged_file", {"folder": str(data_dir), "detail": text})
    catalog = "in PostgreSQL (REGIE_CATALOG)" if catalog_kind() == "postgres" else str(catalog_file(data_dir))
    if catalog_kind() == "sqlite" and catalog_file(data_dir).is_file() and not catalog_file(data_dir).stat().st_size:
        text = "the file is empty, 0 bytes"
    message = (
        f"The catalog {catalog} cannot be read ({text}). Restore it from a backup (docs/deployment.md, "
        f"Backups); the data files in {data_path(data_dir)} are untouched."
    )
    values = {"catalog": catalog, "files": data_path(data_dir), "detail": text}
    return Damaged(message, "store_damaged_catalog", values)


def head(con: duckdb.DuckDBPyConnection) -> int:
    """The newest snapshot of the lake attached to `con`."""
    return int(con.execute(f"select id from {ALIAS}.current_snapshot()").fetchone()[0])


def snapshot_ids(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Every snapshot of the lake attached to `con`, whatever snapshot it is pinned at, oldest first."""
    return [int(n) for (n,) in con.execute(f"select snapshot_id from {ALIAS}.snapshots() order by 1").fetchall()]


def snapshot_time(con: duckdb.DuckDBPyConnection, number: int) -> datetime | None:
    """When snapshot `number` was committed, as Europe/Amsterdam wall-clock time (the same on every
    machine), or None when the lake has no such snapshot."""
    row = con.execute(
        f"select timezone('Europe/Amsterdam', snapshot_time) from {ALIAS}.snapshots() where snapshot_id = $n",
        {"n": int(number)},
    ).fetchone()
    return row[0] if row else None


def unknown_snapshot(data_dir: Path, number: int, known: list[int]) -> Refused:
    """The refusal of a snapshot the lake does not have, naming the ones it has (as ranges)."""
    spans: list[list[int]] = []
    for n in known:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    listed = ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans) or "none"
    return Refused(
        f"{data_dir} has no snapshot {number}; its snapshots are {listed} (`python -m regie history` lists them)"
    )


@dataclass
class Snapshot:
    id: int
    at: object
    message: str
    details: dict


def history(con: duckdb.DuckDBPyConnection) -> list[Snapshot]:
    """Every snapshot that a write of ours made, oldest first."""
    rows = con.execute(
        f"select snapshot_id, snapshot_time, commit_message, commit_extra_info from {ALIAS}.snapshots() "
        "where commit_message is not null order by snapshot_id"
    ).fetchall()
    out = []
    for number, at, message, extra in rows:
        try:
            details = json.loads(extra) if extra else {}
        except json.JSONDecodeError:
            details = {}
        out.append(Snapshot(int(number), at, message, details))
    return out


@contextlib.contextmanager
def locked(data_dir: Path) -> Iterator[None]:
    """One write at a time per data directory (a lock file in it)."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / LOCK).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(f"another import or write is running on {data_dir}; try again when it has finished") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def writing(data_dir: Path, message: str, details: dict | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection with the lake attached for writing. The caller sets up what it reads (views,
    temporary tables) first, then calls `begin(con)`: from there every change to the lake is one
    transaction (DuckDB lets a transaction write one database only, so nothing else is written
    after it). That transaction commits as one snapshot, with `message` and `details` recorded,
    when the block ends without an exception, and rolls back otherwise. The caller holds
    `locked(data_dir)`."""
    new = _create_catalog(data_dir) if catalog_kind() == "sqlite" else not exists(data_dir)
    con = duckdb.connect(config={"threads": int(settings.DUCKDB_THREADS.get())})
    try:
        con.execute(f"set memory_limit = {_quote(settings.BUILD_MEMORY.get())}")
        try:
            attach(con, data_dir, write=True, create=new)
        except Damaged:
            if new and catalog_kind() == "sqlite":  # the empty file made just now, so no half lake stays
                catalog_file(data_dir).unlink(missing_ok=True)
            raise
        ensure_tables(con)
        try:
            yield con
            if not _in_transaction(con):
                return
            con.execute(
                f"call {ALIAS}.set_commit_message('regie', $message, extra_info => $details)",
                {"message": message, "details": json.dumps(details or {}, ensure_ascii=False, default=str)},
            )
            con.execute("commit")
        except BaseException:
            if _in_transaction(con):
                with contextlib.suppress(duckdb.Error):
                    con.execute("rollback")
            raise
    finally:
        _BEGUN.discard(id(con))
        con.close()


def _create_catalog(data_dir: Path) -> bool:
    """Create a new SQLite catalog in write-ahead-log mode (a mode the file keeps), in which readers
    never block a writer's commit; in SQLite's default mode a reader's open connection made a commit
    fail with 'database is locked'. Only when the file is new: this process's Python SQLite must
    never open a catalog that DuckDB's own SQLite has open (two copies of SQLite in one process do
    not see each other's locks, and crashed the suite with a bus error). Whether it made one."""
    path = catalog_file(data_dir)
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(path)) as catalog:
        catalog.execute("pragma journal_mode = wal")
    return True


def begin(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("begin transaction")
    _BEGUN.add(id(con))


_BEGUN: set[int] = set()  # the write connections whose transaction has begun


def _in_transaction(con: duckdb.DuckDBPyConnection) -> bool:
    return id(con) in _BEGUN


# Tables of ours besides the contract's: fixed columns, so that a reader's views stay valid.
OWN_TABLES = {
    "regie_manifest": "body varchar",
    "regie_derived": "fingerprint varchar",
    "regie_check": "violations varchar",
    "period_figures": "period varchar, figures varchar",
}


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Every contract table and table of ours exists (empty when new), so that views made before a
    write transaction stay valid in it. Made in one snapshot of its own, only when any is missing."""
    from regie.contract import TABLES

    present = tables(con)
    missing = [n for n in [*TABLES, *OWN_TABLES] if n not in present]
    if not missing:
        return
    con.execute("begin transaction")
    for name in missing:
        if name in TABLES:
            create_table(con, name)
        else:
            con.execute(f"create table {ALIAS}.{name} ({OWN_TABLES[name]})")
    con.execute(f"call {ALIAS}.set_commit_message('regie', 'initialise', extra_info => '{{}}')")
    con.execute("commit")


def tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The tables of the lake attached to `con`, at its snapshot."""
    rows = con.execute(f"select table_name from duckdb_tables() where database_name = '{ALIAS}'").fetchall()
    return {name for (name,) in rows}


def create_table(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """A contract table in the lake, empty, with the contract's columns and types; tickets are
    partitioned by the year they were opened, so a write touches only the years it changes."""
    from regie.contract import TABLES

    columns = ", ".join(f'"{c.name}" {c.type}' for c in TABLES[name].columns)
    con.execute(f"create table {ALIAS}.{name} ({columns})")
    if name == "tickets":
        con.execute(f"alter table {ALIAS}.tickets set partitioned by (year(opened_at))")


def replace_table(
    con: duckdb.DuckDBPyConnection, name: str, select_sql: str, params: dict | None = None, rows=None
) -> None:
    """Make the lake's table `name` hold exactly the rows of `select_sql` (contract column order),
    which may read an Arrow table given as `rows` under the name `_given_rows`."""
    _given_rows = rows  # noqa: F841 (read by name in select_sql: a replacement scan, which writes nothing)
    from regie.contract import TABLES

    con.execute(f"drop table if exists {ALIAS}.{name}")
    create_table(con, name)
    columns = ", ".join(f'"{c}"' for c in TABLES[name].column_names)
    con.execute(f"insert into {ALIAS}.{name} select {columns} from ({select_sql})", params or {})


def pinned_source(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """SQL that reads table `name` of the pinned snapshot attached to `con` straight from its
    Parquet files (a snapshot's files never change), without asking the catalog on every query.
    Rows deleted by later writes are taken out through the delete files. Falls back to the lake's
    table when the files do not hold exactly its rows (data inlined into the catalog)."""
    files = con.execute(
        f"select data_file, delete_file from ducklake_list_files('{ALIAS}', $t)", {"t": name}
    ).fetchall()
    fallback = f"{ALIAS}.{name}"
    if not files:
        return fallback
    data = "[" + ", ".join(_quote(f) for f, _ in files) + "]"
    deletes = [d for _, d in files if d]
    source = f"read_parquet({data}, hive_partitioning = false)"
    if deletes:
        listed = "[" + ", ".join(_quote(d) for d in deletes) + "]"
        source = (
            f"(select * exclude (filename, file_row_number) from read_parquet({data}, hive_partitioning = false, "
            f"filename = true, file_row_number = true) f where not exists (select 1 from read_parquet({listed}) x "
            "where x.file_path = f.filename and x.pos = f.file_row_number))"
        )
    lake_rows = con.execute(f"select count(*) from {fallback}").fetchone()[0]
    file_rows = con.execute(f"select count(*) from {source}").fetchone()[0]
    return source if lake_rows == file_rows else fallback


def files(data_dir: Path, name: str) -> list[str]:
    """The Parquet files of table `name` at the newest snapshot, for reading them with other tools
    (pandas, pyarrow); only for a table without deleted rows (else Refused: read it through DuckDB)."""
    con = duckdb.connect()
    try:
        attach(con, data_dir)
        found = con.execute(f"select data_file, delete_file from ducklake_list_files('{ALIAS}', $t)", {"t": name})
        found = found.fetchall()
    finally:
        con.close()
    if any(deleted for _, deleted in found):
        raise Refused(f"{name} has deleted rows in {data_dir}: read it through DuckDB (regie.db)")
    return [path for path, _ in found]
