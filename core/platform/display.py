"""Values as Russian staff read them on screen: «1 234,5», «80 %», «3 заявки» — never «1234.50» or «None»."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Any

from core.platform.money import plural, rub

__all__ = ["count", "percent", "ru_number", "shown", "plural"]


def ru_number(value: Any) -> str:
    """12 → «12», 72.50 → «72,5», 300000000 → «300 000 000» (numbers of five digits and more are grouped)."""
    if value is None:
        return ""
    amount = rub(value)
    text = str(int(amount)) if amount == amount.to_integral_value() else format(amount.normalize(), "f")
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    if len(whole) > 4:
        groups = []
        while whole:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = "\u00a0".join(groups)
    return sign + whole + ("," + fraction if fraction else "")


def percent(value: Any, digits: int = 1) -> str:
    """90.0 → «90 %», 71.25 → «71,3 %» (a narrow space before the sign, as Russian typesetting has it)."""
    rounded = rub(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return f"{ru_number(rounded)}\u00a0%"


def count(n: int, one: str, few: str, many: str) -> str:
    """«1 заявка», «3 заявки», «25 заявок»."""
    return f"{n} {plural(n, one, few, many)}"


def shown(value: Any) -> Any:
    """A table cell as it should reach the screen: numbers as Russian text, nothing for a missing value."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, int | float | Decimal):
        return ru_number(value)
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    return value
