"""Helpers for import tests: a small base directory, reading a table back, a tree fingerprint."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from tests.helpers import write_fixture

MEMBERS = [
    {"municipality_code": "GM9001", "name": "Turfbrug", "is_ssc_member": True},
    {"municipality_code": "GM9002", "name": "Veenhoven", "is_ssc_member": True},
    {"municipality_code": "SSC", "name": "SSC", "is_ssc_member": False},
]
CONTRACTS = [
    {
        "contract_id": "C-TEL", "supplier_id": "12345678", "title": "Mobiele telefonie", "route": "collective",
        "cost_category": "telephony", "start_date": "2024-01-01", "end_date": "2027-12-31", "ceiling_eur": "500000",
    },
]  # fmt: skip


def base(path: Path) -> Path:
    """Two members and the SSC, one contract; the other tables are empty."""
    return write_fixture(path, municipalities=MEMBERS, contracts=CONTRACTS)


def rows(data_dir: Path, table: str, where: str = "true") -> list[tuple]:
    """A table read back from the data directory, in key order."""
    from regie.contract import TABLES

    source = (
        f"read_parquet('{data_dir}/{table}/**/*.parquet', hive_partitioning = false)"
        if (data_dir / table).is_dir()
        else f"read_parquet('{data_dir}/{table}.parquet')"
    )
    columns = ", ".join(TABLES[table].column_names)
    order = ", ".join(TABLES[table].key)
    with duckdb.connect() as con:
        return con.execute(f"select {columns} from {source} where {where} order by {order}").fetchall()


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under a folder with its SHA-256: equal fingerprints mean byte-for-byte equal trees."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
