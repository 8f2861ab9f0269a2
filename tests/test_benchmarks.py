"""The benchmark scripts run at a tiny size, so that they cannot rot (timings are not asserted)."""

import csv

from benchmarks import export_memory


def test_export_memory_benchmark_runs(tmp_path, capsys):
    assert export_memory.main(["--tickets", "300", "--formats", "csv_nl,parquet", "--cache", str(tmp_path / "cache"),
                               "--results", str(tmp_path / "results")]) == 0  # fmt: skip
    [written] = (tmp_path / "results").glob("export_memory_*.csv")
    with written.open() as handle:
        rows = list(csv.DictReader(handle))
    assert [r["format"] for r in rows] == ["csv_nl", "parquet"] and all(float(r["dashboard_peak_mb"]) > 0 for r in rows)
    assert "pandas_over_dashboard_memory" in capsys.readouterr().out
