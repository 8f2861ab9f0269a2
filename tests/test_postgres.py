"""The lake with its catalog in a real PostgreSQL server (tests/postgres.py) and its data files in
a folder of their own: two app processes read while a third imports, as docs/deployment.md says."""

from __future__ import annotations

from regie import lake
from tests.importing.files import base, rows
from tests.readers import readers_beside_imports


def test_app_processes_never_fail_while_an_importer_writes_to_a_postgres_catalog(
    postgres_catalog, tmp_path, monkeypatch
):
    monkeypatch.setenv("REGIE_CATALOG", f"postgres:{postgres_catalog}")
    monkeypatch.setenv("REGIE_DATA_PATH", str(tmp_path / "files"))
    data = tmp_path / "data"  # the import job's lock file only
    assert lake.layout(data) == "empty"  # an empty database holds no lake yet
    base(data)
    assert lake.layout(data) == "lake" and not (data / lake.CATALOG).exists()
    results = readers_beside_imports(data, tmp_path, imports=3)
    assert all(reads > 0 and errors == 0 for reads, errors in results), results
    assert [r[0] for r in rows(data, "tickets")] == ["T1", "T2", "T3"]
    assert list((tmp_path / "files").rglob("*.parquet")) and not (data / lake.FILES).exists()
