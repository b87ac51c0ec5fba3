"""Write cells into an .xlsx by rewriting only what has to change.

An .xlsx is a zip of XML parts. A write changes the written sheets' parts (only the written cells and
<dimension>), and where needed styles.xml (a date format), the tables the new rows extend, the stored
results of formulas that depend on the change, workbook.xml (recalculate on opening) and calcChain.xml
(dropped once a formula cell is overwritten). Every other part is copied as its stored bytes. What this
can't do exactly raises UnsupportedLayout, and the store refuses in Russian — never a lossy rewrite.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import xlsx_calc, xlsx_tables
from .xlsx_cells import Formula
from .xlsx_filled import footer_rows
from .xlsx_package import Package, UnsupportedLayout
from .xlsx_sheet import Cells, Sheet
from .xlsx_styles import styles_of

__all__ = ["Cells", "Plan", "UnsupportedLayout", "styles_part", "write_cells"]


@dataclass
class Plan:
    """One write: cells per sheet, the rows appended (tables grow over them), the columns the app reads."""

    cells: dict[str, Cells]
    appended: dict[str, list[int]] = field(default_factory=dict)
    keep: dict[str, Callable[[int], bool]] = field(default_factory=dict)
    sheets: dict[str, Sheet] = field(default_factory=dict)  # parts already parsed while planning, by part name
    tabs: dict[str, str] = field(default_factory=dict)  # sheet → the tab the store reads it as (its cache's key)
    parts: dict[str, bytes] = field(default_factory=dict)  # other parts replaced whole (names that followed moved rows)
    moved: bool = False  # rows moved down under new ones: what the store kept in memory is no longer where it was
    header_rows: dict[str, int] = field(default_factory=dict)  # sheet → its header row (appended rows' formats)


def styles_part(package: Package) -> str | None:
    return package.workbook_part("styles")


def write_cells(package: Package, target: Path, plan: Plan) -> dict[str, Sheet]:
    """Write the plan into `target`; returns each written sheet (by name) as it now is."""
    replaced: dict[str, bytes] = {}
    added: dict[str, bytes] = {}
    has_dates = any(isinstance(v, date) for cells in plan.cells.values() for row in cells.values()
                    for v in row.values())
    likes = {name: _record_above(package, plan, name) for name in plan.appended if name in plan.header_rows}
    inherits = any(likes.values())
    styles_name, styles, new_styles = styles_of(package, replaced) if has_dates or inherits else (None, None, False)
    if styles is not None:
        likes = {name: {col: styles.unstruck(style) for col, style in like.items()} for name, like in likes.items()}

    def style_for(value: Any, current: int | None, inherited: bool = False) -> int | None:
        if styles is None:
            return current
        if isinstance(value, date):
            return styles.date_style(current)
        if inherited and styles.is_date(current) and not isinstance(value, Formula):
            return None  # a number under the record above's date format would show as a date
        return current

    overwritten = False
    after: dict[str, Sheet] = {}
    for name, cells in plan.cells.items():
        part = package.sheet_part(name)
        if any(r.kind == "pivotTable" for r in package.rels(part)):
            raise UnsupportedLayout("pivot table")  # Excel and LibreOffice redraw it over anything written there
        sheet = plan.sheets.get(part) or Sheet(package.text(part), package.main_ns)
        written = sheet.write(cells, style_for, package.date1904, likes.get(name))
        after[name] = written
        replaced[part] = written.xml.encode("utf-8")
        overwritten = overwritten or written.formulas_overwritten
        xlsx_tables.extend(package, part, plan.appended.get(name, []), replaced)
    if styles is not None and styles.changed:
        (added if new_styles else replaced)[styles_name] = styles.xml.encode("utf-8")
    replaced.update(plan.parts)
    written = {name: {(r, c) for r, cols in cells.items() for c in cols} for name, cells in plan.cells.items()}
    keep = {name: _kept_results(package, Sheet(after[name].xml, package.main_ns), column)
            for name, column in plan.keep.items() if name in after}
    xlsx_calc.refresh(package, replaced, written, keep)
    removed = xlsx_calc.drop_calc_chain(package, replaced) if overwritten else set()
    package.write(target, replaced, added=added, removed=removed)
    return after


def _kept_results(package: Package, sheet: Sheet, column: Callable[[int], bool]) -> Callable[[int, int], bool]:
    """Which formula cells of a written sheet keep their stored result: the app's columns (the app reads them), but
    not a staff's «Итого» under the records — its sum takes in what was just written, and LibreOffice shows a stored
    result as it is. The footer is looked for only when such a cell is met."""
    footers = functools.cache(lambda: footer_rows(package, sheet))
    return lambda row, col: column(col) and row not in footers()


def _record_above(package: Package, plan: Plan, name: str) -> dict[int, int]:
    """The formats of the record right above the first appended row, as Excel's «Вставить строки» and a table growing
    under typing give them (borders, fills, number formats): a staff sheet's new record looks like the others. None
    when the row above is the header (or a title): a record never looks like a header."""
    first = min(plan.appended[name], default=0)
    if first - 1 <= plan.header_rows[name]:
        return {}
    part = package.sheet_part(name)
    sheet = plan.sheets.get(part) or Sheet(package.text(part), package.main_ns)
    plan.sheets[part] = sheet
    return sheet.row_styles(first - 1)
