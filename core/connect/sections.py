"""Section rows of a staff tab («Кафедра педагогики» above its records): which section a new record belongs under,
and the row it goes to there — under the section's last record, the sections below moved down (xlsx_insert)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from core.platform.errors import StoreError
from core.platform.values import canonical
from core.store import Store, TabData
from core.store.placing import Placement
from core.store.rows import is_footer_row
from sheets_schema.base import normalize_header

from .composite import SECTION, TITLE
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


def placement(store: Store, mapped: TabMap, rows: Sequence[Mapping[str, Any]]) -> Placement | None:
    """Where new rows go when not below the last one: under their own section (a department) if it is not the
    last; a value kept once in the title must be that value; no row under «Итого» where the store can't move it."""
    data = store.fresh(mapped.sheet)
    if not store.moves_totals and data.rows and is_footer_row(data.rows[-1]):
        raise StoreError(
            f"На листе «{mapped.sheet}» под записями стоит строка «Итого» (строка {data.row_numbers[-1]}): новая "
            "запись встала бы под ней и не вошла бы в суммы. Ничего не записано: вставьте пустую строку над "
            "«Итого» и внесите запись туда вручную, или перенесите «Итого» выше записей.")
    at = None
    for link in (lk for lk in mapped.links if lk.part in (SECTION, TITLE)):
        expected = link.sheet_header if link.part == TITLE else last_section(mapped, data)
        values = {canonical(v): v for row in rows
                  if (v := {normalize_header(h): x for h, x in row.items()}.get(normalize_header(link.model_header)))
                  not in (None, "")}
        wrong = [v for c, v in values.items() if c != canonical(expected)]
        if not wrong:
            continue
        if link.part == SECTION and store.moves_sections and len(values) == 1:
            at = row_under(mapped, data, wrong[0])
            if at is not None:
                continue
        where = "в шапке листа" if link.part == TITLE else "в строке раздела над последними записями"
        raise StoreError(
            f"«{link.model_header}» на листе «{mapped.sheet}» записано один раз {where}: «{expected}». "
            f"Запись с «{wrong[0]}» встала бы не туда. Ничего не записано: внесите её в таблицу вручную, в "
            "нужный раздел.")
    if at is None:  # under the last record; a tab kept in sections still says so (core.store.placing)
        return Placement() if any(lk.part == SECTION for lk in mapped.links) else None
    after = next((tuple(raw) for number, raw in zip(data.row_numbers, data.rows, strict=False) if number == at - 1), ())
    return Placement(at, after)
