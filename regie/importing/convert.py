"""From text to contract types in DuckDB, and every rule checked per source row.

The mapped text arrives as an Arrow table (`_prepared`); this module keeps the latest
row per key of an event log, converts each column to its contract type (formats are
bound parameters), derives the business minutes of tickets, and checks each row
against the contract's column rules, the foreign keys of the data directory and the
personal-data rules. Problems name the source file, row, column and value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from regie.check import Rule, _rules
from regie.contract import TABLES, Column
from regie.importing.mapping import DERIVED, NAMES_OF_THINGS, used_params
from regie.importing.problems import SHOWN, ImportFailed, Problem

EMAIL = r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}"  # anywhere in a value (regexp_matches)
PHONE = r"(\+31|0031|\b0)[1-9]([ -]?[0-9]){8}\b"
FREE_TEXT = 200  # characters; longer text values are taken for descriptions
# Formats real exports write, tried in this order when a date column cannot be read, to name one
# that would read its values (day first before month first: Dutch exports write 3-2-2025).
CANDIDATE_TIMESTAMPS = (
    "%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S", "%Y-%m-%dT%H:%M:%S.%g%z", "%Y-%m-%dT%H:%M:%S%z", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
    "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %I:%M:%S %p",
)  # fmt: skip
CANDIDATE_DATES = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d", "%Y%m%d", "%m/%d/%Y", "%d-%m-%y", "%d/%m/%y")
WALL_CLOCK = "Europe/Amsterdam"  # the contract's timestamps are Dutch wall-clock time
HINT_VALUES = 1000  # distinct unreadable values a candidate format must read


def would_read(cur: duckdb.DuckDBPyConnection, values: list[str], timestamp: bool) -> str:
    """The first candidate format that reads every one of `values`, or ''."""
    values = sorted({v for v in values if v})[:HINT_VALUES]
    if not values:
        return ""
    for fmt in CANDIDATE_TIMESTAMPS + CANDIDATE_DATES if timestamp else CANDIDATE_DATES:
        found = cur.execute(
            "select bool_and(try_strptime(v, $f) is not null) from unnest($v) as t(v)", {"f": fmt, "v": values}
        ).fetchone()[0]
        if found:
            return fmt
    return ""


def shown_formats(fmt: tuple[str, ...] | None) -> str:
    """The formats a column is read in, for a message: '%d/%m/%Y %H:%M or %d-%m-%Y %H:%M or ISO'."""
    return " or ".join([*(fmt or ()), "ISO"]) if fmt else "ISO (YYYY-MM-DD)"


def _typed_expression(column: Column, fmt: tuple[str, ...] | None, params: dict) -> str:
    raw = f'"{column.name}"'
    if column.type == "VARCHAR":
        return raw
    if column.type in ("DATE", "TIMESTAMP"):
        parsed = f"coalesce(try_cast({raw} as timestamp), try_cast({raw} as date))"
        plain = [f for f in fmt or () if "%z" not in f and "%Z" not in f]
        zoned = [f for f in fmt or () if f not in plain]
        if zoned:  # a moment with its offset (TOPdesk's API: 2023-01-25T11:14:25.000+0000), as Dutch wall-clock time
            params[f"z_{column.name}"] = zoned
            parsed = f"coalesce(timezone('{WALL_CLOCK}', try_strptime({raw}, $z_{column.name})), {parsed})"
        if plain:
            params[f"f_{column.name}"] = plain
            parsed = f"coalesce(try_strptime({raw}, $f_{column.name}), {parsed})"
        return f"cast({parsed} as {column.type})"
    if column.type.startswith("DECIMAL"):
        scale = column.type.rstrip(")").split(",")[1]
        params[f"n_{column.name}"] = rf"-?[0-9]+(\.[0-9]{{1,{scale}}})?"
        return f"case when regexp_full_match({raw}, $n_{column.name}) then try_cast({raw} as {column.type}) end"
    return f"try_cast({raw} as {column.type})"


def _type_rule(column: Column, fmt: tuple[str, ...] | None, sql: str) -> Rule:
    if column.type in ("DATE", "TIMESTAMP"):
        key = "rule_not_date" if column.type == "DATE" else "rule_not_timestamp"
        return Rule(key, {"format": shown_formats(fmt)}, sql)
    if column.type.startswith("DECIMAL"):
        return Rule("rule_not_amount", {"scale": column.type.rstrip(")").split(",")[1]}, sql)
    return Rule("rule_not_type", {"type": column.type}, sql)


@dataclass(frozen=True)
class Rows:
    """A relation of the import's rows as SQL (a table, or a subquery over the sources) and its parameters."""

    sql: str
    params: dict = field(default_factory=dict)

    def run(self, cur: duckdb.DuckDBPyConnection, query: str, params: dict | None = None):
        """`query` with `{rows}` standing for this relation, its parameters bound with `params`."""
        text = query.replace("{rows}", self.sql)
        return cur.execute(text, used_params(text, {**self.params, **(params or {})}))


