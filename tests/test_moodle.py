"""Moodle round trip: accounts out as «Upload users» CSV, the gradebook export (RU or EN, CSV or XLSX) back in."""

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from core.checks import open_workbook
from core.errors import EduDeskError
from core.moodle import UPLOAD_COLUMNS, grade_writes, match_grades, password, read_gradebook, upload_users_csv
from core.store import XlsxStore
from sheets_schema import TABS

SAMPLE = Path(__file__).parent / "data" / "moodle_grades_ru.csv"
EN_HEADERS = ["First name", "Last name", "ID number", "Institution", "Department", "Email address",
              "Assignment: Модуль 1 (Real)", "Quiz: Итоговый тест (Real)", "Course total (Real)",
              "Last downloaded from this course"]
GROUP = "ПК-008-01"


@pytest.fixture(scope="module")
def data(demo_workbook):
    wb = open_workbook(XlsxStore(demo_workbook).read([t.name for t in TABS]).tabs, date(2026, 11, 23))
    listeners = [r.item for r in wb.items("Слушатели") if r.item.group_code == GROUP]
    applications = {(r.item.number or "").casefold(): r.item for r in wb.items("Заявки")}
    return wb, listeners, applications


def _accounts(listeners, applications):
    raw, missing = upload_users_csv(listeners, applications, "ПК-008")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8")))), missing


def test_upload_users_csv(data):
    """Moodle's columns, UTF-8 Cyrillic names, unique usernames stable between exports, a fresh password each time."""
    _, listeners, applications = data
    first, missing = _accounts(listeners, applications)
    second, _ = _accounts(listeners, applications)
    assert list(first[0]) == UPLOAD_COLUMNS and not missing and len(first) == len(listeners)
    assert len({r["username"] for r in first}) == len(first)
    assert [r["username"] for r in first] == [r["username"] for r in second]
    assert all(a["password"] != b["password"] for a, b in zip(first, second, strict=True))
    assert first[0]["course1"] == "ПК-008" and first[0]["group1"] == GROUP and first[0]["lastname"].isalpha()


def test_password_policy():
    """Upper, lower, digit and a symbol; 12 characters."""
    word = password()
    assert len(word) == 12 and any(c.isupper() for c in word) and any(c.islower() for c in word)
    assert any(c.isdigit() for c in word) and word[-1] in "!#%*+-"


def _gradebook(headers, people, accounts_by_id):
    """A gradebook export as Moodle writes it: one row per participant."""
    rows = []
    for index, (listener, score) in enumerate(people):
        account = accounts_by_id.get(listener.id) if listener else None
        row = dict.fromkeys(headers, "")
        row[headers[0]], row[headers[1]] = "Имя", "Фамилия"
        row[headers[2]] = listener.id if listener and index == 0 else ""  # the first by ID number, the rest by e-mail
        row[headers[5]] = account["email"] if account else "stranger@example.ru"
        for header in headers[6:-1]:
            row[header] = score
        rows.append(row)
    return rows


def test_round_trip_csv_in_russian(data):
    """Accounts exported, grades come back by ID number or e-mail; an unknown participant is reported."""
    wb, listeners, applications = data
    accounts = {x.id: a for x, a in zip(listeners, _accounts(listeners, applications)[0], strict=True)}
    headers = next(csv.reader(io.StringIO(SAMPLE.read_text(encoding="utf-8"))))
    people = [(listeners[0], "4,50"), (listeners[1], "5"), (None, "3")]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=headers)
    writer.writeheader()
    writer.writerows(_gradebook(headers, people, accounts))
    read_headers, rows = read_gradebook("grades.csv", buffer.getvalue().encode("utf-8-sig"))
    result = match_grades(read_headers, rows, listeners, applications)
    assert result.unmatched == ["stranger@example.ru"]
    assert {(x.id, task, score) for x, task, score in result.scores if task == "Модуль 1"} == {
        (listeners[0].id, "Модуль 1", Decimal("4.50")), (listeners[1].id, "Модуль 1", Decimal("5"))}
    assert {(x.id, total) for x, total in result.totals} == {(listeners[0].id, Decimal("4.50")), (listeners[1].id, Decimal(5))}
    writes = grade_writes(wb, result, date(2026, 11, 23))
    assert writes.final_updates and writes.count >= 2


def test_english_xlsx_export(data):
    """The English XLSX export is read the same way."""
    _, listeners, applications = data
    accounts = {x.id: a for x, a in zip(listeners, _accounts(listeners, applications)[0], strict=True)}
    book = openpyxl.Workbook()
    book.active.append(EN_HEADERS)
    for row in _gradebook(EN_HEADERS, [(listeners[2], 88)], accounts):
        book.active.append([row[h] for h in EN_HEADERS])
    buffer = io.BytesIO()
    book.save(buffer)
    result = match_grades(*read_gradebook("grades.xlsx", buffer.getvalue()), listeners, applications)
    assert {task for _, task, _ in result.scores} == {"Модуль 1", "Итоговый тест"} and not result.unmatched


def test_not_a_gradebook_is_a_russian_error(data):
    """A file without the ID or e-mail columns is refused with a message saying what it is not."""
    _, listeners, applications = data
    with pytest.raises(EduDeskError, match="журнала оценок Moodle"):
        match_grades(*read_gradebook("x.csv", b"a;b\n1;2\n"), listeners, applications)
