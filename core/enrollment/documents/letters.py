"""Letters to the listeners of a group: the info letter (000 §1.7) and the first-class reminder (§2.1)."""

from __future__ import annotations

from datetime import date

from core.enrollment.documents.context import GroupContext
from core.platform.dates_ru import long_date, period
from core.platform.document_layout import Document


def _letterhead(doc: Document, ctx: GroupContext, subject: str) -> None:
    doc.add_page()
    doc.institution_header(ctx.settings)
    email = ctx.settings.get("E-mail для заявок")
    if email:
        doc.paragraph(f"e-mail: {email}", indent=False, align="C", size=10)
    doc.ln(2)
    doc.paragraph(f"Слушателям учебной группы {ctx.group.code}", indent=False, align="R", size=11)
    doc.ln(2)
    doc.bold_line(subject, align="C")
    doc.ln(3)
    doc.paragraph("Уважаемые коллеги!", indent=False, align="C")


def info_letter(ctx: GroupContext, today: date | None = None) -> bytes:
    doc = Document(title=f"Информационное письмо, группа {ctx.group.code}")
    _letterhead(doc, ctx, "Информационное письмо о начале обучения")
    doc.paragraph(f"Сообщаем, что вы включены в учебную группу {ctx.group.code} для обучения по дополнительной "
                  f"профессиональной программе повышения квалификации «{ctx.program_name}» "
                  f"({ctx.hours} ч). Обучение пройдёт {period(ctx.group.start, ctx.group.end)}"
                  + (f", место проведения: {ctx.group.room}." if ctx.group.room else "."))
    doc.paragraph("Для зачисления необходимо представить:")
    for item in ("заявление о зачислении на обучение;", "копию документа о высшем или среднем профессиональном "
                 "образовании;", "копию документа о смене фамилии (если фамилия в дипломе другая);",
                 "копию СНИЛС;", "подписанный договор об образовании и согласие на обработку персональных данных "
                 "(бланки прилагаются)."):
        doc.paragraph(f"— {item}", indent=True)
    doc.paragraph("Расписание занятий и распределение по группам — в приложении к письму. Куратор группы"
                  + (f" — {ctx.group.curator}." if ctx.group.curator else " будет назначен дополнительно."))
    doc.paragraph("Приложения: 1. Расписание занятий. 2. Список группы. 3. Бланк договора об образовании. "
                  "4. Бланк согласия на обработку персональных данных.", indent=False, size=10)
    doc.signature(ctx.settings.get("Должность руководителя") or "Руководитель", ctx.settings.get("Руководитель"))
    doc.executor(ctx.settings.get("Исполнитель"))
    return doc.bytes()


def consent_form(ctx: GroupContext) -> bytes:
    """Бланк согласия на обработку персональных данных (152-ФЗ), to fill in by hand."""
    doc = Document(title="Согласие на обработку персональных данных")
    doc.add_page()
    doc.heading("СОГЛАСИЕ\nна обработку персональных данных")
    doc.paragraph("Я, ________________________________________________ (фамилия, имя, отчество), паспорт серии ______ "
                  "№ __________, выдан ______________________________________________, зарегистрированный(ая) по адресу "
                  "___________________________________________________________,", indent=False)
    doc.paragraph(f"в соответствии со статьёй 9 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных» даю "
                  f"согласие {ctx.settings.get('Полное наименование') or 'Учреждению'} на обработку моих персональных данных "
                  "(фамилия, имя, отчество, дата рождения, СНИЛС, сведения об образовании и месте работы, телефон, "
                  f"адрес электронной почты) в целях обучения по программе «{ctx.program_name}», оформления документов "
                  "об обучении и внесения сведений в ФИС ФРДО.")
    doc.paragraph("Согласие действует до достижения целей обработки и может быть отозвано моим письменным заявлением.")
    doc.ln(8)
    doc.paragraph("«___» ____________ 20___ г.          ______________ / ______________________", indent=False)
    return doc.bytes()


def reminder_letter(ctx: GroupContext) -> bytes:
    doc = Document(title=f"Напоминание о первом занятии, группа {ctx.group.code}")
    _letterhead(doc, ctx, "Напоминание о первом занятии")
    when = long_date(ctx.group.start) if ctx.group.start else "в дату, указанную в расписании"
    doc.paragraph(f"Напоминаем, что первое занятие по программе «{ctx.program_name}» (группа {ctx.group.code}) "
                  f"состоится {when}" + (f", {ctx.group.room}." if ctx.group.room else "."))
    if ctx.group.chat_link:
        doc.paragraph(f"Приглашаем вступить в учебный чат группы: {ctx.group.chat_link}. В чате — расписание, "
                      "материалы и ответы на организационные вопросы.")
    else:
        doc.paragraph("Ссылку для вступления в учебный чат группы вы получите от куратора.")
    doc.paragraph("Перед каждым новым модулем мы напомним о датах занятий по электронной почте и в чате.")
    doc.signature("Куратор группы", ctx.group.curator)
    return doc.bytes()
