"""The board pack on paper: A4 landscape, its charts sized for the page, its pages filled.

Each chart gets a fixed size that fits the page, so that it is drawn the same on a screen, in the
HTML printed from a browser and in the PDF: two side by side at half the page's width, or the whole
width for a section's only chart, a vertical bar chart with long category names and one with many
bars. Its height is the one its builder chose (room for its labels); one taller than a page holds is
shown smaller (CSS zoom). It is drawn with Plotly's own template, whatever the process's default: importing
streamlit makes that Streamlit's, whose axes have no automargin, and the pack made in the app lost
its labels where the one made by `python -m regie pack` kept them.

Sections follow each other on a page; a chart with its caption, a table row, a point and a heading
with what follows it are kept from breaking across pages. Before printing, `fit` makes a chart
that would leave a page less than half used a little smaller, so that it fits the page's rest.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go
import plotly.io as pio

MARGIN_MM = 10
PAGE_WIDTH, PAGE_HEIGHT = 1047, 718  # CSS pixels (96 an inch): A4 landscape, 297 x 210 mm, less the margins
GAP = 24  # between two charts side by side
FULL_WIDTH, HALF_WIDTH = 1040, (PAGE_WIDTH - GAP) // 2
DEFAULT_HEIGHT = 360  # a chart whose builder set none
PAGE_CHART = 600  # the tallest chart a page holds under a heading; a taller one is scaled down
NARROW_NAMES, NARROW_BARS = 60, 12  # a vertical bar chart's names, and the bars, that still fit half the width
MIN_USE, MIN_ZOOM = 0.55, 0.7  # `fit`: a page is used at least this much, by charts made at most this much smaller

CSS = f"""
:root {{ color-scheme: light; }}
body {{ font-family: "Source Sans Pro", "Segoe UI", Arial, sans-serif; color: #111; margin: 0 auto;
       max-width: {PAGE_WIDTH}px; padding: 0 16px; font-size: 15px; line-height: 1.45; }}
