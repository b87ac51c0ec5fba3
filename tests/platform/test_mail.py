"""Letters through a real SMTP server on 127.0.0.1: decoded subjects, bodies, attachments; sent once; failures isolated."""

import re
import shutil
from datetime import date
from email import message_from_bytes, policy
from email.header import decode_header, make_header

import pytest

from core.cli import main
from core.mailings import MAIL_KINDS
from core.platform.config import Settings
from core.platform.errors import EduDeskError
from core.platform.mail import send, smtp_settings
from core.platform.mail_outbox import NotRecorded, mark_sent_before, pending, send_and_record
from core.records.checks import open_workbook
from core.records.journal import JournaledStore
from core.store import XlsxStore
from sheets_schema import TABS
from tests.smtp_server import LocalSmtp

TODAY = date(2026, 11, 23)
GROUP, SESSION = "ПК-003-02", "ОП-01"


@pytest.fixture
def smtp(tmp_path, monkeypatch):
    with LocalSmtp() as server:
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(server.secrets(), encoding="utf-8")
        monkeypatch.setenv("EDUDESK_SECRETS_FILE", str(secrets))
        yield server


@pytest.fixture(scope="module")
def wb(demo_workbook):
    return open_workbook(XlsxStore(demo_workbook).read([t.name for t in TABS]).tabs, TODAY)


@pytest.mark.parametrize("kind, code, subject, body, attachments", [
    ("info-letter", GROUP, "Информационное письмо: «", "Вы включены в учебную группу ПК-003-02",
     ["Информационное письмо ПК-003-02.pdf", "Расписание занятий ПК-003-02.pdf",
      "Согласие на обработку персональных данных.pdf"]),
    ("reminder", GROUP, "Напоминание: первое занятие «", "Приглашаем в учебный чат группы", []),
    ("dot-credentials", GROUP, "Доступ к платформе дистанционного обучения", "Логин: user", []),
    ("assessment-invitation", SESSION, "Приглашение на процедуру оценки компетенций", "Просим подтвердить участие", []),
    ("reports-ready", SESSION, "Отчёт по результатам оценки готов", "Отчёт по результатам процедуры оценки", []),
])
def test_each_kind_arrives_decoded(smtp, wb, kind, code, subject, body, attachments):
    """Each kind reaches the server with a Cyrillic subject and body that decode back, and its attachments."""
    letters, _ = MAIL_KINDS[kind].build(wb, code, TODAY)
    report = send(letters, smtp_settings(Settings()), "test@oiro.example.ru")
    assert len(report.sent) == len(letters) == len(smtp.inbox.messages) > 0
    message = smtp.inbox.messages[0]
    assert message["Subject"].startswith(subject) and "ОИРО" in message["From"]
    text = message.get_body(("plain",)).get_content()
    assert body in text
    files = [(part.get_filename(), part.get_content()) for part in message.iter_attachments()]
    assert [name for name, _ in files] == attachments
    assert all(data.startswith(b"%PDF") for _, data in files)
    for raw, letter in zip(smtp.inbox.raw, report.sent, strict=True):
        _standard(raw, letter)


def _standard(raw: bytes, letter) -> None:
    """#14.10: RFC 5322 — a Date, no line over 78 characters, nothing a strict parser calls a defect; what the
    headers say decodes (RFC 2047/2231, as mail readers decode them) back to the letter's own words."""
    assert max(len(line) for line in raw.split(b"\r\n") if not line.startswith(b"--")) <= 78
    strict = message_from_bytes(raw, policy=policy.strict)
    assert strict["Date"] and strict["Message-ID"] and not strict.defects
    assert all(not part.defects for part in strict.walk())
    assert str(make_header(decode_header(strict["Subject"].__str__()))) == letter.subject
    compat = message_from_bytes(raw)  # decoded per RFC 2047: whitespace between encoded words is not text
    to = str(make_header(decode_header(compat["To"])))
    assert to == f"{letter.name} <{letter.to}>" if letter.name else to == letter.to
    files = [part.get_filename() for part in compat.walk() if part.get_filename()]
    assert files == [name for name, _, _ in letter.attachments]
    names = [str(make_header(decode_header(part.get_param("name")))) for part in compat.walk() if part.get_param("name")]
    assert names == files  # the fallback for readers without RFC 2231


def test_10_long_names_subjects_and_file_names_stay_within_the_line_limits():
    """An 85-character subject line, names encoded to 80–125 characters and a 256-character filename*= once went out."""
    from core.platform.mail import Letter, SmtpSettings, build_message

    smtp_config = SmtpSettings(host="localhost", port=25, security="none", login=None, password=None,
                               sender="uo@oiro.example.ru", sender_name="Учебный отдел ГАУ ДПО «Областной институт "
                               "развития образования»")
    letter = Letter("info-letter", "ПК-003-02", "alexandra.konstantinopolskaya@school.example.ru",
                    "Константинопольская-Старобельская Александра-Виктория Владимировна",
                    "Информационное письмо: «Функциональная грамотность: инструменты учителя начальных классов»",
                    "Текст", [("Информационное письмо ПК-003-02 «Функциональная грамотность: инструменты учителя "
                              "начальных классов».pdf", b"%PDF-1.4", "application/pdf")])
    _standard(build_message(letter, smtp_config).as_bytes().replace(b"\n", b"\r\n"), letter)


