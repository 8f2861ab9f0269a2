"""What the Kosten and Leveranciers pages compute from their query results, apart from Streamlit.

Each section builder returns (figure, table, one-line summary), like regie/service.py.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from regie import chart_axes, charts, i18n, labels, table_format
from regie.contract import COST_CATEGORIES, ROUTES
from regie.coverage import Coverage
from regie.periods import Period, containing

# ICT cost per inhabitant in Dutch municipalities, M&I/Partners benchmark (domain.md).
BENCHMARK_PER_INHABITANT = {2011: 78.0, 2018: 84.0, 2020: 93.0, 2021: 96.0, 2022: 106.0, 2023: 109.0}
BUCKETS = (1, 3, 12)
BUCKET_KINDS = {1: "month", 3: "quarter", 12: "year"}
COST_KEYS = ("agreed", "inhabitants", "workstations", "tickets")
CEILING_WARNING_PCT = 80.0


def label(kind: str, value: str, lang: str) -> str:
    """Dutch or English name of a cost category or route."""
    return labels.show(labels.CATEGORIES if kind == "cost_category" else labels.ROUTES, value, lang)


def bucket_window(period: Period, months: int, coverage: Coverage) -> tuple[date, date]:
    """Twelve months, eight quarters, or every year, up to the period's end (for years, the end of
    its year), inside what the data cover: no bucket before the one holding the first month with
    data, and the last one cut where the data end (product.md, "Coverage")."""
    kind = BUCKET_KINDS[months]
    end = period.end
    if months == 12:
        year_end = containing(kind, period.last_day).natural_end
        return containing(kind, coverage.first).start, min(year_end, coverage.until)
    count = 12 if months == 1 else 8
    index = end.year * 12 + end.month - 1 - count * months
    start = containing(kind, date(index // 12, index % 12 + 1, 1)).start
    return max(start, containing(kind, coverage.first).start), end


def bucket_label(bucket: date, months: int, end: date, lang: str) -> str:
    """The bucket's axis label, with how far the data cover it when `end` cuts it ('K4 2026 t/m 30 nov')."""
    return i18n.short_period_label(Period(bucket, BUCKET_KINDS[months]).cut_at(end), lang)


def spend_over_time_chart(frame: pd.DataFrame, months: int, end: date, breakdown: str, members: str, lang: str):
    """Stacked bars of spend per bucket by cost category or route; `end` is the window's end, which
    may cut the last bucket."""
    keys = COST_CATEGORIES if breakdown == "cost_category" else ROUTES
    frame = frame.assign(bucket=pd.to_datetime(frame["bucket"]).dt.date)
    pivot = frame.pivot_table(index="bucket", columns=breakdown, values="spend_eur", aggfunc="sum", fill_value=0.0)
    pivot = pivot.reindex(columns=[k for k in keys if k in pivot.columns])
    ticks = [bucket_label(b, months, end, lang) for b in pivot.index]
    traces = [
        {
            "type": "bar",
            "x": ticks,
            "y": pivot[key].tolist(),
            "name": label(breakdown, key, lang),
            "marker": {"color": charts.PALETTE[index % len(charts.PALETTE)] if index < 7 else charts.GREY},
            "hovertemplate": "€ %{y:,.0f}",
        }
        for index, key in enumerate(pivot.columns)
    ]
    title = i18n.t(
        "Spend per {bucket}, {members}", lang, bucket=labels.show(labels.BUCKETS, months, lang), members=members
    )
    fig = charts.figure(traces, {**charts.base_layout(title, "eur", lang, height=380), "barmode": "relative"})
    table = pivot.rename(columns=lambda k: label(breakdown, k, lang)).round(2)
    table_format.declare(table, eur=list(table.columns))
    table.insert(0, i18n.t("Period", lang), ticks)
    if pivot.empty:
        return fig, table.reset_index(drop=True), i18n.t("No value for this period.", lang)
    last = pivot.iloc[-1]
    summary = i18n.t(
        "Spend in {last}: {amount}; largest item {top} ({top_amount}).",
        lang,
        last=ticks[-1],
        amount=i18n.eur(float(last.sum()), 0, lang),
        top=label(breakdown, last.idxmax(), lang),
        top_amount=i18n.eur(float(last.max()), 0, lang),
    )
    return fig, table.reset_index(drop=True), summary


