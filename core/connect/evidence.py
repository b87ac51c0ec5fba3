"""What a column's values say it holds: СНИЛС by checksum, e-mails, dates, money, whole numbers, да/нет, names,
the model's enums. Compared with a model column's type to back or rule out a guess made from the header."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Any

from core.platform.errors import CellError
from core.platform.snils import is_valid as snils_valid
from core.records.cells import is_blank, read_date, read_decimal, read_text
from sheets_schema.base import Column, normalize_header
from sheets_schema.enums import ALIASES

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SNILS = re.compile(r"^\d{3}[- ]?\d{3}[- ]?\d{3}[- ]?\d{2}$")
_NAME_WORD = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_FULL_NAME = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}$")
_PHONE = re.compile(r"^[+]?[78]?[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}$")
_SERIAL = re.compile(r"^\d+$")

KIND_TEXT = {"snils": "СНИЛС с верной контрольной суммой", "email": "адреса e-mail", "date": "даты",
             "money": "суммы", "int": "целые числа", "number": "числа", "bool": "да/нет или флажки",
             "name": "фамилии, имена, отчества", "phone": "телефоны", "text": "текст", "enum": "значения из списка",
             "code": "коды («ПК-01», «17/26»)"}
_CODE = re.compile(r"^(?=.*\d)[\w№]{1,6}(?:[-/.][\w№]{1,8}){0,3}$")


@dataclass(frozen=True)
class Values:
    """A column's values in short: the kind most of them are, how many agree, and a few as an example."""

    kind: str  # one of KIND_TEXT, or "" for an empty column
    share: float  # the part of non-empty cells of that kind
    count: int
    texts: tuple[str, ...]  # distinct texts, normalized, for matching enums
    listed: bool = False  # an empty column's drop-down list, not its cells: what it is made to hold

    def said(self) -> str:
        if not self.kind:
            return "столбец пуст"
        if self.listed:
            return f"столбец пуст, в его выпадающем списке — {KIND_TEXT[self.kind]}"
        return f"{round(self.share * 100)}% значений — {KIND_TEXT[self.kind]}"


@lru_cache(maxsize=1 << 16, typed=True)  # typed: True and 1, Decimal("1") and 1 are told apart
def kind_of(value: Any) -> str:
    """One cell's kind."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, date):
        return "date"
    if isinstance(value, int | float | Decimal):
        return "int" if float(value).is_integer() else "number"
    text = read_text(value) or ""
    if _SNILS.match(text) and snils_valid(re.sub(r"\D", "", text)):
        return "snils"
    if _EMAIL.match(text):
        return "email"
    digits = re.sub(r"\D", "", text)
    if _PHONE.match(text) and (not _SERIAL.match(text) or len(digits) == 11 and digits[0] in "78"):
        return "phone"
    if normalize_header(text) in {"да", "нет", "true", "false", "истина", "ложь", "+", "✓"}:
        return "bool"
    for read, kind in ((read_date, "date"), (read_decimal, "money")):
        try:
            if read(text) is not None and (kind != "money" or re.search(r"\d", text)):
                if kind == "money" and re.fullmatch(r"-?\d+", text.replace(" ", "").replace("\u00a0", "")):
                    return "int"
                return kind
        except CellError:
            pass
    if _FULL_NAME.match(text):
        return "name"
    if _CODE.match(text) and not text.isdigit():
        return "code"
    return "text"


def summarize(values: Sequence[Any], listed: Sequence[str] = ()) -> Values:
    """`listed`: the words of the column's drop-down list — said of a column with no value yet (a register started
    this month, a column not filled in so far), as what it is made to hold."""
    present = [v for v in values if not is_blank(v)]
    if not present:
        words = [w for w in listed if not is_blank(w)]
        return replace(summarize(words), count=0, listed=True) if words else Values("", 0.0, 0, ())
    kinds = Counter(kind_of(v) for v in present)
    kind, count = kinds.most_common(1)[0]
    if kind == "int" and kinds.get("number"):
        kind, count = "number", count + kinds["number"]
    if kind in ("number", "int") and kinds.get("money"):
        count += kinds["money"]
        kind = "money" if kind == "number" else kind
    texts = tuple(dict.fromkeys(normalize_header(read_text(v) or "") for v in present))[:50]
    return Values(kind, count / len(present), len(present), texts)


# one column's values against every model column of every candidate tab, twice (the second look with the keys found)
@lru_cache(maxsize=1 << 15)
def fit(values: Values, column: Column) -> tuple[float, str]:
    """How well the values fit the model column (−1 rules it out, 0 says nothing, up to 1 backs it), and why."""
    if not values.kind:
        return 0.0, ""
    kind, header = column.kind, normalize_header(column.header)
    enum = isinstance(kind, type) and issubclass(kind, StrEnum)
    if values.listed and not (enum or kind is bool):
        return 0.0, ""  # a list of the office's own (names, departments) backs no guess, nor rules one out
    if enum:
        choices = {normalize_header(c) for c in column.choices} | {normalize_header(w) for w in ALIASES.get(kind, {})}
        inside = sum(1 for t in values.texts if t in choices)
        if values.texts and inside / len(values.texts) >= 0.8:
            return 1.0, "выпадающий список — из списка модели" if values.listed else "значения из списка модели"
        if values.listed:
            return 0.0, ""  # the office's own words for the model's: said once at connecting (core.connect.words)
        if values.kind in ("date", "money", "int", "number", "snils", "email"):
            return -1.0, values.said()
        return -0.3, "значения не из списка модели"
    wanted = {date: ("date",), bool: ("bool",), int: ("int",), Decimal: ("money", "int", "number")}.get(kind)
    if wanted is not None:
        if values.kind in wanted:
            return 0.6 * values.share, values.said()
        if kind is bool and values.kind == "text" and len(values.texts) <= 3:
            return 0.0, ""
        if {kind, values.kind} in ({date, "bool"}, {bool, "date"}):
            # a tick where the model keeps the day («Согласие получено»), or the day where it keeps a tick: the same
            # fact kept two ways — a doubt for the person to see, not a bar
            return -0.3, f"{values.said()}, а в модели — {'дата' if kind is date else 'флажок'}"
        return -1.0, values.said()
    # text columns: the special kinds decide the columns made for them
    special = {"снилс": "snils", "e-mail": "email", "телефон": "phone", "телефон куратора": "phone",
               "фио": "name", "фамилия": "name", "имя": "name", "отчество": "name"}
    if header in special:
        want = special[header]
        if values.kind == want or (want == "name" and values.kind == "text"):
            return (0.8 * values.share if values.kind == want else 0.0), values.said()
        return -1.0, values.said()
    if values.kind in ("snils", "email") and values.share >= 0.6:
        return -1.0, values.said()
    if values.kind == "code" and re.match(r"(код|id|№|шифр|рег)", header):
        return 0.6 * values.share, values.said()
    if values.kind in ("date", "bool") and values.share >= 0.8:
        return -0.6, values.said()
    return 0.1, values.said()


def words_in(values: Values) -> float:
    """The mean number of words in a column of names (3: one «ФИО» column; 1: a column of surnames)."""
    counts = [len(t.split()) for t in values.texts if t]
    return sum(counts) / len(counts) if counts else 0.0
