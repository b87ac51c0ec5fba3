"""A workbook's drop-down lists, read from its sheets' XML (python-calamine reads values, not validation rules).

Excel keeps a rule as `<dataValidation type="list" sqref="L6:L500"><formula1>…</formula1>`; a list on another
sheet, as Excel 2010 writes it, as `<x14:dataValidation type="list"><x14:formula1><xm:f>Справочники!$A$2:$A$9
</xm:f></x14:formula1><xm:sqref>L6:L500</xm:sqref>` in the sheet's extension list. Both are read; the formula is
the words themselves, a range, or a defined name leading to a range (core.store.lists).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Mapping, Sequence
from html import unescape
from pathlib import Path
from typing import Any

from . import xlsx_read
from .lists import DropDowns, cell_range, in_force, literal_words, name_of, words_of
from .xlsx_package import Package, UnsupportedLayout, attrs

_RULE = re.compile(r"<((?:[\w.-]+:)?)dataValidation\b([^>]*?)(?:/>|>(.*?)</\1dataValidation>)", re.S)
_FORMULA = re.compile(r"<(?:[\w.-]+:)?formula1\b[^>]*>(.*?)</(?:[\w.-]+:)?formula1>", re.S)
_ITEMS = re.compile(r"<(?:[\w.-]+:)?list\b[^>]*>(.*?)</(?:[\w.-]+:)?list>", re.S)
_SQREF = re.compile(r"<(?:[\w.-]+:)?sqref\b[^>]*>(.*?)</(?:[\w.-]+:)?sqref>", re.S)
_DEFINED = re.compile(r"<(?:[\w.-]+:)?definedName\b([^>]*?)>(.*?)</(?:[\w.-]+:)?definedName>", re.S)

def book_drop_downs(path: Path, tabs: Sequence[str]) -> dict[str, DropDowns]:
    """The lists of these tabs of the workbook at `path` (a tab not in the book has none)."""
    book = xlsx_read.open_book(path)
    actual = {t: xlsx_read.actual_name(book.sheet_names, t) for t in tabs}
    grids: dict[str, list[list[Any]]] = {}

    def grid_of(sheet: str) -> list[list[Any]] | None:
        if sheet not in grids and sheet in book.sheet_names:
            grids[sheet] = xlsx_read.grid(book, path, sheet)
        return grids.get(sheet)

    try:
        package = Package.open(path)
    except UnsupportedLayout:
        return {}  # a file read only through calamine (no parts we know): no lists to offer
    try:
        return drop_downs(package, {t: a for t, a in actual.items() if a}, grid_of)
    finally:
        package.close()


Grid = Callable[[str], Sequence[Sequence[Any]] | None]  # a sheet's cells from A1 by its name (None: no such sheet)


def drop_downs(package: Package, sheets: Mapping[str, str], grid_of: Grid) -> dict[str, DropDowns]:
    """Tab → 0-based column → the words of the lists staff gave its cells. `sheets`: tab → its sheet's name."""
    parts = dict(package.sheets())
    names = _defined_names(package)
    order = [name for name, _part in package.sheets()]
    out: dict[str, DropDowns] = {}
    for tab, sheet in sheets.items():
        part = parts.get(sheet)
        if part is None or not package.has(part):
            continue
        rules = [(sqref, items or _words(formula, sheet, order.index(sheet), names, grid_of))
                 for sqref, formula, items in _list_rules(package.text(part))]
        found = in_force(rules)
        if found:
            out[tab] = found
    return out


def _list_rules(xml: str) -> list[tuple[str, str, list[str]]]:
    """(sqref, formula1, the words when Excel lists them itself) of each rule of type «list» on the sheet."""
    out = []
    for m in _RULE.finditer(xml):
        a = attrs(f"<x {m[2]}>")
        if a.get("type") != "list" or not m[3]:
            continue
        sqref = a.get("sqref") or (lambda s: s[1] if s else "")(_SQREF.search(m[3]))
        items = _ITEMS.search(m[3])  # Excel's own list, where a word holds a comma (its fallback splits it)
        formula = _FORMULA.search(m[3])
        if items:
            out.append((unescape(sqref), "", _items(unescape(items[1]))))
        elif formula:
            out.append((unescape(sqref), unescape(re.sub(r"<[^>]+>", "", formula[1])), []))
    return out


def _items(text: str) -> list[str]:
    """Excel 2013's `<x12ac:list>1,"2,3",4</x12ac:list>` → «1», «2,3», «4» (its fallback formula splits «2,3»)."""
    return words_of(next(csv.reader([text], skipinitialspace=True), []))


def _defined_names(package: Package) -> dict[tuple[str, int | None], str]:
    """(name folded, the sheet it is local to or None) → what it stands for."""
    out = {}
    for m in _DEFINED.finditer(package.text(package.workbook)):
        a = attrs(f"<x {m[1]}>")
        local = a.get("localSheetId")
        if "name" in a:
            out[(a["name"].casefold(), int(local) if local and local.isdigit() else None)] = unescape(m[2])
    return out


def _words(formula: str, sheet: str, index: int, names: Mapping[tuple[str, int | None], str], grid_of: Grid
           ) -> list[str]:
    listed = literal_words(formula)
    if listed:
        return listed
    name = name_of(formula)
    if name is not None:  # the sheet's own name first, as Excel resolves it
        formula = names.get((name.casefold(), index)) or names.get((name.casefold(), None)) or ""
    block = cell_range(formula)
    if block is None:
        return []
    grid = grid_of(block.sheet or sheet)
    return words_of(block.cells_of(grid)) if grid else []
