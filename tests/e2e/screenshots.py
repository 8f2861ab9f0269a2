"""Screenshots of what users see: every page of the dashboard at 1440 and 390 px (whole pages), each section
of the Vergadering page at 1440 px, the board pack made on that page (its HTML, whole, and every page of its
PDF at 80 dpi), to look at as a person does (issue 20).

    .venv/bin/python -m tests.e2e.screenshots OUTDIR [--data-dir DIR]

Without --data-dir it makes the demo the browser tests use (tests/conftest.py) in a temporary folder.
Needs chromium; the PDF's pages need pdftoppm (poppler-utils).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from regie.document import FLAGS
from tests.e2e import visual
from tests.e2e.conftest import CHROMIUM, serve

SECTIONS = 6  # regie/boardpack.py SECTIONS: the Vergadering page's parts without a proposal


def name_of(path: str) -> str:
    return path.strip("/").replace("/", "-") or "overzicht"


def whole_page(page, target: Path) -> None:
    """A screenshot of the whole app page: Streamlit scrolls its main area, not the document, so the
    window is made as tall as the content first (and put back after)."""
    size = page.viewport_size
    height = page.evaluate("""() => {
      const sidebar = document.querySelector('[data-testid=stSidebar]');
      const open = sidebar && sidebar.getAttribute('aria-expanded') !== 'false';
      const scrolled = ['[data-testid=stMain]', '[data-testid=stAppViewContainer]',
                        '[data-testid=stMainBlockContainer]', ...(open ? ['[data-testid=stSidebarContent]'] : [])];
      return Math.max(document.documentElement.scrollHeight, ...scrolled.map((s) => {
        const e = document.querySelector(s); return e ? e.scrollHeight + e.getBoundingClientRect().top : 0; }));
    }""")
    if height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 30_000)})
        visual.drawn(page)
    page.screenshot(path=str(target), full_page=True)
    page.set_viewport_size(size)


def app_pages(browser, url: str, out: Path) -> None:
    for width, height in visual.WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        for path in visual.PAGES:
            visual.show(page, url + path)
            whole_page(page, out / f"{name_of(path)}-{width}.png")
            print(f"{name_of(path)} at {width} px", flush=True)
        context.close()
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    for number in range(1, SECTIONS + 1):
        visual.show(page, f"{url}/vergadering?onderdeel={number}")
        whole_page(page, out / f"vergadering-onderdeel-{number}-1440.png")
    context.close()


def pack(browser, url: str, out: Path) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    html, pdf = visual.make_pack(context.new_page(), url, out)
    print(f"pack: {html}" + (f", {pdf}" if pdf else " (no PDF)"), flush=True)
    page = visual.open_pack(browser.new_context(viewport={"width": 1440, "height": 1000}), html)
    page.screenshot(path=str(out / "pack-html-1440.png"), full_page=True)
    page.context.close()
    context.close()
    if pdf is None:
        return
    if not shutil.which("pdftoppm"):
        print("pdftoppm not found (apt-get install poppler-utils): no pictures of the PDF's pages", file=sys.stderr)
        return
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(out / "pack-pdf")], check=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.e2e.screenshots", description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--data-dir", type=Path, help="data directory to serve (default: a fresh demo)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        sys.exit(f"chromium not found at {CHROMIUM}: sudo apt-get install chromium")
    out = args.outdir
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="regie-shots-") as temporary:
        data_dir = args.data_dir
        if data_dir is None:
            from regie.demo import generate
            from tests.conftest import AS_OF, DEMO_TICKETS

            data_dir = Path(temporary) / "demo"
            generate(data_dir, DEMO_TICKETS, seed=7, as_of=AS_OF)
        from playwright.sync_api import sync_playwright

        with serve(data_dir.resolve(), Path(temporary)) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            try:
                app_pages(browser, url, out)
                pack(browser, url, out)
            finally:
                browser.close()
    print(f"{len(list(out.glob('*.png')))} screenshots in {out} ({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
