"""Moodle round trip: accounts out as «Upload users» CSV, the gradebook export (RU or EN, CSV or XLSX) back in."""

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from core.enrollment.moodle import (
    UPLOAD_COLUMNS,
    grade_writes,
    match_grades,
    read_gradebook,
    upload_users_csv,
    username_problem,
)
from core.platform.errors import EduDeskError
from core.records.checks import open_workbook
from core.store import XlsxStore
from sheets_schema import TABS

SAMPLE = Path(__file__).parents[1] / "data" / "moodle_grades_ru.csv"
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
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8")), delimiter=";")), missing


def test_upload_users_csv(data):
    """Moodle's columns, «;» as a Russian Moodle expects, UTF-8 Cyrillic names, usernames unique and stable, the
    listener's ID as idnumber, and no password: Moodle makes one and mails it (#14.2, #14.3, #14.5)."""
    _, listeners, applications = data
    first, missing = _accounts(listeners, applications)
    second, _ = _accounts(listeners, applications)
    assert list(first[0]) == UPLOAD_COLUMNS and "password" not in UPLOAD_COLUMNS
    assert not missing and len(first) == len(listeners)
    assert len({r["username"] for r in first}) == len(first)
    assert first == second
    assert [r["idnumber"] for r in first] == [x.id for x in listeners]
    assert first[0]["course1"] == "ПК-008" and first[0]["group1"] == GROUP and first[0]["lastname"].isalpha()
    raw, _ = upload_users_csv(listeners, applications, "ПК-008", delimiter=",")
    assert raw.decode().splitlines()[0] == ",".join(UPLOAD_COLUMNS)


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


# #14.1: every grade item, as Moodle names its columns (grade/export/lib.php format_column_name) -------------------
# «{modulename}{labelsep}{item} ({display type})»; a manual item by its bare name; labelsep ': ' (en), ':' (ru).
ITEMS_RU = ["Задание:Эссе", "Тест:Итоговый тест", "Лекция:Введение", "Семинар:Взаимооценка", "Пакет SCORM:Курс 1",
            "Интерактивный контент:Видео", "Форум:Обсуждение", "Внешний инструмент:Тренажёр", "Зачёт по практике"]
ITEMS_EN = ["Assignment: Эссе", "Quiz: Итоговый тест", "Lesson: Введение", "Workshop: Взаимооценка",
            "SCORM package: Курс 1", "H5P: Видео", "Forum: Обсуждение", "External tool: Тренажёр", "Зачёт по практике"]
NAMES = ["Эссе", "Итоговый тест", "Введение", "Взаимооценка", "Курс 1", "Видео", "Обсуждение", "Тренажёр",
         "Зачёт по практике"]


def _export(items, real, total, people, delimiter=",", encoding="utf-8"):
    """A text export as grade/export/txt writes it: the user fields, every item, the course total, the date."""
    head = (["Имя", "Фамилия", "Индивидуальный номер", "Учреждение (организация)", "Отдел", "Адрес электронной почты"]
            if real != "Real" else EN_HEADERS[:6])
    exported = "Последние загруженные из этого курса" if real != "Real" else EN_HEADERS[-1]
    headers = head + [f"{i} ({real})" for i in items] + [f"{total} ({real})", exported]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    for n, listener in enumerate(people):
        writer.writerow(["И", "Ф", listener.id, "", "", f"x{n}@example.ru"] + [f"{n + k},5" if delimiter != "," else
                                                                              f"{n + k}.5" for k in range(len(items))]
                        + ["50", "1 декабря 2026, 10:00"])
    return buffer.getvalue().encode(encoding)


@pytest.mark.parametrize("items, real, total", [(ITEMS_RU, "Значение", "Итоговая оценка за курс"),
                                                (ITEMS_EN, "Real", "Course total")])
def test_1_every_grade_item_is_read_in_both_languages(data, items, real, total):
    """Before, only «Задание»/«Тест» columns were read: 35 of 59 grades; lectures, SCORM, H5P, forums, external
    tools and manual items were dropped without a word."""
    _, listeners, applications = data
    people = listeners[:6]
    raw = _export(items, real, total, people, delimiter=";" if real == "Значение" else ",")
    result = match_grades(*read_gradebook("grades.csv", raw), people, applications)
    assert len(result.scores) == len(people) * len(items) == 54 and not result.problems
    assert {task for _, task, _ in result.scores} == set(NAMES)
    assert len(result.totals) == len(people)


