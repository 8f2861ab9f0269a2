"""What the Dienstverlening page computes from its query results, kept apart from Streamlit."""

from __future__ import annotations

from datetime import date

import pandas as pd

from regie import charts, i18n, labels, table_format
from regie.periods import Period, month_starts

TILES = (
    "sla_resolution_pct",
    "sla_response_pct",
    "resolution_hours_median",
    "resolution_hours_p90",
    "backlog_open",
    "backlog_past_norm",
    "first_contact_resolution_pct",
    "reopen_pct",
    "satisfaction_mean",
)
MEMBER_COLUMNS = ("sla_resolution_pct", "resolution_hours_median", "satisfaction_mean", "tickets_per_100_workstations")
DIMENSIONS = ("category", "assignee_group")
WINDOW_MONTHS = 12
MONTH_CHART_TITLES = {
    "resolution": i18n.N_("Resolution SLA score by month"),
    "response": i18n.N_("Response SLA score by month"),
}


def month_window(period: Period, first: date) -> tuple[date, date]:
    """The twelve months up to the end of the period, none before `first` (the first month with
    data: the months before it have no figures, product.md "Coverage"): first day, and the first
    day after."""
    end = period.end
    index = end.year * 12 + end.month - 1 - WINDOW_MONTHS
    return max(date(index // 12, index % 12 + 1, 1), first), end


def monthly_scores(sla: pd.DataFrame, measure: str, start: date, end: date, members: list[str] = ()) -> pd.DataFrame:
    """Score and target per member and month (every month of the window, NaN without tickets), for
    the members in `sla` and those in `members` (which may have no tickets at all).

    A month's target is the ticket-weighted mean of the targets of the norms that applied.
    """
    rows = sla[sla["measure"] == measure]
    if rows.empty:
        sums = pd.DataFrame(columns=["municipality_code", "month", "tickets", "within_norm", "target_sum"])
    else:
        rows = rows.assign(month=pd.to_datetime(rows["month"]).dt.date)
        sums = rows.groupby(["municipality_code", "month"], as_index=False)[
            ["tickets", "within_norm", "target_sum"]
        ].sum()
    grid = pd.MultiIndex.from_product(
        [sorted(set(sla["municipality_code"]) | set(members)), month_starts(start, end)],
        names=["municipality_code", "month"],
    )
    frame = sums.set_index(["municipality_code", "month"]).reindex(grid).reset_index()
    frame["score"] = 100.0 * frame["within_norm"] / frame["tickets"]
    frame["target"] = frame["target_sum"] / frame["tickets"]
    frame["is_under"] = frame["score"] < frame["target"]
    return frame


def compliance_table(sla: pd.DataFrame, code: str, lang: str) -> pd.DataFrame:
    """Per ticket type and priority over the rows given: tickets, within, score, target, assessment."""
    rows = sla[(sla["measure"] == "resolution") & (sla["municipality_code"] == code)]
    sums = rows.groupby(["ticket_type", "priority"], as_index=False)[["tickets", "within_norm", "target_sum"]].sum()
    score = 100.0 * sums["within_norm"] / sums["tickets"]
    target = sums["target_sum"] / sums["tickets"]
    return table_format.declare(
        pd.DataFrame(
            {
                i18n.t("Type", lang): [labels.show(labels.TICKET_TYPES, t, lang) for t in sums["ticket_type"]],
                i18n.t("Priority", lang): sums["priority"].astype(int),
                i18n.t("Tickets", lang): sums["tickets"].astype(int),
                i18n.t("Within norm", lang): sums["within_norm"].astype(int),
                i18n.t("Score", lang): score.round(1),
                i18n.t("Target", lang): target.round(1),
                i18n.t("Assessment", lang): [
                    (i18n.t("BELOW TARGET", lang) if s < t else i18n.t("at or above target", lang))
                    for s, t in zip(score, target, strict=True)
                ],
            }
        ),
        pct=[i18n.t("Score", lang), i18n.t("Target", lang)],
    )


def band_label(hours_from: float, hours_to: float | None, lang: str) -> str:
    low = i18n.number(hours_from, 0, lang)
    if hours_to is None or pd.isna(hours_to):
        return i18n.t("{lo} hours or more", lang, lo=low)
    return i18n.t("{lo} to {hi} hours", lang, lo=low, hi=i18n.number(hours_to, 0, lang))


def share_within(distribution: pd.DataFrame, hours: float) -> float | None:
    """The share of tickets resolved within `hours` service hours (a band boundary)."""
    if distribution.empty:
        return None
    within = distribution[distribution["hours_to"].notna() & (distribution["hours_to"] <= hours)]
    return float(within["share_pct"].sum())


def members_table(figures: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    """Every member's service figures, then the member median (each member counting once)."""
    columns = list(MEMBER_COLUMNS)
    values = figures[columns].apply(pd.to_numeric, errors="coerce")
    table = values.copy()
    table.index = [names.get(code, code) for code in values.index]
    table.loc[i18n.t("Member median", lang)] = values.median(skipna=True)
    table = table.round(2).reset_index(names=i18n.t("Municipality", lang))
    table = table.rename(columns={c: labels.show(labels.KPIS, c, lang) for c in columns})
    named = {c: labels.show(labels.KPIS, c, lang) for c in columns}
    return table_format.declare(
        table,
        pct=[named["sla_resolution_pct"]],
        hours=[named["resolution_hours_median"]],
        mark=[named["satisfaction_mean"]],
    )


Section = tuple  # (figure, table, one-line summary)


def _month_labels(start: date, end: date, lang: str) -> list[str]:
    """Axis labels of the window's months; the last says how far the data cover it when `end` cuts it."""
    return [i18n.short_period_label(Period(m, "month").cut_at(end), lang) for m in month_starts(start, end)]


def compliance_chart(
    sla: pd.DataFrame, measure: str, window: tuple[date, date], members: list[str], names: dict[str, str],
    home: str, lang: str,
) -> Section:  # fmt: skip
    """SLA score per month for the chosen members against the target; the home member's months
    under target are marked."""
    start, end = window
    ticks = _month_labels(start, end, lang)
    scores = monthly_scores(sla, measure, start, end, [*members, home])
    own = scores[scores["municipality_code"] == home]
    tickets = own["tickets"].sum()
    target = float(own["target_sum"].sum() / tickets) if tickets else None
    series = {names[c]: scores.loc[scores["municipality_code"] == c, "score"].tolist() for c in members}
    flags = own["is_under"].fillna(False).astype(bool).tolist()
    label = i18n.t("DVO target {value}", lang, value=i18n.pct(target, 1, lang))
    title = MONTH_CHART_TITLES[measure]
    fig = charts.trend(ticks, series, i18n.t(title, lang), "pct", lang, target, label, flags)
    summary = i18n.t(
        "{name}: {under} of {months} months below the target of {target}; last month {last}.",
        lang,
        name=names[home],
        under=sum(flags),
        months=int(own["tickets"].notna().sum()),
        target=i18n.pct(target, 1, lang),
        last=i18n.pct(own["score"].iloc[-1] if len(own) else None, 1, lang),
    )
    table = table_format.declare(
        pd.DataFrame(
            {
                i18n.t("Month", lang): ticks,
                i18n.t("Score", lang): own["score"].round(1).tolist(),
                i18n.t("Target", lang): own["target"].round(1).tolist(),
                i18n.t("Assessment", lang): [
                    "" if pd.isna(s) else (i18n.t("BELOW TARGET", lang) if u else i18n.t("at or above target", lang))
                    for s, u in zip(own["score"], flags, strict=True)
                ],
            }
        ),
        pct=[i18n.t("Score", lang), i18n.t("Target", lang)],
    )
    return fig, table, summary


def times_chart(times: pd.DataFrame, window: tuple[date, date], name: str, lang: str) -> Section:
    """Median and P90 resolution time per month, all priorities; the table adds each priority."""
    start, end = window
    ticks = _month_labels(start, end, lang)
    rows = times[times["measure"] == "resolution"].assign(month=lambda t: pd.to_datetime(t["month"]).dt.date)
    overall = rows[rows["priority"].isna()].set_index("month").reindex(month_starts(start, end))
    series = {
        i18n.t("median", lang): overall["hours_median"].tolist(),
        i18n.t("P90", lang): overall["hours_p90"].tolist(),
    }
    fig = charts.trend(ticks, series, i18n.t("Resolution time by month (service hours)", lang), "hours", lang)
    table = pd.DataFrame({i18n.t("Month", lang): ticks})
    for priority in (None, 1, 2, 3, 4):
        part = rows[rows["priority"].isna()] if priority is None else rows[rows["priority"] == priority]
        part = part.set_index("month").reindex(month_starts(start, end))
        prefix = "" if priority is None else f"P{priority} "
        table[(str(prefix) + i18n.t("median", lang))] = part["hours_median"].round(2).tolist()
        table[(str(prefix) + i18n.t("P90", lang))] = part["hours_p90"].round(2).tolist()
    table_format.declare(table, hours=list(table.columns[1:]))
    summary = i18n.t(
        "Median resolution time of {name} in {last_period}: {median}; 90% was resolved within {p90}.",
        lang,
        name=name,
        last_period=ticks[-1],
        median=_hours(overall["hours_median"].iloc[-1], lang),
        p90=_hours(overall["hours_p90"].iloc[-1], lang),
    )
    return fig, table, summary


def _hours(value, lang: str) -> str:
    if value is None or pd.isna(value):
        return i18n.t("n/a", lang)
    return i18n.t("{value} h", lang, value=i18n.number(value, 1, lang))


def distribution_chart(distribution: pd.DataFrame, period: Period, lang: str) -> Section:
    bands = [band_label(a, b, lang) for a, b in zip(distribution["hours_from"], distribution["hours_to"], strict=True)]
    title = i18n.t("Distribution of resolution time, {period}", lang, period=i18n.period_label(period, lang))
    fig = charts.bars(bands, distribution["share_pct"].tolist(), title, "pct", lang)
    table = table_format.declare(
        pd.DataFrame(
            {
                i18n.t("Value", lang): bands,
                i18n.t("Tickets", lang): distribution["tickets"].astype(int).tolist(),
                "%": distribution["share_pct"].round(1).tolist(),
            }
        ),
        pct=["%"],
    )
    summary = i18n.t(
        "{share} of the tickets was resolved within {hours} service hours.",
        lang,
        share=i18n.pct(share_within(distribution, 9), 1, lang),
        hours=9,
    )
    return fig, table, summary


def flow_chart(flow: pd.DataFrame, window: tuple[date, date], lang: str) -> Section:
    ticks = _month_labels(*window, lang)
    names = (i18n.t("Opened", lang), i18n.t("Resolved", lang), i18n.t("Backlog at month end", lang))
    fig = charts.flow(
        ticks,
        flow["opened"],
        flow["resolved"],
        flow["backlog_end"],
        names,
        i18n.t("Inflow and outflow by month", lang),
        lang,
    )
    table = pd.DataFrame(
        {
            i18n.t("Month", lang): ticks,
            names[0]: flow["opened"].astype(int).tolist(),
            names[1]: flow["resolved"].astype(int).tolist(),
            names[2]: flow["backlog_end"].astype(int).tolist(),
        }
    )
    summary = i18n.t(
        "In {last_period} {opened} opened and {resolved} resolved; backlog at the end {backlog}.",
        lang,
        last_period=ticks[-1],
        opened=int(flow["opened"].iloc[-1]),
        resolved=int(flow["resolved"].iloc[-1]),
        backlog=int(flow["backlog_end"].iloc[-1]),
    )
    return fig, table, summary


def backlog_age_chart(figures: dict, period: Period, lang: str) -> Section:
    ages = figures.get("backlog_by_age") or {}
    when = i18n.long_date(period.last_day, lang)  # open at period.end 00:00: at the end of its last day
    fig = charts.bars(
        list(ages),
        list(ages.values()),
        i18n.t("Backlog by age (days) at the end of {date}", lang, date=when),
        "count",
        lang,
    )
    table = pd.DataFrame({i18n.t("Value", lang): list(ages), i18n.t("Tickets", lang): list(ages.values())})
    summary = i18n.t(
        "{total} tickets open at the end of {date}, of which {past} past their norm and {old} older than 90 days.",
        lang,
        total=figures.get("backlog_open"),
        date=when,
        past=figures.get("backlog_past_norm"),
        old=ages.get("90+", 0),
    )
    return fig, table, summary


def breaches_chart(found: pd.DataFrame, dimension: str, selected: str | None, lang: str) -> Section:
    """The top ten categories or groups by breaches; the chosen one highlighted."""
    top = found.head(10)
    title = (
        i18n.t("Breaches by category", lang) if dimension == "category" else i18n.t("Breaches by assignee group", lang)
    )
    fig = charts.bars(top["name"].tolist(), top["breaches"].tolist(), title, "count", lang, selected, horizontal=True)
    table = table_format.declare(
        pd.DataFrame(
            {
                labels.show(labels.DIMENSIONS, dimension, lang): found["name"],
                i18n.t("Resolved", lang): found["resolved_tickets"].astype(int),
                i18n.t("Breaches", lang): found["breaches"].astype(int),
                i18n.t("Breach rate", lang): found["breach_rate_pct"].round(1),
                i18n.t("Share of breaches", lang): found["share_of_breaches_pct"].round(1),
            }
        ),
        pct=[i18n.t("Breach rate", lang), i18n.t("Share of breaches", lang)],
    )
    if found.empty or not found["breaches"].iloc[0]:
        return fig, table, i18n.t("No breaches in this period.", lang)
    first = found.iloc[0]
    summary = i18n.t(
        "Most breaches: {top} ({count}, {share} of all breaches).",
        lang,
        top=first["name"],
        count=int(first["breaches"]),
        share=i18n.pct(first["share_of_breaches_pct"], 1, lang),
    )
    return fig, table, summary


def suppliers_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return table_format.declare(
        pd.DataFrame(
            {
                i18n.t("Supplier", lang): frame["supplier_name"],
                i18n.t("Escalated tickets", lang): frame["escalated_tickets"].astype(int),
                i18n.t("Breaches", lang): frame["breaches"].astype(int),
                i18n.t("Breach rate", lang): frame["breach_rate_pct"].round(1),
            }
        ),
        pct=[i18n.t("Breach rate", lang)],
    )
