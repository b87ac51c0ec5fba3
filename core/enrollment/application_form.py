"""The application form (форма сбора заявок, 000 §1.2): an .xlsx to send out, and filled forms read back."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.enrollment.groups import full_name
from core.enrollment.rules import categories
from core.platform.errors import CellError, EduDeskError
from core.platform.exports import append_text_exact
from core.platform.snils import is_valid as snils_valid
from core.platform.uploads import check_upload, first_sheet
from core.records.cells import read_past_date, read_text
from core.records.form import numbered
from core.store.base import Numbering
from sheets_schema.base import normalize_header

FORM_COLUMNS = ["Код программы", "Фамилия", "Имя", "Отчество", "Дата рождения", "Пол", "СНИЛС", "Должность",
                "Место работы", "Направившая организация", "Категория", "E-mail", "Телефон"]
REQUIRED = {"Код программы", "Фамилия", "Имя"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
INSTRUCTION = ("Заполните по строке на каждого слушателя, начиная со строки 3. Код программы и категорию выберите "
               "из списка. Дата рождения — ДД.ММ.ГГГГ, СНИЛС — 123-456-789 01. Не меняйте заголовки.")


class FormError(EduDeskError):
    """The uploaded file is not a filled application form."""


def build_form(programs: list) -> bytes:
    """An .xlsx application form for these programs: instruction, headers, dropdowns, a program list."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Заявки"
    sheet.append([INSTRUCTION])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(FORM_COLUMNS))
    sheet["A1"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(italic=True)
    sheet.row_dimensions[1].height = 45
    sheet.append(FORM_COLUMNS)
    for col, header in enumerate(FORM_COLUMNS, start=1):
        cell = sheet.cell(row=2, column=col)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FFE8F0FE")
        sheet.column_dimensions[get_column_letter(col)].width = max(14, len(header) + 4)
    sheet.freeze_panes = "A3"
    reference = book.create_sheet("Программы")
    reference.append(["Код", "Наименование", "Объём, ч", "Категории слушателей", "", "Все категории"])
    all_categories: list[str] = []
    for program in programs:  # program texts are staff's words: string cells, never formulas
        append_text_exact(reference, [program.code, program.name, program.hours, program.categories])
        all_categories += [c.strip() for c in re.split(r"[;,\n]", program.categories or "") if c.strip()]
    unique = list(dict.fromkeys(all_categories))
    for row, category in enumerate(unique, start=2):  # a range, not a quoted list: quotes and commas can't break it
        reference.cell(row=row, column=6, value=category).data_type = "s"
    for letter, width in (("B", 60), ("D", 45), ("F", 40)):
        reference.column_dimensions[letter].width = width
    _dropdown(sheet, 1, f"=Программы!$A$2:$A${len(programs) + 1}")
    if unique:
        _dropdown(sheet, FORM_COLUMNS.index("Категория") + 1, f"=Программы!$F$2:$F${len(unique) + 1}")
    _dropdown(sheet, FORM_COLUMNS.index("Пол") + 1, '"Муж,Жен"')
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _dropdown(sheet, col: int, formula: str) -> None:
    letter = get_column_letter(col)
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.add(f"{letter}3:{letter}1000")
    sheet.add_data_validation(validation)


@dataclass
class FormRow:
    source: str  # file name
    row: int  # row in the uploaded sheet
    values: dict[str, Any]
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def name(self) -> str:
        return " ".join(str(self.values.get(k) or "") for k in ("Фамилия", "Имя", "Отчество")).strip()


def read_form(name: str, data: bytes) -> list[FormRow]:
    """Rows of one filled form; a file that isn't one raises FormError with a Russian message."""
    check_upload(name, data)
    grid = first_sheet(name, data, FormError, skip_empty_area=False)
    header_at = next((i for i, row in enumerate(grid[:10])
                      if {"фамилия", "код программы"} <= {normalize_header(str(v)) for v in row}), None)
    if header_at is None:
        raise FormError(f"В файле «{name}» нет строки заголовков формы (нужны хотя бы «Код программы» и "
                        "«Фамилия»). Скачайте форму заново и перенесите данные в неё.")
    position = {normalize_header(str(h)): i for i, h in enumerate(grid[header_at]) if str(h).strip()}
    rows = []
    for offset, raw in enumerate(grid[header_at + 1:], start=header_at + 2):
        values = {h: raw[position[normalize_header(h)]] if normalize_header(h) in position
                  and position[normalize_header(h)] < len(raw) else None for h in FORM_COLUMNS}
        values = {k: (None if v == "" else v) for k, v in values.items()}
        if any(v is not None for v in values.values()):
            rows.append(FormRow(name, offset, values))
    return rows


def validate(rows: list[FormRow], programs: list, existing_applications: list) -> list[FormRow]:
    """Fill each row's problems: required fields, program, category, СНИЛС, e-mail, dates, duplicates."""
    by_code = {(p.code or "").casefold(): p for p in programs}
    seen = {_key(a.program_code, a.snils, full_name(a), a.birth_date) for a in existing_applications}
    seen = {k for pair in seen for k in pair if k}
    for row in rows:
        v, problems = row.values, row.problems
        for header in REQUIRED:
            if not read_text(v.get(header)):
                problems.append(f"не заполнено «{header}»")
        program = by_code.get((read_text(v.get("Код программы")) or "").casefold())
        if read_text(v.get("Код программы")) and program is None:
            problems.append(f"нет программы с кодом «{read_text(v['Код программы'])}»")
        birth = _date(v, "Дата рождения", problems)
        gender = read_text(v.get("Пол"))
        if gender and gender_of(gender) is None:
            problems.append(f"«Пол»: «{gender}» — выберите «Муж» или «Жен»")
        snils = read_text(v.get("СНИЛС"))
        if snils and not snils_valid(snils):
            problems.append("СНИЛС не проходит проверку контрольной суммы (ENR-SNILS)")
        email = read_text(v.get("E-mail"))
        if email and not _EMAIL.match(email):
            problems.append(f"адрес e-mail «{email}» записан с ошибкой")
        category = read_text(v.get("Категория"))
        allowed = categories(program.categories) if program else set()
        if program and allowed and (not category or normalize_header(category) not in allowed):
            problems.append(f"категория «{category or '—'}» не из категорий программы: {program.categories} (ENR-CATEGORY)")
        keys = [k for k in _key(read_text(v.get("Код программы")), snils, row.name, birth) if k]
        if any(k in seen for k in keys):
            problems.append("такая заявка уже есть (тот же СНИЛС или ФИО и дата рождения в этой программе)")
        seen.update(keys)
    return rows


def gender_of(text: str | None) -> str | None:
    """«Муж»/«Жен» from what people type: м, муж., мужской, Ж, женский…; None when it isn't one of them."""
    word = (text or "").strip().casefold().rstrip(".")
    if word in ("м", "муж", "мужской"):
        return "Муж"
    if word in ("ж", "жен", "женский"):
        return "Жен"
    return None


def _date(values: dict, header: str, problems: list[str]) -> date | None:
    try:
        day = read_past_date(values.get(header))  # «03.02.65» is 1965: a birth date is behind us
    except CellError as exc:
        problems.append(f"«{header}»: {exc}")
        return None
    if day and not (date(1940, 1, 1) <= day <= date.today()):
        problems.append(f"«{header}»: {day:%d.%m.%Y} — проверьте год")
    return day


def _key(program, snils, name, birth) -> tuple[str | None, str | None]:
    program = (program or "").casefold()
    digits = re.sub(r"\D", "", snils or "")
    by_snils = f"{program}|{digits}" if digits else None
    by_name = f"{program}|{normalize_header(name or '')}|{birth}" if name and birth else None
    return by_snils, by_name


def next_application_numbers(existing: list, count: int) -> list[str]:
    """The next `count` numbers «З-NNNN» after the largest in use."""
    numbers = [int(m[1]) for n in existing if (m := re.fullmatch(r"З-(\d+)", str(n or "")))]
    first = max(numbers, default=0) + 1
    return [f"З-{n:04d}" for n in range(first, first + count)]


# Numbers are handed out by the store inside the write, from «Заявки» as it is at that moment.
APPLICATION_NUMBERS = numbered(Numbering("Заявки", "№ заявки", next_application_numbers))


def application_rows(rows: list[FormRow], existing_numbers: list[str], today: date,
                     headers: list[str] | None = None) -> list[dict]:
    """«Заявки» rows for the valid form rows, numbered after the largest «З-NNNN» in use (as a preview: the
    write gives the final numbers through APPLICATION_NUMBERS). A column the staff's tab doesn't have yet (an
    older workbook without «Пол») is left out rather than refusing the whole upload."""
    good = [r for r in rows if r.ok]
    known = {normalize_header(h) for h in headers} if headers else None
    result = []
    for number, row in zip(next_application_numbers(existing_numbers, len(good)), good, strict=True):
        values = {k: read_text(v) if k != "Дата рождения" else read_past_date(v) for k, v in row.values.items()
                  if known is None or normalize_header(k) in known}
        if values.get("Пол"):
            values["Пол"] = gender_of(values["Пол"])
        result.append({"№ заявки": number, "Дата поступления": today, "Статус": "новая",
                       "Внеплановая": "нет", **{k: v for k, v in values.items() if v is not None}})
    return result
