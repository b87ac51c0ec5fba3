"""Rubles as Decimal: rounding to kopecks, «1 234 567,89 ₽», and amounts in words for orders."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from num2words import num2words

KOPECK = Decimal("0.01")


def rub(value: Any) -> Decimal:
    """A Decimal amount; floats go through their shortest repr so 0.1 stays 0.1."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def kopecks(value: Any) -> Decimal:
    """Rounded to kopecks, half up — the way documents show money."""
    return rub(value).quantize(KOPECK, rounding=ROUND_HALF_UP)


def format_rub(value: Any, sign: bool = True) -> str:
    """1234567.891 → «1 234 567,89 ₽» (narrow no-break space between thousands)."""
    amount = kopecks(value)
    whole, _, fraction = f"{abs(amount):,.2f}".partition(".")
    text = ("-" if amount < 0 else "") + whole.replace(",", "\u00a0") + "," + fraction
    return f"{text}\u00a0₽" if sign else text


def number(value: Any) -> str:
    """8.0 → «8», 7.5 → «7,5»: quantities as documents write them."""
    text = format(rub(value).normalize(), "f") if value is not None else ""
    return text.replace(".", ",")


def plural(n: int, one: str, few: str, many: str) -> str:
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def in_words(value: Any) -> str:
    """«один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь рублей 89 копеек»."""
    amount = kopecks(value)
    if amount < 0:
        return "минус " + in_words(-amount)
    rubles = int(amount)
    cents = int((amount - rubles) * 100)
    words = num2words(rubles, lang="ru")
    return f"{words} {plural(rubles, 'рубль', 'рубля', 'рублей')} {cents:02d} {plural(cents, 'копейка', 'копейки', 'копеек')}"


def split_exact(total: Decimal, parts: list[Decimal]) -> list[Decimal]:
    """Amounts in kopecks proportional to `parts` that add up to `total` exactly (largest remainders)."""
    total = kopecks(total)
    weight = sum(parts)
    if weight == 0:
        return [Decimal("0.00")] * len(parts)
    raw = [total * p / weight for p in parts]
    floors = [r.quantize(KOPECK, rounding="ROUND_FLOOR") for r in raw]
    left = int((total - sum(floors)) / KOPECK)
    order = sorted(range(len(parts)), key=lambda i: raw[i] - floors[i], reverse=True)
    for i in order[:left]:
        floors[i] += KOPECK
    return floors
