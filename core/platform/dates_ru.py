"""Dates as Russian documents write them."""

from __future__ import annotations

from datetime import date

MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                   "октября", "ноября", "декабря")
MONTHS_NOMINATIVE = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
                     "октябрь", "ноябрь", "декабрь")


def long_date(day: date) -> str:
    """«28» декабря 2022 г."""
    return f"«{day.day:02d}» {MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def short_date(day: date | None) -> str:
    """28.12.2022, or an empty string."""
    return day.strftime("%d.%m.%Y") if day else ""


def period(start: date | None, end: date | None) -> str:
    """с 01.02.2026 по 05.02.2026"""
    if start and end:
        return f"с {short_date(start)} по {short_date(end)}"
    return short_date(start or end)


def initials(full_name: str | None) -> str:
    """«Смирнова Елена Викторовна» → «Е.В. Смирнова», as signatures are written."""
    parts = (full_name or "").split()
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return "".join(f"{p[0]}." for p in parts[1:3]) + " " + parts[0]
