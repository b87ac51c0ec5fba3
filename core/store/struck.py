"""Cells staff struck through: how an office cancels a line of its register (an application withdrawn, a listener
who left) and keeps it to be seen, rather than deleting it. The stores say which cells are struck; the connected
reading (core.connect.cancelled) takes a row whose filled cells are all struck through for no record.

A workbook's cells are found by their style (a font with <strike/>) or by their text, every run of it struck (a
shared or inline rich string: the text selected while typing in the cell and struck), a Google Sheet's by their
format (userEnteredFormat.textFormat.strikethrough) or their text runs (textFormatRuns). Strikethrough of part of a
cell's text is not a struck cell."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from core.platform.a1 import column_index

from .rows import is_blank_cell

Cells = set[tuple[int, int]]  # (1-based row, 0-based column)
SHEETS_FIELDS = ("sheets(properties(title),data(startRow,startColumn,rowData(values(userEnteredFormat/textFormat/"
                 "strikethrough,textFormatRuns(startIndex,format/strikethrough)))))")

_FONTS = re.compile(r"<(?:[\w.-]+:)?fonts\b[^>]*>(.*?)</(?:[\w.-]+:)?fonts>", re.S)
_FONT = re.compile(r"<(?:[\w.-]+:)?font\b[^>]*?(?:/>|>(.*?)</(?:[\w.-]+:)?font>)", re.S)
_STRIKE = re.compile(r'<(?:[\w.-]+:)?strike\b(?:\s+val="([^"]*)")?')
_XFS = re.compile(r"<(?:[\w.-]+:)?cellXfs\b[^>]*>(.*?)</(?:[\w.-]+:)?cellXfs>", re.S)
_XF = re.compile(r"<(?:[\w.-]+:)?xf\b[^>]*>")
_CELL = re.compile(rb'<(?:[\w.-]+:)?c\s[^>]*>')
_REF = re.compile(rb'\sr="([A-Z]+)(\d+)"')
_STYLE = re.compile(rb'\ss="(\d+)"')
_RICH_CELL = re.compile(rb'<(?:[\w.-]+:)?c\s([^>]*?)(?<!/)>(.*?)</(?:[\w.-]+:)?c>', re.S)
_SHARED_INDEX = re.compile(rb'<(?:[\w.-]+:)?v>\s*(\d+)\s*</')
_SI = re.compile(rb'<(?:[\w.-]+:)?si\b[^>]*?(?:/>|>(.*?)</(?:[\w.-]+:)?si>)', re.S)
_RUN = re.compile(rb'<(?:[\w.-]+:)?r>(.*?)</(?:[\w.-]+:)?r>', re.S)
_RUN_TEXT = re.compile(rb'<(?:[\w.-]+:)?t\b[^>]*>([^<]*)</')
_RUN_STRIKE = re.compile(rb'<(?:[\w.-]+:)?strike\b(?:\s+val="([^"]*)")?')


def struck_styles(styles_xml: str) -> set[int]:
    """The cell style indexes (cellXfs) whose font is struck through."""
    fonts = _FONTS.search(styles_xml)
    struck_fonts = {i for i, m in enumerate(_FONT.finditer(fonts[1] if fonts else ""))
                    if (s := _STRIKE.search(m[1] or "")) and (s[1] or "1").lower() not in ("0", "false")}
    if not struck_fonts:
        return set()
    xfs = _XFS.search(styles_xml)
    out = set()
    for index, tag in enumerate(_XF.findall(xfs[1] if xfs else "")):
        font = re.search(r'\sfontId="(\d+)"', tag)
        if font and int(font[1]) in struck_fonts:
            out.add(index)
    return out


def xlsx_struck(path: Path, tabs: tuple[str, ...], version: Any) -> dict[str, Cells]:
    """The struck cells of the workbook's tabs, once per `version` of the file (its size and time)."""
    return _xlsx_struck(path, tabs, version)


