"""Moodle, the institutes' usual learning platform: accounts out («Upload users» CSV), grades back in.

Formats are Moodle's own: admin/tool/uploaduser (username, firstname, lastname, email, middlename, idnumber,
course1, group1; UTF-8) and the gradebook export (grade/export: CSV with any of its four separators, or XLSX) in
English or Russian.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from core.platform.emails import email_problem
from core.platform.errors import CellError, EduDeskError
from core.platform.uploads import MAX_UPLOAD, check_text, check_upload, decoded_text, first_sheet
from core.records.cells import read_decimal
from core.records.checks import Rule, Workbook, rule
from core.records.findings import Finding, Severity
from core.store.base import canonical

# admin/tool/uploaduser. No «password» column: with «Новый пароль пользователя» set to «Создать пароль, если нужно,
# и отправить по электронной почте» Moodle makes each password and mails it (it mails only for an empty password),
# which is what the credentials letter promises. «idnumber» is the listener's ID: the gradebook export carries it
# back («Индивидуальный номер»), so grades are matched by it first, not by e-mail alone.
UPLOAD_COLUMNS = ["username", "firstname", "lastname", "email", "middlename", "idnumber", "course1", "group1"]
# The upload page's options as a Russian Moodle names them (tool_uploaduser.php, auth.php of the Russian pack in
# projectestac/moodle-langpacks); the English names are in README, the page stays Russian.
MOODLE_UPLOAD_SETTINGS = (
    "В Moodle: Администрирование → Пользователи → «Загрузить пользователей». Там выберите тот же «Разделитель "
    "для CSV», «Кодировка» — UTF-8, «Тип загрузки» — «Добавить новых и обновить имеющихся пользователей», «Данные "
    "существующих пользователей» — «Не изменять», «Пароли новых пользователей» — «Создавать пароль при "
    "необходимости и отправлять его по электронной почте»: пароль каждому новому пришлёт сама платформа, как и "
    "сказано в письме с доступом. Не выбирайте «Добавить новых, пропустить имеющихся пользователей»: слушателя, у "
    "которого учётная запись уже есть, Moodle тогда пропускает целиком, вместе с записью на курс, и на новый курс "
    "он не попадает. «Не изменять» оставляет его логин, пароль и данные прежними, а на курс и в группу записывает.")
# A Russian Moodle preselects «;» on the upload page (its list separator); «,» there fails with «csvfewcolumns».
DELIMITERS = {";": "точка с запятой «;» (как предлагает русский Moodle)", ",": "запятая «,»", "\t": "табуляция"}
_ID_HEADERS = {"id number", "идентификационный номер", "индивидуальный номер"}
_EMAIL_HEADERS = {"email address", "адрес электронной почты", "email", "e-mail"}
_SKIP = {"first name", "last name", "имя", "фамилия", "institution", "учреждение (организация)", "department", "отдел",
         "last downloaded from this course", "последние загруженные из этого курса"} | _ID_HEADERS | _EMAIL_HEADERS
_TOTAL = re.compile(r"^(course total|итоговая оценка за курс)\b", re.I)
# A category's total (grade_item::get_name(true), lang string categorytotalfull): «{category} total» in English,
# «Итого в категории «{category}»» in the Russian pack. It sums tasks and is never one itself.
_CATEGORY_TOTAL = re.compile(r"^(итого в категории\b|category total\b)|\stotal$", re.I)
# grade/export/lib.php format_column_name: «{modulename}{labelsep}{item} ({display type})»; a manual item or a
# category total has no module name. labelsep is ': ' in English and ':' in the Russian pack.
_COLUMN = re.compile(r"^(?P<name>.+?)\s*\((?P<kind>[^()]+)\)\s*$")
# The display types' own names (grades.php 'real', 'percentage', 'letter'; Russian pack: «Значение», «Проценты»,
# «Буква»; gradeexport_txt 'timeexported' is «Последние загруженные из этого курса» — projectestac/moodle-langpacks).
_REAL, _PERCENT, _LETTER = {"real", "значение"}, {"percentage", "проценты"}, {"letter", "буква"}
_FEEDBACK = {"feedback", "отзыв"}  # a feedback column: «{item} (Feedback)» / «(Отзыв)»
_MODULES = {"assignment", "quiz", "lesson", "workshop", "scorm package", "h5p", "interactive content", "forum",
            "external tool", "glossary", "database", "choice", "feedback", "wiki", "attendance", "задание", "тест",
            "лекция", "семинар", "пакет scorm", "интерактивный контент", "форум", "внешний инструмент", "глоссарий",
            "база данных", "опрос", "обратная связь", "вики", "посещаемость", "элемент", "activity"}
# Moodle's PARAM_USERNAME (lib/moodlelib.php clean_param): lower case and only these characters.
_USERNAME = re.compile(r"^[-.@_a-z0-9]+$")


def username(listener) -> str:
    """Stable and unique: the DOT login if staff set one, else «s» and the listener ID's digits."""
    if listener.dot_login:
        return listener.dot_login.strip()
    digits = re.sub(r"\D", "", listener.id or "")
    return f"s{digits}" if digits else re.sub(r"[^a-z0-9]", "", (listener.id or "").lower()) or "user"


