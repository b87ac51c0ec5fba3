"""Letters for the document flow (СЭД «Садко»): the lists to the Founder (000 §1.6) and the applications
request with its form (000 §1.2), as PDF and as .docx (python-docx)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from ..checks import Workbook
from ..dates_ru import initials, long_date, period
from ..errors import EduDeskError
from .context import (
    DATES,
    HOURS,
    PROGRAM,
    GroupContext,
    group_context,
    missing_in_group,
    missing_settings,
    refuse_incomplete,
    settings_of,
)
from .layout import Document

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
    programs = [r.item for r in wb.items("Программы")]
    if not programs:
        raise EduDeskError("Лист «Программы» пуст: письмо о сборе заявок не из чего составить.")
    refuse_incomplete("Письмо о сборе заявок", missing_settings(s, (*_SIGNED, "E-mail для заявок")))
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


def to_pdf(wb: Workbook, letter: Letter, today: date | None = None) -> bytes:
    doc = Document(title=letter.subject)
    doc.add_page()
    doc.institution_header(settings_of(wb))
    doc.paragraph(f"{long_date(today or date.today())}   № ________", indent=False, size=11)
    doc.paragraph(letter.to, indent=False, align="R", size=11)
    doc.bold_line(letter.subject, align="C")
    doc.ln(3)
    for text in letter.paragraphs:
        doc.paragraph(text)
    if letter.table:
        headers, rows = letter.table
        widths = (10, 50, 48, 31, 31) if len(headers) == 5 else (20, 85, 20, 45)
        doc.table(headers, rows, widths=widths, size=9)
    doc.signature(letter.signer_position, letter.signer)
    doc.executor(letter.executor)
    return doc.bytes()


def to_docx(wb: Workbook, letter: Letter, today: date | None = None) -> bytes:
    """The same letter as a Word document, to edit before registering it in СЭД."""
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "PT Serif", Pt(12)
    head = document.add_paragraph(settings_of(wb).get("Полное наименование") or "")
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.runs[0].bold = True
    document.add_paragraph(f"{long_date(today or date.today())}   № ________")
    document.add_paragraph(letter.to).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    subject = document.add_paragraph(letter.subject)
    subject.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subject.runs[0].bold = True
    for text in letter.paragraphs:
        document.add_paragraph(text).paragraph_format.first_line_indent = Pt(28)
    if letter.table:
        headers, rows = letter.table
        table = document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell.text = text
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
    document.add_paragraph()
    document.add_paragraph(f"{letter.signer_position}\t\t\t______________\t{initials(letter.signer)}")
    document.add_paragraph(f"Исполнитель: {letter.executor}").runs[0].font.size = Pt(9)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
