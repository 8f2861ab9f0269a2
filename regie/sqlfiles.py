"""The SQL files of queries/: reading them and the `$names` they take."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRIP = re.compile(r"--[^\n]*|'(?:[^']|'')*'")
_TOKENS = re.compile(r"(--[^\n]*|'(?:[^']|'')*')|\$([A-Za-z_][A-Za-z0-9_]*)")
_ORDER = re.compile(r"\border\s+by\s+([\w\s.,]+?)\s*;?\s*$", re.IGNORECASE)
_QUALIFIER = re.compile(r"\b\w+\.(?=\w)")
MANY_PREFIX = "_a_"  # the macro's parameters: `$name` becomes `_a_name` (no column is named so)


class QueryParameterError(ValueError):
    """The parameters given do not match the `$names` a query file uses."""


def sql_literal(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


@cache
def query_text(name: str) -> str:
    path = QUERY_DIR / f"{name}.sql"
    if not path.is_file():
        raise FileNotFoundError(f"no query named '{name}' in {QUERY_DIR}")
    return path.read_text(encoding="utf-8")


def query_parameters(sql: str) -> set[str]:
    """The `$names` a query uses, comments and string literals aside."""
    return set(_PARAM.findall(_STRIP.sub(" ", sql)))


def query_names() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))


@cache
def many_macro(name: str) -> tuple[str, str, str]:
    """queries/<name>.sql as a table macro of its `$names` (each `$name` a parameter `_a_name`), so
    that one query can run it laterally for many parameter sets: the statement that creates it,
    the macro's name and the columns its final `order by` names (without table names)."""
    sql = query_text(name)
    body = _TOKENS.sub(lambda m: m.group(1) or MANY_PREFIX + m.group(2), sql)
    order = _ORDER.search(_STRIP.sub(" ", sql).strip())
    if order is None:
        raise ValueError(f"{name}: a query run for many parameter sets must end with an order by")
    macro = f"_many_{name}"
    arguments = ", ".join(MANY_PREFIX + n for n in sorted(query_parameters(sql)))
    return f"create or replace temp macro {macro}({arguments}) as table {body}", macro, _QUALIFIER.sub("", order[1])
