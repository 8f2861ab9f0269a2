"""The benchmark scripts run at a tiny size, so that they cannot rot (timings are not asserted)."""

import csv
import subprocess
import sys
import textwrap
from pathlib import Path

from benchmarks import export_memory, run

ROOT = Path(__file__).resolve().parent.parent


def test_export_memory_benchmark_runs(tmp_path, capsys):
    assert export_memory.main(["--tickets", "300", "--formats", "csv_nl,parquet", "--cache", str(tmp_path / "cache"),
                               "--results", str(tmp_path / "results")]) == 0  # fmt: skip
    [written] = (tmp_path / "results").glob("export_memory_*.csv")
    with written.open() as handle:
        rows = list(csv.DictReader(handle))
    assert [r["format"] for r in rows] == ["csv_nl", "parquet"] and all(float(r["dashboard_peak_mb"]) > 0 for r in rows)
    assert "pandas_over_dashboard_memory" in capsys.readouterr().out


def test_page_benchmark_runs_every_measurement(tmp_path, capsys):
    assert run.main(["--tickets", "3000", "--repeat", "1", "--sessions", "3", "--cache", str(tmp_path / "cache"),
                     "--results", str(tmp_path / "results")]) == 0  # fmt: skip
    [written] = (tmp_path / "results").glob("run_*.csv")
    with written.open() as handle:
        rows = list(csv.DictReader(handle))
    measured = {(r["measure"], r["page"]) for r in rows}
    for page in run.PAGES:
        for measure in ("cold_first_run", "warm_filter_change", "floor_sql_only", "page_over_floor"):
            assert (measure, page) in measured
    for measure in (
        "pandas_over_page",
        "dashboard_peak_memory",
        "cold_peak_memory",
        "sessions_errors",
        "sessions_p95",
        "sessions_p95_worst_burst",
    ):
        assert measure in {m for m, _ in measured}
    assert next(r for r in rows if r["measure"] == "sessions_errors")["value"] == "0"
    out = capsys.readouterr().out
    assert "page/floor" in out and "pandas / page" in out and "concurrent sessions: 0 errors" in out


def test_peak_memory_is_the_process_own_not_its_parents():
    # A parent that holds 400 MB starts a child: ru_maxrss would report the parent's 400 MB in the
    # child (Linux keeps it across exec); peak_mb reports the child's own, small peak.
    parent = textwrap.dedent(f"""
        import subprocess, sys
        held = bytearray(400 * 1024 * 1024)
        held[::4096] = b"x" * len(held[::4096])
        child = "import sys; sys.path.insert(0, {str(ROOT)!r}); from benchmarks.memory import peak_mb; print(peak_mb())"
        print(subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True).stdout)
    """)
    out = subprocess.run([sys.executable, "-c", parent], capture_output=True, text=True, check=True).stdout
    assert 1 < float(out) < 100


def test_import_benchmark_runs_every_scenario(tmp_path, capsys):
    from benchmarks import imports

    sizes = ["--small", "2000", "--large", "4000", "--tickets", "20", "--batch", "200", "--csv", "300"]
    folders = ["--cache", str(tmp_path / "cache"), "--results", str(tmp_path / "results")]
    assert imports.main([*sizes, "--repeat", "1", *folders]) == 0
    [written] = (tmp_path / "results").glob("imports_*.csv")
    with written.open() as handle:
        rows = {r["scenario"]: r for r in csv.DictReader(handle)}
    assert sorted(rows) == ["csv_million_small", "invoice_small", "tickets_890_large", "tickets_890_small",
                            "tickets_batch_large"]  # fmt: skip
    assert all(float(r["seconds"]) > 0 and float(r["peak_mb"]) > 0 for r in rows.values())
    # 300 CSV tickets; three lines and an allowance; 20, 20 and 200 tickets
    assert [rows[n]["written"] for n in sorted(rows)] == ["300", "4", "20", "20", "200"]
    out = capsys.readouterr().out
    assert "890 tickets, large / small:" in out and "before s" in out


def test_whatif_benchmark_runs_every_change(tmp_path, capsys, monkeypatch):
    from benchmarks import whatif

    monkeypatch.setenv("REGIE_DATA_DIR", str(tmp_path))  # restored after: the script points it at its data
    assert whatif.main(["--tickets", "3000", "--repeat", "1", "--cache", str(tmp_path / "cache"),
                        "--results", str(tmp_path / "results")]) == 0  # fmt: skip
    [written] = (tmp_path / "results").glob("whatif_*.csv")
    with written.open() as handle:
        rows = list(csv.DictReader(handle))
    assert [r["change"] for r in rows] == [name for name, _ in whatif.CHANGES]
    assert all(float(r["page_ms"]) > 0 and float(r["facts_ms"]) > 0 for r in rows)
    assert "facts / sql" in capsys.readouterr().out
