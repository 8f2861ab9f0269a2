"""From text to contract types in DuckDB, and every rule checked per source row.

The mapped text arrives as an Arrow table (`_prepared`); this module keeps the latest
row per key of an event log, converts each column to its contract type (formats are
bound parameters), derives the business minutes of tickets, and checks each row
against the contract's column rules, the foreign keys of the data directory and the
personal-data rules. Problems name the source file, row, column and value.
"""

from __future__ import annotations

import duckdb

from regie.check import _rules
from regie.contract import TABLES, Column
from regie.importing.mapping import DERIVED, NAMES_OF_THINGS
from regie.importing.problems import SHOWN, ImportFailed, Problem

EMAIL = r".*[^@\s]+@[^@\s]+\.[A-Za-z]{2,}.*"
PHONE = r".*(\+31|0031|\b0)[1-9]([ -]?[0-9]){8}\b.*"
FREE_TEXT = 200  # characters; longer text values are taken for descriptions


def _typed_expression(column: Column, fmt: str | None, params: dict) -> str:
    raw = f'"{column.name}"'
    if column.type == "VARCHAR":
        return raw
    if column.type in ("DATE", "TIMESTAMP"):
        parsed = f"coalesce(try_cast({raw} as timestamp), try_cast({raw} as date))"
        if fmt:
            params[f"f_{column.name}"] = fmt
            parsed = f"coalesce(try_strptime({raw}, $f_{column.name}), {parsed})"
        return f"cast({parsed} as {column.type})"
    if column.type.startswith("DECIMAL"):
        scale = column.type.rstrip(")").split(",")[1]
        params[f"n_{column.name}"] = rf"-?[0-9]+(\.[0-9]{{1,{scale}}})?"
        return f"case when regexp_full_match({raw}, $n_{column.name}) then try_cast({raw} as {column.type}) end"
    return f"try_cast({raw} as {column.type})"


def _type_rule(column: Column, fmt: str | None) -> str:
    if column.type in ("DATE", "TIMESTAMP"):
        shown = f"{fmt} or ISO" if fmt else "ISO (YYYY-MM-DD)"
        return f"not a valid {column.type.lower()} in the format {shown}"
    if column.type.startswith("DECIMAL"):
        return "not an amount with at most two decimals"
    return f"not a valid {column.type}"


def collapse(cur: duckdb.DuckDBPyConnection, kind: str, latest_format: str | None, use_latest: bool) -> list[Problem]:
    """`_rows`: one row per key (the latest of an event log); problems for unreadable order or repeated keys."""
    key = ", ".join(f'"{k}"' for k in TABLES[kind].key)
    if use_latest:
        params = {"fmt": latest_format} if latest_format else {}
        parsed = "coalesce(try_strptime(_latest, $fmt), try_cast(_latest as timestamp))" if latest_format else (
            "try_cast(_latest as timestamp)")  # fmt: skip
        bad = cur.execute(
            f"select _file, _row, _latest from _prepared where _latest is not null and {parsed} is null order by _seq",
            params,
        ).fetchall()
        if bad:
            rule = f"the event log's latest column is not a timestamp in the format {latest_format or 'ISO'}"
            raise ImportFailed([Problem(f, r, "(latest)", v, rule) for f, r, v in bad[:SHOWN]], total=len(bad))
        cur.execute(
            f"create or replace temp table _rows as select * from _prepared qualify row_number() over "
            f"(partition by {key} order by {parsed} desc nulls last, _seq desc) = 1",
            params,
        )
        return []
    repeated = cur.execute(
        f"select _file, _row, concat_ws('/', {key}), "
        f"first_value(_file || ', row ' || _row) over (partition by {key} order by _seq), "
        f"row_number() over (partition by {key} order by _seq) as n from _prepared qualify n > 1 order by _seq"
    ).fetchall()
    cur.execute("create or replace temp table _rows as select * from _prepared")
    return [
        Problem(f, r, "+".join(TABLES[kind].key), k, f"key occurs more than once in the import (first in {first})")
        for f, r, k, first, _ in repeated
    ]


