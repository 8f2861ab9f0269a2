"""What the Samen doen page computes from its query results, apart from Streamlit.

Section builders return (figure, table, one-line summary), like regie/service.py.
"""

from __future__ import annotations

import pandas as pd

from regie import charts, i18n
from regie.costs import label, member_year_lines
from regie.periods import Period

LAGGING_BELOW_PCT = 90.0  # an initiative lags when it realised less than this share of what was expected


def _eur(value, lang: str) -> str:
    return i18n.eur(None if value is None or pd.isna(value) else float(value), 0, lang)


def summary_paragraph(
    name: str, year: Period, this: dict, last: dict | None, exceptions: pd.DataFrame, lang: str
) -> str:  # fmt: skip
    """One paragraph for aldermen: this year's savings (as far as the data cover it) against the same
    part of last year and the expectation, and the largest exception to the policy. `last` is None
    when the data do not cover last year; an unknown figure is never compared as 0."""
    year_label, last_label = i18n.period_label(year, lang), i18n.period_label(year.previous(), lang)
    before = None if last is None else last.get("realized_savings_eur")
    expected = _eur(this.get("expected_savings_eur"), lang)
    if this.get("realized_savings_eur") is None:
        text = i18n.t("summary_saved_unknown", lang, name=name, year=year_label, expected=expected)
        if before is not None:
            text += i18n.t("summary_last_year", lang, last_year=last_label, last=_eur(before, lang))
    else:
        realised = this["realized_savings_eur"]
        text = i18n.t("summary_saved", lang, year=year_label, name=name, realised=_eur(realised, lang))
        if before is None:
            text += i18n.t("summary_no_last_year", lang, last_year=last_label)
        else:
            more = i18n.t("more" if realised >= before else "less", lang)
            text += i18n.t("summary_against", lang, comparison=more, last_year=last_label, last=_eur(before, lang))
        text += i18n.t("summary_expected", lang, expected=expected, rate=i18n.pct(this.get("realization_pct"), 1, lang))
    if exceptions.empty:
        return text + i18n.t("summary_no_exception", lang)
    top = exceptions.iloc[0]
    return text + i18n.t(
        "summary_exception", lang, amount=_eur(top["spend_eur"], lang),
        category=label("cost_category", top["cost_category"], lang), supplier=top["supplier_name"],
    )  # fmt: skip


def initiatives_chart(savings: pd.DataFrame, code: str, name: str, year: Period, lang: str):
    """Expected against realised per initiative for one member and year (as far as the data cover
    it: savings_by_initiative prorates a cut year); hard savings apart from cost avoidance."""
    rows = savings[(savings["municipality_code"] == code) & (savings["year"] == year.year)]
    rows = rows.sort_values("expected_savings_eur", ascending=False)
    names = rows["initiative"].tolist()
    traces = [
        {"type": "bar", "x": names, "y": rows["expected_savings_eur"].tolist(), "name": i18n.t("expected", lang),
         "marker": {"color": charts.GREY}},
        {"type": "bar", "x": names, "y": rows["realized_savings_eur"].tolist(), "name": i18n.t("realised", lang),
         "marker": {"color": charts.BLUE, "pattern": {"shape": ["." if k == "cost_avoidance" else ""
                                                                for k in rows["kind"]]}}},
    ]  # fmt: skip
    spec = charts.base_layout(
        i18n.t("initiatives_chart", lang, name=name, year=i18n.period_label(year, lang)), "eur", lang, height=380
    )
    fig = charts.figure(traces, {**spec, "barmode": "group"})
    table = pd.DataFrame(
        {
            i18n.t("initiative", lang): names,
            i18n.t("route", lang): [label("route", r, lang) for r in rows["route"]],
            i18n.t("kind", lang): [i18n.t(f"kind_{k}", lang) for k in rows["kind"]],
            i18n.t("expected", lang): rows["expected_savings_eur"].round(2).tolist(),
            i18n.t("realised", lang): rows["realized_savings_eur"].round(2).tolist(),
            i18n.t("realization_pct", lang): rows["realization_pct"].round(1).tolist(),
        }
    )
    if rows.empty:
        return fig, table, i18n.t("verdict_no_value", lang)
    known = rows["realized_savings_eur"].notna()
    amounts = rows["realized_savings_eur"].where(known, rows["expected_savings_eur"])
    by_kind = amounts.groupby(rows["kind"]).sum()
    summary = i18n.t(
        "summary_initiatives", lang, top=names[0], amount=_eur(amounts.iloc[0], lang),
        hard=_eur(by_kind.get("hard_saving", 0.0), lang), avoided=_eur(by_kind.get("cost_avoidance", 0.0), lang),
    )  # fmt: skip
    return fig, table, summary


def cumulative(savings: pd.DataFrame) -> pd.DataFrame:
    """Per initiative and member over the years whose realisation is known: expected, realised, gap, rate."""
    known = savings[savings["realized_savings_eur"].notna()]
    sums = known.groupby(["initiative_id", "initiative", "municipality_code"], as_index=False)[
        ["expected_savings_eur", "realized_savings_eur"]
    ].sum()
    sums["gap_eur"] = sums["expected_savings_eur"] - sums["realized_savings_eur"]
    sums["realization_pct"] = 100 * sums["realized_savings_eur"] / sums["expected_savings_eur"]
    sums["is_lagging"] = sums["realization_pct"] < LAGGING_BELOW_PCT
    return sums


