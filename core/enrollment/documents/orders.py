"""Enrollment and expulsion orders (DOMAIN §1: the usual shape of an order; 000 §1.8, §6.1)."""

from __future__ import annotations

from core.enrollment.documents.context import GroupContext
from core.platform.dates_ru import period
from core.platform.document_layout import Document
from core.platform.errors import EduDeskError
from core.platform.names import Case, inflect
from sheets_schema.enums import ListenerStatus


def _head(doc: Document, ctx: GroupContext, day, number, title: str) -> None:
    doc.add_page()
    doc.institution_header(ctx.settings)
    doc.order_heading(ctx.settings, day, number)
    doc.heading(title, size=12)


def _close(doc: Document, ctx: GroupContext) -> None:
    doc.signature(ctx.settings.get("Должность руководителя") or "Руководитель", ctx.settings.get("Руководитель"))
    doc.executor(ctx.settings.get("Исполнитель"))


def enrollment_order(ctx: GroupContext) -> bytes:
    if not ctx.listeners:
        raise EduDeskError(f"В группе {ctx.group.code} нет слушателей: приказ о зачислении не из чего составить.")
    doc = Document(title=f"Приказ о зачислении, группа {ctx.group.code}")
    _head(doc, ctx, ctx.group.order_date, ctx.group.order_number,
          f"О зачислении слушателей на обучение по дополнительной профессиональной программе повышения "
          f"квалификации «{ctx.program_name}»")
    founder = ctx.settings.get("Учредитель")
    doc.paragraph(f"На основании заявок направляющих организаций, согласования списков слушателей с учредителем"
                  f"{f' ({founder})' if founder else ''} и документов, представленных слушателями,")
    doc.bold_line("ПРИКАЗЫВАЮ:")
    doc.ln(2)
    form = ctx.program.form.value if ctx.program and ctx.program.form else ""
    doc.paragraph(f"1. Зачислить на обучение по дополнительной профессиональной программе повышения квалификации "
                  f"«{ctx.program_name}» в объёме {ctx.hours} ч{f' ({form} форма обучения)' if form else ''} "
                  f"{period(ctx.group.start, ctx.group.end)} в учебную группу {ctx.group.code} слушателей "
                  f"согласно списку:")
    doc.table(["№", "Фамилия, имя, отчество", "Организация"],
              [(i, p.full_name, p.organisation) for i, p in enumerate(ctx.listeners, start=1)],
              widths=(12, 70, 88), align=("CENTER", "LEFT", "LEFT"))
    if ctx.group.curator:
        curator = inflect(ctx.group.curator, Case.ACCUSATIVE)  # «назначить кого»: Ларионову Ларису Григорьевну
        doc.paragraph(f"2. Назначить куратором учебной группы {ctx.group.code} {curator}.")
    doc.paragraph(f"{3 if ctx.group.curator else 2}. Контроль за исполнением приказа оставляю за собой.")
    _close(doc, ctx)
    return doc.bytes()


def completed(ctx: GroupContext) -> list:
    return [p for p in ctx.listeners if p.status == ListenerStatus.COMPLETED]


def expulsion_order(ctx: GroupContext) -> bytes:
    people = completed(ctx)
    if not people:
        raise EduDeskError(f"В группе {ctx.group.code} нет слушателей со статусом «завершил»: отметьте прошедших "
                           "итоговую аттестацию на листе «Слушатели».")
    doc = Document(title=f"Приказ об отчислении, группа {ctx.group.code}")
    _head(doc, ctx, ctx.group.end, None, "Об отчислении слушателей и выдаче удостоверений")
    doc.paragraph(f"В связи с освоением дополнительной профессиональной программы повышения квалификации "
                  f"«{ctx.program_name}» ({ctx.hours} ч) и на основании результатов итоговой аттестации")
    doc.bold_line("ПРИКАЗЫВАЮ:")
    doc.ln(2)
    doc.paragraph(f"1. Отчислить в связи с завершением обучения {period(ctx.group.start, ctx.group.end)} слушателей "
                  f"учебной группы {ctx.group.code}, успешно прошедших итоговую аттестацию, согласно списку:")
    rows = []
    for i, p in enumerate(people, start=1):
        cert = ctx.certificates.get(p.id.casefold())
        rows.append((i, p.full_name, p.organisation, cert.reg_number if cert else ""))
    doc.table(["№", "Фамилия, имя, отчество", "Организация", "Рег. № удостоверения"], rows,
              widths=(12, 62, 66, 30), align=("CENTER", "LEFT", "LEFT", "CENTER"))
    doc.paragraph("2. Выдать слушателям, указанным в пункте 1, удостоверения о повышении квалификации "
                  "установленного образца.")
    doc.paragraph("3. Контроль за исполнением приказа оставляю за собой.")
    _close(doc, ctx)
    return doc.bytes()