def collapse(
    cur: duckdb.DuckDBPyConnection, kind: str, latest_format: tuple[str, ...] | None, latest: str | None, rows: Rows
) -> tuple[Rows, list[Problem]]:
    """One row per key (for an event log, the latest by its source column `latest`, as the table
    `_rows`), and problems for an unreadable order or repeated keys."""
    key = ", ".join(f'"{k}"' for k in TABLES[kind].key)
    if latest:
        params = {"fmt": list(latest_format)} if latest_format else {}
        parsed = "coalesce(try_strptime(_latest, $fmt), try_cast(_latest as timestamp))" if latest_format else (
            "try_cast(_latest as timestamp)")  # fmt: skip
        bad = rows.run(
            cur,
            f"select _file, _row, _latest from {{rows}} where _latest is not null and {parsed} is null order by _seq",
            params,
        ).fetchall()
        if bad:
            would = would_read(cur, [v for _, _, v in bad], True)
            rule, values = ("rule_latest_format_hint", {"would": would}) if would else ("rule_latest_format", {})
            values["format"] = shown_formats(latest_format)
            shown = [Problem.of(f, r, latest, v, rule, **values) for f, r, v in bad[:SHOWN]]
            raise ImportFailed(shown, total=len(bad), rejected=len(bad), counts=[(latest, rule, values, len(bad))])
        rows.run(
            cur,
            f"create or replace temp table _rows as select * from {{rows}} qualify row_number() over "
            f"(partition by {key} order by {parsed} desc nulls last, _seq desc) = 1",
            params,
        )
        return Rows("_rows"), []
    repeated = rows.run(
        cur,
        f"select _file, _row, concat_ws('/', {key}), "
        f"first_value(_file || ', row ' || _row) over (partition by {key} order by _seq), "
        f"row_number() over (partition by {key} order by _seq) as n from {{rows}} qualify n > 1 order by _seq",
    ).fetchall()
    return rows, [
        Problem.of(f, r, "+".join(TABLES[kind].key), k, "rule_key_repeated", first=first)
        for f, r, k, first, _ in repeated
    ]


def convert(cur: duckdb.DuckDBPyConnection, kind: str, formats: dict[str, tuple[str, ...] | None], rows: Rows) -> Rows:
    """`_typed`: the rows in contract types, with `<column>__given` where the mapped text was not
    empty; returns the same rows' text (`<column>__raw` as mapped, `<column>__src` as the source has
    it, which the rows hold only where the mapping changed it), by `_seq`, for the messages."""
    params: dict = {}
    select, text = ["_file", "_row", "_seq"], ["_seq", "_file", "_row"]
    present = {d[0] for d in rows.run(cur, "select * from {rows} limit 0").description}
    for column in TABLES[kind].columns:
        if column.name in DERIVED.get(kind, ()):
            text += [f"cast(null as varchar) as {column.name}__raw", f"cast(null as varchar) as {column.name}__src"]
            continue
        select.append(f'{_typed_expression(column, formats.get(column.name), params)} as "{column.name}"')
        select.append(f'"{column.name}" is not null as "{column.name}__given"')  # the rules read no text
        src = f"{column.name}__src"  # only where a mapping changed the source's value
        text += [f'"{column.name}" as "{column.name}__raw"', f'"{src if src in present else column.name}" as "{src}"']
    typed = f"select {', '.join(select)} from {{rows}}"
    if kind == "tickets":  # from the typed timestamps, the calendar joined on each one's day
        typed = f"select t.*, {_minutes()} from ({typed}) as t " + " ".join(
            f"left join service_calendar as c_{ts} on c_{ts}.day = cast(t.{ts} as date)" for ts in TICKET_TIMES
        )
    rows.run(cur, f"create or replace temp table _typed as {typed}", params)
    return Rows(f"(select {', '.join(text)} from {rows.sql})", rows.params)


TICKET_TIMES = ("opened_at", "responded_at", "resolved_at")


def _minutes() -> str:
    """The business minutes of a ticket, as the business_minutes macro (regie/db.py) has them, but
    from joins with the calendar (a small build side) rather than a subquery per moment, which
    DuckDB would answer with joins that carry every column of the rows."""
    return ", ".join(
        f"case when t.{end} >= t.opened_at then cast(floor((seconds_on(c_{end}, t.{end}) "
        f"- seconds_on(c_opened_at, t.opened_at)) / 60) as integer) end as {name}"
        for name, end in zip(DERIVED["tickets"], TICKET_TIMES[1:], strict=True)
    )


