"""Reading source files (CSV, XLSX, Parquet) into Arrow tables of text, one row per record.

Every value arrives as text (or null) so that one mapping and one conversion serve
every format; `_file` and `_row` say where each record came from. A CSV's row number
counts the header as row 1, as a spreadsheet shows it.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from regie.importing.problems import ImportFailed, Problem

CHUNK = 100_000
DELIMITERS = (";", ",", "\t", "|")
FORMATS = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".parquet": "parquet", ".xml": "xml"}
_MAGIC = ((b"PK\x03\x04", "a ZIP archive (XLSX, DOCX, ...)"), (b"PAR1", "a Parquet file"), (b"%PDF", "a PDF document"))

Progress = Callable[[str, int], None]


def file_format(path: Path) -> str:
    """The format a file is read as: its extension, confirmed by its first bytes."""
    name = path.name
    if not path.is_file():
        raise ImportFailed([Problem.of(name, "-", "-", path, "rule_file_not_found")])
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        supported = ", ".join(sorted(FORMATS))
        raise ImportFailed(
            [Problem.of(name, "-", "-", path.suffix or "(none)", "rule_unsupported_type", supported=supported)]
        )
    with path.open("rb") as handle:
        head = handle.read(4096)
    if not head:
        raise ImportFailed([Problem.of(name, "-", "-", "0 bytes", "rule_file_empty")])
    found = next((what for magic, what in _MAGIC if head.startswith(magic)), None)
    expected = {"xlsx": b"PK\x03\x04", "parquet": b"PAR1"}.get(kind)
    if expected and not head.startswith(expected):
        raise ImportFailed([Problem.of(name, "-", "-", found or "text", "rule_not_valid_file", kind=kind.upper())])
    if kind in ("csv", "xml") and (found or b"\x00" in head):
        raise ImportFailed(
            [Problem.of(name, "-", "-", found or "binary data", "rule_not_text_file", kind=kind.upper())]
        )
    return kind


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) when the whole file decodes as such, else Windows-1252."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        bom = handle.read(3) == codecs.BOM_UTF8
        handle.seek(0)
        try:
            for block in iter(lambda: handle.read(1 << 20), b""):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig" if bom else "utf-8"


def sniff_delimiter(header_line: str) -> str:
    """The candidate delimiter that occurs most often in the header line (outside quotes)."""
    unquoted = header_line.split('"')[::2]
    counts = {d: sum(part.count(d) for part in unquoted) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ";"


def _names(file: str, header: list[str]) -> list[str]:
    names = [h.strip() for h in header]
    problems = [
        Problem.of(file, "1", f"column {i + 1}", "", "rule_header_cell_empty") for i, n in enumerate(names) if not n
    ]
    seen: set[str] = set()
    for n in names:
        if n and n in seen:
            problems.append(Problem.of(file, "1", n, n, "rule_header_twice"))
        seen.add(n)
    if problems:
        raise ImportFailed(problems)
    return names


def _to_table(file: str, names: list[str], chunks: list[pa.Table]) -> pa.Table:
    if not chunks:
        raise ImportFailed([Problem.of(file, "-", "-", "", "rule_no_rows")])
    return pa.concat_tables(chunks)


def _chunk(names: list[str], rows: list[list], row_numbers: list[int], file: str) -> pa.Table:
    columns = {n: pa.array([r[i] for r in rows], pa.string()) for i, n in enumerate(names)}
    columns["_file"] = pa.array([file] * len(rows), pa.string())
    columns["_row"] = pa.array([str(n) for n in row_numbers], pa.string())
    return pa.table(columns)


def read_csv(path: Path, delimiter: str | None = None, encoding: str | None = None, progress=None) -> pa.Table:
    file = path.name
    encoding = encoding or detect_encoding(path)
    problems: list[Problem] = []
    chunks: list[pa.Table] = []
    with path.open(encoding=encoding, newline="") as handle:
        first = handle.readline()
        if not first.strip():
            raise ImportFailed([Problem.of(file, "1", "-", "", "rule_first_line_header")])
        delimiter = delimiter or sniff_delimiter(first)
        handle.seek(0)
        reader = csv.reader(handle, delimiter=delimiter, strict=True)
        try:
            names = _names(file, next(reader))
            rows: list[list] = []
            numbers: list[int] = []
            number = 1
            for record in reader:
                number += 1
                if not any(cell.strip() for cell in record):
                    continue
                if len(record) != len(names):
                    problems.append(
                        Problem.of(
                            file, number, "-", delimiter.join(record)[:60], "rule_field_count",
                            found=len(record), expected=len(names),
                        )
                    )  # fmt: skip
                    continue
                rows.append(record)
                numbers.append(number)
                if len(rows) == CHUNK:
                    chunks.append(_chunk(names, rows, numbers, file))
                    rows, numbers = [], []
                    if progress:
                        progress(file, number - 1)
        except csv.Error as exc:
            problems.append(Problem.of(file, number + 1, "-", "", "rule_truncated", detail=str(exc)))
        if problems:
            raise ImportFailed(problems)
        if rows:
            chunks.append(_chunk(names, rows, numbers, file))
    return _to_table(file, names, chunks)


def text(value) -> str | None:
    """One cell as text: dates as ISO, whole floats without '.0', everything else as str()."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[tuple[int, tuple]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged archive
        raise ImportFailed([Problem.of(path.name, "-", "-", "", "rule_xlsx_unreadable", detail=str(exc))]) from None
    try:
        if sheet and sheet not in book.sheetnames:
            raise ImportFailed(
                [Problem.of(path.name, "-", "-", sheet, "rule_no_sheet", sheets=", ".join(book.sheetnames))]
            )
        rows = book[sheet] if sheet else book.worksheets[0]
        yield from enumerate(rows.iter_rows(values_only=True), start=1)
    finally:
        book.close()


