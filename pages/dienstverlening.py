"""Dienstverlening: is the SSC delivering what the DVO promises, where not, and is it improving."""

import streamlit as st

from regie import i18n, labels, overview, service, table_format, ui
from regie.kpis import figures_of, member_average

db, f = ui.context()
lang, name, period = f.lang, f.names[f.home], f.period
NARROW = {"category": "categorie", "assignee_group": "groep"}  # filter -> URL key
for dimension, key in NARROW.items():  # a click on a breaches bar narrows the whole page
    ui.apply_click(f"chart_breaches_{dimension}", key)

st.title(i18n.t("Service quality", lang))
st.subheader(i18n.t("{name}, {period}", lang, name=name, period=i18n.period_label(period, lang)))
st.caption(
    i18n.t(
        "Whether the SSC delivers what the service agreement (DVO) promises. Monthly charts show "
        "the twelve months up to the end of the period.",
        lang,
    )
)
dims = ui.run("ticket_dimensions", {})
ignored: list[str] = []
narrow = {}
for column, (dimension, key) in zip(st.columns(2), NARROW.items(), strict=True):
    options = ["", *dims.loc[dims["dimension"] == dimension, "name"]]
    everything = i18n.t("All categories", lang) if dimension == "category" else i18n.t("All assignee groups", lang)
    chosen = ui.bound_select(
        column,
        labels.show(labels.DIMENSIONS, dimension, lang),
        options,
        key,
        "",
        ignored,
        lambda v, e=everything: v or e,
    )
    narrow[dimension] = chosen or None
if ignored:
    st.warning(i18n.t("Not applied from the link: {names}. The default was used.", lang, names=", ".join(ignored)))

current = ui.figures(period, **narrow)
mine = figures_of(current, f.home)
before = f.comparison_figures(**narrow)
tiles = overview.tiles(mine, before, member_average(current), f.comparison_label, lang, period.year, service.TILES)
ui.tile_grid(tiles)

window = service.month_window(period, f.coverage.first)
in_window = {"members": list(f.members), "start": window[0], "end": window[1], **narrow}
home_window = {**in_window, "members": [f.home]}
in_period = {"members": [f.home], **period.params(), **narrow}

st.header(i18n.t("DVO norm compliance", lang))
sla = ui.run("sla_by_month", in_window)
for column, measure in zip(st.columns(2), ("resolution", "response"), strict=True):
    with column:
        section = service.compliance_chart(sla, measure, window, list(f.members), f.names, f.home, lang)
        ui.chart(*section, f"chart_sla_{measure}", lang)
st.markdown("**" + i18n.t("By type and priority, {period}", lang, period=i18n.period_label(period, lang)) + "**")
in_months = sla[sla["month"].dt.date >= period.start] if len(sla) else sla
st.dataframe(
    table_format.styled(service.compliance_table(in_months, f.home, lang), lang),
    hide_index=True,
    key="compliance_table",
)
st.caption(
    i18n.t(
        "A month is green when its score is at or above the target. A month's target is the mean "
        "target of the norms that applied to its tickets (with one norm: that norm's target).",
        lang,
    )
)

st.header(i18n.t("Response and resolution times in service hours", lang))
left, right = st.columns(2)
with left:
    ui.chart(
        *service.times_chart(ui.run("service_times_by_month", home_window), window, name, lang), "chart_times", lang
    )
with right:
    distribution = ui.run("resolution_time_distribution", in_period)
    ui.chart(*service.distribution_chart(distribution, period, lang), "chart_distribution", lang)

st.header(i18n.t("Inflow, outflow and backlog", lang))
left, right = st.columns(2)
with left:
    ui.chart(*service.flow_chart(ui.run("ticket_flow_by_month", home_window), window, lang), "chart_flow", lang)
with right:
    ui.chart(*service.backlog_age_chart(mine, period, lang), "chart_backlog_age", lang)

st.header(i18n.t("Where it goes wrong", lang))
st.caption(i18n.t("Click a bar to narrow the whole page to that category or group.", lang))
for column, dimension in zip(st.columns(2), NARROW, strict=True):
    with column:
        found = ui.run("breaches_by", {**in_period, "dimension": dimension})
        section = service.breaches_chart(found, dimension, narrow[dimension], lang)
        ui.chart(*section, f"chart_breaches_{dimension}", lang, selectable=True)
st.markdown("**" + i18n.t("Escalated to suppliers", lang) + "**")
st.dataframe(
    table_format.styled(service.suppliers_table(ui.run("supplier_escalations", in_period), lang), lang),
    hide_index=True,
    key="suppliers",
)

ui.members_heading(period, len(current), lang)
st.markdown("**" + i18n.t("All members, with the member median", lang) + "**")
st.dataframe(
    table_format.styled(service.members_table(current, f.names, lang), lang), hide_index=True, key="members_table"
)

with st.expander(i18n.t("Definitions", lang)):
    for tile in tiles:
        st.markdown(f"**{tile.label}**: {tile.help}")
    st.markdown(
        i18n.t(
            "A month is green when its score is at or above the target. A month's target is the mean "
            "target of the norms that applied to its tickets (with one norm: that norm's target).",
            lang,
        )
    )
