"""What users see, in chromium over the demo: every chart's labels whole, no raw value in a text or a table
cell, and the board pack (HTML and PDF) made on the Vergadering page as readable as the pages (issue 20).

One server and one browser for the file: each page is visited once per width (1440 and 390 px) and what it
shows is read in one go; the pack is made once, by the page's own button, and read by the pack's tests.
Screenshots of the same views: `python -m tests.e2e.screenshots OUTDIR`.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from tests.e2e import visual

VISITS = [(path, width) for path in visual.PAGES for width in visual.WIDTHS]
LOCAL = re.compile(r"127\.0\.0\.1|localhost|0\.0\.0\.0")


def visit_id(value) -> str:
    return f"{value}px" if isinstance(value, int) else (value.strip("/") or "overzicht")


@dataclass
class Seen:
    page: object
    charts: list[dict]
    text: str
    grids: list[dict]


@pytest.fixture(scope="module")
def seen(browser, server):
    """A page of the app at a width, visited once for the file: its charts, its visible text, its tables.

    One tab per width, which goes from page to page (its cached scripts make a visit seconds faster);
    both tabs go to a page together, so that one draws while the server runs the other's script.
    """
    visits: dict[tuple[str, int], Seen] = {}
    tabs = {}
    for width, height in visual.WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
        tabs[width] = context.new_page()

    def visit(path: str, width: int) -> Seen:
        if (path, width) not in visits:
            going = [w for w in tabs if (path, w) not in visits]
            for w in going:
                tabs[w].goto(server + path, wait_until="commit")
            for w in going:
                page = tabs[w]
                visual.finish(page)
                visits[path, w] = Seen(page, visual.charts(page), visual.visible_text(page), visual.grids(page))
        return visits[path, width]

    yield visit
    for page in tabs.values():
        page.context.close()


@pytest.mark.parametrize(("path", "width"), VISITS, ids=[f"{visit_id(p)}-{w}px" for p, w in VISITS])
def test_every_chart_label_lies_inside_its_chart(seen, path, width):
    shown = seen(path, width)
    clips = visual.clipped(shown.charts, f"{path} at {width} px")
    assert not clips, f"{len(clips)} labels outside their chart:\n" + "\n".join(map(str, clips))


@pytest.mark.parametrize(("path", "width"), VISITS, ids=[f"{visit_id(p)}-{w}px" for p, w in VISITS])
def test_no_text_or_table_cell_shows_a_raw_value(seen, path, width):
    shown = seen(path, width)
    where = f"{path} at {width} px"
    chart_texts = "\n".join(label["text"] for chart in shown.charts for label in chart["labels"])
    found = [*visual.raw_in_text(shown.text, where), *visual.raw_in_grids(shown.grids, where),
             *visual.raw_in_text(chart_texts, where, "chart")]  # fmt: skip
    assert not found, f"{len(found)} raw values:\n" + "\n".join(map(str, found))


# ---- the board pack, made on the Vergadering page ----------------------------------------------------------


@dataclass
class BoardPack:
    html: Path
    pdf: Path | None
    url: str  # the server's address, which the pack must not carry


@pytest.fixture(scope="module")
def board_pack(seen, server, tmp_path_factory) -> BoardPack:
    """The pack as a user gets it: the Vergadering page's button, then its two downloads."""
    html, pdf = visual.make_pack(seen("/vergadering", 1440).page, server, tmp_path_factory.mktemp("pack"))
    return BoardPack(html, pdf, server)


# Per chart of the pack: the texts of the labels of its category axes as drawn (each line of a label).
_CATEGORIES_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map((plot) => {
  const layout = plot._fullLayout || {};
  const axes = Object.keys(layout).filter((k) => /^[xy]axis\\d*$/.test(k) && layout[k]
                                            && ['category', 'multicategory'].includes(layout[k].type));
  const names = [];
  for (const name of axes) {
    const id = layout[name]._id;
    for (const text of plot.querySelectorAll(`g.${id}tick > text`)) {
      const lines = text.querySelectorAll('tspan.line');
      for (const line of (lines.length ? [...lines] : [text])) {
        const content = line.textContent.trim();
        if (content) names.push(content);
      }
    }
  }
  return {title: (plot.querySelector('.gtitle') || {}).textContent || plot.id, names};
})"""


@pytest.fixture(scope="module")
def pack_page(browser, board_pack):
    """The HTML pack opened in chromium, offline, at 1440 px."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    yield visual.open_pack(context, board_pack.html)
    context.close()


def as_printed(page) -> None:
    """The pack as chromium lays it out for the PDF: print media, 1100 px wide (regie/document.py)."""
    page.set_viewport_size({"width": 1100, "height": 800})
    page.emulate_media(media="print")
    visual.drawn_pack(page)


def on_screen(page) -> None:
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.emulate_media(media="screen")
    visual.drawn_pack(page)