def read_xlsx(path: Path, sheet: str | None = None, progress=None) -> pa.Table:
    file = path.name
    names: list[str] | None = None
    chunks: list[pa.Table] = []
    rows: list[list] = []
    numbers: list[int] = []
    for number, values in _xlsx_rows(path, sheet):
        cells = [text(v) for v in values]
        if names is None:
            if not any(c and c.strip() for c in cells):
                continue
            while cells and cells[-1] is None:
                cells.pop()
            names = _names(file, [c or "" for c in cells])
            continue
        if not any(c is not None and c.strip() for c in cells):
            continue
        rows.append((cells + [None] * len(names))[: len(names)])
        numbers.append(number)
        if len(rows) == CHUNK:
            chunks.append(_chunk(names, rows, numbers, file))
            rows, numbers = [], []
            if progress:
                progress(file, number - 1)
    if names is None:
        raise ImportFailed([Problem.of(file, "-", "-", "", "rule_sheet_empty")])
    if rows:
        chunks.append(_chunk(names, rows, numbers, file))
    return _to_table(file, names, chunks)


def read_parquet(path: Path) -> pa.Table:
    file = path.name
    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        raise ImportFailed([Problem.of(file, "-", "-", "", "rule_parquet_unreadable", detail=str(exc))]) from None
    if table.num_rows == 0:
        raise ImportFailed([Problem.of(file, "-", "-", "", "rule_parquet_empty")])
    columns = {}
    for name, column in zip(table.column_names, table.columns, strict=True):
        if pa.types.is_boolean(column.type):
            columns[name] = pa.array([text(v) for v in column.to_pylist()], pa.string())
        else:
            columns[name] = column.cast(pa.string())
    columns["_file"] = pa.array([file] * table.num_rows, pa.string())
    columns["_row"] = pa.array([str(i) for i in range(1, table.num_rows + 1)], pa.string())
    return pa.table(columns)
