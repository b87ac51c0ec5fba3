"""What a mail server's refusal means, in Russian, with what to do: never OpenSSL's or smtplib's English."""

from __future__ import annotations

import smtplib
import socket
import ssl


def connection_problem(exc: BaseException, host: str, port: int, security: str) -> str:
    """Why no connection (or no login) to the server: what happened and what to change, for the administrator."""
    where = f"{host}:{port}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (f"Сертификат почтового сервера {where} не подтверждён (самоподписанный, просроченный или выдан на "
                "другое имя): письма не отправлены, чтобы пароль не ушёл посреднику. Укажите в [smtp] host имя, на "
                "которое выдан сертификат, или попросите администратора сервера поставить действительный сертификат.")
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return (f"Почтовый сервер {where} не принял логин или пароль из [smtp] (login, password). Проверьте их; "
                "у Яндекс и Mail.ru нужен отдельный «пароль приложения», а не пароль от ящика.")
    if isinstance(exc, smtplib.SMTPNotSupportedError) or "STARTTLS" in str(exc).upper():
        return (f"Сервер {where} не предлагает шифрование STARTTLS, а без него письма с паролем не отправляются. "
                "Если сервер работает по SSL, укажите security = \"ssl\" и порт 465; иначе уточните настройки у его "
                "администратора.")
    if isinstance(exc, ssl.SSLError):
        hint = ("на этом порту, похоже, STARTTLS: укажите security = \"starttls\" (обычно порт 587)"
                if security == "ssl" else "проверьте security и порт в [smtp]")
        return f"Не удалось установить шифрованное соединение с {where}: {hint}."
    if isinstance(exc, socket.gaierror):
        return f"Почтовый сервер «{host}» не найден: проверьте [smtp] host (и доступ этого компьютера к сети)."
    if isinstance(exc, ConnectionRefusedError):
        return f"Почтовый сервер {host} не принимает соединения на порту {port}: проверьте [smtp] port и security."
    if isinstance(exc, TimeoutError | socket.timeout):
        return f"Почтовый сервер {where} не ответил за 30 секунд: проверьте адрес, порт и доступ к сети."
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"Почтовый сервер {where} закрыл соединение: проверьте порт и security в [smtp]."
    return f"Не удалось подключиться к почтовому серверу {where} ({type(exc).__name__}): проверьте [smtp]."


def letter_problem(exc: smtplib.SMTPException) -> str:
    """Why one letter was not accepted (the others still go)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "сервер не принял адрес получателя (нет такого ящика или адрес с ошибкой)"
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return "сервер не принял адрес отправителя из [smtp] sender (он должен принадлежать учётной записи login)"
    if isinstance(exc, smtplib.SMTPDataError):
        return f"сервер отказался принять письмо (код {exc.smtp_code}): возможно, превышен лимит отправки или размер"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return "сервер закрыл соединение во время отправки"
    return f"письмо не принято сервером ({type(exc).__name__})"