def cumulative_chart(savings: pd.DataFrame, code: str, name: str, lang: str):
    """Realised against expected, accumulated over the known years, for one member; lagging initiatives named."""
    mine = savings[(savings["municipality_code"] == code) & savings["realized_savings_eur"].notna()]
    per_year = mine.groupby("year")[["expected_savings_eur", "realized_savings_eur"]].sum().cumsum()
    x = [str(y) for y in per_year.index]
    series = {
        i18n.t("realised", lang): per_year["realized_savings_eur"].tolist(),
        i18n.t("expected", lang): per_year["expected_savings_eur"].tolist(),
    }
    fig = charts.trend(x, series, i18n.t("cumulative_chart", lang, name=name), "eur", lang)
    fig.update_yaxes(rangemode="tozero", range=None)
    sums = cumulative(mine)
    table = pd.DataFrame(
        {
            i18n.t("initiative", lang): sums["initiative"],
            i18n.t("expected", lang): sums["expected_savings_eur"].round(2),
            i18n.t("realised", lang): sums["realized_savings_eur"].round(2),
            i18n.t("gap", lang): sums["gap_eur"].round(2),
            i18n.t("realization_pct", lang): sums["realization_pct"].round(1),
            i18n.t("status", lang): [i18n.t("lagging" if f else "on_track", lang) for f in sums["is_lagging"]],
        }
    )
    if per_year.empty:
        return fig, table, i18n.t("verdict_no_value", lang)
    realised = per_year["realized_savings_eur"].iloc[-1]
    summary = i18n.t(
        "summary_cumulative", lang, first=x[0], name=name, realised=_eur(realised, lang),
        expected=_eur(per_year["expected_savings_eur"].iloc[-1], lang), count=int(sums["is_lagging"].sum()),
    )  # fmt: skip
    return fig, table, summary


def members_cumulative_table(savings: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    sums = cumulative(savings).groupby("municipality_code")[["expected_savings_eur", "realized_savings_eur"]].sum()
    sums.loc["*"] = sums.sum()
    return pd.DataFrame(
        {
            i18n.t("municipality", lang): [i18n.t("total", lang) if c == "*" else names.get(c, c) for c in sums.index],
            i18n.t("expected", lang): sums["expected_savings_eur"].round(2).tolist(),
            i18n.t("realised", lang): sums["realized_savings_eur"].round(2).tolist(),
            i18n.t("gap", lang): (sums["expected_savings_eur"] - sums["realized_savings_eur"]).round(2).tolist(),
            i18n.t("realization_pct", lang): (100 * sums["realized_savings_eur"] / sums["expected_savings_eur"])
            .round(1)
            .tolist(),
        }
    )


def check_table(check: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    status = [
        i18n.t("not_known_yet", lang) if pd.isna(r) else i18n.t("unsupported" if u else "supported_ok", lang)
        for r, u in zip(check["realized_savings_eur"], check["is_unsupported"], strict=True)
    ]
    return pd.DataFrame(
        {
            i18n.t("municipality", lang): [names.get(c, c) for c in check["municipality_code"]],
            i18n.t("initiative", lang): check["initiative"],
            i18n.t("contract", lang): check["contract_id"],
            i18n.t("baseline", lang): check["baseline_eur"].round(2),
            i18n.t("actual_spend", lang): check["actual_spend_eur"].round(2),
            i18n.t("supported", lang): check["supported_savings_eur"].round(2),
            i18n.t("claimed", lang): check["realized_savings_eur"].round(2),
            i18n.t("status", lang): status,
        }
    )


def collective_share_chart(per_year: pd.DataFrame, home: str, names: dict[str, str], lang: str):
    """Share of spend through collective and SSC routes per member and year."""
    frame = per_year.assign(
        share=100 * (per_year["spend_ssc_eur"] + per_year["spend_collective_eur"]) / per_year["spend_eur"]
    )
    title = i18n.t("collective_share_chart", lang)
    fig, years, pivot, median = member_year_lines(frame, "share", home, names, title, "pct", lang)
    table = pivot.rename(columns=names).round(1)
    table[i18n.t("member_median", lang)] = median.round(1)
    table = table.reset_index().rename(columns={"year": i18n.t("year", lang)})
    last = years[-1]
    summary = i18n.t(
        "summary_collective_share", lang, year=last, value=i18n.pct(pivot.at[last, home], 1, lang), name=names[home],
        median=i18n.pct(median[last], 1, lang),
    )  # fmt: skip
    return fig, table, summary


def exceptions_chart(exceptions: pd.DataFrame, names: dict[str, str], lang: str):
    """The largest exceptions to the policy, per member, cost category and supplier."""
    labels = [
        f"{names.get(r.municipality_code, r.municipality_code)}: {label('cost_category', r.cost_category, lang)}, "
        f"{r.supplier_name}"
        for r in exceptions.itertuples()
    ]
    top = exceptions.head(10)
    fig = charts.bars(
        labels[:10], top["spend_eur"].tolist(), i18n.t("exceptions_chart", lang), "eur", lang, horizontal=True
    )
    table = pd.DataFrame(
        {
            i18n.t("municipality", lang): [names.get(c, c) for c in exceptions["municipality_code"]],
            i18n.t("cost_category_label", lang): [label("cost_category", c, lang) for c in exceptions["cost_category"]],
            i18n.t("supplier", lang): exceptions["supplier_name"],
            i18n.t("spend_eur", lang): exceptions["spend_eur"].round(2),
            i18n.t("lines", lang): exceptions["lines"].astype(int),
        }
    )
    if exceptions.empty:
        return fig, table, i18n.t("no_exceptions", lang)
    summary = i18n.t(
        "summary_exceptions", lang, count=len(exceptions), total=_eur(exceptions["spend_eur"].sum(), lang),
        top=labels[0], amount=_eur(exceptions["spend_eur"].iloc[0], lang),
    )  # fmt: skip
    return fig, table, summary
