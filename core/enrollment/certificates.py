"""Certificates (удостоверения о ПК): registration numbers, issue records, the ФИС ФРДО export (000 §6)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import openpyxl
from openpyxl.styles import Font

from core.admission.files import files_by_listener, keeps_files
from core.admission.files import key as file_key
from core.enrollment.rules import parse_reg_number
from core.platform.exports import append_text_exact
from core.platform.snils import is_valid as snils_valid
from core.store.base import Numbering
from sheets_schema.enums import EducationLevel, ProgramKind

# ФИС ФРДО upload template for ДПО (sheet «Шаблон», columns A–AN) and the values its lists accept. No official
# template file is reachable here; three independent public exporters agree on these headers (S, T, U with
# «(для документа о квалификации)») and values: a PHP exporter of group lists, a C# Excel exporter (Муж/Жен,
# «Платное обучение», «в образовательной организации», «643») and a TypeScript template with the sheet's data
# validations (J: «Повышение квалификации» / «Профессиональная переподготовка»; AB: Очная / Заочная /
# Очно-заочная; AC: «Платное обучение» / «Бюджетное обучение»; AD: «в образовательной организации» / «вне …»).
# This block is the one place to correct them.
FRDO_COLUMNS = [
    "Вид документа", "Статус документа", "Подтверждение утраты", "Подтверждение обмена",
    "Подтверждение уничтожения", "Серия документа", "Номер документа", "Дата выдачи документа",
    "Регистрационный номер", "Дополнительная профессиональная программа (повышение квалификации/ профессиональная переподготовка)",
    "Наименование дополнительной профессиональной программы", "Наименование области профессиональной деятельности",
    "Укрупненные группы специальностей", "Наименование квалификации, профессии, специальности",
    "Уровень образования ВО/СПО", "Фамилия указанная в дипломе о ВО или СПО", "Серия документа о ВО/СПО",
    "Номер документа о ВО/СПО", "Год начала обучения (для документа о квалификации)",
    "Год окончания обучения (для документа о квалификации)", "Срок обучения, часов (для документа о квалификации)",
    "Фамилия получателя", "Имя получателя", "Отчество получателя", "Дата рождения получателя", "Пол получателя",
    "СНИЛС", "Форма обучения", "Источник финансирования обучения",
    "Форма получения образования на момент прекращения образовательных отношений", "Гражданство получателя (код страны по ОКСМ)",
    "Наименование документа об образовании (оригинала)", "Серия (оригинала)", "Номер (оригинала)",
    "Регистрационный N (оригинала)", "Дата выдачи (оригинала)", "Фамилия получателя (оригинала)",
    "Имя получателя (оригинала)", "Отчество получателя (оригинала)", "Номер документа для изменения",
]
assert len(FRDO_COLUMNS) == 40  # A–AN
DOCUMENT = {ProgramKind.PP: ("Диплом о профессиональной переподготовке", "Профессиональная переподготовка")}
CERTIFICATE = ("Удостоверение о повышении квалификации", "Повышение квалификации")
STUDY_FORMS = {"очная": "Очная", "очно-заочная": "Очно-заочная", "заочная": "Заочная"}  # «с ДОТ»: a technology
FUNDING = {"госзадание": "Бюджетное обучение", "платно": "Платное обучение"}
AT_ORGANISATION = "в образовательной организации"
# What the registry refuses a row without (the columns a person must have; the rest is the institution's).
REQUIRED = ("Дата выдачи документа", "Регистрационный номер", "Наименование дополнительной профессиональной программы",
            FRDO_COLUMNS[18], FRDO_COLUMNS[19], FRDO_COLUMNS[20], "Фамилия получателя", "Имя получателя",
            "Дата рождения получателя", "Пол получателя", "СНИЛС", "Форма обучения",
            "Источник финансирования обучения")


def next_reg_numbers(existing: list[str], year: int, count: int) -> list[str]:
    """The next `count` numbers «ГГГГ-НННН» of the year, after the largest in use (no gaps, no repeats)."""
    used = [n for y, n in (parse_reg_number(x) or (0, 0) for x in existing) if y == year]
    first = max(used, default=0) + 1
    return [f"{year}-{n:04d}" for n in range(first, first + count)]


def reg_numbering(year: int) -> Numbering:
    """Registration numbers handed out by the store inside the write, from «Удостоверения» at that moment."""
    return Numbering("Удостоверения", "Регистрационный №", lambda existing, count: next_reg_numbers(
        [str(x) for x in existing if x], year, count))


def certificate_rows(listeners: list, existing_certificates: list, issue_date: date) -> list[dict]:
    """«Удостоверения» rows for the listeners of a group who have none yet, numbered in order."""
    have = {(c.listener_id or "").casefold() for c in existing_certificates}
    todo = sorted((x for x in listeners if (x.id or "").casefold() not in have), key=lambda x: x.full_name or "")
    numbers = next_reg_numbers([c.reg_number for c in existing_certificates], issue_date.year, len(todo))
    return [{"Регистрационный №": number, "ID слушателя": x.id, "Код группы": x.group_code}
            for number, x in zip(numbers, todo, strict=True)]


@dataclass
class FrdoRecord:
    values: dict
    problems: list[str]


# The template's «Уровень образования ВО/СПО» values. A listener still receiving it is written at that level, with
# no diploma yet (273-ФЗ ст. 76 ч. 3 admits them; the document columns stay empty).
EDUCATION_LEVELS = {EducationLevel.HIGHER: "Высшее образование", EducationLevel.STUDYING_HIGHER: "Высшее образование",
                    EducationLevel.VOCATIONAL: "Среднее профессиональное образование",
                    EducationLevel.STUDYING_VOCATIONAL: "Среднее профессиональное образование"}


def education_values(file) -> tuple[dict, list[str]]:
    """Columns O–R from the listener's file (000 §1.8) and what the registry would refuse for them."""
    if file is None:
        return {}, ["нет личного дела: уровень образования и документ о ВО/СПО (лист «Личные_дела»)"]
    level = EDUCATION_LEVELS.get(file.education)
    values = {"Уровень образования ВО/СПО": level or "", "Фамилия указанная в дипломе о ВО или СПО": file.diploma_surname or "",
              "Серия документа о ВО/СПО": file.diploma_series or "", "Номер документа о ВО/СПО": file.diploma_number or ""}
    if level is None:
        return values, ["в личном деле нет уровня образования ВО или СПО (лист «Личные_дела»)"]
    if file.education in (EducationLevel.HIGHER, EducationLevel.VOCATIONAL):
        blank = [c for c in list(values)[1:] if not values[c]]
        if blank:
            return values, [f"в личном деле не заполнено: {', '.join(f'«{c}»' for c in blank)} (лист «Личные_дела»)"]
    return values, []


