"""What an import costs, on the demo and on a large data directory, beside the figures before the lake.

    python benchmarks/imports.py [--small 250000] [--large 10000000] [--batch 100000] [--repeat 3]

Each import runs in a process of its own (its peak memory is its own) on a fresh copy of the
data directory (cached in benchmarks/cache/, as benchmarks/run.py makes it):

- 890 tickets (the size of a real ServiceNow export) into the small and the large directory:
  the newest 890 tickets again under new numbers, as a weekly export brings them;
- one e-invoice (three lines) into the small directory;
- `--batch` tickets (100,000) into the large directory;
- `--csv` tickets (1,000,000) as one semicolon CSV (about 140 MB) into the small directory: the
  reading and checking of a large export, against the figures of issue 18 (13.8 s and 2.4 GB
  before the lake; 18-24 s and 2.6 GB with Arrow's reader before DuckDB's).

Prints the median seconds and the highest peak memory of `--repeat` runs beside the targets of
the store issue, the figures measured before the lake (ISSUE_BEFORE) and the previous run of this
script (benchmarks/results/), and the ratio large / small of the 890-ticket import, which should
not grow with what is already there.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.memory import peak_mb  # noqa: E402
from benchmarks.run import data_for  # noqa: E402

TARGETS = {"invoice_small": 3.0, "tickets_batch_large": 30.0, "csv_million_small": 13.8}  # s; 890: the ratio
TARGET_MB = 1024.0
RATIO_TARGET = 2.0  # 890 tickets into the large directory, against the small one
ISSUE_BEFORE = {  # seconds, MB
    "tickets_890_large": (152.0, 2355.0), "invoice_small": (42.0, None), "csv_million_small": (13.8, 2400.0),
}  # fmt: skip
DERIVED = ("closed_at", "response_business_minutes", "resolution_business_minutes")  # the import computes them


def _tickets_file(data_dir: Path, count: int, folder: Path) -> Path:
    """The newest `count` tickets of `data_dir` under new numbers, as Parquet with the contract's columns."""
    from regie.contract import TABLES
    from regie.db import Database

    columns = [c for c in TABLES["tickets"].column_names if c not in DERIVED]
    db = Database(data_dir)
    try:
        rows = db.sql(
            f"select 'NEW-' || ticket_id as ticket_id, {', '.join(c for c in columns if c != 'ticket_id')} "
            "from tickets order by opened_at desc, ticket_id limit $n",
            {"n": count},
        )
    finally:
        db.close()
    path = folder / f"tickets_{count}.parquet"
    rows.to_parquet(path, index=False)
    return path


def _csv_file(data_dir: Path, count: int, folder: Path) -> Path:
    """`count` tickets under new numbers (the directory's tickets, repeated), as a semicolon CSV."""
    from regie.contract import TABLES
    from regie.db import Database
    from regie.sqlfiles import sql_literal

    columns = [c for c in TABLES["tickets"].column_names if c not in DERIVED and c != "ticket_id"]
    path = folder / f"tickets_{count}.csv"
    db = Database(data_dir)
    try:
        copies = -(-count // int(db.sql("select count(*) from tickets").iloc[0, 0]))
        db.con.execute(
            f"copy (select 'C' || k || '-' || ticket_id as ticket_id, {', '.join(columns)} from tickets, "
            f"range({copies}) as r(k) order by k, opened_at, ticket_id limit {count}) "
            f"to {sql_literal(str(path))} (header, delimiter ';')"
        )
    finally:
        db.close()
    return path


def _invoice_file(data_dir: Path, folder: Path) -> Path:
    from regie.db import Database
    from tests.importing.test_ubl import INVOICE

    db = Database(data_dir)
    try:
        contract = db.sql("select contract_id from contracts where municipality_code = 'GM9001' limit 1").iloc[0, 0]
    finally:
        db.close()
    path = folder / "invoice.xml"
    path.write_text(INVOICE.replace("C-TEL", contract).replace("F-1", "BENCH-1"), encoding="utf-8")
    return path


def _child(kind: str, source: str, data: str, municipality: str | None) -> None:
    from regie.importing import run_import

    start = time.perf_counter()
    outcome = run_import(kind, [Path(source)], Path(data), municipality=municipality)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb(), "written": outcome.written}))


def measure(data_dir: Path, kind: str, make_file, municipality: str | None = None, repeat: int = 1) -> dict:
    """Import into a fresh copy of `data_dir` in a process of its own, `repeat` times; the median
    seconds, the highest peak MB and the rows written."""
    runs = [_measure_once(data_dir, kind, make_file, municipality) for _ in range(repeat)]
    return {"seconds": statistics.median(r["seconds"] for r in runs), "peak_mb": max(r["peak_mb"] for r in runs),
            "written": runs[0]["written"], "runs": [round(r["seconds"], 2) for r in runs]}  # fmt: skip


