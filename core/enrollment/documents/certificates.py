"""Удостоверения о повышении квалификации for a whole group, and the register of issued ones (000 §6)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from core.enrollment.documents.context import GroupContext, Person
from core.platform.dates_ru import initials, long_date, short_date
from core.platform.document_layout import FAMILY, Document
from core.platform.errors import EduDeskError
from core.platform.names import past_tense

Progress = Callable[[int, int], None]


def certificates(ctx: GroupContext, issue_date: date | None = None, progress: Progress | None = None) -> bytes:
    """One landscape A4 page per listener who has a registration number, all in one PDF."""
    people = [p for p in ctx.listeners if p.id.casefold() in ctx.certificates]
    if not people:
        raise EduDeskError(f"У слушателей группы {ctx.group.code} нет регистрационных номеров удостоверений: "
                           "сначала присвойте номера (страница «Набор и зачисление» → «Удостоверения»).")
    doc = Document(orientation="landscape", numbered=False, title=f"Удостоверения, группа {ctx.group.code}")
    doc.set_auto_page_break(False)
    for index, person in enumerate(people, start=1):
        cert = ctx.certificates[person.id.casefold()]
        certificate_page(doc, ctx, person, cert.reg_number, cert.issued or issue_date or ctx.group.end or date.today())
        if progress:
            progress(index, len(people))
    return doc.bytes()


def certificate_page(doc: Document, ctx: GroupContext, person: Person, reg_number: str, issued: date) -> None:
    doc.add_page()
    half = doc.w / 2
    doc.set_draw_color(150, 150, 150)
    doc.rect(10, 10, doc.w - 20, doc.h - 20)
    doc.line(half, 14, half, doc.h - 14)
    doc.set_draw_color(0, 0, 0)
    settings = ctx.settings
    # left half: who issued, number, city, date
    doc.set_xy(20, 30)
    doc.set_font(FAMILY, size=11)
    doc.multi_cell(half - 40, 5.5, settings.get("Полное наименование") or "", align="C")
    doc.set_xy(20, 95)
    doc.set_font(FAMILY, size=11)
    doc.cell(half - 40, 7, "Регистрационный номер", align="C", new_x="LEFT", new_y="NEXT")
    doc.set_font(FAMILY, "B", 14)
    doc.cell(half - 40, 8, reg_number, align="C", new_x="LEFT", new_y="NEXT")
    doc.set_font(FAMILY, size=11)
    doc.ln(6)
    doc.cell(half - 40, 6, f"Город {settings.get('Город') or ''}", align="C", new_x="LEFT", new_y="NEXT")
    doc.cell(half - 40, 6, f"Дата выдачи {short_date(issued)}", align="C")
    # right half: the certificate itself
    x, width = half + 12, half - 32
    doc.set_xy(x, 24)
    doc.set_font(FAMILY, "B", 20)
    doc.cell(width, 10, "УДОСТОВЕРЕНИЕ", align="C", new_x="LEFT", new_y="NEXT")
    doc.set_font(FAMILY, size=12)
    doc.cell(width, 7, "о повышении квалификации", align="C", new_x="LEFT", new_y="NEXT")
    doc.ln(6)
    doc.set_x(x)
    doc.multi_cell(width, 6, "Настоящее удостоверение свидетельствует о том, что", align="C", new_x="LEFT", new_y="NEXT")
    doc.set_font(FAMILY, "B", 15)
    doc.set_x(x)
    doc.multi_cell(width, 8, person.full_name, align="C", new_x="LEFT", new_y="NEXT")
    doc.set_font(FAMILY, size=12)
    doc.set_x(x)
    text = (f"{_period_words(ctx)} {past_tense(person.full_name, person.gender, 'прошёл', 'прошла')} "
            "повышение квалификации в "
            f"{settings.get('Краткое наименование') or settings.get('Полное наименование') or ''} "
            f"по дополнительной профессиональной программе «{ctx.program_name}» в объёме {ctx.hours} ч.")
    doc.multi_cell(width, 6, text, align="C", new_x="LEFT", new_y="NEXT")
    y = max(doc.get_y() + 10, 150)
    for position, name in ((settings.get("Должность руководителя") or "Руководитель", settings.get("Руководитель")),
                           ("Секретарь", settings.get("Секретарь"))):
        doc.set_xy(x, y)
        doc.cell(width * 0.4, 6, position)
        doc.cell(width * 0.3, 6, "___________", align="C")
        doc.cell(width * 0.3, 6, initials(name), align="R")
        y += 11
    doc.set_xy(x, y)
    doc.set_font(FAMILY, "I", 9)
    doc.cell(width, 5, "М.П.")


def _period_words(ctx: GroupContext) -> str:
    start, end = ctx.group.start, ctx.group.end
    if start and end:
        return f"в период с {long_date(start)} по {long_date(end)}"
    return "в установленный период"


def certificate_register(ctx: GroupContext) -> bytes:
    """Реестр выданных удостоверений: number, blank, name, date, personally or by proxy, signature."""
    issued = [(p, ctx.certificates[p.id.casefold()]) for p in ctx.listeners if p.id.casefold() in ctx.certificates]
    if not issued:
        raise EduDeskError(f"У группы {ctx.group.code} нет удостоверений на листе «Удостоверения».")
    doc = Document(orientation="landscape", title=f"Реестр удостоверений, группа {ctx.group.code}")
    doc.add_page()
    doc.institution_header(ctx.settings)
    doc.heading("РЕЕСТР ВЫДАННЫХ УДОСТОВЕРЕНИЙ О ПОВЫШЕНИИ КВАЛИФИКАЦИИ")
    doc.paragraph(f"Программа «{ctx.program_name}» ({ctx.hours} ч), группа {ctx.group.code}.",
                  indent=False, align="L", size=11)
    rows = []
    for i, (person, cert) in enumerate(sorted(issued, key=lambda pc: pc[1].reg_number or ""), start=1):
        how = cert.issue_mode.value if cert.issue_mode else ""
        if cert.proxy_number:
            how += f", доверенность № {cert.proxy_number}"
        rows.append((i, cert.reg_number, cert.blank or "", person.full_name, short_date(cert.issued), how, ""))
    doc.table(["№", "Рег. №", "Серия и номер бланка", "Фамилия, имя, отчество", "Дата выдачи", "Получено",
               "Подпись получателя"], rows, widths=(10, 25, 32, 70, 25, 45, 40),
              align=("CENTER", "CENTER", "CENTER", "LEFT", "CENTER", "LEFT", "LEFT"), size=9)
    doc.signature("Ответственный за выдачу", ctx.settings.get("Секретарь"), space_before=4)
    return doc.bytes()
