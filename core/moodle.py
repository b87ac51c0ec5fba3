"""Moodle, the institutes' usual learning platform: accounts out («Upload users» CSV), grades back in.

Formats are Moodle's own: admin/tool/uploaduser (username, password, firstname, lastname, email,
middlename, course1, group1; UTF-8) and the gradebook export (CSV or XLSX) in English or Russian.
"""

from __future__ import annotations

import csv
import io
import re
import secrets
import string
from dataclasses import dataclass, field
from decimal import Decimal

from .cells import read_decimal
from .errors import CellError, EduDeskError
from .store.base import canonical

UPLOAD_COLUMNS = ["username", "password", "firstname", "lastname", "email", "middlename", "course1", "group1"]
_ID_HEADERS = {"id number", "идентификационный номер", "индивидуальный номер"}
_EMAIL_HEADERS = {"email address", "адрес электронной почты", "email", "e-mail"}
_SKIP = {"first name", "last name", "имя", "фамилия", "institution", "учреждение (организация)", "department", "отдел",
         "last downloaded from this course", "последняя загрузка из этого курса"} | _ID_HEADERS | _EMAIL_HEADERS
_TOTAL = re.compile(r"^(course total|итоговая оценка за курс)", re.I)
_ITEM = re.compile(r"^(?:assignment|задание|quiz|тест|элемент|activity)\s*:\s*(.+?)\s*\((?:real|значение)\)\s*$", re.I)


def username(listener) -> str:
    """Stable and unique: the DOT login if staff set one, else «s» and the listener ID's digits."""
    if listener.dot_login:
        return listener.dot_login.strip().lower()
    digits = re.sub(r"\D", "", listener.id or "")
    return f"s{digits}" if digits else re.sub(r"[^a-z0-9]", "", (listener.id or "").lower()) or "user"


def password(length: int = 12) -> str:
    """A password Moodle's default policy accepts: upper, lower, digit and a symbol. Never logged."""
    alphabet = string.ascii_letters + string.digits
    while True:
        word = "".join(secrets.choice(alphabet) for _ in range(length - 1)) + secrets.choice("!#%*+-")
        if any(c.isupper() for c in word) and any(c.islower() for c in word) and any(c.isdigit() for c in word):
            return word


def upload_users_csv(listeners: list, applications: dict, course: str) -> tuple[bytes, list[str]]:
    """«Upload users» CSV for a group's listeners, and the names left out for lack of an e-mail."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(UPLOAD_COLUMNS)
    missing, seen = [], set()
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
        writer.writerow([name, password(), first, last, email, middle, course, x.group_code])
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
    """Headers and rows of a Moodle grades export, CSV (comma or semicolon, UTF-8 with or without BOM) or XLSX."""
    if name.lower().endswith(".xlsx"):
        import python_calamine

        try:
            grid = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
        except Exception as exc:  # calamine's own error types
            raise EduDeskError(f"Файл «{name}» не читается как .xlsx: {type(exc).__name__}.") from None
        rows = [["" if v is None else str(v) for v in row] for row in grid]
    else:
        text = data.decode("utf-8-sig", errors="replace")
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
        rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        raise EduDeskError(f"Файл «{name}» пуст.")
    return [h.strip() for h in rows[0]], rows[1:]


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
    items = [(i, m[1]) for i, h in enumerate(headers) if (m := _ITEM.match(h))]
    total_col = next((i for i, h in enumerate(headers) if _TOTAL.match(h)), None)
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
