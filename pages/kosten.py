"""Kosten: what IT costs, per member fairly compared, against budget, and under the cost key."""

import streamlit as st

from regie import costs, i18n, labels, overview, table_format, ui
from regie.kpis import figures_of, member_average

db, f = ui.context()
lang, name, period = f.lang, f.names[f.home], f.period
first, until = ui.data_span(db)

st.title(i18n.t("Costs", lang))
st.subheader(i18n.t("{name}, {period}", lang, name=name, period=i18n.period_label(period, lang)))
st.caption(
    i18n.t(
        "Spend excluding VAT, credit notes netted. Costs billed to the SSC are spread over the "
        "members by that year's agreed cost key and count as route SSC; rounding differences go "
        "to the members by the largest-remainder method, so the spread adds up to the cent.",
        lang,
    )
)

current = ui.figures(period)
fields = (
    "spend_eur",
    "spend_per_inhabitant_eur",
    "spend_per_workstation_eur",
    "budget_used_pct",
    "collective_share_pct",
)
mine, before = figures_of(current, f.home), f.comparison_figures()
tiles = overview.tiles(mine, before, member_average(current), f.comparison_label, lang, period.year, fields)
ui.tile_grid(tiles, per_row=3)

ignored: list[str] = []
left, right = st.columns(2)
months = int(ui.bound_select(left, i18n.t("Per", lang), [str(b) for b in costs.BUCKETS], "per", "3", ignored,
                             lambda b: labels.show(labels.BUCKETS, int(b), lang)))  # fmt: skip
breakdown = ui.bound_select(right, i18n.t("By", lang), ["cost_category", "route"], "naar", "cost_category",
                            ignored, lambda b: labels.show(labels.BREAKDOWNS, b, lang))  # fmt: skip
if ignored:
    st.warning(i18n.t("Not applied from the link: {names}. The default was used.", lang, names=", ".join(ignored)))
start, end = costs.bucket_window(period, months, f.coverage)
members = i18n.t("{count} chosen members", lang, count=len(f.members)) if len(f.members) > 1 else name
spend = ui.run("spend_over_time", {"members": list(f.members), "start": start, "end": end, "months": months})
ui.chart(*costs.spend_over_time_chart(spend, months, end, breakdown, members, lang), "chart_spend", lang)

st.header(i18n.t("A fair comparison: per inhabitant and per workstation", lang))
per_year = ui.spend_per_member_year(first, until)
st.caption(i18n.t("Complete years only.", lang))
if not per_year.empty:
    for column, key in zip(st.columns(2), ("per_inhabitant_eur", "per_workstation_eur"), strict=True):
        with column:
            ui.chart(*costs.fair_chart(per_year, key, f.home, f.names, lang), f"chart_{key}", lang)

heading, intro = costs.budget_heading(period.year, until, lang)
st.header(heading)
st.caption(intro)
budget = ui.run("budget_vs_actual", {"year": period.year, "until": until})
budget = budget[budget["municipality_code"].isin(f.members)]
ui.chart(*costs.budget_chart(budget, f.home, f.names, lang), "chart_budget", lang)
st.dataframe(table_format.styled(costs.budget_table(budget, f.names, lang), lang), hide_index=True, key="budget_table")

st.header(i18n.t("The cost key, {period}", lang, period=i18n.period_label(period, lang)))
keys = ui.run("cost_key_alternatives", period.params())
total = keys.loc[keys["cost_key"] == "agreed", "bill_eur"].sum()
st.caption(
    i18n.t(
        "The SSC's own costs ({total}) divided by the agreed key and three alternatives. Every "
        "division adds up to the cent.",
        lang,
        total=i18n.eur(float(total), 2, lang),
    )
)
ui.chart(*costs.cost_key_chart(keys, f.home, f.names, lang), "chart_cost_key", lang)

with st.expander(i18n.t("Definitions", lang)):
    for tile in tiles:
        st.markdown(f"**{tile.label}**: {tile.help}")
