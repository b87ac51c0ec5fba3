"""One cell's XML, as Excel and LibreOffice read it back to the letter.

Text is written inline; characters XML can't carry (control characters, a lone CR) are written as OOXML
escapes «_xHHHH_», and text that merely looks like such an escape («_x0041_») is escaped itself, so that it
reads back unchanged. What no reader would give back (U+FFFE, U+FFFF, half a surrogate pair) is refused. A date is a serial number of the workbook's own date
system (1900 or 1904) with a date style.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from core.platform.a1 import column_letter
from core.platform.values import Tick

EXCEL_TEXT_LIMIT = 32_767
_EPOCH_1900 = datetime(1899, 12, 30)
_EPOCH_1904 = datetime(1904, 1, 1)
_LOOKS_ESCAPED = re.compile(r"_(x[0-9A-Fa-f]{4})_")
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r]")
_NOT_TEXT = re.compile("[\ud800-\udfff\ufffe\uffff]")  # no reader gives these back: a broken paste


class Formula(str):
    """A formula the app writes into a new row (its text without «=»): one staff filled down their records, continued
    (xlsx_filled.py). Written with no stored result: Excel and LibreOffice compute it on opening."""


class TextNotStorable(ValueError):
    """Text an .xlsx cell can't hold; the message is Russian and names the reason."""


def ooxml_text(text: str) -> str:
    """Text as it goes between <t> and </t>: escaped for OOXML, then for XML."""
    bad = _NOT_TEXT.search(text)
    if bad:
        raise TextNotStorable(f"в тексте повреждённый символ (U+{ord(bad[0]):04X}, в {bad.start() + 1}-й позиции) — "
                              "так бывает при копировании из некоторых программ; удалите его или наберите фрагмент "
                              "заново")
    if len(text) > EXCEL_TEXT_LIMIT:
        raise TextNotStorable(f"в тексте {len(text):,} знаков, а в ячейке Excel помещается не больше "
                              f"{EXCEL_TEXT_LIMIT:,}; сократите текст или вынесите его в документ".replace(",", "\u00a0"))
    text = _LOOKS_ESCAPED.sub(r"_x005F_\1_", text)
    text = _NOT_IN_XML.sub(lambda m: f"_x{ord(m[0]):04X}_", text)
    return escape(text)


def serial(moment: date | datetime, date1904: bool) -> str:
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    delta = moment - (_EPOCH_1904 if date1904 else _EPOCH_1900)
    number = delta.days + delta.seconds / 86400
    return str(int(number)) if number == int(number) else repr(number)


def cell_xml(prefix: str, col: int, row: int, value: Any, style: int | None, date1904: bool) -> str:
    """<c> for a value; `style` is the cell format index to keep (or the date style for a date)."""
    ref = f"{column_letter(col)}{row}"
    s = f' s="{style}"' if style is not None else ""
    c, v = f"{prefix}c", f"{prefix}v"
    if value is None or value == "":
        return f'<{c} r="{ref}"{s}/>'
    if isinstance(value, Formula):
        return f'<{c} r="{ref}"{s}><{prefix}f>{escape(str(value))}</{prefix}f></{c}>'
    if isinstance(value, date):
        return f'<{c} r="{ref}"{s}><{v}>{serial(value, date1904)}</{v}></{c}>'
    if isinstance(value, Tick):  # a checkbox column: a boolean cell, as Excel and LibreOffice write one
        return f'<{c} r="{ref}"{s} t="b"><{v}>{int(value.state)}</{v}></{c}>'
    if isinstance(value, bool):
        value = "да" if value else "нет"
    if isinstance(value, int | float | Decimal):
        number = format(value.normalize(), "f") if isinstance(value, Decimal) else repr(value)
        return f'<{c} r="{ref}"{s}><{v}>{number}</{v}></{c}>'
    text = ooxml_text(str(value))
    space = ' xml:space="preserve"' if text != text.strip() or "\n" in text or "\t" in text else ""
    return f'<{c} r="{ref}"{s} t="inlineStr"><{prefix}is><{prefix}t{space}>{text}</{prefix}t></{prefix}is></{c}>'
