"""Writing tiny hand-written data directories for tests."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from regie import manifest
from regie.contract import TABLES, arrow_schema
from regie.db import Database
from regie.tables_io import write_table


def rows_table(name: str, rows: list[dict]) -> pa.Table:
    """An Arrow table with the contract's schema; omitted columns are null, money given as text."""
    schema = arrow_schema(name)
    columns = {}
    for field in schema:
        values = [row.get(field.name) for row in rows]
        if pa.types.is_decimal(field.type):
            values = [None if v is None else Decimal(str(v)) for v in values]
        if pa.types.is_timestamp(field.type):
            values = [None if v is None else datetime.fromisoformat(v) if isinstance(v, str) else v for v in values]
        if pa.types.is_date(field.type):
            values = [None if v is None else date.fromisoformat(v) if isinstance(v, str) else v for v in values]
        columns[field.name] = pa.array(values, type=field.type)
    return pa.Table.from_pydict(columns, schema=schema)


def write_fixture(data_dir: Path, **tables: list[dict]) -> Path:
    """Write the given tables (others stay absent) and a manifest, as an import would."""
    data_dir.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        assert name in TABLES, name
        write_table(data_dir / f"{name}.parquet", rows_table(name, rows))
    db = Database(data_dir)
    info = {name: manifest.describe_table(db.con, data_dir, name) for name in tables}
    db.close()
    manifest.write(data_dir, info, date(2025, 12, 31), datetime(2026, 1, 1))
    return data_dir
