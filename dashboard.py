"""Entry point and router: page set-up, the global filters in the sidebar, and navigation."""

from pathlib import Path

import streamlit as st

from regie import i18n, labels, signin, ui

st.set_page_config(page_title="Regiedashboard", page_icon=":material/account_balance:", layout="wide")


PAGES = [  # script, title (regie/labels.py), icon; the first is the default
    ("pages/overzicht.py", "overzicht", ":material/dashboard:"),
    ("pages/dienstverlening.py", "dienstverlening", ":material/support_agent:"),
    ("pages/kosten.py", "kosten", ":material/euro:"),
    ("pages/leveranciers.py", "leveranciers", ":material/handshake:"),
    ("pages/samen.py", "samen", ":material/diversity_3:"),
    ("pages/herijking.py", "herijking", ":material/tune:"),
    ("pages/gegevens.py", "gegevens", ":material/table:"),
    ("pages/vergadering.py", "vergadering", ":material/co_present:"),
    ("pages/beheer.py", "beheer", ":material/admin_panel_settings:"),
]


def pages(lang: str, shown: tuple[str, ...] | None = None) -> list[st.Page]:
    """The pages, or those in `shown` (file names: the pages a role sees), the first the default.
    The URL path must be the file name: see ui.ensure_routed for why."""
    chosen = [p for p in PAGES if shown is None or Path(p[0]).stem in shown]
    return [
        st.Page(
            script,
            title=labels.show(labels.PAGES, title, lang),
            icon=icon,
            url_path=Path(script).stem,
            default=number == 0,
        )
        for number, (script, title, icon) in enumerate(chosen)
    ]


if ui.mark_routed():
    # The first run of a fresh server, in Streamlit's legacy pages/ mode: switch to the page itself, with the
    # URL exactly as it came, before any widget exists (see ui.mark_routed).
    asked = st.query_params.get("taal", i18n.DEFAULT)
    start = st.navigation(pages(asked if asked in i18n.LANGUAGES else i18n.DEFAULT))
    st.switch_page(start, query_params=st.query_params.to_dict())

with ui.page_turn():  # the sidebar and the page, in turn with the other sessions of this process
    db = ui.start_run()
    scope = signin.session_scope(ui.session_lang())
    st.session_state["_scope"] = scope
    filters = ui.sidebar(db) if scope.role != "beheer" else None  # beheer sees no member's figures
    lang = filters.lang if filters else ui.session_lang()
    # The page's language for screen readers (WCAG 3.1.1); Streamlit has no setting for it. A constant script.
    st.html(f"<script>document.documentElement.lang = '{lang}';</script>", unsafe_allow_javascript=True)

    signin.account_box(scope, lang)
    current = st.navigation(pages(lang, scope.pages()))
    ui.share_link(current.url_path, lang)
    current.run()
