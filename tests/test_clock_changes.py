"""The clock changes of docs/data-contract.md: a ticket across 01:00-03:00 on the last Sunday of
March and of October, on the business and on the calendar clock, and a ticket opened in the
repeated autumn hour is imported, not refused."""

from datetime import datetime

import pandas as pd
import pytest

from benchmarks.pandas_way import real_minutes
from regie.calendar import ServiceCalendar, business_minutes
from regie.db import Database
from regie.importing import run_import
from tests import world
from tests.helpers import write_fixture
from tests.importing.files import base, rows
from tests.importing.test_tabular import TOPDESK_HEADER, write_csv

CAL = ServiceCalendar(first_year=2024, last_year=2026)
P1, P2 = 1, 2  # world.SLA_NORMS: P1 on the calendar clock (resolution norm 120 min), P2 on the business clock

# (ticket, priority, opened, resolved, minutes on its clock, within its norm)
TICKETS = [
    # Spring, 30 March 2025: 02:00 becomes 03:00, so 01:30 to 03:30 took 60 real minutes.
    ("spring", P1, "2025-03-30 01:30", "2025-03-30 03:30", 60, True),
    # Autumn, 26 October 2025: 03:00 becomes 02:00 again, so 01:30 to 03:30 took 180 real minutes.
    ("autumn", P1, "2025-10-26 01:30", "2025-10-26 03:30", 180, False),
    # An ambiguous wall-clock time of the repeated hour is read as its second pass (standard time).
    ("repeated", P1, "2025-10-26 02:30", "2025-10-26 03:30", 60, True),
    # The business clock counts wall-clock service hours, which never hold the change: Friday 16:00 to
    # Monday 09:00 is 60 + 60 minutes over either weekend.
    ("spring_weekend", P2, "2025-03-28 16:00", "2025-03-31 09:00", 120, True),
    ("autumn_weekend", P2, "2025-10-24 16:00", "2025-10-27 09:00", 120, True),
]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tickets = [
        world.ticket(name, world.A, priority, opened, opened, resolved, 0, business_minutes(at(opened), at(resolved)))
        for name, priority, opened, resolved, _, _ in TICKETS
    ]
    tables = {k: world.TABLES[k] for k in ("municipalities", "municipality_years", "sla_norms")}
    database = Database(write_fixture(tmp_path_factory.mktemp("clocks"), **tables, tickets=tickets))
    yield database
    database.close()


@pytest.mark.parametrize(("name", "priority", "opened", "resolved", "minutes", "within"), TICKETS)
def test_a_ticket_across_the_clock_change(db, name, priority, opened, resolved, minutes, within):
    if priority == P2:
        assert business_minutes(at(opened), at(resolved), CAL) == minutes
    else:  # the independent computation of tests/test_independent.py reads the clock the same way
        assert real_minutes(pd.Series([pd.Timestamp(opened)]), pd.Series([pd.Timestamp(resolved)]))[0] == minutes
    found = db.sql(
        "select resolution_clock_minutes, is_resolution_within from tickets_normed where ticket_id = $id", {"id": name}
    )
    assert found.iloc[0].tolist() == [minutes, within]


def test_a_ticket_opened_in_the_repeated_autumn_hour_is_imported(tmp_path):
    data_dir = base(tmp_path / "data")
    record = ["M2510 0001", "26-10-2025 02:30", "Storing", "1 - Hoog", "Werkplek", "Laptop", "Telefonisch",
              "Servicedesk", "", "", "", "Gemeentehuis Turfbrug", "?", "26-10-2025 02:40", "26-10-2025 02:50",
              "26-10-2025 02:50", "0", "Eerstelijns", "?", "26-10-2025 02:50"]  # fmt: skip
    source = write_csv(tmp_path / "export.csv", TOPDESK_HEADER, [record])
    outcome = run_import("tickets", [source], data_dir, "topdesk-incidents")
    assert (outcome.read, outcome.written) == (1, 1)
    stored = rows(data_dir, "tickets")[0]
    assert at("2025-10-26 02:30") in stored and at("2025-10-26 02:50") in stored
