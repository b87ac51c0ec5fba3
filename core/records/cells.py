"""Tolerant readers for what staff type into cells (DOMAIN §7).

Each reader takes a raw cell value (as the store returns it: str, int, float, bool, date,
datetime or None) and returns the typed value, None for an empty cell, or raises CellError with
a Russian reason. Readers never raise anything else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Any

from core.platform.dates_ru import MONTHS_GENITIVE
from core.platform.errors import CellError
from sheets_schema.base import Column, normalize_header
from sheets_schema.enums import ALIASES

Reader = Callable[[Any], Any]

# Spreadsheet serial day 0 (Excel and Google Sheets agree from 1 March 1900 on).
_SERIAL_EPOCH = date(1899, 12, 30)
_SERIAL_MIN, _SERIAL_MAX = 1, 2958465  # 1900-01-01 … 9999-12-31

# «12.01.2026», «12.01.2026 г.», and a Google Forms timestamp «12.01.2026 10:15:02» (the time is not the date's);
# «12,01,2026» as typed on a Russian keyboard's number pad, whose decimal key gives a comma
_DATE_DMY = re.compile(r"^(\d{1,2})([./,-])(\d{1,2})\2(\d{2}|\d{4})(?:\s*г\.?)?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
# «12 марта 1985 г.», ««28» декабря 2022 г.» (as the app's own documents write it), «1 сентября 2026 года»
# and clipped: «12 янв. 2026», «3 сент 2026 г.», «9 май 2025»
_DATE_WORDS = re.compile(r"^«?(\d{1,2})»?\s+([а-яё]{3,8})\.?\s+(\d{4})\s*(?:г\.?|года)?$", re.I)
# the units typed after a number: money, per cent, hours («36 ч.», «72 час.», «16 ак. ч»), people («25 чел.»)
_UNITS = re.compile(r"₽|%|руб\.?|р\.|\b(?:ак\.?\s*)?(?:ч|час|часа|часов)\b\.?|\bчел\b\.?")

# «н/я» is the registers' «не явился» (an exam's «Явка», a session's attendance), «есть» a document that is there
_YES = {"да", "+", "1", "true", "истина", "д", "yes", "y", "✓", "v", "есть", "явился", "явилась", "присутствовал",
        "присутствовала"}
_NO = {"нет", "-", "−", "–", "0", "false", "ложь", "н", "no", "n", "н/я", "неявка", "не явился", "не явилась",
       "отсутствовал", "отсутствовала"}


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


def _month(word: str) -> int | None:
    """The month a word names: «марта», or its first letters («мар», «сент»), or «май»."""
    word = word.casefold()
    found = [n for n, name in enumerate(MONTHS_GENITIVE, 1) if name.startswith(word)]
    return 5 if word == "май" else found[0] if len(found) == 1 else None


def _two_digit_year(year: int) -> int:
    return 2000 + year if year < 70 else 1900 + year


def read_date(value: Any, century: Callable[[int], int] = _two_digit_year) -> date | None:
    if value.__class__ is date:  # the common case of a real date cell
        return value
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellError("в ячейке флажок, а здесь нужна дата: пишите ДД.ММ.ГГГГ, например 28.12.2022")
    if isinstance(value, int | float):
        return _from_serial(value)
    text = str(value).strip()
    try:
        if m := _DATE_DMY.match(text):
            day, month, year = int(m[1]), int(m[3]), m[4]
            return date(int(year) if len(year) == 4 else century(int(year)), month, day)
        if m := _DATE_ISO.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if (m := _DATE_WORDS.match(text)) and (month := _month(m[2])):
            return date(int(m[3]), month, int(m[1]))
    except ValueError:
        raise CellError(f"такой даты нет в календаре: «{_short(text)}»") from None
    if re.fullmatch(r"\d{5}", text):  # a serial number that arrived as text (1927…2173)
        return _from_serial(int(text))
    raise CellError(f"не похоже на дату: «{_short(text)}»; пишите ДД.ММ.ГГГГ, например 28.12.2022")


def _year_behind_us(year: int) -> int:
    """«65» in a birth date is 1965, «05» is 2005: the century that puts the year behind us."""
    return 2000 + year if 2000 + year <= date.today().year else 1900 + year


def read_past_date(value: Any) -> date | None:
    return read_date(value, _year_behind_us)


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
        # a workbook stores −20 as the float −20.0, a Google Sheet gives −20: the same number, said the same way
        return Decimal(int(value)) if value.is_integer() else Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise CellError("ожидалось число")
        return value
    if isinstance(value, date):
        raise CellError("ожидалось число, а в ячейке дата")
    return _read_number_text(str(value))


def _read_number_text(raw: str) -> Decimal:
    """A number as people type it: «1 234,50», «1234.5», «1.234,50», «1,234.50», «−8», «12 %». Read as meant or
    refused — never another number: the last of «,» and «.» is the decimal mark when both are there, every group
    of thousands has three digits, and «1.234» (a point before exactly three digits) is refused as ambiguous — in
    a Russian office it is as often 1 234 as 1,234."""
    text = " ".join(_UNITS.sub("", raw.lower()).split())  # also no-break and narrow spaces
    text = text.replace("−", "-").replace("–", "-")
    sign = ""
    if text[:1] and text[0] in "+-":
        sign, text = ("-" if text[0] == "-" else ""), text[1:].strip()
    refused = CellError(f"не похоже на число: «{_short(raw)}»; пример: 1 234,50")
    if not text or not re.fullmatch(r"[\d ,.]+", text) or not text[0].isdigit() and text[0] not in ",.":
        raise refused
    commas, points = text.count(","), text.count(".")
    if commas and points:
        mark = "," if text.rfind(",") > text.rfind(".") else "."
    elif commas == 1 or points == 1:
        mark = "," if commas else "."
    else:
        mark = None  # no mark, or one repeated: «1.234.567» groups thousands
    whole, _, fraction = text.rpartition(mark) if mark and text.count(mark) == 1 else (text, None, "")
    if mark and text.count(mark) > 1:
        raise refused
    if mark is None:
        whole, fraction = text, ""
    groups = re.split(r"[ ,.]", whole.strip()) if whole.strip() else ["0"]
    if not all(g.isdigit() for g in groups) or any(len(g) != 3 for g in groups[1:]) or (
            len(groups) > 1 and len(groups[0]) > 3) or not re.fullmatch(r"\d*", fraction):
        raise refused
    if mark == "." and not commas and len(groups) == 1 and len(fraction) == 3 and groups[0] != "0" \
            and len(groups[0]) <= 3:
        raise CellError(f"«{_short(raw)}» — это {groups[0]} {fraction} или {groups[0]},{fraction}? Дробную часть "
                        f"пишите через запятую ({groups[0]},{fraction}), тысячи — через пробел ({groups[0]} {fraction})")
    return Decimal(f"{sign}{''.join(groups)}" + (f".{fraction}" if fraction else ""))


def read_int(value: Any) -> int | None:
    number = read_decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError(f"ожидалось целое число, а в ячейке {format(number, 'f').replace('.', ',')}")
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
    raise CellError(f"ожидалось «да» или «нет», а в ячейке «{_short(_as_seen(value))}»")


@lru_cache(maxsize=64)
def enum_spellings(kind: type[StrEnum]) -> dict[str, StrEnum]:
    """Every spelling the model reads for a list, normalized: its values and the words offices write in full
    («повышение квалификации» for «ПК», sheets_schema.enums.ALIASES)."""
    by_norm = {normalize_header(word): m for word, m in ALIASES.get(kind, {}).items()}
    by_norm.update({normalize_header(m.value): m for m in kind})
    return by_norm


def enum_reader(kind: type[StrEnum]) -> Reader:
    by_norm = enum_spellings(kind)

    def read_enum(value: Any) -> StrEnum | None:
        if is_blank(value):
            return None
        member = by_norm.get(normalize_header(str(value)))
        if member is None:
            allowed = ", ".join(f"«{m.value}»" for m in kind)
            raise CellError(f"значение «{_short(_as_seen(value))}» не из списка: {allowed}")
        return member

    return read_enum


def reader_for_column(column: Column) -> Reader:
    """The reader for a column: its type's, and for a date that can only be behind us, two-digit years read so."""
    if column.past and column.kind is date:
        return read_past_date
    return reader_for(column.kind)


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


def _as_seen(value: Any) -> str:
    """A cell's value as staff see it in their sheet: 12, not «12.0» (a spreadsheet keeps every number as a float);
    12,5; a date as 02.03.2026."""
    if isinstance(value, float) and not value.is_integer():
        return str(value).replace(".", ",")
    return read_text(value) or str(value)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
