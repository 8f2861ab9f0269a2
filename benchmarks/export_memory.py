"""Peak memory and time of the Gegevens downloads, against the usual pandas way, side by side.

    python benchmarks/export_memory.py [--tickets 2000000] [--formats csv_nl,csv,parquet]

Demo data are generated once into benchmarks/cache/. Each export runs in a fresh
process, so its peak resident memory (benchmarks/memory.py) is its own. The baseline is what a
typical Streamlit app does: pandas.read_parquet of the table, then DataFrame.to_csv
(or to_excel). Prints one table and writes it to benchmarks/results/ as CSV.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import csvfile  # noqa: E402

CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from benchmarks.memory import peak_mb
kind, data_dir, way = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
started = time.perf_counter()
if way == "dashboard":
    from regie import exports
    from regie.db import Database
    db = Database(data_dir)
    size = len(exports.export(db.con, kind, "select * from tickets", {{}}))
else:
    import io
    import pandas as pd
    import pyarrow.parquet as pq
    from regie import lake
    frame = pq.read_table(lake.files(data_dir, "tickets"), partitioning=None).to_pandas()
    if kind == "parquet":
        buffer = io.BytesIO(); frame.to_parquet(buffer); size = buffer.tell()
    elif kind == "xlsx":
        buffer = io.BytesIO(); frame.to_excel(buffer, index=False, engine="xlsxwriter"); size = buffer.tell()
    else:
        dutch = kind == "csv_nl"
        text = frame.to_csv(index=False, sep=";" if dutch else ",", decimal="," if dutch else ".")
        size = len(text.encode("utf-8-sig" if dutch else "utf-8"))
elapsed = time.perf_counter() - started
print(json.dumps({{"seconds": elapsed, "peak_mb": peak_mb(),
                  "bytes": size}}))
"""


def measure(kind: str, data_dir: Path, way: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT)), kind, str(data_dir), way],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=2_000_000)
    parser.add_argument("--formats", default="csv_nl,csv,parquet")
    parser.add_argument("--cache", type=Path, default=ROOT / "benchmarks" / "cache")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)

    from regie.demo import generate

    data_dir = args.cache / f"demo-{args.tickets}"
    from regie import lake

    if lake.layout(data_dir) != "lake":
        generate(data_dir, args.tickets, seed=1, as_of=date(2026, 11, 28))
    rows = []
    for kind in args.formats.split(","):
        ours, usual = measure(kind, data_dir, "dashboard"), measure(kind, data_dir, "pandas")
        rows.append({
            "format": kind, "rows": args.tickets,
            "dashboard_s": round(ours["seconds"], 2), "pandas_s": round(usual["seconds"], 2),
            "pandas_over_dashboard_time": round(usual["seconds"] / ours["seconds"], 2),
            "dashboard_peak_mb": round(ours["peak_mb"]), "pandas_peak_mb": round(usual["peak_mb"]),
            "pandas_over_dashboard_memory": round(usual["peak_mb"] / ours["peak_mb"], 2),
            "file_mb": round(ours["bytes"] / 2**20, 1),
        })  # fmt: skip
    header = list(rows[0])
    print(f"Exports of {args.tickets:,} tickets on {platform.machine()}, {platform.python_version()}:")
    print("  ".join(f"{h:>28}" if i else f"{h:>8}" for i, h in enumerate(header)))
    for row in rows:
        print("  ".join(f"{row[h]!s:>28}" if i else f"{row[h]!s:>8}" for i, h in enumerate(header)))
    target = csvfile.write(args.results, "export_memory", [{h: row[h] for h in header} for row in rows])
    print(f"Written to {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
