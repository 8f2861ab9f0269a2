"""Shared fixtures: a small demo data set made once per test session; a PostgreSQL server."""

from __future__ import annotations

from datetime import date

import pytest

from regie.demo import generate
from tests import postgres

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