def per_member_year(by_year: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """Spend per inhabitant and per workstation, from each year's spend_by_member joined to member_counts."""
    rows = []
    for year, frame in by_year.items():
        part = frame.assign(year=year)
        part["per_inhabitant_eur"] = part["spend_eur"] / part["inhabitants"]
        part["per_workstation_eur"] = part["spend_eur"] / part["workstations"]
        rows.append(part)
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()


def member_year_lines(
    frame: pd.DataFrame, column: str, home: str, names: dict[str, str], title: str, unit: str, lang: str
):  # fmt: skip
    """One line per member over the years, the home member first and highlighted, with the member median.

    Returns the figure, the years, the member-by-year values and the median per year.
    """
    years = sorted(frame["year"].unique())
    if "name" in frame:  # members that took part in earlier years only are named as then
        names = {**dict(zip(frame["municipality_code"], frame["name"], strict=True)), **names}
    pivot = frame.pivot_table(index="year", columns="municipality_code", values=column).reindex(years)
    if home not in pivot.columns:  # the home member takes part in none of these years: no line, no error
        pivot[home] = float("nan")
    median = pivot.median(axis=1, skipna=True)
    series = {names[home]: pivot[home].tolist(), i18n.t("Member median", lang): median.tolist()}
    series.update({names[c]: pivot[c].tolist() for c in pivot.columns if c != home})
    return charts.trend([str(y) for y in years], series, title, unit, lang), years, pivot, median


def fair_chart(frame: pd.DataFrame, column: str, home: str, names: dict[str, str], lang: str):
    """Spend per inhabitant or workstation per member and year, the member median, and the benchmark."""
    title = (
        i18n.t("IT spend per inhabitant by year", lang)
        if column == "per_inhabitant_eur"
        else i18n.t("IT spend per workstation by year", lang)
    )
    fig, years, pivot, median = member_year_lines(frame, column, home, names, title, "eur", lang)
    benchmark = BENCHMARK_PER_INHABITANT if column == "per_inhabitant_eur" else {}
    marks = [(str(y), benchmark[y]) for y in years if y in benchmark]
    if marks:
        fig.add_trace(
            {"type": "scatter", "x": [m[0] for m in marks], "y": [m[1] for m in marks],
             "name": chart_axes.wrap(i18n.t("National benchmark (M&I/Partners, outside source)", lang),
                                 charts.LEGEND_WIDTH), "mode": "markers",
             "marker": {"symbol": "star", "size": 14, "color": charts.BLACK}, "hovertemplate": "€ %{y:,.0f}"}
        )  # fmt: skip
        values = [v for v in pivot.stack().tolist() if v == v] + [m[1] for m in marks]
        fig.update_yaxes(chart_axes.value_axis(values, "eur", lang, zero_based=False, room=charts.ROOM["y"]))
    table = pivot.rename(columns=names).round(2)
    table[i18n.t("Member median", lang)] = median.round(2)
    if benchmark:
        table[i18n.t("National benchmark (M&I/Partners, outside source)", lang)] = [benchmark.get(y) for y in years]
    table = table.reset_index().rename(columns={"year": i18n.t("Year", lang)})
    table_format.declare(table, eur=list(table.columns[1:]), text=[i18n.t("Year", lang)])
    last = years[-1]
    note = (
        i18n.t("; national benchmark {value}", lang, value=i18n.eur(benchmark[last], 0, lang))
        if last in benchmark
        else ""
    )
    summary = i18n.t(
        "{name} spent {value} in {year}; the member median was {median}{benchmark}.",
        lang,
        name=names[home],
        year=last,
        value=i18n.eur(pivot.at[last, home], 2, lang),
        median=i18n.eur(median[last], 2, lang),
        benchmark=note,
    )
    return fig, table, summary


def budget_heading(year: int, until: date, lang: str) -> tuple[str, str]:
    """The budget section's heading and intro: a year the data cover in part (up to `until`, the
    first day not covered) sets the whole year's budget against its forecast, and says so."""
    cut = until < date(year + 1, 1, 1)
    heading = (
        i18n.t("Budget and forecast for all of {year}", lang, year=year)
        if cut
        else i18n.t("Budget against actual, {year}", lang, year=year)
    )
    actual_to = min(until - timedelta(days=1), date(year, 12, 31))
    return heading, i18n.t(
        "Actual up to {date}; the forecast for the full year follows from the run rate so far.",
        lang,
        date=i18n.long_date(actual_to, lang),
    )


def budget_table(frame: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    status = [
        i18n.t("no budget", lang) if pd.isna(b) else (i18n.t("OVERRUN", lang) if o else i18n.t("within budget", lang))
        for b, o in zip(frame["budget_eur"], frame["is_overrun"], strict=True)
    ]
    return table_format.declare(
        pd.DataFrame(
            {
                i18n.t("Municipality", lang): [names.get(c, c) for c in frame["municipality_code"]],
                i18n.t("Cost category", lang): [label("cost_category", c, lang) for c in frame["cost_category"]],
                i18n.t("Budget", lang): frame["budget_eur"].round(2),
                i18n.t("Actual", lang): frame["actual_eur"].round(2),
                i18n.t("Forecast", lang): frame["forecast_eur"].round(2),
                i18n.t("Forecast minus budget", lang): frame["variance_eur"].round(2),
                i18n.t("Assessment", lang): status,
            }
        ),
        eur=[
            i18n.t("Budget", lang),
            i18n.t("Actual", lang),
            i18n.t("Forecast", lang),
            i18n.t("Forecast minus budget", lang),
        ],
    )


def budget_chart(frame: pd.DataFrame, home: str, names: dict[str, str], lang: str):
    """Budget against forecast per cost category for the home member; overruns named in the summary."""
    mine = frame[frame["municipality_code"] == home]
    categories = [label("cost_category", c, lang) for c in mine["cost_category"]]
    overrun = mine["is_overrun"].fillna(False).tolist()
    traces = [
        {"type": "bar", "x": categories, "y": mine["budget_eur"].tolist(), "name": i18n.t("Budget", lang),
         "marker": {"color": charts.GREY}},
        {"type": "bar", "x": categories, "y": mine["forecast_eur"].tolist(), "name": i18n.t("Forecast", lang),
         "marker": {"color": [charts.VERMILION if o else charts.BLUE for o in overrun],
                    "pattern": {"shape": ["/" if o else "" for o in overrun]}}},
    ]  # fmt: skip
    spec = charts.base_layout(
        i18n.t("Budget and forecast by cost category, {name}", lang, name=names[home]), "eur", lang, height=380
    )
    fig = charts.figure(traces, {**spec, "barmode": "group"})
    over = mine[mine["is_overrun"].fillna(False)].sort_values("variance_eur", ascending=False)
    if over.empty:
        summary = i18n.t("{name}: no cost category over budget.", lang, name=names[home])
    else:
        summary = i18n.tn(
            "{name}: 1 cost category over budget: {top} ({amount}).",
            "{name}: {count} cost categories over budget; largest overrun {top} ({amount}).",
            lang,
            name=names[home],
            count=len(over),
            top=label("cost_category", over["cost_category"].iloc[0], lang),
            amount=i18n.eur(float(over["variance_eur"].iloc[0]), 0, lang),
        )
    return fig, budget_table(mine, names, lang), summary


def cost_key_table(frame: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    """The bill per member under each key, with the difference from the agreed key in euros and percent."""
    pivot = frame.pivot_table(index="municipality_code", columns="cost_key", values="bill_eur").reindex(
        columns=list(COST_KEYS)
    )
    table = pd.DataFrame({i18n.t("Municipality", lang): [names.get(c, c) for c in pivot.index]})
    table[i18n.t("Agreed key", lang)] = pivot["agreed"].round(2).tolist()
    for key in COST_KEYS[1:]:
        difference = pivot[key] - pivot["agreed"]
        table[labels.show(labels.COST_KEYS, key, lang)] = pivot[key].round(2).tolist()
        table[(str(labels.show(labels.COST_KEYS, key, lang)) + ": " + i18n.t("difference", lang))] = difference.round(
            2
        ).tolist()
        table[f"{labels.show(labels.COST_KEYS, key, lang)}: %"] = (100 * difference / pivot["agreed"]).round(1).tolist()
    amounts = [c for c in table.columns[1:] if not c.endswith(": %")]
    return table_format.declare(table, eur=amounts, pct=[c for c in table.columns if c.endswith(": %")])


def cost_key_chart(frame: pd.DataFrame, home: str, names: dict[str, str], lang: str):
    pivot = frame.pivot_table(index="municipality_code", columns="cost_key", values="bill_eur")
    keys = [labels.show(labels.COST_KEYS, k, lang) for k in COST_KEYS[1:]]
    differences = [float(pivot.at[home, k] - pivot.at[home, "agreed"]) for k in COST_KEYS[1:]]
    fig = charts.bars(
        keys, differences, i18n.t("Difference from the agreed key, {name}", lang, name=names[home]), "eur", lang
    )
    summary = i18n.t(
        "{name} pays {agreed}; by inhabitants {inhabitants}, by workstations {workstations}, by tickets {tickets}.",
        lang,
        name=names[home],
        **{k: i18n.eur(float(pivot.at[home, k]), 0, lang) for k in COST_KEYS},
    )
    return fig, cost_key_table(frame, names, lang), summary


def scorecard(run, members: list[str], period: Period, covered_before: bool) -> pd.DataFrame:
    """The supplier scorecard of a period, against the same period a year before. When the data do
    not cover that year-ago period, its spend is empty (shown as n.b.), not 0 (product.md, "Coverage")."""
    ago = period.year_ago()
    found = run("supplier_scorecard", {"members": members, **period.params(), "previous_start": ago.start,
                                       "previous_end": ago.end})  # fmt: skip
    if not covered_before:
        found = found.assign(spend_previous_eur=float("nan"))
    return found


def concentration(scorecard: pd.DataFrame) -> tuple[float | None, float | None]:
    """Share of spend with the five and ten largest suppliers."""
    spend = scorecard["spend_eur"].clip(lower=0).sort_values(ascending=False)
    total = spend.sum()
    if not total:
        return None, None
    return float(100 * spend.head(5).sum() / total), float(100 * spend.head(10).sum() / total)


def scorecard_table(scorecard: pd.DataFrame, lang: str) -> pd.DataFrame:
    change = (
        100
        * (scorecard["spend_eur"] - scorecard["spend_previous_eur"])
        / scorecard["spend_previous_eur"].where(scorecard["spend_previous_eur"] != 0)
    )
    return table_format.declare(
        pd.DataFrame(
            {
                i18n.t("Supplier", lang): scorecard["supplier_name"],
                i18n.t("IT spend", lang): scorecard["spend_eur"].round(2),
                i18n.pt("spend_previous", "Same period last year", lang): scorecard["spend_previous_eur"].round(2),
                i18n.pt("trend_pct", "Change", lang): change.round(1),
                i18n.t("Invoices", lang): scorecard["invoices"].astype(int),
                i18n.t("Credit notes", lang): scorecard["credit_notes"].astype(int),
                i18n.t("Credited", lang): scorecard["credit_notes_eur"].round(2),
                i18n.t("Share", lang): scorecard["share_pct"].round(1),
                i18n.t("Escalated tickets", lang): scorecard["escalated_tickets"].astype(int),
                i18n.t("Breach rate", lang): scorecard["breach_rate_pct"].round(1),
            }
        ),
        eur=[
            i18n.t("IT spend", lang),
            i18n.pt("spend_previous", "Same period last year", lang),
            i18n.t("Credited", lang),
        ],
        pct=[i18n.pt("trend_pct", "Change", lang), i18n.t("Share", lang), i18n.t("Breach rate", lang)],
        missing={i18n.pt("spend_previous", "Same period last year", lang): i18n.N_("no earlier data")},
    )


def suppliers_chart(scorecard: pd.DataFrame, period: Period, lang: str):
    top = scorecard.head(10)
    title = i18n.t("Largest suppliers, {period}", lang, period=i18n.period_label(period, lang))
    fig = charts.bars(top["supplier_name"].tolist(), top["spend_eur"].tolist(), title, "eur", lang, horizontal=True)
    top5, _ = concentration(scorecard)
    if top.empty or top5 is None:
        return fig, scorecard_table(scorecard, lang), i18n.t("No value for this period.", lang)
    summary = i18n.t(
        "The five largest suppliers hold {top5} of the spend together; the largest is {top} ({share}).",
        lang,
        top5=i18n.pct(top5, 1, lang),
        top=top["supplier_name"].iloc[0],
        share=i18n.pct(float(top["share_pct"].iloc[0]), 1, lang),
    )
    return fig, scorecard_table(scorecard, lang), summary


def ceiling_chart(contracts: pd.DataFrame, lang: str):
    """Per contract with a ceiling: the share used, against 80% and 100% lines; a table with euros and dates."""
    rows = contracts[contracts["ceiling_eur"].notna()].sort_values("ceiling_used_pct", ascending=False)
    names = [f"{r.contract_id} {r.title}" for r in rows.itertuples()]
    fig = charts.bars(
        names, rows["ceiling_used_pct"].tolist(), i18n.t("Ceiling used", lang), "pct", lang,
        norm=CEILING_WARNING_PCT, norm_label=i18n.t("80% of the ceiling", lang), horizontal=True,
        flagged=(rows["ceiling_used_pct"] > CEILING_WARNING_PCT).tolist(),
        lines=[charts.reference_line(100, i18n.t("Ceiling", lang), vertical=True,
                                     line={"color": charts.BLACK, "width": 2})],
    )  # fmt: skip
    before_end = rows["ceiling_reached_date"].notna() & (
        pd.to_datetime(rows["ceiling_reached_date"]) <= pd.to_datetime(rows["end_date"])
    )
    table = table_format.declare(
        pd.DataFrame(
            {
                i18n.t("Contract", lang): names,
                i18n.t("Ceiling", lang): rows["ceiling_eur"].round(2),
                i18n.t("Spent to date", lang): rows["spend_to_date_eur"].round(2),
                i18n.t("Used", lang): rows["ceiling_used_pct"].round(1),
                i18n.t("Left", lang): rows["ceiling_left_eur"].round(2),
                i18n.t("Ceiling reached around", lang): [
                    i18n.short_date(d, lang) if pd.notna(d) else None for d in rows["ceiling_reached_date"]
                ],
                i18n.t("End date", lang): [i18n.short_date(d, lang) for d in rows["end_date"]],
                i18n.t("Assessment", lang): [i18n.t("CEILING BEFORE END", lang) if b else None for b in before_end],
            }
        ),
        eur=[i18n.t("Ceiling", lang), i18n.t("Spent to date", lang), i18n.t("Left", lang)],
        pct=[i18n.t("Used", lang)],
    )
    high = rows[rows["ceiling_used_pct"] > CEILING_WARNING_PCT]
    summary = i18n.tn(
        "1 contract above 80% of its ceiling: {top} at {pct}.",
        "{count} contracts above 80% of their ceiling; the highest is {top} at {pct}.",
        lang,
        count=len(high),
        top=names[0] if names else "-",
        pct=i18n.pct(float(rows["ceiling_used_pct"].iloc[0]) if len(rows) else None, 1, lang),
    )
    return fig, table, summary


def ending_soon_table(contracts: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    rows = contracts[contracts["is_ending_soon"].fillna(False)].sort_values(["end_date", "contract_id"])
    return table_format.declare(
        pd.DataFrame(
            {
                i18n.t("End date", lang): [i18n.short_date(d, lang) for d in rows["end_date"]],
                i18n.t("Contract", lang): rows["contract_id"] + " " + rows["title"],
                i18n.t("Cost category", lang): [label("cost_category", c, lang) for c in rows["cost_category"]],
                i18n.t("Municipality", lang): [
                    names.get(c, c) if isinstance(c, str) else i18n.t("all members", lang)
                    for c in rows["municipality_code"]
                ],
                i18n.t("Spent to date", lang): rows["spend_to_date_eur"].round(2),
            }
        ),
        eur=[i18n.t("Spent to date", lang)],
    )


def without_contract_table(frame: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    return table_format.declare(
        pd.DataFrame(
            {
                i18n.t("Municipality", lang): [names.get(c, c) for c in frame["municipality_code"]],
                i18n.t("Cost category", lang): [label("cost_category", c, lang) for c in frame["cost_category"]],
                i18n.t("IT spend", lang): frame["spend_eur"].round(2),
                i18n.t("Invoice lines", lang): frame["lines"].astype(int),
            }
        ),
        eur=[i18n.t("IT spend", lang)],
    )
