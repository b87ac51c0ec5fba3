"""The few formulas the emulator computes: arithmetic, NOW/TODAY (and their Russian names), HYPERLINK, SUM.

Anything else evaluates to #NAME?, as an unknown function does in Google Sheets.
"""

from __future__ import annotations

import re
from datetime import datetime

from .values import EPOCH, ErrorValue, Locale

_TOKEN = r'\s*(?:(?P<num>\d+(?:{dec}\d+)?)|(?P<str>"(?:[^"]|"")*")|(?P<name>[A-Za-zА-Яа-яЁё_][\wА-Яа-яЁё.]*)' \
         r"|(?P<op>[-+*/();,&]))"

_FUNCTIONS = {"NOW": "NOW", "ТДАТА": "NOW", "TODAY": "TODAY", "СЕГОДНЯ": "TODAY", "HYPERLINK": "HYPERLINK",
              "ГИПЕРССЫЛКА": "HYPERLINK", "SUM": "SUM", "СУММ": "SUM"}


class _Unknown(Exception):
    pass


def evaluate(formula: str, now: datetime, loc: Locale):
    try:
        parser = _Parser(formula[1:], now, loc)
        value = parser.expression()
        if parser.peek() is not None:
            raise _Unknown(parser.peek())
        return value
    except ZeroDivisionError:
        return ErrorValue("DIV_BY_ZERO", "Function DIVIDE parameter 2 cannot be zero.")
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
            value = (str(value) + str(right)) if token[1] == "&" else (
                value + right if token[1] == "+" else value - right)
        return value

    def term(self):
        value = self.factor()
        while (token := self.peek()) and token[1] in "*/":
            self.take()
            right = self.factor()
            value = value * right if token[1] == "*" else value / right
        return value

    def factor(self):
        kind, text = self.take()
        if kind == "num":
            return float(text.replace(",", ".")) if ("." in text or "," in text) else int(text)
        if kind == "str":
            return text[1:-1].replace('""', '"')
        if kind == "op" and text == "-":
            return -self.factor()
        if kind == "op" and text == "(":
            value = self.expression()
            self.take()
            return value
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
        return sum(args)
