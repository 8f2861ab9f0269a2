"""An object-store URL as the data directory: read as the folder is, refused where it would be written.

The demo data are copied into fsspec's in-memory filesystem (`memory://`), which stands for a
bucket: the same code path as s3://, gs:// or az://, with no network.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from upath import UPath

from regie import cli, period_figures, storage, summaries
from regie.check import check
from regie.db import Database
from regie.importing import ImportFailed, run_import
from regie.periods import Period

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
MEMBERS = ["GM9001", "GM9002", "GM9003", "GM9004", "GM9005", "GM9006"]


def _contents(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def bucket(demo_dir):
    root = UPath("memory://regie-test/data")
    for path in sorted(Path(demo_dir).rglob("*")):
        if path.is_file():
            target = root / str(path.relative_to(demo_dir))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    yield root
    root.fs.rm(str(root), recursive=True)


@pytest.fixture(scope="module")
def both(demo_dir, bucket):
    local, remote = Database(demo_dir), Database(str(bucket))
    yield local, remote
    local.close()
    remote.close()


def test_a_url_is_read_through_its_filesystem_with_fresh_summaries_and_stored_figures(both, bucket):
    local, remote = both
    assert storage.is_url(remote.data_dir) and str(remote.data_dir) == "memory://regie-test/data"
    assert remote.version == local.version and remote.manifest == local.manifest
    assert remote.summaries_fresh and period_figures.is_fresh(remote.data_dir, remote.manifest)
    assert summaries.stored_check(remote.data_dir) == []
    assert remote.has_data()


def test_a_url_gives_the_figures_of_the_folder(both):
    local, remote = both
    period = Period.parse("2026-Q3")
    # Stored (read from the bucket's period_figures.parquet), narrowed (computed from its facts).
    pd.testing.assert_frame_equal(remote.figures(period), local.figures(period), check_exact=True)
    narrowed = remote.figures(period, "Werkplek", None)
    assert len(narrowed) == 6
    pd.testing.assert_frame_equal(narrowed, local.figures(period, "Werkplek", None), check_exact=True)
    for name, params in (
        ("spend_by_member", period.params()),
        (
            "service_times_by_month",
            {
                "members": MEMBERS[:2],
                "start": period.start,
                "end": period.end,
                "category": "Werkplek",
                "assignee_group": None,
            },
        ),  # fmt: skip
        ("policy_exceptions", {"members": MEMBERS, **period.params()}),
    ):
        found = remote.run(name, params)
        assert len(found) > 0, name
        pd.testing.assert_frame_equal(found, local.run(name, params), check_exact=True)


def test_check_and_kpis_read_a_url(demo_dir, bucket, capsys):
    assert check(str(bucket)) == []
    assert cli.main(["check", "--data-dir", str(bucket)]) == 0
    assert capsys.readouterr().out == "memory://regie-test/data: all 8 tables meet the data contract.\n"
    shown = {}
    for where in (demo_dir, bucket):
        assert cli.main(["kpis", "--data-dir", str(where), "--period", "2026-Q3", "--format", "json"]) == 0
        shown[where] = json.loads(capsys.readouterr().out)
    assert shown[bucket] == shown[demo_dir] and shown[bucket]["period"] == "2026-Q3"


@pytest.mark.parametrize("page", ["pages/overzicht.py", "pages/dienstverlening.py", "pages/gegevens.py"])
def test_pages_run_on_a_url(bucket, monkeypatch, page):
    monkeypatch.setenv("REGIE_DATA_DIR", str(bucket))
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.get("plotly_chart")) >= 1 or len(at.dataframe) >= 2
    if page == "pages/gegevens.py":  # no upload onto a bucket: the page says where to import instead
        assert any("memory://regie-test/data" in i.value for i in at.info)
        assert not at.get("file_uploader")


@pytest.mark.parametrize(
    "argv",
    [
        ["demo", "--tickets", "300", "--force"],
        ["summarize", "--force"],
        ["import", "budgets", "budgets.csv"],
    ],
)
def test_commands_that_write_refuse_a_url_and_leave_it_as_it_was(bucket, argv, capsys):
    before = _contents(bucket)
    assert cli.main([*argv[:1], "--data-dir", str(bucket), *argv[1:]]) == 2
    error = capsys.readouterr().err
    assert f"python -m regie {argv[0]} writes the data directory, which must be a local folder" in error
    assert str(bucket) in error and "Traceback" not in error
    assert _contents(bucket) == before


def test_an_import_called_directly_refuses_a_url_with_a_rule(bucket):
    # The upload's own path (regie.upload.attempt calls run_import): refused before any file is read.
    before = _contents(bucket)
    with pytest.raises(ImportFailed) as refused:
        run_import("budgets", [], bucket)
    [problem] = refused.value.problems
    assert problem.key == "rule_url_data_dir" and problem.value == "memory://regie-test/data"
    assert (
        problem.rule("nl") == "de gegevensmap is een URL; inlezen kan alleen in een lokale map (zie docs/deployment.md)"
    )
    assert _contents(bucket) == before
