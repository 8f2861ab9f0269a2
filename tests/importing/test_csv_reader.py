"""DuckDB's CSV reader and where the careful reader takes over: rows as a spreadsheet numbers them,
white space as Unicode has it, encodings."""

from __future__ import annotations

from decimal import Decimal

import pytest

from regie.importing import ImportFailed, run_import
from tests.importing.files import base, rows

HEADER = b"municipality_code;year;cost_category;budget_eur\r\n"


@pytest.fixture
def data_dir(tmp_path):
    return base(tmp_path / "data")


def refused(*args, **kwargs) -> list[str]:
    with pytest.raises(ImportFailed) as caught:
        run_import(*args, **kwargs)
    return [p.line() for p in caught.value.problems]


def test_a_blank_line_between_records_keeps_the_rows_a_spreadsheet_shows(tmp_path, data_dir):
    source = tmp_path / "begroting.csv"
    source.write_bytes(HEADER + b"GM9001;2025;telephony;100\r\n\r\nGM9002;2025;licences;veel\r\n")
    assert refused("budgets", [source], data_dir) == [
        "begroting.csv, row 4, column budget_eur: value 'veel': not an amount with at most 2 decimals"
    ]


def test_blank_lines_at_the_end_and_rows_of_empty_fields_are_no_records(tmp_path, data_dir):
    source = tmp_path / "begroting.csv"
    source.write_bytes(HEADER + b";;;\r\nGM9001;2025;telephony;100\r\n  ; ;;\r\nGM9002;2025;licences;x\r\n\r\n\r\n")
    assert refused("budgets", [source], data_dir) == [
        "begroting.csv, row 5, column budget_eur: value 'x': not an amount with at most 2 decimals"
    ]
    source.write_bytes(HEADER + b";;;\r\nGM9001;2025;telephony;100\r\n\r\n")
    assert run_import("budgets", [source], data_dir).read == 1


def test_a_value_over_two_lines_is_one_row(tmp_path, data_dir):
    source = tmp_path / "leden.csv"
    source.write_bytes(
        b'municipality_code;name;is_ssc_member\nGM9001;"Turfbrug\nstad";true\nGM12;Veenhoven;true\nSSC;SSC;false\n'
    )
    assert refused("municipalities", [source], data_dir) == [
        "leden.csv, row 3, column municipality_code: value 'GM12': value must match GM[0-9]{4}|SSC"
    ]


def test_unicode_white_space_around_values_is_trimmed(tmp_path, data_dir):
    source = tmp_path / "begroting.csv"
    nbsp, thin = "\u00a0", "\u2009"
    text = f"{nbsp}GM9001{thin};\t2025 ;telephony{nbsp};{nbsp}1{nbsp}250,50\r\n"
    source.write_bytes(HEADER + text.encode("utf-8"))
    mapping = tmp_path / "komma.toml"
    mapping.write_text('kind = "budgets"\n[source]\ndecimal = ","\n', encoding="utf-8")
    run_import("budgets", [source], data_dir, mapping)
    assert rows(data_dir, "budgets") == [("GM9001", 2025, "telephony", Decimal("1250.50"))]


def test_windows_1252_is_read_as_such_and_other_bytes_are_named(tmp_path, data_dir):
    source = tmp_path / "leden.csv"
    body = "municipality_code;name;is_ssc_member\nGM9001;Turfbrug €;true\nGM9002;Veenhoven;true\nSSC;SSC;false\n"
    source.write_bytes(body.encode("cp1252"))
    run_import("municipalities", [source], data_dir)
    assert rows(data_dir, "municipalities")[0] == ("GM9001", "Turfbrug €", True)
    source.write_bytes(b"municipality_code;name;is_ssc_member\nGM9001;Turf\x81brug;true\n")
    assert refused("municipalities", [source], data_dir) == [
        "leden.csv, row 2, column -: byte 0x81 at position 49 is neither UTF-8 nor Windows-1252 text "
        "(set encoding in the mapping)"
    ]
    source.write_bytes(b"municipality_code;name;is_ssc_member\n\nGM9001;Turf\x81brug;true\n")  # the careful reader
    assert refused("municipalities", [source], data_dir) == [
        "leden.csv, row 3, column -: byte 0x81 at position 50 is neither UTF-8 nor Windows-1252 text "
        "(set encoding in the mapping)"
    ]


def test_a_row_duckdb_rejects_is_named_by_the_careful_reader(tmp_path, data_dir):
    source = tmp_path / "begroting.csv"
    source.write_bytes(HEADER + b"GM9001;2025;telephony;100\r\nGM9002;2025;licences\r\nGM9002;2025;a;b;c\r\n")
    assert refused("budgets", [source], data_dir) == [
        "begroting.csv, row 3, column -: value 'GM9002;2025;licences': row has 3 fields, the header has 4",
        "begroting.csv, row 4, column -: value 'GM9002;2025;a;b;c': row has 5 fields, the header has 4",
    ]
