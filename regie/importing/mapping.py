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


SPACE = r"[\s\x0b\x{85}\pZ]"  # white space at either end of a value, as Unicode has it (RE2: \s is ASCII)
NUMBER_NOISE = ("€", "EUR", " ", "\u00a0")  # and the thousands separator: what DuckDB cannot read in an amount


def used_params(query: str, params: dict) -> dict:
    """The parameters a query names (DuckDB refuses others)."""
    named = set(re.findall(r"\$(\w+)", query))
    return {k: v for k, v in params.items() if k in named}


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class _Sql:
    """Expressions over one source relation, their values bound as parameters named p<file>_<n>."""

    def __init__(self, prefix: str):
        self.prefix, self.params = prefix, {}

    def bind(self, value) -> str:
        key = f"{self.prefix}{len(self.params)}"
        self.params[key] = value
        return f"${key}"

    def number(self, expr: str, decimal: str) -> str:
        """Amounts as DuckDB reads them: no currency sign, spaces or thousands separators, a decimal point."""
        for noise in (*NUMBER_NOISE, "." if decimal == "," else ","):
            expr = f"replace({expr}, {self.bind(noise)}, '')"
        return f"replace({expr}, ',', '.')" if decimal == "," else expr

    def boolean(self, expr: str) -> str:
        low = f"lower({expr})"
        return (f"case when list_contains({self.bind(sorted(TRUE))}, {low}) then 'true' "
                f"when list_contains({self.bind(sorted(FALSE))}, {low}) then 'false' else {expr} end")  # fmt: skip

    def values(self, expr: str, mapped: dict[str, str]) -> str:
        keys, values = self.bind(list(mapped)), self.bind(list(mapped.values()))
        return f"coalesce(list_extract({values}, list_position({keys}, {expr})), {expr})"


@dataclass
class Prepared:
    select: str  # contract columns as text (<column>__src where the mapping changed it), _file, _row, _latest, _seq
    params: dict
    formats: dict[str, Formats]
    dropped: list[str]
    defaults: dict[str, tuple[str, int]] = field(default_factory=dict)  # column -> (default, rows that took it)
    changed: set[str] = field(default_factory=set)  # columns whose source value the mapping changed


def _null_lookup(column: str, headers: list[str]) -> bool:
    """Whether `column` (`callType.name`) is a field of a JSON lookup that is null in every row."""
    return "." in column and column.rsplit(".", 1)[0] in headers


