"""Writing tiny hand-written data directories for tests."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from regie import derive, lake
from regie.contract import TABLES, arrow_schema


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
    """Write the given tables (the others stay empty) and a manifest into a lake, as an import would."""
    arrow = {}
    for name, rows in tables.items():
        assert name in TABLES, name
        arrow[name] = rows_table(name, rows)
    with lake.locked(data_dir):
        derive.write_tables(data_dir, arrow, date(2025, 12, 31), datetime(2026, 1, 1), "fixture")
    return data_dir
