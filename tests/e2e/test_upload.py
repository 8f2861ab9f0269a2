"""The upload on the Gegevens page in a real browser, on a copy of the demo data: check, refuse, confirm."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from regie.db import Database
from tests.e2e.conftest import serve, settle

WAIT = 60_000


@pytest.fixture(scope="module")
def copy_server(demo_dir, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("upload") / "data"
    shutil.copytree(demo_dir, data_dir)
    with serve(data_dir, tmp_path_factory.mktemp("upload-server")) as url:
        yield url, data_dir


def budget(data_dir) -> str:
    db = Database(data_dir)
    try:
        return str(
            db.con.execute(
                "select budget_eur from budgets where municipality_code = 'GM9001' and year = 2026 "
                "and cost_category = 'telephony'"
            ).fetchone()[0]
        )
    finally:
        db.close()


def choose_file(page, path) -> None:
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(path))
    expect(page.get_by_text(path.name, exact=True)).to_be_visible(timeout=WAIT)
    settle(page)


def budgets_page(browser, url):
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    page = context.new_page()
    page.goto(url + "/gegevens")
    settle(page)
    page.get_by_role("radiogroup", name="Inlezen in tabel").get_by_text("Begrotingen", exact=True).click()
    expect(page.get_by_role("radio", name="Begrotingen", exact=True)).to_be_checked(timeout=WAIT)
    settle(page)
    return context, page


def test_upload_check_refuse_then_confirm(browser, copy_server, tmp_path):
    url, data_dir = copy_server
    context, page = budgets_page(browser, url)
    bad = tmp_path / "begroting.csv"
    bad.write_text("municipality_code;year;cost_category;budget_eur\nGM9001;2026;telefonie;100.00\n")
    choose_file(page, bad)
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_text("Niet ingelezen: 1 probleem. Er is niets veranderd.")).to_be_visible(timeout=WAIT)
    expect(page.get_by_role("cell", name="waarde moet een van deze zijn: workplace, licences")).to_be_visible()

    good = tmp_path / "begroting2.csv"
    good.write_text("municipality_code;year;cost_category;budget_eur\nGM9001;2026;telephony;123456.78\n")
    context.close()
    context, page = budgets_page(browser, url)
    choose_file(page, good)
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_text("Gecontroleerd: alles voldoet.")).to_be_visible(timeout=WAIT)
    assert budget(data_dir) != "123456.78"  # the check writes nothing
    page.get_by_role("button", name="Import bevestigen").click()
    expect(page.get_by_text("Ingelezen.")).to_be_visible(timeout=WAIT)
    assert budget(data_dir) == "123456.78"
    context.close()
