"""Points for discussion: sentences generated from the figures by fixed rules, each linking to its page.

The rules, for a quarter and the chosen members (at most MAX_PER_RULE points per rule,
largest first, with a count of the rest):

1. months under the DVO target: per member, the months of the quarter whose resolution
   score is below the month's target (Dienstverlening's rule);
2. the categories with the most resolution breaches in the quarter (the top three);
3. budget overruns: cost categories whose forecast for the year exceeds the budget;
4. contracts past 80% of their ceiling, and contracts ending within twelve months
   (both only for contracts still running at the end of the data);
5. savings realised below expectation: initiatives that realised less than 90% of what
   was expected over the years whose realisation is known (Samen doen's rule);
6. the largest own-route spend where a collective or SSC arrangement exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

import pandas as pd

from regie import i18n, labels
from regie.costs import CEILING_WARNING_PCT, label
from regie.periods import Period
from regie.together import cumulative

MAX_PER_RULE = 5
TOP_CATEGORIES = 3


@dataclass(frozen=True)
class Point:
    """One point: a sentence (translation key and values) and the page that shows it, with its filters."""

    key: str
    values: dict = field(default_factory=dict)
    page: str = ""
    params: dict = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return labels.show(labels.POINTS, self.key, lang, **{k: _show(v, lang) for k, v in self.values.items()})

    def link(self, lang: str) -> str:
        query = {**self.params, **({"taal": lang} if lang != i18n.DEFAULT else {})}
        return f"/{self.page}" + (f"?{urlencode(query)}" if query else "")


@dataclass(frozen=True)
class Shown:
    """A value written in the reader's language when the sentence is: money, a percentage, a cost
    category or a page name."""

    kind: str  # eur, pct, category or page
    value: object


def money(value: float) -> Shown:
    return Shown("eur", value)


def percent(value: float) -> Shown:
    return Shown("pct", value)


def category_of(value: str) -> Shown:
    return Shown("category", value)


def page_name(value: str) -> Shown:
    return Shown("page", value)


_FORMATS = {
    "eur": lambda v, lang: i18n.eur(v, 0, lang),
    "pct": lambda v, lang: i18n.pct(v, 1, lang),
    "category": lambda v, lang: label("cost_category", v, lang).lower(),
    "page": lambda v, lang: labels.show(labels.PAGES, v, lang),
}


@dataclass(frozen=True)
class Months:
    """Months with their scores: 'juli (84,2%) en augustus (86,0%)'."""

    items: tuple[tuple[date, float], ...]


def _and(parts: list[str], lang: str) -> str:
    return (
        parts[0] if len(parts) == 1 else (str(", ".join(parts[:-1])) + " " + i18n.t("and", lang) + " " + str(parts[-1]))
    )


def _show(value, lang: str) -> str:
    if isinstance(value, Shown):
        return _FORMATS[value.kind](value.value, lang)
    if isinstance(value, Months):
        return _and([f"{i18n.month_name(m.month, lang)} ({i18n.pct(s, 1, lang)})" for m, s in value.items], lang)
    if isinstance(value, date):
        return i18n.long_date(value, lang)
    if isinstance(value, Period):
        return i18n.period_label(value, lang)
    if isinstance(value, list):
        return _and([_show(v, lang) for v in value], lang)
    return str(value)


def _member_params(code: str | None, period: Period) -> dict:
    return {**({"gemeente": code} if code else {}), "periode": period.key}


def _capped(points: list[Point], page: str, params: dict) -> list[Point]:
    if len(points) <= MAX_PER_RULE:
        return points
    more = Point("point_more", {"count": len(points) - MAX_PER_RULE, "page": page_name(page)}, page, params)
    return [*points[:MAX_PER_RULE], more]


def months_under_target(monthly: pd.DataFrame, names: dict[str, str], period: Period) -> list[Point]:
    """From service.monthly_scores over the quarter's months: one point per member with months under target."""
    under = monthly[monthly["is_under"].fillna(False).astype(bool)].sort_values(["municipality_code", "month"])
    points = []
    for code, rows in under.groupby("municipality_code", sort=True):
        items = tuple((m, float(s)) for m, s in zip(rows["month"], rows["score"], strict=True))
        values = {
            "name": names.get(code, code),
            "months": Months(items),
            "target": percent(float(rows["target"].min())),
        }
        points.append(Point("point_months_under", values, "dienstverlening", _member_params(code, period)))
    return _capped(points, "dienstverlening", {"periode": period.key})


