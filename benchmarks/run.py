"""Speed and memory of every page at scale, beside the floor and the pandas way, in one run.

    python benchmarks/run.py [--tickets 10000000[,1000000,...]] [--repeat 5] [--sessions 16] [--pandas-up-to N]

Demo data of each size are generated once into benchmarks/cache/ (with their summaries).
Each measurement runs in a process of its own, so its memory is its own:

- cold: a fresh process renders the page once (AppTest, the router and the page), median of
  `--repeat` processes;
- warm: one dashboard process opens every page, then changes the period to values no
  measurement in that process has used before, and times the rerun (median and P95);
- floor: the SQL that rerun ran, replayed on a bare DuckDB connection with nothing else, in a
  process of its own;
- pandas: the Overzicht tiles in pandas from frames read once with pandas.read_parquet
  (benchmarks/pandas_way.py), for the same new periods, checked against the dashboard;
- memory: peak resident memory of the dashboard process (benchmarks/memory.py) and of the pandas one;
- sessions: `--sessions` threads in one dashboard process, each its own session on another
  page and period at once, `--repeat` bursts with the filter-keyed caches emptied before each;
  errors, median and P95 of all their reruns, and each burst's P95; then one burst split over
  two dashboard processes (replicas, as docs/deployment.md describes).

Prints one table per size with the ratios (page / floor, pandas / page) and the targets of
issue 9, and writes all figures to benchmarks/results/ as CSV.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import csvfile  # noqa: E402
from benchmarks.memory import peak_mb  # noqa: E402

DASHBOARD = str(ROOT / "dashboard.py")
AS_OF = date(2026, 11, 28)
PAGES = ("overzicht", "dienstverlening", "kosten", "leveranciers", "samen", "herijking", "gegevens", "vergadering")
KEY = {page: "kwartaal" if page == "vergadering" else "periode" for page in PAGES}  # the filter changed
TARGETS = {"warm_ms": 300.0, "cold_s": 3.0, "peak_mb": 1536.0, "pandas_over_page": 5.0, "p95_s": 2.0}
TARGET_TICKETS = 10_000_000  # the size the targets are set for; other sizes are compared with them


def data_for(tickets: int, cache: Path) -> Path:
    from regie import derive, lake
    from regie.demo import generate

    data_dir = cache / f"t{tickets}"
    if lake.layout(data_dir) != "lake":
        print(f"Generating {tickets:,} tickets into {data_dir} ...", file=sys.stderr, flush=True)
        generate(data_dir, tickets, seed=1, as_of=AS_OF)
    built = derive.summarize(data_dir)  # data made by an older version, as `python -m regie summarize` would
    if built:
        print(f"Brought {', '.join(built)} up to date in {data_dir}", file=sys.stderr, flush=True)
    return data_dir


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _child(mode: str, data_dir: Path, *extra: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--data", str(data_dir), *extra],
        check=True, capture_output=True, text=True, env={**os.environ, "REGIE_DATA_DIR": str(data_dir)},
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- in the child processes


class Recorder:
    """Records the SQL every Database runs while it is on (for the floor)."""

    def __init__(self) -> None:
        from regie import db

        self.calls: list[tuple[str, dict]] = []
        self.on = False
        original = db.Database.sql

        def recorded(this, sql, params=None, label="query"):
            if self.on:
                self.calls.append((sql, dict(params or {})))
            return original(this, sql, params, label)

        db.Database.sql = recorded

    def take(self) -> list[tuple[str, dict]]:
        calls, self.calls = self.calls, []
        return calls


_COMPONENTS: dict = {}


def _like_a_server() -> None:
    """Make AppTest share what a Streamlit server shares between sessions, so that the sessions in
    threads measure the app and not the harness:

    - one cache of the scripts' compiled code, as the server's Runtime holds; AppTest makes a new one
      for every run, in two places, and compiles the router and the page again. Compiling in many
      threads at once also trips Python 3.11's parser now and then ("AST constructor recursion depth
      mismatch"), which left a session without the router's filters;
    - a run's end heard as the SHUTDOWN event, as a server hears it by callback; AppTest's caller
      polls for it every millisecond, and sixteen polling threads take the interpreter lock from the
      pages they wait for;
    - one runtime: AppTest puts a mock of its own in the global Runtime._instance for each run and
      sets it to None after, which breaks the other sessions running at that moment (a missing
      session-state key, seen in about one burst in six). The first mock stays for all;
    - one answer to "is this the legacy pages/ mode": AppTest resets PagesManager's class-wide flag
      before every run, so a session running then may take itself for a fresh server's first
      visitor (ui.mark_routed) and stop for a switch_page that AppTest does not follow. A server
      decides it once; here the reset goes to a subclass and the flag stays as the first run left it."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import ScriptRunnerEvent
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared

    def wait_for_shutdown(runner, timeout: float = 3) -> None:
        ended = threading.Event()

        def heard(sender, event, **kwargs) -> None:
            if event == ScriptRunnerEvent.SHUTDOWN:
                ended.set()

        runner.on_event.connect(heard, weak=False)
        if runner.script_stopped() or ended.wait(timeout):  # stopped before we listened, or heard
            return
        runner.request_stop()
        runner.join()
        raise RuntimeError(f"AppTest script run timed out after {timeout}(s)")

    local_script_runner.require_widgets_deltas = wait_for_shutdown

    class Sticky(type):
        @property
        def _instance(cls):
            return Runtime._instance

        @_instance.setter
        def _instance(cls, value):
            if Runtime._instance is None and value is not None:
                Runtime._instance = value

    app_test.Runtime = Sticky("Runtime", (Runtime,), {})
    app_test.PagesManager = type("PagesManager", (PagesManager,), {})


