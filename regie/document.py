"""The board pack as one self-contained HTML file (interactive charts, no network needed) and as PDF.

The HTML carries plotly.js inline once and every chart as a div, a print stylesheet for A4
landscape with a page break before each section, the filters, the data date, the snapshot the
figures were read from (visibly and as metadata) and the definitions. It holds no clock time of
its own: the same snapshot and filters give the same bytes, so a pack can be made again later.
The PDF is that HTML printed by chromium (through Playwright), in a worker thread so that it
never meets Streamlit's event loop.
"""

from __future__ import annotations

import html
import os
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from regie import i18n, settings
from regie.boardpack import Pack

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PRINT_WIDTH = 1100  # CSS pixels: A4 landscape minus margins at 96 dpi, roughly
CSS = """
:root { color-scheme: light; }
body { font-family: "Source Sans Pro", "Segoe UI", Arial, sans-serif; color: #111; margin: 0 auto; max-width: 1100px;
       padding: 0 16px; font-size: 15px; line-height: 1.45; }
h1 { font-size: 28px; margin: 24px 0 4px; } h2 { font-size: 24px; border-bottom: 2px solid #0072B2; }
h3 { font-size: 17px; margin: 18px 0 6px; }
.meta { color: #333; margin: 2px 0; }
table { border-collapse: collapse; margin: 6px 0 14px; font-size: 13px; }
th, td { border-bottom: 1px solid #bbb; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #eef3f8; }
figure { margin: 8px 0 18px; break-inside: avoid; }
figcaption { color: #333; font-size: 13px; }
ol.points li { margin: 6px 0; font-size: 16px; }
a { color: #005a8c; }
nav ol { columns: 2; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { max-width: none; padding: 0; }
  section { break-before: page; }
  nav, .noprint { display: none; }
  a { color: inherit; text-decoration: none; }
  a.open::after { content: " (" attr(href) ")"; font-size: 11px; color: #444; }
}
"""


