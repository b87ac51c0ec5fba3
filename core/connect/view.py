"""A staff tab read as the model's tab: the model's headers, the records only, each value from the staff's own
cell (a part of their «ФИО», a date of their «с … по …», a section's or the title's value), with the staff's
place and name of every column — what findings point at and forms are labelled with."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from core.records.cells import is_blank
from core.store.base import TabData
from core.store.counting import numbers_the_columns
from core.store.rows import is_footer_row
from sheets_schema import TAB_BY_NAME
from sheets_schema.base import normalize_header

from .composite import CODE, RANGE_PARTS, SECTION, TITLE, date_range, leading_code, time_range
from .lookup import Ways, way
from .mapping import PARTS, Link, TabMap, join_name, split_name
from .words import to_model

RAW = "§"  # a model tab's extra header for a shared staff cell as it stands («§ФИО»): what an update compares


def checkbox_columns(staff: TabData) -> set[str]:
    """The staff's columns holding booleans (checkboxes), by normalized header."""
    out = set()
    for i, header in enumerate(staff.headers):
        if header and any(i < len(row) and isinstance(row[i], bool) for row in staff.rows):
            out.add(normalize_header(header))
    return out


def number_columns(staff: TabData) -> set[str]:
    """The staff's columns whose filled cells are all whole numbers (their «№» 1, 2, 3), by normalized header."""
    out = set()
    for i, header in enumerate(staff.headers):
        cells = [row[i] for row in staff.rows if i < len(row) and not is_blank(row[i])]
        if header and cells and all(isinstance(v, int | float) and not isinstance(v, bool) and float(v).is_integer()
                                    for v in cells):
            out.add(normalize_header(header))
    return out


def by_column(mapped: TabMap) -> dict[str, list[Link]]:
    by_sheet: dict[str, list[Link]] = {}
    for link in mapped.links:
        if link.has_column:
            by_sheet.setdefault(link.sheet_header, []).append(link)
    return by_sheet


def kept_raw(links: Sequence[Link]) -> bool:
    """A staff cell the model reads otherwise than it stands (a part of it, a word of theirs for a model value): its
    text as it stands is kept beside the model's values, for an update to compare with what is there."""
    return any(lk.part or lk.words for lk in links)


def text_of(value: Any) -> str | None:
    return None if value is None else str(value)


def model_row(mapped: TabMap, headers: Sequence[str], raw: Sequence[Any], section: str | None = None,
              ways: Ways | None = None) -> dict[str, Any]:
    """One staff row (by their headers) as model header → value, with each shared cell as it stands under RAW;
    `ways` turn a name kept for another tab's key into the key (core.connect.lookup)."""
    index = {normalize_header(h): i for i, h in enumerate(headers) if h}

    def cell(link: Link) -> Any:
        i = index.get(normalize_header(link.sheet_header))
        return raw[i] if i is not None and i < len(raw) else None

    values: dict[str, Any] = {}
    for model_header in dict.fromkeys(lk.model_header for lk in mapped.links):
        links = mapped.links_of(model_header)
        if len(links) > 1 and all(lk.part in PARTS for lk in links):  # their Фамилия, Имя, Отчество → one «ФИО»
            by_part = {lk.part: text_of(cell(lk)) for lk in links}
            values[model_header] = join_name(by_part.get(p) for p in PARTS)
        else:
            values[model_header] = part_value(links[0], cell(links[0]), section, ways)
    for sheet_header, links in by_column(mapped).items():
        if kept_raw(links):
            values[RAW + sheet_header] = cell(links[0])
    return values


def part_value(link: Link, raw: Any, section: str | None, ways: Ways | None = None) -> Any:
    part = link.part
    if part is None:
        return to_model(link.words, raw)  # their «принята» is the model's «согласована» (core.connect.words)
    if way(part):
        return ways.key_of(part, raw) if ways is not None else raw
    if part in PARTS:
        return split_name(text_of(raw))[part]
    if part in RANGE_PARTS:
        pair = date_range(raw) or time_range(raw)  # never both: a time range has no year
        if pair is None:  # not a range: the start column shows it (and its reader says why it can't be read)
            return raw if part == "с" else None
        return pair[0] if part == "с" else pair[1]
    if part == CODE:
        return leading_code(raw) or raw
    if part == SECTION:
        return section
    return link.sheet_header  # TITLE: the value the title holds


