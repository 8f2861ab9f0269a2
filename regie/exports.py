"""Downloads of a query result in four formats, streamed from DuckDB.

CSV and Parquet are written by DuckDB's COPY straight to a file; the XLSX is written
row batch by row batch with XlsxWriter in constant-memory mode. No format holds the
result as rows in Python. Values stay bound parameters: only column names (read from
the result itself) and the file location go into the SQL text.

- Dutch CSV: `;` separator, decimal comma, dates dd-mm-jjjj, UTF-8 with BOM, so that
  Dutch Excel opens it correctly with a double-click.
- Plain CSV: `,` separator, decimal point, ISO dates, UTF-8 without BOM, for tools.
- XLSX: real numeric and date cells with Dutch-style number formats, a frozen header
  row, column widths, and a second sheet with the filters, the data date and the
  column definitions. Results beyond Excel's row limit are refused.
- Parquet: the result with its own types.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import xlsxwriter

from regie.db import sql_literal

BOM = b"\xef\xbb\xbf"
EXCEL_MAX_ROWS = 1_048_575  # Excel's 1,048,576 rows, less the header
BATCH = 10_000
FORMATS = ("csv_nl", "csv", "xlsx", "parquet")
EXTENSIONS = {"csv_nl": "csv", "csv": "csv", "xlsx": "xlsx", "parquet": "parquet"}
MIME = {
    "csv_nl": "text/csv",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}


class ExportTooLarge(ValueError):
    """The result does not fit the format (Excel's row limit)."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


Connection = duckdb.DuckDBPyConnection


def columns(con: Connection, sql: str, params: dict) -> list[tuple[str, str]]:
    """(name, DuckDB type) of each column of the result."""
    cursor = con.cursor()
    try:
        cursor.execute(f"select * from ({sql}) limit 0", params)
        return [(d[0], str(d[1])) for d in cursor.description]
    finally:
        cursor.close()


def count(con: Connection, sql: str, params: dict) -> int:
    cursor = con.cursor()
    try:
        return int(cursor.execute(f"select count(*) from ({sql})", params).fetchone()[0])
    finally:
        cursor.close()


def _dutch_value(name: str, kind: str) -> str:
    """A column as Dutch Excel reads it: decimal comma, dd-mm-jjjj, WAAR/ONWAAR."""
    column = _quote(name)
    if kind.startswith("DECIMAL"):
        text = f"replace(cast({column} as varchar), '.', ',')"
    elif kind in ("DOUBLE", "FLOAT", "REAL"):
        text = f"replace(rtrim(rtrim(printf('%.6f', {column}), '0'), '.'), '.', ',')"
    elif kind == "DATE":
        text = f"strftime({column}, '%d-%m-%Y')"
    elif kind.startswith("TIMESTAMP"):
        text = f"strftime({column}, '%d-%m-%Y %H:%M:%S')"
    elif kind == "BOOLEAN":
        text = f"case when {column} then 'WAAR' when not {column} then 'ONWAAR' end"
    else:
        return column
    return f"{text} as {column}"


def write_csv(con: Connection, sql: str, params: dict, path: Path, dutch: bool) -> None:
    if dutch:
        kinds = columns(con, sql, params)
        values = [_dutch_value(n, k) for n, k in kinds]
        # The BOM is the first header name's first character (U+FEFF is EF BB BF in UTF-8), so that the
        # file is read into memory once, as it is, instead of copied again behind three bytes.
        first = _quote(kinds[0][0])
        values[0] = f"{values[0].removesuffix(f' as {first}')} as {_quote(chr(0xFEFF) + kinds[0][0])}"
        projection = ", ".join(values)
        options = "header, delimiter ';'"
    else:
        projection, options = "*", "header, delimiter ','"
    cursor = con.cursor()
    try:
        cursor.execute(f"copy (select {projection} from ({sql})) to {sql_literal(path)} ({options})", params)
    finally:
        cursor.close()


def write_parquet(con: Connection, sql: str, params: dict, path: Path) -> None:
    cursor = con.cursor()
    try:
        cursor.execute(f"copy ({sql}) to {sql_literal(path)} (format parquet, compression zstd)", params)
    finally:
        cursor.close()


def _cell_format(kind: str) -> dict:
    if kind.startswith("DECIMAL") or kind in ("DOUBLE", "FLOAT", "REAL"):
        return {"num_format": "#,##0.00"}
    if kind in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UBIGINT", "UINTEGER"):
        return {"num_format": "#,##0"}
    if kind == "DATE":
        return {"num_format": "dd-mm-yyyy"}
    if kind.startswith("TIMESTAMP"):
        return {"num_format": "dd-mm-yyyy hh:mm"}
    return {}


def _width(name: str, kind: str) -> int:
    if kind == "VARCHAR":
        return max(len(name) + 2, 18)
    return max(len(name) + 2, 12 if kind != "DATE" else 11)


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


def write_xlsx(
    con: Connection, sql: str, params: dict, path: Path, sheet: str, notes: list[tuple[str, str]],
    definitions: list[tuple[str, str]],
) -> None:  # fmt: skip
    """The result on the first sheet, the notes (filters, data date) and column definitions on the second."""
    write_workbook(con, [(sheet, sql, params)], path, notes, definitions)


def write_workbook(
    con: Connection, sheets: list[tuple[str, str, dict]], path: Path, notes: list[tuple[str, str]],
    definitions: list[tuple[str, str]],
) -> None:  # fmt: skip
    """Each (sheet, sql, params) result on a sheet of its own, then the notes and definitions."""
    for _, sql, params in sheets:
        rows = count(con, sql, params)
        if rows > EXCEL_MAX_ROWS:
            raise ExportTooLarge(f"{rows:,} rows is more than Excel's {EXCEL_MAX_ROWS:,}")
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    try:
        header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "bottom": 1})
        for sheet, sql, params in sheets:
            _write_sheet(workbook, header, con, sql, params, sheet)
        about = workbook.add_worksheet("Toelichting")
        about.set_column(0, 0, 28)
        about.set_column(1, 1, 100)
        line = 0
        for key, value in [*notes, ("", ""), *definitions]:
            about.write_string(line, 0, key, header if key and not value else None)
            about.write_string(line, 1, value)
            line += 1
    finally:
        workbook.close()


