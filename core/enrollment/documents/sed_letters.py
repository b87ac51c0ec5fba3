"""Letters for the document flow (СЭД «Садко»): the lists to the Founder (000 §1.6) and the applications
request with its form (000 §1.2), as PDF and as .docx (python-docx)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from core.enrollment.documents.context import (
    DATES,
    HOURS,
    PROGRAM,
    GroupContext,
    group_context,
    missing_in_group,
)
from core.platform.dates_ru import initials, long_date, period
from core.platform.document_layout import Document, missing_settings, refuse_incomplete
from core.platform.docx_fonts import embed_pt_serif
from core.platform.errors import EduDeskError
from core.records.checks import Workbook, settings_of

_SIGNED = ("Полное наименование", "Руководитель", "Должность руководителя", "Исполнитель")


@dataclass(frozen=True)
class Letter:
    """A letter's content, rendered the same way into PDF and .docx."""

    to: str
    subject: str
    paragraphs: list[str]
    table: tuple[list[str], list[list[str]]] | None
    signer_position: str
    signer: str
    executor: str


def founder_letter(wb: Workbook, code: str) -> Letter:
    ctx: GroupContext = group_context(wb, code)
    if not ctx.listeners:
        raise EduDeskError(f"В группе {code} нет слушателей: списки для согласования пусты.")
    refuse_incomplete("Письмо учредителю", missing_in_group(ctx, (PROGRAM, HOURS, DATES, *_SIGNED)))
    s = ctx.settings
    applications = {(r.item.number or "").casefold(): r.item for r in wb.items("Заявки")}
    listeners = {(r.item.id or "").casefold(): r.item for r in wb.items("Слушатели")}
    rows = []
    for i, person in enumerate(ctx.listeners, start=1):
        app = applications.get((listeners[person.id.casefold()].application or "").casefold())
        rows.append([str(i), person.full_name, person.organisation, (app.position or "") if app else "",
                     (app.category or "") if app else ""])
    return Letter(
        to=s.get("Учредитель") or "Учредителю", subject="О согласовании списков слушателей",
        paragraphs=[f"Направляем для согласования список слушателей учебной группы {code} по дополнительной "
                    f"профессиональной программе повышения квалификации «{ctx.program_name}» ({ctx.hours} ч), "
                    f"обучение {period(ctx.group.start, ctx.group.end)}.",
                    "Соответствие слушателей категориям потребителей государственной услуги проверено "
                    "(Стандарт, п. 1.4). Просим согласовать список."],
        table=(["№", "Фамилия, имя, отчество", "Организация", "Должность", "Категория"], rows),
        signer_position=s.get("Должность руководителя") or "Руководитель", signer=s.get("Руководитель") or "",
        executor=s.get("Исполнитель") or "")


def applications_request(wb: Workbook, today: date | None = None) -> Letter:
    s = settings_of(wb)
    rows = [r for r in wb.items("Программы") if r.item.code]
    programs = [r.item for r in rows]
    if not programs:
        raise EduDeskError("Лист «Программы» пуст: письмо о сборе заявок не из чего составить.")
    unnamed = [f"у программы {r.item.code} (лист «Программы», строка {r.row}) не заполнено «Наименование»"
               for r in rows if not (r.item.name or "").strip()]
    refuse_incomplete("Письмо о сборе заявок", missing_settings(s, (*_SIGNED, "E-mail для заявок")) + unnamed)
    return Letter(
        to="Руководителям органов управления образованием и образовательных организаций",
        subject="О сборе заявок на обучение по дополнительным профессиональным программам",
        paragraphs=[f"{s['Полное наименование']} информирует о реализации в очередном полугодии "
                    "дополнительных профессиональных программ повышения квалификации (перечень ниже) и просит "
                    f"направить заявки по прилагаемой форме на адрес {s['E-mail для заявок']}.",
                    "Форма сбора заявок прилагается (файл .xlsx): по строке на каждого слушателя; код программы и "
                    "категорию выберите из списка.", "Приложение: форма сбора заявок."],
        table=(["Код", "Программа", "Объём, ч", "Категории слушателей"],
               [[p.code, p.name, str(p.hours or ""), p.categories or ""] for p in programs]),
        signer_position=s.get("Должность руководителя") or "Руководитель", signer=s.get("Руководитель") or "",
        executor=s.get("Исполнитель") or "")


