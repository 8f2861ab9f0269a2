"""The tables of the Gegevens page: every contract table and the derived tables charts draw.

Each dataset is SQL with bound parameters, scoped by the global filters (members and
period). A per-column filter and the sort are wrapped around it; the column names come
from the result itself and are checked against it, and the value is always bound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from regie.contract import TABLES
from regie.db import query_parameters, query_text
from regie.periods import Period

OPERATORS = ("=", "contains", ">=", "<=")
_NUMERIC = re.compile(r"^(DECIMAL|DOUBLE|FLOAT|REAL|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)")
_DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")

# How the global filters scope each contract table: (member condition, period condition).
TABLE_SCOPE = {
    "municipalities": ("", ""),
    "municipality_years": ("list_contains($members, municipality_code)", "year = year($period_start)"),
    "sla_norms": ("", ""),
    "contracts": (
        "(municipality_code is null or list_contains($members, municipality_code))",
        "start_date < $period_end and end_date >= $period_start",
    ),
    "budgets": ("list_contains($members, municipality_code)", "year = year($period_start)"),
    "tickets": ("list_contains($members, municipality_code)", "opened_at >= $period_start and opened_at < $period_end"),
    "invoices": (
        "(list_contains($members, municipality_code) or municipality_code = 'SSC')",
        "invoice_date >= $period_start and invoice_date < $period_end",
    ),
    "savings": ("list_contains($members, municipality_code)", "year = year($period_start)"),
}

# Derived tables: the named queries behind the charts, run for the chosen members and period.
DERIVED = (
    "sla_by_month",
    "ticket_flow_by_month",
    "service_times_by_month",
    "breaches_by",
    "spend_cells",
    "budget_vs_actual",
    "cost_key_alternatives",
    "supplier_scorecard",
    "contract_status",
    "savings_check",
    "policy_exceptions",
)
NAMES = (*TABLES, *DERIVED)


@dataclass(frozen=True)
class Scope:
    members: tuple[str, ...]
    period: Period
    until: object  # the first day the data do not cover


def _derived_params(name: str, scope: Scope) -> dict:
    period, ago = scope.period, scope.period.year_ago()
    values = {
        "members": list(scope.members),
        "period_start": period.start,
        "period_end": period.end,
        "start": period.start,
        "end": period.end,
        "category": None,
        "assignee_group": None,
        "dimension": "category",
        "year": period.year,
        "until": scope.until,
        "previous_start": ago.start,
        "previous_end": ago.end,
    }
    return {key: values[key] for key in query_parameters(query_text(name))}


def base(name: str, scope: Scope) -> tuple[str, dict]:
    """The dataset's SQL and parameters for the global filters."""
    if name not in NAMES:
        raise KeyError(name)
    if name in TABLES:
        conditions = [c for c in TABLE_SCOPE[name] if c]
        sql = f"select * from {name}" + (f" where {' and '.join(conditions)}" if conditions else "")
        params = {"members": list(scope.members), **scope.period.params()}
        return sql, {k: v for k, v in params.items() if f"${k}" in sql}
    sql = query_text(name)
    if name in ("spend_cells", "cost_key_alternatives", "budget_vs_actual"):
        sql = f"select * from ({sql}) where list_contains($members, municipality_code)"
    params = _derived_params(name, scope)
    if "$members" in sql:
        params["members"] = list(scope.members)
    return sql, params


class FilterValueError(ValueError):
    """A filter value that is not a number as the user's language writes one."""


def _typed_value(value: str, kind: str, lang: str = "nl") -> str:
    """A value typed the user's way, made readable for a cast: in Dutch 1.234 is one thousand two
    hundred and thirty-four, 1.234,5 -> 1234.5 and -1.234.567 -> -1234567 (Babel's parse_decimal,
    strict, so '1.23' is refused rather than read as 123); 31-12-2025 -> 2025-12-31."""
    from babel.numbers import NumberFormatError, parse_decimal

    value = value.strip()
    if _NUMERIC.match(kind):
        try:
            return str(parse_decimal(value, locale="nl_NL" if lang == "nl" else "en_GB", strict=True))
        except NumberFormatError as exc:
            raise FilterValueError(value) from exc
    match = _DUTCH_DATE.match(value)
    if match and (kind == "DATE" or kind.startswith("TIMESTAMP")):
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return value


def narrowed(
    sql: str, params: dict, columns: list[tuple[str, str]], column: str = "", operator: str = "=", value: str = "",
    sort: str = "", descending: bool = False, lang: str = "nl",
) -> tuple[str, dict]:  # fmt: skip
    """The dataset with one column filter and a sort; unknown columns or operators are ignored.
    FilterValueError when a number column is compared with what is not a number in `lang`."""
    kinds = dict(columns)
    where, order = "", ""
    if column in kinds and operator in OPERATORS and value.strip():
        quoted = '"' + column.replace('"', '""') + '"'
        numeric = _NUMERIC.match(kinds[column]) and operator != "contains"
        typed = value.strip() if operator == "contains" else _typed_value(value, kinds[column], lang)
        params = {**params, "filter_value": typed}
        if operator == "=" and numeric:  # as numbers: 3650 equals 3650.00
            where = f" where {quoted} = try_cast($filter_value as {kinds[column]})"
        elif operator == "=":
            where = f" where cast({quoted} as varchar) = $filter_value"
        elif operator == "contains":
            where = f" where contains(lower(cast({quoted} as varchar)), lower($filter_value))"
        else:
            where = f" where {quoted} {operator} try_cast($filter_value as {kinds[column]})"
    if sort in kinds:
        order = f' order by "{sort.replace(chr(34), chr(34) * 2)}" {"desc" if descending else "asc"} nulls last'
    return f"select * from ({sql}){where}{order}", params


def definitions(name: str) -> list[tuple[str, str]]:
    """What the columns mean: from the contract for its tables, from the query's header otherwise."""
    if name in TABLES:
        rows = []
        for column in TABLES[name].columns:
            rules = [column.type, "required" if column.required else "may be empty"]
            if column.allowed:
                rules.append("one of " + ", ".join(column.allowed))
            if column.min is not None or column.greater_than is not None or column.max is not None:
                low = f">= {column.min:g}" if column.min is not None else ""
                low = f"> {column.greater_than:g}" if column.greater_than is not None else low
                high = f"<= {column.max:g}" if column.max is not None else ""
                rules.append(" and ".join(part for part in (low, high) if part))
            if column.ref:
                rules.append(f"refers to {column.ref[0]}.{column.ref[1]}")
            if column.not_before:
                rules.append(f"not before {column.not_before}")
            rows.append((column.name, "; ".join(rules)))
        return [(f"{name}: {TABLES[name].grain}", ""), *rows]
    header = [line[2:].strip() for line in query_text(name).splitlines() if line.startswith("--")]
    return [(name, ""), *[("", line) for line in header]]
