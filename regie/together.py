"""What the Samen doen page computes from its query results, apart from Streamlit.

Section builders return (figure, table, one-line summary), like regie/service.py.
"""

from __future__ import annotations

import pandas as pd

from regie import charts, i18n, labels, table_format
from regie.costs import label, member_year_lines
from regie.periods import Period

LAGGING_BELOW_PCT = 90.0  # an initiative lags when it realised less than this share of what was expected


def _eur(value, lang: str) -> str:
    return i18n.eur(None if value is None or pd.isna(value) else float(value), 0, lang)


def provisional(check: pd.DataFrame, code: str) -> float | None:
    """The member's savings so far as the invoices support them: the invoice check's supported saving
    (savings_check.sql, prorated to the covered days) summed over its initiatives with a contract;
    None when none has a contract (then the invoices say nothing)."""
    own = check[check["municipality_code"] == code]
    return None if own.empty else float(own["supported_savings_eur"].sum())


def provisional_text(year: Period, amount: float, lang: str) -> str:
    """The provisional figure, marked as such, with how far the invoices go."""
    return i18n.t(
        "Provisional: the invoices up to {date} support {amount} of savings on the initiatives with a contract.",
        lang, date=i18n.long_date(year.last_day, lang), amount=_eur(amount, lang),
    )  # fmt: skip


def summary_paragraph(
    name: str, year: Period, this: dict, last: dict | None, exceptions: pd.DataFrame, lang: str,
    supported: float | None = None,
) -> str:  # fmt: skip
    """One paragraph for aldermen: this year's savings (as far as the data cover it) against the same
    part of last year and the expectation, and the largest exception to the policy. `last` is None
    when the data do not cover last year; an unknown figure is never compared as 0. While the year's
    realised savings are not known, `supported` (see `provisional`) is given as a provisional figure."""
    year_label, last_label = i18n.period_label(year, lang), i18n.period_label(year.previous(), lang)
    before = None if last is None else last.get("realized_savings_eur")
    values = {"name": name, "year": year_label, "last_year": last_label, "last": _eur(before, lang),
              "expected": _eur(this.get("expected_savings_eur"), lang),
              "rate": i18n.pct(this.get("realization_pct"), 1, lang)}  # fmt: skip
    realised = this.get("realized_savings_eur")
    if realised is None:
        sentences = [
            i18n.t("The savings of {name} for {year} are not known yet; {expected} is expected.", lang, **values)
        ]
        if supported is not None:
            sentences.append(provisional_text(year, supported, lang))
        if before is not None:
            sentences.append(i18n.t("In {last_year}, the realised savings were {last}.", lang, **values))
    else:
        values["realised"] = _eur(realised, lang)
        if before is None:
            first = i18n.t("In {year}, {name} saved {realised} by working together; there are no data for {last_year}.",
                           lang, **values)  # fmt: skip
        elif realised >= before:
            first = i18n.t("In {year}, {name} saved {realised} by working together, more than in {last_year} ({last}).",
                           lang, **values)  # fmt: skip
        else:
            first = i18n.t("In {year}, {name} saved {realised} by working together, less than in {last_year} ({last}).",
                           lang, **values)  # fmt: skip
        sentences = [first, i18n.t("{expected} was expected; {rate} of it was realised.", lang, **values)]
    if exceptions.empty:
        sentences.append(i18n.t("There are no exceptions to the policy.", lang))
    else:
        top = exceptions.iloc[0]
        sentences.append(i18n.t(
            "The largest exception to the policy is {amount} of own purchasing of {category} from {supplier}, while a "
            "joint contract exists for it.", lang, amount=_eur(top["spend_eur"], lang),
            category=label("cost_category", top["cost_category"], lang), supplier=top["supplier_name"],
        ))  # fmt: skip
    return " ".join(sentences)


