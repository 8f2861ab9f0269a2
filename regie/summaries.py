"""Summary tables: the ticket facts pre-aggregated once, when the data are written.

Each summary is one SQL file in queries/summaries/, a select over the fact views. The
generator and every import write them as Parquet into `<data>/summaries/`, with
`summaries.json` recording a fingerprint of what they were built from (the ticket and
norm files' checksums, the service hours, the summary SQL and the last month covered).

`attach` gives every connection the summaries under their own names: the files, when
their fingerprint matches the data; otherwise a view over the same SQL, so a figure is
never read from a stale summary (it is only slower). `check` recomputes them and
compares (regie/check.py), and tests/test_summaries.py compares every summary query
with its computation on the facts.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from datetime import date
from pathlib import Path

import duckdb

from regie import manifest, settings, storage
from regie.db import QUERY_DIR, Database, sql_literal

SUMMARY_DIR = QUERY_DIR / "summaries"
FOLDER = "summaries"
INDEX = "summaries.json"
CHECK = "check.json"
IN_MEMORY = ("ticket_months", "backlog_months", "service_time_months")  # small: loaded into the connection
ROW_GROUP_ROWS = 65_536  # the *_times summaries: small row groups, so a period reads few of them
SOURCES = ("tickets", "sla_norms")
# Built one calendar year at a time (exact quantiles hold all of a query's values at once: at 100
# million tickets more than a server has), then joined into one file in this order, the SQL's own.
CHUNKED = {"service_time_months": "municipality_code, month, measure, priority nulls first"}
WHOLE = (date(1, 1, 1), date(9999, 12, 31))  # the chunk of all months


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


def fingerprint(body: dict | None) -> str | None:
    """What the summaries of a data directory depend on; None without a manifest."""
    if body is None:
        return None
    tables = body.get("tables", {})
    parts = [f"{t}={tables.get(t, {}).get('checksum')}" for t in SOURCES]
    parts += [settings.SERVICE_HOURS.get(), settings.GOOD_FRIDAY.get(), last_period_end(body).isoformat()]
    parts += [_sql(name) for name in names()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def is_fresh(data_dir: Path, body: dict | None) -> bool:
    index = storage.location(data_dir) / FOLDER / INDEX
    wanted = fingerprint(body)
    if wanted is None or not index.is_file():
        return False
    try:
        recorded = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return False
    files = [index.parent / f"{name}.parquet" for name in names()]
    return recorded.get("fingerprint") == wanted and all(f.is_file() for f in files)


def select(name: str, body: dict | None, chunk: tuple[date, date] = WHOLE) -> tuple[str, dict]:
    """A summary's SQL and parameters; for a summary in CHUNKED, the months of `chunk` only."""
    sql = _sql(name)
    params = {"last_period_end": last_period_end(body)} if "$last_period_end" in sql else {}
    if name in CHUNKED:
        params.update(chunk_from=chunk[0], chunk_until=chunk[1])
    return sql, params


def chunks(name: str, body: dict | None) -> list[tuple[date, date]]:
    """The parts a summary is built and checked in: one per calendar year of the data for a summary
    in CHUNKED (the first and last open-ended, so together they cover every month), else one."""
    if name not in CHUNKED:
        return [WHOLE]
    first, until = manifest.span(body)
    starts = [WHOLE[0]] + [date(year, 1, 1) for year in range(first.year + 1, until.year + 1)]
    return list(zip(starts, starts[1:] + [WHOLE[1]], strict=True))