def _measure_once(data_dir: Path, kind: str, make_file, municipality: str | None) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(data_dir, copy)
        source = make_file(copy, Path(scratch))
        command = [sys.executable, __file__, "--child", kind, str(source), str(copy), municipality or ""]
        done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
        return json.loads(done.stdout.strip().splitlines()[-1])


def _previous(results: Path) -> dict:
    """Each scenario's row of the latest run that measured it."""
    found = {}
    for run in sorted(results.glob("imports_*.csv")):
        with run.open() as handle:
            found.update({row["scenario"]: row for row in csv.DictReader(handle)})
    return found


def _cell(value, digits=1) -> str:
    return "-" if value in (None, "") else f"{float(value):,.{digits}f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=250_000)
    parser.add_argument("--large", type=int, default=10_000_000)
    parser.add_argument("--batch", type=int, default=100_000)
    parser.add_argument("--tickets", type=int, default=890, help="the tickets of the small import")
    parser.add_argument("--csv", type=int, default=1_000_000, help="the tickets of the CSV import")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each import (median seconds)")
    parser.add_argument("--cache", type=Path, default=ROOT / "benchmarks" / "cache")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--only", nargs="+", help="these scenarios only (names as printed)")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, source, data, municipality = args.child
        _child(kind, source, data, municipality or None)
        return 0
    count, batch, n = args.tickets, args.batch, args.repeat
    scenarios = {  # name: (directory size, table, the file, municipality)
        "tickets_890_small": (args.small, "tickets", lambda d, f: _tickets_file(d, count, f), None),
        "tickets_890_large": (args.large, "tickets", lambda d, f: _tickets_file(d, count, f), None),
        "invoice_small": (args.small, "invoices", _invoice_file, "GM9001"),
        "tickets_batch_large": (args.large, "tickets", lambda d, f: _tickets_file(d, batch, f), None),
        "csv_million_small": (args.small, "tickets", lambda d, f: _csv_file(d, args.csv, f), None),
    }
    chosen = args.only or list(scenarios)
    found = {}
    for name in chosen:
        size, kind, make_file, municipality = scenarios[name]
        found[name] = measure(data_for(size, args.cache), kind, make_file, municipality, repeat=n)
    pair = ("tickets_890_large", "tickets_890_small")
    ratio = found[pair[0]]["seconds"] / found[pair[1]]["seconds"] if set(pair) <= set(found) else None
    previous = _previous(args.results)
    print(f"Imports: small {args.small:,} tickets, large {args.large:,}; {count} and {batch:,} tickets imported; "
          f"median of {n} runs, highest peak")  # fmt: skip
    print(f"{'scenario':<22}{'seconds':>9}{'peak MB':>9}{'target s':>10}{'before s':>10}{'before MB':>11}"
          f"{'previous s':>12}{'previous MB':>13}")  # fmt: skip
    for name, value in found.items():
        before_s, before_mb = ISSUE_BEFORE.get(name, (None, None))
        last = previous.get(name, {})
        print(f"{name:<22}{value['seconds']:>9.2f}{value['peak_mb']:>9.0f}{_cell(TARGETS.get(name)):>10}"
              f"{_cell(before_s):>10}{_cell(before_mb, 0):>11}{_cell(last.get('seconds'), 2):>12}"
              f"{_cell(last.get('peak_mb'), 0):>13}")  # fmt: skip
    worst_mb = max(v["peak_mb"] for v in found.values())
    print("runs, seconds: " + "; ".join(f"{name} {value['runs']}" for name, value in found.items()))
    if ratio is not None:
        print(f"890 tickets, large / small: {ratio:.2f} (target at most {RATIO_TARGET:.1f})")
    print(f"peak memory at most {worst_mb:,.0f} MB (target {TARGET_MB:,.0f})")
    args.results.mkdir(parents=True, exist_ok=True)
    out = args.results / f"imports_{datetime.now():%Y%m%d_%H%M%S}.csv"
    with out.open("w", newline="") as handle:
        writer = csv.DictWriter(
            handle, ["scenario", "seconds", "peak_mb", "written", "small", "large", "tickets", "batch"]
        )
        writer.writeheader()
        sizes = {"small": args.small, "large": args.large, "tickets": count, "batch": batch}
        for name, value in found.items():
            seconds, peak = f"{value['seconds']:.3f}", f"{value['peak_mb']:.0f}"
            writer.writerow(
                {"scenario": name, "seconds": seconds, "peak_mb": peak, "written": value["written"], **sizes}
            )
    print(f"Written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
