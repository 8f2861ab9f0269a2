"""What a person sees, measured in chromium: chart labels against their chart, and raw values in texts and tables.

Shared by tests/e2e/test_visual.py and the screenshot script tests/e2e/screenshots.py. Every function takes a
Playwright page that already shows a page of the app (or the board pack's HTML) and reads it with one
script, so that a visit costs one round trip per measurement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tests.e2e.conftest import settle

# Every page of the router (dashboard.py PAGES), by URL path; the open demo may see all of them, beheer too.
# Vergadering last: the tests make the board pack on it after visiting it.
PAGES = ["/", "/dienstverlening", "/kosten", "/leveranciers", "/samen", "/herijking", "/gegevens", "/beheer",
         "/vergadering"]  # fmt: skip
WIDTHS = {1440: 1000, 390: 844}  # viewport width: height (a laptop, a phone)
TOLERANCE = 1.0  # px: rounding of text boxes

# The texts of a Plotly chart that must be whole: tick and category labels, axis titles, the title,
# annotations (norm lines' labels), the legend and the bars' value labels.
LABELS = {
    "tick": 'g[class$="tick"] > text',
    "axis title": ".g-xtitle text, .g-ytitle text, [class^=g-x] > text.xtitle, [class^=g-y] > text.ytitle",
    "title": ".g-gtitle text.gtitle",
    "annotation": "g.annotation text.annotation-text",
    "legend": ".legend text.legendtext",
    "bar text": "text.bartext",
}

_CHARTS_JS = """(labels) => {
  const keyOf = (el) => { const box = el.closest('[class*="st-key-"]');
    const m = box && box.className.match(/st-key-(\\S+)/); return m ? m[1] : ''; };
  const visible = (el) => { for (let e = el; e && e.nodeType === 1; e = e.parentNode) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false; }
    return true; };
  const round = (v) => Math.round(v * 10) / 10;
  return [...document.querySelectorAll('.js-plotly-plot')].map((plot, index) => {
    const svg = plot.querySelector('svg.main-svg');
    const box = (svg || plot).getBoundingClientRect();
    const title = (plot.querySelector('.gtitle') || {}).textContent || '';
    const found = [];
    for (const [kind, selector] of Object.entries(labels)) {
      for (const text of plot.querySelectorAll(selector)) {
        const content = (text.textContent || '').trim();
        const r = text.getBoundingClientRect();
        if (!content || r.width === 0 || !visible(text)) continue;
        found.push({kind, text: content, left: round(r.left - box.left), top: round(r.top - box.top),
                    right: round(r.right - box.left), bottom: round(r.bottom - box.top)});
      }
    }
    return {index, title, key: keyOf(plot), width: round(box.width), height: round(box.height),
            left: round(box.left + window.scrollX), right: round(box.right + window.scrollX),
            page_width: document.documentElement.clientWidth, labels: found};
  });
}"""


@dataclass
class Clip:
    where: str  # page and width, or the pack
    chart: str
    kind: str
    text: str
    box: tuple[float, float, float, float]  # left, top, right, bottom relative to the chart's top left
    size: tuple[float, float]  # the chart's width and height
    outside: str  # e.g. "left by 255 px"

    def __str__(self) -> str:
        left, top, right, bottom = self.box
        where = f"at x {left:.0f}..{right:.0f}, y {top:.0f}..{bottom:.0f}"
        size = f"{self.size[0]:.0f}x{self.size[1]:.0f}"
        return f"{self.where}: chart {self.chart!r} ({size}): {self.kind} {self.text!r} {where}: outside {self.outside}"


def charts(page) -> list[dict]:
    """Every Plotly chart of the page with its size and the boxes of its labels (relative to the chart)."""
    return page.evaluate(_CHARTS_JS, LABELS)


def chart_name(chart: dict) -> str:
    return chart["title"] or chart["key"] or f"chart {chart['index'] + 1}"


def clipped(found: list[dict], where: str) -> list[Clip]:
    """The labels that do not lie wholly inside their chart's box, and the charts wider than the window."""
    clips = []
    for chart in found:
        width, height = chart["width"], chart["height"]
        name = chart_name(chart)
        if chart["left"] < -TOLERANCE or chart["right"] > chart["page_width"] + TOLERANCE:
            outside = f"the window ({chart['left']:.0f}..{chart['right']:.0f} of {chart['page_width']} px)"
            clips.append(Clip(where, name, "chart", name, (chart["left"], 0, chart["right"], height),
                              (width, height), outside))  # fmt: skip
        for label in chart["labels"]:
            sides = {
                "left": -label["left"],
                "right": label["right"] - width,
                "top": -label["top"],
                "bottom": label["bottom"] - height,
            }
            over = [f"{side} by {by:.0f} px" for side, by in sides.items() if by > TOLERANCE]
            if over:
                box = (label["left"], label["top"], label["right"], label["bottom"])
                clips.append(Clip(where, name, label["kind"], label["text"], box, (width, height), ", ".join(over)))
    return clips


