"""The validator: every table of a data directory against the contract.

Each table is scanned once for all its column rules (one `count_if` per rule);
example keys are fetched only for the rules that fail. Rule values are bound
parameters, like every other value that reaches DuckDB.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from regie import labels
from regie.contract import TABLES, Column, Table
from regie.db import Database

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
    key: str = "rule_contract"  # the rule in the translation table; rule_contract shows `rule` as it is
    values: dict | None = None

    def __post_init__(self) -> None:
        if self.values is None:
            self.values = {"text": self.rule}

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


@dataclass(frozen=True)
class Rule:
    """One column rule: a key of the translation table with its values, and the SQL that finds violations."""

    key: str
    values: dict
    sql: str  # true for a violating row

    @property
    def text(self) -> str:
        return labels.show(labels.RULES, self.key, "en", **self.values)


def _rules(column: Column, raw_type: str, params: dict) -> list[Rule]:
    """The rules of one column of raw_<table> (or any relation with the contract's column names)."""
    raw = column.name
    value = raw if raw_type == column.type else f"try_cast({raw} as {column.type})"

    def bind(constant) -> str:
        key = f"p{len(params)}"
        params[key] = constant
        return f"${key}"

    rules = []
    if raw_type != column.type:
        rules.append(Rule("rule_not_type", {"type": column.type}, f"{raw} is not null and {value} is null"))
    if column.required:
        rules.append(Rule("rule_required", {}, f"{raw} is null"))
    if column.allowed:
        allowed = ", ".join(column.allowed)
        rules.append(
            Rule("rule_allowed", {"allowed": allowed}, f"not list_contains({bind(list(column.allowed))}, {value})")
        )
    if column.min is not None:
        rules.append(Rule("rule_min", {"limit": f"{column.min:g}"}, f"{value} < {bind(column.min)}"))
    if column.greater_than is not None:
        rules.append(
            Rule("rule_greater", {"limit": f"{column.greater_than:g}"}, f"{value} <= {bind(column.greater_than)}")
        )
    if column.max is not None:
        rules.append(Rule("rule_max", {"limit": f"{column.max:g}"}, f"{value} > {bind(column.max)}"))
    if column.pattern:
        pattern = f"not regexp_full_match({value}, {bind(column.pattern)})"
        rules.append(Rule("rule_pattern", {"pattern": column.pattern}, pattern))
    if column.not_before:
        before = f"{value} < try_cast({column.not_before} as {column.type})"
        rules.append(Rule("rule_not_before", {"other": column.not_before}, before))
    if column.ref:
        ref_table, ref_column = column.ref
        unknown = (
            f"{value} is not null and {value} not in "
            f"(select {ref_column} from {ref_table} where {ref_column} is not null)"
        )
        rules.append(Rule("rule_unknown_ref", {"target": f"{ref_table}.{ref_column}"}, unknown))
    return rules


def _key_expression(table: Table, alias: str) -> str:
    return " || '/' || ".join(f"coalesce(cast({alias}.{k} as varchar), '?')" for k in table.key)


def check_table(db: Database, table: Table, only: tuple[str, tuple[str, ...]] | None = None) -> list[Violation]:
    """The table against the contract; with `only` (a relation and key columns), its rows with
    those keys only (the rows a write just wrote)."""
    if table.name not in db.tables:
        return [Violation(table.name, "*", f"table missing: the lake holds no table {table.name}", 1)]
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
    rules = [(c.name, rule) for c in checked for rule in _rules(c, found[c.name], params)]
    scope = ""
    if only:
        columns = ", ".join(only[1])
        scope = f" semi join (select distinct {columns} from {only[0]}) using ({columns})"
    source = f"from raw_{table.name} raw{scope}"
    if rules:
        counts = (
            db.sql(
                "select "
                + ", ".join(f"count_if(coalesce({rule.sql}, false)) as r{i}" for i, (_, rule) in enumerate(rules))
                + " "
                + source,
                params,
            )
            .iloc[0]
            .fillna(0)
        )  # an empty table counts nothing
        for i, (column, rule) in enumerate(rules):
            if counts[f"r{i}"]:
                used = {k: v for k, v in params.items() if f"${k}" in rule.sql}
                examples = db.sql(
                    f"select distinct {_key_expression(table, 'raw')} as k {source} "
                    f"where {rule.sql} order by k limit {EXAMPLES}",
                    used,
                )["k"].tolist()
                violations.append(
                    Violation(table.name, column, rule.text, int(counts[f"r{i}"]), examples, rule.key, rule.values)
                )

    key = ", ".join(table.key)
    duplicates = db.sql(
        f"select {_key_expression(table, 't')} as k from {table.name} t{scope} group by {key} having count(*) > 1 "
        "order by k"
    )["k"].tolist()
    if duplicates:
        violations.append(Violation(table.name, key, "key is not unique", len(duplicates), duplicates[:EXAMPLES]))
    for rule in table.rules:  # each reads its own table only: scoped by a table of the same name
        sql = f"with {table.name} as (select * from main.{table.name}{scope}) {rule.sql}" if only else rule.sql
        rows = [str(r) for r in db.sql(sql).iloc[:, 0]]  # on the connection: a writer's transaction
        if rows:
            violations.append(Violation(table.name, "*", rule.name, len(rows), sorted(rows)[:EXAMPLES]))
    return violations


def check(data_dir: Path, db: Database | None = None, summaries: bool = True) -> list[Violation]:
    """Every table against the contract, then (with `summaries`) the summary tables against the facts;
    through `db` when the caller has a connection open on data_dir."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return [Violation("*", "*", f"data directory {data_dir} does not exist", 1)]
    own = db is None
    db = Database(data_dir) if own else db
    try:
        violations = []
        if db.manifest is None:
            violations.append(Violation("regie_manifest", "*", "missing or unreadable", 1))
        for table in TABLES.values():
            violations.extend(check_table(db, table))
        if summaries and not violations:
            violations.extend(check_summaries(db))
        return violations
    finally:
        if own:
            db.close()


def check_written(
    db: Database, table: str, keys: tuple[str, tuple[str, ...]], before: list[Violation]
) -> list[Violation]:
    """The contract check after a write that replaced the rows of `table` with the keys of `keys`
    (a relation and its key columns; every old row with such a key deleted first), given the
    violations `before` it. Exact without reading the rest of the data when `table` met every rule
    before and no other table refers to it: the rows it did not write are unchanged and still
    meet every rule, and a key the write wrote is unique when it is unique among the written rows
    (the old rows with that key are gone). Otherwise, the whole check."""
    referred = any(c.ref and c.ref[0] == table for t in TABLES.values() for c in t.columns)
    if referred or any(v.table == table for v in before):
        return check(db.data_dir, db, summaries=False)
    return [v for v in before if v.table != table] + check_table(db, TABLES[table], keys)


def check_summaries(db: Database) -> list[Violation]:
    """The summary tables (regie/summaries.py) against the facts: up to date, and holding the same
    rows as their SQL gives on the facts now (the row count and the sum of the rows' hashes, which
    does not depend on the order). Checked only when the facts themselves are clean."""
    from regie import summaries

    if not db.summaries_fresh:
        return [Violation("summaries", "*", "missing or out of date: run python -m regie summarize", 1)]
    # The sum of hashes is a HUGEINT: as text, so that it stays exact on its way to Python.
    signature = "select count(*) as n, cast(coalesce(sum(hash(t)), 0) as varchar) as h from ({}) as t"

    def sign(sql: str, params: dict | None = None) -> tuple[int, int]:
        n, h = db.sql(signature.format(sql), params).iloc[0]
        return int(n), int(h)

    found = []
    for name in summaries.names():
        stored = sign(f"from {name}")
        parts = [sign(*summaries.select(name, db.manifest, chunk)) for chunk in summaries.chunks(name, db.manifest)]
        now = (sum(n for n, _ in parts), sum(h for _, h in parts))
        if stored != now:
            rule = "differs from the facts: run python -m regie summarize --force"
            found.append(Violation(f"summaries/{name}", "*", rule, abs(stored[0] - now[0])))
    return found


def report(data_dir: Path, violations: list[Violation]) -> str:
    if not violations:
        return f"{data_dir}: all {len(TABLES)} tables meet the data contract."
    lines = [f"{data_dir}: {len(violations)} violations of the data contract:"]
    lines += [f"  {v.line()}" for v in violations]
    return "\n".join(lines)
