"""Kosten: what IT costs, per member fairly compared, against budget, and under the cost key."""

import streamlit as st

from regie import costs, i18n, overview, ui
from regie.kpis import figures_of, member_average

db, f = ui.context()
lang, name, period = f.lang, f.names[f.home], f.period
first, until = ui.data_span(db)

st.title(i18n.t("page_kosten", lang))
st.subheader(i18n.t("overview_heading", lang, name=name, period=i18n.period_label(period, lang)))
st.caption(i18n.t("costs_intro", lang))

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
months = int(ui.bound_select(left, i18n.t("bucket", lang), [str(b) for b in costs.BUCKETS], "per", "3", ignored,
                             lambda b: i18n.t(f"bucket_{b}", lang)))  # fmt: skip
breakdown = ui.bound_select(right, i18n.t("breakdown", lang), ["cost_category", "route"], "naar", "cost_category",
                            ignored, lambda b: i18n.t(f"breakdown_{b}", lang))  # fmt: skip
if ignored:
    st.warning(i18n.t("ignored_params", lang, names=", ".join(ignored)))
start, end = costs.bucket_window(period, months, f.coverage)
members = i18n.t("chosen_members", lang, count=len(f.members)) if len(f.members) > 1 else name
spend = ui.run("spend_over_time", {"members": list(f.members), "start": start, "end": end, "months": months})
ui.chart(*costs.spend_over_time_chart(spend, months, end, breakdown, members, lang), "chart_spend", lang)

st.header(i18n.t("fair_comparison", lang))
per_year = ui.spend_per_member_year(first, until)
st.caption(i18n.t("complete_years_only", lang))
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
st.dataframe(costs.budget_table(budget, f.names, lang), hide_index=True, key="budget_table")

st.header(i18n.t("cost_key_section", lang, period=i18n.period_label(period, lang)))
keys = ui.run("cost_key_alternatives", period.params())
total = keys.loc[keys["cost_key"] == "agreed", "bill_eur"].sum()
st.caption(i18n.t("cost_key_intro", lang, total=i18n.eur(float(total), 2, lang)))
ui.chart(*costs.cost_key_chart(keys, f.home, f.names, lang), "chart_cost_key", lang)

with st.expander(i18n.t("definitions", lang)):
    for tile in tiles:
        st.markdown(f"**{tile.label}**: {tile.help}")
