"""The letters each mailing kind sends, composed from the workbook with the group's or session's data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .checks import Workbook
from .dates_ru import long_date, period
from .documents import group_context
from .documents.context import (
    DATES,
    HOURS,
    INSTITUTION,
    PROGRAM,
    GroupContext,
    missing_in_group,
    refuse_incomplete,
    settings_of,
)
from .documents.letters import consent_form, info_letter
from .errors import EduDeskError
from .mail import Letter
from .module_reminders import KIND, TEST_KIND, final_test_due, group_modules, next_module
from .moodle import bad_usernames, username
from .progress import arrears
from .store.base import canonical

PDF = "application/pdf"


@dataclass(frozen=True)
class MailKind:
    kind: str
    title: str
    scope: str  # "group" or "session"
    build: Callable[[Workbook, str, date], tuple[list[Letter], list[str]]]  # letters, people with no e-mail


def _sign(settings: dict) -> str:
    return f"\n\nС уважением,\n{settings.get('Краткое наименование') or settings.get('Полное наименование') or ''}"


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
    attachments = [(f"Информационное письмо {code}.pdf", info_letter(ctx), PDF),
                   ("Согласие на обработку персональных данных.pdf", consent_form(ctx), PDF)]
    return _for_listeners(ctx, "info-letter", f"Информационное письмо: «{ctx.program_name}», группа {code}", lambda p: (
        f"Здравствуйте, {p.full_name}!\n\nВы включены в учебную группу {code} по программе «{ctx.program_name}» "
        f"({ctx.hours} ч), обучение {period(ctx.group.start, ctx.group.end)}. Во вложении — информационное "
        "письмо со списком документов для зачисления и бланк согласия на обработку персональных данных."
        + _sign(ctx.settings)), attachments)


def reminders(wb: Workbook, code: str, today: date):
    ctx = group_context(wb, code)
    _complete(ctx, "Напоминание о первом занятии", (PROGRAM, DATES))
    when = long_date(ctx.group.start) if ctx.group.start else "в дату по расписанию"
    chat = f" Приглашаем в учебный чат группы: {ctx.group.chat_link}." if ctx.group.chat_link else ""
    return _for_listeners(ctx, "reminder", f"Напоминание: первое занятие {when}", lambda p: (
        f"Здравствуйте, {p.full_name}!\n\nНапоминаем, что первое занятие по программе «{ctx.program_name}» "
        f"(группа {code}) состоится {when}" + (f", {ctx.group.room}." if ctx.group.room else ".") + chat + _sign(ctx.settings)))


def credentials(wb: Workbook, code: str, today: date):
    ctx = group_context(wb, code)
    _complete(ctx, "Письмо с доступом к платформе", (PROGRAM, "Адрес платформы ДОТ"))
    # The login the accounts file gives Moodle (core.moodle.username), so the letter and the platform agree.
    ids = {(p.id or "").casefold() for p in ctx.listeners}
    rows = [r.item for r in wb.items("Слушатели") if (r.item.id or "").casefold() in ids]
    if problems := bad_usernames(rows):
        raise EduDeskError("Письма с доступом не составлены — исправьте «Логин ДОТ» на листе «Слушатели»: "
                           + "; ".join(problems) + ".")
    logins = {(x.id or "").casefold(): username(x) for x in rows}
    platform = ctx.settings["Адрес платформы ДОТ"]
    return _for_listeners(ctx, "dot-credentials", "Доступ к платформе дистанционного обучения", lambda p: (
        f"Здравствуйте, {p.full_name}!\n\nДля обучения по программе «{ctx.program_name}» (группа {code}) создан личный "
        f"кабинет на образовательной платформе: {platform}\nЛогин: {logins[p.id.casefold()]}\n"
        "Пароль придёт отдельным письмом от платформы; при первом входе его нужно сменить." + _sign(ctx.settings)))


def arrears_reminders(wb: Workbook, code: str, today: date):
    ctx = group_context(wb, code)
    _complete(ctx, "Напоминание о задолженностях", (PROGRAM,))
    late = {a.listener_id.casefold(): a.tasks for a in arrears(ctx, today)}
    ctx.listeners = [p for p in ctx.listeners if p.id.casefold() in late]
    return _for_listeners(ctx, "arrears", f"Задолженности по программе «{ctx.program_name}»", lambda p: (
        f"Здравствуйте, {p.full_name}!\n\nПо программе «{ctx.program_name}» (группа {code}) не сданы: "
        f"{', '.join(late[p.id.casefold()])}. Пожалуйста, выполните задания, чтобы освоить программу в срок."
        + _sign(ctx.settings)))


def module_reminders(wb: Workbook, code: str, today: date):
    """000 §2.1: before each new module, the dates of the next classes (the module and when its work is due)."""
    ctx = group_context(wb, code)
    _complete(ctx, "Напоминание о следующем модуле", (PROGRAM,))
    module = next_module(group_modules(wb).get(canonical(code).casefold(), []), today)
    if module is None:
        raise EduDeskError(f"У группы {code} нет предстоящих модулей: на листе «Успеваемость» нет заданий «Модуль …» "
                           f"со сроком после {today:%d.%m.%Y}.")
    chat = f" Вопросы — в учебном чате группы: {ctx.group.chat_link}." if ctx.group.chat_link else ""
    return _for_listeners(ctx, KIND, f"Следующий модуль: {module.name}", lambda p: (
        f"Здравствуйте, {p.full_name}!\n\nНапоминаем о занятиях по программе «{ctx.program_name}» (группа {code}): "
        f"следующий модуль — «{module.name}», задания — до {module.last_due:%d.%m.%Y}"
        + (f", {ctx.group.room}." if ctx.group.room else ".") + chat + _sign(ctx.settings)))


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
        "занятий." + _sign(ctx.settings)))


def _session(wb: Workbook, code: str):
    session = next((r.item for r in wb.items("Оценка_сессии") if canonical(r.item.code).casefold() == code.casefold()), None)
    if session is None:
        raise EduDeskError(f"Нет оценочной сессии «{code}».")
    ids = {canonical(r.item.candidate_id).casefold() for r in wb.items("Оценка_участники")
           if canonical(r.item.session_code).casefold() == code.casefold()}
    people = [r.item for r in wb.items("Оценка_кандидаты") if canonical(r.item.id).casefold() in ids]
    return session, people


def _for_candidates(wb, code, kind, subject, body, attachments=()):
    session, people = _session(wb, code)
    letters, missing = [], []
    for person in people:
        if not person.email:
            missing.append(person.full_name)
            continue
        letters.append(Letter(kind, code, person.email, person.full_name, subject, body(session, person), list(attachments)))
    return letters, missing


def invitations(wb: Workbook, code: str, today: date):
    settings = settings_of(wb)
    return _for_candidates(wb, code, "assessment-invitation", "Приглашение на процедуру оценки компетенций", lambda s, p: (
        f"Здравствуйте, {p.full_name}!\n\nПриглашаем вас на процедуру оценки ({s.kind.value if s.kind else ''}) "
        f"{long_date(s.held_on) if s.held_on else ''}, место: {s.place or 'сообщим дополнительно'}. Просим подтвердить "
        "участие ответным письмом. Перед началом понадобится подписанное согласие на обработку персональных данных."
        + _sign(settings)))


def reports_ready(wb: Workbook, code: str, today: date):
    session, _ = _session(wb, code)
    if session.feedback is None:
        raise EduDeskError(f"По сессии {code} ещё не было обратной связи: отчёты передаются только после неё "
                           "(000 ч. 2, разд. 1, п. 4.5).")
    settings = settings_of(wb)
    return _for_candidates(wb, code, "reports-ready", "Отчёт по результатам оценки готов", lambda s, p: (
        f"Здравствуйте, {p.full_name}!\n\nОтчёт по результатам процедуры оценки от "
        f"{long_date(s.held_on) if s.held_on else ''} готов. Его можно получить у организаторов." + _sign(settings)))


MAIL_KINDS: dict[str, MailKind] = {k.kind: k for k in (
    MailKind("info-letter", "Информационное письмо (000 п. 1.7)", "group", info_letters),
    MailKind("reminder", "Напоминание о первом занятии (п. 2.1)", "group", reminders),
    MailKind("dot-credentials", "Доступ к платформе ДОТ (п. 4.2)", "group", credentials),
    MailKind(KIND, "Напоминание о следующем модуле (п. 2.1)", "group", module_reminders),
    MailKind(TEST_KIND, "Напоминание об итоговом тестировании (п. 5.2)", "group", test_reminders),
    MailKind("arrears", "Напоминание о задолженностях (п. 4.7)", "group", arrears_reminders),
    MailKind("assessment-invitation", "Приглашение на оценку (ч. 2, п. 2.1)", "session", invitations),
    MailKind("reports-ready", "Отчёты готовы (ч. 2, п. 4.2–4.5)", "session", reports_ready),
)}
