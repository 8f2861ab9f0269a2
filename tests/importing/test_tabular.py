"""CSV, XLSX and Parquet sources with the awkward cases, and the exact rows or the exact error."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import xlsxwriter

from regie.importing import ImportFailed, run_import
from regie.importing.mapping import MAPPING_DIR
from tests.importing.files import base, fingerprint, rows

TOPDESK_HEADER = [
    "Incidentnummer", "Aanmelddatum", "Soort melding", "Prioriteit", "Categorie", "Subcategorie", "Soort binnenkomst",
    "Behandelaarsgroep", "Behandelaar", "Aanmelder", "Korte omschrijving", "Vestiging", "Leverancier KvK",
    "Reactiedatum", "Gereed", "Afgemeld", "Aantal keer heropend", "Lijn", "Tevredenheid", "Datum wijziging",
]  # fmt: skip
TOPDESK_ROWS = [
    # M1 twice (an event log): the later row (07-01 10:00) wins.
    ["M2501 0001", "06-01-2025 09:15", "Storing", "2 - Normaal", "Werkplek", "Laptop", "Telefonisch", "Servicedesk",
     "J. de Vries", "P. Jansen", "Laptop start niet, bel 06-12345678", "Gemeentehuis Turfbrug", "?",
     "06-01-2025 09:20", "?", "?", "0", "Tweedelijns", "?", "06-01-2025 09:20"],
    ["M2501 0001", "06-01-2025 09:15", "Storing", "2 - Normaal", "Werkplek", "Laptop", "Telefonisch", "Werkplekbeheer",
     "K. Bakker", "P. Jansen", "Laptop start niet, bel 06-12345678", "Gemeentehuis Turfbrug", "?",
     "06-01-2025 09:20", "06-01-2025 14:00", "07-01-2025 10:00", "0", "Tweedelijns", "8", "07-01-2025 10:00"],
    # M2: Windows-1252 characters in fields that are dropped (Ö, Ç, €).
    ["M2501 0002", "06-01-2025 16:50", "Verzoek", "3 - Laag", "Applicaties", "Zaaksysteem", "E-mail",
     "Applicatiebeheer", "", "Ö. Çelik", "Graag rechten, € 0", "Stadskantoor Veenhoven", "?", "07-01-2025 08:10", "?",
     "?", "0", "Eerstelijns", "?", "07-01-2025 08:10"],
]  # fmt: skip


def write_csv(path, header, records, encoding="utf-8", delimiter=";", bom=False):
    text = "\r\n".join(delimiter.join(r) for r in [header, *records]) + "\r\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return path


@pytest.fixture
def data_dir(tmp_path):
    return base(tmp_path / "data")


def refused(*args, **kwargs) -> list[str]:
    with pytest.raises(ImportFailed) as caught:
        run_import(*args, **kwargs)
    return [p.line() for p in caught.value.problems]


def test_topdesk_event_log_in_windows_1252_keeps_the_latest_row_and_drops_personal_columns(tmp_path, data_dir):
    source = write_csv(tmp_path / "export.csv", TOPDESK_HEADER, TOPDESK_ROWS, encoding="cp1252")
    outcome = run_import("tickets", [source], data_dir, "topdesk-incidents")
    assert (outcome.read, outcome.kept, outcome.written, outcome.replaced, outcome.total) == (3, 2, 2, 0, 2)
    assert (outcome.personal_columns, outcome.dropped_columns) == (
        ["Aanmelder", "Behandelaar", "Korte omschrijving"],
        [],
    )
    assert rows(data_dir, "tickets") == [
        # 09:15 to 09:20 is 5 business minutes; 09:15 to 14:00 is 285.
        ("M2501 0001", "GM9001", "incident", 2, "Werkplek", "Laptop", "phone", "Werkplekbeheer", None,
         datetime(2025, 1, 6, 9, 15), datetime(2025, 1, 6, 9, 20), datetime(2025, 1, 6, 14, 0),
         datetime(2025, 1, 7, 10, 0), 0, False, 8, 5, 285),
        # Monday 16:50 to Tuesday 08:10: 10 minutes before closing, 10 after opening.
        ("M2501 0002", "GM9002", "request", 3, "Applicaties", "Zaaksysteem", "email", "Applicatiebeheer", None,
         datetime(2025, 1, 6, 16, 50), datetime(2025, 1, 7, 8, 10), None, None, 0, True, None, 20, None),
    ]  # fmt: skip


def test_a_newer_export_replaces_rows_by_key_and_the_same_file_twice_changes_nothing(tmp_path, data_dir):
    first = write_csv(tmp_path / "week1.csv", TOPDESK_HEADER, TOPDESK_ROWS[:1] + TOPDESK_ROWS[2:], encoding="cp1252")
    run_import("tickets", [first], data_dir, "topdesk-incidents")
    assert [r[11] for r in rows(data_dir, "tickets")] == [None, None]  # M1 not resolved yet
    before = fingerprint(data_dir)
    again = run_import("tickets", [first], data_dir, "topdesk-incidents")
    assert (again.written, again.unchanged, again.committed) == (0, 2, False)
    assert fingerprint(data_dir) == before
    newer = write_csv(tmp_path / "week2.csv", TOPDESK_HEADER, TOPDESK_ROWS[1:2], encoding="cp1252")
    outcome = run_import("tickets", [newer], data_dir, "topdesk-incidents")
    assert (outcome.written, outcome.replaced, outcome.total) == (1, 1, 2)
    assert [r[11] for r in rows(data_dir, "tickets")] == [datetime(2025, 1, 6, 14, 0), None]


INVOICE_HEADER = ["Factuur", "Regel", "Soort", "KvK", "Leverancier", "Contract", "Gemeente", "Factuurdatum",
                  "Van", "Tot", "Kostensoort", "Route", "Bedrag", "Btw", "Omschrijving"]  # fmt: skip
INVOICE_MAPPING = """
kind = "invoices"
[source]
decimal = ","
date_format = "%d-%m-%Y"
[columns]
invoice_id = "Factuur"
line_no = "Regel"
supplier_id = "KvK"
supplier_name = "Leverancier"
contract_id = "Contract"
municipality_code = "Gemeente"
invoice_date = "Factuurdatum"
period_start = "Van"
period_end = "Tot"
cost_category = "Kostensoort"
route = "Route"
amount_excl_vat_eur = "Bedrag"
vat_eur = "Btw"
document_type = { column = "Soort", values = { "Factuur" = "invoice", "Creditnota" = "credit_note" } }
"""


def invoice_csv(tmp_path, records, name="facturen.csv"):
    (tmp_path / "facturen.toml").write_text(INVOICE_MAPPING, encoding="utf-8")
    return write_csv(tmp_path / name, INVOICE_HEADER, records, bom=True), tmp_path / "facturen.toml"


def test_csv_with_bom_semicolons_decimal_comma_and_dutch_dates(tmp_path, data_dir):
    source, mapping = invoice_csv(tmp_path, [
        ["F-1", "1", "Factuur", "12345678", "Bel BV", "C-TEL", "GM9001", "03-02-2025", "01-01-2025", "31-01-2025",
         "telephony", "collective", "1.234,56", "259,26", "abonnementen januari"],
        ["F-2", "1", "Creditnota", "12345678", "Bel BV", "", "GM9002", "10-02-2025", "", "", "telephony", "own",
         "-12,50", "-2,63", ""],
    ])  # fmt: skip
    outcome = run_import("invoices", [source], data_dir, mapping)
    assert outcome.personal_columns == ["Omschrijving"]
    assert rows(data_dir, "invoices") == [
        ("F-1", 1, "invoice", "12345678", "Bel BV", "C-TEL", "GM9001", date(2025, 2, 3), date(2025, 1, 1),
         date(2025, 1, 31), "telephony", "collective", Decimal("1234.56"), Decimal("259.26")),
        ("F-2", 1, "credit_note", "12345678", "Bel BV", None, "GM9002", date(2025, 2, 10), None, None, "telephony",
         "own", Decimal("-12.50"), Decimal("-2.63")),
    ]  # fmt: skip


def test_every_bad_value_is_named_with_file_row_column_and_rule(tmp_path, data_dir):
    source, mapping = invoice_csv(tmp_path, [
        ["F-1", "1", "Factuur", "12345678", "Bel BV", "", "GM0099", "31-02-2025", "", "", "telephony", "own",
         "12,345", "0", ""],
        ["F-2", "0", "Offerte", "1234", "Bel BV", "C-NONE", "GM9001", "01-03-2025", "01-03-2025", "", "phones",
         "own", "10", "jan@bel.nl", ""],
    ])  # fmt: skip
    before = fingerprint(data_dir)
    assert refused("invoices", [source], data_dir, mapping) == [
        "facturen.csv, row 2, column municipality_code: value 'GM0099': unknown value: not in "
        "municipalities.municipality_code",
        "facturen.csv, row 2, column invoice_date: value '31-02-2025': not a valid date in the format %d-%m-%Y or ISO",
        "facturen.csv, row 2, column amount_excl_vat_eur: value '12,345': not an amount with at most 2 decimals",
        "facturen.csv, row 3, column line_no: value '0': value must be at least 1",
        "facturen.csv, row 3, column document_type: value 'Offerte': value of source column Soort is not in the value "
        "map of document_type (values under [columns.document_type] in mapping facturen); add it there. The map "
        "knows: 'Factuur', 'Creditnota'",
        r"facturen.csv, row 3, column supplier_id: value '1234': value must match [0-9]{8}|[0-9A-Za-z]+:.+",
        "facturen.csv, row 3, column contract_id: value 'C-NONE': unknown value: not in contracts.contract_id",
        "facturen.csv, row 3, column cost_category: value 'phones': value must be one of " + ", ".join(
            ["workplace", "licences", "hosting", "network", "telephony", "applications", "consultancy",
             "ssc_contribution", "security", "other"]),
        "facturen.csv, row 3, column vat_eur: value 'jan@bel.nl': not an amount with at most 2 decimals",
    ]  # fmt: skip
    assert fingerprint(data_dir) == before


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (b"", "leeg.csv", "leeg.csv, row -, column -: value '0 bytes': file is empty"),
        (b"\xef\xbb\xbfFactuur;Regel\r\n", "kop.csv", "kop.csv, row -, column -: file has a header but no data rows"),
        (b"%PDF-1.7 ...", "factuur.csv", "factuur.csv, row -, column -: value 'a PDF document': not a CSV text file"),
        (b"PK\x03\x04...", "export.csv", "export.csv, row -, column -: value 'a ZIP archive (XLSX, DOCX, ...)': "
         "not a CSV text file"),
        (b"a;b", "export.docx", "export.docx, row -, column -: value '.docx': unsupported file type; use .csv, "
         ".json, .parquet, .txt, .xlsx, .xml"),
        (b"a,b\n1,2", "export.xlsx", "export.xlsx, row -, column -: value 'text': not a valid XLSX file"),
    ],
)  # fmt: skip
def test_files_that_cannot_be_read(tmp_path, data_dir, content, name, expected):
    (tmp_path / name).write_bytes(content)
    assert refused("invoices", [tmp_path / name], data_dir) == [expected]


def test_a_truncated_file_is_refused(tmp_path, data_dir):
    source, mapping = invoice_csv(tmp_path, [
        ["F-1", "1", "Factuur", "12345678", "Bel BV", "", "GM9001", "03-02-2025", "", "", "telephony", "own", "1",
         "0", ""],
        ["F-2", "1", "Factuur", "12345678", "Bel BV", "", "GM9001", "03-02-2025", "", ""],
    ])  # fmt: skip
    assert refused("invoices", [source], data_dir, mapping) == [
        "facturen.csv, row 3, column -: value 'F-2;1;Factuur;12345678;Bel BV;;GM9001;03-02-2025;;': "
        "row has 10 fields, the header has 15"
    ]
    cut = tmp_path / "afgebroken.csv"
    cut.write_bytes(source.read_bytes()[:-40] + b';"abonnem')
    assert refused("invoices", [cut], data_dir, mapping) == [
        "afgebroken.csv, row 3, column -: file is truncated or malformed: unexpected end of data"
    ]


def test_missing_columns_and_personal_data_are_refused(tmp_path, data_dir):
    records = [r[:] for r in TOPDESK_ROWS]
    header = [h for h in TOPDESK_HEADER if h != "Aanmelddatum"]
    source = write_csv(tmp_path / "zonder.csv", header, [r[:1] + r[2:] for r in records], encoding="cp1252")
    assert refused("tickets", [source], data_dir, "topdesk-incidents") == [
        "zonder.csv, row 1, column Aanmelddatum: column missing (the mapping takes opened_at from it)"
    ]
    mapping = tmp_path / "behandelaar.toml"
    mapping.write_text(
        (MAPPING_DIR / "topdesk-incidents.toml")
        .read_text(encoding="utf-8")
        .replace('column = "Behandelaarsgroep"', 'column = "Behandelaar"'),
        encoding="utf-8",
    )
    source = write_csv(tmp_path / "export.csv", TOPDESK_HEADER, records, encoding="cp1252")
    assert refused("tickets", [source], data_dir, mapping) == [
        "export.csv, row 1, column Behandelaar: personal data or free text may not be imported (as assignee_group)"
    ]
    records[2][4] = "o.celik@veenhoven.nl"
    records[1][5] = "Bel 06-12345678"
    source = write_csv(tmp_path / "export.csv", TOPDESK_HEADER, records, encoding="cp1252")
    assert refused("tickets", [source], data_dir, "topdesk-incidents") == [
        "export.csv, row 3, column subcategory: value 'Bel 06-12345678': looks like a phone number: personal data is "
        "not stored",
        "export.csv, row 4, column category: value 'o.celik@veenhoven.nl': looks like an e-mail address: personal data "
        "is not stored",
    ]


def test_more_than_twenty_problems_are_counted(tmp_path, data_dir):
    records = [[f"F-{i}", "1", "Factuur", "12345678", "Bel BV", "", "GM0099", "03-02-2025", "", "", "telephony", "own",
                "1", "0", ""] for i in range(25)]  # fmt: skip
    source, mapping = invoice_csv(tmp_path, records)
    with pytest.raises(ImportFailed) as caught:
        run_import("invoices", [source], data_dir, mapping)
    report = caught.value.report().splitlines()
    assert report[:3] == [
        "Import refused: 25 problems.",
        "  25 rows: municipality_code: unknown value: not in municipalities.municipality_code",
        "The first, in source order:",
    ]
    assert len(report) == 25 and report[23] == "  ... and 5 more."
    assert report[24] == "Rows read: 25; rejected: 25. Nothing was written; the data are as they were."


def test_xlsx_cells_keep_their_dates_and_numbers(tmp_path, data_dir):
    path = tmp_path / "begroting.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Begroting")
    money = book.add_format({"num_format": "#,##0.00"})
    sheet.write_row(0, 0, ["municipality_code", "year", "cost_category", "budget_eur", "Toelichting"])
    sheet.write_row(1, 0, ["GM9001", 2025, "telephony", 250000.5, "vast en mobiel"])
    sheet.write_row(2, 0, ["GM9002", 2025, "licences", 1234.56, None])
    sheet.set_column(3, 3, 12, money)
    book.close()
    outcome = run_import("budgets", [path], data_dir)
    assert outcome.personal_columns == ["Toelichting"]
    assert rows(data_dir, "budgets") == [
        ("GM9001", 2025, "telephony", Decimal("250000.50")),
        ("GM9002", 2025, "licences", Decimal("1234.56")),
    ]


def test_parquet_in_the_canonical_layout_and_replace(tmp_path, data_dir):
    table = pa.table({
        "ticket_type": ["incident", "incident"], "priority": pa.array([1, 2], pa.int8()),
        "response_minutes": [15, 30], "resolution_minutes": [120, 480], "clock": ["calendar", "business"],
        "target_pct": pa.array([Decimal("95.00"), Decimal("90.00")], pa.decimal128(5, 2)),
        "valid_from": pa.array([date(2024, 1, 1)] * 2, pa.date32()),
    })  # fmt: skip
    pq.write_table(table, tmp_path / "dvo.parquet")
    run_import("sla_norms", [tmp_path / "dvo.parquet"], data_dir)
    pq.write_table(table.slice(1), tmp_path / "dvo2.parquet")
    outcome = run_import("sla_norms", [tmp_path / "dvo2.parquet"], data_dir, replace=True)
    assert (outcome.total, outcome.committed) == (1, True)
    assert rows(data_dir, "sla_norms") == [("incident", 2, 30, 480, "business", Decimal("90.00"), date(2024, 1, 1))]


SERVICENOW_HEADER = (
    "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,opened_by,"
    "opened_at,sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,contact_type,location,category,"
    "subcategory,u_symptom,cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,knowledge,"
    "u_priority_confirmation,notify,problem_id,rfc,vendor,caused_by,closed_code,resolved_by,resolved_at,closed_at"
)


def test_servicenow_event_log_with_day_first_dates_and_question_marks(tmp_path, data_dir):
    events = [
        "INC0000045,New,true,0,0,0,true,Caller 2403,Opened by 8,29/2/2016 01:16,Created by 6,29/2/2016 01:23,"
        "Updated by 21,29/2/2016 01:23,Phone,Location 143,Category 55,Subcategory 170,Symptom 72,?,2 - Medium,"
        "2 - Medium,3 - Moderate,Group 56,?,true,false,Do Not Notify,?,?,?,?,?,?,?,?",
        "INC0000045,Resolved,true,0,0,2,true,Caller 2403,Opened by 8,29/2/2016 01:16,Created by 6,29/2/2016 01:23,"
        "Updated by 908,29/2/2016 11:29,Phone,Location 143,Category 55,Subcategory 170,Symptom 72,?,2 - Medium,"
        "2 - Medium,3 - Moderate,Group 56,Resolver 89,true,false,Do Not Notify,?,?,?,?,code 5,Resolved by 149,"
        "29/2/2016 11:29,5/3/2016 12:00",
    ]
    source = tmp_path / "incident_event_log.csv"
    source.write_text("\n".join([SERVICENOW_HEADER, *events]) + "\n", encoding="utf-8")
    outcome = run_import("tickets", [source], data_dir, "servicenow-incident-events", municipality="GM9001")
    assert (outcome.read, outcome.kept) == (2, 1)
    assert {"caller_id"} <= set(outcome.personal_columns)
    assert {"opened_by", "assigned_to", "resolved_by"} <= set(outcome.dropped_columns)
    # Monday 29 February 2016, 01:16 to 11:29: the clock starts at 08:00, so 209 business minutes.
    assert rows(data_dir, "tickets") == [
        ("INC0000045", "GM9001", "incident", 3, "Category 55", "Subcategory 170", "phone", "Group 56", None,
         datetime(2016, 2, 29, 1, 16), None, datetime(2016, 2, 29, 11, 29), datetime(2016, 3, 5, 12, 0), 0, False,
         None, None, 209),
    ]  # fmt: skip


def _events(dates: str, category: str = "Category 55", group: str = "Group 56") -> list[str]:
    """INC0000046's two events, its dates written as `dates` formats them (opened, updated, resolved)."""
    opened, first, resolved = (dates.format(*d) for d in ((2, 1, 16, 0), (2, 1, 23, 0), (2, 11, 29, 30)))
    return [
        f"INC0000046,New,true,0,0,0,true,Caller 1,Opened by 8,{opened},Created by 6,{opened},Updated by 21,{first},"
        f"Phone,Location 143,{category},Subcategory 170,Symptom 72,?,2 - Medium,2 - Medium,3 - Moderate,{group},?,"
        "true,false,Do Not Notify,?,?,?,?,?,?,?,?",
        f"INC0000046,Resolved,true,0,0,2,true,Caller 1,Opened by 8,{opened},Created by 6,{opened},Updated by 908,"
        f"{resolved},Phone,Location 143,{category},Subcategory 170,Symptom 72,?,2 - Medium,2 - Medium,3 - Moderate,"
        f"{group},Resolver 89,true,false,Do Not Notify,?,?,?,?,code 5,Resolved by 149,{resolved},?",
    ]


