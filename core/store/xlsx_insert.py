"""New records above the staff's «Итого»: the rows from the total down move down as Excel's «Вставить строки» moves
them, and the total's sums widen over the new rows.

What moves with the rows: their cells' references, their formulas (a reference to a moved row follows it; a range
that ended on the last record now ends on the last new one — «=СУММ(F5:F20)» becomes «=СУММ(F5:F21)»), merged cells,
conditional formats, validations, hyperlinks, the autofilter and defined names such as the print area (a range
across the insertion grows, as in Excel).
Formulas above the total that point below it follow too. Whatever would need the rest of the workbook rewritten — a
formula on another sheet pointing at the moved rows, a table, a shared or array formula among the
moved rows, a merged block across the insertion — is refused before anything is written, in Russian, by the caller.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from openpyxl.formula.tokenizer import Token, Tokenizer

from core.platform.errors import StoreError

from . import xlsx_read
from .base import Frame
from .placing import placement_of
from .rows import is_footer_row, is_total_row
from .xlsx_filled import prepared_rows
from .xlsx_package import Package, UnsupportedLayout, attrs
from .xlsx_parts import Plan
from .xlsx_sheet import Sheet

_CELL = re.compile(r"^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$")
_ROWS = re.compile(r"^(\$?)(\d+)$")
_RANGED = ("mergeCell", "conditionalFormatting", "dataValidation", "hyperlink", "autoFilter", "selection")


def records_start(package: Package, plan: Plan, sheet: Sheet, path: Path, name: str, frame: Frame,
                  laid: list[list[Any]]) -> int | None:
    """Where the new records `laid` (by the tab's header) of a staff tab start when not simply below the last row:
    where a write placed them (under their section), or above the «Итого» — the rows from there moved down for them,
    unless staff prepared rows there for them."""
    count = len(laid)
    placement = placement_of(name)
    if placement is None or placement.row is None:
        return above_totals(package, plan, sheet, path, name, frame, laid)
    # the record it goes under found again in the file as it is now, under the write's lock: another session's rows
    # inserted above since the placement was read have moved it
    at = placement.under_in(name, xlsx_read.grid(xlsx_read.open_book(path), path, name)) + 1
    _move(package, plan, sheet, name, at, count, "над записями раздела ниже")
    return at


def _move(package: Package, plan: Plan, sheet: Sheet, name: str, at: int, count: int, what: str) -> None:
    elsewhere = references_elsewhere(package, name, at)
    if elsewhere:
        raise StoreError(f"Новая запись встаёт внутри листа «{name}» (строка {at}, {what}), и "
                         f"строки под ней пришлось бы сдвинуть, а на них ссылается {elsewhere}: та формула указала "
                         "бы не на ту ячейку. Ничего не записано: вставьте пустую строку сами (Excel поправит "
                         "ссылки) и повторите.")
    try:
        insert_rows(sheet, name, at, count)
    except UnsupportedLayout as exc:
        raise StoreError(f"Новая запись встаёт внутри листа «{name}» (строка {at}), но сдвинуть строки под ней "
                         f"приложение не может ({_said(exc)}). Ничего не записано: вставьте пустую строку сами и "
                         "повторите.") from None
    workbook = package.text(package.workbook)
    names = moved_names(workbook, name, at, count)
    if names != workbook:
        plan.parts[package.workbook] = names.encode("utf-8")
    plan.moved = True


def above_totals(package: Package, plan: Plan, sheet: Sheet, path: Path, name: str, frame: Frame,
                 laid: list[list[Any]]) -> int | None:
    """The first row of the new records `laid` on a staff sheet with an «Итого» under its records, rows moved and the
    workbook's names following them in `plan`; None when no total is there (new rows go below the last one)."""
    grid = xlsx_read.grid(xlsx_read.open_book(path), path, name)
    return place_above_totals(package, plan, sheet, name, grid, frame.header_row, laid)[0]


def place_above_totals(package: Package, plan: Plan, sheet: Sheet, name: str, grid: list[list], header_row: int,
                       laid: list[list[Any]]) -> tuple[int | None, bool]:
    """Where the new records `laid` go on a staff sheet whose records end above an «Итого» or a signature block (None:
    neither is there), and whether rows had to move for them.

    Rows staff prepared for them above the total (the records' formulas filled down, nothing typed:
    xlsx_filled.prepared_rows), or empty rows left there, take them as they are; otherwise rows are inserted under the last record
    (insert_rows) — the total, the blank rows above it and what is below move down — and the workbook's names follow
    (the package's workbook part is replaced in `package`'s plan by the caller through the returned row and
    `moved_names`). Above a signature block alone the empty rows are its space: they move down with it."""
    filled = [i + 1 for i, row in enumerate(grid) if any(v not in ("", None) for v in row)]
    if not filled or filled[-1] <= header_row:
        return None, False
    total = None
    for number in reversed(filled):
        if number <= header_row or not is_footer_row(grid[number - 1]):
            break
        total = number
    if total is None:
        return None, False
    count = len(laid)
    prepared = prepared_rows(sheet, header_row, laid, above=total)  # their formulas' results are in `grid`
    if prepared is not None:
        return prepared, False
    records_end = max([n for n in filled if n < total] + [header_row])
    signed_only = not any(is_total_row(grid[n - 1]) for n in filled if n >= total)
    if not signed_only and total - records_end - 1 >= count:
        return records_end + 1, False  # the blank rows staff keep above their total to fill
    # under the last record: the blank rows above the footer (a signature's space) move down with it, as they stand
    at = records_end + 1
    _move(package, plan, sheet, name, at, count, "над подписями под реестром" if signed_only else "над строкой «Итого»")
    return at, True


def _said(exc: UnsupportedLayout) -> str:
    text = str(exc)
    for english, russian in (("a table", "на листе «умная» таблица"), ("shared or array", "под ней формулы массива "
                             "или общие формулы"), ("merged cells", "объединённые ячейки пересекают место вставки"),
                             ("rows without numbers", "строки без номеров"), ("a formula we can't read",
                             "формула, которую приложение не разбирает")):
        if english in text:
            return russian
    return text


def insert_rows(sheet: Sheet, name: str, at: int, count: int) -> None:
    """Move rows `at`… of `sheet` (named `name`) down by `count`, leaving `at`…`at + count - 1` free for new rows."""
    rows = sheet.rows()
    moving = [r for r in rows if r.number >= at]
    if any(not r.explicit for r in moving):
        raise UnsupportedLayout("rows without numbers below the insertion")
    p = re.escape(sheet.p)
    if re.search(rf"<{p}tableParts?\b", sheet.xml):
        raise UnsupportedLayout("a table on the sheet")
    pieces, cursor = [], 0
    for row in rows:
        moved = row.number >= at
        text = sheet.xml[row.start:row.end]
        if moved and re.search(rf'<{p}f\b[^>]*\bt="(?:shared|array|dataTable)"', text):
            raise UnsupportedLayout("a shared or array formula below the insertion")
        new = _moved_row(text, sheet.p, name, at, count) if moved else _formulas(text, sheet.p, name, at, count, False)
        if new != text:
            pieces += [sheet.xml[cursor:row.start], new]
            cursor = row.end
    xml = "".join(pieces) + sheet.xml[cursor:]
    sheet.xml = _ranges(xml, sheet.p, at, count)


def moved_names(workbook_xml: str, name: str, at: int, count: int) -> str:
    """workbook.xml with its defined names over sheet `name` following the moved rows: a print area over the records
    and the total grows by the new rows, as Excel grows it (names over whole columns — the column marks — stay)."""
    def one(m: re.Match) -> str:
        formula = _unescape(m[2])
        moved = shift_formula(formula, name, at, count, False)
        return m[0] if moved == formula else f"{m[1]}{_escape(moved)}{m[3]}"

    return re.sub(r"(<(?:[\w.-]+:)?definedName\b[^>]*>)(.*?)(</(?:[\w.-]+:)?definedName>)", one, workbook_xml,
                  flags=re.S)


def _moved_row(text: str, p: str, name: str, at: int, count: int) -> str:
    opening = re.match(rf'<{re.escape(p)}row\b[^>]*?/?>', text)
    number = int(attrs(opening[0])["r"])
    text = text[:opening.start()] + re.sub(r'\sr="\d+"', f' r="{number + count}"', opening[0], count=1) + \
        text[opening.end():]

    def cell_ref(m: re.Match) -> str:
        return f'{m[1]}r="{m[2]}{int(m[3]) + count}"'

    text = re.sub(rf'(<{re.escape(p)}c\b[^>]*?\s)r="([A-Z]{{1,3}})(\d+)"', cell_ref, text)
    return _formulas(text, p, name, at, count, True)


def _formulas(text: str, p: str, name: str, at: int, count: int, widen: bool) -> str:
    """Each formula cell of a row with its references moved; its saved result dropped when the formula changed or the
    row moved (a total over the new rows is another number now: the office computes it on opening — a result kept
    here would show the old total, as LibreOffice did on its own file)."""
    q = re.escape(p)

    def cell(m: re.Match) -> str:
        xml = m[0]
        f = re.search(rf"(<{q}f\b[^>]*>)(.*?)(</{q}f>)", xml, re.S)
        if f is None:
            return xml
        formula = _unescape(f[2])
        moved = shift_formula(formula, name, at, count, widen)
        if moved != formula:
            xml = xml[:f.start()] + f"{f[1]}{_escape(moved)}{f[3]}" + xml[f.end():]
        if moved == formula and not widen:
            return xml
        xml = re.sub(rf"<{q}v\b[^>]*?(?:/>|>.*?</{q}v>)", "", xml, count=1, flags=re.S)
        head, rest = xml.split(">", 1)
        return re.sub(r'\st="(?:str|e|b|n)"', "", head, count=1) + ">" + rest

    return re.sub(rf"<{q}c\b[^>]*?(?:/>|>.*?</{q}c>)", cell, text, flags=re.S)


def shift_formula(formula: str, name: str, at: int, count: int, widen: bool) -> str:
    """The formula with its references to rows `at`… of sheet `name` moved down by `count`; `widen`: a range that
    ended just above `at` now ends on the last inserted row (the total's sum takes the new records in)."""
    try:
        items = Tokenizer("=" + formula).items
    except Exception as exc:  # the text is not a formula we can follow: don't guess at its references
        raise UnsupportedLayout(f"a formula we can't read below the insertion: {exc}") from None
    out = []
    for token in items:
        if token.type == Token.OPERAND and token.subtype == Token.RANGE:
            out.append(_moved_reference(token.value, name, at, count, widen))
        else:
            out.append(token.value)
    return "".join(out)


def _moved_reference(value: str, name: str, at: int, count: int, widen: bool) -> str:
    where, bang, ref = value.rpartition("!")
    if bang and where.strip("'").replace("''", "'").casefold() != name.casefold():
        return value  # another sheet's cells: they don't move
    if "[" in ref or not re.fullmatch(r"[$A-Za-z0-9:]+", ref):
        return value  # a name or a table's column: names are checked by the caller
    ends = ref.split(":")
    if len(ends) > 2 or not all(_CELL.match(e) or _ROWS.match(e) or re.fullmatch(r"\$?[A-Za-z]{1,3}", e)
                                for e in ends):
        return value
    rows = [_row_of(e) for e in ends]
    moved = [_with_row(e, r + count) if r is not None and r >= at else e for e, r in zip(ends, rows, strict=True)]
    if widen and len(ends) == 2 and None not in rows and rows[0] < at and rows[1] == at - 1:
        moved[1] = _with_row(ends[1], at - 1 + count)
    return f"{where}{bang}{':'.join(moved)}"


def _row_of(end: str) -> int | None:
    m = _CELL.match(end) or _ROWS.match(end)
    return int(m.groups()[-1]) if m else None


def _with_row(end: str, row: int) -> str:
    if m := _CELL.match(end):
        return f"{m[1]}{m[2]}{m[3]}{row}"
    m = _ROWS.match(end)
    return f"{m[1]}{row}"


def _ranges(xml: str, p: str, at: int, count: int) -> str:
    """Merged cells, conditional formats, validations, hyperlinks, the autofilter and the selection, moved or grown;
    the sheet's dimension grown."""
    q = re.escape(p)

    def element(m: re.Match) -> str:
        tag = m[0]
        for attr in ("ref", "sqref", "activeCell"):
            a = re.search(rf'\s{attr}="([^"]*)"', tag)
            if a:
                merged = m[1] == "mergeCell"
                tag = tag[:a.start(1)] + " ".join(_moved_range(r, at, count, merged) for r in a[1].split()) + \
                    tag[a.end(1):]
        return tag

    names = "|".join(_RANGED)
    xml = re.sub(rf"<{q}({names})\b[^>]*>", element, xml)
    dimension = re.search(rf'<{q}dimension\b[^>]*\sref="([^"]*)"', xml)
    if dimension:
        grown = _moved_range(dimension[1], at, count, False)
        xml = xml[:dimension.start(1)] + grown + xml[dimension.end(1):]
    return xml


def _moved_range(ref: str, at: int, count: int, merged: bool) -> str:
    first, _, last = ref.partition(":")
    m1, m2 = _CELL.match(first), _CELL.match(last or first)
    if not m1 or not m2:
        return ref
    top, bottom = int(m1[4]), int(m2[4])
    if top >= at:
        top, bottom = top + count, bottom + count
    elif bottom >= at:
        if merged:
            raise UnsupportedLayout(f"merged cells {ref} across the insertion")
        bottom += count  # a range across the insertion grows over the new rows, as Excel grows it
    else:
        return ref
    a = f"{m1[1]}{m1[2]}{m1[3]}{top}"
    return a if not last else f"{a}:{m2[1]}{m2[2]}{m2[3]}{bottom}"


def references_elsewhere(package: Package, name: str, at: int) -> str | None:
    """The other sheet whose formula points at rows `at`… of sheet `name` — what moving them would leave pointing at
    the wrong cells, or with a total no longer recalculated — or None."""
    quoted = {name.casefold(), f"'{name}'".casefold(), f"'{name.replace(chr(39), chr(39) * 2)}'".casefold()}

    def points_here(formula: str) -> bool:
        try:
            items = Tokenizer("=" + _unescape(formula)).items
        except Exception:
            return name.casefold() in formula.casefold()
        for token in items:
            if token.type != Token.OPERAND or token.subtype != Token.RANGE or "!" not in token.value:
                continue
            where, _, ref = token.value.rpartition("!")
            if where.casefold() not in quoted:
                continue
            if any((r := _row_of(e)) is not None and r >= at for e in ref.split(":")):
                return True
        return False

    for other, part in package.sheets():
        if other == name or not package.has(part):
            continue
        text = _unescape(package.text(part))
        if name.casefold() not in text.casefold():
            continue
        for f in re.finditer(r"<(?:[\w.-]+:)?f\b[^>]*>(.*?)</(?:[\w.-]+:)?f>", text, re.S):
            if points_here(_escape(f[1])):
                return f"формула на листе «{other}»"
    return None


def _unescape(text: str) -> str:
    """XML text as written: named entities and numeric ones (openpyxl writes Cyrillic as &#1054;…)."""
    return html.unescape(text) if "&" in text else text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["insert_rows", "moved_names", "references_elsewhere", "shift_formula"]
