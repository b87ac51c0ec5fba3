"""Issue #32, Moodle: exports shaped as Moodle's own export code writes them (grade/export/lib.php column names,
lib/csvlib.class.php's fputcsv quoting), the accounts file against admin/tool/uploaduser's process and
validate_email, read through the «Moodle» page and `edudesk check`."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import openpyxl
import pytest

from core.cli import main
from core.enrollment.moodle import MOODLE_UPLOAD_SETTINGS, email_problems, match_grades, read_gradebook
from core.platform.emails import email_problem
from core.records.checks import open_workbook
from core.store import XlsxStore
from sheets_schema import TABS
from tests.rows import findings

TODAY = date(2026, 11, 23)
GROUP = "ПК-008-01"
USER_RU = ["Имя", "Фамилия", "Индивидуальный номер", "Учреждение (организация)", "Отдел", "Адрес электронной почты"]
USER_EN = ["First name", "Last name", "ID number", "Institution", "Department", "Email address"]
# The same course in both languages: activities named «Модуль N: тема» inside categories «Модуль N», their category
# totals (lang string categorytotalfull) and the course total (coursetotal); labelsep ':' (ru) and ': ' (en).
ITEMS = {"ru": ["Задание:Модуль 1: Нормативная база", "Тест:Модуль 1: Проверка знаний",
                "Итого в категории «Модуль 1»", "Задание:Модуль 2: Проектирование урока",
                "Итого в категории «Модуль 2»", "Итоговая оценка за курс"],
         "en": ["Assignment: Модуль 1: Нормативная база", "Quiz: Модуль 1: Проверка знаний", "Модуль 1 total",
                "Assignment: Модуль 2: Проектирование урока", "Модуль 2 total", "Course total"]}
TASKS = {"Модуль 1: Нормативная база", "Модуль 1: Проверка знаний", "Модуль 2: Проектирование урока"}
REAL = {"ru": "Значение", "en": "Real"}
EXPORTED = {"ru": "Последние загруженные из этого курса", "en": "Last downloaded from this course"}


def _fputcsv(cells: list[str], delimiter: str) -> str:
    """PHP's fputcsv, as Moodle's csv_export_writer calls it: a field is enclosed in quotes when it holds the
    separator, a quote, a backslash, a line break, a tab or a space."""
    def field(value: str) -> str:
        if any(ch in value for ch in (delimiter, '"', "\\", "\n", "\r", "\t", " ")):
            return '"' + value.replace('"', '""') + '"'
        return value

    return delimiter.join(field(c) for c in cells) + "\n"


def _listeners(book):
    wb = open_workbook(XlsxStore(book).read([t.name for t in TABS]).tabs, TODAY)
    listeners = [r.item for r in wb.items("Слушатели") if r.item.group_code == GROUP]
    applications = {(r.item.number or "").casefold(): r.item for r in wb.items("Заявки")}
    return wb, listeners, applications


def _export(language: str, listeners, delimiter: str | None) -> bytes:
    """Moodle's text (or, with no delimiter, Excel) gradebook export of these listeners, matched by ID number."""
    headers = ((USER_RU if language == "ru" else USER_EN) + [f"{i} ({REAL[language]})" for i in ITEMS[language]]
               + [EXPORTED[language]])
    rows = []
    for n, x in enumerate(listeners):
        scores = [f"{10 + n}.00", f"{20 + n}.00", f"{30 + 2 * n}.00", f"{40 + n}.00", f"{40 + n}.00", f"{70 + n}.00"]
        rows.append(["И", "Ф", x.id, "", "", f"x{n}@example.ru", *scores, "1 декабря 2026, 10:00"])
    if delimiter is None:
        book = openpyxl.Workbook()
        for row in [headers, *rows]:
            book.active.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    return "".join(_fputcsv(row, delimiter) for row in [headers, *rows]).encode("utf-8")


VARIANTS = [(lang, sep) for lang in ("ru", "en") for sep in (",", ";", "\t", ":", None)]


@pytest.mark.parametrize("language, delimiter", VARIANTS,
                         ids=[f"{lang}-{ {',': 'comma', ';': 'semicolon', chr(9): 'tab', ':': 'colon', None: 'xlsx'}[sep]}"
                              for lang, sep in VARIANTS])
def test_3_4_modules_named_with_a_colon_are_read_and_totals_never_become_tasks(demo_workbook, language, delimiter):
    """Before: «Модуль N: тема» made the colon the separator and the file was refused as «не выгрузка журнала
    оценок Moodle» (4); category totals were read as tasks (3). Now: the three tasks and the course total only."""
    _, listeners, applications = _listeners(demo_workbook)
    people = listeners[:4]
    name = "grades.xlsx" if delimiter is None else "grades.csv"
    result = match_grades(*read_gradebook(name, _export(language, people, delimiter)), people, applications)
    assert {task for _, task, _ in result.scores} == TASKS
    assert len(result.scores) == 3 * len(people) and not result.unmatched and not result.problems
    assert sorted(str(total) for _, total in result.totals) == [f"{70 + n}.00" for n in range(len(people))]


def test_3_writing_an_export_through_the_page_adds_no_category_totals(app_on, workbook_copy):
    """Through the «Moodle» page and its «Записать изменения»: «Успеваемость» gets the tasks, never a row
    «Итого в категории …»."""
    _, listeners, _ = _listeners(workbook_copy)
    at = app_on(workbook_copy)
    at.switch_page("app_pages/moodle.py").run()
    at.selectbox(key="moodle_group").set_value(GROUP).run()
    at.file_uploader(key="moodle_grades").set_value(("grades.csv", _export("ru", listeners, ","), "text/csv")).run()
    assert not at.exception and not at.error
    at.button(key="moodle_save").click().run()
    assert not at.exception
    progress = XlsxStore(workbook_copy).read(["Успеваемость"]).tabs["Успеваемость"]
    tasks = [row[progress.headers.index("Модуль/задание")] for row in progress.rows]
    assert not [t for t in tasks if t and re.search(r"итого|total", str(t), re.I)]
    assert TASKS <= set(tasks)


