"""Each download format, checked byte by byte or read back, on the hand-written world."""

import io
from datetime import datetime

import openpyxl
import pyarrow.parquet as pq
import pytest

from regie import exports
from regie.db import Database
from tests import world
from tests.helpers import write_fixture

INVOICES = "select invoice_id, invoice_date, amount_excl_vat_eur, route from invoices where invoice_id in ('i1', 'c1') order by invoice_id"  # noqa: E501
TICKETS = "select ticket_id, opened_at, is_first_contact_resolution from tickets where ticket_id = $id"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    rows = [dict(line) for line in world.INVOICES]
    rows[0]["supplier_name"] = 'Leverancier; "de beste"'
    database = Database(write_fixture(tmp_path_factory.mktemp("world"), **{**world.TABLES, "invoices": rows}))
    yield database
    database.close()


def test_dutch_csv_opens_in_dutch_excel(db):
    body = exports.export(db.con, "csv_nl", INVOICES, {})
    assert body.startswith(exports.BOM)
    assert body[3:].decode("utf-8").splitlines() == [
        "invoice_id;invoice_date;amount_excl_vat_eur;route",
        "c1;10-04-2025;-200,00;collective",
        "i1;10-02-2025;1000,00;own",
    ]
    tickets = exports.export(db.con, "csv_nl", TICKETS, {"id": "t1"})[3:].decode("utf-8").splitlines()
    assert tickets == ["ticket_id;opened_at;is_first_contact_resolution", "t1;06-01-2025 09:00:00;WAAR"]


def test_dutch_csv_quotes_separators_and_formats_doubles(db):
    body = exports.export(
        db.con, "csv_nl", "select supplier_name, 12.5::double as pct from invoices where invoice_id = 'i1'", {}
    )
    assert body[3:].decode("utf-8").splitlines() == ["supplier_name;pct", '"Leverancier; ""de beste""";12,5']


def test_plain_csv_for_tools(db):
    body = exports.export(db.con, "csv", INVOICES, {})
    assert not body.startswith(exports.BOM)
    assert body.decode("utf-8").splitlines() == [
        "invoice_id,invoice_date,amount_excl_vat_eur,route",
        "c1,2025-04-10,-200.00,collective",
        "i1,2025-02-10,1000.00,own",
    ]


def test_xlsx_has_real_cells_formats_frozen_header_and_notes(db):
    body = exports.export(
        db.con, "xlsx", INVOICES, {}, sheet="invoices",
        notes=[("Periode", "2025-Q1"), ("Gegevens tot en met", "31-12-2025")],
        definitions=[("Kolommen", ""), ("amount_excl_vat_eur", "bedrag exclusief btw")],
    )  # fmt: skip
    book = openpyxl.load_workbook(io.BytesIO(body))
    sheet = book["invoices"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == ["invoice_id", "invoice_date", "amount_excl_vat_eur", "route"]
    date_cell, amount_cell = sheet["B2"], sheet["C2"]
    assert date_cell.value == datetime(2025, 4, 10) and date_cell.number_format == "dd-mm-yyyy"
    assert amount_cell.value == -200.0 and amount_cell.number_format == "#,##0.00"
    assert sheet.column_dimensions["D"].width >= 18
    about = book["Toelichting"]
    assert [(r[0].value, r[1].value) for r in about.iter_rows(max_row=2)] == [
        ("Periode", "2025-Q1"), ("Gegevens tot en met", "31-12-2025"),
    ]  # fmt: skip
    assert about["B5"].value == "bedrag exclusief btw"


def test_xlsx_refuses_more_rows_than_excel_holds(db, monkeypatch):
    monkeypatch.setattr(exports, "EXCEL_MAX_ROWS", 1)
    with pytest.raises(exports.ExportTooLarge, match="2 rows is more than Excel's 1"):
        exports.export(db.con, "xlsx", INVOICES, {})


def test_parquet_keeps_the_types(db):
    body = exports.export(db.con, "parquet", INVOICES, {})
    table = pq.read_table(io.BytesIO(body))
    assert str(table.schema.field("amount_excl_vat_eur").type) == "decimal128(14, 2)"
    assert str(table.schema.field("invoice_date").type) == "date32[day]"
    assert table.column("invoice_id").to_pylist() == ["c1", "i1"]


def test_a_chart_table_downloads_by_the_same_rules():
    import pandas as pd

    frame = pd.DataFrame({"Maand": ["jan 2025"], "Score": [93.25], "Datum": [pd.Timestamp("2025-01-31").date()]})
    body = exports.frame_export(frame)
    assert body == exports.BOM + b"Maand;Score;Datum\njan 2025;93,25;31-01-2025\n"


def test_file_names_say_what_they_hold():
    assert exports.file_name("tickets", "Turfbrug", "2025-Q3", "csv_nl") == "tickets_turfbrug_2025-q3_excel.csv"
    assert exports.file_name("sla_by_month", "6 leden", "2025", "xlsx") == "sla_by_month_6-leden_2025.xlsx"
