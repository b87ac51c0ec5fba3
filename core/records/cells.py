"""Tolerant readers for what staff type into cells (DOMAIN §7).

Each reader takes a raw cell value (as the store returns it: str, int, float, bool, date,
datetime or None) and returns the typed value, None for an empty cell, or raises CellError with
a Russian reason. Readers never raise anything else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from core.platform.errors import CellError
from sheets_schema.base import normalize_header
from sheets_schema.enums import ALIASES

Reader = Callable[[Any], Any]

# Spreadsheet serial day 0 (Excel and Google Sheets agree from 1 March 1900 on).
_SERIAL_EPOCH = date(1899, 12, 30)
_SERIAL_MIN, _SERIAL_MAX = 1, 2958465  # 1900-01-01 … 9999-12-31

# «12.01.2026», «12.01.2026 г.», and a Google Forms timestamp «12.01.2026 10:15:02» (the time is not the date's)
_DATE_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?:\s*г\.?)?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_NUMBER_JUNK = re.compile(r"[\s\u00a0\u202f₽%]|руб\.?|р\.")

_YES = {"да", "+", "1", "true", "истина", "д", "yes", "y", "✓", "v"}
_NO = {"нет", "-", "−", "–", "0", "false", "ложь", "н", "no", "n"}


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_text(value: Any) -> str | None:
    if type(value) is str:  # the common case first: this runs for most cells of a big sheet
        return value.strip() or None
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y") if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value).strip()


def _two_digit_year(year: int) -> int:
    return 2000 + year if year < 70 else 1900 + year


def read_date(value: Any) -> date | None:
    if value.__class__ is date:  # the common case of a real date cell
        return value
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellError("ожидалась дата, а в ячейке логическое значение")
    if isinstance(value, int | float):
        return _from_serial(value)
    text = str(value).strip()
    try:
        if m := _DATE_DMY.match(text):
            day, month, year = int(m[1]), int(m[2]), m[3]
            return date(int(year) if len(year) == 4 else _two_digit_year(int(year)), month, day)
        if m := _DATE_ISO.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise CellError(f"такой даты нет в календаре: «{_short(text)}»") from None
    if re.fullmatch(r"\d{5}", text):  # a serial number that arrived as text (1927…2173)
        return _from_serial(int(text))
    raise CellError(f"не похоже на дату: «{_short(text)}»; пишите ДД.ММ.ГГГГ, например 28.12.2022")


def _from_serial(number: float) -> date:
    if number != number or not (_SERIAL_MIN <= number <= _SERIAL_MAX):  # NaN or out of range
        raise CellError(f"число {number} не похоже на дату")
    return _SERIAL_EPOCH + timedelta(days=int(number))


def read_decimal(value: Any) -> Decimal | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("ожидалось число, а в ячейке логическое значение")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CellError("ожидалось число")
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise CellError("ожидалось число")
        return value
    if isinstance(value, date):
        raise CellError("ожидалось число, а в ячейке дата")
    text = _NUMBER_JUNK.sub("", str(value).strip().lower()).replace("−", "-")
    if "," in text and "." in text:  # «1.234,50»: dots group thousands
        text = text.replace(".", "")
    text = text.replace(",", ".")
    if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)", text):
        raise CellError(f"не похоже на число: «{_short(str(value))}»; пример: 1 234,50")
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid numbers
        raise CellError(f"не похоже на число: «{_short(str(value))}»") from None


def read_int(value: Any) -> int | None:
    number = read_decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError(f"ожидалось целое число, а в ячейке {number}")
    return int(number)


def read_bool(value: Any) -> bool | None:
    if value.__class__ is bool:
        return value
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(f"ожидалось «да» или «нет», а в ячейке «{_short(str(value))}»")


def enum_reader(kind: type[StrEnum]) -> Reader:
    # the words offices write in full («повышение квалификации») read as the model's short value («ПК»)
    by_norm = {normalize_header(word): m for word, m in ALIASES.get(kind, {}).items()}
    by_norm.update({normalize_header(m.value): m for m in kind})

    def read_enum(value: Any) -> StrEnum | None:
        if is_blank(value):
            return None
        member = by_norm.get(normalize_header(str(value)))
        if member is None:
            allowed = ", ".join(f"«{m.value}»" for m in kind)
            raise CellError(f"значение «{_short(str(value))}» не из списка: {allowed}")
        return member

    return read_enum


def reader_for(kind: type) -> Reader:
    """The reader for a column's type, chosen once per column."""
    if kind is date:
        return read_date
    if kind is Decimal:
        return read_decimal
    if kind is int:
        return read_int
    if kind is bool:
        return read_bool
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        return enum_reader(kind)
    return read_text


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