def test_arrears_go_only_to_those_in_arrears(smtp, wb):
    """Arrears reminders name each listener's missing tasks and go to nobody else."""
    letters, _ = MAIL_KINDS["arrears"].build(wb, "ПК-008-01", TODAY)
    assert letters and all("не сданы: Модуль" in x.body for x in letters)
    send(letters, smtp_settings(Settings()), "t")
    assert len(smtp.inbox.messages) == len(letters)


def test_dry_run_sends_nothing(smtp, wb):
    """A dry run returns the letters and sends nothing."""
    letters, _ = MAIL_KINDS["reminder"].build(wb, GROUP, TODAY)
    report = send(letters, smtp_settings(Settings()), "t", dry_run=True)
    assert report.sent == [] and smtp.inbox.messages == []


def _reminders_recorded(book) -> list:
    """The «Рассылки» rows of first-class reminders (the demo's own module reminders are there from the start)."""
    history = XlsxStore(book).read(["Рассылки"]).tabs["Рассылки"]
    return [row for row in history.rows if row[history.headers.index("Вид")] == "reminder"]


def test_each_message_once_unless_resend(smtp, wb):
    """Letters recorded as sent are skipped; a resend is an explicit choice."""
    letters, _ = MAIL_KINDS["reminder"].build(wb, GROUP, TODAY)
    first = send(letters, smtp_settings(Settings()), "t")
    history = [type("H", (), {"kind": r["Вид"], "subject_of": r["Группа или сессия"], "to": r["Кому"],
                              "subject": r["Тема"], "result": r["Результат"]})() for r in first.records]
    again, _ = MAIL_KINDS["reminder"].build(wb, GROUP, TODAY)
    second = send(mark_sent_before(again, history), smtp_settings(Settings()), "t")
    assert second.sent == [] and len(second.skipped) == len(letters)
    third = send(again, smtp_settings(Settings()), "t", resend=True)
    assert len(third.sent) == len(letters) and len(smtp.inbox.messages) == 2 * len(letters)


def test_a_refused_recipient_does_not_stop_the_rest(tmp_path, monkeypatch, wb):
    """One address refused by the server is reported; the others are delivered."""
    letters, _ = MAIL_KINDS["reminder"].build(wb, GROUP, TODAY)
    with LocalSmtp(refuse={letters[1].to}) as server:
        secrets = tmp_path / "s.toml"
        secrets.write_text(server.secrets(), encoding="utf-8")
        report = send(letters, smtp_settings(Settings(secrets_file=secrets)), "t")
        assert [x.to for x, _ in report.failed] == [letters[1].to]
        assert len(server.inbox.messages) == len(letters) - 1
        assert [r["Результат"] for r in report.records].count("отправлено") == len(letters) - 1


def test_reports_ready_only_after_feedback(wb):
    """A session without feedback can't get «reports ready» letters (000 ч. 2, п. 4.5)."""
    from core.platform.errors import EduDeskError

    pending = next(r.item.code for r in wb.items("Оценка_сессии") if r.item.feedback is None)
    with pytest.raises(EduDeskError, match="обратной связи"):
        MAIL_KINDS["reports-ready"].build(wb, pending, TODAY)


def test_cli_send_records_history_and_sends_once(smtp, demo_workbook, tmp_path, capsys):
    """`edudesk send reminder --group`: delivers, records «Рассылки», and a second run sends nothing new."""
    book = tmp_path / "edudesk.xlsx"
    shutil.copy(demo_workbook, book)
    assert main(["--workbook", str(book), "send", "reminder", "--group", GROUP, "--dry-run"]) == 0
    assert smtp.inbox.messages == [] and "ничего не отправлено" in capsys.readouterr().out
    assert main(["--workbook", str(book), "send", "reminder", "--group", GROUP]) == 0
    sent = len(smtp.inbox.messages)
    history = _reminders_recorded(book)
    assert sent > 0 and len(history) == sent
    assert main(["--workbook", str(book), "send", "reminder", "--group", GROUP]) == 0
    assert len(smtp.inbox.messages) == sent and "пропущено (уже отправлялось): " + str(sent) in capsys.readouterr().out


# #14.11: nothing is sent that can't be recorded; no failure after sending leads to a second send ---------------------
def test_11_nothing_is_sent_while_libreoffice_holds_the_workbook(smtp, demo_workbook, tmp_path, capsys):
    book = tmp_path / "edudesk.xlsx"
    shutil.copy(demo_workbook, book)
    (tmp_path / ".~lock.edudesk.xlsx#").write_text("Иванова Мария,ivanova,pc-12,24.11.2026 09:00,file:///;")
    assert main(["--workbook", str(book), "send", "reminder", "--group", GROUP]) != 0
    assert smtp.inbox.messages == []
    assert "редактирует Иванова Мария (LibreOffice)" in capsys.readouterr().err


