"""Overzicht: the home member's headline figures against the comparison period and the members."""

import pandas as pd
import streamlit as st

from regie import charts, i18n, labels, overview, ui
from regie.kpis import figures_of, member_average

db, f = ui.context()
lang, name = f.lang, f.names[f.home]

st.title(i18n.t("Overview", lang))
st.subheader(i18n.t("{name}, {period}", lang, name=name, period=i18n.period_label(f.period, lang)))
current = ui.figures(f.period)  # one row per member that takes part in the period's year
before, count = i18n.period_label(f.comparison_period, lang), len(current)
if f.has_comparison:
    intro = i18n.t("Compared with {comparison} and with the average of the {count} member municipalities.", lang,
                   comparison=before, count=count)  # fmt: skip
else:
    intro = i18n.t("Compared with the average of the {count} member municipalities; there are no data for "
                   "{comparison}.", lang, comparison=before, count=count)  # fmt: skip
st.caption(intro)
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
    ("sla_resolution_pct", target, i18n.t("DVO target {value}", lang, value=i18n.pct(target, 0, lang))),
    ("satisfaction_mean", 7.0, i18n.t("DVO target {value}", lang, value="7")),
    ("spend_per_inhabitant_eur", None, ""),
    ("collective_share_pct", None, ""),
)
st.header(i18n.t("Trend over eight complete quarters", lang))
trend = overview.trend_table(ui.figures, f.home, f.period, [field for field, _, _ in TRENDS])
quarters = [i18n.short_period_label(p, lang) for p in trend["period"]]
average_label = i18n.t("Member average", lang)
columns = st.columns(2)
if trend.empty:  # the data hold no quarter that has ended by the period's end: no trend, not zeros
    st.info(i18n.t("No trend yet: the data hold no quarter that ended before the end of this period.", lang))
for index, (field, norm, norm_label) in enumerate(TRENDS if len(trend) else ()):
    kpi = labels.show(labels.KPIS, field, lang)
    values, averages = trend[field].tolist(), trend[f"{field}_average"].tolist()
    fig = charts.trend(
        quarters, {name: values, average_label: averages}, kpi, overview.UNITS[field], lang, norm, norm_label
    )
    shown = {"kpi": kpi, "name": name, "first": overview.show(field, values[0], lang), "first_period": quarters[0],
             "last": overview.show(field, values[-1], lang), "last_period": quarters[-1],
             "avg": overview.show(field, averages[-1], lang)}  # fmt: skip
    if len(quarters) > 1:
        summary = i18n.t("{kpi} of {name} went from {first} in {first_period} to {last} in {last_period}; member "
                         "average now {avg}.", lang, **shown)  # fmt: skip
    else:
        summary = i18n.t("{kpi} of {name} was {last} in {last_period}, the first quarter with data; member average "
                         "{avg}.", lang, **shown)  # fmt: skip
    table = pd.DataFrame({i18n.t("Quarter", lang): quarters, name: values, average_label: averages})
    table = overview.declared(table, field, [name, average_label])
    with columns[index % 2]:
        ui.chart(fig, table, summary, f"trend_{field}", lang)

ui.members_heading(f.period, len(current), lang)
shown = current.loc[[c for c in f.compared if c in current.index]]  # the members taking part in the year
member_names = [f.names[code] for code in shown.index]
columns = st.columns(2)
for index, (field, norm, norm_label) in enumerate((TRENDS[0], TRENDS[2])):
    kpi = labels.show(labels.KPIS, field, lang)
    values = shown[field].astype("float64").tolist()
    fig = charts.bars(member_names, values, kpi, overview.UNITS[field], lang, name, norm, norm_label)
    ranked = shown[field].astype("float64").dropna().sort_values()
    summary = i18n.t(
        "{kpi}: {name} {value}; highest {best_name} {best}, lowest {worst_name} {worst}.",
        lang,
        kpi=kpi,
        name=name,
        value=overview.show(field, shown[field].get(f.home), lang),
        best_name=f.names[ranked.index[-1]] if len(ranked) else "-",
        best=overview.show(field, ranked.iloc[-1] if len(ranked) else None, lang),
        worst_name=f.names[ranked.index[0]] if len(ranked) else "-",
        worst=overview.show(field, ranked.iloc[0] if len(ranked) else None, lang),
    )
    table = overview.declared(pd.DataFrame({i18n.t("Municipality", lang): member_names, kpi: values}), field, [kpi])
    with columns[index % 2]:
        ui.chart(fig, table, summary, f"members_{field}", lang)

with st.expander(i18n.t("Definitions", lang)):
    for tile in tiles:
        st.markdown(f"**{tile.label}**: {tile.help}")
