"""The store: snapshots, undo, history, migrate, refusals and damage, on small hand-written data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from streamlit.testing.v1 import AppTest

from benchmarks import concurrency
from regie import lake
from regie.cli import main
from regie.db import Database
from regie.importing import run_import
from regie.kpis import member_figures
from regie.periods import Period
from tests.helpers import rows_table
from tests.importing.files import base, fingerprint, rows


def _tickets(tmp_path, name, *lines):
    path = tmp_path / name
    path.write_text(concurrency.HEADER + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def test_undo_returns_every_figure_to_before_the_import_and_undo_again_redoes(tmp_path, capsys):
    data = base(tmp_path / "data")
    first = _tickets(tmp_path, "a.csv", "T1,GM9001,incident,2,Werkplek,phone,Servicedesk,2025-01-06 09:00,0,false")
    run_import("tickets", [first], data)
    before = fingerprint(data)
    figures = member_figures(Database(data).run, Period.parse("2025-01"))
    second = _tickets(
        tmp_path,
        "b.csv",
        "T1,GM9001,incident,3,Netwerk,phone,Servicedesk,2025-01-06 09:00,0,false",  # replaces T1
        "T2,GM9002,incident,2,Werkplek,portal,Servicedesk,2025-01-07 10:00,0,false",
    )
    run_import("tickets", [second], data)
    assert [r[0] for r in rows(data, "tickets")] == ["T1", "T2"]
    assert main(["undo", "--data-dir", str(data)]) == 0
    assert "is as it was at snapshot" in capsys.readouterr().out
    after = fingerprint(data)
    assert after.pop("snapshot") == before.pop("snapshot") + 2  # the import, then the undo
    assert after == before
    assert member_figures(Database(data).run, Period.parse("2025-01")).equals(figures)
    assert [r[:5] for r in rows(data, "tickets")] == [("T1", "GM9001", "incident", 2, "Werkplek")]
    assert main(["undo", "--data-dir", str(data)]) == 0  # undo the undo: the second import is back
    assert [r[0] for r in rows(data, "tickets")] == ["T1", "T2"]
    capsys.readouterr()
    assert main(["history", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert out.count("  import tickets") == 2 and out.count("  undo  ") == 2 and "b.csv  sha256 " in out


def test_a_page_run_keeps_its_snapshot_while_an_import_lands(tmp_path):
    data = base(tmp_path / "data")
    run_import(
        "tickets", [_tickets(tmp_path, "a.csv", "T1,GM9001,incident,2,W,phone,S,2025-01-06 09:00,0,false")], data
    )
    pinned = Database(data)
    run_import(
        "tickets", [_tickets(tmp_path, "b.csv", "T2,GM9001,incident,2,W,phone,S,2025-01-08 09:00,0,false")], data
    )
    assert pinned.sql("select count(*) as n from tickets")["n"][0] == 1  # the snapshot it started on
    assert Database(data).sql("select count(*) as n from tickets")["n"][0] == 2
    assert Database(data, snapshot=pinned.snapshot).sql("select count(*) as n from tickets")["n"][0] == 1


def test_migrate_turns_old_extracts_into_the_lake_and_proves_nothing_was_lost(tmp_path, capsys):
    old = tmp_path / "old"
    (old / "tickets" / "year=2025").mkdir(parents=True)
    members = [{"municipality_code": "GM9001", "name": "Turfbrug", "is_ssc_member": True}]
    ticket = {"ticket_id": "T1", "municipality_code": "GM9001", "ticket_type": "incident", "priority": 2,
              "category": "W", "channel": "phone", "assignee_group": "S", "opened_at": "2025-01-06 09:00",
              "reopen_count": 0, "is_first_contact_resolution": False}  # fmt: skip
    pq.write_table(rows_table("municipalities", members), old / "municipalities.parquet")
    pq.write_table(rows_table("tickets", [ticket]), old / "tickets" / "year=2025" / "part-0.parquet")
    (old / "manifest.json").write_text(json.dumps({"data_until": "2025-01-31", "tables": {}}))
    # make run on the old layout says what to do, and writes nothing
    assert main(["demo", "--data-dir", str(old), "--if-empty"]) == 2
    assert "python -m regie migrate" in capsys.readouterr().err and not (old / "catalog.sqlite").exists()
    assert main(["migrate", "--data-dir", str(old)]) == 0
    out = capsys.readouterr().out
    assert "nothing lost" in out and "tickets" in out and "1 rows" in out
    db = Database(old)
    assert db.manifest["data_until"] == "2025-01-31" and db.summaries_fresh
    assert db.sql("select ticket_id, opened_at from tickets").values.tolist()[0][0] == "T1"
    assert (old / "manifest.json").is_file()  # the extracts stay where they were
    assert main(["migrate", "--data-dir", str(old)]) == 2  # a lake already


def test_a_damaged_catalog_gives_a_message_naming_it_and_exit_2(tmp_path, capsys):
    data = base(tmp_path / "data")
    copy = tmp_path / "copy"
    shutil.copytree(data, copy)
    (copy / "catalog.sqlite").write_bytes(b"not a database at all" * 100)
    for command in (["check"], ["kpis", "--period", "2025"], ["demo", "--tickets", "10"], ["history"]):
        assert main([*command, "--data-dir", str(copy)]) == 2, command
        err = capsys.readouterr().err
        assert str(copy / "catalog.sqlite") in err and "Traceback" not in err, command
    with pytest.raises(lake.Damaged, match="catalog.sqlite cannot be read"):
        Database(copy)


def test_an_empty_catalog_is_refused_by_every_command_and_never_written_over(tmp_path, capsys, monkeypatch):
    data = base(tmp_path / "data")
    (data / "catalog.sqlite").write_bytes(b"")
    source = _tickets(tmp_path, "t.csv", "T1,GM9001,incident,2,Werkplek,phone,Servicedesk,2025-01-06 09:00,0,false")
    for command in (["import", "tickets", str(source)], ["demo", "--if-empty"], ["check"]):
        assert main([*command, "--data-dir", str(data)]) == 2, command
        err = capsys.readouterr().err
        assert f"The catalog {data / 'catalog.sqlite'} cannot be read (the file is empty, 0 bytes)" in err, command
    assert (data / "catalog.sqlite").stat().st_size == 0  # not made into a new, empty lake
    monkeypatch.setenv("REGIE_DATA_DIR", str(data))
    app = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "dashboard.py"), default_timeout=60).run()
    assert [e.value for e in app.error] == [
        f"De catalogus {data / 'catalog.sqlite'} kan niet worden gelezen. Zet hem terug uit een back-up "
        f"(docs/deployment.md, Back-ups); de gegevensbestanden in {data / 'lake'}/ zijn niet aangeraakt."
    ]
    assert not app.exception


def test_a_damaged_data_file_gives_a_message_naming_it(tmp_path):
    data = base(tmp_path / "data")
    [path] = lake.files(data, "contracts")
    with open(path, "r+b") as handle:
        handle.write(b"garbage!")
    with pytest.raises(lake.Damaged) as caught:
        Database(data).sql("select * from contracts")
    assert str(caught.value).startswith(f"A data file of {data} cannot be read")
    assert "python -m regie undo" in str(caught.value)


@pytest.mark.parametrize("mode", ["threads", "processes"])
def test_readers_never_fail_while_imports_land(tmp_path, mode):
    """2 readers while 1 writer imports 3 times (benchmarks/concurrency.py runs them for 60 s): 0 errors."""
    found = concurrency.run(base(tmp_path / "data"), 0, mode, least=3)
    assert found["errors"] == [] and found["backwards"] == 0
    assert found["reads"] > 0 and found["writes"] == 3
    assert sorted(found["tickets"]) == sorted(f"W{n}" for n in range(found["writes"]))