def _open(page: str, value: str | None = None) -> float:
    """One session opens `page`, with `value` for its period filter in the URL; returns the seconds
    of that script run (the router and the page), checked to have used the value.

    This is the work of a rerun after a filter change: Streamlit reruns the whole script. (AppTest
    cannot change the sidebar's widgets after the first run under st.navigation, so each change is
    a session of its own, in the same warm process.)"""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(DASHBOARD, default_timeout=600)
    # A server scans the installed packages for components once, at start; AppTest does so for every
    # new AppTest (a quarter of a second here). Sessions after the process's first share the first scan.
    at._bidi_component_manager = _COMPONENTS.get("manager")
    if value is not None:
        at.query_params[KEY[page]] = value
    at.switch_page(f"pages/{page}.py")
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    _COMPONENTS.setdefault("manager", at._bidi_component_manager)
    if at.exception:
        raise RuntimeError(f"{page} {value}: {[e.value for e in at.exception]}")
    if value is not None:
        used = at.session_state[KEY[page]] if KEY[page] == "kwartaal" else str(at.session_state["_filters"].period)
        if used != value:
            raise RuntimeError(f"{page}: the filter did not take {value} (the page used {used})")
    return elapsed


def _unseen_periods(data_dir: Path) -> tuple[list[str], list[str]]:
    """The periods the sidebar offers, in a fixed shuffled order: quarters first for Vergadering."""
    from regie import boardpack, manifest
    from regie.coverage import Coverage
    from regie.db import Database
    from regie.periods import available, last_full

    db = Database(data_dir)
    first, until = manifest.span(db.manifest)
    offered = boardpack.quarters(Coverage.of(db.manifest))
    db.close()
    default = {str(last_full("quarter", until))}
    meeting = boardpack.default_quarter(offered)  # Vergadering's default: seen already
    quarters = [str(q) for q in offered if not q.partial and q != meeting]
    others = [str(p) for p in available(first, until) if str(p) not in default and str(p) not in quarters]
    random.Random(9).shuffle(quarters)
    random.Random(9).shuffle(others)
    return quarters, others


def child_dashboard(data_dir: Path, repeat: int, sessions: int, calls_file: Path) -> dict:
    recorder = Recorder()
    _like_a_server()
    quarters, others = _unseen_periods(data_dir)
    pool = {"kwartaal": quarters, "periode": others + quarters}
    seen: set[str] = set()

    def fresh(page: str) -> str:
        """A period this process has not used yet; once all are used, the caches are empty anyway."""
        unseen = [v for v in pool[KEY[page]] if v not in seen]
        value = unseen[0] if unseen else random.Random(len(seen)).choice(pool[KEY[page]])
        seen.add(value)
        return value

    result: dict = {"pages": {}}
    recorded: dict[str, list] = {}
    for page in PAGES:
        _open(page)  # the page once with its defaults, as a visitor would first see it
        warm, recorded[page] = [], []
        for _ in range(repeat):
            recorder.on = True
            warm.append(_open(page, fresh(page)))
            recorder.on = False
            recorded[page].append(recorder.take())
        result["pages"][page] = {"warm": warm, "queries": len(recorded[page][-1])}
    calls_file.write_bytes(pickle.dumps(recorded))

    bursts = []
    for _ in range(repeat):
        _forget_filtered_results()
        values = [fresh(PAGES[i % len(PAGES)]) for i in range(sessions)]
        bursts.append(_burst(values, range(sessions)))
    result["bursts"] = bursts
    result["peak_mb"] = peak_mb()
    result["periods"] = sorted(seen)
    return result