def frdo_records(certificates: list, listeners: dict, applications: dict, groups: dict, programs: dict,
                 year: int, files: dict | None = None) -> list[FrdoRecord]:
    """One template row per certificate issued in `year`; problems name what the registry will refuse."""
    records = []
    for cert in certificates:
        if cert.issued is None or cert.issued.year != year:
            continue
        listener = listeners.get((cert.listener_id or "").casefold())
        app = applications.get(((listener.application if listener else "") or "").casefold())
        group = groups.get(((cert.group_code or (listener.group_code if listener else "")) or "").casefold())
        program = programs.get(((group.program_code if group else "") or "").casefold())
        problems = []
        if app is None:
            problems.append("нет заявки слушателя (ФИО, дата рождения, СНИЛС)")
        elif app.snils and not snils_valid(app.snils):
            problems.append("СНИЛС не проходит проверку контрольной суммы")
        series, _, number = (cert.blank or "").rpartition(" ")
        document, kind = DOCUMENT.get(program.kind if program else None, CERTIFICATE)
        values = {
            "Вид документа": document, "Статус документа": "Оригинал",
            "Подтверждение утраты": "Нет", "Подтверждение обмена": "Нет", "Подтверждение уничтожения": "Нет",
            "Серия документа": series, "Номер документа": number, "Дата выдачи документа": cert.issued.strftime("%d.%m.%Y"),
            "Регистрационный номер": cert.reg_number,
            FRDO_COLUMNS[9]: kind,
            "Наименование дополнительной профессиональной программы": program.name if program else "",
            FRDO_COLUMNS[18]: group.start.year if group and group.start else "",
            FRDO_COLUMNS[19]: group.end.year if group and group.end else "",
            FRDO_COLUMNS[20]: program.hours if program else "",
            "Фамилия получателя": app.last_name if app else "", "Имя получателя": app.first_name if app else "",
            "Отчество получателя": app.middle_name or "" if app else "",
            "Дата рождения получателя": app.birth_date.strftime("%d.%m.%Y") if app and app.birth_date else "",
            "Пол получателя": gender(app),
            "СНИЛС": app.snils if app else "",
            "Форма обучения": STUDY_FORMS.get(program.form.value, "") if program and program.form else "",
            "Источник финансирования обучения": FUNDING.get(program.funding.value, "") if program and program.funding
            else "",
            FRDO_COLUMNS[29]: AT_ORGANISATION,
            "Гражданство получателя (код страны по ОКСМ)": "643",
        }
        problems += [f"не заполнено «{column}» ({_where(column, program)})" for column in REQUIRED
                     if values.get(column) in (None, "")]
        if files is not None:  # the institute keeps the files here: the education columns come from them
            education, missing = education_values(files.get(file_key(cert.listener_id)))
            values |= education
            problems += missing
        records.append(FrdoRecord(values, problems))
    return records


