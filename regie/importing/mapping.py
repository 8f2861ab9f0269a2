"""Mappings: a TOML file that says how a source layout becomes a contract table.

    kind = "tickets"                      # the table this layout is for (optional)
    [source]                              # how to read (all optional)
    delimiter = ";"                       # sniffed from the header when absent
    encoding = "cp1252"                   # detected when absent (UTF-8 with or without BOM, else Windows-1252)
    sheet = "Blad1"                       # XLSX sheet; the first when absent
    decimal = ","                         # decimal comma; '.' as thousands separator is then dropped
    null_values = ["", "?", "-"]          # cells that mean 'no value'
    date_format = "%d-%m-%Y"              # for DATE columns; ISO is always accepted too
    timestamp_format = "%d-%m-%Y %H:%M"   # for TIMESTAMP columns
    [event_log]                           # several rows per key: keep the latest
    latest = "Datum wijziging"            # the source column that orders the rows of one key
    format = "%d-%m-%Y %H:%M"
    [columns]                             # contract column = source column, or a table:
    ticket_id = "Incidentnummer"
    priority = { column = "Prioriteit", values = { "1 - Hoog" = 1 } }
    reopen_count = { constant = 0 }
    route = { default = "own" }           # used where the value is empty
    opened_at = { column = "Aanmelddatum", format = "%d-%m-%Y %H:%M" }

A contract column that the mapping does not name is taken from the source column of
the same name when there is one. Source columns that end up unused are dropped and
listed in the summary; a used column whose name says it holds personal data is refused.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from regie.contract import TABLES
from regie.importing.problems import ImportFailed, Problem

MAPPING_DIR = Path(__file__).resolve().parent.parent.parent / "mappings"
DERIVED = {"tickets": ("response_business_minutes", "resolution_business_minutes")}
TRUE = {"true", "ja", "j", "yes", "y", "waar", "1", "x"}
FALSE = {"false", "nee", "n", "no", "onwaar", "0"}
# Words in a column header that mean it holds personal data or free text.
PERSONAL = {
    "naam", "name", "email", "mail", "telefoon", "telefoonnummer", "phone", "mobiel", "gsm", "aanmelder",
    "melder", "behandelaar", "omschrijving", "beschrijving", "description", "toelichting", "opmerking",
    "opmerkingen", "comment", "comments", "notitie", "verzoek", "actie", "adres", "address", "bsn",
    "contactpersoon", "persoon", "person", "gebruiker", "user", "medewerker", "caller", "operator", "creator",
    "modifier",
}  # fmt: skip
NAMES_OF_THINGS = {"supplier_name", "initiative", "title", "name"}  # organisations, initiatives, contracts


Formats = tuple[str, ...] | None  # strptime formats, tried in order; ISO is always accepted too


def _formats(value, where: str, key: str, problems: list) -> Formats:
    """A mapping's format setting: one strptime format, or a list of them tried in order."""
    if value is None:
        return None
    listed = [value] if isinstance(value, str) else value
    if not isinstance(listed, list) or not listed or not all(isinstance(v, str) and v for v in listed):
        problems.append(Problem.of(where, key, "format", str(value), "rule_mapping_format"))
        return None
    return tuple(listed)


@dataclass(frozen=True)
class Spec:
    column: str | None = None
    constant: str | None = None
    default: str | None = None
    values: dict[str, str] = field(default_factory=dict)
    format: Formats = None


@dataclass(frozen=True)
class Mapping:
    name: str
    kind: str | None = None
    delimiter: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    decimal: str = "."
    null_values: tuple[str, ...] = ("",)
    date_format: Formats = None
    timestamp_format: Formats = None
    latest: str | None = None
    latest_format: Formats = None
    columns: dict[str, Spec] = field(default_factory=dict)


def shipped() -> list[str]:
    return sorted(p.stem for p in MAPPING_DIR.glob("*.toml"))


