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
# What a read asks for: each tab's title and id, and per cell its value, its face and its number format.
GRID_FIELDS = ("sheets(properties(sheetId,title),data(startRow,startColumn,rowData(values(effectiveValue,"
               "formattedValue,effectiveFormat/numberFormat))))")
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


def grid_of(data: list[dict], first_row: int) -> list[list[Any]]:
    """GridData of one range → rows of decoded cells; rows before the range's own start padded empty."""
    rows: list[list[Any]] = []
    for part in data:
        start = part.get("startRow", 0)
        for offset, row in enumerate(part.get("rowData", [])):
            index = start + offset - first_row
            while len(rows) <= index:
                rows.append([])
            rows[index] = [decode(c) for c in row.get("values", [])]
    return rows


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
