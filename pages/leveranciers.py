"""Leveranciers en contracten: supplier scorecards, contract ceilings, the re-tendering pipeline."""

import streamlit as st

from regie import costs, i18n, ui

db, f = ui.context()
lang, name, period = f.lang, f.names[f.home], f.period
first, until = ui.data_span(db)
members = list(f.members)
ago = period.year_ago()

st.title(i18n.t("page_leveranciers", lang))
scope = i18n.t("chosen_members", lang, count=len(members)) if len(members) > 1 else name
st.subheader(i18n.t("overview_heading", lang, name=scope, period=i18n.period_label(period, lang)))
st.caption(i18n.t("suppliers_intro", lang))

scorecard = costs.scorecard(ui.run, members, period, f.coverage.covers(ago))
contracts = ui.run("contract_status", {"members": members, "until": until})
without = ui.run("spend_without_contract", {"members": members, **period.params()})
top5, top10 = costs.concentration(scorecard)
tiles = (
    (i18n.t("supplier_count", lang), i18n.number(int((scorecard["spend_eur"] != 0).sum()), 0, lang)),
    (i18n.t("top5_share", lang), i18n.pct(top5, 1, lang)),
    (i18n.t("top10_share", lang), i18n.pct(top10, 1, lang)),
    (i18n.t("without_contract_total", lang), i18n.eur(float(without["spend_eur"].sum()), 0, lang)),
    (i18n.t("ending_soon_count", lang), i18n.number(int(contracts["is_ending_soon"].fillna(False).sum()), 0, lang)),
)
for column, (label, value) in zip(st.columns(len(tiles)), tiles, strict=True):
    column.metric(label, value, border=True)

st.header(i18n.t("scorecard", lang, period=i18n.period_label(period, lang)))
ui.chart(*costs.suppliers_chart(scorecard, period, lang), "chart_suppliers", lang)

st.header(i18n.t("contracts_ceiling", lang))
ui.chart(*costs.ceiling_chart(contracts, lang), "chart_ceiling", lang)

st.header(i18n.t("ending_soon", lang))
soon = costs.ending_soon_table(contracts, f.names, lang)
if soon.empty:
    st.info(i18n.t("no_ending_soon", lang))
else:
    st.dataframe(soon, hide_index=True, key="ending_soon")

st.header(i18n.t("without_contract", lang, period=i18n.period_label(period, lang)))
st.dataframe(costs.without_contract_table(without, f.names, lang), hide_index=True, key="without_contract")
