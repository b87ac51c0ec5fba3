"""Letters and reminders by e-mail (SMTP): previewed, sent once each, every send recorded in «Рассылки».

Kinds follow seeds/000: the info letter (§1.7), the first-class reminder (§2.1, ≥ 7 days before), the
distance-learning credentials (§4.2, ≥ 1 day before), arrears reminders (§4.7), assessment invitations
(Part 2 §2.1) and «reports ready» notices (Part 2 §4.2–4.5).
"""

from __future__ import annotations

import base64
import contextlib
import io
import re
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from email.generator import BytesGenerator
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate, make_msgid

from core.platform import mail_headers as headers
from core.platform.config import Settings, load_secrets
from core.platform.errors import ConfigError, EduDeskError
from core.platform.mail_errors import connection_problem, letter_problem
from core.platform.mail_marks import LOST_ANSWER, SENDING, SENT, mark_of


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
    uncertain: bool = False  # sent before, and the connection broke before the server's answer


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
    skipped: list[Letter] = field(default_factory=list)  # sent before (or of unknown fate); a resend was not asked for
    failed: list[tuple[Letter, str]] = field(default_factory=list)
    uncertain: list[Letter] = field(default_factory=list)  # the connection broke after the letter was handed over
    records: list[dict] = field(default_factory=list)  # rows for «Рассылки»


class Uncertain(Exception):
    """The whole letter was handed to the server, and the connection broke before its answer: it may have
    arrived or not, and only the recipient knows."""


def send(letters: list[Letter], smtp: SmtpSettings, who: str, resend: bool = False, dry_run: bool = False,
         progress: Callable[[int, int], None] | None = None, report: SendReport | None = None,
         mark: Callable[[dict], None] | None = None, between: Callable[[], None] | None = None) -> SendReport:
    """Send each letter once; a failed recipient does not stop the rest, a dropped connection is made again.

    `mark` gets each letter's «Рассылки» row twice — «отправляется» before it leaves and its result after — so a
    batch stopped anywhere (the page left, the process killed) knows what went; `between` runs after each
    letter. Nothing is sent on a dry run."""
    report = report if report is not None else SendReport()
    todo = [x for x in letters if resend or not x.already_sent]
    report.skipped = [x for x in letters if x not in todo]
    if dry_run or not todo:
        return report
    connection = _connected(smtp)
    try:
        for index, letter in enumerate(todo, start=1):
            record = mark_of(letter, who, SENDING)
            if mark:
                mark(record)
            try:
                if connection is None:
                    connection = _connected(smtp)
                _transmit(connection, build_message(letter, smtp), smtp.sender, letter.to)
                report.sent.append(letter)
                result = SENT
            except Uncertain:
                report.uncertain.append(letter)
                connection = _closed(connection)
                result = LOST_ANSWER
            except smtplib.SMTPServerDisconnected:
                reason = letter_problem(smtplib.SMTPServerDisconnected())
                report.failed.append((letter, reason))
                connection = _closed(connection)
                result = f"ошибка: {reason}"
            except smtplib.SMTPException as exc:
                reason = letter_problem(exc)
                report.failed.append((letter, reason))
                result = f"ошибка: {reason}"
            except EduDeskError as exc:  # no connection again after it broke: this letter and the rest wait
                report.failed.append((letter, str(exc)))
                result = f"ошибка: {exc}"
            record = {**record, "Результат": result}
            report.records.append({k: v for k, v in record.items() if not k.startswith("_")})
            if mark:
                mark(record)
            if between:
                between()
            if progress:
                progress(index, len(todo))
    finally:
        _closed(connection)
    return report


def _connected(smtp: SmtpSettings) -> smtplib.SMTP:
    try:
        return _connect(smtp)
    except (OSError, smtplib.SMTPException) as exc:
        raise EduDeskError(connection_problem(exc, smtp.host, smtp.port, smtp.security)) from None


def _closed(connection: smtplib.SMTP | None) -> None:
    if connection is not None:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            connection.quit()
        connection.close()


def _transmit(connection: smtplib.SMTP, message: MIMEMultipart, sender: str, to: str) -> None:
    """smtplib's sendmail, step by step, so that a break after the letter was handed over is told apart from one
    before: the first is Uncertain, the second a plain failure (the letter did not leave)."""
    buffer = io.BytesIO()
    BytesGenerator(buffer).flatten(message, linesep="\r\n")
    connection.ehlo_or_helo_if_needed()
    code, answer = connection.mail(sender)
    if code != 250:
        _reset(connection)
        raise smtplib.SMTPSenderRefused(code, answer, sender)
    code, answer = connection.rcpt(to)
    if code not in (250, 251):
        _reset(connection)
        raise smtplib.SMTPRecipientsRefused({to: (code, answer)})
    code, answer = connection.docmd("DATA")
    if code != 354:
        _reset(connection)
        raise smtplib.SMTPDataError(code, answer)
    data = re.sub(rb"(?m)^\.", b"..", buffer.getvalue())  # RFC 5321 §4.5.2: a line's leading dot doubled
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    try:
        connection.send(data + b".\r\n")
        code, answer = connection.getreply()
    except smtplib.SMTPServerDisconnected as exc:
        raise Uncertain from exc
    if code != 250:
        raise smtplib.SMTPDataError(code, answer)


def _reset(connection: smtplib.SMTP) -> None:
    with contextlib.suppress(smtplib.SMTPServerDisconnected):
        connection.rset()


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


def sign_off(settings: dict) -> str:
    """The close of a letter: the institution's short name from «Настройки», else its full name."""
    return f"\n\nС уважением,\n{settings.get('Краткое наименование') or settings.get('Полное наименование') or ''}"