@pytest.mark.parametrize(
    "dates", ["{0:02d}-03-2016 {1:02d}:{2:02d}:{3:02d}", "{0}-3-2016 {1:02d}:{2:02d}", "{0:02d}/03/2016 {1}:{2:02d}"]
)
def test_servicenow_dates_in_the_styles_real_exports_write(tmp_path, data_dir, dates):
    source = tmp_path / "incident_event_log.csv"
    source.write_text("\n".join([SERVICENOW_HEADER, *_events(dates, "?", "?")]) + "\n", encoding="utf-8")
    outcome = run_import("tickets", [source], data_dir, "servicenow-incident-events", municipality="GM9001")
    seconds = 30 if "{3" in dates else 0
    # Wednesday 2 March 2016, 01:16 to 11:29: the clock starts at 08:00, so 209 business minutes.
    assert rows(data_dir, "tickets") == [
        ("INC0000046", "GM9001", "incident", 3, "Onbekend", "Subcategory 170", "phone", "Onbekend", None,
         datetime(2016, 3, 2, 1, 16), None, datetime(2016, 3, 2, 11, 29, seconds), None, 0, False, None, None, 209),
    ]  # fmt: skip
    notes = outcome.report().splitlines()[-2:]
    assert notes == [
        "  2 rows read without category took the default 'Onbekend'",  # both events of the incident
        "  2 rows read without assignee_group took the default 'Onbekend'",
    ]