# ---- texts and table cells ------------------------------------------------------------------------------

# The cells of every st.dataframe, read from the grid's own data (glide-data-grid draws on a canvas and
# its accessible table holds only the cells in view, with '' where the canvas shows "None"). A missing
# value is what Streamlit draws for it: "None". Falls back to the accessible table when the grid's
# props cannot be found.
_GRIDS_JS = """(limit) => {
  const keyOf = (el) => { const box = el.closest('[class*="st-key-"]');
    const m = box && box.className.match(/st-key-(\\S+)/); return m ? m[1] : ''; };
  const textOf = (cell) => {
    if (cell.isMissingValue) return 'None';
    if (cell.kind === 'boolean') return null;
    if (typeof cell.displayData === 'string') return cell.displayData;
    if (cell.data && typeof cell.data === 'object') {
      if (typeof cell.data.displayDate === 'string') return cell.data.displayDate;
      if (Array.isArray(cell.data)) return cell.data.join(', ');
    }
    if (typeof cell.copyData === 'string') return cell.copyData;
    return cell.data === undefined || cell.data === null ? '' : String(cell.data);
  };
  // A table's name: its key, else the chart above it (the table in a chart's expander), else the heading above it.
  const nameOf = (frame, index) => {
    const own = keyOf(frame);
    if (own) return own;
    const expander = frame.closest('[data-testid=stExpander]');
    const start = expander ? (expander.closest('[data-testid=stLayoutWrapper]') || expander)
                           : frame.closest('[data-testid=stElementContainer], .element-container');
    for (let e = start && start.previousElementSibling, n = 0; e && n < 4; e = e.previousElementSibling, n++) {
      const m = typeof e.className === 'string' && e.className.match(/st-key-(\\S+)/);
      if (m) return `table ${expander ? 'under' : 'after'} ${m[1]}`;
      const heading = e.querySelector('h1, h2, h3, h4, strong');
      if (heading && heading.textContent.trim()) return `table under "${heading.textContent.trim().slice(0, 60)}"`;
    }
    return `table ${index + 1}`;
  };
  return [...document.querySelectorAll('[data-testid=stDataFrame]')].map((frame, index) => {
    const key = nameOf(frame, index);
    const canvas = frame.querySelector('canvas');
    let fiber = null;
    if (canvas) {
      const name = Object.keys(canvas).find((k) => k.startsWith('__reactFiber$'));
      fiber = name ? canvas[name] : null;
      while (fiber && !(fiber.memoizedProps && typeof fiber.memoizedProps.getCellContent === 'function'
                        && Array.isArray(fiber.memoizedProps.columns))) fiber = fiber.return;
    }
    if (fiber) {
      const props = fiber.memoizedProps;
      const columns = props.columns.map((c) => c.title || c.id || '');
      const cells = [];
      for (let row = 0; row < props.rows && cells.length < limit; row++) {
        for (let col = 0; col < columns.length; col++) {
          const cell = props.getCellContent([col, row]);
          const text = textOf(cell);
          if (text !== null) cells.push([row, columns[col], text, cell.kind]);
        }
      }
      return {key, source: 'grid', columns, rows: props.rows, cells};
    }
    const columns = [...frame.querySelectorAll('th')].map((th) => th.textContent);
    const cells = [...frame.querySelectorAll('td')].map((td) => [
      Number(td.parentNode.getAttribute('aria-rowindex')) - 2,
      columns[Number(td.getAttribute('aria-colindex')) - 1] || '', td.textContent, '']);
    return {key, source: 'accessible table', columns, rows: cells.length, cells};
  });
}"""