def release(cur: duckdb.DuckDBPyConnection) -> None:
    """Drop the text of the rows once they are typed and checked: the write needs `_typed` only."""
    cur.execute("drop table if exists _rows")
    cur.execute("drop table if exists _prepared")


def _row_rules(kind: str, formats: dict[str, tuple[str, ...] | None], params: dict) -> list[tuple[str, Rule]]:
    """(column, rule) for every per-row rule, each rule's SQL a predicate over _typed."""
    rules = []
    for column in TABLES[kind].columns:
        name = column.name
        if name not in DERIVED.get(kind, ()):
            unreadable = f'"{name}__given" and "{name}" is null'
            rules.append((name, _type_rule(column, formats.get(name), unreadable)))
        rules += [(name, rule) for rule in _rules(column, column.type, params)]
        if column.type == "VARCHAR" and name not in NAMES_OF_THINGS:
            params[f"email_{name}"], params[f"phone_{name}"] = EMAIL, PHONE
            rules.append((name, Rule("rule_email", {}, f'regexp_matches("{name}", $email_{name})')))
            rules.append((name, Rule("rule_phone", {}, f'regexp_matches("{name}", $phone_{name})')))
            rules.append((name, Rule("rule_free_text", {"limit": FREE_TEXT}, f'length("{name}") > {FREE_TEXT}')))
    return rules


def validate(
    cur: duckdb.DuckDBPyConnection, kind: str, formats: dict[str, tuple[str, ...] | None], text: Rows
) -> tuple[list[Problem], int, int, list]:
    """The first problems in source order, the number of problems and of rejected rows, and the
    number of rows per column and rule."""
    params: dict = {}
    rules = _row_rules(kind, formats, params)
    # Per rule, the rows that break it and no earlier rule of its column: one problem per row and
    # column (a value that is not a date is not also 'required').
    by_column: dict[str, list[str]] = {}
    counted = []
    for column, rule in rules:
        prior = by_column.setdefault(column, [])
        broken = f"coalesce({rule.sql}, false)"
        counted.append(f"count_if({broken} and not ({' or '.join(prior)}))" if prior else f"count_if({broken})")
        prior.append(broken)
    per_rule = ", ".join(counted)
    per_column = ", ".join(f"count_if({' or '.join(p)})" for p in by_column.values())
    any_rule = " or ".join(p for ps in by_column.values() for p in ps)
    counts = cur.execute(f"select {per_rule}, {per_column}, count_if({any_rule}) from _typed", params).fetchone()
    total = int(sum(counts[len(rules) : -1]))  # one problem per row and column
    counts = counts[: len(rules)] + counts[-1:]
    found: list[tuple[int, Problem]] = []
    tally = []  # (column, rule key, its values, rows) of every rule broken
    for (column, rule), count in zip(rules, counts[:-1], strict=True):
        if not count:
            continue
        used = {k: v for k, v in params.items() if f"${k}" in rule.sql}
        raw = f'"{column}__src"'
        broken = f"(select _seq from _typed where coalesce({rule.sql}, false))"
        if rule.key in ("rule_not_date", "rule_not_timestamp"):
            rule = _with_hint(cur, rule, raw, broken, used, text)
        tally.append((column, rule.key, rule.values, int(count)))
        first = [seq for (seq,) in cur.execute(f"{broken} order by _seq limit {SHOWN}", used).fetchall()]
        for seq, file, row, value in text.run(
            cur,
            f"select _seq, _file, _row, coalesce({raw}, '') from {{rows}} where _seq = any($first)",
            {"first": first},
        ).fetchall():
            found.append((seq, Problem.of(file, row, column, value, rule.key, **rule.values)))
    # One problem per row and column: a value that is not a date is not also 'required'.
    seen: set[tuple] = set()
    shown = []
    for _, problem in sorted(found, key=lambda item: item[0]):
        if (problem.file, problem.row, problem.column) not in seen:
            seen.add((problem.file, problem.row, problem.column))
            shown.append(problem)
    return shown[:SHOWN], total, int(counts[-1]), tally


def _with_hint(cur, rule: Rule, raw: str, broken: str, params: dict, text: Rows) -> Rule:
    """The rule of an unreadable date column, naming a format that would read its values."""
    values = text.run(cur, f"select distinct {raw} from {{rows}} where _seq in {broken} limit {HINT_VALUES}", params)
    values = values.fetchall()
    would = would_read(cur, [v for (v,) in values], rule.key == "rule_not_timestamp")
    return Rule(f"{rule.key}_hint", {**rule.values, "would": would}, rule.sql) if would else rule
