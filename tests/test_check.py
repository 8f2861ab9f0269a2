"""The validator: clean demo data pass; each kind of damage is caught with its count and keys."""

import shutil
from datetime import datetime
from decimal import Decimal

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from regie import lake
from regie.check import check
from regie.cli import main
from regie.db import Database


@pytest.fixture
def copy(demo_dir, tmp_path):
    """A private copy of the demo data, that a test can damage."""
    target = tmp_path / "data"
    shutil.copytree(demo_dir, target)
    return target


def read(data_dir, table) -> pa.Table:
    db = Database(data_dir)
    try:
        return db.con.execute(f"select * from raw_{table}").to_arrow_table()
    finally:
        db.close()


def write(data_dir, table, sql, rows=None) -> None:
    """Replace a lake table as a DuckDB user could, bypassing the contract's types."""
    _damaged = rows  # noqa: F841 (read by name in sql)
    with lake.locked(data_dir), lake.writing(data_dir, "damage") as con:
        lake.begin(con)
        con.execute(sql)


def damage(data_dir, table, change):
    write(
        data_dir,
        table,
        f"create or replace table lake.{table} as select * from _damaged",
        change(read(data_dir, table)),
    )


def set_rows(table, column, rows, value):
    """Set `column` to `value` in the given row numbers."""
    values = table.column(column).to_pylist()
    for row in rows:
        values[row] = value
    index = table.schema.get_field_index(column)
    return table.set_column(index, table.schema.field(index), pa.array(values, table.schema.field(index).type))


def found(data_dir):
    return {(v.table, v.column, v.rule): (v.count, v.examples) for v in check(data_dir)}


def test_demo_data_are_clean(demo_dir, capsys):
    assert check(demo_dir) == []
    assert main(["check", "--data-dir", str(demo_dir)]) == 0
    assert "all 8 tables meet the data contract" in capsys.readouterr().out


def test_each_damage_is_reported(copy, capsys):
    first_ids = read(copy, "tickets").column("ticket_id").to_pylist()[:6]
    damage(copy, "tickets", lambda t: set_rows(t, "category", [0, 1], None))
    damage(copy, "tickets", lambda t: set_rows(t, "channel", [2], "fax"))
    damage(copy, "tickets", lambda t: set_rows(t, "priority", [0], 7))
    damage(copy, "tickets", lambda t: set_rows(t, "municipality_code", [1], "GM0000"))
    damage(copy, "tickets", lambda t: set_rows(t, "resolved_at", [2], datetime(2000, 1, 1)))
    damage(copy, "tickets", lambda t: set_rows(t, "ticket_id", [5], first_ids[4]))
    damage(copy, "tickets", lambda t: t.append_column("caller_name", pa.array(["X"] * t.num_rows)))
    damage(copy, "invoices", lambda t: set_rows(t, "supplier_id", [0], "abc"))
    damage(
        copy,
        "invoices",
        lambda t: t.set_column(
            t.schema.get_field_index("vat_eur"), "vat_eur", pc.cast(t.column("vat_eur"), pa.float64())
        ),
    )
    damage(copy, "budgets", lambda t: t.drop_columns(["budget_eur"]))
    damage(copy, "municipality_years", lambda t: set_rows(t, "allocation_share", [0], Decimal("0.9")))
    write(copy, "savings", "drop table lake.savings")

    result = found(copy)
    assert result[("tickets", "category", "required value is missing")] == (2, sorted(first_ids[:2]))
    assert result[("tickets", "channel", "value must be one of phone, portal, email, walk_in, monitoring")] == (
        1,
        [first_ids[2]],
    )
    assert result[("tickets", "priority", "value must be at most 4")][0] == 1
    assert result[("tickets", "municipality_code", "unknown value: not in municipalities.municipality_code")] == (
        1,
        [first_ids[1]],
    )
    assert result[("tickets", "resolved_at", "must not be before opened_at")] == (1, [first_ids[2]])
    assert result[("tickets", "ticket_id", "key is not unique")] == (1, [first_ids[4]])
    assert (
        result[
            ("tickets", "caller_name", "column is not in the contract (personal data and free text are not stored)")
        ][0]
        == 1
    )
    assert result[("invoices", "supplier_id", "value must match [0-9]{8}|[0-9A-Za-z]+:.+")][0] == 1
    assert ("invoices", "vat_eur", "money must be stored as DECIMAL(14,2), not as floating point DOUBLE") in result
    assert ("budgets", "budget_eur", "column missing") in result
    assert result[("municipality_years", "*", "allocation shares of the members sum to 1 per year")][0] == 1
    assert ("savings", "*", "table missing: the lake holds no table savings") in result
    assert main(["check", "--data-dir", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "violations of the data contract" in out and "tickets.channel: value must be one of" in out


def test_every_key_column_is_required():
    # An import replaces rows by equality on the key (regie/importing/_store), which never matches
    # an empty value: so no key column may be empty.
    from regie.contract import TABLES

    optional = [(t.name, c.name) for t in TABLES.values() for c in t.columns if c.name in t.key and not c.required]
    assert optional == []


def test_reference_table_as_text(copy):
    # A table written as text, as a CSV reader without types would.
    values = "('GM9001','Turfbrug','true'),('GM9002','Veenhoven','maybe'),('GM9003','Kleidam','true'),"
    values += "('GM9004','Zandwijk','true'),('GM9005','Beekveld','true'),('GM9006','Heidemond','true'),"
    values += "('SSC','SSC De Venen ICT','false')"
    write(
        copy,
        "municipalities",
        "create or replace table lake.municipalities as select * from "
        f"(values {values}) as t(municipality_code, name, is_ssc_member)",
    )
    result = found(copy)
    assert result.pop(("municipalities", "is_ssc_member", "value is not a valid BOOLEAN")) == (1, ["GM9002"])
    # Without a valid is_ssc_member, Veenhoven's shares drop out of every year's sum.
    assert result.pop(("municipality_years", "*", "allocation shares of the members sum to 1 per year"))[0] == 6
    assert result == {}


def test_derived_minutes_must_follow_their_timestamps(copy):
    table = read(copy, "tickets")
    row = table.column("responded_at").to_pylist().index(next(v for v in table.column("responded_at").to_pylist() if v))
    damage(copy, "tickets", lambda t: set_rows(t, "response_business_minutes", [row], None))
    result = found(copy)
    assert result[("tickets", "*", "response_business_minutes is set exactly when responded_at is")][0] == 1
