"""The board pack records its snapshot, and `pack --snapshot N` makes it again as it was after a correction.

A small lake: two members, two open tickets in 2025-Q1 (so 2 open at the quarter's end). The
pack is made, a correction resolves T1 (1 open), and the pack of the first snapshot is made
again: byte for byte the first one, while the pack of the newest snapshot shows the correction.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from streamlit.testing.v1 import AppTest

from regie import boardpack, document, history, i18n
from regie.cli import main
from regie.db import Database
from regie.importing import run_import
from regie.periods import Period
from tests.importing.files import base

HEADER = (
    "ticket_id,municipality_code,ticket_type,priority,category,channel,assignee_group,opened_at,resolved_at,"
    "reopen_count,is_first_contact_resolution\n"
)
FILE = "bestuurlijk-overleg-2025-Q1-GM9001.html"
Q1 = Period.parse("2025-Q1")
DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")


def _pack(data, out, *extra) -> str:
    assert main(["pack", "--data-dir", str(data), "--period", "2025-Q1", "--out", str(out), *extra]) == 0
    return (out / FILE).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def packs(tmp_path_factory):
    """The packs before and after the correction, the snapshots, and a Database opened before it."""
    root = tmp_path_factory.mktemp("packsnap")
    data = base(root / "data")
    first = root / "a.csv"
    first.write_text(HEADER + "T1,GM9001,incident,2,W,phone,S,2025-01-01 09:00,,0,false\n"
                     "T2,GM9001,incident,2,W,phone,S,2025-03-31 09:00,,0,false\n", encoding="utf-8")  # fmt: skip
    correction = root / "b.csv"
    correction.write_text(HEADER + "T1,GM9001,incident,2,W,phone,S,2025-01-01 09:00,2025-01-07 10:00,0,false\n",
                          encoding="utf-8")  # fmt: skip
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REGIE_CHROMIUM", str(root / "no-chromium"))  # the HTML only: the PDF is slow
        run_import("tickets", [first], data)
        made = history.snapshots(data)[-1]
        original = _pack(data, root / "then")
        opened_before = Database(data)  # at the first import's snapshot, read only after the correction
        run_import("tickets", [correction], data)
        again = _pack(data, root / "again", "--snapshot", str(made.id))
        newest = _pack(data, root / "now")
    yield {"data": data, "made": made, "original": original, "again": again, "newest": newest,
           "opened_before": opened_before, "latest": history.snapshots(data)[-1]}  # fmt: skip
    opened_before.close()


def _open_tickets(text: str) -> str:
    return re.search(r"<td>Openstaande meldingen</td>\s*<td>([^<]*)</td>", text).group(1)


def _day(snapshot) -> str:
    """The snapshot's date in Dutch, from its UTC time by Python's own time zone rules."""
    day = snapshot.at.astimezone(ZoneInfo("Europe/Amsterdam")).date()
    return i18n.long_date(day, "nl")


def test_the_pack_states_its_snapshot_visibly_and_in_its_metadata(packs):
    made = packs["made"]
    assert (made.id, made.message) == (4, "import tickets")  # initialise, reshape summaries, fixture, import
    text = packs["original"]
    line = f"Gegevens: momentopname 4 van {_day(made)}. Gemaakt met het Regiedashboard."
    assert f"<p class='meta' id='source'>{line}</p>" in text
    assert "<meta name='regie-snapshot' content='4'>" in text
    stamp = made.at.astimezone(ZoneInfo("Europe/Amsterdam")).replace(tzinfo=None).isoformat(timespec="seconds")
    assert f"<meta name='regie-snapshot-time' content='{stamp}'>" in text
    for name, value in (
        ("period", "2025-Q1"),
        ("municipality", "GM9001"),
        ("lang", "nl"),
        ("data-until", "2025-03-31"),
    ):
        assert f"<meta name='regie-{name}' content='{value}'>" in text
    assert _open_tickets(text) == "2"  # T1 and T2 open at the quarter's end


def test_the_pack_of_a_snapshot_is_made_again_exactly_after_a_correction(packs):
    assert packs["again"] == packs["original"]  # no clock time in it: the same bytes
    newest = packs["newest"]
    assert packs["latest"].id == 5
    assert _open_tickets(newest) == "1"  # T1 resolved by the correction
    assert f"Gegevens: momentopname 5 van {_day(packs['latest'])}." in newest
    assert "<meta name='regie-snapshot' content='5'>" in newest


def test_a_database_reads_its_snapshot_even_when_first_asked_after_a_write(packs):
    db = packs["opened_before"]
    assert db.snapshot == 4
    assert db.figures(Q1).loc["GM9001", "backlog_open"] == 2  # stored figures read on first use, still snapshot 4
    assert Database(packs["data"]).figures(Q1).loc["GM9001", "backlog_open"] == 1


def test_the_vergadering_download_states_its_snapshot_and_equals_the_command(packs, monkeypatch):
    monkeypatch.setenv("REGIE_DATA_DIR", str(packs["data"]))
    monkeypatch.setenv("REGIE_CHROMIUM", str(packs["data"] / "no-chromium"))
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.query_params["kwartaal"] = "2025-Q1"
    at.run()
    at.switch_page("pages/vergadering.py").run()
    at.button(key="make_document").click().run()
    assert not at.exception, [e.value for e in at.exception]
    _, text, pdf = at.session_state["pack_files"]
    assert pdf is None and "<meta name='regie-snapshot' content='5'>" in text
    assert text == packs["newest"]  # made by document.make as the command makes it: the same bytes


def test_an_unknown_snapshot_is_refused_naming_the_ones_there_are(packs, tmp_path, capsys):
    argv = ["pack", "--data-dir", str(packs["data"]), "--period", "2025-Q1", "--out", str(tmp_path)]
    assert main([*argv, "--snapshot", "99"]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"error: {packs['data']} has no snapshot 99; its snapshots are 0-5 (`python -m regie history` lists them)\n"
    )
    assert not list(tmp_path.iterdir())  # nothing written


def test_the_colophon_in_english_and_without_a_snapshot():
    pack = boardpack.Pack(Q1, "GM9001", "en", date(2025, 4, 1), "Turfbrug", [], [], 12, datetime(2026, 12, 2, 9, 30))
    assert document.source_line(pack) == "Data: snapshot 12 of 2 December 2026. Made with the Regiedashboard."
    pack.lang = "nl"
    assert (
        document.source_line(pack) == "Gegevens: momentopname 12 van 2 december 2026. Gemaakt met het Regiedashboard."
    )
    pack.snapshot, pack.snapshot_at = None, None
    assert document.source_line(pack) == "Gemaakt met het Regiedashboard."