def _text(value) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def load(name_or_path: str | Path | None, kind: str) -> Mapping:
    """A mapping from a file, or one shipped in mappings/ by name; None is the canonical layout."""
    if name_or_path is None:
        return Mapping("canonical")
    path = Path(name_or_path)
    if not path.is_file():
        path = MAPPING_DIR / f"{name_or_path}.toml"
    where = str(name_or_path)
    if not path.is_file():
        raise ImportFailed([Problem.of(where, "-", "-", "", "rule_mapping_not_found", names=", ".join(shipped()))])
    try:
        body = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ImportFailed([Problem.of(path.name, "-", "-", "", "rule_mapping_toml", detail=str(exc))]) from None
    problems = []

    def unknown(section: str, found: dict, allowed: set[str]) -> None:
        for key in sorted(set(found) - allowed):
            problems.append(Problem.of(path.name, section, key, "", "rule_mapping_setting"))

    unknown("top", body, {"kind", "source", "event_log", "columns", "description"})
    source, log, columns = body.get("source", {}), body.get("event_log", {}), body.get("columns", {})
    unknown(
        "source",
        source,
        {"delimiter", "encoding", "sheet", "decimal", "null_values", "date_format", "timestamp_format"},
    )  # noqa: E501
    unknown("event_log", log, {"latest", "format"})
    if body.get("kind", kind) != kind:
        problems.append(
            Problem.of(path.name, "top", "kind", body["kind"], "rule_mapping_kind", kind=body["kind"], wanted=kind)
        )
    specs = {}
    for target, spec in columns.items():
        if target not in TABLES[kind].column_names:
            problems.append(Problem.of(path.name, "columns", target, "", "rule_mapping_column", kind=kind))
            continue
        if isinstance(spec, str):
            spec = {"column": spec}
        unknown(f"columns.{target}", spec, {"column", "constant", "default", "values", "format"})
        specs[target] = Spec(
            column=spec.get("column"),
            constant=None if "constant" not in spec else _text(spec["constant"]),
            default=None if "default" not in spec else _text(spec["default"]),
            values={str(k): _text(v) for k, v in spec.get("values", {}).items()},
            format=_formats(spec.get("format"), path.name, f"columns.{target}", problems),
        )
    result = Mapping(
        name=path.stem,
        kind=body.get("kind"),
        delimiter=source.get("delimiter"),
        encoding=source.get("encoding"),
        sheet=source.get("sheet"),
        decimal=source.get("decimal", "."),
        null_values=tuple(source.get("null_values", [""])),
        date_format=_formats(source.get("date_format"), path.name, "source", problems),
        timestamp_format=_formats(source.get("timestamp_format"), path.name, "source", problems),
        latest=log.get("latest"),
        latest_format=_formats(log.get("format"), path.name, "event_log", problems),
        columns=specs,
    )
    if problems:
        raise ImportFailed(problems)
    return result


def is_personal(header: str) -> bool:
    """Whether a source column's name says it holds personal data or free text. A nested field
    (`callerBranch.name`, `caller.dynamicName`) is judged by its path: the `name` or `id` of a
    lookup is personal only when the lookup is (a caller, an operator), not a branch or category."""
    parts = header.lower().split(".")
    if len(parts) > 1 and parts[-1] in ("name", "id"):
        parts = parts[:-1]
    return any(word in PERSONAL for part in parts for word in re.split(r"[^a-z]+", part))


def _replace(array: pa.ChunkedArray | pa.Array, change) -> pa.Array:
    """Apply a function to each distinct value (None stays None)."""
    encoded = pc.dictionary_encode(array)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = (
            encoded.combine_chunks() if encoded.num_chunks else pa.array([], pa.dictionary(pa.int32(), pa.string()))
        )
    dictionary = pa.array([change(v) for v in encoded.dictionary.to_pylist()], pa.string())
    return pc.take(dictionary, encoded.indices)


def _number(values: pa.Array, decimal: str) -> pa.Array:
    """Amounts as DuckDB reads them: no currency sign, spaces or thousands separators, a decimal point."""
    for noise in ("€", "EUR", " ", "\u00a0", "." if decimal == "," else ","):
        values = pc.replace_substring(values, noise, "")
    return pc.replace_substring(values, ",", ".") if decimal == "," else values


def _boolean(value: str | None) -> str | None:
    if value is None:
        return None
    low = value.lower()
    return "true" if low in TRUE else "false" if low in FALSE else value


@dataclass
class Prepared:
    table: pa.Table  # contract columns as text, plus _file, _row and _latest
    formats: dict[str, Formats]
    dropped: list[str]
    defaults: dict[str, tuple[str, int]] = field(default_factory=dict)  # column -> (default, rows that took it)


