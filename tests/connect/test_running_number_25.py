"""#25: what staff fill into every record themselves is filled into the record the app adds.

Before, a record added to a register with a «№ п/п» column got an empty number (staff renumbered by hand), and on a
workbook a formula staff filled down their records («=A8+1», «=B2*2») stopped at the new record — while on a Google
Sheet the same formula was continued. Now the new record gets the next number in the form staff keep it (a number,
«5» as text, «5.»), or the record above's formula continued, on a workbook (judged by LibreOffice) and on a Google
Sheet; where the number can't be given without repeating one (a number running through the whole tab, a record
going in among the records) the cell is left empty, and two colleagues adding at once never get the same number."""

from __future__ import annotations

import shutil
import subprocess
import threading
from dataclasses import replace
from datetime import date

import openpyxl
import pytest

from core.store.counting import next_numbers, whole
from tests.connect.helpers import connect_book, connect_google, google_copy, sheet_cells
from tests.connect.staff_books import REGISTER, SECTIONED_PLAN, STAFF, StaffBook, write_book
from tests.corpus import libreoffice_csv
from tests.office import HERE, UNO_PYTHON, needs_uno
from tests.sheets_emulator import SheetsEmulator

SHEET = REGISTER.name  # header in row 5, records «1»…«4» in rows 6–9
NEW = {"Фамилия": "Новикова", "Имя": "Ольга", "Отчество": "Игоревна", "Код программы": "ПК-01",
       "№ заявки": "З-005", "Дата поступления": date(2026, 3, 2), "Статус": "новая"}
OTHER = {**NEW, "Фамилия": "Орлова", "№ заявки": "З-006"}


def _register(tmp_path, numbers=None, name="staff.xlsx"):
    """The register; `numbers` replace the «№ п/п» of its four records (a formula as «=…»)."""
    path = write_book(StaffBook("Реестр", [replace(REGISTER, gap_after=None)]), tmp_path / name)
    if numbers is not None:
        book = openpyxl.load_workbook(path)
        for row, value in zip(range(6, 10), numbers, strict=True):
            book[SHEET].cell(row, 1).value = value
        book.save(path)
    return path


def _shown_numbers(path, tmp_path) -> list[str]:
    shown = libreoffice_csv([path], tmp_path / "lo")[path][SHEET]
    return [row[0] for row in shown[5:] if any(row)]


@pytest.mark.parametrize(("numbers", "expected", "shown"), [
    (None, [5, 6], ["1", "2", "3", "4", "5", "6"]),
    (["1", "2", "3", "4"], ["5", "6"], ["1", "2", "3", "4", "5", "6"]),
    (["1.", "2.", "3.", "4."], ["5.", "6."], ["1.", "2.", "3.", "4.", "5.", "6."]),
    ([1, "=A6+1", "=A7+1", "=A8+1"], ["=A9+1", "=A10+1"], ["1", "2", "3", "4", "5", "6"]),
    (["=ROW()-5", "=ROW()-5", "=ROW()-5", "=ROW()-5"], ["=ROW()-5", "=ROW()-5"], ["1", "2", "3", "4", "5", "6"]),
])
def test_a_record_added_to_a_workbook_gets_the_next_number(tmp_path, numbers, expected, shown):
    path = _register(tmp_path, numbers)
    before = sheet_cells(path, SHEET)
    store = connect_book(path)
    store.append("Заявки", [NEW, OTHER])
    after = sheet_cells(path, SHEET)
    assert [after.get("A10"), after.get("A11")] == expected
    assert (after["B10"], after["B11"]) == ("Новикова Ольга Игоревна", "Орлова Ольга Игоревна")
    assert {ref: v for ref, v in after.items() if int(ref.lstrip("ABCDEFGHIJKLMN")) < 10} == \
        {ref: v for ref, v in before.items() if int(ref.lstrip("ABCDEFGHIJKLMN")) < 10}
    assert store.read(["Заявки"]).tabs["Заявки"].row_numbers == [6, 7, 8, 9, 10, 11]
    if shutil.which("soffice"):
        assert _shown_numbers(path, tmp_path) == shown


