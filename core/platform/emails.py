"""Is this an e-mail address a mail system will deliver to — as Moodle's validate_email judges it?

Moodle checks addresses with PHPMailer's validateAddress, i.e. PHP's FILTER_VALIDATE_EMAIL: ASCII only (a domain
in Cyrillic, «школа.рф», is refused), one «@», a domain with at least one dot. An account whose address fails is
still created, with a warning, but Moodle never mails it anything — not even its password.
"""

from __future__ import annotations

import re

# FILTER_VALIDATE_EMAIL's local part (RFC 5321 dot-atom) and its domain: labels of letters, digits and inner hyphens.
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^(xn--)?[A-Za-z0-9]+(-+[A-Za-z0-9]+)*$")
_SEVERAL = re.compile(r"[,;\s]")


def email_problem(address: str | None) -> str | None:
    """Why this address won't get mail, in words staff can act on (the address itself is not repeated: the
    message may reach people who don't see personal data); None when it is fine or empty."""
    text = (address or "").strip()
    if not text:
        return None
    if text.count("@") > 1 or (_SEVERAL.search(text) and "@" in text):
        return ("в ячейке больше одного адреса (или адрес с пробелом): это один неверный адрес — оставьте в ячейке "
                "один, второй запишите в «Примечание»")
    local, at, domain = text.partition("@")
    if not at or not local or not domain:
        return "это не адрес электронной почты: нет «@» или части до/после него"
    if not text.isascii():
        return ("адрес с русскими буквами: Moodle и многие почтовые программы такой адрес не принимают — попросите "
                "у слушателя адрес латиницей")
    if "." not in domain:
        return f"в адресе нет домена верхнего уровня (после «@» стоит «{domain}»): не пропущено ли «.ru»?"
    labels = domain.split(".")
    if not _LOCAL.match(local) or not all(_LABEL.match(label) for label in labels) or not labels[-1][:1].isalpha():
        return "адрес написан с ошибкой (лишние точки, пробелы или знаки): проверьте его по заявке"
    return None
