"""A sheet's header row and one column's values, read from the workbook for a write (XlsxStore): where the header
is (its frame: row 1 of the app's own tabs, lower on a staff tab) decides how."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sheets_schema.base import normalize_header

from . import xlsx_read
from .tab_data import Frame
from .typed import headers_of
from .xlsx_package import Package


def sheet_headers(package: Package, part: str, path: Path, sheet: str, frame: Frame) -> list[str]:
    """The header row as the page reads it: from the XML when it is all text (fast), else through calamine."""
    headers = xlsx_read.header_row(package, part) if frame.header_row == 1 else None
    if headers is None:
        grid = xlsx_read.grid(xlsx_read.open_book(path), path, sheet)
        headers = headers_of(grid[frame.top - 1:frame.header_row])
    return headers


def column_values(path: Path, sheet: str, header: str, frame: Frame) -> list[Any]:
    """The values of one column, read fresh under the write lock (for numbers handed out now)."""
    number = frame.header_row
    grid = xlsx_read.grid(xlsx_read.open_book(path), path, sheet)
    headers = headers_of(grid[frame.top - 1:number])
    index = {normalize_header(h): i for i, h in enumerate(headers)}.get(normalize_header(header))
    return [] if index is None else [row[index] for row in grid[number:] if index < len(row)]
