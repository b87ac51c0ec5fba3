"""A1 references in formulas moved as Sheets moves them: by a paste's offset, or when rows or columns are
inserted or deleted before them (https://support.google.com/docs/answer/6208276 — «references update when rows
or columns are added or removed»)."""

from __future__ import annotations

import re

# a quoted string; or an A1 cell or range, with the sheet it names («'Оплаты 2026'!F4:F6», «Лист1!A1»)
_REF = re.compile(r'("(?:[^"]|"")*")|(?:(\'(?:[^\']|\'\')+\'|[^\W\d][\w.]*)!)?'
                  r"(\$?)([A-Z]{1,3})(\$?)(\d+)(?::(\$?)([A-Z]{1,3})(\$?)(\d+))?(?![\w(])")


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


def _sheet_name(prefix: str | None) -> str | None:
    if prefix is None:
        return None
    return prefix[1:-1].replace("''", "'") if prefix.startswith("'") else prefix


def _rewrite(formula: str, move, applies=lambda _sheet: True) -> str:
    """`move` every reference `applies` to (given the sheet it names, None for the formula's own). `move` is told
    whether the cell is a range's first end, its last end or a cell alone (-1, 1, 0)."""
    def cell(col_abs: str, col: str, row_abs: str, row: str, end: int) -> tuple[int, int] | None:
        c, r = move(number(col), int(row), bool(col_abs), bool(row_abs), end)
        return None if c < 1 or r < 1 else (c, r)

    def one(match: re.Match) -> str:
        if match[1]:
            return match[1]
        if not applies(_sheet_name(match[2])):
            return match[0]
        marks = (match.group(3, 5), match.group(7, 9))
        if not match[8]:
            ends = [cell(*match.group(3, 4, 5, 6), 0)]
        else:
            ends = [cell(*match.group(3, 4, 5, 6), -1), cell(*match.group(7, 8, 9, 10), 1)]
            if None not in ends and (ends[0][0] > ends[1][0] or ends[0][1] > ends[1][1]):
                ends = [None]  # every row or column of the range was deleted
        if None in ends:
            return "#REF!"
        text = ":".join(f"{m[0]}{letters(c)}{m[1]}{r}" for (c, r), m in zip(ends, marks, strict=False))
        return (f"{match[2]}!" if match[2] else "") + text

    return _REF.sub(one, formula)


def shift_formula(formula: str, rows: int, columns: int) -> str:
    """A pasted formula: references without «$» move by the offset of the paste."""
    return _rewrite(formula, lambda c, r, col_abs, row_abs, _end: (c if col_abs else c + columns,
                                                                   r if row_abs else r + rows))


def follow_insert(formula: str, dimension: str, at: int, by: int, moved: str | None = None,
                  own: str | None = None) -> str:
    """References (absolute ones too) to rows or columns at 0-based index `at` and after move by `by` — those to the
    sheet `moved` only, when given: a formula on sheet `own` follows its own sheet's rows through references with
    no sheet named or with its own name, and another sheet's rows only through references naming that sheet.

    A deletion (`by` < 0) of rows `at + by` … `at - 1`: a cell there becomes #REF!; a range loses them — its end in
    them moves to the row before them, its start to the row after (now at `at + by`)."""
    def applies(sheet: str | None) -> bool:
        return moved is None or (sheet or own) == moved

    def line(n: int, end: int) -> int:
        if n - 1 >= at:
            return n + by
        if by < 0 and n - 1 >= at + by:  # deleted
            return 0 if end == 0 else (at + by if end > 0 else at + by + 1)
        return n

    if dimension == "ROWS":
        return _rewrite(formula, lambda c, r, _a, _b, end: (c, line(r, end)), applies)
    return _rewrite(formula, lambda c, r, _a, _b, end: (line(c, end), r), applies)
