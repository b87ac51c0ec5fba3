"""Cells as Google Sheets holds them: an effective value, a formula, a number format; and how the API renders them.

Rendering follows what the recordings in tests/data/recordings show (UNFORMATTED_VALUE gives numbers, dates as
serial numbers unless FORMATTED_STRING is asked for; FORMATTED_VALUE gives the text a person sees) and the
locale rules Google documents: a Russian-locale sheet shows «1 234,50», «28.12.2022», «ИСТИНА».
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

EPOCH = datetime(1899, 12, 30)
CLOCK: list = [None]  # a fixed «now» for NOW()/TODAY() set by a test; None: the real time
DATE_TYPES = {"DATE", "DATE_TIME", "TIME"}


@dataclass
class ErrorValue:
    kind: str  # NAME, DIV_BY_ZERO, VALUE…
    message: str

    @property
    def text(self) -> str:
        return {"NAME": "#NAME?", "DIV_BY_ZERO": "#DIV/0!", "VALUE": "#VALUE!", "REF": "#REF!"}.get(self.kind, "#ERROR!")


@dataclass
class Cell:
    """One cell: what was entered (value or formula) and its userEnteredFormat."""

    value: Any = None  # str | int | float | bool | None
    formula: str | None = None
    number_format: dict | None = None  # {"type": "DATE", "pattern": "dd.mm.yyyy"}
    other_format: dict = field(default_factory=dict)  # bold etc., kept as sent
    note: str | None = None
    runs: list | None = None  # textFormatRuns, as sent: rich text of a string, each run inheriting the cell's format

    def has_value(self) -> bool:
        return self.formula is not None or self.value not in (None, "")


# ---------------------------------------------------------------------------------------------- locale
@dataclass(frozen=True)
class Locale:
    decimal: str
    group: str
    true: str
    false: str
    date_pattern: str  # what a typed date gets
    arg_separator: str


LOCALES = {
    "en_US": Locale(".", ",", "TRUE", "FALSE", "M/d/yyyy", ","),
    "ru_RU": Locale(",", "\u00a0", "ИСТИНА", "ЛОЖЬ", "dd.MM.yyyy", ";"),
}


def locale_of(name: str) -> Locale:
    return LOCALES.get(name, LOCALES["en_US"])


# ---------------------------------------------------------------------------------------------- numbers
def json_number(value: float | int) -> float | int:
    """Google writes integral numbers without a fraction: 43831, not 43831.0."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def general(value: float | int, loc: Locale) -> str:
    """The «automatic» format: up to 15 significant digits, no grouping."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = str(value) if isinstance(value, int) else format(value, ".15g")
    if "e" in text:
        text = format(value, ".10g")
    return text.replace(".", loc.decimal)


_BRACKET = re.compile(r"\[\$([^\]-]*)(?:-[0-9A-Fa-f]+)?\]|\[[^\]]*\]")


def _tokens(section: str) -> list[tuple[str, str]]:
    """A number pattern as tokens: ('d', '0'|'#'|'?'), ('.', ''), (',', ''), ('%', ''), ('lit', text)."""
    section = _BRACKET.sub(lambda m: m.group(1) or "", section)
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            out.append(("lit", section[i + 1:end]))
            i = end + 1
            continue
        if ch == "\\" and i + 1 < len(section):
            out.append(("lit", section[i + 1]))
            i += 2
            continue
        if ch in "0#?":
            out.append(("d", ch))
        elif ch in ".,%":
            out.append((ch, ""))
        elif ch in "_*":  # padding directives: skip the next character
            i += 2
            continue
        else:
            out.append(("lit", ch))
        i += 1
    return out


def render_number(value: float, pattern: str, loc: Locale) -> str:
    sections = pattern.split(";")
    negative = value < 0
    section = sections[1] if negative and len(sections) > 1 else sections[0]
    sign = "-" if negative and len(sections) == 1 else ""
    tokens = _tokens(section)
    number = abs(value) * (100 ** sum(1 for t, _ in tokens if t == "%"))
    tokens = [("lit", "%") if t == "%" else (t, v) for t, v in tokens]
    dot = next((i for i, (t, _) in enumerate(tokens) if t == "."), None)
    int_part = tokens if dot is None else tokens[:dot]
    frac_part = [] if dot is None else tokens[dot + 1:]
    decimals = sum(1 for t, _ in frac_part if t == "d")
    grouping = any(t == "," for i, (t, _) in enumerate(int_part)
                   if any(x == "d" for x, _ in int_part[:i]) and any(x == "d" for x, _ in int_part[i + 1:]))
    scaled = round(number * 10 ** decimals)  # half away from zero for positive numbers
    whole, frac = divmod(int(scaled), 10 ** decimals) if decimals else (int(scaled), 0)
    digits = str(whole) if whole else ""
    slots = [i for i, (t, _) in enumerate(int_part) if t == "d"]
    if not slots:
        return sign + "".join(v for t, v in tokens if t == "lit")
    filled: dict[int, str] = {}
    rest = digits
    for pos in reversed(slots):
        ch = int_part[pos][1]
        if rest:
            filled[pos], rest = rest[-1], rest[:-1]
        else:
            filled[pos] = {"0": "0", "?": " "}.get(ch, "")
    if rest:
        filled[slots[0]] = rest + filled[slots[0]]
    if grouping:
        body = "".join(filled[p] for p in slots)
        stripped = body.lstrip(" ")
        grouped = _group(stripped, loc.group)
        int_text = "".join(v for t, v in int_part[:slots[0]] if t == "lit") + grouped + \
            "".join(v for t, v in int_part[slots[-1] + 1:] if t == "lit")
    else:
        int_text = "".join(filled.get(i, v if t == "lit" else "") for i, (t, v) in enumerate(int_part))
    frac_text = ""
    if frac_part:
        frac_digits = str(frac).rjust(decimals, "0") if decimals else ""
        out, k = [], 0
        for t, v in frac_part:
            if t == "d":
                out.append(frac_digits[k])
                k += 1
            elif t == "lit":
                out.append(v)
        text = "".join(out)
        # trailing «#» placeholders drop their zeros
        optional = sum(1 for t, v in reversed([x for x in frac_part if x[0] == "d"]) if v == "#")
        while optional and text.rstrip() and text[-1] == "0":
            text, optional = text[:-1], optional - 1
        frac_text = (loc.decimal + text) if text else ""
    return sign + int_text + frac_text


def _group(digits: str, sep: str) -> str:
    if not digits:
        return "0"
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return sep.join(parts)


_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
_MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
              "ноября", "декабря"]
_DATE_TOKEN = re.compile(r"yyyy|yy|MMMM|mmmm|MMM|mmm|MM|mm|M|m|dd|d|HH|hh|H|h|ss|s|am/pm|AM/PM|\"[^\"]*\"|.",
                         re.IGNORECASE)


def serial_to_datetime(serial: float) -> datetime:
    return EPOCH + timedelta(days=serial)


def date_to_serial(value: date | datetime) -> float | int:
    if isinstance(value, datetime):
        delta = value - EPOCH
        return json_number(delta.days + delta.seconds / 86400)
    return (value - EPOCH.date()).days


def render_date(serial: float, pattern: str, locale_name: str) -> str:
    moment = serial_to_datetime(serial)
    months = _MONTHS_RU if locale_name == "ru_RU" else _MONTHS_EN
    out, after_hour = [], False
    for token in _DATE_TOKEN.findall(pattern):
        low = token.lower()
        if low == "yyyy":
            out.append(f"{moment.year:04d}")
        elif low == "yy":
            out.append(f"{moment.year % 100:02d}")
        elif low == "mmmm":
            out.append(months[moment.month - 1])
        elif low == "mmm":
            out.append(months[moment.month - 1][:3])
        elif low in ("mm", "m") and after_hour:
            out.append(f"{moment.minute:02d}" if low == "mm" else str(moment.minute))
        elif low == "mm":
            out.append(f"{moment.month:02d}")
        elif low == "m":
            out.append(str(moment.month))
        elif low == "dd":
            out.append(f"{moment.day:02d}")
        elif low == "d":
            out.append(str(moment.day))
        elif low in ("hh", "h"):
            out.append(f"{moment.hour:02d}" if low == "hh" else str(moment.hour))
            after_hour = True
            continue
        elif low in ("ss", "s"):
            out.append(f"{moment.second:02d}" if low == "ss" else str(moment.second))
        elif token.startswith('"'):
            out.append(token[1:-1])
        else:
            out.append(token)
        after_hour = after_hour and low in (":",)
    return "".join(out)


# ---------------------------------------------------------------------------------------------- rendering
def effective(cell: Cell, now: datetime | None = None, locale_name: str = "en_US") -> Any:
    """The value the cell holds after its formula is computed."""
    if cell.formula is not None:
        from .formulas import evaluate

        return evaluate(cell.formula, now or CLOCK[0] or datetime.now(), locale_of(locale_name))
    return cell.value


def effective_format(cell: Cell, value: Any) -> dict | None:
    if cell.number_format:
        return cell.number_format
    if cell.formula is not None and isinstance(value, float | int) and cell.formula.upper().startswith(
            ("=NOW", "=ТДАТА")):
        return {"type": "DATE_TIME", "pattern": "dd.mm.yyyy hh:mm:ss"}
    return None


def formatted(cell: Cell, locale_name: str, now: datetime | None = None) -> str:
    value = effective(cell, now, locale_name)
    loc = locale_of(locale_name)
    if value is None:
        return ""
    if isinstance(value, ErrorValue):
        return value.text
    if isinstance(value, bool):
        return loc.true if value else loc.false
    if isinstance(value, str):
        return value
    fmt = effective_format(cell, value)
    if fmt and fmt.get("type") in DATE_TYPES:
        pattern = fmt.get("pattern") or ("dd.MM.yyyy" if locale_name == "ru_RU" else "M/d/yyyy")
        return render_date(value, pattern, locale_name)
    if fmt and fmt.get("pattern"):
        return render_number(value, fmt["pattern"], loc)
    if fmt and fmt.get("type") == "PERCENT":
        return render_number(value, "0.00%", loc)
    return general(value, loc)


def unformatted(cell: Cell, date_option: str, locale_name: str, now: datetime | None = None) -> Any:
    value = effective(cell, now, locale_name)
    if isinstance(value, ErrorValue):
        return value.text
    if isinstance(value, bool) or isinstance(value, str) or value is None:
        return value
    fmt = effective_format(cell, value)
    if date_option == "FORMATTED_STRING" and fmt and fmt.get("type") in DATE_TYPES:
        return formatted(cell, locale_name, now)
    return json_number(value)


def rendered(cell: Cell | None, value_option: str, date_option: str, locale_name: str) -> Any:
    """One cell under valueRenderOption / dateTimeRenderOption, as values:get returns it."""
    if cell is None or not cell.has_value():
        return ""
    if value_option == "FORMULA" and cell.formula is not None:
        return cell.formula
    if value_option in ("UNFORMATTED_VALUE", "FORMULA"):
        return unformatted(cell, date_option, locale_name)
    return formatted(cell, locale_name)


def extended_value(value: Any) -> dict:
    """A Python value as the API's ExtendedValue / effectiveValue."""
    if isinstance(value, ErrorValue):
        return {"errorValue": {"type": value.kind, "message": value.message}}
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, int | float):
        return {"numberValue": json_number(value)}
    return {"stringValue": str(value)}