@pytest.mark.parametrize("address, problem", [
    ("ivanova@школа.рф", "русскими буквами"), ("ivanova@mail", "нет домена верхнего уровня"),
    ("a@mail.ru, b@mail.ru", "больше одного адреса"), ("a@mail.ru;b@mail.ru", "больше одного адреса"),
    ("иванова@mail.ru", "русскими буквами"), ("ivanova@@mail.ru", "больше одного адреса"),
    ("ivanova.@mail.ru", "с ошибкой"), ("ivanova@mail..ru", "с ошибкой"), ("ivanova@-mail.ru", "с ошибкой"),
    ("ivanova mail.ru", "не адрес"),
    ("ivanova@mail.ru", None), ("a.b-c+d@sub.school-12.ru", None), ("x@xn--80aswg.xn--p1ai", None), ("", None)])
def test_5_addresses_moodle_would_never_mail(address, problem):
    found = email_problem(address)
    assert (found is None) if problem is None else (problem in found)


def _broken_group(book):
    """Five listeners of the group given the addresses and login Moodle would trip over."""
    wb, listeners, applications = _listeners(book)
    bad = {listeners[0].application: "ivanova@школа.рф", listeners[1].application: "petrova@mail",
           listeners[2].application: "a@mail.ru, b@mail.ru", listeners[3].application: "same@mail.ru",
           listeners[4].application: "SAME@mail.ru"}
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Заявки"]
    headers = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if (number := row[headers.index("№ заявки")].value) in bad:
            row[headers.index("E-mail")].value = bad[number]
    sheet = workbook["Слушатели"]
    headers = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[headers.index("ID слушателя")].value == listeners[5].id:
            row[headers.index("Логин ДОТ")].value = "guest"
    workbook.save(book)
    return [x.full_name for x in listeners[:6]]


def test_5_the_page_and_edudesk_check_name_rows_moodle_will_fail(app_on, workbook_copy, capsys):
    """Before: the accounts file was offered without a word. Now the page names each person and why, the file
    with «guest» is refused, and `edudesk check` reports MDL-EMAIL at the «Заявки» cells."""
    names = _broken_group(workbook_copy)
    at = app_on(workbook_copy)
    at.switch_page("app_pages/moodle.py").run()
    at.selectbox(key="moodle_group").set_value(GROUP).run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    for name, words in zip(names[:5], ("русскими буквами", "нет домена", "больше одного адреса", "другим логином",
                                       "другим логином"), strict=True):
        assert any(name in w and words in w for w in warnings), (name, warnings)
    assert any("guest" in w for w in warnings) and any("guest" in e.value for e in at.error)
    assert main(["--workbook", str(workbook_copy), "check"]) != 0
    out = capsys.readouterr().out
    assert out.count("MDL-EMAIL") >= 5 and "школа.рф" not in out


def test_5_the_rule_has_a_breaking_and_a_passing_row():
    listener = {"ID слушателя": "С-1", "ФИО": "Иванова Анна", "№ заявки": "З-1", "Код группы": "Г-1"}
    (found,) = findings("MDL-EMAIL", Слушатели=[listener], Заявки=[{"№ заявки": "З-1", "E-mail": "ivanova@mail"}])
    assert found.column == "E-mail" and "домена верхнего уровня" in found.message
    assert findings("MDL-EMAIL", Слушатели=[listener], Заявки=[{"№ заявки": "З-1", "E-mail": "ivanova@mail.ru"}]) == []


def test_5_one_person_in_two_groups_under_one_login_is_not_a_duplicate(demo_workbook):
    _, listeners, applications = _listeners(demo_workbook)
    twin = listeners[0].model_copy(update={"group_code": "ПК-009-01"})
    assert email_problems([listeners[0]], applications, [listeners[0], twin]) == []
    other = twin.model_copy(update={"id": "С-99999", "dot_login": None})
    assert email_problems([listeners[0]], applications, [listeners[0], other])


def test_6_the_upload_type_recommended_enrols_returning_listeners_without_changing_their_accounts(app_on,
                                                                                                   workbook_copy):
    """admin/tool/uploaduser/classes/process.php: with UU_USER_ADDNEW an existing account's row is skipped whole
    (`if ($skip) return;` comes before enrolments); UU_USER_ADD_UPDATE with UU_UPDATE_NOCHANGES changes nothing of
    the account and enrols it. Named as the Russian pack names them (tool_uploaduser.php)."""
    at = app_on(workbook_copy)
    at.switch_page("app_pages/moodle.py").run()
    shown = " ".join(block.value for block in at.info)
    assert "«Тип загрузки» — «Добавить новых и обновить имеющихся пользователей»" in shown
    assert "«Данные существующих пользователей» — «Не изменять»" in shown
    assert "Не выбирайте «Добавить новых, пропустить имеющихся пользователей»" in shown
    assert MOODLE_UPLOAD_SETTINGS in shown


def test_3_the_accounts_file_round_trips_as_moodle_reads_it(demo_workbook):
    """The file still parses as the upload page reads it (csv_import_reader: fgetcsv with the chosen separator)."""
    from core.enrollment.moodle import UPLOAD_COLUMNS, upload_users_csv

    _, listeners, applications = _listeners(demo_workbook)
    raw, _ = upload_users_csv(listeners, applications, "ПК-008")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8")), delimiter=";"))
    assert rows[0] == UPLOAD_COLUMNS and len(rows) == len(listeners) + 1
