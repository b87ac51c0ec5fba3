"""СНИЛС: checksum (ENR-SNILS) and the 123-456-789 01 spelling."""

from __future__ import annotations

import re

_WEIGHTS = range(9, 0, -1)


def checksum(nine_digits: str) -> int:
    total = sum(map(lambda d, w: (ord(d) - 48) * w, nine_digits, _WEIGHTS))
    if total < 100:
        return total
    total %= 101
    return 0 if total == 100 else total


def is_valid(text: str) -> bool:
    digits = (text or "").replace("-", "").replace(" ", "")
    if not digits.isascii() or not digits.isdigit():
        digits = re.sub(r"\D", "", text or "")
    if len(digits) != 11:
        return False
    if int(digits[:9]) <= 1001998:  # numbers up to 001-001-998 carry no checksum
        return True
    return checksum(digits[:9]) == int(digits[9:])


def format_snils(nine_digits: str) -> str:
    d = nine_digits
    return f"{d[:3]}-{d[3:6]}-{d[6:9]} {checksum(d):02d}"
