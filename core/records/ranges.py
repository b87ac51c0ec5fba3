"""What a number column can hold: hours, listeners, amounts and rates above zero, money in roubles and kopecks.

The same words in a form (under the field), in `edudesk add` and in the sheet's check (GEN-NUMBER)."""

from __future__ import annotations

from decimal import Decimal

from sheets_schema.base import Column


def out_of_range(column: Column, header: str, value) -> str | None:
    """Why `value` can't be in `column` (named `header`, as the sheet names it), or None when it can."""
    if not isinstance(value, int | Decimal) or isinstance(value, bool):
        return None
    shown = format(value, "f").replace(".", ",").replace("-", "−")
    if column.positive and value <= 0:
        return f"«{header}» = {shown}: здесь может быть только число больше нуля."
    if column.nonnegative and value < 0:
        return f"«{header}» = {shown}: здесь не может быть отрицательного числа."
    if column.money and Decimal(value) != Decimal(value).quantize(Decimal("0.01")):
        return f"«{header}» = {shown}: сумма в рублях — не больше двух знаков после запятой (копейки)."
    return None