@pytest.mark.parametrize("view", ["screen-1440px", "print-1100px"])
def test_every_chart_label_of_the_html_pack_lies_inside_its_chart(pack_page, view):
    """On screen, and as chromium lays it out for the PDF (print media, 1100 px: regie/document.py)."""
    if view.startswith("print"):
        as_printed(pack_page)
    try:
        clips = visual.clipped(visual.charts(pack_page), f"HTML pack ({view})")
    finally:
        on_screen(pack_page)
    assert not clips, f"{len(clips)} labels outside their chart:\n" + "\n".join(map(str, clips))


def test_the_html_pack_shows_no_raw_value(pack_page):
    text = visual.visible_text(pack_page)
    chart_texts = "\n".join(label["text"] for chart in visual.charts(pack_page) for label in chart["labels"])
    found = visual.raw_in_text(text, "HTML pack") + visual.raw_in_text(chart_texts, "HTML pack", "chart")
    assert not found, f"{len(found)} raw values:\n" + "\n".join(map(str, found))


def local(board_pack: BoardPack) -> re.Pattern:
    """127.0.0.1, localhost and the address of the server that made the pack."""
    return re.compile(f"{LOCAL.pattern}|{re.escape(urlsplit(board_pack.url).netloc)}")


def test_the_html_pack_links_to_no_local_address(pack_page, board_pack):
    links = pack_page.evaluate("() => [...document.querySelectorAll('a[href]')].map((a) => a.href)")
    address = local(board_pack)
    found = sorted({link for link in links if address.search(link)})
    assert not found, f"{len(found)} links to the machine that made the pack: {found}"


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(board_pack: BoardPack) -> list[str]:
    if board_pack.pdf is None:
        pytest.fail("the Vergadering page made no PDF (no chromium on the server?)")
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(board_pack.pdf.read_bytes())).pages]


def test_the_pdf_holds_every_category_name_its_charts_draw(pack_page, board_pack):
    """Each name as often as the pack draws and writes it: a name cut in a chart but also in a table
    still counts as missing once."""
    as_printed(pack_page)
    try:
        drawn = pack_page.evaluate(_CATEGORIES_JS)
        text = squeezed(visual.visible_text(pack_page))  # without the charts' texts
    finally:
        on_screen(pack_page)
    assert any(chart["names"] for chart in drawn), "the pack draws no category labels: nothing to compare"
    # the links' addresses printed after them (CSS a.open::after) do not count: "categorie=Netwerk"
    printed = re.sub(r"\(https?://[^)]*\)", "", squeezed("".join(pdf_text(board_pack))))
    labels = [squeezed(name) for chart in drawn for name in chart["names"]]
    missing = []
    for chart in drawn:
        for name in dict.fromkeys(chart["names"]):
            key = squeezed(name)
            wanted = text.count(key) + sum(label.count(key) for label in labels)
            found = printed.count(key)
            if found < wanted:
                missing.append(f"{chart['title']!r}: {name!r} printed {found} times of {wanted}")
    missing = list(dict.fromkeys(missing))
    assert not missing, f"{len(missing)} category names missing from the PDF:\n" + "\n".join(missing)


def test_the_pdf_holds_no_local_address(board_pack):
    pages = pdf_text(board_pack)
    address = local(board_pack)
    texts = [(number, match.group(0)) for number, text in enumerate(pages, start=1)
             for match in re.finditer(rf"\S*(?:{address.pattern})\S*", text)]  # fmt: skip
    links = []
    for number, page in enumerate(PdfReader(io.BytesIO(board_pack.pdf.read_bytes())).pages, start=1):
        for annotation in page.get("/Annots") or []:
            uri = (annotation.get_object().get("/A") or {}).get("/URI")
            if uri and address.search(str(uri)):
                links.append((number, str(uri)))
    assert not texts and not links, (
        f"{len(pages)} pages; the address of the machine that made it in the text {sorted(set(texts))[:10]}"
        f" ({len(texts)} times) and in {len(links)} links {sorted(set(links))[:5]}"
    )


def test_the_pdf_fills_its_pages(board_pack, tmp_path):
    """At most 8 A4 pages for one member's quarter, none of them (but the last) less than half used."""
    pages = pdf_text(board_pack)
    if not shutil.which("pdftoppm"):
        message = "pdftoppm not found: install it with `sudo apt-get install poppler-utils`"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    subprocess.run(["pdftoppm", "-r", "20", "-gray", str(board_pack.pdf), str(tmp_path / "p")], check=True)
    from PIL import Image

    used = []
    for number, image in enumerate(sorted(tmp_path.glob("p-*.pgm")), start=1):
        picture = Image.open(image)
        bottom = picture.point(lambda v: 255 if v < 240 else 0).getbbox()
        used.append((number, 0 if bottom is None else round(bottom[3] / picture.height * 100)))
    half_empty = [f"page {n}: {share}% used" for n, share in used[:-1] if share < 50]
    assert len(pages) <= 8 and not half_empty, f"{len(pages)} pages; {half_empty}"