def _forget_filtered_results() -> None:
    """Empty the caches keyed on filter values, so that every period of the next burst is new to the
    process (the caches keyed on the data version alone stay, as on a server)."""
    from regie import ui

    ui._run_cached.clear()
    ui._figures_cached.clear()


def _burst(values: list[str], sessions, start_at: float | None = None) -> dict:
    """Sessions in threads that all open their page (PAGES in turn) with a new period at one moment."""
    chosen = list(sessions)
    barrier = threading.Barrier(len(chosen))
    times: list[float] = []
    errors: list[str] = []

    def one(i: int) -> None:
        page = PAGES[i % len(PAGES)]
        try:
            barrier.wait()
            times.append(_open(page, values[i]))
        except Exception as exc:  # counted, not raised: the benchmark reports errors
            errors.append(f"{page}: {exc}")

    threads = [threading.Thread(target=one, args=(i,)) for i in chosen]
    if start_at is not None:
        time.sleep(max(0.0, start_at - time.time()))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"times": times, "errors": errors}


def child_replica(data_dir: Path, sessions: str, values: str, start_at: float) -> dict:
    """One of two replicas: its share of the sessions, after opening every page once."""
    _like_a_server()
    for page in PAGES:
        _open(page)
    low, high = (int(n) for n in sessions.split("-"))
    return _burst(values.split(","), range(low, high), start_at)


def child_floor(data_dir: Path, calls_file: Path) -> dict:
    """The SQL each warm rerun ran, replayed on a bare connection in a process of its own."""
    from regie.db import Database

    bare = Database(data_dir)
    floor: dict[str, list[float]] = {}
    for page, runs in pickle.loads(calls_file.read_bytes()).items():
        floor[page] = []
        for calls in runs:
            started = time.perf_counter()
            for sql, params in calls:
                cursor = bare.con.cursor()
                cursor.execute(sql, params).fetchall()
                cursor.close()
            floor[page].append(time.perf_counter() - started)
    return {"floor": floor}


def child_cold(data_dir: Path, page: str) -> dict:
    import streamlit.testing.v1  # noqa: F401  (the import of Streamlit itself is not the page's time)

    return {"seconds": _open(page), "peak_mb": peak_mb()}


def child_pandas(data_dir: Path, periods: list[str]) -> dict:
    import pandas as pd

    from benchmarks import pandas_way
    from regie.db import Database
    from regie.kpis import figures_of
    from regie.overview import TILES
    from regie.periods import Period

    started = time.perf_counter()
    frames = pandas_way.load(data_dir)
    loaded = time.perf_counter() - started
    db = Database(data_dir)
    compute, worst = [], 0.0
    for name in periods:
        period = Period.parse(name)
        started = time.perf_counter()
        tiles = pandas_way.overzicht(frames, period.start, period.end)
        compute.append(time.perf_counter() - started)
        ours = db.figures(period)
        for code in tiles.index:  # the same figures, or the comparison means nothing
            mine = figures_of(ours, code)
            for field in TILES:
                theirs, own = tiles.at[code, field], mine[field]
                if own is None or pd.isna(theirs):
                    assert own is None and pd.isna(theirs), (name, code, field, own, theirs)
                    continue
                worst = max(worst, abs(float(theirs) - own) / max(1.0, abs(own)))
                assert abs(float(theirs) - own) <= (0.05 if field.endswith("_eur") else 1e-6 * max(1, abs(own))), (
                    name, code, field, own, theirs,
                )  # fmt: skip
    return {"load_s": loaded, "compute": compute, "peak_mb": peak_mb(), "worst_relative_difference": worst}


# ---------------------------------------------------------------- the orchestrator