def model_view(mapped: TabMap, staff: TabData, ways: Ways | None = None,
               shared: Mapping[tuple[int, int], Any] | None = None, cancelled: Collection[int] = ()) -> TabData:
    """The model tab inside a staff tab: model headers, the records only (no «Итого», no section rows, no rows of
    unticked boxes alone), each column's staff place and name, and where a mapped column that is gone had been.

    `shared`: (row, 0-based column) → the value of a block merged down the column that covers the cell
    (core.store.merged): each record under «Г-01» holds «Г-01»; the cell as it stands (empty) is kept under RAW, for
    an update to compare with what is there. `cancelled`: the rows staff struck through (core.connect.cancelled)."""
    if not staff.exists:
        return TabData(mapped.model_tab, [], [], [], exists=False, sheet=mapped.sheet)
    model = TAB_BY_NAME.get(mapped.model_tab)
    order = [c.header for c in model.columns] if model else [lk.model_header for lk in mapped.links]
    index = {normalize_header(h): i for i, h in enumerate(staff.headers) if h}
    headers: list[str] = []
    columns: list[int | None] = []
    labels: list[str] = []
    lost: dict[str, str] = {}
    for header in order:
        links = mapped.links_of(header)
        if not links:
            continue
        places = [index.get(normalize_header(lk.sheet_header)) if lk.has_column else -1 for lk in links]
        if any(p is None for p in places):
            gone = next(lk for lk, p in zip(links, places, strict=True) if p is None)
            lost[header] = f"{gone.letter}{mapped.header_row}"
            continue
        headers.append(header)
        columns.append(places[0] if places[0] != -1 else None)
        labels.append(_label(links))
    by_row: dict[int, dict[int, Any]] = {}
    for (row, column), value in (shared or {}).items():
        by_row.setdefault(row, {})[column] = value
    merged_columns = {column for cells in by_row.values() for column in cells}
    raw_header: dict[int, str] = {}  # a merged column's place → its RAW header
    for sheet_header, links in by_column(mapped).items():
        place = index.get(normalize_header(sheet_header))
        if place is not None and (kept_raw(links) or place in merged_columns):
            raw_header[place] = RAW + sheet_header
            headers.append(RAW + sheet_header)
            columns.append(place)
            labels.append(sheet_header)
    places_all = mapped_places(mapped, staff.headers)
    rows, numbers = [], []
    section = None
    for number, raw in zip(staff.row_numbers, staff.rows, strict=True):
        text = section_text(raw, places_all)
        if text is not None:
            section = text
            continue
        if not_a_record(raw, places_all) or number in cancelled:
            continue
        values = model_row(mapped, staff.headers, _with_shared(raw, by_row.get(number)), section, ways)
        for column, name in raw_header.items():
            # the cell as it stands: empty under a block's first one, the block's value in the first one itself
            if column in by_row.get(number, ()) or name not in values:
                values[name] = raw[column] if column < len(raw) else None
        rows.append([values.get(h) for h in headers])
        numbers.append(number)
    return TabData(mapped.model_tab, headers, rows, numbers, sheet=mapped.sheet, sheet_columns=columns,
                   labels=labels, lost=lost)


def _with_shared(raw: Sequence[Any], cells: Mapping[int, Any] | None) -> Sequence[Any]:
    if not cells:
        return raw
    out = list(raw) + [None] * (max(cells) + 1 - len(raw))
    for column, value in cells.items():
        out[column] = value
    return out


def _label(links: list[Link]) -> str:
    first = links[0]
    if len(links) > 1:
        return " + ".join(lk.sheet_header for lk in links)
    if first.part is None or way(first.part):
        return first.sheet_header
    if first.part == SECTION:
        return "строка раздела"
    if first.part == TITLE:
        return "шапка листа"
    return f"{first.sheet_header} ({first.part})"


def mapped_places(mapped: TabMap, headers: Sequence[str]) -> set[int]:
    index = {normalize_header(h): i for i, h in enumerate(headers) if h}
    return {index[normalize_header(lk.sheet_header)] for lk in mapped.links
            if lk.has_column and normalize_header(lk.sheet_header) in index}


def section_text(raw: Sequence[Any], mapped: set[int]) -> str | None:
    """A row with one text in it, among tabs of more than two mapped columns: a section («Кафедра физики»)."""
    filled = [i for i, v in enumerate(raw) if not is_blank(v) and v is not False]
    if len(filled) != 1 or len(mapped) <= 2:
        return None
    value = raw[filled[0]]
    if not isinstance(value, str) or is_footer_row(raw) or re.fullmatch(r"[\d\s.,]+", value):
        return None
    return value.strip()


def not_a_record(raw: Sequence[Any], mapped: set[int]) -> bool:
    """«Итого», the signature block, a row of the columns' own numbers, or a row whose mapped cells are empty or only
    unticked boxes."""
    filled = [i for i, v in enumerate(raw) if not is_blank(v) and v is not False]
    return not filled or not any(i in mapped for i in filled) or numbers_the_columns(raw) or is_footer_row(raw)
