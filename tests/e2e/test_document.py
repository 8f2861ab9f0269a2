"""The board pack document in a real browser with the network blocked, and its PDF read back: made for
A4 (at most 8 pages for one member's quarter, none but the last less than half used), every chart's
labels inside the chart as printed, and links to the dashboard only at its public address."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from regie import boardpack, document
from regie.coverage import Coverage
from regie.db import Database
from regie.kpis import member_figures
from regie.periods import Period
from tests.e2e import visual
from tests.e2e.conftest import CHROMIUM, require_chromium

PUBLIC = "https://regie.example.nl"
LOCAL = re.compile(r"127\.0\.0\.1|localhost")


@pytest.fixture(scope="module")
def pack(demo_dir):
    db = Database(demo_dir)
    coverage = Coverage.of(db.manifest)
    names = dict(db.run("member_counts", {"year": 2026})[["municipality_code", "name"]].values)
    built = boardpack.build(db.run, lambda p: member_figures(db.run, p), names, "GM9001", Period.parse("2026-Q3"),
                            "GM9001", coverage, "nl", snapshot=db.snapshot, snapshot_at=db.snapshot_at)  # fmt: skip
    db.close()
    return built


@pytest.fixture(scope="module")
def pdfs(pack):
    """The pack's PDF without a public address of the dashboard, and with one."""
    require_chromium()
    made = {}
    with pytest.MonkeyPatch.context() as patch:
        for public in ("", PUBLIC):
            patch.setenv("REGIE_PUBLIC_URL", public)
            made[public] = PdfReader(io.BytesIO(document.render_pdf(pack, browser_path=CHROMIUM)))
    return made


def used(page) -> float:
    """How far down the page its text reaches (the charts' labels and captions are text too), 0 to 1."""
    lowest = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            lowest.append(tm[5] * cm[3] + tm[4] * cm[1] + cm[5])

    page.extract_text(visitor_text=visit)
    height = float(page.mediabox.height)
    return (height - min(lowest, default=height)) / height


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
    assert visual.clipped(visual.charts(page), "HTML pack at 1200 px") == []
    context.close()


def test_every_chart_label_lies_inside_its_chart_as_printed(browser, pack):
    """The page laid out as `render_pdf` prints it: print media, A4's width, charts fitted to the pages."""
    page = browser.new_page()
    document.lay_out_for_print(page, document.render_html(pack), sum(len(s.charts) for s in pack.sections))
    found = visual.charts(page)
    assert len(found) == 7 and all(chart["right"] <= 1047 for chart in found)  # A4 landscape less 2 x 10 mm
    clips = visual.clipped(found, "the pack as printed")
    page.close()
    assert not clips, "\n".join(map(str, clips))


def test_the_pdf_of_a_members_quarter_fills_at_most_eight_pages(pdfs, pack):
    pdf = pdfs[""]
    texts = [p.extract_text() for p in pdf.pages]
    share = [round(used(p), 2) for p in pdf.pages]
    assert len(pdf.pages) <= 8 and min(share[:-1]) >= 0.5, share  # sections flow: no page half empty
    assert texts[0].splitlines()[0] == "Bestuurlijk overleg ICT: Turfbrug, 3e kwartaal 2026"
    lines = {line for text in texts for line in text.splitlines()}
    for title in [s.title for s in pack.sections] + ["Definities"]:
        assert title in lines, title
    whole = "\n".join(texts)
    assert "Filters: Turfbrug, 3e kwartaal 2026. Gegevens tot en met 31 oktober 2026." in whole
    for point in pack.sections[-1].points:
        assert point.text("nl")[:40] in whole.replace("\n", " ")


def test_the_pdf_holds_every_category_name_its_charts_draw(pdfs, pack):
    """Supplier names ("... B.V."), contracts, initiatives, categories: whole in the PDF's text."""
    printed = re.sub(r"\s+", "", "".join(p.extract_text() for p in pdfs[""].pages))
    names = set()
    for chart in (c for s in pack.sections for c in s.charts):
        for trace in chart.fig.data:
            if trace.type == "bar":
                names |= {str(v) for v in (trace.y if trace.orientation == "h" else trace.x)}
    assert len(names) >= 25 and any(name.endswith("B.V.") for name in names)
    assert sorted(n for n in names if re.sub(r"\s+", "", n) not in printed) == []


def _links(pdf) -> list[str]:
    return [str((a.get_object().get("/A") or {}).get("/URI")) for p in pdf.pages for a in p.get("/Annots") or []
            if (a.get_object().get("/A") or {}).get("/URI")]  # fmt: skip


def test_the_pdf_links_to_the_dashboards_public_address_only(pdfs, pack):
    plain = pdfs[""]
    text = "".join(p.extract_text() for p in plain.pages)
    assert not LOCAL.search(text) and _links(plain) == []  # no address set: the pages named in plain text
    assert "Zie de pagina Dienstverlening." in text
    linked = pdfs[PUBLIC]
    text = "".join(p.extract_text() for p in linked.pages)
    links = _links(linked)
    assert not LOCAL.search(text) and len(pack.sections[-1].points) == 11
    # A link's text and the address printed after it are one link: two areas for chromium, one address.
    assert set(links) == {PUBLIC + p.link("nl") for p in pack.sections[-1].points} and len(links) >= 11
