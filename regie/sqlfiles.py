"""The SQL files of queries/: reading them and the `$names` they take."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRIP = re.compile(r"--[^\n]*|'(?:[^']|'')*'")


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