def initiatives_chart(savings: pd.DataFrame, code: str, name: str, year: Period, lang: str):
    """Expected against realised per initiative for one member and year (as far as the data cover
    it: savings_by_initiative prorates a cut year); hard savings apart from cost avoidance."""
    rows = savings[(savings["municipality_code"] == code) & (savings["year"] == year.year)]
    rows = rows.sort_values("expected_savings_eur", ascending=False)
    names = rows["initiative"].tolist()
    traces = [
        {"type": "bar", "x": names, "y": rows["expected_savings_eur"].tolist(), "name": i18n.t("Expected", lang),
         "marker": {"color": charts.GREY}},
        {"type": "bar", "x": names, "y": rows["realized_savings_eur"].tolist(), "name": i18n.t("Realised", lang),
         "marker": {"color": charts.BLUE, "pattern": {"shape": ["." if k == "cost_avoidance" else ""
                                                                for k in rows["kind"]]}}},
    ]  # fmt: skip
    unknown = [n for n, r in zip(names, rows["realized_savings_eur"], strict=True) if pd.isna(r)]
    if unknown:  # no bar would read as nothing saved: say it is not known yet
        traces.append({"type": "scatter", "mode": "text", "x": unknown, "y": [0.0] * len(unknown),
                       "text": [i18n.t("n/a", lang)] * len(unknown), "textposition": "top center",
                       "showlegend": False, "hoverinfo": "skip", "cliponaxis": False})  # fmt: skip
    spec = charts.base_layout(
        i18n.t(
            "Expected and realised per initiative, {name} {year}", lang, name=name, year=i18n.period_label(year, lang)
        ),
        "eur",
        lang,
        height=380,
    )
    fig = charts.figure(traces, {**spec, "barmode": "group"})
    table = table_format.declare(
        pd.DataFrame(
            {
                i18n.t("Initiative", lang): names,
                i18n.t("Route", lang): [label("route", r, lang) for r in rows["route"]],
                i18n.t("Kind of saving", lang): [labels.show(labels.SAVING_KINDS, k, lang) for k in rows["kind"]],
                i18n.t("Expected", lang): rows["expected_savings_eur"].round(2).tolist(),
                i18n.t("Realised", lang): rows["realized_savings_eur"].round(2).tolist(),
                i18n.t("Realisation rate", lang): rows["realization_pct"].round(1).tolist(),
            }
        ),
        eur=[i18n.t("Expected", lang), i18n.t("Realised", lang)],
        pct=[i18n.t("Realisation rate", lang)],
        missing={i18n.t("Realised", lang): i18n.N_("not known yet")},
    )
    if rows.empty:
        return fig, table, i18n.t("No value for this period.", lang)
    known = rows["realized_savings_eur"].notna()
    amounts = rows["realized_savings_eur"].where(known, rows["expected_savings_eur"])
    by_kind = amounts.groupby(rows["kind"]).sum()
    summary = i18n.t(
        "Largest item: {top} ({amount}). Hard savings {hard}, cost avoidance {avoided} (realised, "
        "or expected where not known yet).",
        lang,
        top=names[0],
        amount=_eur(amounts.iloc[0], lang),
        hard=_eur(by_kind.get("hard_saving", 0.0), lang),
        avoided=_eur(by_kind.get("cost_avoidance", 0.0), lang),
    )
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
        i18n.t("Realised", lang): per_year["realized_savings_eur"].tolist(),
        i18n.t("Expected", lang): per_year["expected_savings_eur"].tolist(),
    }
    fig = charts.trend(x, series, i18n.t("Cumulative savings, {name}", lang, name=name), "eur", lang, zero_based=True)
    sums = cumulative(mine)
    table = table_format.declare(
        pd.DataFrame(
            {
                i18n.t("Initiative", lang): sums["initiative"],
                i18n.t("Expected", lang): sums["expected_savings_eur"].round(2),
                i18n.t("Realised", lang): sums["realized_savings_eur"].round(2),
                i18n.t("Gap", lang): sums["gap_eur"].round(2),
                i18n.t("Realisation rate", lang): sums["realization_pct"].round(1),
                i18n.t("Assessment", lang): [
                    (i18n.t("LAGGING", lang) if f else i18n.t("on track", lang)) for f in sums["is_lagging"]
                ],
            }
        ),
        eur=[i18n.t("Expected", lang), i18n.t("Realised", lang), i18n.t("Gap", lang)],
        pct=[i18n.t("Realisation rate", lang)],
    )
    if per_year.empty:
        return fig, table, i18n.t("No value for this period.", lang)
    realised = per_year["realized_savings_eur"].iloc[-1]
    summary = i18n.tn(
        "Since {first}, {name} saved {realised} against {expected} expected; 1 initiative is lagging.",
        "Since {first}, {name} saved {realised} against {expected} expected; {count} initiatives are lagging.",
        lang,
        first=x[0],
        name=name,
        realised=_eur(realised, lang),
        expected=_eur(per_year["expected_savings_eur"].iloc[-1], lang),
        count=int(sums["is_lagging"].sum()),
    )
    return fig, table, summary