# ---------------------------------------------------------------------------------------------- entering
def entered(value: Any, option: str, locale_name: str) -> Cell | None:
    """A value sent with valueInputOption RAW or USER_ENTERED, as the cell Google makes of it.

    None leaves the cell as it is (the caller skips it); "" clears it.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return Cell(value=value)
    if isinstance(value, int | float):
        return Cell(value=value)
    text = str(value)
    if text == "":
        return Cell()
    if option != "USER_ENTERED":
        return Cell(value=text)
    return parse_typed(text, locale_name)


def parse_typed(text: str, locale_name: str) -> Cell:
    """What a person typing `text` into a cell gets (USER_ENTERED)."""
    loc = locale_of(locale_name)
    if text.startswith("="):
        return Cell(formula=text)
    if text.startswith("'"):
        return Cell(value=text[1:])
    stripped = text.strip()
    if stripped.upper() in (loc.true, "TRUE"):
        return Cell(value=True)
    if stripped.upper() in (loc.false, "FALSE"):
        return Cell(value=False)
    number = _parse_number(stripped, loc)
    if number is not None:
        return number
    moment = _parse_date(stripped, locale_name)
    if moment is not None:
        return moment
    return Cell(value=text)


def _parse_number(text: str, loc: Locale) -> Cell | None:
    group = "[ \u00a0]" if loc.group == "\u00a0" else ","
    dec = re.escape(loc.decimal)
    body = rf"[+-]?(?:\d{{1,3}}(?:{group}\d{{3}})+|\d+)(?:{dec}\d+)?"
    m = re.fullmatch(rf"({body})\s*(%|₽|р\.|руб\.)?", text)
    if not m:
        return None
    digits = re.sub(group, "", m[1]).replace(loc.decimal, ".")
    number = float(digits)
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    suffix = m[2]
    if suffix == "%":
        pattern = "0%" if not decimals else "0." + "0" * decimals + "%"
        return Cell(value=json_number(number / 100), number_format={"type": "PERCENT", "pattern": pattern})
    if suffix:
        return Cell(value=json_number(number), number_format={"type": "CURRENCY", "pattern": '#,##0.00 "₽"'})
    return Cell(value=json_number(number))


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_DMY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_MDY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _parse_date(text: str, locale_name: str) -> Cell | None:
    try:
        if m := _ISO.fullmatch(text):
            if m[4] is not None:
                moment = datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6] or 0))
                return Cell(value=date_to_serial(moment), number_format={"type": "DATE_TIME",
                                                                          "pattern": "yyyy-mm-dd hh:mm:ss"})
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return Cell(value=date_to_serial(day), number_format={"type": "DATE", "pattern": "yyyy-mm-dd"})
        if locale_name == "ru_RU" and (m := _DMY.fullmatch(text)):
            day = date(int(m[3]), int(m[2]), int(m[1]))
            return Cell(value=date_to_serial(day), number_format={"type": "DATE", "pattern": "dd.mm.yyyy"})
        if locale_name != "ru_RU" and (m := _MDY.fullmatch(text)):
            day = date(int(m[3]), int(m[1]), int(m[2]))
            return Cell(value=date_to_serial(day), number_format={"type": "DATE", "pattern": "M/d/yyyy"})
    except ValueError:
        return None
    return None


def finite(value: float) -> bool:
    return not (math.isnan(value) or math.isinf(value))
