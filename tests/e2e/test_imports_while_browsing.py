"""Pages reloaded in a real browser while five imports land in their data directory: every load
ends without an error, and a reload after the imports shows the new tickets."""

from __future__ import annotations

import itertools
import shutil
import threading
import time

import pytest

from benchmarks.concurrency import HEADER
from regie.db import Database
from regie.importing import run_import
from tests.e2e.conftest import ARTIFACTS, save_screenshots, serve, settle

PATHS = ["/", "/dienstverlening", "/kosten", "/gegevens"]
IMPORTS = 5
LOADS_PER_IMPORT = 1  # page loads begun before each import starts: every import lands while a page loads
ERRORS = "[data-testid=stException], [data-testid=stAlertContentError]"
QUARTER = {"start": "2026-07-01", "end": "2026-10-01"}  # the demo's last full quarter: the default period


@pytest.fixture
def lake_server(demo_dir, tmp_path):
    """The dashboard over a copy of the demo data (the session's demo stays as it is)."""
    data_dir = tmp_path / "data"
    shutil.copytree(demo_dir, data_dir)
    with serve(data_dir, tmp_path) as url:
        yield url, data_dir


@pytest.fixture
def tab(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1200})
    yield context.new_page()
    if getattr(request.node, "failed", False):
        save_screenshots(request.node.name, [context])
    context.close()


def tickets(data_dir) -> tuple[int, int]:
    """All tickets, and those opened in the default period (what the Gegevens page counts)."""
    db = Database(data_dir)
    try:
        sql = "select count(*), count(*) filter (opened_at >= $start and opened_at < $end) from tickets"
        return tuple(int(n) for n in db.sql(sql, QUARTER).iloc[0])
    finally:
        db.close()


def import_tickets(data_dir, folder, loads: threading.Semaphore, done: dict) -> None:
    """One new ticket of GM9001 in August 2026 per import, as a separate file each; each import
    starts when LOADS_PER_IMPORT more page loads have begun."""
    folder.mkdir()
    for number in range(IMPORTS):
        if not all(loads.acquire(timeout=120) for _ in range(LOADS_PER_IMPORT)):
            done["errors"].append("no page loads for 2 minutes")
            return
        path = folder / f"tickets{number}.csv"
        line = f"E2E{number},GM9001,incident,2,Werkplek,phone,Servicedesk,2026-08-{3 + number:02d} 09:00,0,false\n"
        path.write_text(HEADER + line)
        began = time.monotonic()
        try:
            done["committed"].append(run_import("tickets", [path], data_dir).committed)
        except Exception as error:  # noqa: BLE001 (reported by the test)
            done["errors"].append(repr(error))
        done["seconds"].append(round(time.monotonic() - began))


def test_pages_reload_without_an_error_while_imports_land(lake_server, tab, tmp_path):
    url, data_dir = lake_server
    total, in_quarter = tickets(data_dir)
    loads, failures, shown, begun = [], [], [], threading.Semaphore(0)

    def visit(path: str) -> None:
        tab.goto(url + path)
        begun.release()
        settle(tab)
        found = [e.inner_text()[:300] for e in tab.locator(ERRORS).all()]
        loads.append(path)
        if found:
            ARTIFACTS.mkdir(exist_ok=True)
            tab.screenshot(path=str(ARTIFACTS / f"imports-while-browsing-load{len(loads)}.png"), full_page=True)
            failures.append((len(loads), path, found))
        elif path == "/gegevens":  # "12.345 rijen; hieronder rij 1 tot en met 100."
            caption = tab.locator("[data-testid=stCaptionContainer]").filter(has_text="rijen; ").first.inner_text()
            shown.append(int(caption.split(" ")[0].replace(".", "")))

    for path in PATHS:  # each page once before the imports: the server warm, the count as the data hold it
        visit(path)
    assert shown == [in_quarter] and not failures
    while begun.acquire(blocking=False):  # the imports count the loads from here on
        pass
    done = {"committed": [], "errors": [], "seconds": []}
    writer = threading.Thread(target=import_tickets, args=(data_dir, tmp_path / "files", begun, done))
    started = time.monotonic()
    writer.start()
    for path in itertools.cycle(PATHS):
        if not writer.is_alive() or time.monotonic() - started > 600:
            break
        visit(path)
    writer.join(timeout=120)
    assert not writer.is_alive(), f"the imports did not finish in 12 minutes: {done}"
    during, seconds = len(loads) - len(PATHS), time.monotonic() - started
    visit("/gegevens")
    print(
        f"\n{during} page loads during {IMPORTS} imports in {seconds:.0f} s (each took {done['seconds']} s);",
        f"Gegevens counted {shown}; {len(failures)} loads with an error; import errors: {done['errors']}",
    )

    assert failures == []
    assert done["errors"] == [] and done["committed"] == [True] * IMPORTS
    assert tickets(data_dir) == (total + IMPORTS, in_quarter + IMPORTS)
    assert shown[-1] == in_quarter + IMPORTS  # the reload after the imports shows all five
    assert shown == sorted(shown)  # a later run never reads an older snapshot
    assert during >= IMPORTS * LOADS_PER_IMPORT
