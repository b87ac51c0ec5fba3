"""Letters and reminders by e-mail (SMTP): previewed, sent once each, every send recorded in «Рассылки».

Kinds follow seeds/000: the info letter (§1.7), the first-class reminder (§2.1, ≥ 7 days before), the
distance-learning credentials (§4.2, ≥ 1 day before), arrears reminders (§4.7), assessment invitations
(Part 2 §2.1) and «reports ready» notices (Part 2 §4.2–4.5).
"""

from __future__ import annotations

import base64
import json
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate, make_msgid
from pathlib import Path

from core.platform import mail_headers as headers
from core.platform.config import Settings, load_secrets
from core.platform.errors import ConfigError, EduDeskError
from core.platform.mail_errors import connection_problem, letter_problem


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # starttls | ssl | none
    sender: str
    sender_name: str = ""
    login: str | None = None
    password: str | None = None


def smtp_settings(settings: Settings | None = None) -> SmtpSettings:
    """The [smtp] table of the secrets file; a Russian message saying what is missing."""
    section = load_secrets((settings or Settings()).secrets_file).get("smtp")
    if not section or not section.get("host") or not section.get("sender"):
        raise ConfigError("Почта не настроена: добавьте в .streamlit/secrets.toml таблицу [smtp] с host, port, security "
                          "(starttls, ssl или none), sender, login и password — пример в README.")
    security = str(section.get("security", "starttls")).lower()
    if security not in ("starttls", "ssl", "none"):
        raise ConfigError("[smtp] security: starttls, ssl или none.")
    port = section.get("port", 587)
    if isinstance(port, bool) or not str(port).strip().isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"[smtp] port = {port!r}: нужен номер порта — число от 1 до 65535 (обычно 587 для "
                          "starttls, 465 для ssl).")
    return SmtpSettings(section["host"], int(port), security, section["sender"],
                        section.get("sender_name", ""), section.get("login"), section.get("password"))


@dataclass
class Letter:
    kind: str
    subject_of: str  # the group or session the letter is about
    to: str
    name: str
    subject: str
    body: str
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)  # (file name, data, mime type)
    already_sent: bool = False


def build_message(letter: Letter, smtp: SmtpSettings) -> MIMEMultipart:
    """A MIME message whose headers every reader decodes and whose lines stay within 78 characters (mail_headers).

    Built with the classic email.mime API and headers folded by hand: the newer EmailMessage folds a long
    Cyrillic subject so that the space before «…» falls between encoded words and is lost on reading.
    """
    message = MIMEMultipart()
    message["From"] = headers.address(smtp.sender_name, smtp.sender)
    message["To"] = headers.address(letter.name, letter.to, "To")
    message["Subject"] = headers.subject(letter.subject)
    message["Date"] = formatdate(localtime=True)  # RFC 5322 §3.6: required
    message["Message-ID"] = make_msgid(domain=smtp.sender.split("@")[-1])
    message.attach(MIMEText(letter.body, "plain", "utf-8"))
    for file_name, data, mime in letter.attachments:
        part = MIMEApplication(data, mime.partition("/")[2])
        part.replace_header("Content-Type", headers.attachment_type(mime, file_name))
        part["Content-Disposition"] = headers.attachment_disposition(file_name)
        message.attach(part)
    return message


@dataclass
class SendReport:
    sent: list[Letter] = field(default_factory=list)
    skipped: list[Letter] = field(default_factory=list)  # sent before; a resend was not asked for
    failed: list[tuple[Letter, str]] = field(default_factory=list)
    records: list[dict] = field(default_factory=list)  # rows for «Рассылки»


def send(letters: list[Letter], smtp: SmtpSettings, who: str, resend: bool = False, dry_run: bool = False,
         progress: Callable[[int, int], None] | None = None) -> SendReport:
    """Send each letter once; a failed recipient does not stop the rest. Nothing is sent on a dry run."""
    report = SendReport()
    todo = [x for x in letters if resend or not x.already_sent]
    report.skipped = [x for x in letters if x not in todo]
    if dry_run or not todo:
        return report
    try:
        connection = _connect(smtp)
    except (OSError, smtplib.SMTPException) as exc:
        raise EduDeskError(connection_problem(exc, smtp.host, smtp.port, smtp.security)) from None
    with connection:
        for index, letter in enumerate(todo, start=1):
            try:
                connection.send_message(build_message(letter, smtp))
                report.sent.append(letter)
                result = "отправлено"
            except smtplib.SMTPException as exc:
                reason = letter_problem(exc)
                report.failed.append((letter, reason))
                result = f"ошибка: {reason}"
            report.records.append({"Когда": datetime.now().strftime("%d.%m.%Y %H:%M:%S"), "Кто": who, "Вид": letter.kind,
                                   "Группа или сессия": letter.subject_of, "Кому": letter.to, "Тема": letter.subject,
                                   "Результат": result})
            if progress:
                progress(index, len(todo))
    return report


