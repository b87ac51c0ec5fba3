"""Times of day as staff type them («10:00», «10.00», «9:30:00») or as a sheet stores them (a fraction of a day)."""

from __future__ import annotations

import re
from datetime import time
from decimal import Decimal, InvalidOperation

_HM = re.compile(r"^(\d{1,2})[:.\-ч ]\s*(\d{2})(?::\d{2})?\s*(?:мин\.?)?$")
_FULL = re.compile(r"^\d{4}-\d{2}-\d{2}[ T](\d{1,2}):(\d{2})(?::\d{2})?$")  # a time cell read with its 1899 date


def clock(text: object) -> time | None:
    """The time of day in `text`, or None when it is not one (the rules name the cell)."""
    if isinstance(text, time):
        return text
    raw = str(text or "").strip().casefold()
    if not raw:
        return None
    if match := _HM.match(raw) or _FULL.match(raw):
        hours, minutes = int(match[1]), int(match[2])
        return time(hours, minutes) if hours < 24 and minutes < 60 else None
    if raw.isdigit() and len(raw) <= 2 and int(raw) < 24:
        return time(int(raw))
    try:  # Google Sheets' UNFORMATTED value of a time: a fraction of a day
        fraction = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return None
    if not 0 <= fraction < 1:
        return None
    minutes = int((fraction * 1440).to_integral_value())
    return time(minutes // 60, minutes % 60) if minutes < 1440 else None


def minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def hhmm(moment: time | None) -> str:
    return "" if moment is None else f"{moment.hour:02d}:{moment.minute:02d}"