def _cells(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Numbers and dates as the dashboard shows them (1.234,56; 31-12-2026 in Dutch)."""
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column]
        if pd.api.types.is_bool_dtype(values):
            continue
        if pd.api.types.is_numeric_dtype(values):
            whole = values.dropna().apply(lambda v: float(v).is_integer()).all()
            shown[column] = [i18n.number(v, 0 if whole else 2, lang) if pd.notna(v) else "" for v in values]
        elif pd.api.types.is_datetime64_any_dtype(values) or values.map(lambda v: isinstance(v, date)).any():
            shown[column] = [i18n.short_date(v.date() if hasattr(v, "date") else v, lang) for v in values]
    return shown


def _table(title: str, frame: pd.DataFrame, lang: str) -> str:
    body = _cells(frame, lang).to_html(index=False, escape=True, na_rep="", border=0)
    return f"<h3>{html.escape(title)}</h3>\n{body}"


def source_line(pack: Pack) -> str:
    """The colophon: the snapshot the figures were read from and its date, e.g. "Gegevens: momentopname
    12 van 2 december 2026. Gemaakt met het Regiedashboard."."""
    lang = pack.lang
    if pack.snapshot is None:
        return i18n.t("pack_made", lang)
    when = "" if pack.snapshot_at is None else i18n.long_date(pack.snapshot_at.date(), lang)
    key = "pack_source_at" if when else "pack_source"
    return i18n.t(key, lang, number=pack.snapshot, when=when) + " " + i18n.t("pack_made", lang)


def metadata(pack: Pack) -> dict[str, str]:
    """What the document's <meta> elements record: the snapshot and the filters it was made with."""
    found = {
        "generator": "Regiedashboard",
        "regie-period": str(pack.period),
        "regie-municipality": pack.member or "all",
        "regie-lang": pack.lang,
        "regie-data-until": (pack.data_until - timedelta(days=1)).isoformat(),
    }
    if pack.snapshot is not None:
        found["regie-snapshot"] = str(pack.snapshot)
    if pack.snapshot_at is not None:
        found["regie-snapshot-time"] = pack.snapshot_at.isoformat(timespec="seconds")
    return found


def render_html(pack: Pack, base_url: str = "") -> str:
    """The pack as one HTML document; links go to `base_url` + the page path (relative when empty)."""
    lang = pack.lang
    last_day = pack.data_until - timedelta(days=1)
    period = i18n.period_label(pack.period, lang)
    filters = i18n.t("pack_filters", lang, scope=pack.scope, period=period, until=i18n.long_date(last_day, lang))
    meta = [f"<meta name='{k}' content='{html.escape(v, quote=True)}'>" for k, v in metadata(pack).items()]
    parts = [
        f"<!DOCTYPE html>\n<html lang='{lang}'>\n<head>\n<meta charset='utf-8'>",
        *meta,
        f"<title>{html.escape(pack.title)}</title>\n<style>{CSS}</style>",
        f"<script>{get_plotlyjs()}</script>\n</head>\n<body>",
        f"<header><h1>{html.escape(pack.title)}</h1><p class='meta'>{html.escape(filters)}</p>",
        f"<p class='meta' id='source'>{html.escape(source_line(pack))}</p>",
        f"<nav><h3>{html.escape(i18n.t('pack_contents', lang))}</h3><ol>",
        *[f"<li><a href='#{s.key}'>{html.escape(s.title)}</a></li>" for s in pack.sections],
        f"<li><a href='#definitions'>{html.escape(i18n.t('definitions', lang))}</a></li></ol></nav></header>",
    ]
    for section in pack.sections:
        parts.append(f"<section id='{section.key}'><h2>{html.escape(section.title)}</h2>")
        parts += [f"<p>{html.escape(text)}</p>" for text in section.texts]
        if section.points:
            parts.append("<ol class='points'>")
            for point in section.points:
                link = html.escape(base_url + point.link(lang), quote=True)
                anchor = f"<a class='open' href='{link}'>{html.escape(i18n.t('pack_open', lang))}</a>"
                parts.append(f"<li>{html.escape(point.text(lang))} {anchor}</li>")
            parts.append("</ol>")
        for chart in section.charts:
            # Plotly's own template, whatever the process's default: importing streamlit makes that
            # Streamlit's, whose axes have no automargin, and the pack's labels were cut off.
            fig = go.Figure(chart.fig).update_layout(template=pio.templates["plotly"])
            div = pio.to_html(fig, full_html=False, include_plotlyjs=False, div_id=chart.key,
                              config={"displaylogo": False, "responsive": True})  # fmt: skip
            parts.append(f"<figure>{div}<figcaption>{html.escape(chart.summary)}</figcaption></figure>")
        parts += [_table(title, frame, lang) for title, frame in section.tables]
        parts.append("</section>")
    parts.append(f"<section id='definitions'><h2>{html.escape(i18n.t('definitions', lang))}</h2><dl>")
    parts += [f"<dt><b>{html.escape(term)}</b></dt><dd>{html.escape(text)}</dd>" for term, text in pack.definitions]
    parts.append("</dl></section>\n</body>\n</html>\n")
    return "\n".join(parts)


def chromium() -> str | None:
    """The chromium that prints PDFs: REGIE_CHROMIUM when set (None if it does not exist), else the
    default path, else one on PATH; None when there is none."""
    configured = settings.CHROMIUM.get()
    if os.environ.get(settings.CHROMIUM.name, "").strip() or Path(configured).exists():
        return configured if Path(configured).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _print_pdf(document: str, browser_path: str, charts: int) -> bytes:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": PRINT_WIDTH, "height": 800})
            page.route("**/*", lambda route: route.abort())  # the document needs nothing from outside
            page.set_content(document, wait_until="load")
            page.wait_for_function(
                f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}", timeout=60_000
            )
            page.emulate_media(media="print")
            return page.pdf(format="A4", landscape=True, print_background=True, outline=True, tagged=True)
        finally:
            browser.close()


def render_pdf(pack: Pack, document: str | None = None, browser_path: str | None = None) -> bytes:
    """The pack printed to PDF by chromium; raises FileNotFoundError when there is no chromium."""
    browser_path = browser_path or chromium()
    if browser_path is None:
        raise FileNotFoundError("chromium")
    document = document or render_html(pack)
    charts = sum(len(s.charts) for s in pack.sections)
    with ThreadPoolExecutor(max_workers=1) as worker:  # Playwright's sync API may not run inside an event loop
        return worker.submit(_print_pdf, document, browser_path, charts).result()


def make(pack: Pack, base_url: str = "", progress: Callable[[str], None] | None = None) -> tuple[str, bytes | None]:
    """The HTML and, where chromium exists, the PDF; progress is told each step."""
    if progress:
        progress("html")
    document = render_html(pack, base_url)
    if chromium() is None:
        return document, None
    if progress:
        progress("pdf")
    return document, render_pdf(pack, document)
