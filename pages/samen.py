"""Samen doen: is doing it together paying off, and where is the policy not followed?"""

import streamlit as st

from regie import i18n, overview, together, ui
from regie.kpis import figures_of, figures_or_none, member_average
from regie.periods import Period

db, f = ui.context()
lang, name, period = f.lang, f.names[f.home], f.period
first, until = ui.data_span(db)
# The year so far: up to the data's end, whatever the period (stored once per data version).
year = f.coverage.clip(Period.parse(str(period.year)))
year_label = i18n.period_label(year, lang)
members = list(f.members)

st.title(i18n.t("page_samen", lang))
st.subheader(i18n.t("overview_heading", lang, name=name, period=i18n.period_label(period, lang)))
st.caption(i18n.t("together_intro", lang, year=year_label, period=i18n.period_label(period, lang)))

# The summary speaks of the year so far, its largest exception included; the list below of the period.
listed = ui.run("policy_exceptions", {"members": members, **period.params()})
exceptions = ui.run("policy_exceptions", {"members": [f.home], **year.params()})
this_year = figures_of(ui.figures(year), f.home)
last_year = figures_or_none(ui.figures(year.previous()), f.home)
st.info(f"**{i18n.t('aldermen_summary', lang)}**: "
        + together.summary_paragraph(name, year, this_year, last_year, exceptions, lang))  # fmt: skip

current = ui.figures(period)
fields = ("realized_savings_eur", "expected_savings_eur", "realization_pct", "collective_share_pct",
          "policy_exception_spend_eur")  # fmt: skip
mine, before = figures_of(current, f.home), f.comparison_figures()
tiles = overview.tiles(mine, before, member_average(current), f.comparison_label, lang, period.year, fields)
ui.tile_grid(tiles, per_row=3)

savings = ui.run("savings_by_initiative", {"members": members, "first": f.coverage.first, "until": until})
st.header(i18n.t("initiatives_section", lang, year=year_label))
ui.chart(*together.initiatives_chart(savings, f.home, name, year, lang), "chart_initiatives", lang)

st.header(i18n.t("cumulative_section", lang))
ui.chart(*together.cumulative_chart(savings, f.home, name, lang), "chart_cumulative", lang)
st.markdown(f"**{i18n.t('members_cumulative', lang)}**")
st.dataframe(together.members_cumulative_table(savings, f.names, lang), hide_index=True, key="members_cumulative")

st.header(i18n.t("check_section", lang, year=year_label))
st.caption(i18n.t("check_intro", lang))
check = ui.run("savings_check", {"members": members, "year": year.year, "until": until})
st.dataframe(together.check_table(check, f.names, lang), hide_index=True, key="savings_check")

st.header(i18n.t("collective_share_section", lang))
per_year = ui.spend_per_member_year(first, until)
if not per_year.empty:
    ui.chart(*together.collective_share_chart(per_year, f.home, f.names, lang), "chart_collective_share", lang)

st.header(i18n.t("exceptions_section", lang, period=i18n.period_label(period, lang)))
ui.chart(*together.exceptions_chart(listed, f.names, lang), "chart_exceptions", lang)

with st.expander(i18n.t("definitions", lang)):
    for tile in tiles:
        st.markdown(f"**{tile.label}**: {tile.help}")
