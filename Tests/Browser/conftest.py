"""Fixtures of the browser suite: the real services once per session (scripts/browser/stack.py),
headless Debian chromium through Playwright, and the console's pages (pages.py).

Run with scripts/browser-test.sh; SUBAN_BROWSER_BIN names the binaries (default .build/debug),
SUBAN_BROWSER_ARTIFACTS the screenshot folder."""
import os
import shutil
import signal
import sys

import pytest
from playwright.sync_api import sync_playwright

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts", "browser"))
from stack import Stack  # noqa: E402
from pages import Console  # noqa: E402


def _raise_interrupt(signum, _frame):
    # pytest runs the fixtures' finalizers on KeyboardInterrupt, so the services are stopped.
    raise KeyboardInterrupt(f"signal {signum}")


@pytest.fixture(scope="session")
def stack(request):
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _raise_interrupt)
    bin_dir = os.environ.get("SUBAN_BROWSER_BIN", os.path.join(ROOT, ".build", "debug"))
    running = Stack(bin_dir, kb_file=os.path.join(HERE, "..", "..", "docs", "knowledge-base-example.csv"))
    try:
        running.start()
        yield running
    finally:
        running.stop()
        if request.session.testsfailed:
            print(f"\nbrowser: logs and databases kept in {running.work}", file=sys.stderr)
        else:
            shutil.rmtree(running.work, ignore_errors=True)


@pytest.fixture(scope="session")
def artifacts():
    folder = os.environ.get("SUBAN_BROWSER_ARTIFACTS", os.path.join(ROOT, ".build", "browser-artifacts"))
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):  # this run's pictures only
        if name.endswith(".png"):
            os.remove(os.path.join(folder, name))
    return folder


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        # Debian's chromium: Playwright downloads nothing.
        launched = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def console(stack, browser, artifacts):
    """The console's pages; fails every browser test at once if the console serves none."""
    url = stack.wait_console_http(seconds=20)
    pages = Console(url, stack, browser, artifacts)
    yield pages
    pages.close()


@pytest.fixture
def people(console):
    """`people(login)`: a page signed in as that person, closed after the test (its context lives on)."""
    opened = []

    def page_as(login):
        page = console.page_as(login)
        opened.append(page)
        return page
    yield page_as
    for page in opened:
        page.close()


@pytest.fixture
def contexts(console):
    """Fresh browser contexts (nobody signed in) for a test, closed after it."""
    opened = []

    def open_context():
        context = console.new_context()
        opened.append(context)
        return context
    yield open_context
    for context in opened:
        context.close()