def test_11_letters_sent_when_the_record_fails_are_kept_and_never_sent_again(smtp, demo_workbook, tmp_path, capsys,
                                                                              mail_outbox):
    """LibreOffice opens the workbook while the letters go out: the record is refused. Before, the page and the CLI
    then offered the same letters again (12 of 12 recipients got them twice); now the marks wait on disk, count as
    sent, and the next run writes them first and sends nothing."""
    book = tmp_path / "edudesk.xlsx"
    shutil.copy(demo_workbook, book)
    lock = tmp_path / ".~lock.edudesk.xlsx#"
    store = JournaledStore(XlsxStore(book), "admin@oiro.example.ru")
    wb = open_workbook(store.store.read([t.name for t in TABS]).tabs, TODAY)
    letters, _ = MAIL_KINDS["reminder"].build(wb, GROUP, TODAY)

    def colleague_opens_the_file(i, n):
        if i == 1:
            lock.write_text("Иванова Мария,ivanova,pc-12,24.11.2026 09:00,file:///;")

    with pytest.raises(NotRecorded, match="не записались"):
        send_and_record(store, letters, smtp_settings(), "admin@oiro.example.ru", mail_outbox,
                        progress=colleague_opens_the_file)
    sent = len(smtp.inbox.messages)
    assert sent == len(letters) > 10 and len(pending(mail_outbox)) == sent
    assert all(x.already_sent for x in mark_sent_before(letters, [], mail_outbox))

    assert main(["--workbook", str(book), "send", "reminder", "--group", GROUP]) != 0  # still open: nothing sent
    assert len(smtp.inbox.messages) == sent
    lock.unlink()
    assert main(["--workbook", str(book), "send", "reminder", "--group", GROUP]) == 0
    assert len(smtp.inbox.messages) == sent and not mail_outbox.exists()
    assert len(_reminders_recorded(book)) == sent


# #14.12: the server's refusals in plain Russian, with what to do -----------------------------------------------------
def _tls_settings(server, host="localhost", password="верный-пароль", security="starttls"):
    from core.platform.mail import SmtpSettings

    return SmtpSettings(host=host, port=server.port, security=security, sender="kursy@oiro.example.ru",
                        login="kursy@oiro.example.ru", password=password)


@pytest.fixture
def tls_server(tmp_path, monkeypatch):
    from tests.smtp_server import self_signed

    context, cert = self_signed(tmp_path)
    with LocalSmtp(tls=context, password="верный-пароль") as server:
        yield server, cert


def test_12_starttls_and_login_deliver_when_the_certificate_is_trusted(tls_server, wb, monkeypatch):
    server, cert = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # as if the institution's CA were installed
    letters, _ = MAIL_KINDS["reminder"].build(wb, GROUP, TODAY)
    report = send(letters[:2], _tls_settings(server), "test@oiro.example.ru")
    assert len(report.sent) == 2 == len(server.inbox.messages)


@pytest.mark.parametrize("case, expected", [
    ("untrusted", "Сертификат почтового сервера localhost:"),
    ("password", "не принял логин или пароль"),
    ("no-starttls", "не предлагает шифрование STARTTLS"),
    ("refused", "не принимает соединения на порту"),
])
def test_12_refusals_are_said_in_russian_with_what_to_do(tls_server, wb, monkeypatch, case, expected):
    server, cert = tls_server
    if case != "untrusted":
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    settings = _tls_settings(server, password="неверный" if case == "password" else "верный-пароль")
    plain = LocalSmtp() if case == "no-starttls" else None
    if plain is not None:
        plain.__enter__()
        settings = _tls_settings(plain)
    if case == "refused":
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        settings = _tls_settings(server)
        settings = type(settings)(**{**settings.__dict__, "port": port})
    letters, _ = MAIL_KINDS["reminder"].build(wb, GROUP, TODAY)
    try:
        with pytest.raises(EduDeskError) as error:
            send(letters[:1], settings, "test@oiro.example.ru")
    finally:
        if plain is not None:
            plain.__exit__(None, None, None)
    message = str(error.value)
    assert expected in message
    assert not re.search(r"[A-Za-z]{4,}", re.sub(r"\[smtp\]|security|starttls|ssl|login|password|host|port|sender"
                                                  r"|localhost|STARTTLS|SSL|Mail\.ru|\"\w+\"", "", message)), message


def test_12_a_refused_recipient_is_said_in_russian(tmp_path, wb):
    letters, _ = MAIL_KINDS["reminder"].build(wb, GROUP, TODAY)
    with LocalSmtp(refuse={letters[0].to}) as server:
        from core.platform.mail import SmtpSettings

        report = send(letters[:2], SmtpSettings("127.0.0.1", server.port, "none", "kursy@oiro.example.ru"), "t@x.ru")
    assert report.failed[0][1].startswith("сервер не принял адрес получателя")
    assert report.records[0]["Результат"].startswith("ошибка: сервер не принял адрес получателя")
