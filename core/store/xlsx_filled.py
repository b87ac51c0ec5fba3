"""Formulas staff filled down their records, continued into the rows the app adds to a workbook — as a Google Sheet
gets them (sheets_place.py pastes the record above's formulas): a «Сумма» of «=D9*E9» in every record gives the
new record «=D10*E10», a «№ п/п» of «=A8+1» gives «=A9+1». Only into the cells the app leaves empty, and only from
the record right above (never from the header); array formulas are not continued (Excel forbids writing part of
one)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from openpyxl.formula.translate import Translator

from core.platform.a1 import column_letter

from . import xlsx_read
from .counting import next_numbers
from .rows import is_blank_cell, is_footer_row, position_of
from .tab_data import Frame
from .xlsx_cells import Formula
from .xlsx_package import Package, attrs
from .xlsx_sheet import Cells, Sheet, xml_text


def record_formulas(sheet: Sheet, number: int) -> dict[int, tuple[str, str]]:
    """Column → (formula text, the cell it is written for) of each plain or shared formula in row `number`."""
    found = sheet.rows_at({number})
    row = found.get(number) if found is not None else next((r for r in sheet.rows() if r.number == number), None)
    if row is None:
        return {}
    p = re.escape(sheet.p)
    out = {}
    for col, xml in sheet.cells_of(row).items():
        tag = re.search(rf"<{p}f\b[^>]*?(/?)>(?:(.*?)</{p}f>)?", xml, re.S)
        if tag is None:
            continue
        kind = attrs(tag[0]).get("t", "normal")
        text = xml_text(tag[2] or "")
        ref = f"{column_letter(col)}{number}"
        if kind == "shared" and not text:
            master = _shared_master(sheet, attrs(tag[0]).get("si", ""))
            if master is None:
                continue
            text = _moved(master[0], master[1], ref) or ""
        if kind in ("normal", "shared") and text:
            out[col] = (text, ref)
    return out


def _shared_master(sheet: Sheet, si: str) -> tuple[str, str] | None:
    """The text of shared formula group `si` and the cell it is written in (the group's first cell)."""
    p = re.escape(sheet.p)
    m = re.search(rf'<{p}c\b([^>]*)>(?:(?!</{p}c>).)*?<{p}f\b[^>]*\bsi="{re.escape(si)}"[^>]*>([^<]+)</{p}f>',
                  sheet.xml, re.S)
    ref = attrs(f"<c {m[1]}>").get("r") if m else None
    return (xml_text(m[2]), ref) if m and ref else None


def _moved(text: str, origin: str, to: str) -> str | None:
    """The formula written for `origin` as it reads in cell `to`; None when it can't be read (then not continued)."""
    try:
        return Translator("=" + text, origin=origin).translate_formula(to)[1:]
    except Exception:  # noqa: BLE001 - openpyxl's tokenizer fails on formulas it can't read: leave the cell empty
        return None


def continue_formulas(package: Package, sheet: Sheet, cells: Cells, above: int) -> None:
    """The formulas of record `above` continued into each new row of `cells` (rows `above`+1 …) where its cell is
    empty — not those of an «Итого» or a signature row there (a tab of the app's own, where staff typed a total
    under the records, gets new rows under it): its sums are no record's formulas."""
    formulas = record_formulas(sheet, above)
    if not formulas or is_footer_row(xlsx_read.decode_rows(package, sheet, {above}).get(above, [])):
        return
    for number, values in cells.items():
        prepared = record_formulas(sheet, number)  # a row staff filled down below the records keeps its own
        for col, (text, origin) in formulas.items():
            if values.get(col) in (None, "") and col not in prepared:
                moved = _moved(text, origin, f"{column_letter(col)}{number}")
                if moved:
                    values[col] = Formula(moved)


def prepared_rows(sheet: Sheet, header_row: int, rows: list[list[Any]], above: int | None = None) -> int | None:
    """The first row of the ones staff prepared under their last record for the next ones — the record's formulas
    filled down, nothing typed — when the new `rows` (laid out by the header) fit into them: the records go there, as
    a person types into them (a Google Sheet's store puts them right under the last record too). None when there are
    none, or a formula there is not the record's own (a total «=SUM(A4:A5)»), or a new row's value would go over one.
    `above`: the staff's «Итого» row — the prepared rows are the ones above it, and all the new rows must fit there."""
    end = sheet.last_row() if above is None else above - 1
    last = sheet.last_record_row(above)
    if last <= header_row or last >= end or (above is not None and last + len(rows) > end):
        return None
    record = record_formulas(sheet, last)
    written = {c for row in rows for c, v in enumerate(row, 1) if v is not None}
    for number in range(last + 1, min(last + len(rows), end) + 1):
        found = record_formulas(sheet, number)
        if not (found or _boxes_only(sheet, number)) or written & set(found) or any(
                col not in record or _moved(*record[col], f"{column_letter(col)}{number}") != text
                for col, (text, _) in found.items()):
            return None
    return last + 1


def _boxes_only(sheet: Sheet, number: int) -> bool:
    """Whether row `number` holds unticked boxes and nothing else (checkboxes staff filled down)."""
    found = sheet.rows_at({number})
    cells = sheet.cells_of(found[number]).values() if found else []
    marks = [xml for xml in cells if re.search(rf"<{re.escape(sheet.p)}(?:v|t|f)\b", xml)]
    return bool(marks) and all('t="b"' in xml.split(">", 1)[0] for xml in marks)


def complete_new_rows(package: Package, path: Path, name: str, sheet: Sheet, cells: Cells, frame: Frame,
                      headers: list[str]) -> None:
    """The new rows of `cells` given what staff fill into every record themselves: the record above's formulas,
    continued, and the next running number («№ п/п», counting.py) where they type it."""
    below = min(cells)
    if below - 1 > frame.header_row:
        continue_formulas(package, sheet, cells, below - 1)
    index = position_of(headers).get(frame.counter) if frame.counter else None
    if index is None or any(values.get(index + 1) not in (None, "") for values in cells.values()) or \
            any(index + 1 in record_formulas(sheet, number) for number in cells):  # staff's formula gives it
        return
    grid = xlsx_read.grid(xlsx_read.open_book(path), path, name)  # as the file is: the rows not yet moved
    numbers = next_numbers(grid[frame.header_row:below - 1], grid[below - 1:], index, len(cells))
    for number, value in zip(sorted(cells), numbers or [], strict=False):
        cells[number][index + 1] = value


def footer_rows(package: Package, sheet: Sheet) -> set[int]:
    """The rows at the bottom of a staff sheet that are no records: «Итого», the signatures (blank rows between them
    skipped). Looked for among the last 20 rows: a footer is a few rows, and an update reads no more of the sheet."""
    last = sheet.last_row()
    rows = xlsx_read.decode_rows(package, sheet, set(range(max(1, last - 19), last + 1)))
    found: set[int] = set()
    for number in range(last, max(0, last - 20), -1):
        values = rows.get(number, [])
        if all(is_blank_cell(v) for v in values):
            continue
        if not is_footer_row(values):
            break
        found.add(number)
    return found
