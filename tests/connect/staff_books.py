"""Staff-style workbooks as offices keep them (from the seeds' forms and hand-kept registers), each with its
answer key: which model tab each staff tab holds and which model column each staff column is.

Written with openpyxl as a person's Excel file would be: title rows with a merged «Утверждаю» block, headers below
them (some over two rows), «№ п/п», abbreviations, one «ФИО» column, dates typed as text, money with «руб.» and a
decimal comma, да/нет and ticked boxes, a hidden column, empty rows, «Итого» with a formula, frozen panes, an
autofilter, data validation and conditional formatting — and columns of their own."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

STAFF = None  # «только для сотрудников» in an answer key


@dataclass
class StaffTab:
    name: str
    model_tab: str | None
    title: list[str]  # rows above the header
    headers: list[str] | list[list[str]]  # one row, or two rows (group row, sub-header row)
    rows: list[list[Any]]
    answer: dict[str, tuple[str | None, str | None]]  # staff header → (model header or STAFF, part)
    footer: list[Any] | None = None  # «Итого» row (a formula may be given as text starting with «=»)
    hidden: tuple[str, ...] = ()  # staff headers of hidden columns
    gap_after: int | None = None  # an empty row after this many records
    below: list[list[Any]] = field(default_factory=list)  # under one empty row: the signature block


@dataclass
class StaffBook:
    name: str
    tabs: list[StaffTab] = field(default_factory=list)

    def header_row(self, tab: StaffTab) -> int:
        depth = 2 if tab.headers and isinstance(tab.headers[0], list) else 1
        return len(tab.title) + (1 if tab.title else 0) + depth


def _direct(*pairs: tuple[str, str | None]) -> dict[str, tuple[str | None, str | None]]:
    return {staff: (model, None) for staff, model in pairs}


def _staff_only(headers: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """The answer key of a tab that is nobody's model: every column «только для сотрудников»."""
    return {h: (STAFF, None) for h in headers}


REGISTER = StaffTab(
    "Реестр слушателей 2026", "Заявки",
    ["УТВЕРЖДАЮ", "Проректор по учебной работе ____________ Т.В. Орлова",
     "Реестр заявок на обучение по программам повышения квалификации, 2026 год"],
    ["№ п/п", "ФИО", "Дата рожд.", "СНИЛС", "Эл. почта", "Тел.", "Место работы", "Должность", "Код программы",
     "№ заявки", "Дата заявки", "Статус", "Внеплановая", "Примечание"],
    [
        [1, "Иванова Мария Петровна", date(1985, 3, 14), "112-233-445 95", "ivanova@school5.ru", "+7 912 345-67-89",
         "МБОУ СОШ № 5", "учитель математики", "ПК-01", "З-001", date(2026, 1, 12), "принята", "нет", "звонила"],
        [2, "Петров Сергей Иванович", "02.07.1979", "123-456-789 64", "petrov@mail.ru", "8 (922) 111-22-33",
         "МАОУ Лицей № 1", "завуч", "ПК-01", "З-002", "15.01.2026", "принята", "да", ""],
        [3, "Сидорова Анна", date(1990, 11, 2), "987-654-321 00", "sidorova@yandex.ru", "89123334455",
         "МБОУ СОШ № 12", "учитель", "ПК-02", "З-003", date(2026, 2, 1), "новая", "нет", "без отчества"],
        [4, "Кузнецов Олег Олегович", date(1975, 5, 30), "111-222-333 45", "kuznetsov@school.ru", "+79001112233",
         "МБОУ Гимназия № 2", "директор", "ПК-02", "З-004", date(2026, 2, 3), "отклонена", "нет", ""],
    ],
    {"№ п/п": (STAFF, None), "ФИО": ("Фамилия", "фамилия"), "Дата рожд.": ("Дата рождения", None),
     "СНИЛС": ("СНИЛС", None), "Эл. почта": ("E-mail", None), "Тел.": ("Телефон", None),
     "Место работы": ("Место работы", None), "Должность": ("Должность", None),
     "Код программы": ("Код программы", None), "№ заявки": ("№ заявки", None),
     "Дата заявки": ("Дата поступления", None), "Статус": ("Статус", None), "Внеплановая": ("Внеплановая", None),
     "Примечание": (STAFF, None)},
    hidden=("Примечание",), gap_after=2,
)

