"""Cell values compared as text: one spelling per value, whichever reader (a store, a form, a rule) read it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sheets_schema.base import normalize_header


class Tick:
    """A yes/no bound for a column of checkboxes (booleans in the cells): written as a boolean, not as «да»/«нет»,
    so the staff's boxes stay boxes."""

    __slots__ = ("state",)

    def __init__(self, state: bool) -> None:
        self.state = bool(state)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tick) and other.state == self.state

    def __hash__(self) -> int:
        return hash(("tick", self.state))

    def __repr__(self) -> str:
        return f"Tick({self.state})"


def canonical(value: Any) -> str:
    """One spelling per value, so the same cell read by two readers compares equal."""
    if value is None:
        return ""
    if isinstance(value, Tick):
        value = value.state
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        if value.time() == datetime.min.time():
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value).strip()


def same_key(value: Any) -> str:
    """A value as a key staff would call the same: a code, a name or a room typed in odd case, with «ё» or extra
    spaces is one key (the headers' rule, sheets_schema.base.normalize_header, over the cell's one spelling)."""
    return normalize_header(canonical(value))
