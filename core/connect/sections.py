"""Section rows of a staff tab («Кафедра педагогики» above its records): which section a new record belongs under,
and the row it goes to there — under the section's last record, the sections below moved down (xlsx_insert)."""

from __future__ import annotations

from core.platform.values import canonical
from core.store import TabData

from .mapping import TabMap
from .view import mapped_places, not_a_record, section_text


def blocks(mapped: TabMap, data: TabData) -> list[tuple[str, int]]:
    """Each section as (its text, the row number its block ends on: its last record, or the section row itself)."""
    where = mapped_places(mapped, data.headers)
    out: list[tuple[str, int]] = []
    for number, raw in zip(data.row_numbers, data.rows, strict=False):
        text = section_text(raw, where)
        if text is not None:
            out.append((text, number))
        elif out and not not_a_record(raw, where):
            out[-1] = (out[-1][0], number)
    return out


def last_section(mapped: TabMap, data: TabData) -> str | None:
    found = blocks(mapped, data)
    return found[-1][0] if found else None


def row_under(mapped: TabMap, data: TabData, section: object) -> int | None:
    """The row a new record of `section` goes to when that section is not the last one (None: it is the last, or
    there is no such section — the caller says so)."""
    found = blocks(mapped, data)
    wanted = canonical(section)
    for i, (text, end) in enumerate(found):
        if canonical(text) == wanted and i < len(found) - 1:
            return end + 1
    return None
