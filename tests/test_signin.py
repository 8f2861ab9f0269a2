"""Sign-in in AppTest: what each role sees on every page, the refusals, and the audit log."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from regie import audit
from tests.test_access import ACCESS
from tests.test_app import DASHBOARD, PAGES, started

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-secret", "client_id": "regie",
    "client_secret": "s", "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}  # fmt: skip
KLEIDAM = {"is_logged_in": True, "sub": "sub-kleidam", "email": "ambtenaar@kleidam.nl", "name": "A. Ambtenaar"}
BOARD = {"is_logged_in": True, "sub": "sub-board", "roles": ["Regie.Bestuur"], "email": "b@turfbrug.nl"}
ADMIN = {"is_logged_in": True, "sub": "sub-admin", "roles": ["Regie.Beheer"]}


@pytest.fixture
def signed(demo_dir, tmp_path, monkeypatch):
    """The app with sign-in on, for a user with `claims` (None: not signed in)."""
    monkeypatch.setenv("REGIE_DATA_DIR", str(demo_dir))
    (tmp_path / "access.toml").write_text(ACCESS, encoding="utf-8")
    monkeypatch.setenv("REGIE_ACCESS_FILE", str(tmp_path / "access.toml"))

    def start(claims, page=None, **params):
        def sign(at):
            at.secrets["auth"] = AUTH
            at.user = claims if claims is not None else {"is_logged_in": False}

        return started(page, sign, **params)

    return start


def texts(at) -> str:
    return " ".join(str(e.value) for kind in ("title", "markdown", "error", "caption") for e in at.get(kind))


def test_a_visitor_who_has_not_signed_in_sees_only_the_sign_in_page(signed):
    at = signed(None)
    assert [t.value for t in at.title] == ["Regiedashboard: aanmelden"]
    assert [b.label for b in at.button] == ["Aanmelden"]
    assert not at.sidebar.selectbox and not at.get("plotly_chart") and not at.dataframe and not at.metric


def test_a_user_whom_no_rule_matches_sees_whom_to_ask(signed):
    at = signed({"is_logged_in": True, "sub": "sub-x", "email": "iemand@elders.nl"})
    assert [t.value for t in at.title] == ["Geen toegang"]
    assert "het team Regie, regie@turfbrug.nl" in texts(at)
    assert not at.sidebar.selectbox and not at.get("plotly_chart") and not at.dataframe


def test_a_member_official_has_their_own_municipality_as_home(signed):
    at = signed(KLEIDAM)
    assert at.sidebar.selectbox(key="gemeente").options == ["Kleidam"]
    assert len(at.sidebar.multiselect(key="leden").options) == 6  # the others, in the published comparisons
    assert "Aangemeld: A. Ambtenaar (lid)" in texts(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/beheer.py")


@pytest.mark.parametrize("page", PAGES)
def test_a_member_official_sees_every_data_page_of_their_own_municipality(signed, page):
    at = signed(KLEIDAM, page)
    assert not at.error


def test_a_member_official_gets_only_their_own_rows_and_cannot_import(signed):
    at = signed(KLEIDAM, "pages/gegevens.py", tabel="invoices")
    shown = at.dataframe[0].value  # the preview
    assert set(shown["municipality_code"]) <= {"GM9003", "SSC"} and "GM9003" in set(shown["municipality_code"])
    assert not at.get("file_uploader")


@pytest.mark.parametrize(
    ("page", "params"),
    [("pages/gegevens.py", {"tabel": "invoices", "leden": "GM9001"}), (None, {"gemeente": "GM9002"}),
     ("pages/vergadering.py", {"lid": "GM9001"}), ("pages/vergadering.py", {"lid": "alle"})],
)  # fmt: skip
def test_a_link_that_asks_for_another_member_s_rows_is_refused_and_shows_nothing(signed, page, params):
    at = signed(KLEIDAM, page, **params)
    [error] = at.error
    assert error.value.startswith("Geen toegang tot de gegevens van ")
    assert not at.dataframe and not at.get("plotly_chart") and not at.metric


@pytest.mark.parametrize("page", [*PAGES, "pages/vergadering.py"])
def test_a_board_member_sees_every_page_and_member(signed, page):
    at = signed(BOARD, page)
    assert not at.error


def test_a_member_s_detail_is_its_own_while_the_comparisons_show_every_member(signed):
    at = signed(KLEIDAM)
    filters = at.session_state["_filters"]
    assert filters.members == ("GM9003",) and len(filters.compared) == 6
    assert "members_sla_resolution_pct" in {c.key for c in at.get("plotly_chart")}  # the members side by side
    names = {"Turfbrug", "Veenhoven", "Kleidam", "Zandwijk", "Beekveld", "Heidemond"}
    assert any(set(d.value.iloc[:, 0]) == names for d in at.dataframe)  # its table: every member
    at.switch_page("pages/kosten.py").run()
    budgets = [d.value for d in at.dataframe if {"Begroting (€)", "Gemeente"} <= set(d.value.columns)]
    assert budgets and all(set(b["Gemeente"]) == {"Kleidam"} for b in budgets)  # no others' rows as "geen begroting"


def test_a_board_member_may_choose_any_member_as_home(signed):
    assert len(signed(BOARD).sidebar.selectbox(key="gemeente").options) == 6


def test_beheer_sees_imports_undo_and_the_audit_log_and_no_figures(signed, demo_dir):
    audit.record(demo_dir, audit.Scope("lid", "sub-kleidam"), "download", "invoices 2026-Q3 csv", ["GM9003"])
    try:
        at = signed(ADMIN)
        assert [t.value for t in at.title] == ["Beheer"]
        assert at.get("file_uploader") and not at.get("plotly_chart") and not at.metric
        log, rules = (d.value for d in at.dataframe)  # the audit log, the access file's rules
        assert list(log.iloc[0])[1:] == ["sub-kleidam", "lid", "download", "invoices 2026-Q3 csv", "GM9003"]
        assert list(rules.iloc[1]) == ["email", "@kleidam.nl", "lid", "Kleidam"]
    finally:
        audit.path(demo_dir).unlink()


def test_without_auth_the_demo_says_so_and_sign_in_can_be_required(demo_dir, monkeypatch):
    monkeypatch.setenv("REGIE_DATA_DIR", str(demo_dir))
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    assert "Demo, zonder aanmelden: iedereen die deze server bereikt ziet alles." in texts(at)
    monkeypatch.setenv("REGIE_REQUIRE_SIGNIN", "yes")
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    assert [e.value for e in at.error] == [
        "Sign-in is required (REGIE_REQUIRE_SIGNIN=yes) but .streamlit/secrets.toml has no [auth] section: "
        "the dashboard is not served. See docs/deployment.md, Sign-in."
    ]
    assert not at.get("plotly_chart") and not at.metric


def test_serve_refuses_to_start_when_sign_in_is_required_and_missing(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(DASHBOARD).parent  # where .streamlit/ is, and no secrets.toml in it
    env = {**os.environ, "REGIE_REQUIRE_SIGNIN": "yes"}
    done = subprocess.run([sys.executable, "-m", "regie", "serve", "--data-dir", str(tmp_path)], cwd=root,
                          capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        "error: Sign-in is required (REGIE_REQUIRE_SIGNIN=yes) but .streamlit/secrets.toml has no [auth] section: "
        "the dashboard is not served. See docs/deployment.md, Sign-in.\n"
    )


def test_the_example_access_file_is_valid():
    from pathlib import Path

    from regie import access

    rules = access.load(Path(__file__).resolve().parent.parent / "access.example.toml")
    assert [r.role for r in rules.rules] == ["bestuur", "lid", "analist", "beheer"]