PROGRAMS = StaffTab(
    "Программы ДПО", "Программы", ["Перечень дополнительных профессиональных программ на 2026 год"],
    ["Шифр", "Наименование программы", "Вид программы", "Кол-во часов", "Форма обучения", "Кафедра",
     "Руководитель", "Категории слушателей", "Комментарий методиста"],
    [
        ["ПК-01", "Функциональная грамотность школьников", "повышение квалификации", 36, "очная",
         "Кафедра математики", "Орлова Т.В.", "учителя математики", "обновить в 2027"],
        ["ПК-02", "Цифровая образовательная среда", "повышение квалификации", "72", "очно-заочная",
         "Кафедра ИТ", "Белов А.А.", "педагоги", ""],
        ["ПП-01", "Менеджмент в образовании", "профессиональная переподготовка", 250, "заочная",
         "Кафедра управления", "Громова Е.С.", "руководители", ""],
    ],
    _direct(("Шифр", "Код"), ("Наименование программы", "Наименование"), ("Вид программы", "Вид"),
            ("Кол-во часов", "Объём, ч"), ("Форма обучения", "Форма обучения"), ("Кафедра", "Подразделение"),
            ("Руководитель", "Руководитель программы"), ("Категории слушателей", "Категории слушателей"),
            ("Комментарий методиста", STAFF)),
)

GROUPS = StaffTab(
    "Учебные группы", "Группы", ["Учебные группы 2026"],
    [["Группа", "Программа", "Сроки обучения", "", "Куратор", "Приказ о зачислении", ""],
     ["", "", "начало", "окончание", "", "№", "дата"]],
    [
        ["Г-01", "ПК-01", date(2026, 3, 2), date(2026, 3, 13), "Орлова Т.В.", "15-к", date(2026, 2, 25)],
        ["Г-02", "ПК-02", "06.04.2026", "17.04.2026", "Белов А.А.", "", ""],
    ],
    {"Группа": ("Код группы", None), "Программа": ("Код программы", None),
     "Сроки обучения / начало": ("Дата начала", None), "Сроки обучения / окончание": ("Дата окончания", None),
     "Куратор": ("Куратор", None), "Приказ о зачислении / №": ("Приказ о зачислении №", None),
     "Приказ о зачислении / дата": ("Приказ о зачислении, дата", None)},
)

PAYMENTS = StaffTab(
    "Оплаты 2026", "ПОУ_оплаты", ["Поступление оплат по договорам платных образовательных услуг"],
    ["№ п/п", "Код услуги", "№ договора", "Договор от", "Плательщик", "Сумма договора", "Оплачено, руб.",
     "Дата оплаты", "Бухгалтер"],
    [
        [1, "ПОУ-001", "Д-15/2026", date(2026, 2, 1), "МБОУ СОШ № 5", 12000, "12 000,00 руб.", date(2026, 2, 20),
         "Смирнова"],
        [2, "ПОУ-001", "Д-16/2026", "03.02.2026", "ООО «Учебный центр»", "8 500,50", 4000, "", "Смирнова"],
        [3, "ПОУ-002", "Д-17/2026", date(2026, 3, 5), "Петров С.И.", 3600, 3600, date(2026, 3, 6), "Лебедева"],
    ],
    _direct(("№ п/п", STAFF), ("Код услуги", "Код услуги"), ("№ договора", "Договор"),
            ("Договор от", "Дата договора"), ("Плательщик", "Плательщик"), ("Сумма договора", "Сумма по договору"),
            ("Оплачено, руб.", "Оплачено"), ("Дата оплаты", "Дата оплаты"), ("Бухгалтер", STAFF)),
    footer=["Итого", "", "", "", "", "=SUM(F4:F6)", "=SUM(G4:G6)", "", ""],
)

EXPERTS = StaffTab(
    "Эксперты", "ДЭ_эксперты", [],
    ["Код экзамена", "Роль", "ФИО эксперта", "Организация", "Штат/ГПХ", "В реестре", "Готовил участников",
     "Часы план", "Часы факт", "Контакт"],
    [
        ["ДЭ-01", "главный эксперт", "Соколов Игорь Петрович", "ГАПОУ Колледж связи", "ГПХ", True, False, 16, 16,
         "внутр. 214"],
        ["ДЭ-01", "эксперт", "Морозова Елена Викторовна", "ГБПОУ Техникум", "штат", True, "нет", 12, "", ""],
        ["ДЭ-02", "эксперт", "Волков Дмитрий Сергеевич", "ГБПОУ Техникум", "штат", False, "да", 12, 10, ""],
    ],
    _direct(("Код экзамена", "Код экзамена"), ("Роль", "Роль"), ("ФИО эксперта", "ФИО"),
            ("Организация", "Организация"), ("Штат/ГПХ", "Штат/ГПХ"), ("В реестре", "В реестре"),
            ("Готовил участников", "Готовил участников"), ("Часы план", "Часы план"), ("Часы факт", "Часы факт"),
            ("Контакт", STAFF)),
)

