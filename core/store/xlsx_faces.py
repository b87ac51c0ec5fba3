"""Numbers a workbook shows through a format that changes what staff read: «80%», «007», «012-345-678 19».

python-calamine reads values, not formats. Where the workbook has such formats at all (most have none),
the sheet's XML is scanned once per read for the cells that use them, and those cells get their face
(typed.Shown), so a text column reads «007» and a percentage column reads 80, as in the Google store.
"""

from __future__ import annotations

import re
from pathlib import Path

from core.platform.a1 import column_index

from .typed import Shown
from .xlsx_package import Package, UnsupportedLayout
from .xlsx_parts import styles_part

_BUILTIN = {9: "0%", 10: "0.00%"}
_CELL_TAG = re.compile(rb'<(?:\w+:)?c\s[^>]*>')
_REF = re.compile(rb'\sr="([A-Z]+)(\d+)"')
_STYLE = re.compile(rb'\ss="(\d+)"')


def face(value: float, code: str) -> Shown | None:
    """The text `code` shows for `value`, for percentages and zero-padded digit patterns; None otherwise."""
    code = re.sub(r'"([^"]*)"|\\(.)', lambda m: m[1] or m[2], code.split(";")[0])
    if code.endswith("%") and re.fullmatch(r"0(\.0+)?%", code):
        decimals = len(code) - code.index(".") - 2 if "." in code else 0
        text = f"{value * 100:.{decimals}f}".replace(".", ",")
        return Shown(value, text + "%", percent=True)
    slots = code.count("0")
    if slots < 2 or "." in code or "," in code or "#" in code or not re.fullmatch(r"[0 \-/()№]+", code):
        return None
    if value < 0 or value != int(value):
        return None
    digits = str(int(value)).rjust(slots, "0")
    if len(digits) > slots:
        return None
    out, it = [], iter(digits)
    for ch in code:
        out.append(next(it) if ch == "0" else ch)
    return Shown(int(value), "".join(out))


def style_codes(package: Package) -> dict[int, str]:
    """Cell style index → number format code, for the styles whose numbers get a face."""
    part = styles_part(package)
    if part is None:
        return {}
    styles = package.text(part)
    custom = {int(m[1]): m[2].replace("&quot;", '"').replace("&amp;", "&")
              for m in re.finditer(r'<(?:\w+:)?numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"', styles)}
    xfs = re.search(r"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", styles, re.S)
    codes = {}
    for index, tag in enumerate(re.findall(r"<(?:\w+:)?xf\b[^>]*>", xfs[1] if xfs else "")):
        found = re.search(r'numFmtId="(\d+)"', tag)
        number = int(found[1]) if found else 0
        code = custom.get(number) or _BUILTIN.get(number)
        if code and face(12.0, code) is not None:
            codes[index] = code
    return codes


def faces(path: Path, tabs: list[str]) -> dict[str, dict[tuple[int, int], str]]:
    """For each tab: (row0, col0) → format code of the cells that show a face; empty when the book has none."""
    try:
        package = Package.open(path)
    except UnsupportedLayout:
        return {}
    with package.zip:
        codes = style_codes(package)
        if not codes:
            return {}
        wanted = set(str(i).encode() for i in codes)
        result: dict[str, dict[tuple[int, int], str]] = {}
        for tab in tabs:
            try:
                xml = package.read(package.sheet_part(tab))
            except (UnsupportedLayout, KeyError):  # a layout the scan doesn't follow: plain values, as calamine reads
                continue
            cells = {}
            for tag in _CELL_TAG.findall(xml):
                style = _STYLE.search(tag)
                if style and style[1] in wanted and (ref := _REF.search(tag)):
                    cells[(int(ref[2]) - 1, column_index(ref[1].decode()) - 1)] = codes[int(style[1])]
            if cells:
                result[tab] = cells
        return result


def apply(grid: list[list], cells: dict[tuple[int, int], str]) -> None:
    """Put each number with a face into `grid` (calamine's rows) as Shown."""
    for (row, col), code in cells.items():
        if row < len(grid) and col < len(grid[row]):
            value = grid[row][col]
            if isinstance(value, int | float) and not isinstance(value, bool):
                shown = face(float(value), code)
                if shown is not None:
                    grid[row][col] = shown
