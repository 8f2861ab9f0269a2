"""Readers while a writer imports: 0 errors, in threads of one process and in separate processes.

    python benchmarks/concurrency.py --data DIR [--seconds 60] [--mode threads|processes|both]

Two readers open the newest snapshot again and again, as a page run does, and read through it
(the ticket count, a summary, the stored figures of a period), for as long as one writer
imports one new ticket after another into the same data directory (for `--seconds`). Prints reads, writes and
errors per mode, and every error. Runs on a copy of DIR, which it leaves as it was.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEADER = (
    "ticket_id,municipality_code,ticket_type,priority,category,channel,assignee_group,opened_at,reopen_count,"
    "is_first_contact_resolution\n"
)


def read_loop(data: Path, done) -> dict:
    """Open the newest snapshot and read through it until `done()`."""
    from regie.db import Database
    from regie.periods import Period

    reads, errors, seen = 0, [], []
    while not done():
        try:
            db = Database(data)
            try:
                seen.append(int(db.sql("select count(*) as n from tickets")["n"][0]))
                db.sql("select * from ticket_months")
                db.figures(Period.parse("2025"))
            finally:
                db.close()
            reads += 1
        except Exception as error:  # noqa: BLE001 (every failure is the finding)
            errors.append(repr(error))
    # A reader never sees fewer tickets than it saw before: a newer snapshot is never followed by an older one.
    back = sum(later < earlier for earlier, later in zip(seen, seen[1:], strict=False))
    return {"reads": reads, "errors": errors, "backwards": back}


def write_loop(data: Path, seconds: float, folder: Path, least: int, command: bool = False) -> dict:
    """Import one new ticket after another for `seconds` and at least `least` times (with
    `command`, each through `python -m regie import`, as an import job does)."""
    from regie.importing import run_import

    writes, errors, until = 0, [], time.monotonic() + seconds
    while time.monotonic() < until or writes + len(errors) < least:
        path = folder / f"w{writes}.csv"
        day = 1 + writes % 28
        path.write_text(
            HEADER + f"W{writes},GM9001,incident,2,Werkplek,phone,Servicedesk,2025-02-{day:02d} 09:00,0,false\n"
        )
        try:
            if command:
                done = subprocess.run([sys.executable, "-m", "regie", "import", "tickets", str(path),
                                       "--data-dir", str(data)], cwd=ROOT, capture_output=True, text=True)  # fmt: skip
                if done.returncode:
                    raise RuntimeError(done.stderr.strip()[-500:])
            else:
                run_import("tickets", [path], data)
            writes += 1
        except Exception as error:  # noqa: BLE001
            errors.append(repr(error))
    return {"writes": writes, "errors": errors}


def in_threads(data: Path, seconds: float, folder: Path, least: int) -> dict:
    results: list[dict] = []
    stop = threading.Event()
    readers = [threading.Thread(target=lambda: results.append(read_loop(data, stop.is_set))) for _ in range(2)]
    for thread in readers:
        thread.start()
    try:
        written = write_loop(data, seconds, folder, least)
    finally:
        stop.set()
        for thread in readers:
            thread.join()
    return _total(results, written)


def in_processes(data: Path, seconds: float, folder: Path, least: int) -> dict:
    """Two reader processes, which read until the writer process has finished (a stop file)."""
    stop = folder / "stop"

    def start(*role: str) -> subprocess.Popen:
        command = [sys.executable, __file__, "--child", *role, str(data)]
        return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)

    readers = [start("reader", str(stop)) for _ in range(2)]
    try:
        writer = start("writer", str(folder), str(seconds), str(least))
        written = json.loads(writer.communicate()[0].strip().splitlines()[-1])
    finally:
        stop.touch()
    found = [json.loads(p.communicate(timeout=300)[0].strip().splitlines()[-1]) for p in readers]
    return _total(found, written)


def _total(readers: list[dict], writer: dict) -> dict:
    errors = [e for r in readers for e in r["errors"]] + writer["errors"]
    return {"reads": sum(r["reads"] for r in readers), "writes": writer["writes"], "errors": errors,
            "backwards": sum(r["backwards"] for r in readers)}  # fmt: skip


def run(data: Path, seconds: float, mode: str, copy: bool = True, least: int = 3) -> dict:
    """Two readers while a writer imports for `seconds` and at least `least` times, on a copy of
    `data` (on `data` itself without `copy`: a catalog outside the directory is not copied with
    it); reads, writes, errors, times a reader saw fewer tickets than before, and the ticket ids
    the writer left (W0, W1, ...)."""
    from regie.db import Database

    with tempfile.TemporaryDirectory() as scratch:
        target, folder = Path(scratch) / "data" if copy else Path(data), Path(scratch) / "files"
        if copy:
            shutil.copytree(data, target)
        folder.mkdir()
        found = (in_threads if mode == "threads" else in_processes)(target, seconds, folder, least)
        db = Database(target)
        try:
            found["tickets"] = db.sql("select ticket_id from tickets where ticket_id like 'W%'")["ticket_id"].tolist()
        finally:
            db.close()
        return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--mode", choices=("threads", "processes", "both"), default="both")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        role, *rest = args.child
        if role == "reader":  # reader STOP DATA
            stop = Path(rest[0])
            print(json.dumps(read_loop(Path(rest[1]), stop.exists)))
        else:  # writer FOLDER SECONDS LEAST DATA
            print(json.dumps(write_loop(Path(rest[3]), float(rest[1]), Path(rest[0]), int(rest[2]), command=True)))
        return 0
    failed = False
    for mode in ("threads", "processes") if args.mode == "both" else (args.mode,):
        found = run(args.data, args.seconds, mode)
        print(f"{mode}: 2 readers, 1 writer, {args.seconds:.0f} s: {found['reads']} reads, "
              f"{found['writes']} imports, {len(found['errors'])} errors, "
              f"{found['backwards']} reads that went back to an older snapshot")  # fmt: skip
        for error in found["errors"][:20]:
            print(f"  {error}")
        failed = failed or bool(found["errors"]) or found["backwards"] or not found["writes"] or not found["reads"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