ROADMAP = StaffTab(
    "ДК 2025-2027", "Дорожная_карта", ["План мероприятий («дорожная карта») по развитию ДПО в регионе"],
    ["№ п/п", "Наименование мероприятия", "Ключевой результат", "Срок", "Ответственные", "Статус",
     "Дата выполнения", "Отметка куратора"],
    [
        ["1.1", "Разработка региональной модели ДПО", "модель утверждена", "до 1 марта 2026 г.",
         "Министерство образования", "выполнено", date(2026, 2, 20), ""],
        ["1.2", "Мониторинг потребности в кадрах", "аналитическая справка", "ежеквартально", "ИРО",
         "в работе", "", "проверить"],
        ["2.1", "Обучение управленческих команд", "не менее 120 человек", "декабрь 2026 г.", "ИРО", "не начато", "",
         ""],
    ],
    _direct(("№ п/п", "№"), ("Наименование мероприятия", "Мероприятие"), ("Ключевой результат", "Ключевой результат"),
            ("Срок", "Срок реализации"), ("Ответственные", "Ответственный исполнитель"), ("Статус", "Статус"),
            ("Дата выполнения", "Дата выполнения"), ("Отметка куратора", STAFF)),
)

LISTENERS = StaffTab(
    "Слушатели групп", "Слушатели", ["Список слушателей учебных групп"],
    ["ID", "Группа", "Фамилия", "Имя", "Отчество", "Логин в СДО", "Итоговый тест", "Дата аттестации", "Телефон родителя"],
    [
        ["С-001", "Г-01", "Иванова", "Мария", "Петровна", "ivanova_mp", 86, date(2026, 3, 13), ""],
        ["С-002", "Г-01", "Петров", "Сергей", "Иванович", "petrov_si", "72,5", "13.03.2026", ""],
        ["С-003", "Г-02", "Сидорова", "Анна", "", "sidorova_a", "", "", ""],
    ],
    {"ID": ("ID слушателя", None), "Группа": ("Код группы", None), "Фамилия": ("ФИО", "фамилия"),
     "Имя": ("ФИО", "имя"), "Отчество": ("ФИО", "отчество"), "Логин в СДО": ("Логин ДОТ", None),
     "Итоговый тест": ("Итоговый тест, балл", None), "Дата аттестации": ("Дата аттестации", None),
     "Телефон родителя": (STAFF, None)},
)

SECTIONED_PLAN = StaffTab(
    "План ПОУ по кафедрам", "ПОУ_услуги",
    ["План платных образовательных услуг (программы повышения квалификации) на 2026 год"],
    ["Код услуги", "Наименование", "Место", "Заказчик", "Часы", "Слушатели", "Ставка, руб.", "Сроки",
     "Руководитель", "Статус"],
    [
        ["Кафедра педагогики"],
        ["ПОУ-101", "Наставничество", "в Учреждении", "МБОУ СОШ № 5", 36, 20, "152,50", "с 10.03.2026 по 20.03.2026",
         "Орлова Т.В.", "согласована"],
        ["ПОУ-102", "Классное руководство", "на территории заказчика", "МАОУ Лицей № 1", 24, 25, 152.5,
         "06.04–10.04.2026", "Орлова Т.В.", "запланирована"],
        ["Кафедра ИТ"],
        ["ПОУ-201", "Цифровая школа", "дистанционно", "ООО «Альфа»", 24, 12, 160, "с 01.04.2026 по 10.04.2026",
         "Белов А.А.", "проводится"],
    ],
    {"Код услуги": ("Код услуги", None), "Наименование": ("Наименование", None), "Место": ("Место", None),
     "Заказчик": ("Заказчик", None), "Часы": ("Часы", None), "Слушатели": ("Слушатели", None),
     "Ставка, руб.": ("Ставка, ₽/чел.-ч", None), "Сроки": ("Дата начала", "с"), "Руководитель": ("Руководитель", None),
     "Статус": ("Статус", None), "строки разделов": ("Кафедра", "раздел"), "шапка листа: «ПК»": ("Вид", "шапка")},
)

GROUPS_IN_ONE_CELL = StaffTab(
    "Группы 2026", "Группы", ["Расписание групп"],
    ["Шифр группы", "Программа", "Сроки обучения", "Куратор", "Аудитория"],
    [
        ["Г-11", "ПК-01 Функциональная грамотность школьников", "с 02.03.2026 по 13.03.2026", "Орлова Т.В.", "301"],
        ["Г-12", "ПК-02 Цифровая образовательная среда", "06.04.2026 - 17.04.2026", "Белов А.А.", "Zoom"],
    ],
    {"Шифр группы": ("Код группы", None), "Программа": ("Код программы", "код"), "Сроки обучения": ("Дата начала", "с"),
     "Куратор": ("Куратор", None), "Аудитория": ("Аудитория или платформа", None)},
)