@pytest.mark.parametrize("kind", ["Проценты", "Буква", "Percentage", "Letter"])
def test_1_percent_or_letter_only_is_said_and_scales_are_reported(data, kind):
    """The Russian pack names the display types «Проценты» and «Буква» (grades.php; «Процент» was our guess)."""
    _, listeners, applications = data
    raw = _export(ITEMS_RU[:2], kind, "Итоговая оценка за курс", listeners[:1], delimiter=";")
    with pytest.raises(EduDeskError, match=rf"в файле: Задание:Эссе \({kind}\).*«Значение»"):
        match_grades(*read_gradebook("grades.csv", raw), listeners, applications)
    headers = ["Индивидуальный номер", "Адрес электронной почты", "Зачёт по практике (Значение)"]
    result = match_grades(headers, [[listeners[0].id, "", "Зачтено"]], listeners, applications)
    assert not result.scores and "оценка по шкале «Зачтено», а не балл" in result.problems[0]


# #14.6: files Moodle and Excel make are read; anything else is a Russian message ---------------------------------
@pytest.mark.parametrize("delimiter, encoding", [(":", "utf-8"), ("\t", "utf-8"), (";", "cp1251"),
                                                 ("\t", "utf-16"), (";", "utf-8-sig")])
def test_6_every_separator_moodle_offers_and_excels_encodings(data, delimiter, encoding):
    _, listeners, applications = data
    raw = _export(ITEMS_RU[:2], "Значение", "Итоговая оценка за курс", listeners[:2], delimiter, encoding)
    result = match_grades(*read_gradebook("grades.csv", raw), listeners, applications)
    assert len(result.scores) == 4 and not result.unmatched


def test_6_a_long_feedback_field_is_read_and_binary_is_refused(data):
    _, listeners, applications = data
    headers = ["Индивидуальный номер", "Адрес электронной почты", "Задание:Эссе (Значение)", "Задание:Эссе (Отзыв)"]
    text = ";".join(headers) + "\n" + ";".join([listeners[0].id, "", "7", "о" * 140_000]) + "\n"
    result = match_grades(*read_gradebook("grades.csv", text.encode()), listeners, applications)
    assert [score for _, _, score in result.scores] == [Decimal(7)]
    with pytest.raises(EduDeskError, match="не текст"):
        read_gradebook("grades.csv", b"PK\x03\x04\x00\x00binary")


def test_5_grades_are_matched_by_id_number_before_e_mail(data):
    """The e-mail in Moodle may have changed; the ID number (exported as idnumber) still finds the listener."""
    _, listeners, applications = data
    headers = ["Индивидуальный номер", "Адрес электронной почты", "Задание:Эссе (Значение)"]
    result = match_grades(headers, [[listeners[1].id, "changed@example.ru", "8"]], listeners, applications)
    assert [(x.id, score) for x, _, score in result.scores] == [(listeners[1].id, Decimal(8))]


# #14.4: logins Moodle would change ------------------------------------------------------------------------------
@pytest.mark.parametrize("login, fine", [("ivanova.a", True), ("a-b_c@d.ru", True), ("Иванова", False),
                                         ("petrova a", False), ("Petrova", False)])
def test_4_username_rule(login, fine):
    assert (username_problem(login) is None) is fine


def test_4_bad_logins_are_findings_refuse_the_file_and_the_letter(data):
    from core.mailings import MAIL_KINDS
    from tests.rows import findings

    (found,) = findings("MDL-USERNAME", Слушатели=[{"ID слушателя": "С-1", "ФИО": "Иванова Анна", "Логин ДОТ": "Иванова"}])
    assert found.column == "Логин ДОТ" and "латинские строчные" in found.message
    assert findings("MDL-USERNAME", Слушатели=[{"ID слушателя": "С-1", "ФИО": "Иванова Анна", "Логин ДОТ": "ivanova"}]) == []
    wb, listeners, applications = data
    broken = [listeners[0].model_copy(update={"dot_login": "petrova a"}), *listeners[1:]]
    with pytest.raises(EduDeskError, match="«petrova a»"):
        upload_users_csv(broken, applications, "ПК-008")
    letters, _ = MAIL_KINDS["dot-credentials"].build(wb, GROUP, date(2026, 11, 23))
    accounts = {r["idnumber"]: r["username"] for r in _accounts(listeners, applications)[0]}
    login_of = {x.full_name: accounts[x.id] for x in listeners}
    assert letters and all(f"Логин: {login_of[letter.name]}\n" in letter.body for letter in letters)


def test_16_text_excel_would_run_is_refused_in_the_accounts_file(data):
    _, listeners, applications = data
    with pytest.raises(EduDeskError, match="формулу"):
        upload_users_csv([listeners[0].model_copy(update={"group_code": "=cmd|'/c calc'!A1"})], applications, "ПК-008")