WORDS = re.compile(r"(?<![\w-])(None|nan|NaN|NaT)(?![\w-])")
TIMESTAMP = re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
# A number written by the machine in a Dutch text: a '.' before decimals that are not a group of three
# (984994.96, 93.8, -27583.35, 0.1234), or a group of three after more than three digits (984994.960).
# "1.234" and "12.345.678" are Dutch thousands; dotted runs such as 127.0.0.1 or 1.5.5 are not numbers.
NUMBER = re.compile(r"(?<![\w.,])-?\d+(?:\.\d+)+(?![\w,]|\.\d)")
TIME_OF_DAY = re.compile(r"\s*uur\b")  # after "24.00": a Dutch time of day
DUTCH_GROUPED = re.compile(r"-?[1-9]\d{0,2}(?:\.\d{3})+")
# A whole number of five digits or more without its thousands separators, in a number column: 1034200.
UNGROUPED = re.compile(r"-?\d{5,}")
# An English number in the Dutch UI (what a NumberColumn "localized" shows in an English browser).
ENGLISH = re.compile(
    r"(?<![\w.,])-?\d{1,3}(?:,\d{3})+\.\d+(?![\w,]|\.\d)|(?<![\w.,])-?\d{1,3}(?:,\d{3}){2,}(?![\w,]|\.\d)"
)


def raw_values(text: str) -> list[str]:
    """The raw values in a text: None/nan/NaN/NaT, ISO timestamps and machine floats (Dutch texts)."""
    found = [m.group(0) for m in WORDS.finditer(text)] + [m.group(0) for m in TIMESTAMP.finditer(text)]
    for match in NUMBER.finditer(text):
        number = match.group(0)
        # one '.' that is no Dutch thousands separator; more dots: a version or an address, not a number
        if re.fullmatch(r"\d{1,2}\.\d{2}", number) and TIME_OF_DAY.match(text, match.end()):
            continue
        if number.count(".") == 1 and not DUTCH_GROUPED.fullmatch(number):
            found.append(number)
    return found + [m.group(0) for m in ENGLISH.finditer(text)]


@dataclass
class Raw:
    where: str
    place: str  # "text" or the table and column
    value: str
    context: str
    count: int = 1

    def __str__(self) -> str:
        times = f" ({self.count} cells)" if self.count > 1 else ""
        return f"{self.where}: {self.place}: {self.value!r}{times} in {self.context!r}"


_TEXT_JS = """() => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  plots.forEach((p) => { p.style.visibility = 'hidden'; });  // no relayout, unlike display: none
  try { return (document.querySelector('[data-testid=stApp]') || document.body).innerText; }
  finally { plots.forEach((p) => { p.style.visibility = ''; }); }
}"""


def visible_text(page) -> str:
    """The text a person can read on the page, without the charts' own texts (see `charts`): the app's
    (or document's) innerText, which leaves out what is hidden (closed expanders, display: none)."""
    return page.evaluate(_TEXT_JS)


def grids(page, limit: int = 20_000) -> list[dict]:
    return page.evaluate(_GRIDS_JS, limit)


def raw_in_text(text: str, where: str, place: str = "text") -> list[Raw]:
    found: dict[tuple[str, str], Raw] = {}
    for line in text.splitlines():
        for value in raw_values(line):
            key = (value, line.strip())
            if key in found:
                found[key].count += 1
            else:
                found[key] = Raw(where, place, value, line.strip()[:120])
    return list(found.values())


