"""Reading a CSV file into the import's DuckDB connection, with DuckDB's own reader.

DuckDB's `read_csv` reads every field as text into a temporary table (no copy in Python), with
`store_rejects` for the rows it cannot read. It numbers nothing, so a record's row is its place
in the table plus 2 (the header is row 1), as a spreadsheet shows it; that holds while no blank
line sits between records. Where DuckDB's reader does not do the job, the careful reader below
(Python's csv module, record by record) does, and names each malformed row exactly:

- a file that is not UTF-8 (DuckDB reads UTF-8, UTF-16 and strict Latin-1 only) is read as
  Windows-1252, transcoded to a temporary UTF-8 copy, which DuckDB then reads;
- a blank line between records (DuckDB skips it, which would shift every later row number);
- a row DuckDB rejects (a wrong number of fields, an unterminated quote): its rejects name the
  line in the file, which differs from the row when a quoted value spans lines.
"""

from __future__ import annotations

import codecs
import csv
import os
import tempfile
from pathlib import Path

import duckdb

from regie.importing.problems import ImportFailed, Problem
from regie.importing.sources import Source, _Chunks, _names

DELIMITERS = (";", ",", "\t", "|")
BLOCK = 1 << 22
UTF8 = ("utf-8", "utf-8-sig", "utf8")


def sniff_delimiter(header_line: str) -> str:
    """The candidate delimiter that occurs most often in the header line (outside quotes)."""
    unquoted = header_line.split('"')[::2]
    counts = {d: sum(part.count(d) for part in unquoted) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ";"


def _header(path: Path, encoding: str | None) -> tuple[str, str]:
    """The first line as text, and the encoding to read the file in ('' when DuckDB should find out)."""
    with path.open("rb") as handle:
        first = handle.readline()
    if encoding:
        return first.decode(encoding, errors="replace"), encoding
    try:
        return first.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return first.decode("cp1252", errors="replace"), "cp1252"


def _blank_between_records(path: Path) -> bool:
    """Whether a blank line is followed by more content (blank lines at the end shift nothing)."""
    tail, pending = b"", False
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(BLOCK), b""):
            if pending and block.strip():
                return True
            joined = tail + block
            at = min((i for i in (joined.find(b"\n\n"), joined.find(b"\n\r\n")) if i >= 0), default=-1)
            if at >= 0:
                if joined[at:].strip():
                    return True
                pending = True
            tail = block[-2:]
    return False


def _transcoded(path: Path, encoding: str, folder: str) -> Path:
    """A UTF-8 copy of a file in another encoding, in `folder` (the caller removes it)."""
    fd, name = tempfile.mkstemp(suffix=".csv", dir=folder)
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as source, os.fdopen(fd, "wb") as target:
            for block in iter(lambda: source.read(BLOCK), b""):
                target.write(decoder.decode(block).encode("utf-8"))
            target.write(decoder.decode(b"", final=True).encode("utf-8"))
    except UnicodeDecodeError:
        os.unlink(name)
        raise ImportFailed([_undecodable(path, encoding)]) from None
    return Path(name)


def _undecodable(path: Path, encoding: str) -> Problem:
    """The first byte of a file that `encoding` cannot read, with its row (its line in the file)."""
    decoder, offset, newlines = codecs.getincrementaldecoder(encoding)(), 0, 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(BLOCK), b""):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                at = max(exc.start, 0)
                row = newlines + block.count(b"\n", 0, at) + 1
                byte = f"0x{block[at]:02x}" if at < len(block) else "end of file"
                return Problem.of(path.name, row, "-", "", "rule_encoding", byte=byte, position=offset + at + 1)
            offset, newlines = offset + len(block), newlines + block.count(b"\n")
    return Problem.of(path.name, "-", "-", "", "rule_encoding", byte="end of file", position=offset)


def _duckdb_read(con: duckdb.DuckDBPyConnection, path: Path, name: str, names: list[str], delimiter: str) -> list:
    """Reads `path` into the temporary table `name`; the errors DuckDB's rejects hold."""
    for table in ("_csv_rejects", "_csv_scans"):
        con.execute(f"drop table if exists {table}")
    con.execute(
        f"create or replace temp table {name} as select * from read_csv($path, header = true, columns = $columns, "
        "delim = $delim, quote = '\"', escape = '\"', auto_detect = false, strict_mode = true, all_varchar = true, "
        "nullstr = '', store_rejects = true, rejects_table = '_csv_rejects', rejects_scan = '_csv_scans')",
        {"path": str(path), "columns": {n: "VARCHAR" for n in names}, "delim": delimiter},
    )
    return [row[0] for row in con.execute("select error_type from _csv_rejects").fetchall()]


def load_csv(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    name: str,
    delimiter: str | None = None,
    encoding: str | None = None,
    progress=None,
) -> Source:
    """A CSV file as the temporary table `name` (every field text), or ImportFailed naming what is wrong."""
    file = path.name
    first, encoding = _header(path, encoding)
    if not first.strip():
        raise ImportFailed([Problem.of(file, "1", "-", "", "rule_first_line_header")])
    delimiter = delimiter or sniff_delimiter(first)
    try:
        names = _names(file, next(csv.reader([first.lstrip("\ufeff")], delimiter=delimiter, strict=True)))
    except (csv.Error, StopIteration) as exc:
        raise ImportFailed([Problem.of(file, 1, "-", "", "rule_truncated", detail=str(exc))]) from None
    if _blank_between_records(path):
        return _careful(con, path, name, names, delimiter, encoding, progress)
    with tempfile.TemporaryDirectory(prefix="regie-csv-") as folder:
        text = path if encoding.lower() in ("", *UTF8) else _transcoded(path, encoding, folder)
        errors = _duckdb_read(con, text, name, names, delimiter)
        if errors and not encoding and set(errors) == {"INVALID ENCODING"}:
            encoding = "cp1252"
            errors = _duckdb_read(con, _transcoded(path, encoding, folder), name, names, delimiter)
    if errors:  # the careful reader names each malformed row by its row, not its line
        con.execute(f"drop table {name}")
        return _careful(con, path, name, names, delimiter, encoding, progress)
    blank = " and ".join(f"coalesce(trim(\"{n}\"), '') = ''" for n in names)
    con.execute(f"delete from {name} where {blank}")  # rows of empty fields only; row ids stay as they were
    rows = con.execute(f"select count(*) from {name}").fetchone()[0]
    if not rows:
        con.execute(f"drop table {name}")
        raise ImportFailed([Problem.of(file, "-", "-", "", "rule_no_rows")])
    if progress:
        progress(file, rows)
    return Source(file, name, names, rows, csv=True, row_sql="cast(rowid + 2 as varchar)", ord_sql="rowid")


def _careful(con, path, name, names, delimiter, encoding, progress) -> Source:
    """Record by record with Python's csv module: exact rows for blank lines and malformed records;
    a file that is not UTF-8 (and names no encoding in its mapping) is read as Windows-1252."""
    if not encoding:
        try:
            return _records(con, path, name, names, delimiter, "utf-8-sig", progress)
        except UnicodeDecodeError:
            encoding = "cp1252"
    try:
        return _records(con, path, name, names, delimiter, encoding, progress)
    except UnicodeDecodeError:
        raise ImportFailed([_undecodable(path, encoding)]) from None


def _records(con, path, name, names, delimiter, encoding, progress) -> Source:
    file = path.name
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
    return Source.from_arrow(con, chunks.table(), name, csv=True)