def _null_lookup(column: str, headers: list[str]) -> bool:
    """Whether `column` (`callType.name`) is a field of a JSON lookup that is null in every row."""
    return "." in column and column.rsplit(".", 1)[0] in headers


def apply(mapping: Mapping, source: pa.Table, kind: str, municipality: str | None) -> Prepared:
    """One file's records in contract columns (still text), or ImportFailed naming what is wrong."""
    file = source.column("_file")[0].as_py()
    rows = source.num_rows
    nulls = set(mapping.null_values)
    headers = [c for c in source.column_names if c not in ("_file", "_row")]
    problems: list[Problem] = []
    used: set[str] = set()
    out: dict[str, pa.Array] = {}
    formats: dict[str, Formats] = {}
    defaults: dict[str, tuple[str, int]] = {}

    def cleaned(name: str) -> pa.Array:
        values = pc.utf8_trim_whitespace(source.column(name).combine_chunks())
        return pc.if_else(pc.is_in(values, pa.array(sorted(nulls), pa.string())), None, values)

    for column in TABLES[kind].columns:
        if column.name in DERIVED.get(kind, ()):
            used.add(column.name)  # recomputed on import with the service-hours calendar
            continue
        spec = mapping.columns.get(column.name) or Spec()
        if spec.column is None and spec.constant is None and column.name in headers:
            spec = Spec(column.name, None, spec.default, spec.values, spec.format)
        if column.name == "municipality_code" and municipality and spec.default is None:
            spec = Spec(spec.column, spec.constant, municipality, spec.values, spec.format)
        if spec.column and spec.column not in headers and not _null_lookup(spec.column, headers):
            problems.append(Problem.of(file, "1", spec.column, "", "rule_column_missing_mapped", target=column.name))
            continue
        if spec.column and spec.column not in headers:  # a JSON lookup that is null in every row
            used.add(spec.column.rsplit(".", 1)[0])
            values = pa.nulls(rows, pa.string())
        elif spec.column:
            used.add(spec.column)
            if is_personal(spec.column) and column.name not in NAMES_OF_THINGS:
                problems.append(Problem.of(file, "1", spec.column, "", "rule_personal_column", target=column.name))
            values = cleaned(spec.column)
        elif spec.constant is not None:
            values = pa.array([spec.constant] * rows, pa.string())
        elif column.required and spec.default is None:
            problems.append(Problem.of(file, "1", column.name, "", "rule_column_missing"))
            continue
        else:
            values = pa.nulls(rows, pa.string())
        if spec.default is not None:
            if spec.column and values.null_count:
                defaults[column.name] = (spec.default, values.null_count)
            values = pc.fill_null(values, spec.default)
        out[f"{column.name}__src"] = values  # as the source has it, for messages
        if spec.values:
            values = _replace(values, lambda v, m=spec.values: m.get(v, v) if v is not None else None)
        if column.type.startswith("DECIMAL") or column.type in ("TINYINT", "SMALLINT", "INTEGER"):
            values = _number(values, mapping.decimal)
        elif column.type == "BOOLEAN":
            values = _replace(values, _boolean)
        if column.type == "DATE":
            formats[column.name] = spec.format or mapping.date_format
        elif column.type == "TIMESTAMP":
            formats[column.name] = spec.format or mapping.timestamp_format
        out[column.name] = values
    if mapping.latest:
        if mapping.latest not in headers:
            problems.append(Problem.of(file, "1", mapping.latest, "", "rule_latest_missing"))
        else:
            used.add(mapping.latest)
            out["_latest"] = cleaned(mapping.latest)
            formats["_latest"] = mapping.latest_format or mapping.timestamp_format
    if problems:
        raise ImportFailed(problems, read=rows)
    out["_file"] = source.column("_file")
    out["_row"] = source.column("_row")
    if "_latest" not in out:
        out["_latest"] = pa.nulls(rows, pa.string())
        formats["_latest"] = None
    table = pa.table({k: v.combine_chunks() if isinstance(v, pa.ChunkedArray) else v for k, v in out.items()})
    return Prepared(table, formats, sorted(set(headers) - used), defaults)