ATTENDANCE_GRID = StaffTab(
    "Посещаемость Г-01", "Посещаемость", ["Журнал посещаемости группы Г-01, 2026 год"],
    ["№", "ФИО слушателя", "02.03", "03.03", "04.03", "05.03", "Примечание"],
    [
        [1, "Иванова Мария Петровна", "+", "+", "н", "+", ""],
        [2, "Петров Сергей Иванович", "+", "н", "+", "", "болел 4-5 марта"],
        [3, "Сидорова Анна", "+", "+", "+", "+", ""],
        [4, "Орлов Пётр", "+", "", "", "", "не слушатель группы"],
    ],
    {"№": (STAFF, None), "ФИО слушателя": ("ID слушателя", "по ФИО"),
     "даты в заголовках C…F, 2026": ("Дата занятия", "даты"), "отметки в ячейках": ("Присутствовал", "отметка"),
     "шапка листа: «Г-01»": ("Код группы", "шапка"), "Примечание": (STAFF, None)},
)

BOOKS = [
    StaffBook("Реестр ДПО 2026", [REGISTER, PROGRAMS, GROUPS]),
    StaffBook("Платные услуги", [PAYMENTS]),
    StaffBook("Демоэкзамен 2026", [EXPERTS]),
    StaffBook("Дорожная карта", [ROADMAP]),
    StaffBook("Слушатели", [LISTENERS, PROGRAMS]),
    StaffBook("ПОУ по кафедрам", [SECTIONED_PLAN]),
    StaffBook("Группы в одну ячейку", [GROUPS_IN_ONE_CELL, PROGRAMS]),
    StaffBook("Журнал посещаемости", [ATTENDANCE_GRID, LISTENERS, GROUPS]),
]


def write_book(book: StaffBook, path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for tab in book.tabs:
        ws = wb.create_sheet(tab.name)
        _fill(ws, tab)
    wb.save(path)
    return path


def _fill(ws, tab: StaffTab) -> None:
    row = 1
    for line in tab.title:
        ws.cell(row=row, column=1, value=line).font = Font(bold=True)
        if line == "УТВЕРЖДАЮ":
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        row += 1
    if tab.title:
        row += 1  # an empty row under the title, as offices leave one
    header_rows = tab.headers if tab.headers and isinstance(tab.headers[0], list) else [tab.headers]
    for r, headers in enumerate(header_rows):
        for c, text in enumerate(headers, start=1):
            if text:
                ws.cell(row=row + r, column=c, value=text).font = Font(bold=True)
    if len(header_rows) == 2:
        _merge_two_row_header(ws, header_rows, row)
    header_last = row + len(header_rows) - 1
    width = len(header_rows[-1])
    row = header_last + 1
    for n, values in enumerate(tab.rows):
        if tab.gap_after is not None and n == tab.gap_after:
            row += 1
        for c, value in enumerate(values, start=1):
            if value not in ("", None):
                ws.cell(row=row, column=c, value=value)
        row += 1
    if tab.footer:
        for c, value in enumerate(tab.footer, start=1):
            if value not in ("", None):
                ws.cell(row=row, column=c, value=value).font = Font(bold=True)
    under = row + (1 if tab.footer else 0) + 1  # one empty row between
    for n, values in enumerate(tab.below):
        for c, value in enumerate(values, start=1):
            if value not in ("", None):
                ws.cell(row=under + n, column=c, value=value)
    last = get_letter(width)
    ws.freeze_panes = f"A{header_last + 1}"
    ws.auto_filter.ref = f"A{header_last}:{last}{max(header_last, row - 1)}"
    check = DataValidation(type="list", formula1='"да,нет"', allow_blank=True)
    ws.add_data_validation(check)
    check.add(f"{last}{header_last + 1}:{last}{header_last + 200}")
    ws.conditional_formatting.add(f"A{header_last + 1}:A{header_last + 200}",
                                  CellIsRule(operator="equal", formula=['"0"'], fill=PatternFill("solid", "FFC7CE")))
    for header in tab.hidden:
        index = header_rows[-1].index(header) + 1
        ws.column_dimensions[get_letter(index)].hidden = True


def _merge_two_row_header(ws, rows: list[list[str]], top: int) -> None:
    group, sub = rows
    c = 0
    while c < len(group):
        if group[c] and not sub[c]:
            ws.merge_cells(start_row=top, start_column=c + 1, end_row=top + 1, end_column=c + 1)
            c += 1
            continue
        if group[c]:
            end = c
            while end + 1 < len(group) and not group[end + 1] and sub[end + 1]:
                end += 1
            if end > c:
                ws.merge_cells(start_row=top, start_column=c + 1, end_row=top, end_column=end + 1)
            c = end + 1
            continue
        c += 1


def get_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def flat_headers(tab: StaffTab) -> list[str]:
    if tab.headers and isinstance(tab.headers[0], list):
        group, sub = tab.headers
        out, current = [], ""
        for g, s in zip(group, sub, strict=True):
            current = g or (current if s else "")
            out.append(f"{current} / {s}" if current and s and g != s else (g or s))
        return out
    return list(tab.headers)
