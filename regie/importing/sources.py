"""Reading source files (CSV, XLSX, Parquet) into Arrow tables of text, one row per record.

Every value arrives as text (or null) so that one mapping and one conversion serve
every format; `_file` and `_row` say where each record came from. A CSV's row number
counts the header as row 1, as a spreadsheet shows it.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from regie.importing.problems import ImportFailed, Problem

CHUNK = 100_000
DELIMITERS = (";", ",", "\t", "|")
FORMATS = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".parquet": "parquet", ".xml": "xml", ".json": "json"}
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
    if kind == "json" and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"[", b"{")):
        raise ImportFailed([Problem.of(name, "-", "-", found or "text", "rule_not_valid_file", kind="JSON")])
    if kind in ("csv", "xml", "json") and (found or b"\x00" in head):
        raise ImportFailed(
            [Problem.of(name, "-", "-", found or "binary data", "rule_not_text_file", kind=kind.upper())]
        )
    return kind


def scan(path: Path) -> tuple[str, bool]:
    """The encoding (UTF-8 with or without BOM when the whole file decodes as such, else
    Windows-1252), and whether the file is regular: quotes balanced and no blank lines, so
    that the fast reader numbers its rows as the careful one does."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8, quotes, blank, tail = True, 0, False, b""
    with path.open("rb") as handle:
        bom = handle.read(3) == codecs.BOM_UTF8
        handle.seek(0)
        for block in iter(lambda: handle.read(1 << 22), b""):
            if utf8:
                try:
                    decoder.decode(block)
                except UnicodeDecodeError:
                    utf8 = False
            quotes += block.count(b'"')
            joined = tail + block
            blank = blank or b"\n\n" in joined or b"\n\r\n" in joined
            tail = block[-2:]
        if utf8:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8 = False
    encoding = ("utf-8-sig" if bom else "utf-8") if utf8 else "cp1252"
    return encoding, quotes % 2 == 0 and not blank


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


def _with_origin(columns: dict | pa.Table, file: str, numbers) -> pa.Table:
    """The columns with `_file` and `_row` (the row numbers given) appended."""
    table = columns if isinstance(columns, pa.Table) else pa.table(columns)
    table = table.append_column("_file", pa.repeat(pa.scalar(file, pa.string()), table.num_rows))
    return table.append_column("_row", pa.array(np.asarray(numbers).astype(str), pa.string()))


def _to_table(file: str, names: list[str], chunks: list[pa.Table]) -> pa.Table:
    if not chunks:
        raise ImportFailed([Problem.of(file, "-", "-", "", "rule_no_rows")])
    return pa.concat_tables(chunks)


class _Chunks:
    """Records gathered into Arrow tables of CHUNK rows each, with progress after each table."""

    def __init__(self, file: str, names: list[str], progress=None):
        self.file, self.names, self.progress = file, names, progress
        self.tables: list[pa.Table] = []
        self.rows: list[list] = []
        self.numbers: list[int] = []

    def add(self, row: list, number: int) -> None:
        self.rows.append(row)
        self.numbers.append(number)
        if len(self.rows) == CHUNK:
            self._flush()
            if self.progress:
                self.progress(self.file, number - 1)

    def _flush(self) -> None:
        columns = {n: pa.array([r[i] for r in self.rows], pa.string()) for i, n in enumerate(self.names)}
        self.tables.append(_with_origin(columns, self.file, self.numbers))
        self.rows, self.numbers = [], []

    def table(self) -> pa.Table:
        if self.rows:
            self._flush()
        return _to_table(self.file, self.names, self.tables)


def read_csv(path: Path, delimiter: str | None = None, encoding: str | None = None, progress=None) -> pa.Table:
    """A CSV file as text columns: with Arrow's reader when the file is regular, else (and for
    exact messages about malformed rows) record by record with Python's csv module."""
    file = path.name
    found, regular = scan(path)
    encoding = encoding or found
    with path.open(encoding=encoding, newline="") as handle:
        first = handle.readline()
        if not first.strip():
            raise ImportFailed([Problem.of(file, "1", "-", "", "rule_first_line_header")])
        delimiter = delimiter or sniff_delimiter(first)
        handle.seek(0)
        try:
            names = _names(file, next(csv.reader(handle, delimiter=delimiter, strict=True)))
        except csv.Error as exc:
            raise ImportFailed([Problem.of(file, 1, "-", "", "rule_truncated", detail=str(exc))]) from None
    if regular:
        table = _read_csv_arrow(path, file, names, delimiter, encoding, progress)
        if table is not None:
            return table
    return _read_csv_records(path, file, names, delimiter, encoding, progress)