def raw_in_grids(tables: list[dict], where: str) -> list[Raw]:
    """Raw values in table cells, one finding per table, column and kind of value (with a count and an example);
    in a number column also whole numbers of five digits or more without thousands separators."""
    found: dict[tuple[str, str, str], Raw] = {}
    for table in tables:
        name = table["key"] or "table"
        for _row, column, text, kind in table["cells"]:
            values = raw_values(text)
            if kind == "number" and UNGROUPED.fullmatch(text.strip()):
                values.append(text.strip())  # 1034200 for 1.034.200
            for value in values:
                kind = _kind(value)
                key = (name, column, kind)
                if key in found:
                    found[key].count += 1
                else:
                    found[key] = Raw(where, f"table {name}, column {column!r}", value, text[:120])
    return list(found.values())


def _kind(value: str) -> str:
    if WORDS.fullmatch(value):
        return value
    if TIMESTAMP.fullmatch(value):
        return "timestamp"
    return "whole number" if UNGROUPED.fullmatch(value) else "number"


# ---- loading a page of the app ---------------------------------------------------------------------------

_DRAWN_JS = """() => {
  const charts = [...document.querySelectorAll('[data-testid=stPlotlyChart]')];
  const grids = [...document.querySelectorAll('[data-testid=stDataFrame]')].filter((g) => g.checkVisibility());
  return document.fonts.status === 'loaded'
    && !document.querySelector('[data-testid=stSkeleton]')  // an element whose code is still loading
    && charts.every((c) => c.querySelector('.js-plotly-plot svg.main-svg'))
    && grids.every((g) => g.querySelector('canvas'));
}"""


def drawn(page, timeout: float = 30_000) -> None:
    """Wait until every element has its code, every chart its svg, every table in view its canvas and the
    fonts are in; then until the charts' labels stop moving (Plotly lays a chart out again when its
    container settles)."""
    page.wait_for_function(_DRAWN_JS, timeout=timeout)
    drawn_pack(page)


def open_expanders(page) -> int:
    """Open the closed expanders of the page's main area (tables under the charts, definitions): no rerun."""
    return page.evaluate("""() => {
      const closed = [...document.querySelectorAll(
        '[data-testid=stMain] [data-testid=stExpander] details:not([open]) > summary')];
      closed.forEach((summary) => summary.click());
      return closed.length;
    }""")


def show(page, url: str, expand: bool = True) -> None:
    """Go to a page of the app and wait until it has run and drawn (with its expanders opened)."""
    page.goto(url)
    finish(page, expand)


def finish(page, expand: bool = True) -> None:
    """Wait until the page the tab is going to has run and drawn, with its expanders opened."""
    settle(page)
    page.wait_for_function(_DRAWN_JS, timeout=30_000)
    if expand:
        open_expanders(page)
    drawn(page)


# ---- the board pack, made on the Vergadering page -----------------------------------------------------------


def make_pack(page, server: str, folder: Path) -> tuple[Path, Path | None]:
    """The pack as a user gets it: the Vergadering page's button, then its two downloads (the PDF None
    when the page offers none). `page` is a tab of the app, at /vergadering or sent there."""
    if urlsplit(page.url).path != "/vergadering":
        show(page, server + "/vergadering", expand=False)
    page.locator(".st-key-make_document button").click()
    page.locator(".st-key-download_pack_html button").wait_for(state="visible", timeout=180_000)
    with page.expect_download(timeout=60_000) as info:
        page.locator(".st-key-download_pack_html button").click()
    html = folder / "pack.html"
    info.value.save_as(html)
    button = page.locator(".st-key-download_pack_pdf button")
    if not button.count():
        return html, None
    with page.expect_download(timeout=60_000) as info:
        button.click()
    pdf = folder / "pack.pdf"
    info.value.save_as(pdf)
    return html, pdf


def open_pack(context, html: Path):
    """The HTML pack in a new tab of `context`, offline (everything but the file refused), its charts drawn."""
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    page.goto(html.as_uri())
    page.wait_for_function("""() => { const plots = document.querySelectorAll('.js-plotly-plot');
        return document.fonts.status === 'loaded' && plots.length > 0
          && [...plots].every((p) => p.querySelector('svg.main-svg')); }""")
    drawn_pack(page)
    return page


def drawn_pack(page) -> None:
    """Wait until the charts stop moving (after drawing, a resize or a change of media)."""
    last = None
    for _ in range(20):
        now = charts(page)
        if now == last:
            return
        last = now
        page.wait_for_timeout(250)
