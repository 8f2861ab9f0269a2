"""Two app processes reading while a third imports: the store's promise across processes.

`readers_beside_imports` starts two reader processes (this module run as a script), runs
`python -m regie import tickets` a few times in another process, then stops the readers.
Each reader opens a Database on the newest snapshot again and again and queries it, until the
stop file exists, and prints how many reads and errors it had. The processes inherit the
environment, so the same helper serves the SQLite catalog and the PostgreSQL one.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LONGEST = 120  # seconds a reader runs at most, should the stop file never come


COLUMNS = "ticket_id,municipality_code,ticket_type,priority,category,channel,assignee_group,opened_at,reopen_count"


def readers_beside_imports(data: Path, folder: Path, imports: int = 3) -> list[tuple[int, int]]:
    """Each reader's (reads, errors) while tickets T1, T2, ... were imported one file each."""
    files = []
    for n in range(1, imports + 1):
        files.append(folder / f"tickets-{n}.csv")
        line = f"T{n},GM9001,incident,2,W,phone,S,2025-01-{n:02d} 09:00,0,false"
        files[-1].write_text(f"{COLUMNS},is_first_contact_resolution\n{line}\n", encoding="utf-8")
    stop = folder / "stop"
    command = [sys.executable, "-m", "tests.readers", str(data), str(stop)]
    readers = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        for path in files:
            done = subprocess.run(
                [sys.executable, "-m", "regie", "import", "tickets", str(path), "--data-dir", str(data)],
                cwd=ROOT, capture_output=True, text=True,
            )  # fmt: skip
            assert done.returncode == 0, done.stderr
    finally:
        stop.touch()
        outputs = [reader.communicate(timeout=LONGEST)[0] for reader in readers]
    return [tuple(int(n) for n in out.split()) for out in outputs]


def main(data: str, stop: str) -> None:
    from regie.db import Database

    until, errors, reads = time.monotonic() + LONGEST, 0, 0
    while not Path(stop).exists() and time.monotonic() < until:
        try:
            db = Database(data)
            db.sql("select count(*) from tickets")
            db.sql("select * from ticket_months")
            db.close()
            reads += 1
        except Exception as error:  # noqa: BLE001 (every failure is the finding)
            errors += 1
            print(repr(error), file=sys.stderr)
    print(reads, errors)


if __name__ == "__main__":
    main(*sys.argv[1:3])