def _read_csv_arrow(path, file, names, delimiter, encoding, progress) -> pa.Table | None:
    """Arrow's streaming reader; None as soon as a row is malformed (the careful reader says which)."""
    malformed = []

    def invalid(row) -> str:
        malformed.append(row)
        return "skip"

    reader = pacsv.open_csv(
        path,
        read_options=pacsv.ReadOptions(
            encoding="utf8" if encoding.startswith("utf-8") else encoding, column_names=names, skip_rows=1,
            block_size=1 << 24,
        ),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True, invalid_row_handler=invalid),
        convert_options=pacsv.ConvertOptions(
            column_types={n: pa.string() for n in names}, strings_can_be_null=False, quoted_strings_can_be_null=False
        ),
    )  # fmt: skip
    chunks, done = [], 0
    for batch in reader:
        if malformed:
            return None
        table = pa.Table.from_batches([batch])
        numbers = np.arange(done + 2, done + 2 + table.num_rows)
        done += table.num_rows
        empty = None
        for column in table.columns:
            blank = pc.equal(pc.utf8_trim_whitespace(column), "")
            empty = blank if empty is None else pc.and_(empty, blank)
        keep = pc.invert(empty)
        chunks.append(_with_origin(table.filter(keep), file, numbers[np.asarray(keep)]))
        if progress:
            progress(file, done)
    if malformed:
        return None
    return _to_table(file, names, [c for c in chunks if c.num_rows])


def _read_csv_records(path, file, names, delimiter, encoding, progress) -> pa.Table:
    problems: list[Problem] = []
    chunks = _Chunks(file, names, progress)
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter, strict=True)
        next(reader)
        number = 1
        try:
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
                chunks.add(record, number)
        except csv.Error as exc:
            problems.append(Problem.of(file, number + 1, "-", "", "rule_truncated", detail=str(exc)))
    if problems:
        raise ImportFailed(problems)
    return chunks.table()


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
    chunks: _Chunks | None = None
    for number, values in _xlsx_rows(path, sheet):
        cells = [text(v) for v in values]
        if chunks is None:
            if not any(c and c.strip() for c in cells):
                continue
            while cells and cells[-1] is None:
                cells.pop()
            chunks = _Chunks(file, _names(file, [c or "" for c in cells]), progress)
            continue
        if any(c is not None and c.strip() for c in cells):
            width = len(chunks.names)
            chunks.add((cells + [None] * width)[:width], number)
    if chunks is None:
        raise ImportFailed([Problem.of(file, "-", "-", "", "rule_sheet_empty")])
    return chunks.table()


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
    return _with_origin(columns, file, np.arange(1, table.num_rows + 1))


def _flatten(record: dict, prefix: str = "", out: dict | None = None) -> dict:
    """A JSON object's fields as `name` or `parent.name` (a lookup `{id, name}` gives `priority.id`
    and `priority.name`; null gives nothing); lists (links, partial incidents) are left out."""
    out = {} if out is None else out
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            _flatten(value, f"{name}.", out)
        elif isinstance(value, bool):
            out[name] = "true" if value else "false"
        elif value is None:
            out.setdefault(name, None)  # a lookup that is null here: its fields are null (mapping.apply)
        elif not isinstance(value, list):
            out[name] = str(value)
    return out


def read_json(path: Path) -> pa.Table:
    """A JSON list of objects (as TOPdesk's `GET /tas/api/incidents` returns), one row per object,
    nested fields as dotted columns (`callerBranch.name`); rows are numbered from 1."""
    file = path.name
    try:
        records = json.loads(path.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ImportFailed([Problem.of(file, "-", "-", "", "rule_json_unreadable", detail=str(exc))]) from None
    if isinstance(records, dict) and any(not isinstance(v, dict) for v in records.values()):
        records = [records]  # one object with fields of its own: a single incident (GET .../incidents/id/...)
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ImportFailed([Problem.of(file, "-", "-", "", "rule_json_shape")])  # an object of objects, say
    if not records:
        raise ImportFailed([Problem.of(file, "-", "-", "", "rule_no_rows")])
    flat = [_flatten(r) for r in records]
    names = list(dict.fromkeys(name for row in flat for name in row))
    if not names:  # objects without fields: nothing to import
        raise ImportFailed([Problem.of(file, "-", "-", "", "rule_json_shape")])
    columns = {name: pa.array([row.get(name) for row in flat], pa.string()) for name in names}
    return _with_origin(columns, file, np.arange(1, len(flat) + 1))
