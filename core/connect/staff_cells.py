"""One staff cell from the model's values (the other way from core.connect.view), what the app never changes in
their cells, and how the store under the mapping reads their columns (a frame: header row, kinds)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.store.base import Frame
from sheets_schema import TAB_BY_NAME
from sheets_schema.base import normalize_header

from .composite import CODE, RANGE_PARTS, SECTION, TITLE, range_text
from .layout import is_bare_number
from .lookup import way
from .mapping import PARTS, Link, TabMap, join_name, split_name
from .view import text_of

SKIP = object()


def staff_cell(links: list[Link], given: Mapping[str, Any]) -> Any:
    """One staff cell's value from the model values of the links that share it."""
    def value(link: Link) -> Any:
        return given.get(normalize_header(link.model_header))

    first = links[0]
    if len(links) == 1 and (first.part is None or way(first.part)):
        return value(first)  # through another tab: the key here, its name for their cell in _staff_values
    if first.part in PARTS and all(lk.model_header == first.model_header for lk in links):
        return split_name(text_of(value(first)))[first.part]  # their «Фамилия» of the model's «ФИО»
    if all(lk.part in PARTS for lk in links):
        parts = {lk.part: text_of(value(lk)) for lk in links}
        return join_name(parts.get(p) for p in PARTS)
    if all(lk.part in RANGE_PARTS for lk in links):
        parts = {lk.part: value(lk) for lk in links}
        return range_text(parts.get("с"), parts.get("по"))
    return value(first) if first.part == CODE else SKIP  # a code: its name is put beside it (code_names)


def read_only_said(mapped: TabMap, link: Link) -> str:
    where = {CODE: f"в столбце «{link.sheet_header}» код записан вместе с названием",
             SECTION: "это значение записано один раз в строке раздела над записями",
             TITLE: "это значение записано один раз в шапке листа"}[link.part]
    return (f"«{link.model_header}» на листе «{mapped.sheet}» приложение не меняет: {where}. Ничего не записано: "
            "измените его в таблице сами.")


def frame_of(mapped: TabMap) -> Frame:
    model = TAB_BY_NAME.get(mapped.model_tab)
    kinds: dict[str, type] = {}
    if model is not None:
        by_header = {normalize_header(c.header): c.kind for c in model.columns}
        for link in mapped.links:
            kind = by_header.get(normalize_header(link.model_header))
            kinds[normalize_header(link.sheet_header)] = str if link.part or kind is None else kind
    for header, _ in mapped.staff_only:
        kinds.setdefault(normalize_header(header), str)
    counter = next((normalize_header(h) for h, _ in mapped.staff_only if is_bare_number(h)), "")
    return Frame(mapped.header_row, mapped.depth, kinds, totals_below=True, counter=counter)

