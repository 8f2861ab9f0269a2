"""The board pack as one self-contained HTML file (interactive charts, no network needed) and as PDF.

The HTML carries plotly.js inline once and every chart as a div, a print stylesheet for A4
landscape, the filters, the data date, the snapshot the figures were read from (visibly and as
metadata) and the definitions. It holds no clock time of its own: the same snapshot and filters
give the same bytes, so a pack can be made again later. The Vergadering page and `python -m regie
pack` both make it with `make`, so the same pack gives the same document wherever it is made.

Made for paper (regie/pack_layout.py): charts sized for A4 landscape, pages filled.
Links to the dashboard are made from REGIE_PUBLIC_URL; without it a point names its page in plain
text. The PDF is that HTML printed by chromium (through Playwright) with print media emulated, in
a worker thread so that it never meets Streamlit's event loop.
"""

from __future__ import annotations

import html
import os
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pandas as pd
from plotly.offline import get_plotlyjs

from regie import i18n, labels, pack_layout, settings, table_format
from regie.boardpack import Pack
from regie.discussion import Point

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _table(title: str, frame: pd.DataFrame, lang: str) -> str:
    """A section's table as every page shows it (regie/table_format.py): units in the headers."""
    return f"<h3>{html.escape(title)}</h3>\n{table_format.html(frame, lang)}"


def source_line(pack: Pack) -> str:
    """The colophon: the snapshot the figures were read from and its date, e.g. "Gegevens: momentopname
    12 van 2 december 2026. Gemaakt met het Regiedashboard."."""
    lang = pack.lang
    if pack.snapshot is None:
        return i18n.t("Made with the Regiedashboard.", lang)
    when = "" if pack.snapshot_at is None else i18n.long_date(pack.snapshot_at.date(), lang)
    if when:
        source = i18n.t("Data: snapshot {number} of {when}.", lang, number=pack.snapshot, when=when)
    else:
        source = i18n.t("Data: snapshot {number}.", lang, number=pack.snapshot)
    return source + " " + i18n.t("Made with the Regiedashboard.", lang)


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


def _point(point: Point, lang: str, public_url: str) -> str:
    """A point for discussion with a link to its page at the dashboard's public address, or, without
    one, the page's name in plain text (never a link to the machine that made the document)."""
    text = html.escape(point.text(lang))
    if public_url:
        link = html.escape(public_url + point.link(lang), quote=True)
        anchor = html.escape(i18n.t("See the page", lang))
        return f"<li>{text} <a class='open' href='{link}'>{anchor}</a></li>"
    page = labels.show(labels.PAGES, point.page, lang)
    named = html.escape(i18n.t("See the page {page}.", lang, page=page))
    return f"<li>{text} <span class='open'>{named}</span></li>"


def render_html(pack: Pack) -> str:
    """The pack as one HTML document; its links go to the dashboard's public address (REGIE_PUBLIC_URL)."""
    lang = pack.lang
    public_url = settings.public_url()
    last_day = pack.data_until - timedelta(days=1)
    period = i18n.period_label(pack.period, lang)
    filters = i18n.t(
        "Filters: {scope}, {period}. Data up to {until}.",
        lang,
        scope=pack.scope,
        period=period,
        until=i18n.long_date(last_day, lang),
    )
    contents, definitions = html.escape(i18n.t("Contents", lang)), html.escape(i18n.t("Definitions", lang))
    meta = [f"<meta name='{k}' content='{html.escape(v, quote=True)}'>" for k, v in metadata(pack).items()]
    parts = [
        f"<!DOCTYPE html>\n<html lang='{lang}'>\n<head>\n<meta charset='utf-8'>",
        *meta,
        f"<title>{html.escape(pack.title)}</title>\n<style>{pack_layout.CSS}</style>",
        f"<script>{get_plotlyjs()}</script>\n</head>\n<body>",
        f"<header><h1>{html.escape(pack.title)}</h1><p class='meta'>{html.escape(filters)}</p>",
        f"<p class='meta' id='source'>{html.escape(source_line(pack))}</p>",
        f"<nav><h3>{contents}</h3><ol>",
        *[f"<li><a href='#{s.key}'>{html.escape(s.title)}</a></li>" for s in pack.sections],
        f"<li><a href='#definitions'>{definitions}</a></li></ol></nav></header>",
    ]
    for section in pack.sections:
        parts.append(f"<section id='{section.key}'><h2>{html.escape(section.title)}</h2>")
        parts += [f"<p>{html.escape(text)}</p>" for text in section.texts]
        if section.points:
            parts += ["<ol class='points'>", *[_point(p, lang, public_url) for p in section.points], "</ol>"]
        if section.charts:
            parts.append(pack_layout.figures(section.charts))
        parts += [_table(title, frame, lang) for title, frame in section.tables]
        parts.append("</section>")
    parts.append(f"<section id='definitions'><h2>{definitions}</h2><dl>")
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


def lay_out_for_print(page, document: str, charts: int) -> None:
    """Lay `document` out in a Playwright page as it is printed: print media emulated before it loads
    (chromium fires `beforeprint` before print styles apply, so nothing is left to resize then), a
    window as wide as an A4 page's text, every chart drawn, a moment for Plotly to settle, and the charts
    fitted to the pages (pack_layout.fit)."""
    page.set_viewport_size({"width": pack_layout.PAGE_WIDTH, "height": pack_layout.PAGE_HEIGHT})
    page.emulate_media(media="print")
    page.set_content(document, wait_until="load")
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}", timeout=60_000)
    page.wait_for_timeout(300)
    pack_layout.fit(page)


def _print_pdf(document: str, browser_path: str, charts: int) -> bytes:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, args=FLAGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort())  # the document needs nothing from outside
            lay_out_for_print(page, document, charts)
            margin = {side: f"{pack_layout.MARGIN_MM}mm" for side in ("top", "right", "bottom", "left")}
            return page.pdf(format="A4", landscape=True, margin=margin, print_background=True, outline=True,
                            tagged=True)  # fmt: skip
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


def make(pack: Pack, progress: Callable[[str], None] | None = None) -> tuple[str, bytes | None]:
    """The pack's HTML and, where chromium exists, its PDF; progress is told each step. The one way the
    document is made, on the Vergadering page and by `python -m regie pack` alike."""
    if progress:
        progress("html")
    document = render_html(pack)
    if chromium() is None:
        return document, None
    if progress:
        progress("pdf")
    return document, render_pdf(pack, document)