def username_problem(login: str) -> str | None:
    """Why Moodle would change or refuse this login, in words staff can act on; None when it takes it as is."""
    if login.strip().lower() == "guest":
        return ("логин «guest» — гостевая учётная запись, которая есть в каждом Moodle: слушатель получит её "
                "вместо своей; задайте другой")
    if _USERNAME.match(login):
        return None
    if login != login.lower() and _USERNAME.match(login.lower()):
        return f"логин «{login}» с заглавными буквами: Moodle запишет его как «{login.lower()}»"
    return (f"логин «{login}»: Moodle допускает только латинские строчные буквы, цифры и знаки - . _ @ "
            "(русские буквы и пробелы он удалит)")


def bad_usernames(listeners: list) -> list[str]:
    return [f"{x.full_name or x.id}: {problem}" for x in listeners if (problem := username_problem(username(x)))]


def _email_of(listener, applications: dict) -> str:
    app = applications.get((listener.application or "").casefold())
    return (app.email or "").strip() if app else ""


def email_problems(listeners: list, applications: dict, everyone: list | None = None) -> list[tuple[object, str]]:
    """Listeners whose account Moodle will not create, or will create and never mail its password to, and why.

    Moodle mails nothing to an address its validate_email refuses (core.platform.emails), and with «Запретить
    повторяющиеся адреса электронной почты» (its default) it does not create a second account with an address
    another account has: `everyone` — all listeners — is where that other account may come from.
    """
    owners: dict[str, set[str]] = {}
    for x in everyone if everyone is not None else listeners:
        if email := _email_of(x, applications).casefold():
            owners.setdefault(email, set()).add(username(x))
    found = []
    for x in listeners:
        email = _email_of(x, applications)
        if problem := email_problem(email):
            found.append((x, f"{problem}. Учётную запись Moodle создаст, но пароль на этот адрес не отправит"))
        elif email and len(owners.get(email.casefold(), ())) > 1:
            found.append((x, "этот же e-mail указан у другого слушателя с другим логином: второй учётной записи с "
                             "этим адресом Moodle не создаст (по умолчанию повторяющиеся адреса запрещены). Если это "
                             "один человек — дайте ему один «Логин ДОТ», иначе исправьте адрес"))
    return found


def formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r"))


def upload_users_csv(listeners: list, applications: dict, course: str, delimiter: str = ";") -> tuple[bytes, list[str]]:
    """«Upload users» CSV for a group's listeners, and the names left out for lack of an e-mail.

    Logins Moodle would change, and text Excel would run as a formula (the file is often opened there first), are
    refused with the names; values are never altered, so what Moodle stores is what the sheet says.
    """
    if problems := bad_usernames(listeners):
        raise EduDeskError("Исправьте «Логин ДОТ» на листе «Слушатели»: " + "; ".join(problems) + ".")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(UPLOAD_COLUMNS)
    missing, seen, formulas = [], set(), []
    for x in listeners:
        app = applications.get((x.application or "").casefold())
        email = app.email if app else None
        if not email:
            missing.append(x.full_name)
            continue
        last, first, middle = _split_name(x.full_name, app)
        name = username(x)
        if name in seen:
            raise EduDeskError(f"Логин «{name}» повторяется в группе: поправьте «Логин ДОТ» на листе «Слушатели».")
        seen.add(name)
        row = [name, first, last, email, middle, x.id, course, x.group_code]
        formulas += [f"{x.full_name}: «{v}»" for v in row if formula_like(v)]
        writer.writerow(row)
    if formulas:
        raise EduDeskError("Значения, которые Excel выполнит как формулу (начинаются с = + - @): "
                           + "; ".join(formulas) + ". Исправьте их в таблице.")
    return buffer.getvalue().encode("utf-8"), missing


def _split_name(full: str, app) -> tuple[str, str, str]:
    if app is not None and app.last_name:
        return app.last_name, app.first_name or "", app.middle_name or ""
    parts = (full or "").split()
    return (parts + ["", "", ""])[0], (parts + ["", "", ""])[1], " ".join(parts[2:])


