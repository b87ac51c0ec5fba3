"""Write cells into an .xlsx by rewriting only the changed sheet's XML part.

An .xlsx is a zip of XML parts, one per sheet. Loading and saving the whole workbook with openpyxl
costs seconds on a real-size file and drops what openpyxl does not model (charts, images, shapes).
Here every other part is copied unchanged; in the changed sheet only the written cells (and the
<dimension>) change. Layouts this module does not recognise raise UnsupportedLayout, and the
caller falls back to openpyxl.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from ..a1 import column_index, column_letter

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # characters XML 1.0 can't hold
_EPOCH = datetime(1899, 12, 30)
_DATE_FORMAT_IDS = {14, 15, 16, 17, 22, *range(27, 37), *range(50, 59)}
_ROW_TAG = re.compile(r'<row\b[^>]*?\sr="(\d+)"[^>]*?(/?)>')
_CELL = re.compile(r'<c\b[^>]*?\sr="([A-Z]+)\d+"[^>]*?(?:/>|>.*?</c>)', re.S)
_STYLE_ATTR = re.compile(r'\ss="(\d+)"')

Cells = dict[int, dict[int, Any]]  # sheet row → column (1-based) → value
Changes = dict[str, Cells]  # sheet name → its cells


@dataclass
class DateStyles:
    """Which cell formats show dates, and the one new date cells get."""

    preferred: int | None = None
    known: set[int] = field(default_factory=set)

    def for_date(self, current: int | None) -> int | None:
        return current if current in self.known else self.preferred


class UnsupportedLayout(Exception):
    """The file is laid out in a way the fast writer does not handle; use the slow path."""


def write_cells(source: Path, target: Path, changes: Changes) -> None:
    """Copy `source` to `target` with the cells of `changes` written; every other part unchanged."""
    styles_name = "xl/styles.xml"
    with zipfile.ZipFile(source) as zin:
        styles_xml = zin.read(styles_name).decode("utf-8") if styles_name in zin.namelist() else None
        all_cells = {(sheet, row): values for sheet, cells in changes.items() for row, values in cells.items()}
        date_style, new_styles = _date_styles(styles_xml, dict(enumerate(all_cells.values())))
        replaced: dict[str, bytes] = {}
        for sheet_name, cells in changes.items():
            part = sheet_part(zin, sheet_name)
            replaced[part] = _rewrite_sheet(zin.read(part).decode("utf-8"), cells, date_style).encode("utf-8")
        if new_styles is not None:
            replaced[styles_name] = new_styles.encode("utf-8")
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                zout.writestr(copy_info(info), replaced.get(info.filename) or zin.read(info.filename))


def copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    copy.compress_type = info.compress_type
    copy.external_attr = info.external_attr
    return copy


def sheet_part(zin: zipfile.ZipFile, sheet_name: str) -> str:
    workbook = zin.read("xl/workbook.xml").decode("utf-8")
    rel_id = None
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        name = re.search(r'\sname="([^"]*)"', tag)
        if name and _unescape(name[1]) == sheet_name:
            found = re.search(r'\s\w+:id="([^"]*)"', tag)
            rel_id = found[1] if found else None
    if rel_id is None:
        raise UnsupportedLayout(f"sheet {sheet_name!r} not in workbook.xml")
    rels = zin.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    for tag in re.findall(r"<Relationship\b[^>]*>", rels):
        if re.search(rf'\sId="{re.escape(rel_id)}"', tag):
            target = re.search(r'\sTarget="([^"]*)"', tag)[1]
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            if path in zin.namelist():
                return path
    raise UnsupportedLayout(f"no part for sheet {sheet_name!r}")


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")


# the sheet part ----------------------------------------------------------------------
def _rewrite_sheet(xml: str, cells: Cells, date_style: DateStyles) -> str:
    if "<sheetData/>" in xml:
        xml = xml.replace("<sheetData/>", "<sheetData></sheetData>", 1)
    start, end = xml.find("<sheetData>"), xml.find("</sheetData>")
    if start < 0 or end < 0:
        raise UnsupportedLayout("no unprefixed <sheetData>")
    body_start = start + len("<sheetData>")
    rows = [(int(m[1]), m.start(), _row_end(xml, m)) for m in _ROW_TAG.finditer(xml, body_start, end)]
    pieces, cursor = [], 0
    for number in sorted(cells):
        existing = next((r for r in rows if r[0] == number), None)
        if existing:
            _, row_start, row_end = existing
            pieces += [xml[cursor:row_start], _merge_row(xml[row_start:row_end], number, cells[number], date_style)]
            cursor = row_end
        else:
            after = next((r for r in rows if r[0] > number), None)
            at = after[1] if after else end
            if at < cursor:
                raise UnsupportedLayout("rows out of order")
            pieces += [xml[cursor:at], _new_row(number, cells[number], date_style)]
            cursor = at
    pieces.append(xml[cursor:])
    return _extend_dimension("".join(pieces), cells)


def _row_end(xml: str, match: re.Match) -> int:
    if match[2] == "/":
        return match.end()
    close = xml.find("</row>", match.end())
    if close < 0:
        raise UnsupportedLayout("unclosed <row>")
    return close + len("</row>")


def _merge_row(row_xml: str, number: int, values: Mapping[int, Any], date_style: DateStyles) -> str:
    open_end = row_xml.find(">") + 1
    open_tag = row_xml[:open_end]
    if open_tag.endswith("/>"):
        open_tag, inner = open_tag[:-2] + ">", ""
    else:
        inner = row_xml[open_end: -len("</row>")]
    open_tag = re.sub(r'\sspans="[^"]*"', "", open_tag)  # a hint only; new cells may fall outside it
    existing = {column_index(m[1]): m for m in _CELL.finditer(inner)}
    if _CELL.sub("", inner).strip():
        raise UnsupportedLayout("unexpected content inside <row>")  # an extension list? do not guess
    merged: dict[int, str] = {col: m[0] for col, m in existing.items()}
    for col, value in values.items():
        old = existing.get(col)
        style = _STYLE_ATTR.search(old[0].split(">", 1)[0]) if old else None
        merged[col] = _cell_xml(col, number, value, int(style[1]) if style else None, date_style)
    return open_tag + "".join(merged[c] for c in sorted(merged)) + "</row>"


def _new_row(number: int, values: Mapping[int, Any], date_style: DateStyles) -> str:
    cells = "".join(_cell_xml(col, number, values[col], None, date_style) for col in sorted(values))
    return f'<row r="{number}">{cells}</row>'


def _cell_xml(col: int, row: int, value: Any, style: int | None, date_style: DateStyles) -> str:
    ref = f"{column_letter(col)}{row}"
    if isinstance(value, date):
        style = date_style.for_date(style)
    s = f' s="{style}"' if style is not None else ""
    if value is None or value == "":
        return f'<c r="{ref}"{s}/>'
    if isinstance(value, datetime):
        return f'<c r="{ref}"{s}><v>{_serial(value)}</v></c>'
    if isinstance(value, date):
        return f'<c r="{ref}"{s}><v>{_serial(datetime(value.year, value.month, value.day))}</v></c>'
    if isinstance(value, bool):
        value = "да" if value else "нет"
    if isinstance(value, int | float | Decimal):
        number = format(value.normalize(), "f") if isinstance(value, Decimal) else repr(value)
        return f'<c r="{ref}"{s}><v>{number}</v></c>'
    text = _ILLEGAL.sub("", str(value))
    space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
    return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def _serial(moment: datetime) -> str:
    delta = moment - _EPOCH
    serial = delta.days + delta.seconds / 86400
    return str(int(serial)) if serial == int(serial) else repr(serial)


def _extend_dimension(xml: str, cells: Cells) -> str:
    match = re.search(r'<dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"\s*/>', xml)
    if not match:
        return xml
    first_col, first_row = column_index(match[1]), int(match[2])
    last_col, last_row = (column_index(match[3]), int(match[4])) if match[3] else (first_col, first_row)
    last_row = max(last_row, *cells)
    last_col = max(last_col, *(c for row in cells.values() for c in row))
    ref = f"{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}"
    return xml[: match.start()] + f'<dimension ref="{ref}"/>' + xml[match.end():]


# styles: one cell format for dates ------------------------------------------------------
def _date_styles(styles: str | None, cells: Cells) -> tuple[DateStyles, str | None]:
    """The cell formats that show dates; adds one to styles.xml only when dates are written and none exists."""
    if not any(isinstance(v, date) for row in cells.values() for v in row.values()):
        return DateStyles(), None
    if styles is None:
        raise UnsupportedLayout("no styles part")
    custom = {int(m[1]): m[2] for m in re.finditer(r'<numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"', styles)}
    block = re.search(r"<cellXfs\b[^>]*>(.*?)</cellXfs>", styles, re.S)
    if not block:
        raise UnsupportedLayout("no cellXfs")
    xfs = re.findall(r"<xf\b[^>]*?(?:/>|>.*?</xf>)", block[1], re.S)
    known = set()
    for index, xf in enumerate(xfs):
        fmt = re.search(r'numFmtId="(\d+)"', xf)
        fmt_id = int(fmt[1]) if fmt else 0
        code = custom.get(fmt_id, "").lower()
        if fmt_id in _DATE_FORMAT_IDS or ("d" in code and "m" in code and "y" in code and "h" not in code):
            known.add(index)
    if known:
        return DateStyles(min(known), known), None
    # No date format yet: add the built-in 14 (a Russian Excel shows it as ДД.ММ.ГГГГ).
    new_index = len(xfs)
    new_xf = '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1" xfId="0"/>'
    updated = styles[: block.end(1)] + new_xf + styles[block.end(1):]
    updated = re.sub(r'(<cellXfs\b[^>]*count=")(\d+)(")', lambda m: f"{m[1]}{new_index + 1}{m[3]}", updated, count=1)
    return DateStyles(new_index, {new_index}), updated