def test_numbers_go_on_from_the_record_added_last(tmp_path):
    path = _register(tmp_path)
    store = connect_book(path)
    store.append("Заявки", [NEW])
    store.append("Заявки", [OTHER])
    after = sheet_cells(path, SHEET)
    assert [after.get(f"A{r}") for r in range(6, 12)] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("numbers", [
    [None, None, None, None],  # staff don't number their records
    [1, 2, 3, 7],  # not a running number
    ["а", "б", "в", "г"],
    [1, 2, 3, "3а"],  # a number staff put in between
])
def test_a_column_that_is_not_a_running_number_is_left_empty(tmp_path, numbers):
    path = _register(tmp_path, numbers)
    connect_book(path).append("Заявки", [NEW])
    after = sheet_cells(path, SHEET)
    assert after["B10"] == "Новикова Ольга Игоревна" and "A10" not in after


def _sectioned(tmp_path, through: bool):
    """The plan in sections, numbered anew in each («1, 2 | 1») or through the tab («1, 2 | 3»)."""
    rows = [list(r) for r in SECTIONED_PLAN.rows]
    numbered = [[r[0]] if len(r) == 1 else [n, *r] for r, n in zip(rows, [None, 1, 2, None, 3 if through else 1],
                                                                       strict=True)]
    tab = replace(SECTIONED_PLAN, headers=["№ п/п", *SECTIONED_PLAN.headers], rows=numbered,
                  answer={"№ п/п": (STAFF, None), **SECTIONED_PLAN.answer})
    return write_book(StaffBook("План", [tab]), tmp_path / f"plan_{through}.xlsx")


def _service(code: str, department: str) -> dict:
    return {"Код услуги": code, "Кафедра": department, "Вид": "ПК", "Наименование": f"Новая {code}",
            "Дата начала": date(2026, 5, 4), "Дата окончания": date(2026, 5, 8)}


def _numbers_and_codes(grid: list[list]) -> list[tuple]:
    return [tuple(row[:2]) for row in grid[3:] if any(v not in ("", None) for v in row)]


def test_in_sections_numbered_anew_a_record_gets_its_sections_next_number(tmp_path):
    path = _sectioned(tmp_path, through=False)
    store = connect_book(path)
    store.append("ПОУ_услуги", [_service("ПОУ-103", "Кафедра педагогики")])
    store.append("ПОУ_услуги", [_service("ПОУ-202", "Кафедра ИТ")])
    grid = [[c.value for c in row] for row in openpyxl.load_workbook(path)["План ПОУ по кафедрам"].iter_rows()]
    assert _numbers_and_codes(grid) == [("Кафедра педагогики", None), (1, "ПОУ-101"), (2, "ПОУ-102"), (3, "ПОУ-103"),
                                        ("Кафедра ИТ", None), (1, "ПОУ-201"), (2, "ПОУ-202")]


def test_numbered_through_the_tab_a_record_among_the_records_is_not_given_a_number_twice(tmp_path):
    path = _sectioned(tmp_path, through=True)
    store = connect_book(path)
    store.append("ПОУ_услуги", [_service("ПОУ-103", "Кафедра педагогики")])  # among the records: «3» is below
    store.append("ПОУ_услуги", [_service("ПОУ-202", "Кафедра ИТ")])  # under the last record: the next one
    grid = [[c.value for c in row] for row in openpyxl.load_workbook(path)["План ПОУ по кафедрам"].iter_rows()]
    assert _numbers_and_codes(grid) == [("Кафедра педагогики", None), (1, "ПОУ-101"), (2, "ПОУ-102"),
                                        (None, "ПОУ-103"), ("Кафедра ИТ", None), (3, "ПОУ-201"), (4, "ПОУ-202")]


@pytest.fixture
def server():
    emulator = SheetsEmulator().start()
    try:
        yield emulator
    finally:
        emulator.stop()


