"""The validator: clean demo data pass; each kind of damage is caught with its count and keys."""

import shutil
from datetime import datetime
from decimal import Decimal

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from regie.check import check
from regie.cli import main
from regie.tables_io import table_files


@pytest.fixture
def copy(demo_dir, tmp_path):
    """A private copy of the demo data, tickets as one file so that a test can damage them."""
    target = tmp_path / "data"
    shutil.copytree(demo_dir, target)
    tickets = pq.read_table(table_files(target, "tickets"), partitioning=None)
    shutil.rmtree(target / "tickets")
    pq.write_table(tickets, target / "tickets.parquet")
    return target


def damage(data_dir, table, change):
    path = data_dir / f"{table}.parquet"
    pq.write_table(change(pq.read_table(path)), path)


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
    first_ids = pq.read_table(copy / "tickets.parquet").column("ticket_id").to_pylist()[:6]
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
    (copy / "savings.parquet").unlink()

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
    assert ("savings", "*", "table missing: no savings.parquet, .csv or savings/ folder") in result
    assert main(["check", "--data-dir", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "violations of the data contract" in out and "tickets.channel: value must be one of" in out


def test_reference_table_as_csv(copy):
    (copy / "municipalities.parquet").unlink()
    (copy / "municipalities.csv").write_text(
        "municipality_code,name,is_ssc_member\n"
        "GM9001,Turfbrug,true\nGM9002,Veenhoven,maybe\nGM9003,Kleidam,true\nGM9004,Zandwijk,true\n"
        "GM9005,Beekveld,true\nGM9006,Heidemond,true\nSSC,SSC De Venen ICT,false\n",
        encoding="utf-8",
    )
    result = found(copy)
    assert result.pop(("municipalities", "is_ssc_member", "value is not a valid BOOLEAN")) == (1, ["GM9002"])
    # Without a valid is_ssc_member, Veenhoven's shares drop out of every year's sum.
    assert result.pop(("municipality_years", "*", "allocation shares of the members sum to 1 per year"))[0] == 6
    assert result == {}


def test_derived_minutes_must_follow_their_timestamps(copy):
    table = pq.read_table(copy / "tickets.parquet")
    row = table.column("responded_at").to_pylist().index(next(v for v in table.column("responded_at").to_pylist() if v))
    damage(copy, "tickets", lambda t: set_rows(t, "response_business_minutes", [row], None))
    result = found(copy)
    assert result[("tickets", "*", "response_business_minutes is set exactly when responded_at is")][0] == 1
