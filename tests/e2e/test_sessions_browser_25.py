"""Several managers in their browsers at once (#25): four colleagues open the institute's server on the staff's own
register (connected), each fills «Записи листов» → «Заявки» for her own applicant, and all four press «Добавить» in
the same second. Four numbers, four rows, and not one cell staff typed changed — through Debian's chromium and a
real `streamlit run`, the sessions being the server's own threads."""

from __future__ import annotations

import re

import pytest

from core.connect.sheet import look, save
from core.store import XlsxStore
from tests.connect.helpers import applications_added, sheet_cells
from tests.connect.staff_books import PROGRAMS, REGISTER, StaffBook, write_book
from tests.e2e.conftest import running, settle

SESSIONS = 4
IDLE = "!document.querySelector('[data-testid=\"stStatusWidget\"]')"


@pytest.fixture
def register_server(tmp_path):
    book = write_book(StaffBook("Реестр", [REGISTER, PROGRAMS]), tmp_path / "Реестр.xlsx")
    store = XlsxStore(book)
    save(store, look(store))
    with running(book, tmp_path) as url:
        yield url, book


def _filled(context, url: str, surname: str):
    """One colleague's page with her applicant typed in, checked, the warnings read: only «Добавить» left."""
    page = context.new_page()
    page.goto(f"{url}/records")
    settle(page)
    page.get_by_test_id("stSelectbox").filter(has_text="Лист").click()
    page.get_by_role("option", name=re.compile("^Заявки — ")).click()
    page.wait_for_function(IDLE, timeout=60_000)
    for label, typed in (("ФИО (фамилия) *", surname), ("ФИО (имя) *", "Анна")):
        page.get_by_label(label, exact=True).fill(typed)
        page.get_by_label(label, exact=True).press("Enter")
        page.wait_for_function(IDLE, timeout=60_000)
    page.get_by_test_id("stSelectbox").filter(has_text="Код программы").click()
    page.get_by_role("option", name=re.compile("^ПК-01 — ")).click()
    page.wait_for_function(IDLE, timeout=60_000)
    page.get_by_role("button", name="Проверить").click()
    page.get_by_text("Предупреждения прочитаны, записать всё равно").click()
    add = page.get_by_role("button", name="Добавить запись на лист «Заявки»")
    add.wait_for(timeout=60_000)
    return page, add


def test_four_colleagues_adding_applications_in_the_same_second_get_four_numbers(chromium, register_server):
    url, book = register_server
    before = sheet_cells(book, REGISTER.name)
    contexts = [chromium.new_context(viewport={"width": 1400, "height": 1000}, locale="ru-RU")
                for _ in range(SESSIONS)]
    try:
        ready = [_filled(c, url, f"Новикова{n}") for n, c in enumerate(contexts)]
        for _page, add in ready:  # one after another with no wait: the four writes meet at the server
            add.click(no_wait_after=True)
        told = []
        for page, _add in ready:
            said = page.get_by_text(re.compile(r"Запись добавлена на лист «Заявки»: № "))
            said.wait_for(timeout=90_000)
            told.append(re.search(r"№ (\S+?)\.?$", said.inner_text().strip()).group(1))
    finally:
        for c in contexts:
            c.close()
    assert len(told) == SESSIONS
    applications_added(book, REGISTER.name, before, told, len(REGISTER.rows))
