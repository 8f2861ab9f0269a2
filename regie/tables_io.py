"""Writing and locating contract tables on disk (Parquet, CSV, Hive-partitioned folders)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from regie.contract import TABLES, arrow_schema

PARQUET_OPTIONS = {"compression": "zstd", "write_statistics": True}


def decimal_from_cents(values, precision: int = 14, scale: int = 2) -> pa.Array:
    """An exact Arrow decimal array from whole units of the last decimal (cents); None is null."""
    values = list(values) if not isinstance(values, np.ndarray) else values
    missing = np.array([v is None for v in values], dtype=bool) if not isinstance(values, np.ndarray) else None
    cents = np.array([0 if v is None else v for v in values] if missing is not None else values, dtype="int64")
    words = np.empty((cents.size, 2), dtype="int64")
    words[:, 0] = cents
    words[:, 1] = np.where(cents < 0, -1, 0)  # two's complement sign extension to 128 bits
    validity = pa.array(~missing).buffers()[1] if missing is not None and missing.any() else None
    return pa.Array.from_buffers(pa.decimal128(precision, scale), cents.size, [validity, pa.py_buffer(words)])


def to_table(name: str, columns: Mapping[str, object]) -> pa.Table:
    """An Arrow table in the contract's column order and types; every column must be given."""
    schema = arrow_schema(name)
    missing = set(schema.names) - set(columns)
    extra = set(columns) - set(schema.names)
    if missing or extra:
        raise ValueError(f"{name}: missing columns {sorted(missing)}, unknown columns {sorted(extra)}")
    arrays = []
    for field in schema:
        value = columns[field.name]
        if isinstance(value, pa.Array | pa.ChunkedArray):
            arrays.append(value.cast(field.type))
        else:
            arrays.append(pa.array(value, type=field.type, from_pandas=True))
    return pa.Table.from_arrays(arrays, schema=schema)


def write_table(path: Path, table: pa.Table) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, **PARQUET_OPTIONS)


def table_files(data_dir: Path, name: str) -> list[Path]:
    """The files that hold a table: `<name>.parquet`, `<name>.csv`, or a partitioned folder."""
    single = data_dir / f"{name}.parquet"
    if single.is_file():
        return [single]
    folder = data_dir / name
    if folder.is_dir():
        return sorted(folder.rglob("*.parquet"))
    csv = data_dir / f"{name}.csv"
    if csv.is_file() and TABLES[name].reference:
        return [csv]
    return []