@dataclass
class GradeImport:
    scores: list[tuple[object, str, Decimal]] = field(default_factory=list)  # (listener, task, score)
    totals: list[tuple[object, Decimal]] = field(default_factory=list)  # (listener, final score)
    unmatched: list[str] = field(default_factory=list)  # rows of the file no listener matched
    problems: list[str] = field(default_factory=list)


def read_gradebook(name: str, data: bytes) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of a Moodle grades export: XLSX, or CSV as Moodle writes it (UTF-8, any of its four
    separators: tab, comma, colon, semicolon) or as Excel re-saves it (cp1251 with «;», UTF-16 text)."""
    if name.lower().endswith(".xlsx"):
        check_upload(name, data)
        rows = [["" if v is None else str(v) for v in row] for row in first_sheet(name, data, EduDeskError)]
    else:
        check_text(name, data)
        rows = _csv_rows(name, data)
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise EduDeskError(f"Файл «{name}» пуст.")
    return [h.strip() for h in rows[0]], rows[1:]


def _csv_rows(name: str, data: bytes) -> list[list[str]]:
    text = _decoded(name, data)
    delimiter = _delimiter(text.split("\n", 1)[0])
    # Feedback texts may be long; the upload itself is limited (core.platform.uploads), so a field may be as long as it.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_UPLOAD))
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=False))
    except csv.Error as exc:  # a field over csv's size limit, a stray quote at the end
        raise EduDeskError(f"Файл «{name}» не читается как CSV ({exc}): выгрузите журнал оценок из Moodle заново "
                           "(Оценки → Экспорт → Текстовый файл или Excel).") from None


def _delimiter(header: str) -> str:
    """The separator that cuts the header row into Moodle's own columns («Имя», «Email address», «… (Значение)»).

    Counting separators is not enough: an activity named «Модуль 1: тема» puts more colons in the header than
    there are commas. Moodle quotes a field that holds the separator, so the right one yields whole column names.
    """
    def known(delimiter: str) -> int:
        cells = [c.strip() for c in next(csv.reader([header], delimiter=delimiter), [])]
        return sum(1 for c in cells if c.lower() in _SKIP or _COLUMN.match(c) and _COLUMN.match(c)["kind"].strip()
                   .lower() in _REAL | _PERCENT | _LETTER | _FEEDBACK)

    return max("\t,;:", key=lambda d: (known(d), header.count(d))) if header else ","


def _decoded(name: str, data: bytes) -> str:
    text = decoded_text(data)
    if "\x00" in text[:4096]:
        raise EduDeskError(f"Файл «{name}» — не текст (CSV) и не .xlsx: это не выгрузка журнала оценок Moodle.")
    return text


def grade_columns(headers: list[str]) -> tuple[list[tuple[int, str]], int | None, list[str]]:
    """Grade items (column, item name) shown as values, the course total's column, and columns Moodle exported in
    another display type (percent, letter) that can't become points."""
    items, total, other = [], None, []
    for i, header in enumerate(headers):
        m = _COLUMN.match(header)
        if header.lower() in _SKIP or m is None:
            continue
        kind = m["kind"].strip().lower()
        if kind in _REAL:
            if _TOTAL.match(header):
                total = i
            elif _CATEGORY_TOTAL.search(m["name"].strip()):
                continue
            else:
                items.append((i, _item_name(m["name"])))
        elif kind in _PERCENT | _LETTER:
            other.append(header)
    return items, total, other


def _item_name(name: str) -> str:
    """The grade item as the course names it: «Задание:Эссе» → «Эссе»; a manual item keeps its whole name."""
    module, sep, rest = name.partition(":")
    return rest.strip() if sep and module.strip().lower() in _MODULES and rest.strip() else name.strip()


