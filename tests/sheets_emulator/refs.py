"""A1 references in formulas moved as Sheets moves them: by a paste's offset, or when rows or columns are
inserted or deleted before them (https://support.google.com/docs/answer/6208276 — «references update when rows
or columns are added or removed»)."""

from __future__ import annotations

import re

_REF = re.compile(r'("(?:[^"]|"")*")|(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\w(])')


def letters(index: int) -> str:
    out = ""
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def number(text: str) -> int:
    n = 0
    for ch in text.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _rewrite(formula: str, move) -> str:
    def one(match: re.Match) -> str:
        if match[1]:
            return match[1]
        col, row = move(number(match[3]), int(match[5]), bool(match[2]), bool(match[4]))
        if col < 1 or row < 1:
            return "#REF!"
        return f"{match[2]}{letters(col)}{match[4]}{row}"

    return _REF.sub(one, formula)


def shift_formula(formula: str, rows: int, columns: int) -> str:
    """A pasted formula: references without «$» move by the offset of the paste."""
    return _rewrite(formula, lambda c, r, col_abs, row_abs: (c if col_abs else c + columns, r if row_abs else r + rows))


def follow_insert(formula: str, dimension: str, at: int, by: int) -> str:
    """References (absolute ones too) to rows or columns at 0-based index `at` and after move by `by`."""
    if dimension == "ROWS":
        return _rewrite(formula, lambda c, r, _a, _b: (c, r + by if r - 1 >= at else r))
    return _rewrite(formula, lambda c, r, _a, _b: (c + by if c - 1 >= at else c, r))
