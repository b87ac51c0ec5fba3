"""Letters and reminders by e-mail (SMTP): previewed, sent once each, every send recorded in «Рассылки».

Kinds follow seeds/000: the info letter (§1.7), the first-class reminder (§2.1, ≥ 7 days before), the
distance-learning credentials (§4.2, ≥ 1 day before), arrears reminders (§4.7), assessment invitations
(Part 2 §2.1) and «reports ready» notices (Part 2 §4.2–4.5).
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr, make_msgid

from .config import Settings, load_secrets
from .errors import ConfigError, EduDeskError


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
    return SmtpSettings(section["host"], int(section.get("port", 587)), security, section["sender"],
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
    """A MIME message with Cyrillic headers encoded as whole words.

    Built with the classic email.mime API: the newer EmailMessage folds a long Cyrillic subject so that
    the space before «…» falls between encoded words and is lost on reading (a CPython folding bug).
    """
    message = MIMEMultipart()
    message["From"] = formataddr((smtp.sender_name, smtp.sender), charset="utf-8") if smtp.sender_name else smtp.sender
    message["To"] = formataddr((letter.name, letter.to), charset="utf-8") if letter.name else letter.to
    message["Subject"] = Header(letter.subject, "utf-8")
    message["Message-ID"] = make_msgid(domain=smtp.sender.split("@")[-1])
    message.attach(MIMEText(letter.body, "plain", "utf-8"))
    for file_name, data, mime in letter.attachments:
        part = MIMEApplication(data, mime.partition("/")[2])
        part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", file_name))
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
        raise EduDeskError(f"Не удалось подключиться к почтовому серверу {smtp.host}:{smtp.port}: {exc}") from None
    with connection:
        for index, letter in enumerate(todo, start=1):
            try:
                connection.send_message(build_message(letter, smtp))
                report.sent.append(letter)
                result = "отправлено"
            except smtplib.SMTPException as exc:
                report.failed.append((letter, str(exc)))
                result = f"ошибка: {type(exc).__name__}"
            report.records.append({"Когда": datetime.now().strftime("%d.%m.%Y %H:%M:%S"), "Кто": who, "Вид": letter.kind,
                                   "Группа или сессия": letter.subject_of, "Кому": letter.to, "Тема": letter.subject,
                                   "Результат": result})
            if progress:
                progress(index, len(todo))
    return report


def _connect(smtp: SmtpSettings) -> smtplib.SMTP:
    if smtp.security == "ssl":
        connection: smtplib.SMTP = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=30, context=ssl.create_default_context())
    else:
        connection = smtplib.SMTP(smtp.host, smtp.port, timeout=30)
        if smtp.security == "starttls":
            connection.starttls(context=ssl.create_default_context())
    if smtp.login:
        connection.login(smtp.login, smtp.password or "")
    return connection


def mark_sent_before(letters: list[Letter], history: list) -> list[Letter]:
    """Flag letters already sent successfully (same kind, group or session, recipient)."""
    done = {(h.kind, h.subject_of, (h.to or "").casefold()) for h in history if (h.result or "") == "отправлено"}
    for letter in letters:
        letter.already_sent = (letter.kind, letter.subject_of, letter.to.casefold()) in done
    return letters