def convert(cur: duckdb.DuckDBPyConnection, kind: str, formats: dict[str, str | None]) -> None:
    """`_typed`: the rows in contract types with `<column>__raw` text beside each."""
    params: dict = {}
    select = ["_file", "_row", "_seq"]
    for column in TABLES[kind].columns:
        if column.name in DERIVED.get(kind, ()):
            continue
        select.append(f'{_typed_expression(column, formats.get(column.name), params)} as "{column.name}"')
        select.append(f'"{column.name}" as "{column.name}__raw"')
        select.append(f'"{column.name}__src"')
    cur.execute(f"create or replace temp table _typed as select {', '.join(select)} from _rows", params)
    if kind == "tickets":
        for derived, end in zip(DERIVED["tickets"], ("responded_at", "resolved_at"), strict=True):
            cur.execute(
                f"create or replace temp table _typed as select *, case when {end} >= opened_at "
                f"then cast(business_minutes(opened_at, {end}) as integer) end as {derived}, "
                f"cast(null as varchar) as {derived}__raw, cast(null as varchar) as {derived}__src from _typed"
            )


def _row_rules(kind: str, formats: dict[str, str | None], params: dict) -> list[tuple[str, str, str]]:
    """(column, rule text, predicate over _typed) for every per-row rule."""
    rules = []
    for column in TABLES[kind].columns:
        name = column.name
        if name not in DERIVED.get(kind, ()):
            rules.append(
                (name, _type_rule(column, formats.get(name)), f'"{name}__raw" is not null and "{name}" is null')
            )
        rules += [(name, text, sql) for text, sql in _rules(column, column.type, params)]
        if column.type == "VARCHAR" and name not in NAMES_OF_THINGS:
            params[f"email_{name}"], params[f"phone_{name}"] = EMAIL, PHONE
            rules.append((name, "looks like an e-mail address: personal data is not stored",
                          f'regexp_full_match("{name}", $email_{name})'))  # fmt: skip
            rules.append((name, "looks like a phone number: personal data is not stored",
                          f'regexp_full_match("{name}", $phone_{name})'))  # fmt: skip
            rules.append((name, f"longer than {FREE_TEXT} characters: free text is not stored",
                          f'length("{name}") > {FREE_TEXT}'))  # fmt: skip
    return rules


def validate(
    cur: duckdb.DuckDBPyConnection, kind: str, formats: dict[str, str | None]
) -> tuple[list[Problem], int, int]:
    """The first problems in source order, the number of problems and of rejected rows."""
    params: dict = {}
    rules = _row_rules(kind, formats, params)
    by_column: dict[str, list[str]] = {}
    for column, _, sql in rules:
        by_column.setdefault(column, []).append(f"coalesce({sql}, false)")
    per_rule = ", ".join(f"count_if(coalesce({sql}, false))" for _, _, sql in rules)
    per_column = ", ".join(f"count_if({' or '.join(p)})" for p in by_column.values())
    any_rule = " or ".join(p for ps in by_column.values() for p in ps)
    counts = cur.execute(f"select {per_rule}, {per_column}, count_if({any_rule}) from _typed", params).fetchone()
    total = int(sum(counts[len(rules) : -1]))  # one problem per row and column
    counts = counts[: len(rules)] + counts[-1:]
    found: list[tuple[int, Problem]] = []
    for (column, text, sql), count in zip(rules, counts[:-1], strict=True):
        if not count:
            continue
        used = {k: v for k, v in params.items() if f"${k}" in sql}
        raw = f'"{column}__src"'
        for seq, file, row, value in cur.execute(
            f"select _seq, _file, _row, coalesce({raw}, '') from _typed where coalesce({sql}, false) "
            f"order by _seq limit {SHOWN}",
            used,
        ).fetchall():
            found.append((seq, Problem(file, row, column, value, text)))
    # One problem per row and column: a value that is not a date is not also 'required'.
    seen: set[tuple] = set()
    shown = []
    for _, problem in sorted(found, key=lambda item: item[0]):
        if (problem.file, problem.row, problem.column) not in seen:
            seen.add((problem.file, problem.row, problem.column))
            shown.append(problem)
    return shown[:SHOWN], total, int(counts[-1])