# The letterhead's contacts (ГОСТ Р 7.0.97-2016, 5.3: справочные данные об организации), from «Настройки».
CONTACTS = ("Почтовый адрес", "Телефон", "E-mail")
# Column widths in mm of the text width (A4 less the margins below), the same in PDF and .docx.
WIDTHS = {5: (10, 50, 48, 31, 31), 4: (20, 85, 20, 45)}
MARGINS_MM = {"left": 25, "right": 10, "top": 20, "bottom": 20}  # ГОСТ Р 7.0.97-2016, 5.1: not less than 20/10/20/20


def contacts(settings: dict[str, str]) -> str:
    parts = [settings.get("Почтовый адрес"), f"тел. {settings['Телефон']}" if settings.get("Телефон") else None,
             f"e-mail: {settings['E-mail']}" if settings.get("E-mail") else None]
    return ", ".join(p for p in parts if p)


def executor_line(letter: Letter, settings: dict[str, str]) -> str:
    phone = settings.get("Телефон исполнителя")
    return f"Исполнитель: {letter.executor}" + (f", тел. {phone}" if phone else "")


def to_pdf(wb: Workbook, letter: Letter, today: date | None = None) -> bytes:
    doc = Document(title=letter.subject)
    doc.add_page()
    settings = settings_of(wb)
    doc.institution_header(settings)
    if contacts(settings):
        doc.paragraph(contacts(settings), indent=False, align="C", size=9)
    doc.paragraph(f"{long_date(today or date.today())}   № ________", indent=False, size=11)
    doc.paragraph(letter.to, indent=False, align="R", size=11)
    doc.bold_line(letter.subject, align="C")
    doc.ln(3)
    for text in letter.paragraphs:
        doc.paragraph(text)
    if letter.table:
        headers, rows = letter.table
        doc.table(headers, rows, widths=WIDTHS[len(headers)], size=9)
    doc.signature(letter.signer_position, letter.signer)
    phone = settings.get("Телефон исполнителя")
    doc.executor(letter.executor + (f", тел. {phone}" if phone else ""))
    return doc.bytes()


def to_docx(wb: Workbook, letter: Letter, today: date | None = None) -> bytes:
    """The same letter as a Word document, to edit before registering it in СЭД: A4 with ГОСТ margins, the
    letterhead with the institution's contacts, the table in fixed column widths (python-docx's own template is
    US Letter with equal columns, which broke words like «Организац|ия»), the executor with a phone."""
    settings = settings_of(wb)
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    style = document.styles["Normal"]
    style.font.name, style.font.size = "PT Serif", Pt(12)
    style.paragraph_format.space_after = Pt(4)
    head = document.add_paragraph(settings.get("Полное наименование") or "")
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.runs[0].bold = True
    if contacts(settings):
        line = document.add_paragraph(contacts(settings))
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        line.runs[0].font.size = Pt(9)
    document.add_paragraph(f"{long_date(today or date.today())}   № ________")
    document.add_paragraph(letter.to).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    subject = document.add_paragraph(letter.subject)
    subject.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subject.runs[0].bold = True
    for text in letter.paragraphs:
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.first_line_indent = Mm(12.5)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if letter.table:
        _table(document, *letter.table)
    document.add_paragraph()
    document.add_paragraph(f"{letter.signer_position}\t\t\t______________\t{initials(letter.signer)}")
    document.add_paragraph(executor_line(letter, settings)).runs[0].font.size = Pt(9)
    embed_pt_serif(document)
    _properties(document, letter, settings)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _properties(document, letter: Letter, settings: dict[str, str]) -> None:
    """File → Properties as the institution's own letter: python-docx's template says author «python-docx»,
    created in 2013."""
    now = datetime.now().replace(microsecond=0)
    props = document.core_properties
    props.author = props.last_modified_by = (settings.get("Исполнитель") or settings.get("Краткое наименование")
                                             or settings.get("Полное наименование") or "")
    props.title, props.subject = letter.subject, ""
    props.created = props.modified = now
    props.revision, props.keywords, props.comments, props.category = 1, "", "", ""
    props.language = "ru-RU"


def _table(document, headers: list[str], rows: list[list[str]]) -> None:
    widths = WIDTHS[len(headers)]
    text_width = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]
    scaled = [Mm(w * text_width / sum(widths)) for w in widths]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, scaled, strict=True):
        column.width = width
    for values, bold in ((headers, True), *((row, False) for row in rows)):
        cells = table.rows[0].cells if bold else table.add_row().cells
        for cell, text, width in zip(cells, values, scaled, strict=True):
            cell.width = width  # Word reads the cell's width, LibreOffice the column's: both are set
            cell.text = text
            run = cell.paragraphs[0].runs[0] if cell.paragraphs[0].runs else None
            if run is not None:
                run.font.size, run.bold = Pt(10), bold
            cell.paragraphs[0].paragraph_format.space_after = Pt(0)
