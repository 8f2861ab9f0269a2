"""Leveranciers en contracten: supplier scorecards, contract ceilings, the re-tendering pipeline."""

import streamlit as st

from regie import costs, i18n, table_format, ui

db, f = ui.context()
lang, name, period = f.lang, f.names[f.home], f.period
first, until = ui.data_span(db)
members = list(f.members)
ago = period.year_ago()

st.title(i18n.t("Suppliers and contracts", lang))
scope = i18n.t("{count} chosen members", lang, count=len(members)) if len(members) > 1 else name
st.subheader(i18n.t("{name}, {period}", lang, name=scope, period=i18n.period_label(period, lang)))
st.caption(i18n.t("For the chosen members: their own invoices plus their part of what was billed to the SSC.", lang))

scorecard = costs.scorecard(ui.run, members, period, f.coverage.covers(ago))
contracts = ui.run("contract_status", {"members": members, "until": until})
without = ui.run("spend_without_contract", {"members": members, **period.params()})
top5, top10 = costs.concentration(scorecard)
tiles = (
    (i18n.t("Suppliers", lang), i18n.number(int((scorecard["spend_eur"] != 0).sum()), 0, lang)),
    (i18n.t("Top 5 share", lang), i18n.pct(top5, 1, lang)),
    (i18n.t("Top 10 share", lang), i18n.pct(top10, 1, lang)),
    (i18n.t("Without a contract", lang), i18n.eur(float(without["spend_eur"].sum()), 0, lang)),
    (
        i18n.t("Ending within 12 months", lang),
        i18n.number(int(contracts["is_ending_soon"].fillna(False).sum()), 0, lang),
    ),
)
for column, (label, value) in zip(st.columns(len(tiles)), tiles, strict=True):
    column.metric(label, value, border=True)

st.header(i18n.t("Suppliers, {period}", lang, period=i18n.period_label(period, lang)))
ui.chart(*costs.suppliers_chart(scorecard, period, lang), "chart_suppliers", lang)

st.header(i18n.t("Contracts with a ceiling", lang))
ui.chart(*costs.ceiling_chart(contracts, lang), "chart_ceiling", lang)

st.header(i18n.t("Ending within 12 months (re-tendering pipeline)", lang))
soon = costs.ending_soon_table(contracts, f.names, lang)
if soon.empty:
    st.info(i18n.t("No contracts end within 12 months.", lang))
else:
    st.dataframe(table_format.styled(soon, lang), hide_index=True, key="ending_soon")

st.header(i18n.t("Spend without a contract, {period}", lang, period=i18n.period_label(period, lang)))
st.dataframe(
    table_format.styled(costs.without_contract_table(without, f.names, lang), lang),
    hide_index=True,
    key="without_contract",
)
