"""The demo generator: deterministic, complete, consistent with the calendar, and telling its stories."""

from datetime import date

import numpy as np
import pytest

from regie.calendar import ServiceCalendar
from regie.cli import main
from regie.db import Database
from regie.demo import DemoRefused, generate
from regie.kpis import member_figures
from regie.periods import Period
from tests.conftest import AS_OF, DEMO_TICKETS
from tests.helpers import write_fixture
from tests.importing.files import fingerprint


def files(path):
    """Every file's bytes, but the catalog's write-ahead log and its index, which a reader leaves."""
    log = ("catalog.sqlite-wal", "catalog.sqlite-shm")
    return {p.relative_to(path): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file() and p.name not in log}


def test_same_seed_same_rows(tmp_path):
    generate(tmp_path / "a", 3000, seed=3, as_of=AS_OF)
    generate(tmp_path / "b", 3000, seed=3, as_of=AS_OF)
    generate(tmp_path / "c", 3000, seed=4, as_of=AS_OF)
    first, second, other = (fingerprint(tmp_path / n) for n in "abc")
    assert first == second
    assert sorted(first) == [
        "backlog_months", "budgets", "contracts", "invoices", "municipalities", "municipality_years",
        "norm_times", "norm_times_histogram", "period_figures", "regie_check", "regie_derived", "regie_manifest",
        "resolution_times", "response_times",
        "savings", "service_time_months", "sla_norms", "snapshot", "ticket_months", "tickets",
    ]  # fmt: skip
    assert first["snapshot"] == 3  # initialise, shape the summaries, the demo: one snapshot each
    assert [p for p in first if first[p] != other.get(p)]  # another seed gives other data


@pytest.fixture(scope="module")
def db(demo_dir):
    database = Database(demo_dir)
    yield database
    database.close()


def test_manifest_and_range(db, demo_dir):
    body = db.manifest
    assert body["data_until"] == "2026-10-31"
    tickets = body["tables"]["tickets"]
    assert tickets["rows"] == DEMO_TICKETS
    assert tickets["date_range"] == ["2021-01-01", "2026-10-31"]
    assert tickets["loaded_at"] == "2026-11-01T00:00:00"
    assert db.sql("select count(distinct municipality_code) as n from tickets")["n"][0] == 6


def test_derived_minutes_equal_the_calendar(db):
    frame = db.sql(
        "select opened_at, responded_at, resolved_at, response_business_minutes as rb, "
        "resolution_business_minutes as sb from tickets"
    )
    calendar = ServiceCalendar(first_year=2021, last_year=2027)
    opened = frame["opened_at"].to_numpy("datetime64[s]")
    for end, column in (("responded_at", "rb"), ("resolved_at", "sb")):
        expected = calendar.business_minutes(opened, frame[end].to_numpy("datetime64[s]"))
        assert np.array_equal(expected, frame[column].to_numpy("float64"), equal_nan=True)


def test_believable_figures(db):
    turfbrug = db.sql("select * from municipality_years where municipality_code = 'GM9001' and year = 2025")
    assert 50_000 < turfbrug["inhabitants"][0] < 56_000
    per_inhabitant = db.sql(
        "select sum(amount_excl_vat_eur) / (select sum(inhabitants) from municipality_years where year = 2023) as x "
        "from invoices where year(coalesce(period_start, invoice_date)) = 2023"
    )["x"][0]
    assert 100 < per_inhabitant < 115  # domain.md: EUR 109 in 2023


def test_story_migration_quarter_under_target(db):
    q2 = member_figures(db.run, Period.parse("2024-Q2"))
    q3 = member_figures(db.run, Period.parse("2024-Q3"))
    assert (q2["sla_resolution_pct"] < 90).all()
    assert (q3["sla_resolution_pct"].mean()) > 90


def test_story_mobile_telephony_saves_turfbrug_200k(db):
    realised = db.sql(
        "select year, realized_savings_eur as r from savings where municipality_code = 'GM9001' "
        "and initiative_id = 'GT-MOBIEL' order by year"
    )
    known = realised.dropna()
    assert list(known["year"]) == [2021, 2022, 2023, 2024, 2025]  # 2026 is not yet known
    assert ((known["r"] > 185_000) & (known["r"] < 220_000)).all()


def test_story_contract_nears_its_ceiling(db):
    used = db.sql(
        "select c.contract_id, sum(i.amount_excl_vat_eur) / c.ceiling_eur as used from contracts c "
        "join invoices i using (contract_id) where c.ceiling_eur is not null "
        "group by c.contract_id, c.ceiling_eur order by used desc"
    )
    assert used["contract_id"][0] == "C-01-ADV" and 0.85 < used["used"][0] <= 1.0
    assert (used["used"][1:] < 0.8).all()


def test_spend_does_not_depend_on_the_number_of_tickets(tmp_path, db):
    generate(tmp_path / "small", 2000, seed=7, as_of=AS_OF)
    small = Database(tmp_path / "small")
    query = "select year(invoice_date) as y, sum(amount_excl_vat_eur) as eur from invoices group by 1 order by 1"
    assert small.sql(query).equals(db.sql(query))
    assert len(small.sql("select * from invoices")) < len(db.sql("select * from invoices"))
    small.close()


def test_refuses_to_overwrite_imported_data(tmp_path, demo_dir):
    target = tmp_path / "real"
    target.mkdir()
    (target / "manifest.json").write_text('{"data_until": "2025-01-01", "tables": {}}')
    with pytest.raises(DemoRefused):
        generate(target, 100, as_of=date(2026, 1, 1))
    assert main(["demo", "--data-dir", str(target), "--tickets", "100"]) == 2
    imported = write_fixture(tmp_path / "imported", municipalities=[{"municipality_code": "GM9001", "name": "T"}])
    before = fingerprint(imported)
    with pytest.raises(DemoRefused, match="holds imported data"):
        generate(imported, 100, as_of=date(2026, 1, 1))
    assert main(["demo", "--data-dir", str(imported), "--tickets", "100"]) == 2
    assert fingerprint(imported) == before


def test_demo_command_if_empty(tmp_path, capsys):
    target = tmp_path / "d"
    assert main(["demo", "--data-dir", str(target), "--tickets", "500", "--as-of", "2026-03-15"]) == 0
    assert "Demo data written" in capsys.readouterr().out
    before = files(target)
    assert main(["demo", "--data-dir", str(target), "--if-empty"]) == 0
    assert "left as it is" in capsys.readouterr().out and files(target) == before
