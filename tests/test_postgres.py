"""The lake with its catalog in a real PostgreSQL server (tests/postgres.py) and its data files in
a folder of their own: two app processes read while a third imports, as docs/deployment.md says."""

from __future__ import annotations

from benchmarks import concurrency
from regie import lake
from tests import bucket, postgres
from tests.importing.files import base, rows


def test_app_processes_never_fail_while_an_importer_writes_to_a_postgres_catalog(
    postgres_catalog, tmp_path, monkeypatch
):
    monkeypatch.setenv("REGIE_CATALOG", f"postgres:{postgres_catalog}")
    monkeypatch.setenv("REGIE_DATA_PATH", str(tmp_path / "files"))
    data = tmp_path / "data"  # the import job's lock file only
    assert lake.layout(data) == "empty"  # an empty database holds no lake yet
    base(data)
    assert lake.layout(data) == "lake" and not (data / lake.CATALOG).exists()
    found = concurrency.run(data, 0, "processes", copy=False, least=3)  # 2 readers while 3 imports land
    assert found["errors"] == [] and found["backwards"] == 0
    assert found["reads"] > 0 and found["writes"] == 3
    assert [r[0] for r in rows(data, "tickets")] == sorted(f"W{n}" for n in range(found["writes"]))
    assert list((tmp_path / "files").rglob("*.parquet")) and not (data / lake.FILES).exists()


def test_app_processes_and_an_importer_on_a_postgres_catalog_and_a_bucket(postgres_catalog, s3_bucket, tmp_path,
                                                                           monkeypatch):  # fmt: skip
    """The deployment of docs/deployment.md: the catalog in PostgreSQL, the Parquet files in a bucket."""
    monkeypatch.setenv("REGIE_CATALOG", f"postgres:{postgres.database(postgres_catalog, 'regie_bucket')}")
    for name, value in s3_bucket.items():
        monkeypatch.setenv(name, value)
    data = tmp_path / "data"
    base(data)
    found = concurrency.run(data, 0, "processes", copy=False, least=2)  # 2 readers while 2 imports land
    assert found["errors"] == [] and found["backwards"] == 0 and found["reads"] > 0 and found["writes"] == 2
    assert [r[0] for r in rows(data, "tickets")] == ["W0", "W1"]
    stored = bucket.files(s3_bucket)
    assert stored and all(key.startswith("lake/") and key.endswith(".parquet") for key in stored)
    assert not (data / lake.FILES).exists() and not (data / lake.CATALOG).exists()