def top_breaches(breaches: pd.DataFrame, period: Period, code: str | None) -> list[Point]:
    """From breaches_by (category): the three categories with the most breaches."""
    found = breaches[breaches["breaches"] > 0].sort_values(["breaches", "name"], ascending=[False, True])
    if found.empty:
        return []
    top = found.head(TOP_CATEGORIES)
    listed = [f"{n} ({int(b)})" for n, b in zip(top["name"], top["breaches"], strict=True)]
    params = {**_member_params(code, period), "categorie": top["name"].iloc[0]}
    return [Point("point_breaches", {"period": period, "list": listed}, "dienstverlening", params)]


def budget_overruns(budget: pd.DataFrame, names: dict[str, str], year: str) -> list[Point]:
    """From budget_vs_actual: every category forecast over budget, largest overrun first; each links
    to the Kosten page for `year` (the key of the year's period as the app offers it)."""
    over = budget[budget["is_overrun"].fillna(False).astype(bool)].sort_values(
        ["variance_eur", "municipality_code"], ascending=[False, True]
    )
    points = []
    for row in over.itertuples():
        values = {
            "name": names.get(row.municipality_code, row.municipality_code), "category": category_of(row.cost_category),
            "forecast": money(row.forecast_eur), "over": money(row.variance_eur), "budget": money(row.budget_eur),
        }  # fmt: skip
        params = {"gemeente": row.municipality_code, "periode": year}
        points.append(Point("point_budget", values, "kosten", params))
    return _capped(points, "kosten", {"periode": year})


def contracts(status: pd.DataFrame, until: date, code: str | None) -> list[Point]:
    """From contract_status: running contracts past 80% of their ceiling, then those ending within a year."""
    running = status[pd.to_datetime(status["end_date"]).dt.date >= until]
    params = {"gemeente": code} if code else {}
    points = []
    high = running[running["ceiling_used_pct"].fillna(0) >= CEILING_WARNING_PCT].sort_values(
        ["ceiling_used_pct", "contract_id"], ascending=[False, True]
    )
    for row in high.itertuples():
        values = {"title": row.title, "pct": percent(row.ceiling_used_pct), "ceiling": money(row.ceiling_eur)}
        if pd.notna(row.ceiling_reached_date):
            values["date"] = pd.Timestamp(row.ceiling_reached_date).date()
            points.append(Point("point_ceiling", values, "leveranciers", params))
        else:
            points.append(Point("point_ceiling_nodate", values, "leveranciers", params))
    ending = running[running["is_ending_soon"].fillna(False).astype(bool)].sort_values(["end_date", "contract_id"])
    for row in ending.itertuples():
        values = {"title": row.title, "date": pd.Timestamp(row.end_date).date()}
        points.append(Point("point_ending", values, "leveranciers", params))
    return _capped(points, "leveranciers", params)


def lagging_savings(savings: pd.DataFrame, names: dict[str, str]) -> list[Point]:
    """From savings_by_initiative: initiatives (per member) lagging behind expectation, largest gap first."""
    sums = cumulative(savings)
    lagging = sums[sums["is_lagging"]].sort_values(["gap_eur", "municipality_code"], ascending=[False, True])
    points = []
    for row in lagging.itertuples():
        values = {
            "initiative": row.initiative, "name": names.get(row.municipality_code, row.municipality_code),
            "realised": money(row.realized_savings_eur), "expected": money(row.expected_savings_eur),
            "pct": percent(row.realization_pct),
        }  # fmt: skip
        points.append(Point("point_savings", values, "samen", {"gemeente": row.municipality_code}))
    return _capped(points, "samen", {})


def largest_exception(exceptions: pd.DataFrame, names: dict[str, str], period: Period) -> list[Point]:
    """From policy_exceptions: the largest own-route spend where a collective or SSC contract runs."""
    if exceptions.empty:
        return []
    row = exceptions.sort_values(["spend_eur", "municipality_code"], ascending=[False, True]).iloc[0]
    values = {
        "name": names.get(row["municipality_code"], row["municipality_code"]), "period": period,
        "amount": money(float(row["spend_eur"])), "category": category_of(row["cost_category"]),
        "supplier": row["supplier_name"],
    }  # fmt: skip
    return [Point("point_exception", values, "samen", _member_params(row["municipality_code"], period))]
