"""The Gegevens page's datasets: scoped by the global filters, narrowed by one bound column filter."""

import io
from datetime import date

import pyarrow.parquet as pq
import pytest

from regie import datasets, exports
from regie.db import Database
from regie.periods import Period
from tests import world
from tests.helpers import write_fixture

Q1 = datasets.Scope((world.A,), Period.parse("2025-Q1"), date(2025, 4, 1))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    database = Database(write_fixture(tmp_path_factory.mktemp("world"), **world.TABLES))
    yield database
    database.close()


def run(db, name, scope=Q1, **narrow):
    sql, params = datasets.base(name, scope)
    sql, params = datasets.narrowed(sql, params, exports.columns(db.con, sql, params), **narrow)
    return db.sql(sql, params)


def test_tables_follow_the_global_filters(db):
    # A's tickets opened in Q1: t1, t2, t3, t4, t6, t9 (t5 opened in December, t10 in April).
    assert sorted(run(db, "tickets")["ticket_id"]) == ["t1", "t2", "t3", "t4", "t6", "t9"]
    # Invoices dated in Q1, of A and of the SSC: i1, i2, s1, s2; not i4 (dated 2024), c1 (April) or B's i5.
    assert sorted(run(db, "invoices")["invoice_id"]) == ["i1", "i2", "s1", "s2"]
    assert run(db, "budgets")["budget_eur"].tolist() == [36500.0, 3650.0]  # 2025 rows only
    assert len(run(db, "municipalities")) == 3


def test_column_filter_sort_and_dutch_values(db):
    by_priority = run(db, "tickets", column="priority", operator="=", value="1")
    assert sorted(by_priority["ticket_id"]) == ["t3", "t4"]
    amounts = run(db, "invoices", column="amount_excl_vat_eur", operator=">=", value="1.500,00",
                  sort="amount_excl_vat_eur",
                  descending=True)  # fmt: skip
    assert amounts["invoice_id"].tolist() == ["s1", "i2"]  # 9000 and 3650; i1 and s2 are 1000
    dated = run(db, "tickets", column="opened_at", operator="<=", value="06-01-2025")
    assert dated["ticket_id"].tolist() == []  # 6 January 00:00; t1 opened at 09:00
    contains = run(db, "tickets", column="ticket_id", operator="contains", value="T1")
    assert contains["ticket_id"].tolist() == ["t1"]


@pytest.mark.parametrize(
    ("operator", "value", "lang", "expected"),
    [
        ("=", "3.650", "nl", ["i2"]),  # a Dutch thousands separator: 3650, not 3.65
        ("=", "3.650,00", "nl", ["i2"]),
        ("=", "3650", "nl", ["i2"]),  # as numbers: 3650 equals 3650.00
        (">=", "1.500", "nl", ["i2", "s1"]),
        (">=", "1.234,5", "nl", ["i2", "s1"]),
        (">=", "-1.234.567", "nl", ["i1", "i2", "s1", "s2"]),
        ("<=", "1.000", "nl", ["i1", "s2"]),
        ("=", "3,650.00", "en", ["i2"]),
        (">=", "1,500", "en", ["i2", "s1"]),
    ],
)
def test_numbers_are_read_as_the_language_writes_them(db, operator, value, lang, expected):
    frame = run(db, "invoices", column="amount_excl_vat_eur", operator=operator, value=value, lang=lang)
    assert sorted(frame["invoice_id"]) == expected


@pytest.mark.parametrize(("value", "lang"), [("1.23", "nl"), ("12,5", "en"), ("veel", "nl")])
def test_what_is_not_a_number_in_the_language_is_refused_not_guessed(db, value, lang):
    with pytest.raises(datasets.FilterValueError):
        run(db, "invoices", column="amount_excl_vat_eur", operator="=", value=value, lang=lang)


def test_hostile_values_stay_values(db):
    frame = run(db, "tickets", column="ticket_id", operator="=", value="t1' or '1'='1")
    assert frame.empty
    ignored = run(db, "tickets", column="nope; drop table tickets", operator="=", value="x", sort="also nope")
    assert len(ignored) == 6  # an unknown column is ignored, not put into SQL


@pytest.mark.parametrize("name", datasets.NAMES)
def test_every_dataset_exports_exactly_what_it_counts(demo_dir, name):
    database = Database(demo_dir)
    scope = datasets.Scope(("GM9001", "GM9002"), Period.parse("2025-Q3"), date(2026, 11, 1))
    sql, params = datasets.base(name, scope)
    rows = exports.count(database.con, sql, params)
    table = pq.read_table(io.BytesIO(exports.export(database.con, "parquet", sql, params)))
    assert table.num_rows == rows and (rows > 0 or name in ("savings_check",))
    assert datasets.definitions(name)
    database.close()
