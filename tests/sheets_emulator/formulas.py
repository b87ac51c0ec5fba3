"""The few formulas the emulator computes: arithmetic, NOW/TODAY (and their Russian names), HYPERLINK, SUM — and
references to cells of the sheet being rendered («F4», «F4:F6»: SUM adds the numbers of a range and passes over its
text and empty cells, as Google's does).

Anything else evaluates to #NAME?, as an unknown function does in Google Sheets.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from .values import EPOCH, ErrorValue, Locale

_TOKEN = r'\s*(?:(?P<num>\d+(?:{dec}\d+)?)|(?P<str>"(?:[^"]|"")*")|(?P<name>[A-Za-zА-Яа-яЁё_][\wА-Яа-яЁё.]*)' \
         r"|(?P<op>[-+*/();,&:]))"

_FUNCTIONS = {"NOW": "NOW", "ТДАТА": "NOW", "TODAY": "TODAY", "СЕГОДНЯ": "TODAY", "HYPERLINK": "HYPERLINK",
              "ГИПЕРССЫЛКА": "HYPERLINK", "SUM": "SUM", "СУММ": "SUM"}


_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")
SHEET: ContextVar = ContextVar("sheet", default=None)  # the sheet whose cells are being rendered


@contextmanager
def on_sheet(sheet):
    """Formulas rendered meanwhile read their references from `sheet`."""
    token = SHEET.set(sheet)
    try:
        yield
    finally:
        SHEET.reset(token)


class _Unknown(Exception):
    pass


class _NotANumber(Exception):
    pass


def _number(value):
    """A value in arithmetic: an empty cell is 0, TRUE 1; text that is no number is #VALUE!, as in Google Sheets."""
    if value is None:
        return 0
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    try:  # text of a number is coerced («12» * 2 is 24)
        return float(str(value).strip())
    except ValueError:
        raise _NotANumber(value) from None


def evaluate(formula: str, now: datetime, loc: Locale):
    try:
        parser = _Parser(formula[1:], now, loc)
        value = parser.expression()
        if parser.peek() is not None:
            raise _Unknown(parser.peek())
        return value
    except ZeroDivisionError:
        return ErrorValue("DIV_BY_ZERO", "Function DIVIDE parameter 2 cannot be zero.")
    except _NotANumber as exc:
        return ErrorValue("VALUE", f"Function MULTIPLY parameter 1 expects number values. But '{exc}' is a text and "
                                   "cannot be coerced to a number.")
    except _Unknown as exc:
        return ErrorValue("NAME", f"Unknown function: '{exc}'.")


class _Parser:
    def __init__(self, text: str, now: datetime, loc: Locale) -> None:
        pattern = re.compile(_TOKEN.format(dec=re.escape(loc.decimal)))
        self.tokens = [(m.lastgroup, m.group(m.lastgroup)) for m in pattern.finditer(text)]
        self.pos = 0
        self.now = now
        self.loc = loc

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self):
        token = self.peek()
        if token is None:
            raise _Unknown("")
        self.pos += 1
        return token

    def expression(self):
        value = self.term()
        while (token := self.peek()) and token[1] in "+-&":
            self.take()
            right = self.term()
            if token[1] == "&":  # an empty cell joins as nothing
                value = ("" if value is None else str(value)) + ("" if right is None else str(right))
            else:  # and counts as 0
                value = _number(value) + _number(right) if token[1] == "+" else _number(value) - _number(right)
        return value

    def term(self):
        value = self.factor()
        while (token := self.peek()) and token[1] in "*/":
            self.take()
            right = self.factor()
            value = _number(value) * _number(right) if token[1] == "*" else _number(value) / _number(right)
        return value

    def factor(self):
        kind, text = self.take()
        if kind == "num":
            return float(text.replace(",", ".")) if ("." in text or "," in text) else int(text)
        if kind == "str":
            return text[1:-1].replace('""', '"')
        if kind == "op" and text == "-":
            return -_number(self.factor())
        if kind == "op" and text == "(":
            value = self.expression()
            self.take()
            return value
        if kind == "name" and _REF.fullmatch(text) and SHEET.get() is not None and \
                (self.peek() is None or self.peek()[1] != "("):
            if (token := self.peek()) and token[1] == ":":
                self.take()
                return _cells(text, self.take()[1], self.now, self.loc)
            return _cells(text, text, self.now, self.loc)[0]
        if kind == "name":
            return self.call(text)
        raise _Unknown(text)

    def call(self, name: str):
        function = _FUNCTIONS.get(name.upper())
        if function is None:
            raise _Unknown(name)
        self.take()  # (
        args = []
        while (token := self.peek()) and token[1] != ")":
            args.append(self.expression())
            if (token := self.peek()) and token[1] in ",;":
                self.take()
        self.take()  # )
        if function == "NOW":
            delta = self.now - EPOCH
            return delta.days + delta.seconds / 86400
        if function == "TODAY":
            return (self.now - EPOCH).days
        if function == "HYPERLINK":
            return args[1] if len(args) > 1 else args[0]
        return sum(v for a in args for v in (a if isinstance(a, list) else [a])
                   if isinstance(v, int | float) and not isinstance(v, bool))


def _cells(first: str, last: str, now: datetime, loc) -> list:
    """The computed values of a block of the current sheet (None for an empty cell)."""
    from .values import effective

    sheet = SHEET.get()
    (c0, r0), (c1, r1) = (_at(first), _at(last))
    out = []
    for r in range(min(r0, r1), max(r0, r1) + 1):
        for c in range(min(c0, c1), max(c0, c1) + 1):
            cell = sheet.cell(r, c)
            out.append(None if cell is None or not cell.has_value() else effective(cell, now, _name_of(loc)))
    return out


def _at(ref: str) -> tuple[int, int]:
    letters, digits = _REF.fullmatch(ref).groups()
    column = 0
    for ch in letters.upper():
        column = column * 26 + ord(ch) - 64
    return column - 1, int(digits) - 1


def _name_of(loc) -> str:
    from .values import LOCALES

    return next(name for name, known in LOCALES.items() if known is loc)
