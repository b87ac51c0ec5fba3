"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives, and can refuse a recipient."""

from __future__ import annotations

import socket
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self, refuse: set[str] | None = None) -> None:
        self.messages = []
        self.raw: list[bytes] = []  # as delivered, for line lengths and strict parsing
        self.refuse = refuse or set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's hook name
        if address in self.refuse:
            return "550 5.1.1 Нет такого ящика"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.raw.append(envelope.content)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"


class LocalSmtp:
    def __init__(self, refuse: set[str] | None = None) -> None:
        self.inbox = Inbox(refuse)
        with socket.socket() as probe:  # aiosmtpd checks readiness by connecting, so it needs a real port
            probe.bind(("127.0.0.1", 0))
            free = probe.getsockname()[1]
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=free)

    def __enter__(self) -> LocalSmtp:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    @property
    def port(self) -> int:
        return self.controller.port

    def secrets(self) -> str:
        return (f'[smtp]\nhost = "127.0.0.1"\nport = {self.port}\nsecurity = "none"\nsender = "kursy@oiro.example.ru"\n'
                'sender_name = "ГАУ ДПО «ОИРО»"\n')
