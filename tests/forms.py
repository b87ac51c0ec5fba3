"""A filled application form as staff would send it back."""

from __future__ import annotations

import io

import openpyxl

from core.enrollment.application_form import FORM_COLUMNS, build_form


def filled_form(programs, rows: list[dict]) -> bytes:
    """The real form from build_form with these rows typed from row 3 on."""
    book = openpyxl.load_workbook(io.BytesIO(build_form(programs)))
    sheet = book["Заявки"]
    for offset, values in enumerate(rows):
        for col, header in enumerate(FORM_COLUMNS, start=1):
            if header in values:
                sheet.cell(row=3 + offset, column=col, value=values[header])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD = [
    {"Код программы": "ПК-001", "Фамилия": "Сидорова", "Имя": "Ольга", "Отчество": "Ивановна",
     "Дата рождения": "12.03.1980", "СНИЛС": "112-233-445 95", "Категория": "учителя", "E-mail": "olga@school.ru"},
    {"Код программы": "ПК-001", "Фамилия": "Петров", "Имя": "Пётр", "Дата рождения": "1975-06-01",
     "Категория": "заместители директора", "E-mail": "petrov@school.ru"},
    {"Код программы": "ПК-003", "Фамилия": "Кузина", "Имя": "Вера", "Дата рождения": "03.04.90", "Категория": "учителя"},
]
BAD = [
    {"Код программы": "ПК-001", "Фамилия": "Без", "Имя": "Категории", "Категория": "библиотекари",
     "СНИЛС": "112-233-445 96"},
    {"Код программы": "ПК-777", "Имя": "Безфамильная", "E-mail": "нет-почты"},
]
