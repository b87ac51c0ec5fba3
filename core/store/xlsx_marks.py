"""Marks on a workbook's columns that follow the column: hidden defined names in workbook.xml.

Google Sheets keeps a mark on a column as developer metadata. A workbook has no such thing, but a defined name whose
range is a whole column («'Реестр'!$D:$D») is moved by Excel and LibreOffice with its column when columns are inserted
or deleted before it, is kept when its header is retyped, and becomes #REF! when the column itself is deleted —
exactly what a mark must do (tried in LibreOffice: tests/connect/test_marks_in_libreoffice.py). The name carries a
hash of the mark's value (a name may hold only letters, digits, «_» and «.», up to 255 characters); whoever looks a
mark up knows the value and hashes it the same way (`mark_name`). No sheet part is touched.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from html import unescape
from xml.sax.saxutils import escape, quoteattr

from core.platform.a1 import column_index, column_letter

PREFIX = "_EduDesk_"


def _digest(text: str, size: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:size]


def mark_name(key: str, value: str) -> str:
    """The defined name of the mark `value` of kind `key`."""
    return f"{PREFIX}{_digest(key, 6)}_{_digest(value, 20)}"


def _names(xml: str):
    """(match, name, text) of every definedName element."""
    for m in re.finditer(r"<(?:[\w.-]+:)?definedName\b([^>]*?)(?:/>|>(.*?)</(?:[\w.-]+:)?definedName>)", xml, re.S):
        name = re.search(r"\bname\s*=\s*(['\"])(.*?)\1", m[1])
        if name:
            yield m, unescape(name[2]), unescape(m[2] or "")


_PLACE = re.compile(r"^\s*(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})(?:\$?\d+)?(?::|$)")


def read_marks(workbook_xml: str, key: str) -> dict[str, tuple[str, int]]:
    """Defined name of each mark of `key` → (sheet, 0-based column) where its column is now; a mark whose column was
    deleted (#REF!) is not there."""
    start = f"{PREFIX}{_digest(key, 6)}_"
    found = {}
    for _match, name, text in _names(workbook_xml):
        place = _PLACE.match(text) if name.startswith(start) else None
        if place:
            sheet = place[1].replace("''", "'") if place[1] is not None else place[2].strip()
            found[name] = (sheet, column_index(place[3].upper()) - 1)
    return found


def with_marks(workbook_xml: str, key: str, marks: Mapping[str, Mapping[int, str]]) -> str:
    """workbook.xml with every mark of `key` replaced by these: sheet → 0-based column → the mark's value."""
    start = f"{PREFIX}{_digest(key, 6)}_"
    for match, name, _text in reversed(list(_names(workbook_xml))):
        if name.startswith(start):
            workbook_xml = workbook_xml[:match.start()] + workbook_xml[match.end():]
    root = re.search(r"<([\w.-]+:)?workbook\b", workbook_xml)
    p = root[1] or "" if root else ""
    elements = []
    for sheet, columns in marks.items():
        quoted = "'" + sheet.replace("'", "''") + "'"
        for column, value in sorted(columns.items()):
            letter = column_letter(column + 1)
            elements.append(f"<{p}definedName name={quoteattr(mark_name(key, value))} hidden=\"1\">"
                            f"{escape(f'{quoted}!${letter}:${letter}')}</{p}definedName>")
    added = "".join(elements)
    closing = re.search(rf"</{re.escape(p)}definedNames>", workbook_xml)
    if closing:
        return workbook_xml[:closing.start()] + added + workbook_xml[closing.start():]
    empty = re.search(rf"<{re.escape(p)}definedNames\s*/>", workbook_xml)
    if empty:
        return workbook_xml[:empty.start()] + f"<{p}definedNames>{added}</{p}definedNames>" + workbook_xml[empty.end():]
    if not added:
        return workbook_xml
    # the schema's order: definedNames come after sheets, functionGroups and externalReferences
    after = None
    for element in ("externalReferences", "functionGroups", "sheets"):
        after = re.search(rf"</{re.escape(p)}{element}>|<{re.escape(p)}{element}\s*/>", workbook_xml)
        if after:
            break
    if after is None:
        raise ValueError("workbook.xml without <sheets>")
    return workbook_xml[:after.end()] + f"<{p}definedNames>{added}</{p}definedNames>" + workbook_xml[after.end():]