def measure(tickets: int, cache: Path, repeat: int, sessions: int, pandas: bool) -> tuple[list[dict], str]:
    data_dir = data_for(tickets, cache)
    with tempfile.TemporaryDirectory() as scratch:
        calls = Path(scratch) / "calls.pickle"
        dashboard = _child("dashboard", data_dir, "--repeat", str(repeat), "--sessions", str(sessions),
                           "--calls", str(calls))  # fmt: skip
        floors = _child("floor", data_dir, "--calls", str(calls))["floor"]
    cold = {page: [_child("cold", data_dir, "--page", page) for _ in range(repeat)] for page in PAGES}
    rows: list[dict] = []

    def add(measure: str, page: str, value: float, unit: str, target: float | None = None, higher: bool = False):
        ok = "" if target is None else ("yes" if (value >= target if higher else value <= target) else "NO")
        rows.append({"tickets": tickets, "measure": measure, "page": page, "value": round(value, 4), "unit": unit,
                     "target": "" if target is None else target, "meets_target": ok})  # fmt: skip

    lines = [f"{tickets:,} tickets ({data_dir.name}), {repeat} repetitions, median unless said:"]
    lines.append(f"{'page':16}{'cold s':>9}{'warm ms':>10}{'warm P95':>10}{'floor ms':>10}{'page/floor':>12}")
    for page in PAGES:
        warm = [1000 * t for t in dashboard["pages"][page]["warm"]]
        floor = [1000 * t for t in floors[page]]
        cold_s = statistics.median(c["seconds"] for c in cold[page])
        ratio = statistics.median(warm) / max(statistics.median(floor), 0.001)
        add("cold_first_run", page, cold_s, "s", TARGETS["cold_s"])
        add("warm_filter_change", page, statistics.median(warm), "ms", TARGETS["warm_ms"])
        add("warm_filter_change_p95", page, _percentile(warm, 0.95), "ms")
        add("floor_sql_only", page, statistics.median(floor), "ms")
        add("page_over_floor", page, ratio, "x")
        lines.append(f"{page:16}{cold_s:9.2f}{statistics.median(warm):10.0f}{_percentile(warm, 0.95):10.0f}"
                     f"{statistics.median(floor):10.1f}{ratio:12.1f}")  # fmt: skip
    over = statistics.median(1000 * t for t in dashboard["pages"]["overzicht"]["warm"])
    replicas = _replicas(data_dir, sessions, dashboard["periods"])
    if not pandas:
        lines.append("The pandas way was left out at this size (--pandas-up-to).")
    else:
        usual = _child("pandas", data_dir, "--periods", ",".join(dashboard["periods"][: max(repeat, 3)]))
        compute = statistics.median(1000 * t for t in usual["compute"])
        add("pandas_overzicht_compute", "overzicht", compute, "ms")
        add("pandas_read_parquet", "overzicht", usual["load_s"], "s")
        add("pandas_over_page", "overzicht", compute / over, "x", TARGETS["pandas_over_page"], higher=True)
        add("pandas_peak_memory", "-", usual["peak_mb"], "MB")
        lines.append(f"Overzicht tiles in pandas: {compute:.0f} ms per new period after read_parquet of "
                     f"{usual['load_s']:.1f} s; pandas / page = {compute / over:.1f}x "
                     f"(same figures: worst relative difference {usual['worst_relative_difference']:.1e}); "
                     f"pandas peak memory {usual['peak_mb']:.0f} MB")  # fmt: skip
    add("dashboard_peak_memory", "-", dashboard["peak_mb"], "MB", TARGETS["peak_mb"])
    cold_peak = max(c["peak_mb"] for runs in cold.values() for c in runs)
    add("cold_peak_memory", "-", cold_peak, "MB", TARGETS["peak_mb"])
    bursts = dashboard["bursts"]
    times = [t for b in bursts for t in b["times"]]
    errors = [e for b in bursts for e in b["errors"]]
    each = [_percentile(b["times"], 0.95) for b in bursts if b["times"]]
    add("sessions_errors", "-", len(errors), "count", 0)
    if times:
        add("sessions_median", "-", statistics.median(times), "s")
        add("sessions_p95", "-", _percentile(times, 0.95), "s", TARGETS["p95_s"])
        add("sessions_p95_worst_burst", "-", max(each), "s")
    lines.append(f"Dashboard peak memory {dashboard['peak_mb']:.0f} MB, a cold page at most {cold_peak:.0f} MB "
                 f"(target {TARGETS['peak_mb']:.0f}); {len(bursts)} bursts of {sessions} concurrent sessions: "
                 f"{len(errors)} errors, median {statistics.median(times) if times else float('nan'):.2f} s, P95 "
                 f"{_percentile(times, 0.95) if times else float('nan'):.2f} s (each burst's P95: "
                 f"{', '.join(f'{p:.2f}' for p in each)} s)")  # fmt: skip
    for error in errors[:5]:
        lines.append(f"  error: {error}")
    spread = [t for r in replicas for t in r["times"]]
    spread_errors = [e for r in replicas for e in r["errors"]]
    add("replicas_2_errors", "-", len(spread_errors), "count", 0)
    if spread:
        add("replicas_2_median", "-", statistics.median(spread), "s")
        add("replicas_2_p95", "-", _percentile(spread, 0.95), "s", TARGETS["p95_s"])
        lines.append(f"The same {sessions} sessions over 2 processes (replicas): {len(spread_errors)} errors, median "
                     f"{statistics.median(spread):.2f} s, P95 {_percentile(spread, 0.95):.2f} s")  # fmt: skip
    missed = [f"{r['page']} {r['measure']} {r['value']}" for r in rows if r["meets_target"] == "NO"]
    if tickets == TARGET_TICKETS:
        lines.append("Targets: all met." if not missed else f"Targets missed: {'; '.join(missed)}")
    else:
        lines.append(f"Beside the targets set for {TARGET_TICKETS:,} tickets (for comparison): "
                     + ("all within." if not missed else f"over them: {'; '.join(missed)}"))  # fmt: skip
    return rows, "\n".join(lines)


