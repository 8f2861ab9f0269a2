"""manifest.json: what each table holds, where it came from, and the data version."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb

from regie import storage
from regie.contract import TABLES
from regie.tables_io import table_files

FILE = "manifest.json"


def checksum(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return "sha256:" + digest.hexdigest()


def describe_table(con: duckdb.DuckDBPyConnection, data_dir: Path, name: str) -> dict:
    """Row count, date range and checksum of one table, read through its view."""
    files = table_files(data_dir, name)
    info: dict = {
        "files": [str(p.relative_to(data_dir)) for p in files],
        "checksum": checksum(files),
        "rows": con.execute(f"select count(*) from {name}").fetchone()[0],
    }
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


def write(data_dir: Path, tables: dict[str, dict], data_until: date, loaded_at: datetime, **extra: str) -> Path:
    """Write manifest.json; `tables` maps each table name to its info plus `sources`.

    `data_until` is the last day the data cover; `extra` (e.g. `generator`) is kept at the top.
    """
    for info in tables.values():
        info.setdefault("loaded_at", loaded_at.isoformat(timespec="seconds"))
    body = {"data_until": data_until.isoformat(), **extra, "tables": dict(sorted(tables.items()))}
    path = data_dir / FILE
    path.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def read(data_dir: Path) -> dict | None:
    path = storage.location(data_dir) / FILE
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None


def span(body: dict | None) -> tuple[date, date]:
    """First day covered and the first day not covered, from a manifest's body."""
    body = body or {}
    until = date.fromisoformat(body.get("data_until", date.today().isoformat())) + timedelta(days=1)
    starts = [
        info["date_range"][0]
        for name, info in body.get("tables", {}).items()
        if name in ("tickets", "invoices") and info.get("date_range") and info["date_range"][0]
    ]
    return (date.fromisoformat(min(starts)) if starts else date(until.year - 1, 1, 1)), until


def version(data_dir: Path) -> str:
    """A short fingerprint of the data: changes whenever any import or generation does."""
    path = storage.location(data_dir) / FILE
    if not path.is_file():
        return "none"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
