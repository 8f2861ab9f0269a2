"""Shared fixtures: a small demo data set made once per test session; a PostgreSQL server."""

from __future__ import annotations

from datetime import date

import pytest

from regie.demo import generate
from tests import bucket, postgres

AS_OF = date(2026, 11, 28)
DEMO_TICKETS = 30_000


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo")
    generate(path, DEMO_TICKETS, seed=7, as_of=AS_OF)
    return path


@pytest.fixture(scope="session")
def postgres_catalog():
    """The libpq connection string of a PostgreSQL server started for the session (tests/postgres.py)."""
    yield from postgres.serve()


@pytest.fixture(scope="session")
def s3_bucket():
    """The settings of an S3 bucket in a server started for the session (tests/bucket.py)."""
    yield from bucket.serve()
