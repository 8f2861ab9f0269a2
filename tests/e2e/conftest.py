"""Browser tests: the dashboard served by `streamlit run` on a free port, driven in Debian's chromium.

Without chromium the tests are skipped with the install command, except under CI (CI=true),
where a missing browser is a failure: .ci/run installs it.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from regie import settings
from regie.document import FLAGS, chromium
from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = chromium() or settings.CHROMIUM.get()  # the one the PDF of the board pack uses
ARTIFACTS = ROOT / "test-artifacts"
READY = "[data-testid=stApp][data-test-script-state=notRunning]"


def require_chromium() -> None:
    """Skip with the install command where chromium is missing; under CI, fail instead."""
    if Path(CHROMIUM).exists():
        return
    message = (
        f"chromium not found at {CHROMIUM}: install it with `sudo apt-get install chromium` to run the browser tests"
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@contextlib.contextmanager
def serve(data_dir: Path, log_dir: Path, port: int | None = None, args: tuple = (), env: dict | None = None):
    """Run `streamlit run dashboard.py` on a (free) port over a data directory, with more
    `args` and `env`; gives its URL.

    A context manager, so the server stops and its log closes even when the test using it fails.
    """
    port = port or free_port()
    env = {**os.environ, "REGIE_DATA_DIR": str(data_dir), **(env or {})}
    log_path = log_dir / "streamlit.log"
    log = log_path.open("wb")
    command = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true", *args]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        log.close()
        pytest.fail(f"the dashboard did not start: {log_path.read_text()[-2000:]}")
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def server(demo_dir, tmp_path_factory):
    with serve(demo_dir, tmp_path_factory.mktemp("server")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def open_page(browser, server, request):
    """Open a path in a fresh browser context and wait until the app has finished running."""
    contexts = []

    def go(path: str, width: int = 1400, height: int = 1200):
        context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.goto(server + path)
        settle(page)
        return page

    yield go
    if getattr(request.node, "failed", False):
        save_screenshots(request.node.name, contexts)
    for context in contexts:
        context.close()


def save_screenshots(name: str, contexts) -> None:
    """A full-page screenshot of every page of the contexts, in test-artifacts/ (after a failure)."""
    ARTIFACTS.mkdir(exist_ok=True)
    for index, context in enumerate(contexts):
        for number, page in enumerate(context.pages):
            page.screenshot(path=str(ARTIFACTS / f"{name}-{index}-{number}.png".replace("/", "_")), full_page=True)


def settle(page, lang: str | None = None) -> None:
    """Wait until the script has finished and the page language is the one the URL asks for.

    One condition for both, with one deadline: the app can report notRunning before its first run
    has begun, so the language (set by that run) is what tells that the run has happened.
    """
    lang = lang or ("en" if "taal=en" in page.url else "nl")
    page.wait_for_function(
        "([ready, lang]) => document.querySelector(ready) !== null && document.documentElement.lang === lang",
        arg=[READY, lang],
        timeout=90_000,
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.failed = True
    return report