@lru_cache(maxsize=16)
def _xlsx_struck(path: Path, tabs: tuple[str, ...], version: Any) -> dict[str, Cells]:
    from .xlsx_package import Package, UnsupportedLayout
    from .xlsx_parts import styles_part
    from .xlsx_read import actual_name

    try:
        package = Package.open(path)
    except UnsupportedLayout:
        return {}  # a file read only through calamine: no styles to say
    try:
        part = styles_part(package)
        styles = struck_styles(package.text(part)) if part else set()
        strings = _struck_strings(package)
        if not styles and not strings:
            return {}
        wanted = {str(i).encode() for i in styles}
        parts = dict(package.sheets())
        out: dict[str, Cells] = {}
        for tab in tabs:
            sheet = actual_name(list(parts), tab)
            if sheet is None or not package.has(parts[sheet]):
                continue
            cells = set()
            xml = package.read(parts[sheet])
            for tag in _CELL.findall(xml) if wanted else ():
                style = _STYLE.search(tag)
                if style and style[1] in wanted and (ref := _REF.search(tag)):
                    cells.add((int(ref[2]), column_index(ref[1].decode()) - 1))
            cells |= _struck_texts(xml, strings)
            if cells:
                out[tab] = cells
        return out
    finally:
        package.close()


def _struck_strings(package) -> set[bytes]:
    """The shared strings (their indexes, as written in <v>) whose every run of text is struck through."""
    part = package.workbook_part("sharedStrings")
    data = package.read(part) if part else b""
    if not _RUN_STRIKE.search(data):  # looked for in the bytes: most workbooks strike no text
        return set()
    return {str(i).encode() for i, item in enumerate(_SI.finditer(data)) if _all_runs_struck(item[1] or b"")}


def _all_runs_struck(item: bytes) -> bool:
    """A rich text whose runs holding text are all struck; a plain text (no runs) is none."""
    runs = [run for run in _RUN.findall(item) if any(t.strip() for t in _RUN_TEXT.findall(run))]
    return bool(runs) and all((m := _RUN_STRIKE.search(run)) and (m[1] or b"1").lower() not in (b"0", b"false")
                              for run in runs)


def _struck_texts(xml: bytes, strings: set[bytes]) -> Cells:
    """The cells of a sheet's XML whose text is struck run by run: a shared string of `strings`, or an inline one."""
    if not strings and b"inlineStr" not in xml:
        return set()
    out: Cells = set()
    for m in _RICH_CELL.finditer(xml):
        head, body = m[1], m[2]
        if b't="s"' in head:
            index = _SHARED_INDEX.search(body)
            struck = bool(index) and index[1] in strings
        else:
            struck = b't="inlineStr"' in head and _all_runs_struck(body)
        if struck and (ref := _REF.search(b" " + head)):
            out.add((int(ref[2]), column_index(ref[1].decode()) - 1))
    return out


def sheets_struck(answer: Mapping[str, Any]) -> dict[str, Cells]:
    """The struck cells of a spreadsheets.get answer asked for SHEETS_FIELDS."""
    out: dict[str, Cells] = {}
    for sheet in answer.get("sheets", []):
        cells: Cells = set()
        for data in sheet.get("data", []):
            row0, col0 = data.get("startRow", 0), data.get("startColumn", 0)
            for r, row in enumerate(data.get("rowData", [])):
                for c, cell in enumerate(row.get("values", [])):
                    if _struck_on_google(cell):
                        cells.add((row0 + r + 1, col0 + c))
        out[sheet["properties"]["title"]] = cells
    return out


def _struck_on_google(cell: Mapping[str, Any]) -> bool:
    """A cell struck by its format, or whose text is struck run by run (textFormatRuns: each run inherits the cell's
    format unless it says otherwise; the text before the first run is the cell's)."""
    whole = bool(((cell.get("userEnteredFormat") or {}).get("textFormat") or {}).get("strikethrough"))
    runs = cell.get("textFormatRuns") or []
    if not runs:
        return whole
    if runs[0].get("startIndex", 0) > 0 and not whole:
        return False
    return all((run.get("format") or {}).get("strikethrough", whole) for run in runs)


def struck_rows(cells: Cells, rows: Sequence[Sequence[Any]], numbers: Sequence[int]) -> set[int]:
    """The rows (by their sheet number) whose filled cells are all struck through — two of them at least, so that a
    single word struck in a record does not cancel it."""
    if not cells:
        return set()
    out = set()
    for number, row in zip(numbers, rows, strict=True):
        filled = [c for c, v in enumerate(row) if not is_blank_cell(v)]
        if len(filled) >= 2 and all((number, c) in cells for c in filled):
            out.add(number)
    return out