def members_cumulative_table(savings: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    sums = cumulative(savings).groupby("municipality_code")[["expected_savings_eur", "realized_savings_eur"]].sum()
    sums.loc["*"] = sums.sum()
    return table_format.declare(
        pd.DataFrame(
            {
                i18n.t("Municipality", lang): [
                    i18n.t("Total", lang) if c == "*" else names.get(c, c) for c in sums.index
                ],
                i18n.t("Expected", lang): sums["expected_savings_eur"].round(2).tolist(),
                i18n.t("Realised", lang): sums["realized_savings_eur"].round(2).tolist(),
                i18n.t("Gap", lang): (sums["expected_savings_eur"] - sums["realized_savings_eur"]).round(2).tolist(),
                i18n.t("Realisation rate", lang): (100 * sums["realized_savings_eur"] / sums["expected_savings_eur"])
                .round(1)
                .tolist(),
            }
        ),
        eur=[i18n.t("Expected", lang), i18n.t("Realised", lang), i18n.t("Gap", lang)],
        pct=[i18n.t("Realisation rate", lang)],
    )


def check_table(check: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    status = [
        i18n.t("not known yet", lang)
        if pd.isna(r)
        else (i18n.t("NOT SUPPORTED", lang) if u else i18n.t("supported", lang))
        for r, u in zip(check["realized_savings_eur"], check["is_unsupported"], strict=True)
    ]
    return table_format.declare(
        pd.DataFrame(
            {
                i18n.t("Municipality", lang): [names.get(c, c) for c in check["municipality_code"]],
                i18n.t("Initiative", lang): check["initiative"],
                i18n.t("Contract", lang): check["contract_id"],
                i18n.t("Baseline", lang): check["baseline_eur"].round(2),
                i18n.t("Actual contract spend", lang): check["actual_spend_eur"].round(2),
                i18n.t("Supported by invoices", lang): check["supported_savings_eur"].round(2),
                i18n.t("Claimed saving", lang): check["realized_savings_eur"].round(2),
                i18n.t("Assessment", lang): status,
            }
        ),
        eur=[
            i18n.t("Baseline", lang),
            i18n.t("Actual contract spend", lang),
            i18n.t("Supported by invoices", lang),
            i18n.t("Claimed saving", lang),
        ],
        missing={i18n.t("Claimed saving", lang): i18n.N_("not known yet")},
    )


def collective_share_chart(per_year: pd.DataFrame, home: str, names: dict[str, str], lang: str):
    """Share of spend through collective and SSC routes per member and year."""
    frame = per_year.assign(
        share=100 * (per_year["spend_ssc_eur"] + per_year["spend_collective_eur"]) / per_year["spend_eur"]
    )
    title = i18n.t("Share through collective and SSC routes", lang)
    fig, years, pivot, median = member_year_lines(frame, "share", home, names, title, "pct", lang)
    table = pivot.rename(columns=names).round(1)
    table[i18n.t("Member median", lang)] = median.round(1)
    table_format.declare(table, pct=list(table.columns))
    table = table.reset_index().rename(columns={"year": i18n.t("Year", lang)})
    last = years[-1]
    summary = i18n.t(
        "In {year}, {value} of {name}'s IT spend went through collective and SSC routes; member median {median}.",
        lang,
        year=last,
        value=i18n.pct(pivot.at[last, home], 1, lang),
        name=names[home],
        median=i18n.pct(median[last], 1, lang),
    )
    return fig, table, summary


def exceptions_chart(exceptions: pd.DataFrame, names: dict[str, str], lang: str):
    """The largest exceptions to the policy, per member, cost category and supplier."""
    ticks = [
        f"{names.get(r.municipality_code, r.municipality_code)}: {label('cost_category', r.cost_category, lang)}, "
        f"{r.supplier_name}"
        for r in exceptions.itertuples()
    ]
    top = exceptions.head(10)
    fig = charts.bars(
        ticks[:10], top["spend_eur"].tolist(), i18n.t("Largest exceptions", lang), "eur", lang, horizontal=True
    )
    table = table_format.declare(
        pd.DataFrame(
            {
                i18n.t("Municipality", lang): [names.get(c, c) for c in exceptions["municipality_code"]],
                i18n.t("Cost category", lang): [label("cost_category", c, lang) for c in exceptions["cost_category"]],
                i18n.t("Supplier", lang): exceptions["supplier_name"],
                i18n.t("IT spend", lang): exceptions["spend_eur"].round(2),
                i18n.t("Invoice lines", lang): exceptions["lines"].astype(int),
            }
        ),
        eur=[i18n.t("IT spend", lang)],
    )
    if exceptions.empty:
        return fig, table, i18n.t("No exceptions in this period.", lang)
    summary = i18n.tn(
        "1 exception: {top} ({amount}).",
        "{count} exceptions, {total} together; the largest: {top} ({amount}).",
        lang,
        count=len(exceptions),
        total=_eur(exceptions["spend_eur"].sum(), lang),
        top=ticks[0],
        amount=_eur(exceptions["spend_eur"].iloc[0], lang),
    )
    return fig, table, summary
