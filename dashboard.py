"""Entry point and router: page set-up, the global filters in the sidebar, and navigation."""

from pathlib import Path

import streamlit as st

from regie import i18n, ui

st.set_page_config(page_title="Regiedashboard", page_icon=":material/account_balance:", layout="wide")


def pages(lang: str) -> list[st.Page]:
    def page(script: str, title: str, icon: str, default: bool = False) -> st.Page:
        # The URL path must be the file name: see ui._ensure_router for why.
        return st.Page(script, title=i18n.t(title, lang), icon=icon, url_path=Path(script).stem, default=default)

    return [
        page("pages/overzicht.py", "page_overzicht", ":material/dashboard:", default=True),
        page("pages/dienstverlening.py", "page_dienstverlening", ":material/support_agent:"),
        page("pages/kosten.py", "page_kosten", ":material/euro:"),
        page("pages/leveranciers.py", "page_leveranciers", ":material/handshake:"),
        page("pages/samen.py", "page_samen", ":material/diversity_3:"),
        page("pages/gegevens.py", "page_gegevens", ":material/table:"),
        page("pages/vergadering.py", "page_vergadering", ":material/co_present:"),
    ]


if ui.mark_routed():
    # The first run of a fresh server, in Streamlit's legacy pages/ mode: switch to the page itself, with the
    # URL exactly as it came, before any widget exists (see ui.mark_routed).
    asked = st.query_params.get("taal", i18n.DEFAULT)
    start = st.navigation(pages(asked if asked in i18n.LANGUAGES else i18n.DEFAULT))
    st.switch_page(start, query_params=st.query_params.to_dict())

with ui.page_turn():  # the sidebar and the page, in turn with the other sessions of this process
    db = ui.start_run()
    filters = ui.sidebar(db)
    lang = filters.lang if filters else st.session_state.get("taal", i18n.DEFAULT)
    lang = lang if lang in i18n.LANGUAGES else i18n.DEFAULT
    # The page's language for screen readers (WCAG 3.1.1); Streamlit has no setting for it. A constant script.
    st.html(f"<script>document.documentElement.lang = '{lang}';</script>", unsafe_allow_javascript=True)

    current = st.navigation(pages(lang))
    ui.share_link(current.url_path, lang)
    current.run()
