"""The upload on the Gegevens page, without a browser: saving, checking, confirming, and the messages."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from regie import upload
from regie.importing import ImportFailed
from tests.importing.files import base, fingerprint, rows

BUDGETS = b"municipality_code;year;cost_category;budget_eur\nGM9001;2025;telephony;1.250,50\n"


@dataclass
class Uploaded:
    """What st.file_uploader hands over."""

    name: str
    data: bytes
    file_id: str = "1"

    @property
    def size(self) -> int:
        return len(self.data)

    def getvalue(self) -> bytes:
        return self.data


def test_check_first_then_confirm(tmp_path, monkeypatch):
    data_dir = base(tmp_path / "data")
    monkeypatch.setenv("REGIE_DATA_DIR", str(data_dir))
    mapping = tmp_path / "komma.toml"
    mapping.write_text('[source]\ndecimal = ","\n')
    files = [Uploaded("../../begroting.csv", BUDGETS)]  # only the base name is used
    before = fingerprint(data_dir)
    checked = upload.attempt(files, "budgets", str(mapping), "", False, dry_run=True)
    assert (checked.written, checked.committed) == (1, False)
    assert fingerprint(data_dir) == before
    assert upload.summary(checked, "nl") == (
        "Begrotingen. Rijen gelezen: 1; na de laatste stand per sleutel: 1; nieuw of gewijzigd: 1 (vervangen: 0); "
        "ongewijzigd: 0; daarna in de tabel: 1."
    )
    assert checked.report().splitlines() == [  # the command line's dry run: what the import would write
        "Checked, not written: budgets from begroting.csv.",
        "  rows read 1; after latest-per-key 1; to write 1 (of which replaced 0); unchanged 0; rejected 0.",
        "  budgets would hold 1 row.",
    ]
    done = upload.attempt(files, "budgets", str(mapping), "", False, dry_run=False)
    assert done.committed and done.files == ["begroting.csv"]
    assert [r[3] for r in rows(data_dir, "budgets")] == [Decimal("1250.50")]


def test_refusals_are_shown_in_dutch(tmp_path, monkeypatch):
    data_dir = base(tmp_path / "data")
    monkeypatch.setenv("REGIE_DATA_DIR", str(data_dir))
    failed = upload.attempt([Uploaded("begroting.csv", BUDGETS)], "budgets", "", "", False, dry_run=True)
    assert isinstance(failed, ImportFailed)
    table = upload.problems_table(failed, "nl")
    assert list(table.columns) == ["Bestand", "Rij of element", "Kolom", "Waarde", "Regel"]
    assert table.values.tolist() == [
        ["begroting.csv", "2", "budget_eur", "1.250,50", "geen bedrag met hoogstens 2 decimalen"]
    ]
    monkeypatch.setattr(upload, "MAX_MB", 0)
    failed = upload.attempt([Uploaded("groot.csv", BUDGETS)], "budgets", "", "", False, dry_run=True)
    assert upload.problems_table(failed, "nl").values.tolist() == [
        ["groot.csv", "-", "-", "0 MB", "bestand is groter dan 0 MB"]
    ]
