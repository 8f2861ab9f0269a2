"""Reading source files (XLSX, Parquet, JSON) into Arrow tables of text, one row per record, and
the `Source` every file becomes in the import's DuckDB connection (CSV: regie.importing.csvfile).

Every value arrives as text (or null) so that one mapping and one conversion serve
every format; `_file` and `_row` say where each record came from. A CSV's row number
counts the header as row 1, as a spreadsheet shows it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from regie.importing.problems import ImportFailed, Problem

CHUNK = 100_000
FORMATS = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".parquet": "parquet", ".xml": "xml", ".json": "json"}
_MAGIC = ((b"PK\x03\x04", "a ZIP archive (XLSX, DOCX, ...)"), (b"PAR1", "a Parquet file"), (b"%PDF", "a PDF document"))

Progress = Callable[[str, int], None]


@dataclass
class Source:
    """One file's records as a relation of the import's DuckDB connection: its columns (`headers`)
    as text, and SQL for where each record came from (`row_sql`) and its order in the file (`ord_sql`).
    `csv`: an empty field means the empty text (DuckDB's reader gives null), as the mapping's
    `null_values` decide."""

    file: str
    name: str
    headers: list[str]
    rows: int
    csv: bool = False
    row_sql: str = "_row"
    ord_sql: str = "_ord"

    @classmethod
    def from_arrow(cls, con, table: pa.Table, name: str, csv: bool = False) -> Source:
        """An Arrow table (with `_file` and `_row`) registered as `name`, in its order."""
        table = table.append_column("_ord", pa.array(np.arange(table.num_rows), pa.int64()))
        con.register(name, table)
        headers = [c for c in table.column_names if c not in ("_file", "_row", "_ord")]
        return cls(table.column("_file")[0].as_py(), name, headers, table.num_rows, csv)

    def drop(self, con) -> None:
        if self.ord_sql == "rowid":
            con.execute(f"drop table if exists {self.name}")
        else:
            con.unregister(self.name)


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
