"""The board pack document in a real browser with the network blocked, and its PDF read back."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from regie import boardpack, document
from regie.coverage import Coverage
from regie.db import Database
from regie.kpis import member_figures
from regie.periods import Period
from tests.e2e.conftest import CHROMIUM, require_chromium


@pytest.fixture(scope="module")
def pack(demo_dir):
    db = Database(demo_dir)
    coverage = Coverage.of(db.manifest)
    names = dict(db.run("member_counts", {"year": 2026})[["municipality_code", "name"]].values)
    built = boardpack.build(db.run, lambda p: member_figures(db.run, p), names, "GM9001", Period.parse("2026-Q3"),
                            "GM9001", coverage, "nl")  # fmt: skip
    db.close()
    return built


def test_the_html_opens_offline_with_every_section_and_chart(browser, pack, tmp_path):
    path = tmp_path / "pack.html"
    path.write_text(document.render_html(pack), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    requested = []

    def block(route):
        requested.append(route.request.url)
        if route.request.url == path.as_uri():
            route.continue_()
        else:
            route.abort()

    context.route("**/*", block)
    page = context.new_page()
    page.goto(path.as_uri())
    charts = sum(len(s.charts) for s in pack.sections)
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}")
    assert requested == [path.as_uri()]  # nothing else was asked for
    titles = page.locator("section > h2").all_inner_texts()
    assert titles == [s.title for s in pack.sections] + ["Definities"]
    assert page.locator(".js-plotly-plot").count() == charts
    context.close()


def test_the_pdf_has_a_page_per_section_and_the_text(pack):
    require_chromium()
    pdf = PdfReader(io.BytesIO(document.render_pdf(pack, browser_path=CHROMIUM)))
    texts = [p.extract_text() for p in pdf.pages]
    first_lines = [t.splitlines()[0] for t in texts if t.strip()]
    assert first_lines[0] == "Bestuurlijk overleg ICT: Turfbrug, 3e kwartaal 2026"
    for title in [s.title for s in pack.sections] + ["Definities"]:
        assert title in first_lines, title  # every section starts on a new page
    whole = "\n".join(texts)
    assert "Filters: Turfbrug, 3e kwartaal 2026. Gegevens tot en met 31 oktober 2026." in whole
    for point in pack.sections[-1].points:
        assert point.text("nl")[:40] in whole.replace("\n", " ")
