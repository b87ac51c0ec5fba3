"""In a real browser: a methodist connects the register her office keeps and sees its mistakes at her own cells."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.connect.mapping import MAPPING_TAB
from core.store import XlsxStore
from tests.connect.staff_books import BOOKS, write_book
from tests.e2e.conftest import VISIBLE_TEXT, running, settle


@pytest.fixture
def staff_server(tmp_path):
    book = write_book(BOOKS[0], tmp_path / "Реестр ДПО 2026.xlsx")
    with running(book, tmp_path) as url:
        yield url, book


def test_connect_the_staff_register_and_see_findings_at_their_cells(browser, staff_server):
    """The session's browser (one Playwright per process) on a server of its own, started on the staff's book."""
    url, book = staff_server
    shots = os.environ.get("EDUDESK_SCREENSHOTS_DIR")
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ru-RU", accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(f"{url}/connect")
        settle(page, 2500)
        page.get_by_text("Лист «Реестр слушателей 2026» → «Заявки»").wait_for(timeout=60_000)
        settle(page, 2500)
        text = page.evaluate(VISIBLE_TEXT)
        assert "Лист «Реестр слушателей 2026» → «Заявки»" in text
        if shots:
            page.screenshot(path=str(Path(shots) / "connect.png"), full_page=True)
        words = page.get_by_text("Слова в столбце «Статус» (L)")  # their «принята»: what does it mean in the model?
        words.evaluate("e => e.scrollIntoView({block: 'start'})")
        settle(page, 1000)
        assert words.is_visible()
        if shots:
            page.screenshot(path=str(Path(shots) / "connect-words.png"))
        page.get_by_role("button", name="Сохранить соответствие").click()
        page.get_by_text("Соответствие сохранено").wait_for(timeout=60_000)
        page.goto(f"{url}/checks")
        settle(page, 2500)
        with page.expect_download() as download:  # the table is drawn on a canvas: read what it holds from its CSV
            page.get_by_text("Скачать находки (.csv)").click()
        csv = Path(download.value.path()).read_bytes().decode("utf-8-sig")
        assert "Реестр слушателей 2026" in csv and "D9" in csv
        # the model tabs her book never had are one warning, not 30 errors ahead of her own findings
        assert "Нет листа" not in csv and csv.count("В таблице нет листов модели") == 1
        if shots:
            page.screenshot(path=str(Path(shots) / "connect-checks.png"), full_page=True)
    finally:
        context.close()
    assert MAPPING_TAB in XlsxStore(book).tab_names()


def test_a_register_kept_on_a_tab_per_group_is_connected_and_checked_whole(browser, tmp_path):
    """Two tabs of one register (one per group): the page says the second joins the first, and after saving the
    check page finds the mistake planted on the second tab at its own cell."""
    from tests.connect.test_several_tabs_25 import BOOK, G06

    book = write_book(BOOK, tmp_path / "Слушатели по группам.xlsx")
    shots = os.environ.get("EDUDESK_SCREENSHOTS_DIR")
    with running(book, tmp_path) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ru-RU", accept_downloads=True)
        try:
            page = context.new_page()
            page.goto(f"{url}/connect")
            joined = f"Лист «{G06}» → «Слушатели» вместе с листом «Слушатели Г-05»"
            page.get_by_text(joined).wait_for(timeout=60_000)
            settle(page, 2500)
            assert "Тот же реестр, что на листе «Слушатели Г-05»" in page.evaluate(VISIBLE_TEXT)
            if shots:
                page.get_by_text(joined).evaluate("e => e.scrollIntoView({block: 'start'})")
                settle(page, 1000)
                page.screenshot(path=str(Path(shots) / "connect-groups.png"))
            page.get_by_role("button", name="Сохранить соответствие").click()
            page.get_by_text("Соответствие сохранено в лист").wait_for(timeout=60_000)
            assert "листов — 2" in page.evaluate(VISIBLE_TEXT)
            page.goto(f"{url}/checks")
            settle(page, 2500)
            with page.expect_download() as download:
                page.get_by_text("Скачать находки (.csv)").click()
            csv = Path(download.value.path()).read_bytes().decode("utf-8-sig")
            assert f"{G06}" in csv and "F5" in csv and "−5" in csv
        finally:
            context.close()


def test_the_words_of_a_columns_drop_down_list_are_asked_about_before_any_cell_holds_one(browser, tmp_path):
    """The register in January: no cell says «принята» yet, but its «Статус» list offers it. The page asks what
    «принята» and «в работе» mean (old code: no question, and the first accepted application got «согласована»)."""
    from tests.connect.test_drop_downs_25 import _register_book

    book = _register_book(tmp_path / "Реестр ДПО 2027.xlsx", "range")
    shots = os.environ.get("EDUDESK_SCREENSHOTS_DIR")
    with running(book, tmp_path) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ru-RU")
        try:
            page = context.new_page()
            page.goto(f"{url}/connect")
            words = page.get_by_text("Слова в столбце «Статус» (L)")
            words.wait_for(timeout=60_000)
            settle(page, 1000)
            words.evaluate("e => e.scrollIntoView({block: 'start'})")
            settle(page, 1000)
            assert words.is_visible()
            if shots:
                page.screenshot(path=str(Path(shots) / "connect-list-words.png"))
        finally:
            context.close()
