"""A real `streamlit run` on 127.0.0.1 with a demo workbook, and Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.serve import NotServing, streamlit_app

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
# Without the background-networking flags chromium keeps trying to reach Google from a closed network.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@contextmanager
def running(workbook: Path, folder: Path, address: str = "127.0.0.1", **extra_env: str):
    """A fresh `streamlit run` on a free port; yields its URL once it answers its health check."""
    if not Path(CHROMIUM).exists():
        pytest.skip("нет /usr/bin/chromium: его ставит make test (tools/ensure_debian.sh)")
    try:
        with streamlit_app(workbook, folder, address, **extra_env) as (url, _pid):
            yield url
    except NotServing as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def server(demo_workbook, tmp_path_factory):
    folder = tmp_path_factory.mktemp("e2e")
    workbook = folder / "edudesk.xlsx"
    shutil.copy(demo_workbook, workbook)
    with running(workbook, folder) as url:
        yield url, workbook


@contextmanager
def chromium_browser():
    """Debian's chromium driven by Playwright (its own browser download does not work here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture(scope="session")
def chromium():
    """One browser for the whole run: Playwright's sync API allows one instance at a time."""
    with chromium_browser() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(server, chromium):
    return chromium


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True, locale="ru-RU")
    tab = context.new_page()
    yield tab
    context.close()


def open_page(page, server, path: str):
    """Go to a page and wait until Streamlit has rendered it."""
    url, _ = server
    page.goto(f"{url}/{path}")
    settle(page)


# The app's root says where its script run is: «initial» before the first, «running», then «notRunning».
_RUN_OVER = ("() => !document.querySelector('[data-testid=\"stStatusWidget\"]') && "
             "document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'notRunning'")
_QUIET_MS = 300  # a rerun a click or st.rerun asked for starts within this; then the run is awaited again


def settle(page, pause_ms: int = 2000) -> None:
    """Wait until Streamlit has rendered the page and its script run is over (its root says «notRunning», not only
    «the status widget is gone», which is also true before the run starts). The full `pause_ms` only when
    screenshots are kept: tables draw on a canvas a moment after the run, which only a picture needs."""
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_function(_RUN_OVER, timeout=60_000)
    page.wait_for_timeout(pause_ms if os.environ.get("EDUDESK_SCREENSHOTS_DIR") else _QUIET_MS)
    page.wait_for_function(_RUN_OVER, timeout=60_000)


# Text a person can see: not hidden, not zero-sized, not transparent, and not a material icon's ligature name.
VISIBLE_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest('[data-testid="stIconMaterial"], style, script')) continue;
    const css = getComputedStyle(el);
    if (css.display === 'none' || css.visibility === 'hidden' || parseFloat(css.fontSize) === 0 ||
        css.color === 'rgba(0, 0, 0, 0)' || !el.getClientRects().length) continue;
    out.push(node.textContent.trim());
  }
  return out.join('\\n');
}"""


def visible_text(page) -> str:
    return page.evaluate(VISIBLE_TEXT)
