"""Sign-in in chromium, against the tests' own OpenID Connect provider (tests/oidc.py): a visitor
sees only the sign-in page; a Kleidam official sees Kleidam, is refused another member's
invoices and cannot import; a board member sees everything; their downloads are audited."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from regie import audit
from tests import oidc
from tests.e2e.conftest import serve, settle
from tests.helpers import free_port
from tests.test_access import ACCESS

USERS = {
    "kleidam": {"sub": "sub-kleidam-1", "email": "ambtenaar@kleidam.nl", "name": "K. Ambtenaar"},
    "board": {"sub": "sub-board-1", "email": "voorzitter@turfbrug.nl", "name": "B. Voorzitter",
              "roles": ["Regie.Bestuur"]},
}  # fmt: skip


@pytest.fixture(scope="module")
def signed_server(demo_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("signin")
    data = root / "data"
    shutil.copytree(demo_dir, data)  # the audit log is written into it
    (root / "access.toml").write_text(ACCESS, encoding="utf-8")
    port = free_port()
    with oidc.running(USERS) as issuer:
        (root / "secrets.toml").write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            'cookie_secret = "a-test-cookie-secret-of-some-length"\n'
            f'client_id = "{oidc.CLIENT_ID}"\nclient_secret = "{oidc.CLIENT_SECRET}"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
            'client_kwargs = { scope = "openid profile email" }\n',
            encoding="utf-8",
        )
        env = {"REGIE_ACCESS_FILE": str(root / "access.toml"), "REGIE_REQUIRE_SIGNIN": "yes"}
        with serve(data, root, port, ("--secrets.files", str(root / "secrets.toml")), env) as url:
            yield url, data


def sign_in(browser, url: str, path: str, user: str):
    """A fresh browser that asks for `path`, signs in as `user` and lands back on `path`."""
    page = browser.new_context(accept_downloads=True).new_page()
    page.goto(url + path)
    settle(page)
    page.get_by_role("button", name="Aanmelden").click()
    page.locator(f"#user-{user}").click()
    page.wait_for_url(lambda u: path.split("?")[0] in u and "oauth2callback" not in u, timeout=60_000)
    settle(page)
    return page


def download_csv(page) -> list[list[str]]:
    with page.expect_download() as info:
        page.get_by_role("button", name="CSV (standaard)").click()
    return list(csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))


def test_a_visitor_sees_only_the_sign_in_page(browser, signed_server):
    url, _ = signed_server
    page = browser.new_context().new_page()
    page.goto(url + "/gegevens?tabel=invoices")
    settle(page)
    assert page.locator("h1").first.inner_text() == "Regiedashboard: aanmelden"
    assert page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").count() == 0
    assert page.locator("[data-testid=stDataFrame]").count() == 0
    page.context.close()


def test_a_kleidam_official_sees_kleidam_only_and_a_board_member_everything(browser, signed_server):
    url, data = signed_server
    page = sign_in(browser, url, "/gegevens?tabel=invoices&leden=GM9001", "kleidam")
    assert "tabel=invoices" in page.url  # the deep link survived the sign-in
    refusal = page.locator("[data-testid=stAlertContentError]").first.inner_text()
    assert refusal.startswith("Geen toegang tot de gegevens van Turfbrug")
    assert page.locator("[data-testid=stDataFrame]").count() == 0
    page.goto(url + "/gegevens?tabel=invoices")
    settle(page)
    lines = download_csv(page)
    column = lines[0].index("municipality_code")
    assert {row[column] for row in lines[1:]} == {"GM9003", "SSC"}
    assert page.locator("[data-testid=stFileUploader]").count() == 0  # no import
    page.goto(url + "/beheer")
    settle(page)
    assert page.locator("[data-testid=stFileUploader]").count() == 0
    page.context.close()

    board = sign_in(browser, url, "/gegevens?tabel=invoices", "board")
    lines = download_csv(board)
    assert {row[column] for row in lines[1:]} == {"GM9001", "GM9002", "GM9003", "GM9004", "GM9005", "GM9006", "SSC"}
    board.context.close()
    # (The demo's own downloads, made by other tests before the copy, are logged as role demo.)
    ours = {u["sub"] for u in USERS.values()}
    logged = [(e["subject"], e["role"], e["action"], e["members"]) for e in audit.entries(data) if e["subject"] in ours]
    assert logged == [
        ("sub-board-1", "bestuur", "download", ["GM9001", "GM9002", "GM9003", "GM9004", "GM9005", "GM9006"]),
        ("sub-kleidam-1", "lid", "download", ["GM9003"]),
    ]
