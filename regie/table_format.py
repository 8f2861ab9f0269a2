"""The one way a table is shown, on a page and in the board pack.

A table builder returns a frame of real values (numbers stay numbers, for sorting and downloads) and
says what its columns hold with `declare`; the rest is read off the values. Shown, every cell is text
in the language: Dutch numbers (1.234,56), money and percentages with the unit in the header
("Begroting (€)", "Score (%)"), dates as dd-mm-jjjj, yes/no as ja/nee, and an empty value as "–", or
as "n.b." with its reason where the builder gives one.
"""

from __future__ import annotations

import functools
import html as markup
import math
from datetime import date
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

from regie import i18n

EMPTY = "–"
DECIMALS = {"eur": 2, "pct": 1, "hours": 1, "mark": 1, "count": 0}
UNITS = {"eur": "€", "pct": "%", "hours": i18n.N_("hours")}
UNIT_BY_SUFFIX = {"_eur": "eur", "_pct": "pct", "_hours": "hours"}  # data columns named by the contract
YEARS = ("year", "jaar")  # a year is a number without a thousands mark: 2026, not 2.026


def declare(frame: pd.DataFrame, missing: dict[str, str] | None = None, **kinds: list[str]) -> pd.DataFrame:
    """Say what columns hold: `eur=[...]`, `pct=[...]`, `hours=[...]`, `count=[...]`, `number=[...]`,
    `text=[...]`; `missing` maps a column to the reason ("not yet known") its empty cells show."""
    declared = dict(frame.attrs.get("kinds", {}))
    for kind, columns in kinds.items():
        declared.update(dict.fromkeys(columns, kind))
    frame.attrs["kinds"] = declared
    frame.attrs["missing"] = {**frame.attrs.get("missing", {}), **(missing or {})}
    return frame


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def kind_of(frame: pd.DataFrame, column: str) -> str:
    """The column's kind: as declared, else by its contract name's suffix, else read off its values."""
    declared = frame.attrs.get("kinds", {}).get(column)
    if declared:
        return declared
    for suffix, kind in UNIT_BY_SUFFIX.items():
        if str(column).endswith(suffix):
            return kind
    if str(column).lower().endswith(YEARS):
        return "text"
    values = frame[column]
    present = values[~values.map(_is_missing)]
    if pd.api.types.is_bool_dtype(values) or (len(present) and present.map(lambda v: isinstance(v, bool)).all()):
        return "bool"
    if pd.api.types.is_datetime64_any_dtype(values) or (
        len(present) and present.map(lambda v: isinstance(v, date)).all()
    ):
        timed = present.map(lambda v: bool(getattr(v, "hour", 0) or getattr(v, "minute", 0) or getattr(v, "second", 0)))
        return "datetime" if timed.any() else "date"  # per value: time zones may differ between rows
    if pd.api.types.is_numeric_dtype(values):
        whole = present.map(lambda v: float(v).is_integer()).all()
        return "count" if whole else "number"
    return "text"


def header(column: str, kind: str, lang: str) -> str:
    """The column's name with its unit: "Begroting (€)"; a name that already names a unit keeps it."""
    unit = i18n.t(UNITS[kind], lang) if kind in UNITS else None
    name = str(column)
    named = name.endswith(tuple(UNIT_BY_SUFFIX))  # a contract's column name says its unit: target_pct
    if not unit or named or name == unit or name.endswith(")") or name.endswith(f": {unit}"):
        return name
    return f"{name} ({unit})"


def cell(value: Any, kind: str, lang: str, reason: str | None = None) -> str:
    """One value as text in the language."""
    if _is_missing(value):
        return i18n.t("n/a ({reason})", lang, reason=i18n.t(reason, lang)) if reason else EMPTY
    if kind == "bool":
        return i18n.t("yes", lang) if value else i18n.t("no", lang)
    if kind in ("date", "datetime"):
        stamp = pd.Timestamp(value)
        day = i18n.short_date(stamp.date(), lang)
        return f"{day} {stamp:%H:%M}" if kind == "datetime" else day
    if kind in DECIMALS or kind == "number":
        number = float(value)
        decimals = DECIMALS.get(kind, 0 if number.is_integer() else 2)
        return i18n.number(number, decimals, lang) if math.isfinite(number) else EMPTY
    return str(value)


def _kinds(frame: pd.DataFrame) -> dict[str, str]:
    return {column: kind_of(frame, column) for column in frame.columns}


def shown(frame: pd.DataFrame, lang: str, kinds: dict[str, str] | None = None) -> pd.DataFrame:
    """Every cell as text, the headers with their units: for the pack and the one-line checks
    (`kinds`: the columns' kinds where the caller has them already)."""
    kinds, missing = kinds or _kinds(frame), frame.attrs.get("missing", {})
    return pd.DataFrame(
        {
            header(c, kinds[c], lang): [cell(v, kinds[c], lang, missing.get(c)) for v in frame[c]]
            for c in frame.columns
        }  # fmt: skip
    )


def labelled(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The values as they are (for a download), under the headers the table shows."""
    kinds = _kinds(frame)
    return frame.rename(columns={c: header(c, kinds[c], lang) for c in frame.columns})


def styled(frame: pd.DataFrame, lang: str) -> Styler:
    """For st.dataframe: the values kept (sorting by number, by date), shown as `cell` shows them.

    A column with an empty value, and a yes/no column, becomes the text it shows: the grid draws an
    empty cell as "None" and a boolean as a check box, whatever the format says. Numbers stay
    right-aligned.
    """
    kinds, missing = _kinds(frame), frame.attrs.get("missing", {})
    data = frame.copy()
    as_text = {c for c, kind in kinds.items() if kind == "bool" or data[c].map(_is_missing).any()}
    for column in as_text:
        data[column] = [cell(v, kinds[column], lang, missing.get(column)) for v in data[column]]
    data.columns = [header(c, kinds[c], lang) for c in frame.columns]
    formats = {
        header(c, kind, lang): functools.partial(cell, kind=kind, lang=lang, reason=missing.get(c))
        for c, kind in kinds.items()
        if c not in as_text
    }
    numbers = [header(c, k, lang) for c, k in kinds.items() if k in DECIMALS or k == "number"]
    return data.style.format(formats).set_properties(subset=numbers, **{"text-align": "right"})


def html(frame: pd.DataFrame, lang: str) -> str:
    """The table as an HTML table (escaped), numbers right-aligned."""
    kinds = _kinds(frame)
    text = shown(frame, lang, kinds)
    numeric = {header(c, k, lang) for c, k in kinds.items() if k in DECIMALS or k == "number"}
    head = "".join(f"<th{' class=num' if h in numeric else ''}>{markup.escape(str(h))}</th>" for h in text.columns)
    rows = [
        "<tr>"
        + "".join(f"<td{' class=num' if h in numeric else ''}>{markup.escape(str(v))}</td>" for h, v in row.items())
        + "</tr>"
        for _, row in text.iterrows()
    ]
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
