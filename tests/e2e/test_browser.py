"""The dashboard in a real browser: pages, filters, chart clicks, downloads, links, language, accessibility."""

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.conftest import serve, settle

PAGES = ["/", "/dienstverlening", "/kosten", "/leveranciers", "/samen", "/herijking", "/gegevens", "/vergadering"]


def first_metric(page) -> str:
    return page.locator("[data-testid=stMetricValue]").first.inner_text()


def rerun(page, heading: str | None = None, url_part: str | None = None) -> None:
    """Wait for the rerun a click starts: first its visible sign (the heading or the URL), then its end."""
    if heading:
        expect(page.locator("h3").first).to_contain_text(heading, timeout=30_000)
    if url_part:
        page.wait_for_url(f"**{url_part}*", timeout=30_000)
    page.wait_for_timeout(300)
    settle(page)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_loads_without_an_error(open_page, path):
    page = open_page(path)
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.locator("[data-testid=stAlertContentError]").count() == 0
    assert page.locator("h1").first.inner_text()


@pytest.mark.parametrize("path", PAGES)
def test_no_critical_or_serious_accessibility_violations(open_page, path):
    page = open_page(path)
    page.wait_for_timeout(1000)  # let the charts draw
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], v["nodes"][0]["target"]) for v in violations if v["impact"] in ("critical", "serious")]
    assert serious == []
    assert page.evaluate("document.documentElement.lang") == "nl"


def choose(page, label: str, option: str) -> None:
    """Pick an option of a selectbox as a person does: open it, type the start, click the option."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    page.get_by_role("listbox").wait_for(state="visible", timeout=10_000)
    box.press_sequentially(option[:6], delay=30)
    page.get_by_role("option", name=option, exact=True).click()


def test_member_and_period_change_the_figures(open_page):
    """In the sidebar's dropdowns, as a person does, then through the URL, as a shared link does."""
    page = open_page("/")
    before = first_metric(page)
    choose(page, "Periode", "2e kwartaal 2024")
    expect(page.locator("h3").first).to_have_text("Turfbrug, 2e kwartaal 2024", timeout=30_000)
    settle(page)
    migration = first_metric(page)
    assert migration != before
    choose(page, "Gemeente", "Veenhoven")
    expect(page.locator("h3").first).to_have_text("Veenhoven, 2e kwartaal 2024", timeout=30_000)
    settle(page)
    assert first_metric(page) != migration
    assert "periode=2024-Q2" in page.url and "gemeente=GM9002" in page.url
    linked = open_page("/?periode=2024-Q2&gemeente=GM9002")
    assert linked.locator("h3").first.inner_text() == "Veenhoven, 2e kwartaal 2024"
    # The same figures; waited for, as a fresh page may still be drawing its tiles after the script ends.
    expect(linked.locator("[data-testid=stMetricValue]").first).to_have_text(first_metric(page), timeout=30_000)


def test_a_chart_click_narrows_the_service_page(open_page):
    page = open_page("/dienstverlening?periode=2025")
    before = first_metric(page)
    chart = page.locator(".stPlotlyChart").filter(has_text="Overschrijdingen per categorie")
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    chart.locator("g.point").nth(1).click(force=True)
    rerun(page, url_part="categorie=")
    expect(page.locator("[data-testid=stMetricValue]").first).not_to_have_text(before, timeout=30_000)


def test_downloads_arrive_and_open(open_page):
    page = open_page("/gegevens?tabel=invoices&kolom=cost_category&waarde=telephony")
    shown = page.locator("[data-testid=stCaptionContainer]").filter(has_text="rijen").first.inner_text()
    rows = int(shown.split(" ")[0].replace(".", ""))
    with page.expect_download() as info:
        page.get_by_role("button", name="CSV voor Excel (NL)").click()
    body = Path(info.value.path()).read_bytes()
    assert body.startswith(b"\xef\xbb\xbf") and info.value.suggested_filename.endswith("_excel.csv")
    lines = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert len(lines) == rows + 1 and lines[0][0] == "invoice_id"
    with page.expect_download() as info:
        page.get_by_role("button", name="Excel (XLSX)").click()
    sheet = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).worksheets[0]
    assert sheet.max_row == rows + 1 and sheet["H2"].number_format == "dd-mm-yyyy"


def test_a_copied_link_shows_the_same_view(open_page):
    page = open_page("/kosten?per=12&gemeente=GM9003&periode=2025")
    page.get_by_text("Link naar deze weergave").click()
    link = page.locator("[data-testid=stSidebar] [data-testid=stCode] code").inner_text().strip()
    heading = page.locator("h3").first.inner_text()
    fresh = page.context.browser.new_context().new_page()
    fresh.goto(link)
    settle(fresh)
    assert fresh.locator("h3").first.inner_text() == heading == "Kleidam, 2025"
    fresh.context.close()


def test_the_language_switch_changes_the_labels(open_page):
    page = open_page("/")
    assert page.locator("h1").first.inner_text() == "Overzicht"
    page.locator("[data-testid=stSidebar]").get_by_text("English").click()
    # Waited for: the rerun in English may still be drawing when the page first reports it is ready.
    expect(page.locator("h1").first).to_have_text("Overview", timeout=30_000)
    settle(page, lang="en")
    assert "taal=en" in page.url


def test_keyboard_reaches_the_filters(open_page):
    page = open_page("/")
    reached = set()
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement && document.activeElement.getAttribute('aria-label') "
                                  "|| document.activeElement.tagName"))  # fmt: skip
    assert any("Gemeente" in str(r) for r in reached) or "INPUT" in reached


@pytest.mark.parametrize(("path", "shown"), [("/", "[data-testid=stMetricValue]"), ("/vergadering", "h2")])
def test_readable_on_a_phone(open_page, path, shown, tmp_path):
    page = open_page(path, width=390, height=844)
    page.locator(shown).first.wait_for(state="visible", timeout=20_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 391  # no sideways scrolling
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)


def test_the_first_visitor_of_a_fresh_server_can_change_a_filter(browser, demo_dir, tmp_path):
    """The first session of a server starts in Streamlit's legacy pages/ mode (see ui.mark_routed);
    its first dropdown choice used to be dropped."""
    with serve(demo_dir, tmp_path) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1200})
        page.goto(url + "/?gemeente=GM9003")
        settle(page)
        choose(page, "Periode", "2e kwartaal 2024")
        expect(page.locator("h3").first).to_have_text("Kleidam, 2e kwartaal 2024", timeout=30_000)
        page.close()