def attach(con: duckdb.DuckDBPyConnection, data_dir: Path, body: dict | None) -> bool:
    """Create the summary relations on `con`; True when they come from fresh files."""
    fresh = is_fresh(data_dir, body)
    existing = dict(con.execute("select table_name, table_type from information_schema.tables").fetchall())
    for name in names():
        if name in existing:
            con.execute(f"drop {'view' if existing[name] == 'VIEW' else 'table'} {name}")
        if fresh:
            source = f"read_parquet({sql_literal(storage.location(data_dir) / FOLDER / f'{name}.parquet')})"
            kind = "table" if name in IN_MEMORY else "view"
            con.execute(f"create {kind} {name} as select * from {source}")
        else:
            sql, params = select(name, body)
            # A view cannot hold parameters: the one value a summary takes is a date we made.
            for key, value in params.items():
                sql = sql.replace(f"${key}", f"date {sql_literal(value.isoformat())}")
            con.execute(f"create view {name} as {sql}")
    return fresh


def write(con: duckdb.DuckDBPyConnection, data_dir: Path, body: dict | None) -> dict:
    """Build every summary from the fact views of `con` into `<data_dir>/summaries/`.

    Each file is written beside its target and renamed over it, so a hard-linked old file
    (an import's stage) is replaced, never changed in place. Returns the index written.
    """
    folder = Path(data_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    rows = {}
    cursor = con.cursor()
    try:
        options = f"(format parquet, compression zstd, row_group_size {ROW_GROUP_ROWS})"
        for name in names():
            target = folder / f"{name}.parquet"
            temporary = folder / f".{name}.parquet.tmp"
            parts = chunks(name, body)
            if len(parts) == 1:
                sql, params = select(name, body)
                cursor.execute(f"copy ({sql}) to {sql_literal(temporary)} {options}", params)
            else:
                pieces = [folder / f".{name}.{i}.parquet.tmp" for i in range(len(parts))]
                for piece, chunk in zip(pieces, parts, strict=True):
                    sql, params = select(name, body, chunk)
                    cursor.execute(f"copy ({sql}) to {sql_literal(piece)} {options}", params)
                joined = f"select * from read_parquet($pieces) order by {CHUNKED[name]}"
                cursor.execute(
                    f"copy ({joined}) to {sql_literal(temporary)} {options}", {"pieces": [str(p) for p in pieces]}
                )
                for piece in pieces:
                    piece.unlink()
            os.replace(temporary, target)
            rows[name] = cursor.execute(f"select count(*) from read_parquet({sql_literal(target)})").fetchone()[0]
    finally:
        cursor.close()
    index = {"fingerprint": fingerprint(body), "rows": rows}
    _write_json(folder / INDEX, index)
    return index


def build(db: Database, force: bool = False) -> list[str]:
    """Bring every summary of `db`'s data directory up to date (all of them with `force`), then check
    the directory and store the report for the Gegevens page. Returns what was built."""
    from regie import period_figures

    built = []
    if force or not db.summaries_fresh:
        # The exact medians of every month hold all service times at once: at 100 million tickets
        # more than a server's limit. Building is an offline job, so it gets REGIE_BUILD_MEMORY.
        limit = db.con.execute("select current_setting('memory_limit')").fetchone()[0]
        db.con.execute(f"set memory_limit = {sql_literal(settings.BUILD_MEMORY.get())}")
        try:
            write(db.con, db.data_dir, db.manifest)
        finally:
            db.con.execute(f"set memory_limit = {sql_literal(limit)}")
        db.refresh()
        built += names()
    if force or not period_figures.is_fresh(db.data_dir, db.manifest):
        period_figures.write(db)
        db.refresh()
        built.append("period_figures")
    if built or stored_check(db.data_dir) is None:
        from regie.check import check

        found = [asdict(v) for v in check(db.data_dir, db, summaries=False)]  # just built from these facts
        _write_json(Path(db.data_dir) / FOLDER / CHECK, {"version": manifest.version(db.data_dir), "violations": found})
    return built


def stored_check(data_dir: Path) -> list | None:
    """The check's violations as `build` stored them for the current data version, or None."""
    from regie.check import Violation

    path = storage.location(data_dir) / FOLDER / CHECK
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    if body.get("version") != manifest.version(data_dir):
        return None
    return [Violation(**found) for found in body.get("violations", [])]


def _write_json(path: Path, body: dict) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, path)
