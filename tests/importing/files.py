"""Helpers for import tests: a small base directory, reading a table back, a tree fingerprint."""

from __future__ import annotations

from pathlib import Path

import duckdb

from regie import lake
from regie.db import Database
from tests.helpers import write_fixture

MEMBERS = [
    {"municipality_code": "GM9001", "name": "Turfbrug", "is_ssc_member": True},
    {"municipality_code": "GM9002", "name": "Veenhoven", "is_ssc_member": True},
    {"municipality_code": "SSC", "name": "SSC", "is_ssc_member": False},
]
# Both members take part in every year the import tests use (product.md, "Coverage").
YEARS = [
    {"municipality_code": code, "year": year, "inhabitants": 10_000, "workstations": 100, "allocation_share": "0.5"}
    for year in range(2024, 2027)
    for code in ("GM9001", "GM9002")
]
CONTRACTS = [
    {
        "contract_id": "C-TEL", "supplier_id": "12345678", "title": "Mobiele telefonie", "route": "collective",
        "cost_category": "telephony", "start_date": "2024-01-01", "end_date": "2027-12-31", "ceiling_eur": "500000",
    },
]  # fmt: skip


def base(path: Path) -> Path:
    """Two members taking part in 2024-2026 and the SSC, one contract; the other tables are empty."""
    return write_fixture(path, municipalities=MEMBERS, municipality_years=YEARS, contracts=CONTRACTS)


def rows(data_dir: Path, table: str, where: str = "true") -> list[tuple]:
    """A table read back from the data directory's newest snapshot, in key order."""
    from regie.contract import TABLES

    columns = ", ".join(TABLES[table].column_names)
    order = ", ".join(TABLES[table].key)
    db = Database(data_dir)
    try:
        return db.con.execute(f"select {columns} from {table} where {where} order by {order}").fetchall()
    finally:
        db.close()


def fingerprint(data_dir: Path) -> dict[str, object]:
    """The newest snapshot and every lake table's row count and content hash (the sum of its rows'
    hashes): equal fingerprints mean the same data."""
    con = duckdb.connect()
    try:
        lake.attach(con, data_dir)
        found: dict[str, object] = {"snapshot": lake.head(con)}
        for name in sorted(lake.tables(con)):
            found[name] = con.execute(
                f"select count(*), cast(coalesce(sum(hash(t)), 0) as varchar) from lake.{name} t"
            ).fetchone()
        return found
    finally:
        con.close()
