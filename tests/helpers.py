"""Writing tiny hand-written data directories for tests."""

from __future__ import annotations

import atexit
import hashlib
import shutil
import socket
import tempfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from regie import derive, lake, settings, summaries
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


def write_fixture(data_dir: Path, until: date = date(2025, 12, 31), **tables: list[dict]) -> Path:
    """Write the given tables (the others stay empty) and a manifest into a lake, as an import would;
    `until` is the data's last day (data_until).
    Into a new directory, the same tables are written once per test session and copied after that
    (a copied lake reads its own files), which keeps the many small fixtures cheap."""
    arrow = {}
    for name, rows in tables.items():
        assert name in TABLES, name
        arrow[name] = rows_table(name, rows)
    data_dir = Path(data_dir)
    # A new directory holding the whole lake (not a catalog or files elsewhere) can be a copy.
    fresh = not data_dir.exists() or not any(data_dir.iterdir())
    fresh = fresh and lake.catalog_kind() == "sqlite" and not settings.DATA_PATH.get()
    key = _content_key(arrow) + until.isoformat()
    if fresh and key in _WRITTEN:
        shutil.copytree(_WRITTEN[key], data_dir, dirs_exist_ok=True)
        return data_dir
    with lake.locked(data_dir):
        derive.write_tables(data_dir, arrow, until, datetime(2026, 1, 1), "fixture")
    if fresh:
        kept = Path(tempfile.mkdtemp(prefix="regie-fixture-")) / "data"
        atexit.register(shutil.rmtree, kept.parent, True)
        shutil.copytree(data_dir, kept, ignore=shutil.ignore_patterns(lake.LOCK))
        _WRITTEN[key] = kept
    return data_dir


_WRITTEN: dict[str, Path] = {}  # the content of a fixture -> a lake written with it this session


def _content_key(arrow: dict[str, pa.Table]) -> str:
    """The tables' content and the code and settings that derive from them."""
    digest = hashlib.sha256(summaries.fingerprint().encode())
    for name in sorted(arrow):
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, arrow[name].schema) as stream:
            stream.write_table(arrow[name])
        digest.update(name.encode() + b"\0" + sink.getvalue().to_pybytes())
    return digest.hexdigest()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (for the servers the tests start)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