def _replicas(data_dir: Path, sessions: int, seen: list[str]) -> list[dict]:
    """The burst of `sessions` split over two dashboard processes started together (periods they have not seen)."""
    quarters, others = _unseen_periods(data_dir)
    free = {
        "kwartaal": [q for q in quarters if q not in seen],
        "periode": [p for p in others + quarters if p not in seen],
    }
    values = []
    for i in range(sessions):
        pool = free[KEY[PAGES[i % len(PAGES)]]]
        value = pool[0] if pool else quarters[i % len(quarters)]  # reused only when every period was seen
        for rest in free.values():
            if value in rest:
                rest.remove(value)
        values.append(value)
    start_at = time.time() + 25  # after both have opened every page once
    half = sessions // 2
    commands = [
        [sys.executable, __file__, "--child", "replica", "--data", str(data_dir), "--replica-sessions", part,
         "--values", ",".join(values), "--start-at", str(start_at)]
        for part in (f"0-{half}", f"{half}-{sessions}")
    ]  # fmt: skip
    env = {**os.environ, "REGIE_DATA_DIR": str(data_dir)}
    running = [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for c in commands
    ]
    found = []
    for process in running:
        out, err = process.communicate()
        if process.returncode:
            raise RuntimeError(err[-2000:])
        found.append(json.loads(out.strip().splitlines()[-1]))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", default="10000000", help="one size or several, comma-separated")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=16)
    parser.add_argument(
        "--pandas-up-to",
        type=int,
        default=10_000_000,
        help="run the pandas way up to this many tickets (it holds every table in RAM: 3.6 GB at 10M)",
    )
    parser.add_argument("--cache", type=Path, default=ROOT / "benchmarks" / "cache")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--child", choices=("dashboard", "floor", "cold", "pandas", "replica"), help=argparse.SUPPRESS)
    parser.add_argument("--replica-sessions", help=argparse.SUPPRESS)
    parser.add_argument("--values", help=argparse.SUPPRESS)
    parser.add_argument("--start-at", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--calls", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--page", help=argparse.SUPPRESS)
    parser.add_argument("--periods", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        found = {
            "dashboard": lambda: child_dashboard(args.data, args.repeat, args.sessions, args.calls),
            "floor": lambda: child_floor(args.data, args.calls),
            "cold": lambda: child_cold(args.data, args.page),
            "pandas": lambda: child_pandas(args.data, args.periods.split(",")),
            "replica": lambda: child_replica(args.data, args.replica_sessions, args.values, args.start_at),
        }[args.child]()
        print(json.dumps(found))
        return 0

    sizes = [int(n) for n in args.tickets.split(",")]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    all_rows = []
    print(f"Regiedashboard benchmark on {machine}, {datetime.now():%Y-%m-%d %H:%M}")
    for size in sizes:
        rows, text = measure(size, args.cache, args.repeat, args.sessions, size <= args.pandas_up_to)
        all_rows += rows
        print(text, flush=True)
    target = csvfile.write(args.results, "run", all_rows)
    print(f"Written to {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
