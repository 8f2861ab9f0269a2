"""Overzicht: the home member's headline figures against the comparison period and the members."""

import pandas as pd
import streamlit as st

from regie import charts, i18n, overview, ui
from regie.kpis import figures_of, member_average

db, f = ui.context()
lang, name = f.lang, f.names[f.home]

st.title(i18n.t("page_overzicht", lang))
st.subheader(i18n.t("overview_heading", lang, name=name, period=i18n.period_label(f.period, lang)))
current = ui.figures(f.period)  # one row per member that takes part in the period's year
intro = "overview_intro" if f.has_comparison else "overview_intro_first"
st.caption(i18n.t(intro, lang, comparison=i18n.period_label(f.comparison_period, lang), count=len(current)))
tiles = overview.tiles(
    figures_of(current, f.home),
    f.comparison_figures(),
    member_average(current),
    f.comparison_label,
    lang,
    f.period.year,
)
ui.tile_grid(tiles)

target = ui.run("sla_target", {"on_date": f.period.start})["target_pct"].iloc[0]
target = None if pd.isna(target) else float(target)
TRENDS = (
    ("sla_resolution_pct", target, i18n.t("target", lang, value=i18n.pct(target, 0, lang))),
    ("satisfaction_mean", 7.0, i18n.t("target", lang, value="7")),
    ("spend_per_inhabitant_eur", None, ""),
    ("collective_share_pct", None, ""),
)
st.header(i18n.t("trends", lang))
trend = overview.trend_table(ui.figures, f.home, f.period, [field for field, _, _ in TRENDS])
labels = [i18n.short_period_label(p, lang) for p in trend["period"]]
average_label = i18n.t("member_average", lang)
columns = st.columns(2)
if trend.empty:  # the data hold no quarter that has ended by the period's end: no trend, not zeros
    st.info(i18n.t("trend_none", lang))
for index, (field, norm, norm_label) in enumerate(TRENDS if len(trend) else ()):
    kpi = i18n.t(field, lang)
    values, averages = trend[field].tolist(), trend[f"{field}_average"].tolist()
    fig = charts.trend(
        labels, {name: values, average_label: averages}, kpi, overview.UNITS[field], lang, norm, norm_label
    )
    summary = i18n.t(
        "summary_trend" if len(labels) > 1 else "summary_trend_one",
        lang,
        kpi=kpi,
        name=name,
        first=overview.show(field, values[0], lang),
        first_period=labels[0],
        last=overview.show(field, values[-1], lang),
        last_period=labels[-1],
        avg=overview.show(field, averages[-1], lang),
    )
    table = pd.DataFrame({i18n.t("quarter", lang): labels, name: values, average_label: averages})
    with columns[index % 2]:
        ui.chart(fig, table, summary, f"trend_{field}", lang)

st.header(i18n.t("members_side_by_side", lang, period=i18n.period_label(f.period, lang)))
st.caption(i18n.t("members_compared", lang, count=len(current), year=f.period.year))
shown = current.loc[[c for c in f.compared if c in current.index]]  # the members taking part in the year
member_names = [f.names[code] for code in shown.index]
columns = st.columns(2)
for index, (field, norm, norm_label) in enumerate((TRENDS[0], TRENDS[2])):
    kpi = i18n.t(field, lang)
    values = shown[field].astype("float64").tolist()
    fig = charts.bars(member_names, values, kpi, overview.UNITS[field], lang, name, norm, norm_label)
    ranked = shown[field].astype("float64").dropna().sort_values()
    summary = i18n.t(
        "summary_members",
        lang,
        kpi=kpi,
        name=name,
        value=overview.show(field, shown[field].get(f.home), lang),
        best_name=f.names[ranked.index[-1]] if len(ranked) else "-",
        best=overview.show(field, ranked.iloc[-1] if len(ranked) else None, lang),
        worst_name=f.names[ranked.index[0]] if len(ranked) else "-",
        worst=overview.show(field, ranked.iloc[0] if len(ranked) else None, lang),
    )
    table = pd.DataFrame({i18n.t("municipality", lang): member_names, kpi: values})
    with columns[index % 2]:
        ui.chart(fig, table, summary, f"members_{field}", lang)

with st.expander(i18n.t("definitions", lang)):
    for tile in tiles:
        st.markdown(f"**{tile.label}**: {tile.help}")
