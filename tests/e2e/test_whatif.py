"""DVO-herijking in chromium: a norm edited in the table as a person does, and its link opened in a
fresh browser shows the same proposal and scores."""

from playwright.sync_api import expect

from tests.e2e.conftest import settle

SUMMARY = "Met het voorstel scoren 6 van de 6 gemeenten hoger en 0 lager op oplossen."


def test_an_edited_norm_lands_in_the_link_and_the_link_reproduces_it(open_page):
    page = open_page("/herijking?periode=2025")
    expect(page.get_by_text("Nog geen voorstel")).to_be_visible(timeout=30_000)
    editor = page.locator("[data-testid=stDataFrame]").first
    editor.scroll_into_view_if_needed()
    box = editor.bounding_box()
    # The grid draws on a canvas: select the first cell, walk to incident 3's resolution hours (the
    # fifth column, the third row) with the arrow keys, open the cell with Enter, type, commit.
    page.mouse.click(box["x"] + 40, box["y"] + 35 + 17)
    page.wait_for_timeout(300)  # the grid takes the focus
    for key in ["ArrowRight"] * 4 + ["ArrowDown"] * 2 + ["Enter"]:
        page.keyboard.press(key, delay=50)
    cell = page.locator(".gdg-input")  # the grid's editor, over the cell
    expect(cell).to_have_value("9", timeout=15_000)
    cell.fill("27")
    cell.press("Enter")
    # The URL changes by history.replaceState, not a navigation.
    page.wait_for_function("location.search.includes('dvo=i3-240-1620-b-90')", timeout=30_000)
    settle(page)
    expect(page.get_by_text("Voorstel: Incident prioriteit 3")).to_be_visible(timeout=30_000)
    expect(page.get_by_text(SUMMARY)).to_be_visible(timeout=30_000)
    link = page.url
    fresh = page.context.browser.new_context(viewport={"width": 1400, "height": 1200}).new_page()
    fresh.goto(link)
    settle(fresh)
    expect(fresh.get_by_text("Voorstel: Incident prioriteit 3: reactie 4 uur, oplossen 27 uur")).to_be_visible(
        timeout=30_000
    )
    expect(fresh.get_by_text(SUMMARY)).to_be_visible(timeout=30_000)
    fresh.context.close()
