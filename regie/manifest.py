"""The manifest: what each table holds, where it came from, and the last day the data cover.

It is one row of the lake table `regie_manifest` (a JSON text), written in the same
transaction as the facts it describes, so every snapshot has the manifest of its own data.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb

from regie.contract import TABLES

TABLE = "regie_manifest"


def checksum(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return "sha256:" + digest.hexdigest()


def describe_table(con: duckdb.DuckDBPyConnection, name: str) -> dict:
    """Row count and date range of one table, read through its view on `con`."""
    info: dict = {"rows": con.execute(f"select count(*) from {name}").fetchone()[0]}
    columns = TABLES[name].date_columns
    if columns:
        low = ", ".join(f"min({c})" for c in columns)
        high = ", ".join(f"max({c})" for c in columns)
        first, last = con.execute(f"select least({low}), greatest({high}) from {name}").fetchone()
        info["date_range"] = [_iso_date(first), _iso_date(last)]
    return info


def _iso_date(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def body(tables: dict[str, dict], data_until: date, loaded_at: datetime, **extra) -> dict:
    """A manifest; `tables` maps each table name to its info plus `sources`. `data_until` is the
    last day the data cover; `extra` (e.g. `generator`, `imports`) is kept at the top."""
    for info in tables.values():
        info.setdefault("loaded_at", loaded_at.isoformat(timespec="seconds"))
    return {"data_until": data_until.isoformat(), **extra, "tables": dict(sorted(tables.items()))}


def write(con: duckdb.DuckDBPyConnection, found: dict) -> None:
    """Store the manifest in the lake attached to `con` (inside the caller's write transaction)."""
    text = json.dumps(found, ensure_ascii=False, sort_keys=False)
    con.execute(f"create table if not exists lake.{TABLE} (body varchar)")
    con.execute(f"delete from lake.{TABLE}")
    con.execute(f"insert into lake.{TABLE} values ($body)", {"body": text})


def read(con: duckdb.DuckDBPyConnection) -> dict | None:
    """The manifest of the lake attached to `con` (at its snapshot), or None."""
    from regie import lake

    if TABLE not in lake.tables(con):
        return None
    row = con.execute(f"select body from lake.{TABLE}").fetchone()
    try:
        return json.loads(row[0]) if row else None
    except json.JSONDecodeError:
        return None


def last_day(tables: dict[str, dict]) -> date:
    """The last day the tickets and invoices of a manifest's `tables` cover (today without either)."""
    ends = [
        info["date_range"][1] for n, info in tables.items() if n in ("tickets", "invoices") and info.get("date_range")
    ]
    return max((date.fromisoformat(e) for e in ends if e), default=date.today())


def span(found: dict | None) -> tuple[date, date]:
    """First day covered and the first day not covered, from a manifest."""
    found = found or {}
    until = date.fromisoformat(found.get("data_until", date.today().isoformat())) + timedelta(days=1)
    starts = [
        info["date_range"][0]
        for name, info in found.get("tables", {}).items()
        if name in ("tickets", "invoices") and info.get("date_range") and info["date_range"][0]
    ]
    return (date.fromisoformat(min(starts)) if starts else date(until.year - 1, 1, 1)), until