def apply(mapping: Mapping, source, kind: str, municipality: str | None, con, number: int = 0) -> Prepared:
    """One file's records (a `sources.Source`) in contract columns, still text: a SELECT over the
    source's relation; or ImportFailed naming what is wrong."""
    file, rows, headers = source.file, source.rows, source.headers
    sql = _Sql(f"p{number}_")
    problems: list[Problem] = []
    used: set[str] = set()
    out: dict[str, str] = {}
    formats: dict[str, Formats] = {}
    defaults: dict[str, tuple[str, str]] = {}  # column -> (its expression before the default, the default)
    changed: set[str] = set()
    edge, ends = sql.bind(f"^{SPACE}|{SPACE}$"), sql.bind(f"^{SPACE}+|{SPACE}+$")
    nulls = sql.bind(sorted(set(mapping.null_values)))

    def cleaned(name: str) -> str:
        raw = _quoted(name)
        value = f"case when regexp_matches({raw}, {edge}) then regexp_replace({raw}, {ends}, '', 'g') else {raw} end"
        value = f"coalesce({value}, '')" if source.csv else value
        return f"case when list_contains({nulls}, {value}) then null else {value} end"

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
            value = "cast(null as varchar)"
        elif spec.column:
            used.add(spec.column)
            if is_personal(spec.column) and column.name not in NAMES_OF_THINGS:
                problems.append(Problem.of(file, "1", spec.column, "", "rule_personal_column", target=column.name))
            value = cleaned(spec.column)
        elif spec.constant is not None:
            value = f"cast({sql.bind(spec.constant)} as varchar)"
        elif column.required and spec.default is None:
            problems.append(Problem.of(file, "1", column.name, "", "rule_column_missing"))
            continue
        else:
            value = "cast(null as varchar)"
        if spec.default is not None:
            if spec.column:
                defaults[column.name] = (value, spec.default)
            value = f"coalesce({value}, {sql.bind(spec.default)})"
        source_value = value  # as the source has it, for messages
        if spec.values:
            value = sql.values(value, spec.values)
        if column.type.startswith("DECIMAL") or column.type in ("TINYINT", "SMALLINT", "INTEGER"):
            value = sql.number(value, mapping.decimal)
        elif column.type == "BOOLEAN":
            value = sql.boolean(value)
        if value != source_value:
            changed.add(column.name)
            out[f"{column.name}__src"] = source_value
        if column.type == "DATE":
            formats[column.name] = spec.format or mapping.date_format
        elif column.type == "TIMESTAMP":
            formats[column.name] = spec.format or mapping.timestamp_format
        out[column.name] = value
    if mapping.latest:
        if mapping.latest not in headers:
            problems.append(Problem.of(file, "1", mapping.latest, "", "rule_latest_missing"))
        else:
            used.add(mapping.latest)
            out["_latest"] = cleaned(mapping.latest)
            formats["_latest"] = mapping.latest_format or mapping.timestamp_format
    if problems:
        raise ImportFailed(problems, read=rows)
    if "_latest" not in out:
        out["_latest"] = "cast(null as varchar)"
        formats["_latest"] = None
    out["_file"] = f"cast({sql.bind(file)} as varchar)"
    out["_row"] = source.row_sql
    out["_seq"] = f"cast({number} as bigint) * 10000000000000 + {source.ord_sql}"
    took = {}
    if defaults:
        query = f"select {', '.join(f'count_if(({v}) is null)' for v, _ in defaults.values())} from {source.name}"
        counts = con.execute(query, used_params(query, sql.params)).fetchone()
        took = {c: (d, int(n)) for (c, (_, d)), n in zip(defaults.items(), counts, strict=True) if n}
    select = f"select {', '.join(f'{v} as {_quoted(k)}' for k, v in out.items())} from {source.name}"
    parents = {c.rsplit(".", 1)[0] for c in used if "." in c}  # a lookup null in some rows: its own column
    return Prepared(select, sql.params, formats, sorted(set(headers) - used - parents), took, changed)


# The rules a value outside a column's value map breaks: it reached the check untranslated.
MAPPED_RULES = {"rule_not_type", "rule_allowed", "rule_unknown_ref", "rule_not_number", "rule_pattern"}


def value_map_hints(mapping: Mapping, problems: list[Problem], tally: list) -> tuple[list[Problem], list]:
    """The problems and tally with each broken rule of a value-mapped column restated where the
    source value is not in the map: the message names the source column and the values it maps.
    A tally line is restated when every problem shown for it is such a value."""

    def hint(column: str) -> tuple[str, dict]:
        spec = mapping.columns[column]
        known = ", ".join(f"'{k}'" for k in spec.values)
        return "rule_value_map", {"source": spec.column, "target": column, "mapping": mapping.name, "known": known}

    def unmapped(p: Problem) -> bool:
        spec = mapping.columns.get(p.column)
        return bool(spec and spec.values and p.key in MAPPED_RULES and p.value not in spec.values)

    shown, restated, kept = [], set(), set()
    for p in problems:
        if unmapped(p):
            restated.add((p.column, p.key))
            key, values = hint(p.column)
            p = Problem.of(p.file, p.row, p.column, p.value, key, **values)
        else:
            kept.add((p.column, p.key))
        shown.append(p)
    hinted = restated - kept
    return shown, [(c, *hint(c), n) if (c, k) in hinted else (c, k, v, n) for c, k, v, n in tally]
