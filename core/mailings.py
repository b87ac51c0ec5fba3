"""Every kind of letter the app sends by e-mail, for the «Рассылки» page and `edudesk send`: one registry above the
areas, each area composing its own letters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from core.assessment import mailings as assessment
from core.enrollment import mailings as enrollment
from core.enrollment.module_reminders import KIND, TEST_KIND
from core.platform.mail import Letter
from core.records.checks import Workbook


@dataclass(frozen=True)
class MailKind:
    kind: str
    title: str
    scope: str  # "group" or "session"
    build: Callable[[Workbook, str, date], tuple[list[Letter], list[str]]]  # letters, people with no e-mail


MAIL_KINDS: dict[str, MailKind] = {k.kind: k for k in (
    MailKind("info-letter", "Информационное письмо (000 п. 1.7)", "group", enrollment.info_letters),
    MailKind("reminder", "Напоминание о первом занятии (п. 2.1)", "group", enrollment.reminders),
    MailKind("dot-credentials", "Доступ к платформе ДОТ (п. 4.2)", "group", enrollment.credentials),
    MailKind(KIND, "Напоминание о следующем модуле (п. 2.1)", "group", enrollment.module_reminders),
    MailKind(TEST_KIND, "Напоминание об итоговом тестировании (п. 5.2)", "group", enrollment.test_reminders),
    MailKind("arrears", "Напоминание о задолженностях (п. 4.7)", "group", enrollment.arrears_reminders),
    MailKind("assessment-invitation", "Приглашение на оценку (ч. 2, п. 2.1)", "session", assessment.invitations),
    MailKind("reports-ready", "Отчёты готовы (ч. 2, п. 4.2–4.5)", "session", assessment.reports_ready),
)}
