"""Reading the local workbook: python-calamine for the values, with what real files need around it.

A file that is not a workbook (empty, an encrypted or old .xls container, a zip with no sheets) is named as
such in Russian. A tab is found whatever the case of its name («заявки» is the app's «Заявки»: Excel keeps
names unique regardless of case). A sheet with a stray value far below (row 1 048 576) is read sparsely,
not as a million empty rows.
"""

from __future__ import annotations

import re
import zipfile
from html import unescape
from pathlib import Path
from typing import Any

import python_calamine

from core.platform.errors import StoreError, os_reason

from .xlsx_package import Package, attrs

SPARSE_ABOVE = 200_000  # rows: beyond this a sheet is read by its non-empty rows only
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def not_a_workbook(path: Path) -> str | None:
    """Why the file at `path` is not a workbook the app can open, in Russian; None when it looks like one."""
    if path.is_dir():
        return "по этому пути — папка, а не файл книги: укажите сам файл .xlsx (например, data/edudesk.xlsx)"
    try:
        head = path.read_bytes()[:8]
    except PermissionError:
        return "нет прав на чтение файла: попросите владельца открыть доступ (или администратора сервера)"
    except OSError as exc:
        return f"файл не читается ({os_reason(exc)})"
    if not head:
        return "файл пуст (0 байт)"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ("это книга, защищённая паролем, или файл старого формата .xls: откройте её в Excel или LibreOffice, "
                "снимите пароль и сохраните как «Книга Excel (.xlsx)»")
    if not head.startswith(b"PK"):
        return "это не книга Excel (.xlsx): внутри не zip-архив"
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            kind = archive.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, EOFError):
        return "файл повреждён или записан не до конца (возможно, его ещё копируют): откройте его в Excel или " \
               "LibreOffice и сохраните заново"
    if "opendocument.spreadsheet" in kind:
        return ("это таблица OpenDocument (.ods), а не книга Excel: откройте её в LibreOffice и сохраните как "
                "«Книга Excel 2007–365 (.xlsx)»")
    return None


def open_book(path: Path) -> python_calamine.CalamineWorkbook:
    problem = not_a_workbook(path)
    if problem is None:
        try:
            return python_calamine.CalamineWorkbook.from_path(str(path))
        except Exception:  # calamine's own errors are English and technical
            problem = "внутри нет листов книги Excel или файл повреждён"
    raise StoreError(f"Книгу «{path.name}» открыть нельзя: {problem}.")


def actual_name(names: list[str], tab: str) -> str | None:
    """The sheet that is `tab`: the same name, or the same but for case."""
    if tab in names:
        return tab
    folded = [n for n in names if n.casefold() == tab.casefold()]
    return folded[0] if len(folded) == 1 else None


def grid(book: python_calamine.CalamineWorkbook, path: Path, sheet: str) -> list[list[Any]]:
    """The sheet's cells from A1, rows and columns as in the sheet."""
    data = book.get_sheet_by_name(sheet)
    if data.height <= SPARSE_ABOVE:
        return data.to_python(skip_empty_area=False)
    import openpyxl  # a stray cell far below: iterate the rows that exist, not a million empty ones

    book_ro = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return [list(row) for row in book_ro[sheet].iter_rows(values_only=True)]
    finally:
        book_ro.close()


# the header row straight from the XML: cheaper than parsing a 20 000-row sheet to read one row -------------
def header_row(package: Package, part: str) -> list[str] | None:
    """Row 1 as text, when every header is text; None when a header is a number or a date (let calamine say)."""
    xml = package.text(part)
    root = re.search(r"<([\w.-]+:)?worksheet\b", xml)
    p = re.escape((root[1] or "") if root else "")
    first = re.search(rf"<{p}row\b[^>]*>(.*?)</{p}row>|<{p}row\b[^>]*/>", xml, re.S)
    number = re.search(r'\sr="(\d+)"', first[0].split(">", 1)[0]) if first else None
    if first is None or (number and number[1] != "1"):  # headers live in row 1
        return []
    strings = _SharedStrings(package)
    out: list[str] = []
    col = 0
    for cell in re.finditer(rf"<{p}c\b([^>]*?)(?:/>|>(.*?)</{p}c>)", first[1] or "", re.S):
        kind = re.search(r'\st="(\w+)"', " " + cell[1])
        if cell[2] and (kind is None or kind[1] not in ("s", "inlineStr", "str")):
            return None
        ref = re.search(r'\sr="([A-Z]+)\d+"', " " + cell[1])
        col = _col(ref[1]) if ref else col + 1
        while len(out) < col - 1:
            out.append("")
        out.append(str(_decode_cell(kind[1] if kind else "n", cell[2] or "", p, strings, None, False, {}, False)))
    while out and not out[-1].strip():
        out.pop()
    return [h.strip() for h in out]


