"""The validator: every table of a data directory against the contract.

Each table is scanned once for all its column rules (one `count_if` per rule);
example keys are fetched only for the rules that fail. Rule values are bound
parameters, like every other value that reaches DuckDB.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from regie import manifest
from regie.contract import TABLES, Column, Table
from regie.db import Database
from regie.tables_io import table_files

EXAMPLES = 5
_INTEGERS = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}
_TIMESTAMPS = {"TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS"}


@dataclass
class Violation:
    table: str
    column: str
    rule: str
    count: int
    examples: list[str] = field(default_factory=list)

    def line(self) -> str:
        shown = f"  e.g. {', '.join(self.examples)}" if self.examples else ""
        return f"{self.table}.{self.column}: {self.rule} ({self.count} {'row' if self.count == 1 else 'rows'}){shown}"


def type_problem(column: Column, found: str) -> str | None:
    """Why a stored type does not hold the contract's type, or None when it does."""
    wanted = column.type
    if (
        found == wanted
        or (wanted in _INTEGERS and found in _INTEGERS)
        or (wanted == "TIMESTAMP" and found in _TIMESTAMPS)
    ):
        return None
    if wanted.startswith("DECIMAL"):
        scale = wanted.rstrip(")").split(",")[1]
        match = re.fullmatch(r"DECIMAL\((\d+),(\d+)\)", found)
        if match and match.group(2) == scale:
            return None
        if found in ("DOUBLE", "FLOAT", "REAL"):
            return f"money must be stored as {wanted}, not as floating point {found}"
    return f"type must be {wanted}, found {found}"


def _rules(column: Column, raw_type: str, params: dict) -> list[tuple[str, str]]:
    """(rule text, SQL predicate that is true for a violating row) for one column of raw_<table>."""
    raw = column.name
    value = raw if raw_type == column.type else f"try_cast({raw} as {column.type})"

    def bind(constant) -> str:
        key = f"p{len(params)}"
        params[key] = constant
        return f"${key}"

    rules = []
    if raw_type != column.type:
        rules.append((f"value is not a valid {column.type}", f"{raw} is not null and {value} is null"))
    if column.required:
        rules.append(("required value is missing", f"{raw} is null"))
    if column.allowed:
        rules.append(
            (
                f"value must be one of {', '.join(column.allowed)}",
                f"not list_contains({bind(list(column.allowed))}, {value})",
            )
        )
    if column.min is not None:
        rules.append((f"value must be at least {column.min:g}", f"{value} < {bind(column.min)}"))
    if column.greater_than is not None:
        rules.append((f"value must be greater than {column.greater_than:g}", f"{value} <= {bind(column.greater_than)}"))
    if column.max is not None:
        rules.append((f"value must be at most {column.max:g}", f"{value} > {bind(column.max)}"))
    if column.pattern:
        rules.append((f"value must match {column.pattern}", f"not regexp_full_match({value}, {bind(column.pattern)})"))
    if column.not_before:
        rules.append(
            (f"must not be before {column.not_before}", f"{value} < try_cast({column.not_before} as {column.type})")
        )
    if column.ref:
        ref_table, ref_column = column.ref
        rules.append(
            (
                f"unknown value: not in {ref_table}.{ref_column}",
                f"{value} is not null and {value} not in "
                f"(select {ref_column} from {ref_table} where {ref_column} is not null)",
            )
        )
    return rules


def _key_expression(table: Table, alias: str) -> str:
    return " || '/' || ".join(f"coalesce(cast({alias}.{k} as varchar), '?')" for k in table.key)


def check_table(db: Database, table: Table) -> list[Violation]:
    if not table_files(db.data_dir, table.name):
        return [Violation(table.name, "*", f"table missing: no {table.name}.parquet, .csv or {table.name}/ folder", 1)]
    found = dict(db.sql(f"select column_name, column_type from (describe raw_{table.name})").itertuples(index=False))
    violations = []
    checked: list[Column] = []
    for column in table.columns:
        if column.name not in found:
            violations.append(Violation(table.name, column.name, "column missing", 1))
            continue
        problem = (
            None if found[column.name] == "VARCHAR" and table.reference else type_problem(column, found[column.name])
        )
        if problem:
            violations.append(Violation(table.name, column.name, problem, 1))
        else:
            checked.append(column)
    for extra in sorted(set(found) - set(table.column_names)):
        violations.append(
            Violation(
                table.name, extra, "column is not in the contract (personal data and free text are not stored)", 1
            )
        )

    params: dict = {}
    rules = [(c.name, text, sql) for c in checked for text, sql in _rules(c, found[c.name], params)]
    source = f"from raw_{table.name} raw"
    if rules:
        counts = db.sql(
            "select "
            + ", ".join(f"count_if(coalesce({sql}, false)) as r{i}" for i, (_, _, sql) in enumerate(rules))
            + " "
            + source,
            params,
        ).iloc[0]
        for i, (column, text, sql) in enumerate(rules):
            if counts[f"r{i}"]:
                used = {k: v for k, v in params.items() if f"${k}" in sql}
                examples = db.sql(
                    f"select distinct {_key_expression(table, 'raw')} as k {source} "
                    f"where {sql} order by k limit {EXAMPLES}",
                    used,
                )["k"].tolist()
                violations.append(Violation(table.name, column, text, int(counts[f"r{i}"]), examples))

    key = ", ".join(table.key)
    duplicates = db.sql(
        f"select {_key_expression(table, 't')} as k from {table.name} t group by {key} having count(*) > 1 order by k"
    )["k"].tolist()
    if duplicates:
        violations.append(Violation(table.name, key, "key is not unique", len(duplicates), duplicates[:EXAMPLES]))
    for rule in table.rules:
        rows = [str(r[0]) for r in db.con.cursor().execute(rule.sql).fetchall()]
        if rows:
            violations.append(Violation(table.name, "*", rule.name, len(rows), sorted(rows)[:EXAMPLES]))
    return violations


def check(data_dir: Path) -> list[Violation]:
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return [Violation("*", "*", f"data directory {data_dir} does not exist", 1)]
    db = Database(data_dir)
    try:
        violations = []
        if manifest.read(data_dir) is None:
            violations.append(Violation("manifest.json", "*", "missing or unreadable", 1))
        for table in TABLES.values():
            violations.extend(check_table(db, table))
        return violations
    finally:
        db.close()


def report(data_dir: Path, violations: list[Violation]) -> str:
    if not violations:
        return f"{data_dir}: all {len(TABLES)} tables meet the data contract."
    lines = [f"{data_dir}: {len(violations)} violations of the data contract:"]
    lines += [f"  {v.line()}" for v in violations]
    return "\n".join(lines)
