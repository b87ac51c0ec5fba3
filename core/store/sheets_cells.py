"""Cells to and from the Sheets API's CellData: typed values in, values with their face out."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any

from core.platform.values import Tick

from .typed import Shown

SERIAL_EPOCH = datetime(1899, 12, 30)
DATE_FORMAT = {"type": "DATE", "pattern": "dd.mm.yyyy"}
DATE_TIME_FORMAT = {"type": "DATE_TIME", "pattern": "dd.mm.yyyy hh:mm:ss"}
# What a read asks for: each tab's title and id, and per cell its value, its face, its number format and whether
# it holds a formula (a row of nothing but formulas and checkboxes, filled down by staff, is not a record).
CELL_FIELDS = "effectiveValue,formattedValue,effectiveFormat/numberFormat,userEnteredValue/formulaValue"
GRID_FIELDS = f"sheets(properties(sheetId,title),data(startRow,startColumn,rowData(values({CELL_FIELDS}))))"
# A write's check-read also wants the formats staff gave the cells (a new row takes its column's format).
# And whether a record is struck through (cancelled, core.store.struck): a new row under it takes its look, not that.
CHECK_FIELDS = GRID_FIELDS.replace(CELL_FIELDS, CELL_FIELDS + ",userEnteredFormat/numberFormat"
                                   ",userEnteredFormat/textFormat/strikethrough")
_DATES = {"DATE", "DATE_TIME"}


def decode(cell: dict) -> Any:
    """A CellData read back: "" for empty, str, bool, date, a number, or Shown where the face matters."""
    value = cell.get("effectiveValue")
    if not value:
        return ""
    text = cell.get("formattedValue", "")
    if "stringValue" in value:
        return value["stringValue"]
    if "errorValue" in value:
        return text or "#ERROR!"
    if "boolValue" in value:
        return value["boolValue"]
    number = value.get("numberValue", 0)
    kind = ((cell.get("effectiveFormat") or {}).get("numberFormat") or {}).get("type")
    if kind in _DATES:
        moment = SERIAL_EPOCH + timedelta(days=number)
        day = moment.date() if kind == "DATE" or moment.time() == datetime.min.time() else moment
        return Shown(day, text or day.strftime("%d.%m.%Y"))
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    if kind == "PERCENT" or (text and text != _plain(number)):
        return Shown(number, text, percent=kind == "PERCENT")
    return number


def _plain(number: float | int) -> str:
    return str(number) if isinstance(number, int) else format(number, ".15g")


def typed_by_hand(cell: dict) -> bool:
    """A value someone typed or the app wrote: not a formula's result, not a checkbox."""
    value = cell.get("effectiveValue")
    if not value or "boolValue" in value or "formulaValue" in (cell.get("userEnteredValue") or {}):
        return False
    return value.get("stringValue", None) != ""


def grid_of(data: list[dict], first_row: int) -> list[list[Any]]:
    """GridData of one range → rows of decoded cells; rows before the range's own start padded empty.

    A row holding nothing but formulas and checkboxes reads as empty: staff fill a formula or a column of boxes
    down to row 1000, and those rows are not records until someone types into them."""
    rows: list[list[Any]] = []
    for part in data:
        start = part.get("startRow", 0)
        for offset, row in enumerate(part.get("rowData", [])):
            index = start + offset - first_row
            while len(rows) <= index:
                rows.append([])
            cells = row.get("values", [])
            rows[index] = [decode(c) for c in cells] if any(typed_by_hand(c) for c in cells) else []
    return rows


def raw_rows(data: list[dict]) -> dict[int, list[dict]]:
    """GridData → the CellData of each row by its 0-based index (for the formats and checkboxes a write keeps)."""
    out: dict[int, list[dict]] = {}
    for part in data:
        start = part.get("startRow", 0)
        for offset, row in enumerate(part.get("rowData", [])):
            out[start + offset] = row.get("values", [])
    return out


def number_format_type(cell: dict) -> str | None:
    fmt = (cell.get("userEnteredFormat") or cell.get("effectiveFormat") or {}).get("numberFormat") or {}
    return fmt.get("type")


def is_checkbox(cell: dict) -> bool:
    return "boolValue" in (cell.get("effectiveValue") or {})


def is_formula(cell: dict) -> bool:
    return "formulaValue" in (cell.get("userEnteredValue") or {})


def to_serial(value: date | datetime) -> float | int:
    if isinstance(value, datetime):
        delta = value - SERIAL_EPOCH
        return delta.days + delta.seconds / 86400
    return (value - SERIAL_EPOCH.date()).days


def cell_data(value: Any) -> tuple[dict, bool]:
    """A value as CellData, and whether it carries a number format (dates do; nothing else touches formats).

    Text is a stringValue, which Google never evaluates: «=IMPORTXML(…)» typed in the app stays text.
    """
    if isinstance(value, Enum):
        value = value.value
    if value is None or value == "":
        return {}, False
    if isinstance(value, Tick):  # a checkbox column: the box ticked or not, never the text «да»/«нет»
        return {"userEnteredValue": {"boolValue": value.state}}, False
    if isinstance(value, bool):
        return {"userEnteredValue": {"stringValue": "да" if value else "нет"}}, False
    if isinstance(value, datetime):
        return {"userEnteredValue": {"numberValue": to_serial(value)},
                "userEnteredFormat": {"numberFormat": DATE_TIME_FORMAT}}, True
    if isinstance(value, date):
        return {"userEnteredValue": {"numberValue": to_serial(value)},
                "userEnteredFormat": {"numberFormat": DATE_FORMAT}}, True
    if isinstance(value, Decimal):
        number = int(value) if value == value.to_integral_value() else float(value)
        return {"userEnteredValue": {"numberValue": number}}, False
    if isinstance(value, int | float):
        return {"userEnteredValue": {"numberValue": value}}, False
    return {"userEnteredValue": {"stringValue": str(value)}}, False


def cell_for(value: Any, there: dict | None) -> tuple[dict, dict | None]:
    """A value as the cell it goes into holds it: a yes/no into a checkbox as a box, not «да»/«нет»; a date keeps
    the date format the cell has, and brings ours only where the cell has none. Returns the CellData of the
    value, and the CellData of a number format to set (or None: the cell's own format stays, ₽ and all)."""
    there = there or {}
    if is_checkbox(there) and (isinstance(value, bool) or str(value).strip().casefold() in _YES_NO):
        value = Tick(value if isinstance(value, bool) else _YES_NO[str(value).strip().casefold()])
    data, dated = cell_data(value)
    if not dated or number_format_type(there) in _DATES:
        return {"userEnteredValue": data["userEnteredValue"]} if data else {}, None
    return {"userEnteredValue": data["userEnteredValue"]}, {"userEnteredFormat": data["userEnteredFormat"]}


_YES_NO = {"да": True, "нет": False, "истина": True, "ложь": False}
