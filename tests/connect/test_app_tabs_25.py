"""#25: a staff workbook that also holds the app's own tabs — «Пользователи» made by «Создать лист», say. Was: the
proposal looked at «Пользователи» as one more staff register and took it for «Преподаватели» (E-mail, ФИО,
Подразделение); saved so, the app found no «Пользователи», and the command line took everyone for the local
administrator — an observer changed a listener's score. Now a tab the app keeps for itself, as the app made it, is
read by its name; a staff's own tab of that name and other columns is looked at as any staff tab."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from core.connect.propose import propose
from sheets_schema import TAB_BY_NAME
from tests.connect.helpers import connect_book, sheet_cells
from tests.connect.test_merged_down_25 import SHEET
from tests.connect.test_merged_down_25 import _book as listeners_book

ROOT = Path(__file__).resolve().parents[2]
USERS = [["admin@oiro.example.ru", "Смирнова Елена Викторовна", "администратор", ""],
         ["viewer@oiro.example.ru", "Петров Илья Андреевич", "наблюдатель", "курсовой отдел"]]


def _with_users(tmp_path) -> Path:
    path = listeners_book(tmp_path, True)
    book = openpyxl.load_workbook(path)
    users = book.create_sheet("Пользователи")
    users.append(TAB_BY_NAME["Пользователи"].headers)
    for row in USERS:
        users.append(row)
    book.save(path)
    return path


def test_the_apps_own_users_tab_is_not_proposed_as_a_staff_register(tmp_path):
    store = connect_book(_with_users(tmp_path))
    assert "Пользователи" in store.tab_names() and "Преподаватели" not in store.tab_names()
    assert [r[0] for r in store.read(["Пользователи"]).tabs["Пользователи"].rows] == [u[0] for u in USERS]


def test_an_observer_of_a_connected_workbook_only_reads_from_the_command_line(tmp_path):
    path = _with_users(tmp_path)
    connect_book(path)
    before = sheet_cells(path, SHEET)
    done = subprocess.run([sys.executable, "-m", "core.cli", "--workbook", str(path), "edit", "Слушатели", "С-001",
                           "--set", "Итоговый тест, балл=55", "--yes"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "EDUDESK_USER": "viewer@oiro.example.ru"}, timeout=120)
    assert done.returncode != 0 and "только просматривает" in done.stdout + done.stderr
    assert sheet_cells(path, SHEET) == before


@pytest.mark.parametrize(("name", "header", "own"), [
    ("Пользователи", TAB_BY_NAME["Пользователи"].headers, True),
    ("пользователи ", TAB_BY_NAME["Пользователи"].headers + ["Примечание"], True),
    ("Журнал", ["Дата", "Группа", "ФИО слушателя", "Отметка"], False),  # the staff's own class journal
    ("Сотрудники", TAB_BY_NAME["Пользователи"].headers, False),
])
def test_which_tabs_are_the_apps_own(name, header, own):
    grid = [header, ["a@b.ru", "Иванова Анна", "сотрудник", "отдел", ""][:len(header)]]
    listed = {p.sheet for p in propose({name: grid})}
    assert (name not in listed) is own
