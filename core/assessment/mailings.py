"""The letters to the candidates of an assessment session (000 Part 2), composed from the workbook."""

from __future__ import annotations

from datetime import date

from core.platform.dates_ru import long_date
from core.platform.errors import EduDeskError
from core.platform.mail import Letter, sign_off
from core.records.checks import Workbook, settings_of
from core.store.base import canonical


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
        + sign_off(settings)))


def reports_ready(wb: Workbook, code: str, today: date):
    session, _ = _session(wb, code)
    if session.feedback is None:
        raise EduDeskError(f"По сессии {code} ещё не было обратной связи: отчёты передаются только после неё "
                           "(000 ч. 2, разд. 1, п. 4.5).")
    settings = settings_of(wb)
    return _for_candidates(wb, code, "reports-ready", "Отчёт по результатам оценки готов", lambda s, p: (
        f"Здравствуйте, {p.full_name}!\n\nОтчёт по результатам процедуры оценки от "
        f"{long_date(s.held_on) if s.held_on else ''} готов. Его можно получить у организаторов." + sign_off(settings)))
