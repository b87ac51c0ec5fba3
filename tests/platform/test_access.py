"""Roles, masking of personal data, the journal, and exports that never run a formula."""

import csv
import io
import json
import shutil

import openpyxl
import pytest

from core.platform.access import LOCAL_USER, mask, mask_rows, resolve
from core.platform.exports import safe_cell, to_csv, to_xlsx
from core.records.journal import JournaledStore, entry
from core.store import XlsxStore, find_row
from sheets_schema.enums import Role
from tests.conftest import gsheets_store
from tests.rows import workbook

USERS = workbook(Пользователи=[{"E-mail": "Admin@Oiro.ru", "ФИО": "Админ", "Роль": "администратор"},
                               {"E-mail": "viewer@oiro.ru", "ФИО": "Зритель", "Роль": "наблюдатель"},
                               {"E-mail": "staff@oiro.ru", "ФИО": "Методист", "Роль": "сотрудник"}])
PEOPLE = [r.item for r in USERS.items("Пользователи")]


def test_roles_from_the_users_tab():
    """The e-mail's role is found whatever its case; an unlisted e-mail has no role and can do nothing."""
    admin, viewer, staff = resolve("admin@oiro.ru", PEOPLE), resolve("viewer@oiro.ru", PEOPLE), resolve("staff@oiro.ru", PEOPLE)
    stranger = resolve("who@else.ru", PEOPLE)
    assert (admin.role, viewer.role, stranger.role) == (Role.ADMIN, Role.OBSERVER, None)
    assert admin.can_open("journal") and not staff.can_open("journal") and not stranger.can_open("home")
    assert staff.can_write and not viewer.can_write and not stranger.can_write
    assert not staff.can("apply_trim") and admin.can("apply_trim")
    assert LOCAL_USER.role == Role.ADMIN


@pytest.mark.parametrize("header, value, shown", [
    ("СНИЛС", "112-233-445 95", "***-***-*** 95"), ("Дата рождения", "12.03.1980", "**.**.1980"),
    ("Телефон", "+7 (910) 123-45-67", "*** ***-**-67"), ("E-mail", "olga@school.ru", "o***@school.ru"),
    ("ФИО", "Иванова Анна", "Иванова Анна")])
def test_mask(header, value, shown):
    """Personal data are masked enough to recognise, not enough to use; other columns are untouched."""
    assert mask(header, value) == shown


def test_mask_rows_only_for_observers():
    """An observer sees masked personal data; staff see it as it is."""
    row = {"ФИО": "Анна", "E-mail": "anna@x.ru"}
    assert mask_rows([row], resolve("viewer@oiro.ru", PEOPLE)) == [{"ФИО": "Анна", "E-mail": "a***@x.ru"}]
    assert mask_rows([row], resolve("staff@oiro.ru", PEOPLE)) == [row]


def test_journal_entry_keeps_personal_data_out():
    """A journal entry names the change but never carries СНИЛС, birth date, phone or e-mail."""
    record = entry("staff@oiro.ru", "Заявки", "З-1", "добавление", None,
                   {"Фамилия": "Иванова", "СНИЛС": "112-233-445 95", "E-mail": "a@b.ru"})
    after = json.loads(record["Стало"])
    assert after == {"Фамилия": "Иванова", "СНИЛС": "[персональные данные]", "E-mail": "[персональные данные]"}


def test_journaled_update_is_one_write_on_the_workbook(demo_workbook, tmp_path):
    """On the local workbook an update and its journal entry go into the file in one write (one backup)."""
    path = tmp_path / "edudesk.xlsx"
    shutil.copy(demo_workbook, path)
    store = XlsxStore(path)
    tab = store.read(["Дорожная_карта"]).tabs["Дорожная_карта"]
    JournaledStore(store, "staff@oiro.ru").update(find_row(tab, "№", "1.1"), "№", {"Статус": "выполнено"})
    assert len(list((tmp_path / "backups").glob("*.xlsx"))) == 1
    journal = store.read(["Журнал"]).tabs["Журнал"]
    last = dict(zip(journal.headers, journal.rows[-1], strict=True))
    assert (last["Кто"], last["Лист"], last["Ключ"], last["Действие"]) == ("staff@oiro.ru", "Дорожная_карта", "1.1", "изменение")
    assert json.loads(last["Стало"]) == {"Статус": "выполнено"}


def test_journaled_append_on_google_sheets(emulator):
    """On Google Sheets the rows and their journal entries: one check of the headers, one batchUpdate for both."""
    from core.records.tabs import layouts

    store = gsheets_store(emulator)
    store.create_tabs([lay for lay in layouts() if lay.name in ("Программы", "Журнал")])
    emulator.reset_counts()
    JournaledStore(store, "staff@oiro.ru").append("Программы", [{"Код": "П-1", "Наименование": "Курс", "Вид": "ПК",
                                                                 "Объём, ч": 36}], key_header="Код")
    assert emulator.requests == [("GET", "grid_get"), ("POST", "batch_update")]
    assert emulator.cell("Журнал", 2, 4) == "П-1"


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://x\")", "+7 999", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_exports_escape_formula_starts(value):
    """Text starting with = + - @ tab or CR: in .xlsx a string cell with exactly that text (never a formula), in .csv
    a leading apostrophe (a CSV has no cell types)."""
    assert safe_cell(value) == "'" + value
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(["Поле"], [[value]]))).active
    assert sheet["A2"].value == value and sheet["A2"].data_type == "s"
    rows = list(csv.reader(io.StringIO(to_csv(["Поле"], [[value]]).decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "'" + value
    assert safe_cell("Иванова") == "Иванова" and safe_cell(5) == 5
