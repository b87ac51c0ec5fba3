"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives, and can refuse a recipient."""

from __future__ import annotations

import datetime
import socket
import ssl
from email import message_from_bytes, policy
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


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
    """`tls`: a server as institutions run them — STARTTLS with a certificate for «localhost», and a login
    (`password`) required over TLS. Without it: plain, no login, as a relay inside the office network."""

    def __init__(self, refuse: set[str] | None = None, tls: ssl.SSLContext | None = None,
                 password: str | None = None) -> None:
        self.inbox = Inbox(refuse)
        with socket.socket() as probe:  # aiosmtpd checks readiness by connecting, so it needs a real port
            probe.bind(("127.0.0.1", 0))
            free = probe.getsockname()[1]
        extra = {}
        if tls is not None:
            extra = {"tls_context": tls, "require_starttls": True, "auth_required": True,
                     "authenticator": _Login(password), "auth_require_tls": True}
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=free, **extra)

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


class _Login:
    def __init__(self, password: str | None) -> None:
        self.password = password

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.password.decode() == self.password
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself


def self_signed(folder: Path) -> tuple[ssl.SSLContext, Path]:
    """A server context with a new certificate for «localhost», and the certificate file a client may trust."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "smtp.crt", folder / "smtp.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                           serialization.NoEncryption()))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    return context, cert_file