def test_a_date_column_that_fails_names_the_format_that_would_read_it(tmp_path, data_dir):
    # The mapping expects 29/2/2016 01:16; this export writes 02-03-2016 01:16. The event log's
    # order is read first: refused, counted per rule, with the format that reads the values.
    shipped = (MAPPING_DIR / "servicenow-incident-events.toml").read_text(encoding="utf-8")
    slash = re.sub(r"(timestamp_format|format) = \[[^\]]*\]", r'\1 = "%d/%m/%Y %H:%M"', shipped)
    (tmp_path / "slash.toml").write_text(slash, encoding="utf-8")
    source = tmp_path / "incident_event_log.csv"
    source.write_text("\n".join([SERVICENOW_HEADER, *_events("{0:02d}-03-2016 {1:02d}:{2:02d}")]) + "\n")
    with pytest.raises(ImportFailed) as caught:
        run_import("tickets", [source], data_dir, tmp_path / "slash.toml", municipality="GM9001")
    report = caught.value.report().splitlines()
    rule = (
        "the event log's latest column is not a timestamp in the format %d/%m/%Y %H:%M or ISO; the format "
        "%d-%m-%Y %H:%M reads these values (put it in the mapping as format under [event_log])"
    )
    assert report[:3] == [
        "Import refused: 2 problems.", f"  2 rows: sys_updated_at: {rule}", "The first, in source order:"
    ]  # fmt: skip
    assert report[-1] == "Rows read: 2; rejected: 2. Nothing was written; the data are as they were."
    # Past the event log (no [event_log]): the columns themselves, each counted once per rule.
    (tmp_path / "slash.toml").write_text(re.sub(r"\[event_log\][^\[]*", "", slash), encoding="utf-8")
    source.write_text("\n".join([SERVICENOW_HEADER, _events("{0:02d}-03-2016 {1:02d}:{2:02d}")[1]]) + "\n")
    with pytest.raises(ImportFailed) as caught:
        run_import("tickets", [source], data_dir, tmp_path / "slash.toml", municipality="GM9001")
    tally = caught.value.tally()
    column_rule = (
        "not a valid timestamp in the format %d/%m/%Y %H:%M or ISO; the format %d-%m-%Y %H:%M reads these values "
        "(put it in the mapping as timestamp_format under [source] or as the column's format)"
    )
    assert tally == [f"1 row: opened_at: {column_rule}", f"1 row: resolved_at: {column_rule}"]
    assert caught.value.tally("nl")[1].startswith("1 rij: resolved_at: geen geldig tijdstip in het formaat")


def test_a_file_that_does_not_exist_is_named_not_a_traceback(tmp_path, data_dir):
    before = fingerprint(data_dir)
    with pytest.raises(ImportFailed) as caught:
        run_import("tickets", [tmp_path / "nothere.csv"], data_dir)
    assert [(p.file, p.key) for p in caught.value.problems] == [("nothere.csv", "rule_file_not_found")]
    assert caught.value.report().splitlines()[-1] == (  # a missing file refuses no row
        "Rows read: 0; rejected: 0. Nothing was written; the data are as they were."
    )
    assert fingerprint(data_dir) == before
