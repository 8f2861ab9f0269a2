"""Every member's headline figures for every period the dashboard offers, computed once when
the data are written and stored beside the summaries (`summaries/period_figures.parquet`).

They are `kpis.member_figures` itself, run for each complete year, quarter and month and
for the period before each and a year before each, so a page that changes the period reads
six rows instead of running a dozen queries. Figures narrowed to a category or an assignee
group, and periods not stored, are computed live. The file records a fingerprint of
everything the figures depend on (every table's checksum, the service hours, the SQL and
regie/kpis.py); when it does not match, nothing is read from it.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from regie import manifest, settings, storage
from regie.db import QUERY_DIR, Database
from regie.kpis import UNITS, member_figures
from regie.overview import trend_periods
from regie.periods import Period, available
from regie.summaries import FOLDER

FILE = "period_figures.parquet"
DICT_UNITS = ("pct_by_priority", "count_by_age", "eur_by_key")
_META = b"regie_fingerprint"


def periods(body: dict | None) -> list[Period]:
    """The periods stored: each offered period, the one before it, the one a year before, the
    quarters of its Overzicht trend (for the first periods of the data, quarters before them), and
    its calendar year (Samen doen and the board pack show the year so far)."""
    first, until = manifest.span(body)
    shown = (
        (q, q.previous(), q.year_ago(), *trend_periods(q), Period.parse(str(q.year))) for q in available(first, until)
    )
    names = dict.fromkeys(str(p) for group in shown for p in group)
    return [Period.parse(name) for name in names]


def fingerprint(body: dict | None) -> str | None:
    if body is None:
        return None
    tables = body.get("tables", {})
    parts = [f"{name}={info.get('checksum')}" for name, info in sorted(tables.items())]
    parts += [body.get("data_until") or "", settings.SERVICE_HOURS.get(), settings.GOOD_FRIDAY.get()]
    parts.append(",".join(str(p) for p in periods(body)))  # a file of other periods is not read
    parts += [p.read_text(encoding="utf-8") for p in sorted(QUERY_DIR.rglob("*.sql"))]
    parts.append((Path(__file__).resolve().parent / "kpis.py").read_text(encoding="utf-8"))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _plain(value):
    """A JSON-ready scalar: numpy numbers as Python numbers; NaN stays NaN (json writes it as NaN)."""
    if value is None:
        return None
    return int(value) if isinstance(value, int | np.integer) else float(value)


def _encode(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.reset_index()
    for name in out.columns:
        if UNITS.get(name) in DICT_UNITS:
            out[name] = [json.dumps({k: _plain(v) for k, v in d.items()}) for d in out[name]]
    return out


def _decode(frame: pd.DataFrame) -> pd.DataFrame:
    for name in frame.columns:
        if UNITS.get(name) in DICT_UNITS:
            frame[name] = [json.loads(d) for d in frame[name]]
    return frame.set_index("municipality_code")


def is_fresh(data_dir: Path, body: dict | None) -> bool:
    path = storage.location(data_dir) / FOLDER / FILE
    wanted = fingerprint(body)
    try:
        with path.open("rb") as handle:
            found = pq.read_schema(handle).metadata or {}
    except (OSError, pa.ArrowInvalid):
        return False
    return wanted is not None and found.get(_META) == wanted.encode()


def write(db: Database) -> int:
    """Compute and store the figures of every stored period; returns the number of periods.

    Two periods at a time: DuckDB runs a query without holding Python's lock, and each
    query has its own cursor."""
    body = manifest.read(db.data_dir)
    chosen = periods(body)
    with ThreadPoolExecutor(max_workers=2) as pool:
        computed = list(pool.map(lambda period: member_figures(db.run, period), chosen))
    frames = [_encode(frame).assign(period=str(period)) for period, frame in zip(chosen, computed, strict=True)]
    if frames:
        table = pa.Table.from_pandas(pd.concat(frames, ignore_index=True), preserve_index=False)
    else:  # no complete period yet: an empty file, so the figures count as up to date
        table = pa.table({"period": pa.array([], pa.string())})
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), _META: fingerprint(body).encode()})
    folder = db.data_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{FILE}.tmp"
    pq.write_table(table, temporary, compression="zstd")
    os.replace(temporary, folder / FILE)
    return len(chosen)


class Stored:
    """The stored figures of one data version, read on first use and sliced by period."""

    def __init__(self, data_dir: Path, body: dict | None):
        self.path = storage.location(data_dir) / FOLDER / FILE
        self.wanted = fingerprint(body)
        self._frame: pd.DataFrame | None = None
        self._lock = threading.Lock()

    def _load(self) -> pd.DataFrame:
        with self._lock:
            if self._frame is None:
                self._frame = pd.DataFrame()
                if self.wanted is not None and self.path.is_file():
                    try:
                        with self.path.open("rb") as handle:
                            table = pq.read_table(handle)
                    except (OSError, pa.ArrowInvalid):
                        return self._frame
                    if table.num_rows and (table.schema.metadata or {}).get(_META) == self.wanted.encode():
                        self._frame = _decode(table.to_pandas(ignore_metadata=True))
            return self._frame

    def get(self, period: Period) -> pd.DataFrame | None:
        """The figures of a period (a fresh copy), or None when they are not stored."""
        frame = self._load()
        if frame.empty:
            return None
        part = frame[frame["period"] == str(period)]
        return part.drop(columns="period") if len(part) else None