def _write_sheet(workbook, header, con: Connection, sql: str, params: dict, sheet: str) -> None:
    kinds = columns(con, sql, params)
    formats = [workbook.add_format(_cell_format(k)) for _, k in kinds]
    data = workbook.add_worksheet(re.sub(r"[\[\]:*?/\\]", "_", sheet)[:31])
    data.freeze_panes(1, 0)
    for index, (name, kind) in enumerate(kinds):
        data.set_column(index, index, _width(name, kind), formats[index])
        data.write_string(0, index, name, header)
    cursor = con.cursor()
    try:
        cursor.execute(f"select * from ({sql})", params)
        row_number = 1
        while batch := cursor.fetchmany(BATCH):
            for values in batch:
                for index, value in enumerate(values):
                    value = _cell(value)
                    if value is None:
                        continue
                    if isinstance(value, datetime):
                        data.write_datetime(row_number, index, value, formats[index])
                    else:
                        data.write(row_number, index, value, formats[index])
                row_number += 1
    finally:
        cursor.close()


def export(
    con: Connection, kind: str, sql: str, params: dict, sheet: str = "Gegevens",
    notes: list[tuple[str, str]] | None = None, definitions: list[tuple[str, str]] | None = None,
) -> bytes:  # fmt: skip
    """The file's bytes, made on request (call it from the download button's callable)."""

    def write(path: Path) -> None:
        if kind in ("csv_nl", "csv"):
            write_csv(con, sql, params, path, dutch=kind == "csv_nl")
        elif kind == "parquet":
            write_parquet(con, sql, params, path)
        else:
            write_xlsx(con, sql, params, path, sheet, notes or [], definitions or [])

    return _written(EXTENSIONS[kind], write)


def _written(extension: str, write: Callable[[Path], None]) -> bytes:
    """The bytes `write` puts in a file of a temporary folder of its own."""
    with tempfile.TemporaryDirectory(prefix="regie-export-") as folder:
        path = Path(folder) / f"export.{extension}"
        write(path)
        return path.read_bytes()


@contextmanager
def _frames(frames: list[pd.DataFrame]) -> Iterator[Connection]:
    """A connection of its own with each frame as table frame_<i>: a registered frame is visible to
    this connection only, so it is copied to a table its cursors can read."""
    con = duckdb.connect()
    try:
        for index, frame in enumerate(frames):
            con.register("frame", frame)
            con.execute(f"create table frame_{index} as select * from frame")
            con.unregister("frame")
        yield con
    finally:
        con.close()


def frame_export(frame: pd.DataFrame, kind: str = "csv_nl") -> bytes:
    """A small table (a chart's data) in a download format, by the same rules as the query results."""
    with _frames([frame]) as con:
        return export(con, kind, "select * from frame_0", {})


def frames_xlsx(sheets: list[tuple[str, pd.DataFrame]], notes: list[tuple[str, str]]) -> bytes:
    """Small tables (a what-if's proposal and results), one sheet each, by the same rules as the query results."""
    with _frames([frame for _, frame in sheets]) as con:
        queries = [(name, f"select * from frame_{index}", {}) for index, (name, _) in enumerate(sheets)]
        return _written("xlsx", lambda path: write_workbook(con, queries, path, notes, []))


def file_name(table: str, members: str, period: str, kind: str) -> str:
    """e.g. tickets_turfbrug_2025-Q3.csv: what the file holds, safe on every file system."""
    stem = "_".join(
        re.sub(r"[^A-Za-z0-9_-]+", "-", part).strip("-").lower() for part in (table, members, period) if part
    )
    suffix = "_excel" if kind == "csv_nl" else ""
    return f"{stem}{suffix}.{EXTENSIONS[kind]}"