def _text_runs(xml: str, p: str) -> str:
    xml = re.sub(rf"<{p}rPh\b.*?</{p}rPh>", "", xml, flags=re.S)  # phonetic hints are not the text
    runs = re.findall(rf"<{p}t\b[^>]*>(.*?)</{p}t>", xml, re.S)
    return _decode("".join(_cdata(run) for run in runs))


def _cdata(text: str) -> str:
    """Text with its CDATA sections taken as they are and the rest unescaped."""
    parts = re.split(r"<!\[CDATA\[(.*?)\]\]>", text, flags=re.S)
    return "".join(part if i % 2 else unescape(part) for i, part in enumerate(parts))


def _decode(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


class _SharedStrings:
    """The shared strings a header needs, parsed only as far as the largest index asked for."""

    def __init__(self, package: Package) -> None:
        part = package.workbook_part("sharedStrings")
        self.xml = package.text(part) if part else ""
        root = re.search(r"<([\w.-]+:)?sst\b", self.xml)
        self.p = re.escape((root[1] or "") if root else "")
        self.items = re.finditer(rf"<{self.p}si\b[^>]*>(.*?)</{self.p}si>|<{self.p}si\s*/>", self.xml, re.S)
        self.seen: list[str] = []  # each item's XML, decoded only when asked for (texts)
        self.texts: dict[int, str] = {}

    def get(self, index: int) -> str:
        # only the items asked for are decoded: a row's strings may sit 25 000 items in (a LibreOffice book)
        while len(self.seen) <= index:
            item = next(self.items, None)
            if item is None:
                return ""
            self.seen.append(item[1] or "")
        if index not in self.texts:
            self.texts[index] = _text_runs(self.seen[index], self.p)
        return self.texts[index]


# single rows straight from the XML: an update checks its row without parsing the whole sheet -----------------
def decode_rows(package: Package, sheet_xml, numbers: set[int]) -> dict[int, list[Any]]:
    """The cells of the given rows (1-based numbers) as calamine would read them, faces («80%», «007») applied."""
    from . import xlsx_faces
    from .xlsx_parts import styles_part
    from .xlsx_styles import Styles

    strings = _SharedStrings(package)
    part = styles_part(package)
    styles = Styles(package.text(part)) if part else None
    faces = xlsx_faces.style_codes(package)
    dates: dict[int, bool] = {}
    p = sheet_xml.p
    out: dict[int, list[Any]] = {}
    at = sheet_xml.rows_at(set(numbers))
    for row in (sorted(at.values(), key=lambda r: r.number) if at is not None else sheet_xml.rows()):
        if row.number not in numbers:
            continue
        values: list[Any] = []
        for col, cell in sorted(sheet_xml.cells_of(row).items()):
            while len(values) < col - 1:
                values.append("")
            head, _, body = cell.partition(">")
            a = attrs(head)
            style = int(a["s"]) if a.get("s", "").isdigit() else None
            if style is not None and style not in dates:
                dates[style] = styles.is_date(style) if styles else False
            values.append(_decode_cell(a.get("t", "n"), body, re.escape(p), strings, style,
                                       dates.get(style, False), faces, package.date1904))
        out[row.number] = values
    return out


def _decode_cell(kind: str, body: str, p: str, strings: _SharedStrings, style: int | None, is_date: bool,
                 faces: dict[int, str], date1904: bool) -> Any:
    from datetime import datetime, timedelta

    from . import xlsx_faces

    if kind == "inlineStr":
        return _text_runs(body, p)
    value = re.search(rf"<{p}v\b[^>]*>(.*?)</{p}v>", body, re.S)
    if value is None:
        return ""
    raw = unescape(value[1])
    if kind == "s":
        return strings.get(int(raw))
    if kind == "str":
        return _decode(raw)
    if kind == "b":
        return raw.strip() in ("1", "true")
    if kind == "e":
        return ""
    try:
        number = float(raw)
    except ValueError:
        return raw
    if is_date:
        moment = (datetime(1904, 1, 1) if date1904 else datetime(1899, 12, 30)) + timedelta(days=number)
        return moment.date() if moment.time() == datetime.min.time() else moment
    if style in faces:
        shown = xlsx_faces.face(number, faces[style])
        if shown is not None:
            return shown
    return number
