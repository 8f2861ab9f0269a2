"""The benchmarks' results: one CSV per run in benchmarks/results/, named by script and time."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path


def write(results: Path, prefix: str, rows: list[dict]) -> Path:
    """Write `rows` (dicts with the same keys) as <results>/<prefix>_<YYYYmmdd_HHMMSS>.csv."""
    results.mkdir(parents=True, exist_ok=True)
    target = results / f"{prefix}_{datetime.now():%Y%m%d_%H%M%S}.csv"
    with target.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return target
