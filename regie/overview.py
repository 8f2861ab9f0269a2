"""What the Overzicht page says: tiles with their delta and one-sentence verdict, and trends.

Kept apart from Streamlit so that every sentence can be tested as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from regie import i18n, labels, table_format
from regie.kpis import BETTER_HIGHER, MIN_SATISFACTION_RESPONSES, UNITS
from regie.periods import Period, last_full

TILES = (
    "sla_resolution_pct",
    "sla_response_pct",
    "satisfaction_mean",
    "backlog_open",
    "spend_per_inhabitant_eur",
    "budget_used_pct",
    "realized_savings_eur",
    "collective_share_pct",
)
DECIMALS = {"pct": 1, "mark": 1, "count": 0, "hours": 1}
TREND_QUARTERS = 8


# A figure's unit as a table column's kind (regie/table_format.py).
TABLE_KINDS = {"pct": "pct", "eur": "eur", "hours": "hours", "count": "count", "mark": "mark"}


def declared(table: pd.DataFrame, field: str, columns: list[str]) -> pd.DataFrame:
    """`table` with its `columns` (values of the figure `field`) declared in the figure's unit."""
    return table_format.declare(table, **{TABLE_KINDS.get(UNITS[field], "number"): columns})


def decimals(field: str) -> int:
    """Totals in whole euros; amounts per inhabitant or workstation keep their cents."""
    if field.endswith("_eur") and not field.startswith(("spend_per_", "resolution_")):
        return 0
    return DECIMALS.get(UNITS[field], 2)


def show(field: str, value: float | None, lang: str) -> str:
    """A figure as the page shows it."""
    unit = UNITS[field]
    if unit == "pct":
        return i18n.pct(value, decimals(field), lang)
    if unit == "eur":
        return i18n.eur(value, decimals(field), lang)
    if unit == "hours" and value is not None and not pd.isna(value):
        return i18n.t("{value} h", lang, value=i18n.number(value, decimals(field), lang))
    return i18n.number(value, decimals(field), lang)


def _rounded(field: str, value: float | None) -> float | None:
    if value is None or value is NO_EARLIER_DATA or pd.isna(value):
        return None
    return round(float(value), decimals(field))


NO_EARLIER_DATA = object()  # the comparison value of a period the data do not cover


@dataclass(frozen=True)
class Tile:
    field: str
    label: str
    value: str
    delta: str | None
    delta_color: str  # "normal", "inverse" or "off", as st.metric takes it
    delta_arrow: str  # "auto", or "off" when nothing changed
    verdict: str
    help: str


def verdict(
    field: str,
    current,
    comparison,
    average,
    comparison_label: str,
    lang: str,
    responses: int | None = None,
    year: int | None = None,
) -> str:
    """One sentence: better or worse than the comparison period, and the member average."""
    if field == "satisfaction_mean" and responses is not None and responses < MIN_SATISFACTION_RESPONSES:
        return i18n.t("Fewer than 30 responses ({count}): too few for a mean.", lang, count=responses)
    now, then = _rounded(field, current), _rounded(field, comparison)
    if now is None and field == "realized_savings_eur" and year is not None:
        return i18n.t("The realised savings for {year} are not known yet.", lang, year=year)
    if now is None:
        return i18n.t("No value for this period.", lang)
    better = BETTER_HIGHER.get(field)
    values = {"comparison": comparison_label, "average": show(field, average, lang)}
    if comparison is NO_EARLIER_DATA:
        return i18n.t("No earlier data; the member average is {average}.", lang, **values)
    if then is None:
        return i18n.t("No comparison with {comparison}; the member average is {average}.", lang, **values)
    if now == then:
        return i18n.t("The same as {comparison}; the member average is {average}.", lang, **values)
    values["value"] = show(field, comparison, lang)
    up = now > then
    if better is None:
        if up:
            return i18n.t("Higher than {comparison} ({value}); the member average is {average}.", lang, **values)
        return i18n.t("Lower than {comparison} ({value}); the member average is {average}.", lang, **values)
    if up == better:
        return i18n.t("Better than {comparison} ({value}); the member average is {average}.", lang, **values)
    return i18n.t("Worse than {comparison} ({value}); the member average is {average}.", lang, **values)


def delta(field: str, current, comparison, lang: str) -> str | None:
    """The change as shown, sign first ('+0,8 procentpunt', '-€ 0,45'): st.metric reads the
    direction of its arrow from the first character."""
    now, then = _rounded(field, current), _rounded(field, comparison)
    if now is None or then is None:
        return None
    difference = round(now - then, decimals(field))
    sign = "+" if difference > 0 else "-" if difference < 0 else ""
    if UNITS[field] == "eur":
        return f"{sign}{i18n.eur(abs(difference), decimals(field), lang)}"
    unit = (" procentpunt" if lang == "nl" else " pp") if UNITS[field] == "pct" else ""
    return f"{sign}{i18n.number(abs(difference), decimals(field), lang)}{unit}"


def tiles(
    current: dict,
    comparison: dict | None,
    average: dict,
    comparison_label: str,
    lang: str,
    year: int | None = None,
    fields: tuple[str, ...] = TILES,
) -> list[Tile]:
    """The tiles of `fields`; `comparison` None when the data do not cover the comparison period."""
    result = []
    for field in fields:
        better = BETTER_HIGHER.get(field)
        then = NO_EARLIER_DATA if comparison is None else comparison.get(field)
        change = delta(field, current.get(field), None if comparison is None else then, lang)
        unchanged = change is not None and change[0] not in "+-"
        color = "off" if better is None or unchanged else ("normal" if better else "inverse")
        result.append(
            Tile(
                field=field,
                label=labels.show(labels.KPIS, field, lang),
                value=show(field, current.get(field), lang),
                delta=change,
                delta_color=color,
                delta_arrow="off" if unchanged else "auto",
                verdict=verdict(
                    field,
                    current.get(field),
                    then,
                    average.get(field),
                    comparison_label,
                    lang,
                    current.get("satisfaction_responses"),
                    year,
                ),
                help=labels.show(labels.DEFINITIONS, field, lang),
            )
        )
    return result


def trend_periods(period: Period) -> list[Period]:
    """The eight quarters up to the last one that has ended by the period's end."""
    quarters = [last_full("quarter", period.end)]
    while len(quarters) < TREND_QUARTERS:
        quarters.insert(0, quarters[0].previous())
    return quarters


def trend_table(
    figures_for: Callable[[Period], pd.DataFrame], code: str, period: Period, fields: list[str]
) -> pd.DataFrame:
    """One row per quarter: the member's value and the member average of each field."""
    rows = []
    for quarter in trend_periods(period):
        figures = figures_for(quarter)
        if figures.empty:  # a quarter the data do not cover is left out, not drawn as 0
            continue
        row = {"period": quarter}
        for field in fields:
            values = figures[field].astype("float64")
            row[field] = values.get(code)
            row[f"{field}_average"] = values.mean(skipna=True)
        rows.append(row)
    return pd.DataFrame(rows, columns=["period", *(f"{f}{s}" for f in fields for s in ("", "_average"))])
