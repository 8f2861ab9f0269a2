"""Samen doen: is doing it together paying off, and where is the policy not followed?"""

import streamlit as st

from regie import i18n, overview, table_format, together, ui
from regie.kpis import figures_of, figures_or_none, member_average
from regie.periods import Period

db, f = ui.context()
lang, name, period = f.lang, f.names[f.home], f.period
first, until = ui.data_span(db)
# The year so far: up to the data's end, whatever the period (stored once per data version).
year = f.coverage.clip(Period.parse(str(period.year)))
year_label = i18n.period_label(year, lang)
members = list(f.members)

st.title(i18n.t("Together", lang))
st.subheader(i18n.t("{name}, {period}", lang, name=name, period=i18n.period_label(period, lang)))
st.caption(
    i18n.t(
        "The policy: do nothing alone when a joint arrangement exists. This page shows what that "
        "yields and where the policy is not followed. Savings are per year: the summary, the "
        "initiatives and the check against the invoices are about {year}; the tiles and the "
        "exceptions about {period}.",
        lang,
        year=year_label,
        period=i18n.period_label(period, lang),
    )
)

# The summary speaks of the year so far, its largest exception included; the list below of the period.
listed = ui.run("policy_exceptions", {"members": members, **period.params()})
exceptions = ui.run("policy_exceptions", {"members": [f.home], **year.params()})
this_year = figures_of(ui.figures(year), f.home)
last_year = figures_or_none(ui.figures(year.previous()), f.home)
check = ui.run("savings_check", {"members": members, "year": year.year, "until": until})
supported = together.provisional(check, f.home) if this_year.get("realized_savings_eur") is None else None
st.info(
    ("**" + i18n.t("Summary", lang) + "**: ")
    + together.summary_paragraph(name, year, this_year, last_year, exceptions, lang, supported)
)

current = ui.figures(period)
fields = ("realized_savings_eur", "expected_savings_eur", "realization_pct", "collective_share_pct",
          "policy_exception_spend_eur")  # fmt: skip
mine, before = figures_of(current, f.home), f.comparison_figures()
tiles = overview.tiles(mine, before, member_average(current), f.comparison_label, lang, period.year, fields)
ui.tile_grid(tiles, per_row=3)
if supported is not None and period.year == year.year:
    st.caption(together.provisional_text(year, supported, lang))

savings = ui.run("savings_by_initiative", {"members": members, "first": f.coverage.first, "until": until})
st.header(i18n.t("Savings per initiative, {year}", lang, year=year_label))
ui.chart(*together.initiatives_chart(savings, f.home, name, year, lang), "chart_initiatives", lang)

st.header(i18n.t("Accumulated over the years", lang))
ui.chart(*together.cumulative_chart(savings, f.home, name, lang), "chart_cumulative", lang)
st.markdown("**" + i18n.t("Per member and in total", lang) + "**")
st.dataframe(
    table_format.styled(together.members_cumulative_table(savings, f.names, lang), lang),
    hide_index=True,
    key="members_cumulative",
)

st.header(i18n.t("Checked against the invoices, {year}", lang, year=year_label))
st.caption(
    i18n.t(
        "For initiatives with a contract: the saving the invoices show (baseline minus the actual "
        "spend on the contract) against the claimed saving. Less than 95% covered is marked.",
        lang,
    )
)
st.dataframe(
    table_format.styled(together.check_table(check, f.names, lang), lang), hide_index=True, key="savings_check"
)

st.header(i18n.t("Collective share by year", lang))
per_year = ui.spend_per_member_year(first, until)
if not per_year.empty:
    ui.chart(*together.collective_share_chart(per_year, f.home, f.names, lang), "chart_collective_share", lang)

st.header(i18n.t("Exceptions to the policy, {period}", lang, period=i18n.period_label(period, lang)))
ui.chart(*together.exceptions_chart(listed, f.names, lang), "chart_exceptions", lang)

with st.expander(i18n.t("Definitions", lang)):
    for tile in tiles:
        st.markdown(f"**{tile.label}**: {tile.help}")