def gender(app) -> str:
    """«Пол» from the application; without it, from the patronymic where Russian makes it plain (-вна/-чна,
    -вич/-ич; -кызы/-оглы), as the registry's exporters do; else empty (and named as a problem)."""
    if app is None:
        return ""
    if app.gender:
        return app.gender.value
    middle = (app.middle_name or "").strip().casefold()
    if middle.endswith(("вна", "чна", "кызы", "гызы")):
        return "Жен"
    if middle.endswith(("вич", "ич", "оглы", "улы")):
        return "Муж"
    return ""


def _where(column: str, program) -> str:
    """Where staff fill in what a registry column needs."""
    if column == "Форма обучения" and program and program.form:
        return f"у программы {program.code} «{program.form.value}» — это технология, не форма обучения: укажите " \
               "на листе «Программы» форму — «очная», «очно-заочная» или «заочная» (программа целиком с ДОТ, без " \
               "очных занятий, — «заочная»)"
    return {"Форма обучения": "«Форма обучения» программы, лист «Программы»",
            "Источник финансирования обучения": "«Финансирование» программы, лист «Программы»",
            "Наименование дополнительной профессиональной программы": "программа группы, лист «Программы»",
            FRDO_COLUMNS[20]: "«Объём, ч» программы, лист «Программы»",
            FRDO_COLUMNS[18]: "даты группы, лист «Группы»", FRDO_COLUMNS[19]: "даты группы, лист «Группы»",
            "Дата выдачи документа": "«Дата выдачи», лист «Удостоверения»"}.get(column, "заявка слушателя, лист «Заявки»")


def export_frdo(wb, year: int) -> tuple[list[FrdoRecord], bytes]:
    """The year's certificates from the workbook as template records and the .xlsx to upload."""
    index = {tab: {(getattr(r.item, key) or "").casefold(): r.item for r in wb.items(tab)}
             for tab, key in (("Слушатели", "id"), ("Заявки", "number"), ("Группы", "code"), ("Программы", "code"))}
    files = files_by_listener(wb) if keeps_files(wb) else None
    records = frdo_records([r.item for r in wb.items("Удостоверения")], index["Слушатели"], index["Заявки"],
                           index["Группы"], index["Программы"], year, files)
    return records, frdo_workbook(records)


def frdo_workbook(records: list[FrdoRecord]) -> bytes:
    """The upload file: sheet «Шаблон», 40 columns A–AN, SNILS and dates as text."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Шаблон"
    sheet.append(FRDO_COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for record in records:
        append_text_exact(sheet, [record.values.get(c, "") for c in FRDO_COLUMNS])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.number_format = "@"  # text, as the registry expects (СНИЛС with dashes, dates dd.mm.yyyy)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def issue_problems(mode: str, proxy_number: str | None, signed: bool) -> list[str]:
    """Why an issue record can't be written yet (000 §6.4): against a signature, or by proxy with its number."""
    problems = []
    if mode == "по доверенности" and not (proxy_number or "").strip():
        problems.append("Для выдачи по доверенности укажите её номер (000 п. 6.4).")
    if not signed:
        problems.append("Удостоверение выдаётся под роспись (000 п. 6.4): отметьте подпись получателя.")
    return problems