h1 {{ font-size: 28px; margin: 24px 0 4px; }}
h2 {{ font-size: 24px; border-bottom: 2px solid #0072B2; margin: 28px 0 8px; }}
h3 {{ font-size: 17px; margin: 14px 0 6px; }}
.meta {{ color: #333; margin: 2px 0; }}
table {{ border-collapse: collapse; margin: 6px 0 14px; font-size: 13px; }}
th, td {{ border-bottom: 1px solid #bbb; padding: 3px 8px; text-align: left; vertical-align: top; }}
th {{ background: #eef3f8; }}
th.num, td.num {{ text-align: right; }}
.charts {{ margin: 8px 0 14px; break-inside: avoid; white-space: nowrap; }}
figure {{ display: inline-block; vertical-align: top; margin: 0; white-space: normal; }}
figure + figure {{ margin-left: {GAP}px; }}
figcaption {{ color: #333; font-size: 13px; }}
ol.points li {{ margin: 6px 0; font-size: 16px; }}
a {{ color: #005a8c; }}
nav ol {{ columns: 2; }}
@page {{ size: A4 landscape; margin: {MARGIN_MM}mm; }}
@media print {{
  body {{ max-width: none; padding: 0; font-size: 14px; }}
  h1 {{ margin-top: 0; }}
  h2 {{ font-size: 22px; margin-top: 18px; }}
  h2, h3, dt {{ break-after: avoid; }}
  tr, li, dd, p {{ break-inside: avoid; }}
  ol.points li {{ font-size: 13px; margin: 4px 0; }}
  dl {{ font-size: 13px; }} dd {{ margin-left: 24px; }}
  nav, .noprint {{ display: none; }}
  a {{ color: inherit; text-decoration: none; }}
  a.open::after {{ content: " (" attr(href) ")"; font-size: 11px; color: #444; }}
}}
"""


def sized(fig: go.Figure, width: int) -> tuple[go.Figure, float]:
    """The chart as the document draws it, `width` wide and as tall as its builder made it (room for
    its labels), and the scale it is shown at: 1, or less for a chart taller than a page holds."""
    fig = go.Figure(fig)
    fig.layout.template = pio.templates["plotly"]  # assigned, not merged into the template it had
    height = fig.layout.height or DEFAULT_HEIGHT
    fig.update_layout(width=width, height=height, autosize=False)
    fig.update_xaxes(automargin=True).update_yaxes(automargin=True)
    return fig, min(1.0, PAGE_CHART / height)


def _narrow(fig: go.Figure) -> bool:
    """Whether a chart reads well at half the page's width: not a vertical bar chart whose category
    names, written side by side, are long (they would tilt into the legend), nor one with many bars."""
    for trace in fig.data:
        values = trace.y if trace.orientation == "h" else trace.x
        names = [] if values is None else [str(v) for v in dict.fromkeys(values)]
        if trace.type == "bar" and (
            len(names) > NARROW_BARS or (trace.orientation != "h" and sum(map(len, names)) > NARROW_NAMES)
        ):
            return False
    return True


def figures(charts: list) -> str:
    """A section's charts (boardpack.Chart) in rows: two side by side where both read well at half the
    width, else one the whole width; each with its summary as caption (as wide as the chart)."""
    narrow = [len(charts) > 1 and _narrow(chart.fig) for chart in charts]
    rows, index = [], 0
    while index < len(charts):
        paired = narrow[index] and index + 1 < len(charts) and narrow[index + 1]
        shown = []
        for chart in charts[index : index + (2 if paired else 1)]:
            width = HALF_WIDTH if paired else FULL_WIDTH
            fig, scale = sized(chart.fig, width)
            div = pio.to_html(fig, full_html=False, include_plotlyjs=False, div_id=chart.key,
                              config={"displaylogo": False, "responsive": False})  # fmt: skip
            style = f"width: {width}px" + ("" if scale == 1 else f"; zoom: {scale:.3f}")
            shown.append(f"<figure style='{style}'>{div}<figcaption>{html.escape(chart.summary)}</figcaption></figure>")
        rows.append(f"<div class='charts'>{''.join(shown)}</div>")
        index += 2 if paired else 1
    return "\n".join(rows)


# In print layout, one page after the other as chromium will break them: the units that are not broken
# (a heading with what follows it, a paragraph, a point, a table row, a row of charts), each on the page
# where it fits. Where a row of charts does not fit and would leave the page less than half used, the
# charts are made smaller (CSS zoom: their labels stay, a little smaller) to fit its rest, and the
# caller measures again. Returns whether it changed a chart.
FIT_JS = """({height, minUse, minZoom}) => {
  const units = [];
  const selector = 'header > h1, header > p, section > h2, section > p, section > h3, ol.points > li, '
                 + '.charts, tr, dl > dt, dl > dd';
  let keep = false;
  for (const el of document.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect();
    if (r.height === 0) continue;
    const top = r.top + window.scrollY, bottom = r.bottom + window.scrollY;
    const figures = el.classList.contains('charts') ? [...el.querySelectorAll('figure')] : [];
    const last = units[units.length - 1];
    if (last && keep) {
      last.bottom = Math.max(last.bottom, bottom);
      last.figures.push(...figures);
    } else {
      const head = el.tagName === 'TR' && el.parentNode.tagName === 'TBODY' && el.closest('table').tHead;
      const repeat = head ? head.getBoundingClientRect().height : 0;
      units.push({top, bottom, figures, repeat});
    }
    keep = ['H2', 'H3', 'DT'].includes(el.tagName) || (el.tagName === 'TR' && el.parentNode.tagName === 'THEAD');
  }
  let start = units.length ? units[0].top : 0;
  for (const unit of units) {
    if (unit.bottom - start <= height) continue;
    const used = unit.top - start;
    if (unit.figures.length && used < height * minUse) {
      const tall = Math.max(...unit.figures.map((f) => f.getBoundingClientRect().height));
      const over = unit.bottom - start - height + 8;
      const zoom = (tall - over) / tall;
      if (zoom >= minZoom) {
        for (const f of unit.figures) f.style.zoom = String((Number(f.style.zoom) || 1) * zoom);
        return true;
      }
    }
    start = unit.top - unit.repeat;  // a table's head is repeated on the page it goes on
  }
  return false;
}"""


def fit(page, rounds: int = 8) -> None:
    """Make charts smaller where that keeps a page from being left less than half used (see FIT_JS),
    in a Playwright page that shows the document in print layout."""
    for _ in range(rounds):
        if not page.evaluate(FIT_JS, {"height": PAGE_HEIGHT, "minUse": MIN_USE, "minZoom": MIN_ZOOM}):
            return
