"""Nothing lost, nothing doubled: one snapshot per import, kill -9 half-way, the manifest, the command line."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from regie import lake
from regie.check import check
from regie.db import Database
from regie.importing import ImportFailed, run_import
from tests.importing.files import base, fingerprint, rows

ROOT = Path(__file__).resolve().parents[2]
MEMBERS_CSV = "municipality_code;name;is_ssc_member\nGM9001;Turfbrug;ja\nGM9002;Veenhoven;ja\nSSC;SSC;nee\n"


def test_a_first_import_creates_the_directory_and_the_manifest_records_it(tmp_path):
    source = tmp_path / "leden.csv"
    source.write_text(MEMBERS_CSV, encoding="utf-8")
    data_dir = tmp_path / "nieuw"
    outcome = run_import("municipalities", [source], data_dir)
    assert (outcome.written, outcome.total, outcome.committed) == (3, 3, True)
    assert rows(data_dir, "municipalities") == [("GM9001", "Turfbrug", True), ("GM9002", "Veenhoven", True),
                                                ("SSC", "SSC", False)]  # fmt: skip
    db = Database(data_dir)
    body = db.manifest
    db.close()
    assert body["tables"]["municipalities"]["rows"] == 3
    assert body["tables"]["municipalities"]["sources"] == ["leden.csv"]
    [record] = body["imports"]
    assert {k: record[k] for k in ("table", "mapping", "rows_read", "written", "replaced")} == {
        "table": "municipalities", "mapping": "canonical", "rows_read": 3, "written": 3, "replaced": 0,
    }  # fmt: skip
    assert record["files"] == [{"name": "leden.csv", "sha256": hashlib.sha256(source.read_bytes()).hexdigest()}]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["leden.csv", "nieuw"]
    wal = {"catalog.sqlite-wal", "catalog.sqlite-shm"}  # the catalog's write-ahead log, while in use
    assert sorted(p.name for p in data_dir.iterdir() if p.name not in wal) == [".write.lock", "catalog.sqlite", "lake"]


def test_an_import_that_breaks_another_table_is_refused(tmp_path):
    data_dir = base(tmp_path / "data")
    tickets = tmp_path / "tickets.csv"
    tickets.write_text(
        "ticket_id,municipality_code,ticket_type,priority,category,channel,assignee_group,opened_at,reopen_count,"
        "is_first_contact_resolution\nT1,GM9002,incident,2,Werkplek,phone,Servicedesk,2025-01-06 09:00,0,false\n"
    )
    run_import("tickets", [tickets], data_dir)
    before = fingerprint(data_dir)
    members = tmp_path / "leden.csv"
    members.write_text("municipality_code;name;is_ssc_member\nGM9001;Turfbrug;ja\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        run_import("municipalities", [members], data_dir, replace=True)
    assert [p.line() for p in caught.value.problems] == [
        "(after the import) municipality_years, row GM9002/2024, GM9002/2025, GM9002/2026, column "
        "municipality_code: unknown value: not in municipalities.municipality_code",
        "(after the import) municipality_years, row 2024, 2025, 2026, column *: allocation shares of the "
        "members sum to 1 per year",
        "(after the import) tickets, row T1, column municipality_code: unknown value: not in "
        "municipalities.municipality_code",
    ]
    assert fingerprint(data_dir) == before


def test_one_import_at_a_time(tmp_path):
    data_dir = base(tmp_path / "data")
    with lake.locked(data_dir), pytest.raises(ImportFailed) as caught:
        run_import("municipalities", [tmp_path / "none.csv"], data_dir)
    assert caught.value.problems[0].rule() == "another import into this directory is running"
    assert caught.value.problems[0].rule("nl") == "er loopt al een import in deze map"


@pytest.fixture(scope="module")
def big(demo_dir, tmp_path_factory):
    """The demo's tickets as one canonical CSV (30,000 rows), and a pristine copy of the demo directory."""
    folder = tmp_path_factory.mktemp("big")
    source = folder / "tickets.csv"
    db = Database(demo_dir)
    db.con.execute(
        f"copy (select * exclude (response_business_minutes, resolution_business_minutes) from tickets) "
        f"to '{source}' (header, delimiter ';')"
    )
    db.close()
    return source


def _start(source: Path, data_dir: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "regie",
        "import",
        "tickets",
        str(source),
        "--data-dir",
        str(data_dir),
        "--replace",
    ]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.parametrize("moment", [0.5, 1.0, 1.5, 2.5])
def test_kill_9_half_way_leaves_the_directory_as_it_was(demo_dir, big, tmp_path, moment):
    data_dir = tmp_path / "data"
    shutil.copytree(demo_dir, data_dir)
    before = fingerprint(data_dir)
    process = _start(big, data_dir)
    time.sleep(moment)
    finished = process.poll() is not None
    process.send_signal(signal.SIGKILL)
    process.wait()
    if finished:  # too late to interrupt on this machine: then the whole import must be there
        assert process.returncode == 0 and not check(data_dir)
    else:
        assert fingerprint(data_dir) == before
    # The next import succeeds.
    outcome = run_import("tickets", [big], data_dir, replace=True)
    assert outcome.total == 30_000


def test_the_command_line_reports_problems_without_a_traceback(tmp_path):
    data_dir = base(tmp_path / "data")
    bad = tmp_path / "leden.csv"
    bad.write_text("municipality_code;name;is_ssc_member\nGM12;Turfbrug;misschien\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "regie", "import", "municipalities", str(bad), "--data-dir", str(data_dir)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "error"},
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines()[-4:] == [
        "Import refused: 2 problems.",
        "  leden.csv, row 2, column municipality_code: value 'GM12': value must match GM[0-9]{4}|SSC",
        "  leden.csv, row 2, column is_ssc_member: value 'misschien': value is not a valid BOOLEAN",
        "Rows read: 1; rejected: 1. Nothing was written; the data are as they were.",
    ]