def match_grades(headers: list[str], rows: list[list[str]], listeners: list, applications: dict) -> GradeImport:
    """Match each row to a listener by ID number or e-mail; read every grade item and the course total."""
    lower = [h.lower() for h in headers]
    id_col = next((i for i, h in enumerate(lower) if h in _ID_HEADERS), None)
    email_col = next((i for i, h in enumerate(lower) if h in _EMAIL_HEADERS), None)
    if id_col is None and email_col is None:
        raise EduDeskError("В файле нет столбцов «ID number» / «Индивидуальный номер» и «Email address» / «Адрес "
                           "электронной почты»: это не выгрузка журнала оценок Moodle.")
    by_id = {canonical(x.id).casefold(): x for x in listeners}
    by_email = {}
    for x in listeners:
        app = applications.get((x.application or "").casefold())
        if app and app.email:
            by_email[app.email.strip().casefold()] = x
    items, total_col, other = grade_columns(headers)
    if not items and total_col is None:
        shown = f" (в файле: {', '.join(other[:3])})" if other else ""
        raise EduDeskError("В выгрузке нет оценок в баллах" + shown + ": в Moodle при экспорте выберите тип "
                           "отображения «Значение» (Real) — проценты и буквы баллами не станут.")
    result = GradeImport()
    for number, row in enumerate(rows, start=2):
        cell = _cells(row)
        listener = by_id.get(cell(id_col).casefold()) or by_email.get(cell(email_col).casefold())
        if listener is None:
            who = " ".join(c for c in (cell(email_col), cell(id_col)) if c) or f"строка {number}"
            result.unmatched.append(who)
            continue
        for index, task in items:
            score = _score(cell(index), result, number, task)
            if score is not None:
                result.scores.append((listener, task, score))
        if total_col is not None:
            total = _score(cell(total_col), result, number, "итог курса")
            if total is not None:
                result.totals.append((listener, total))
    return result


def _cells(row: list[str]):
    return lambda i: row[i].strip() if i is not None and i < len(row) else ""


def _score(text: str, result: GradeImport, row: int, task: str) -> Decimal | None:
    if text in ("", "-", "–"):
        return None
    try:
        return read_decimal(text)
    except CellError as exc:
        if re.search(r"[A-Za-zА-Яа-яЁё]", text):  # a scale grade («Зачтено», «Отлично»)
            result.problems.append(f"строка {row}, «{task}»: оценка по шкале «{text}», а не балл — не перенесена; "
                                   "внесите её на лист «Успеваемость» вручную")
        else:
            result.problems.append(f"строка {row}, «{task}»: {exc}")
        return None


@dataclass
class GradeWrites:
    """What an import writes: «Успеваемость» rows to update and to add, «Слушатели» final scores."""

    progress_updates: list[tuple[object, dict]] = field(default_factory=list)  # (sheet row number, changes)
    progress_appends: list[dict] = field(default_factory=list)
    final_updates: list[tuple[object, dict]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.progress_updates) + len(self.progress_appends) + len(self.final_updates)


def grade_writes(wb, result: GradeImport, today) -> GradeWrites:
    """Scores into «Успеваемость» (by listener and task; checked today), course totals into the final test."""
    existing = {(canonical(r.item.listener_id).casefold(), (r.item.task or "").strip().casefold()): r
                for r in wb.items("Успеваемость")}
    rows = {canonical(r.item.id).casefold(): r for r in wb.items("Слушатели")}
    writes = GradeWrites()
    for listener, task, score in result.scores:
        row = existing.get((canonical(listener.id).casefold(), task.strip().casefold()))
        if row is None:
            writes.progress_appends.append({"ID слушателя": listener.id, "Модуль/задание": task, "Балл": score,
                                            "Дата проверки": today})
        elif row.item.score != score:
            writes.progress_updates.append((row.row, {"Балл": score, "Дата проверки": today}))
    for listener, total in result.totals:
        row = rows.get(canonical(listener.id).casefold())
        if row is not None and row.item.final_test != total:
            writes.final_updates.append((row.row, {"Итоговый тест, балл": total}))
    return writes


@rule("MDL-USERNAME", "Moodle: admin/tool/uploaduser, имя пользователя (PARAM_USERNAME)", Severity.ERROR,
      "Логин ДОТ Moodle примет как есть: латинские строчные буквы, цифры и знаки - . _ @", "Набор и зачисление")
def dot_logins_moodle_accepts(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for row in wb.items("Слушатели"):
        login = (row.item.dot_login or "").strip()
        if login and (problem := username_problem(login)):
            yield r.finding(wb["Слушатели"], row.row, "dot_login", f"{problem[0].upper()}{problem[1:]}.")


@rule("MDL-EMAIL", "Moodle: admin/tool/uploaduser (validate_email; «Запретить повторяющиеся адреса электронной почты»)",
      Severity.ERROR, "E-mail слушателя Moodle примет и пришлёт на него пароль", "Набор и зачисление")
def listener_emails_moodle_mails_to(wb: Workbook, r: Rule) -> Iterator[Finding]:
    listeners = [row.item for row in wb.items("Слушатели")]
    applications = {(row.item.number or "").casefold(): row for row in wb.items("Заявки")}
    items = {key: row.item for key, row in applications.items()}
    reported = set()
    for listener, problem in email_problems(listeners, items, listeners):
        row = applications.get((listener.application or "").casefold())
        if row is not None and row.row not in reported:
            reported.add(row.row)
            yield r.finding(wb["Заявки"], row.row, "email", f"{problem[0].upper()}{problem[1:]}.")
