"""The letters to the listeners of a group (000 Part 1), composed from the workbook with the group's data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from core.enrollment.documents.context import (
    DATES,
    HOURS,
    INSTITUTION,
    PROGRAM,
    GroupContext,
    group_context,
    missing_in_group,
)
from core.enrollment.documents.letters import consent_form, info_letter
from core.enrollment.module_reminders import KIND, TEST_KIND, final_test_due, group_modules, next_module
from core.enrollment.moodle import bad_usernames, username
from core.enrollment.progress import arrears
from core.platform.dates_ru import long_date, period
from core.platform.document_layout import refuse_incomplete
from core.platform.errors import EduDeskError
from core.platform.mail import Letter, sign_off
from core.records.checks import Workbook
from core.store.base import canonical
from core.timetable.classes import keeps_timetable
from core.timetable.clock import hhmm
from core.timetable.documents import Selection, timetable_pdf
from core.timetable.follow import scheduled_on

PDF = "application/pdf"


def _for_listeners(ctx: GroupContext, kind: str, subject: str, body: Callable, attachments=()) -> tuple[list, list]:
    letters, missing = [], []
    for person in ctx.listeners:
        if not person.email:
            missing.append(person.full_name)
            continue
        letters.append(Letter(kind, ctx.group.code, person.email, person.full_name, subject, body(person),
                              list(attachments)))
    return letters, missing


def _complete(ctx: GroupContext, title: str, needs: tuple[str, ...]) -> None:
    refuse_incomplete(title, missing_in_group(ctx, needs + ("Полное наименование",)))


def info_letters(wb: Workbook, code: str, today: date):
    ctx = group_context(wb, code)
    _complete(ctx, "Информационное письмо", (PROGRAM, HOURS, DATES, *INSTITUTION, "Исполнитель"))
    attachments = wb.once(_info_attachments, ctx.group.code)
    return _for_listeners(ctx, "info-letter", f"Информационное письмо: «{ctx.program_name}», группа {code}", lambda p: (
        f"Здравствуйте, {p.full_name}!\n\nВы включены в учебную группу {code} по программе «{ctx.program_name}» "
        f"({ctx.hours} ч), обучение {period(ctx.group.start, ctx.group.end)}. Во вложении — информационное "
        "письмо со списком документов для зачисления, расписание занятий и бланк согласия на обработку "
        "персональных данных."
        + sign_off(ctx.settings)), attachments)


def _info_attachments(wb: Workbook, code: str) -> tuple[tuple[str, bytes, str], ...]:
    """The three PDFs every listener's letter carries: laid out once per version of the data, not on every look at
    the «Рассылки» page by every colleague (#30 item 7: 0.8 s of a page's 0.9 s on 20 000 rows)."""
    ctx = group_context(wb, code)
    return ((f"Информационное письмо {code}.pdf", info_letter(ctx), PDF), *group_timetable(wb, code),
            ("Согласие на обработку персональных данных.pdf", consent_form(ctx), PDF))


def group_timetable(wb: Workbook, code: str) -> list[tuple[str, bytes, str]]:
    """000 §1.7: the letter carries «расписание занятий» — the group's timetable PDF. Where the institute keeps its
    timetable here («Занятия»), a group without classes gets no letter (it would promise an attachment it lacks)."""
    if not keeps_timetable(wb):
        return []
    selection = Selection("group", code)
    if not selection.classes(wb):
        raise EduDeskError(f"Информационное письмо группы {code} не составлено: в расписании (лист «Занятия») у группы "
                           "нет занятий, а письмо по 000 п. 1.7 содержит расписание. Составьте его на странице "
                           "«Расписание».")
    return [(f"Расписание занятий {code}.pdf", timetable_pdf(wb, selection), PDF)]


def reminders(wb: Workbook, code: str, today: date):
    ctx = group_context(wb, code)
    _complete(ctx, "Напоминание о первом занятии", (PROGRAM, DATES))
    when = long_date(ctx.group.start) if ctx.group.start else "в дату по расписанию"
    chat = f" Приглашаем в учебный чат группы: {ctx.group.chat_link}." if ctx.group.chat_link else ""
    return _for_listeners(ctx, "reminder", f"Напоминание: первое занятие {when}", lambda p: (
        f"Здравствуйте, {p.full_name}!\n\nНапоминаем, что первое занятие по программе «{ctx.program_name}» "
        f"(группа {code}) состоится {when}" + (f", {ctx.group.room}." if ctx.group.room else ".") + chat + sign_off(ctx.settings)))


def credentials(wb: Workbook, code: str, today: date):
    ctx = group_context(wb, code)
    _complete(ctx, "Письмо с доступом к платформе", (PROGRAM, "Адрес платформы ДОТ"))
    # 000 §1.8, §4.1: a personal account only for those enrolled on complete files; the others are named
    incomplete = {g.listener_id.casefold(): g for g in ctx.file_gaps}
    left_out = [f"{g.full_name} (личное дело неполно: {', '.join(g.missing)})" for g in ctx.file_gaps]
    ctx.listeners = [p for p in ctx.listeners if p.id.casefold() not in incomplete]
    # The login the accounts file gives Moodle (core.enrollment.moodle.username), so the letter and the platform agree.
    ids = {(p.id or "").casefold() for p in ctx.listeners}
    rows = [r.item for r in wb.items("Слушатели") if (r.item.id or "").casefold() in ids]
    if problems := bad_usernames(rows):
        raise EduDeskError("Письма с доступом не составлены — исправьте «Логин ДОТ» на листе «Слушатели»: "
                           + "; ".join(problems) + ".")
    logins = {(x.id or "").casefold(): username(x) for x in rows}
    platform = ctx.settings["Адрес платформы ДОТ"]
    return _with_left_out(left_out, _for_listeners(ctx, "dot-credentials", "Доступ к платформе дистанционного обучения", lambda p: (
        f"Здравствуйте, {p.full_name}!\n\nДля обучения по программе «{ctx.program_name}» (группа {code}) создан личный "
        f"кабинет на образовательной платформе: {platform}\nЛогин: {logins[p.id.casefold()]}\n"
        "Пароль придёт отдельным письмом от платформы; при первом входе его нужно сменить." + sign_off(ctx.settings))))


def _with_left_out(left_out: list[str], made: tuple[list, list]) -> tuple[list, list]:
    letters, missing = made
    return letters, missing + left_out


def arrears_reminders(wb: Workbook, code: str, today: date):
    ctx = group_context(wb, code)
    _complete(ctx, "Напоминание о задолженностях", (PROGRAM,))
    late = {a.listener_id.casefold(): a.tasks for a in arrears(ctx, today)}
    ctx.listeners = [p for p in ctx.listeners if p.id.casefold() in late]
    return _for_listeners(ctx, "arrears", f"Задолженности по программе «{ctx.program_name}»", lambda p: (
        f"Здравствуйте, {p.full_name}!\n\nПо программе «{ctx.program_name}» (группа {code}) не сданы: "
        f"{', '.join(late[p.id.casefold()])}. Пожалуйста, выполните задания, чтобы освоить программу в срок."
        + sign_off(ctx.settings)))


def module_reminders(wb: Workbook, code: str, today: date):
    """000 §2.1: before each new module, the dates of the next classes (the module and when its work is due)."""
    ctx = group_context(wb, code)
    _complete(ctx, "Напоминание о следующем модуле", (PROGRAM,))
    module = next_module(group_modules(wb).get(canonical(code).casefold(), []), today)
    if module is None:
        raise EduDeskError(f"У группы {code} нет предстоящих модулей: ни занятий на листе «Занятия», ни заданий «Модуль …» "
                           f"на листе «Успеваемость» после {today:%d.%m.%Y}.")
    chat = f" Вопросы — в учебном чате группы: {ctx.group.chat_link}." if ctx.group.chat_link else ""
    if module.scheduled:  # §2.1 «о датах проведения последующих занятий»: the module's classes from the timetable
        classes = [c for c in scheduled_on(wb, code) if c.item.module.strip() == module.name]
        when = "занятия модуля: " + "; ".join(f"{c.day:%d.%m.%Y} {hhmm(c.start)}–{hhmm(c.end)}, "
                                                 + ("ДОТ" if c.distance else c.item.room or "аудитория уточняется")
                                                 for c in classes) + "."
    else:
        when = f"задания — до {module.last_due:%d.%m.%Y}" + (f", {ctx.group.room}." if ctx.group.room else ".")
    return _for_listeners(ctx, KIND, f"Следующий модуль: {module.name}", lambda p: (
        f"Здравствуйте, {p.full_name}!\n\nНапоминаем о занятиях по программе «{ctx.program_name}» (группа {code}): "
        f"следующий модуль — «{module.name}», {when}" + chat + sign_off(ctx.settings)))


def test_reminders(wb: Workbook, code: str, today: date):
    """000 §5.2: the dates of the final test, sent to the listeners before it (its «Срок» on «Успеваемость»)."""
    ctx = group_context(wb, code)
    _complete(ctx, "Напоминание об итоговом тестировании", (PROGRAM,))
    test = final_test_due(wb).get(canonical(code).casefold())
    if test is None:
        raise EduDeskError(f"У группы {code} нет итогового тестирования со сроком: на листе «Успеваемость» нет "
                           "задания «Итоговое тестирование» (или «Итоговый тест») со «Сроком».")
    task, due = test
    platform = ctx.settings.get("Адрес платформы ДОТ")
    where = f" на платформе {platform}" if platform else ""
    return _for_listeners(ctx, TEST_KIND, f"Итоговое тестирование — до {due:%d.%m.%Y}", lambda p: (
        f"Здравствуйте, {p.full_name}!\n\nНапоминаем: «{task}» по программе «{ctx.program_name}» (группа {code}) "
        f"нужно пройти{where} до {due:%d.%m.%Y} включительно. Вход — с теми же логином и паролем, что и для "
        "занятий." + sign_off(ctx.settings)))
