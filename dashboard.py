"""Entry point and router: page set-up, the global filters in the sidebar, and navigation."""

import streamlit as st

from regie import i18n, ui

st.set_page_config(page_title="Regiedashboard", page_icon=":material/account_balance:", layout="wide")

db = ui.database()
filters = ui.sidebar(db)
lang = filters.lang if filters else st.session_state.get("taal", i18n.DEFAULT)

pages = [
    st.Page("pages/overzicht.py", title=i18n.t("page_overzicht", lang), icon=":material/dashboard:",
            url_path="overzicht", default=True),
]
st.navigation(pages).run()