class NotRecorded(EduDeskError):
    """Letters went out but their marks could not be written: the report is kept so the marks can be written later
    and the same letters are not offered again meanwhile."""

    def __init__(self, report: SendReport, reason: str) -> None:
        super().__init__(f"Письма ушли ({len(report.sent)}), но отметки об отправке не записались на лист «Рассылки»: "
                         f"{reason} Отметки сохранены и запишутся при следующей отправке (или кнопкой «Записать "
                         "отметки»); этим адресатам письмо повторно не отправится.")
        self.report = report


def pending(outbox: Path) -> list[dict]:
    """Marks of letters sent whose write to «Рассылки» failed, kept on disk until they are written."""
    try:
        return json.loads(outbox.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise EduDeskError(f"Файл неотмеченных писем «{outbox}» не читается ({exc}); письма не отправлены. "
                           "Отметьте их на листе «Рассылки» по журналу почтового сервера и удалите файл.") from None


def write_pending(store, outbox: Path) -> int:
    """Write the kept marks to «Рассылки»; the file goes once they are in. How many were written."""
    records = pending(outbox)
    if records:
        store.append("Рассылки", records)
        outbox.unlink(missing_ok=True)
    return len(records)


def send_and_record(store, letters: list[Letter], smtp: SmtpSettings, who: str, outbox: Path, resend: bool = False,
                    progress: Callable[[int, int], None] | None = None) -> SendReport:
    """Send only what can be recorded, and record what was sent.

    Marks kept from an earlier failure are written first, and the workbook is asked whether a write would go
    through (open in LibreOffice, read-only): if not, nothing is sent. A letter can't be unsent, so when the
    write fails after sending, the marks go to `outbox` on disk (the letters count as sent meanwhile, see
    mark_sent_before) and NotRecorded says so: no failure after sending leads to a second send.
    """
    write_pending(store, outbox)
    store.check_writable()
    report = send(letters, smtp, who, resend=resend, progress=progress)
    if report.records:
        try:
            store.append("Рассылки", report.records)
        except EduDeskError as exc:
            outbox.parent.mkdir(parents=True, exist_ok=True)
            outbox.write_text(json.dumps(report.records, ensure_ascii=False, indent=1), encoding="utf-8")
            raise NotRecorded(report, str(exc)) from exc
    return report


def _connect(smtp: SmtpSettings) -> smtplib.SMTP:
    if smtp.security == "ssl":
        connection: smtplib.SMTP = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=30, context=ssl.create_default_context())
    else:
        connection = smtplib.SMTP(smtp.host, smtp.port, timeout=30)
    try:
        if smtp.security == "starttls":
            connection.starttls(context=ssl.create_default_context())
        if smtp.login:
            _login(connection, smtp.login, smtp.password or "")
    except BaseException:
        connection.close()
        raise
    return connection


def _login(connection: smtplib.SMTP, login: str, password: str) -> None:
    """smtplib encodes credentials as ASCII and fails on a password with Russian letters; AUTH PLAIN is UTF-8
    (RFC 4616), so such a password is sent that way."""
    if (login + password).isascii():
        connection.login(login, password)
        return
    connection.ehlo_or_helo_if_needed()
    token = base64.b64encode(b"\0" + login.encode() + b"\0" + password.encode()).decode()
    code, answer = connection.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, answer)


# Kinds sent again for each step, told apart by their subject: the reminder before each module names the module.
PER_SUBJECT = {"module-reminder"}


def _sent_key(kind, subject_of, to, subject) -> tuple:
    return kind, subject_of, (to or "").casefold(), subject if kind in PER_SUBJECT else None


def mark_sent_before(letters: list[Letter], history: list, outbox: Path | None = None) -> list[Letter]:
    """Flag letters already sent successfully (same kind, group or session, recipient), by «Рассылки» and by the
    marks still waiting in `outbox` to be written there."""
    done = {_sent_key(h.kind, h.subject_of, h.to, h.subject) for h in history if (h.result or "") == "отправлено"}
    done |= {_sent_key(r.get("Вид"), r.get("Группа или сессия"), r.get("Кому"), r.get("Тема"))
             for r in (pending(outbox) if outbox else []) if r.get("Результат") == "отправлено"}
    for letter in letters:
        letter.already_sent = _sent_key(letter.kind, letter.subject_of, letter.to, letter.subject) in done
    return letters


def sign_off(settings: dict) -> str:
    """The close of a letter: the institution's short name from «Настройки», else its full name."""
    return f"\n\nС уважением,\n{settings.get('Краткое наименование') or settings.get('Полное наименование') or ''}"