@pytest.mark.parametrize(("numbers", "expected", "values"), [
    (None, [5, 6], [5, 6]),
    (["1.", "2.", "3.", "4."], ["5.", "6."], ["5.", "6."]),
    ([1, "=A6+1", "=A7+1", "=A8+1"], ["=A9+1", "=A10+1"], [5, 6]),  # Google's own pasted formula, computed
])
def test_on_a_google_sheet_too(tmp_path, server, numbers, expected, values):
    google_copy(_register(tmp_path, numbers), server)
    mapped = connect_google(server)
    mapped.append("Заявки", [NEW, OTHER])
    written = [server.formula(SHEET, r, 1) or server.value(SHEET, r, 1) for r in (10, 11)]
    assert written == expected
    assert [server.value(SHEET, r, 2) for r in (10, 11)] == ["Новикова Ольга Игоревна", "Орлова Ольга Игоревна"]
    assert [server.value(SHEET, r, 1) for r in (10, 11)] == values


def test_two_colleagues_adding_at_once_never_get_the_same_number(tmp_path, server):
    google_copy(_register(tmp_path), server)
    stores = [connect_google(server) for _ in range(4)]
    start = threading.Barrier(len(stores))
    errors = []

    def add(store, n):
        start.wait()
        try:
            store.append("Заявки", [{**NEW, "Фамилия": f"Коллега{n}", "№ заявки": f"З-1{n:02d}"}])
        except Exception as exc:  # noqa: BLE001 - every failure is reported below
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(s, n)) for n, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = [server.value(SHEET, r, 1) for r in range(6, 11 + len(stores) - 1)]
    assert numbers == [1, 2, 3, 4, 5, 6, 7, 8]


@pytest.mark.parametrize(("above", "below", "expected"), [
    ([], [], [1, 2]),  # the tab's first records
    ([[1, "a"], [2, "b"]], [], [3, 4]),
    ([["1", "a"], ["2", "b"]], [], ["3", "4"]),
    ([["1.", "a"], ["2.", "b"]], [], ["3.", "4."]),
    ([[1, 2, 3], [1, "a"], [2, "b"]], [], [3, 4]),  # the row of column numbers is not a record
    ([["Кафедра"], [1, "a"], [2, "b"]], [["Кафедра ИТ"], [1, "c"]], [3, 4]),  # sections numbered anew
    ([[7, "a"], [1, "b"]], [], [2, 3]),  # a section starts again at 1
    ([[1, "a"], [2, "b"]], [["Кафедра ИТ"], [3, "c"]], None),  # numbered through: «3» is taken below
    ([[1, "a"], [3, "b"]], [], None),  # not a running number
    ([[1, "a"], [None, "b"]], [], None),  # the record above has none
    ([[1, "a"], ["б", "b"]], [], None),
    ([[1, "a"], [True, "b"]], [], None),  # a ticked box is not the number 1
    ([[1, "a"], [2.5, "b"]], [], None),
])
def test_the_next_numbers(above, below, expected):
    assert next_numbers(above, below, 0, 2) == expected


def test_what_is_a_running_number():
    assert [whole(v) for v in (5, 5.0, "5", " 5. ", "0", -1, "5а", date(2026, 1, 5))] == [
        (5, ""), (5, ""), (5, "text"), (5, "dot"), None, None, None, None]


@needs_uno
def test_a_number_staff_prepared_by_formula_below_the_records_is_kept(tmp_path):
    """«№ п/п» as «=ROW()-5» filled down below the records, ready for the next ones, saved by LibreOffice (with each
    formula's result, «5», «6» … in the file): the record goes into the first prepared row and its number is the
    formula's, not a number typed over it."""
    source = _register(tmp_path, ["=ROW()-5"] * 4)
    book = openpyxl.load_workbook(source)
    for row in range(10, 21):
        book[SHEET].cell(row, 1).value = "=ROW()-5"
    book.save(source)
    path = tmp_path / "saved-by-lo.xlsx"
    subprocess.run([UNO_PYTHON, str(HERE / "lo_edit.py"), str(source), str(path), "[]"], check=True,
                   capture_output=True, text=True, timeout=180)
    connect_book(path).append("Заявки", [NEW])
    after = sheet_cells(path, SHEET)
    assert (after["A10"], after["B10"], after["A11"], after.get("B11")) == ("=ROW()-5", "Новикова Ольга Игоревна",
                                                                           "=ROW()-5", None)
