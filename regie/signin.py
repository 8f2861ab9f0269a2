"""Sign-in through Streamlit's OpenID Connect (st.login, st.user), and the session's scope.

Without an [auth] section in .streamlit/secrets.toml the dashboard is the open demo, with a
notice that says so; REGIE_REQUIRE_SIGNIN=yes refuses to serve it then. With [auth], a visitor
who has not signed in sees only the sign-in page, and a signed-in user whom no rule of the
access file matches sees only whom to ask.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from regie import access, i18n, labels, settings

PAGES_DIR = Path(__file__).resolve().parent.parent / "pages"

# After sign-in the provider sends the browser to / without its query string: the deep link is
# kept in the tab's sessionStorage before, and put back after. Constant scripts, no values in them.
_KEEP_LINK = (
    "<script>if (location.pathname !== '/' || location.search)"
    " sessionStorage.setItem('regie_link', location.pathname + location.search);</script>"
)
# A role's first page is its default and lives at /: its own name in a link would meet "page not
# found". DEFAULT stands for that page's file name (one of ours, never a value from outside).
_RESTORE_LINK = (
    "<script>const link = sessionStorage.getItem('regie_link'); sessionStorage.removeItem('regie_link');"
    " if (link && link.startsWith('/') && location.pathname === '/' && !location.search)"
    " location.replace(link.replace(/^\\/DEFAULT(?=[?]|$)/, '/'));</script>"
)


def auth_configured() -> bool:
    """Whether secrets.toml has an [auth] section (sign-in on)."""
    secrets = st.secrets
    return secrets.load_if_toml_exists() and bool(secrets.get("auth"))


def required_but_missing() -> str | None:
    """The message that refuses to serve, when sign-in is required and not configured; else None."""
    if settings.REQUIRE_SIGNIN.get().lower() in ("yes", "true", "1") and not auth_configured():
        return i18n.t(
            "Sign-in is required (REGIE_REQUIRE_SIGNIN=yes) but .streamlit/secrets.toml has no [auth] "
            "section: the dashboard is not served. See docs/deployment.md, Sign-in.",
            "en",
        )
    return None


def session_scope(lang: str) -> access.Scope:
    """This session's scope; stops the run with the sign-in page, a refusal or the no-access page."""
    if not auth_configured():
        missing = required_but_missing()
        if missing:
            st.error(missing)
            st.stop()
        return access.OPEN
    if not st.user.is_logged_in:

        def sign_in() -> None:
            st.html(_KEEP_LINK, unsafe_allow_javascript=True)
            st.title(i18n.t("Regiedashboard: sign in", lang))
            st.write(i18n.t("Sign in with your municipality's account. You will then see what your role allows.", lang))
            st.button(i18n.t("Sign in", lang), on_click=st.login, type="primary", key="signin")

        _alone(sign_in, lang)
    try:
        rules = access.load(settings.access_file())
    except access.AccessFileError as error:
        st.error(
            i18n.t(
                "The access file cannot be used; no one gets access until it is fixed. {detail}",
                lang,
                detail=str(error),
            )
        )
        st.button(i18n.t("Sign out", lang), on_click=st.logout, key="signout")
        st.stop()
    scope = rules.scope(st.user.to_dict())
    if scope is None:

        def no_access() -> None:
            st.title(i18n.t("No access", lang))
            st.write(
                i18n.t(
                    "You are signed in, but your account has no role in the Regiedashboard. Ask {contact} for access.",
                    lang,
                    contact=rules.contact or i18n.t("the dashboard's administrator", lang),
                )
            )
            st.button(i18n.t("Sign out", lang), on_click=st.logout, key="signout")

        _alone(no_access, lang)
    default = scope.pages()[0]  # a page's file name (letters only), safe in the script
    st.html(_RESTORE_LINK.replace("DEFAULT", default), unsafe_allow_javascript=True)
    return scope


def _alone(draw, lang: str) -> None:
    """Show `draw` instead of whatever page the link asked for, with no navigation, and end the
    run. Registered under every page's path, so that no link meets 'page not found'."""
    lang = lang if lang in i18n.LANGUAGES else i18n.DEFAULT
    # The page's language for screen readers (the router, which sets it otherwise, stops here).
    st.html(f"<script>document.documentElement.lang = '{lang}';</script>", unsafe_allow_javascript=True)
    # The default page lives at /; every page's own path (/overzicht too) is one of the others.
    paths = ["aanmelden", *sorted(Path(p).stem for p in PAGES_DIR.glob("*.py"))]
    title = i18n.t("Regiedashboard: sign in", lang)
    gate = [st.Page(draw, title=title, url_path=path, default=i == 0) for i, path in enumerate(paths)]
    st.navigation(gate, position="hidden").run()
    st.stop()


def account_box(scope: access.Scope, lang: str) -> None:
    """The sidebar's line on who is signed in (by role; the name only as the provider gave it), or the demo notice."""
    if not scope.signed_in:
        st.sidebar.caption(
            ":material/lock_open: " + i18n.t("Demo, no sign-in: anyone who reaches this server sees everything.", lang)
        )
        return
    name = st.user.get("name") or st.user.get("email") or ""
    st.sidebar.caption(
        i18n.t("Signed in: {name} ({role})", lang, name=name, role=labels.show(labels.ROLES, scope.role, lang))
    )
    st.sidebar.button(i18n.t("Sign out", lang), on_click=st.logout, key="signout")


def refuse_outside(scope: access.Scope, codes: list[str], names: dict[str, str], lang: str) -> None:
    """Stop the page with a clear refusal when it asks for a member the scope may not read."""
    outside = [c for c in dict.fromkeys(codes) if not scope.may_read(c)]
    if outside:
        allowed = ", ".join(names.get(c, c) for c in scope.members or ())
        shown = ", ".join(names.get(c, c) for c in outside)
        st.error(
            i18n.t(
                "No access to the data of {names}: your role gives the data of {allowed} and the "
                "published comparisons only. Nothing of those data is shown.",
                lang,
                names=shown,
                allowed=allowed,
            )
        )
        st.stop()
