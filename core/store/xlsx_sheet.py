"""Writing cells into one worksheet part, changing nothing else in it.

The part is edited as text: rows the app doesn't write stay byte for byte. What real files hold is taken
as it comes — elements with a namespace prefix (<x:row>), rows and cells without their optional «r»
attribute, shared (filled-down) formulas whose first cell the app overwrites (the formula moves to the
others), array formulas (refused: Excel forbids changing part of one).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from openpyxl.formula.translate import Translator

from core.platform.a1 import column_index, column_letter

from .xlsx_cells import cell_xml
from .xlsx_package import UnsupportedLayout, attrs, local

MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384
Cells = dict[int, dict[int, Any]]  # sheet row → column (1-based) → value


@dataclass
class Row:
    number: int
    start: int
    end: int
    explicit: bool  # the tag carries r=


@dataclass
class Written:
    xml: str
    formulas_overwritten: bool = False  # calcChain.xml must go
    cells: list[tuple[int, int]] = field(default_factory=list)


ROWS_FOUND_ONE_BY_ONE = 32  # rows_at: up to this many rows are searched for one by one


class Sheet:
    def __init__(self, xml: str, main_ns: str) -> None:
        self.xml = xml
        root = re.search(r"<([\w.-]+:)?worksheet\b[^>]*>", xml)
        if root is None:
            raise UnsupportedLayout("no <worksheet>")
        prefix = root[1] or ""
        declared = attrs(root[0])
        if declared.get(f"xmlns:{prefix[:-1]}" if prefix else "xmlns") != main_ns:
            raise UnsupportedLayout("worksheet in an unknown namespace")
        self.p = prefix
        self._rows: tuple[str, list[Row]] | None = None
        self._bounds: tuple[str, tuple[int, int]] | None = None
        self._like: Mapping[int, int] = {}  # the formats new rows take (write's `like`)

    # finding rows and cells ----------------------------------------------------------------------
    def _body(self) -> tuple[int, int]:
        """Where the rows are: just inside <sheetData> … </sheetData> (an empty <sheetData/> is opened up)."""
        if self._bounds is not None and self._bounds[0] is self.xml:
            return self._bounds[1]
        p = re.escape(self.p)
        opening = re.search(rf"<{p}sheetData\b[^>]*?(/?)>", self.xml)
        if opening is None:
            raise UnsupportedLayout("no <sheetData>")
        if opening[1] == "/":
            self.xml = self.xml[:opening.start()] + f"<{self.p}sheetData></{self.p}sheetData>" + \
                self.xml[opening.end():]
            opening = re.search(rf"<{p}sheetData\b[^>]*>", self.xml)
        end = self.xml.find(f"</{self.p}sheetData>", opening.end())
        if end < 0:
            raise UnsupportedLayout("unclosed <sheetData>")
        self._bounds = (self.xml, (opening.end(), end))
        return opening.end(), end

    def rows(self) -> list[Row]:
        """Every <row> of sheetData with its number (written or implied) and where it is; kept until the XML changes."""
        if self._rows is not None and self._rows[0] is self.xml:
            return self._rows[1]
        start, end = self._body()
        found, number = [], 0
        close_tag = f"</{self.p}row>"
        # the row number captured by a look-ahead, so that no attribute of 20 000 rows is parsed in Python
        pattern = re.compile(rf'<{re.escape(self.p)}row\b(?:(?=[^>]*?\sr="(\d+)"))?[^>]*?(/?)>')
        for m in pattern.finditer(self.xml, start, end):
            explicit = m[1] is not None
            number = int(m[1]) if explicit else number + 1
            if m[2] == "/":
                row_end = m.end()
            else:
                close = self.xml.find(close_tag, m.end())
                if close < 0:
                    raise UnsupportedLayout("unclosed <row>")
                row_end = close + len(close_tag)
            if found and number <= found[-1].number:
                raise UnsupportedLayout("rows out of order")
            found.append(Row(number, m.start(), row_end, explicit))
        self._rows = (self.xml, found)
        return found

    def rows_at(self, numbers: set[int]) -> dict[int, Row] | None:
        """These rows, each found by its own r="…" without walking the sheet (one C search per row: an update of
        one row in 20 000 no longer reads them all); None when one of them has no such tag (rows without numbers,
        or a row not there yet) — then rows() walks the sheet."""
        if self._rows is not None and self._rows[0] is self.xml:
            known = {r.number: r for r in self._rows[1] if r.number in numbers}
            return known if len(known) == len(numbers) else None
        if len(numbers) > ROWS_FOUND_ONE_BY_ONE:
            return None  # each search reads the sheet from its top: for many rows one walk is cheaper
        start, end = self._body()
        close_tag = f"</{self.p}row>"
        found = {}
        for number in numbers:
            m = re.compile(rf'<{re.escape(self.p)}row\b[^>]*?\sr="{number}"[^>]*?(/?)>').search(self.xml, start, end)
            if m is None:
                return None
            row_end = m.end() if m[1] == "/" else self.xml.find(close_tag, m.end()) + len(close_tag)
            if row_end < m.end():
                raise UnsupportedLayout("unclosed <row>")
            found[number] = Row(number, m.start(), row_end, True)
        ordered = sorted(found.values(), key=lambda r: r.number)
        if any(a.end > b.start for a, b in zip(ordered, ordered[1:], strict=False)):
            return None  # rows out of order: rows() says so
        return found

    def cells_of(self, row: Row) -> dict[int, str]:
        """Column → the cell's XML, for one row."""
        return self._cells(self._inner(row))

    def _cells(self, inner: str) -> dict[int, str]:
        """Column → the cell's XML, in a row's inner text."""
        p = re.escape(self.p)
        out, col = {}, 0
        for m in re.finditer(rf"<{p}c\b[^>]*?(?:/>|>.*?</{p}c>)", inner, re.S):
            ref = attrs(m[0].split(">", 1)[0]).get("r")
            col = column_index(re.match(r"[A-Z]+", ref)[0]) if ref else col + 1
            out[col] = m[0]
        leftover = re.sub(rf"<{p}c\b[^>]*?(?:/>|>.*?</{p}c>)", "", inner, flags=re.S).strip()
        if leftover:
            raise UnsupportedLayout("unexpected content inside <row>")
        return out

    def last_row(self) -> int:
        """The number of the last row holding a value (0 when only empty rows are there).

        Read from the end of the sheet, so a 20 000-row sheet is not walked to find its last row."""
        start, end = self._body()
        value = re.compile(rf"<{re.escape(self.p)}(?:v|t|f)\b")
        pos = end
        while (tag := self._previous_row_tag(start, pos)) is not None:
            tag_start, tag_end, number = tag
            if number is None:  # rows without numbers: count them from the top
                return next((r.number for r in reversed(self.rows())
                             if value.search(self.xml, r.start, r.end)), 0)
            if value.search(self.xml, tag_end, pos):
                return number
            pos = tag_start
        return 0

    def last_record_row(self, above: int | None = None) -> int:
        """The number of the last row (above row `above`, when given: a staff's «Итого») holding a value someone
        typed (0 when none): rows of nothing but formulas and unticked boxes hold none (xlsx_filled.prepared_rows).
        The last row is looked at first: on a sheet without such rows nothing more is read."""
        last = self.last_row() if above is None else min(self.last_row(), above - 1)
        found = self.rows_at({last}) if last else None
        rows = list(found.values()) if found else []
        if rows and self._typed(rows[0]):
            return last
        return next((row.number for row in reversed(self.rows()) if row.number <= last and self._typed(row)), 0)

    def _typed(self, row: Row) -> bool:
        p = re.escape(self.p)
        for xml in self.cells_of(row).values():
            if re.search(rf"<{p}f\b", xml) or not re.search(rf"<{p}(?:v|t)\b[^>]*>[^<]", xml):
                continue  # a formula's result, or an empty cell
            if 't="b"' in xml.split(">", 1)[0] and re.search(rf"<{p}v>0</{p}v>", xml):
                continue  # an unticked box
            return True
        return False

    def _previous_row_tag(self, start: int, pos: int) -> tuple[int, int, int | None] | None:
        """The <row> tag before `pos`: where it starts and ends, and its number when it has one."""
        marker = f"<{self.p}row"
        at = self.xml.rfind(marker, start, pos)
        while at >= 0 and self.xml[at + len(marker)] not in " \t\r\n/>":
            at = self.xml.rfind(marker, start, at)
        if at < 0:
            return None
        tag_end = self.xml.find(">", at) + 1
        number = re.search(r'\sr="(\d+)"', self.xml[at:tag_end])
        return at, tag_end, int(number[1]) if number else None

    # formulas ----------------------------------------------------------------------------------
    def _formula(self, cell: str) -> dict[str, str] | None:
        m = re.search(rf"<{re.escape(self.p)}f\b[^>]*>", cell)
        return attrs(m[0]) if m else None

    def _array_ranges(self) -> list[tuple[int, int, int, int]]:
        out = []
        for tag in re.findall(rf"<{re.escape(self.p)}f\b[^>]*>", self.xml):
            a = attrs(tag)
            if a.get("t") in ("array", "dataTable") and a.get("ref"):
                out.append(bounds(a["ref"]))
        return out

    def _expand_shared(self, groups: Mapping[str, tuple[str, str]]) -> None:
        """Give every other cell of these shared formulas its own formula (the group's first cell is overwritten)."""
        p = re.escape(self.p)

        def own(m: re.Match) -> str:
            cell = m[0]
            a = self._formula(cell)
            if not a or a.get("t") != "shared" or a.get("si") not in groups or a.get("ref"):
                return cell
            text, origin = groups[a["si"]]
            ref = attrs(cell.split(">", 1)[0]).get("r")
            if not ref:
                raise UnsupportedLayout("shared formula cell without a reference")
            moved = Translator("=" + text, origin=origin).translate_formula(ref)[1:]
            return re.sub(rf"<{p}f\b[^>]*?(?:/>|>.*?</{p}f>)", f"<{self.p}f>{escape(moved)}</{self.p}f>", cell,
                          count=1, flags=re.S)

        self.xml = re.sub(rf"<{p}c\b[^>]*?(?:/>|>.*?</{p}c>)", own, self.xml, flags=re.S)

    def _prepare_formulas(self, cells: Cells) -> bool:
        """Refuse writes into array formulas; move shared formulas off the cells written. True if any formula is lost."""
        targets = {(r, c) for r, cols in cells.items() for c in cols}
        for top, left, bottom, right in self._array_ranges():
            hit = next(((r, c) for r, c in targets if top <= r <= bottom and left <= c <= right), None)
            if hit:
                raise UnsupportedLayout(f"array formula at {column_letter(hit[1])}{hit[0]}")
        overwritten, groups = False, {}
        at = self.rows_at(set(cells))
        for row in (at.values() if at is not None else self.rows()):
            if row.number not in cells:
                continue
            existing = self._cells(self._inner(row))
            for col in cells[row.number]:
                formula = self._formula(existing.get(col, ""))
                if formula is None:
                    continue
                overwritten = True
                if formula.get("t") == "shared" and formula.get("ref"):
                    text = re.search(rf"<{re.escape(self.p)}f\b[^>]*>(.*?)</{re.escape(self.p)}f>",
                                     existing[col], re.S)
                    groups[formula["si"]] = (xml_text(text[1]) if text else "", f"{column_letter(col)}{row.number}")
        if groups:
            self._expand_shared(groups)
        return overwritten

    def _inner(self, row: Row) -> str:
        tag_end = self.xml.find(">", row.start) + 1
        if self.xml[tag_end - 2] == "/":
            return ""
        return self.xml[tag_end:row.end - len(f"</{self.p}row>")]

    # writing ------------------------------------------------------------------------------------
    def row_styles(self, number: int) -> dict[int, int]:
        """Column → the cell format index of each cell of row `number` that has one (none: the row isn't there)."""
        rows = self.rows_at({number})
        row = rows.get(number) if rows is not None else next((r for r in self.rows() if r.number == number), None)
        if row is None:
            return {}
        found = {col: attrs(xml.split(">", 1)[0]).get("s") for col, xml in self.cells_of(row).items()}
        return {col: int(style) for col, style in found.items() if style and style.isdigit()}  # s="" seen in files

    def write(self, cells: Cells, style_for: Callable[[Any, int | None], int | None], date1904: bool,
              like: Mapping[int, int] | None = None) -> Written:
        """Put the values of `cells` in; `style_for(value, current style)` chooses a written cell's format. New rows
        take the formats of `like` (column → format: the record above them), borders on their empty cells too."""
        self._like = like or {}
        for number, cols in cells.items():
            if number > MAX_ROWS or any(c > MAX_COLUMNS for c in cols):
                raise UnsupportedLayout(f"beyond the sheet: row {number}")
        start, end = self._body()
        tail = self._previous_row_tag(start, end)
        if tail is None or (tail[2] is not None and min(cells) > tail[2]):  # rows added after the last one
            rows_xml = "".join(self._new_row(n, cells[n], style_for, date1904) for n in sorted(cells))
            self.xml = self.xml[:end] + rows_xml + self.xml[end:]
            self._extend_dimension(cells)
            return Written(self.xml, False, [(r, c) for r, cols in cells.items() for c in cols])
        overwritten = self._prepare_formulas(cells)
        pieces, cursor = [], 0
        start, end = self._body()
        by_number = self.rows_at(set(cells))  # every row written is there: found without walking the sheet
        rows = list(by_number.values()) if by_number is not None else self.rows()
        by_number = by_number if by_number is not None else {r.number: r for r in rows}
        for number in sorted(cells):
            row = by_number.get(number)
            if row is not None:
                pieces += [self.xml[cursor:row.start], self._merge(row, cells[number], style_for, date1904)]
                cursor = row.end
            else:
                after = next((r for r in rows if r.number > number), None)
                at = after.start if after else end
                if after is not None and not after.explicit:
                    raise UnsupportedLayout("new row before rows without numbers")
                pieces += [self.xml[cursor:at], self._new_row(number, cells[number], style_for, date1904)]
                cursor = at
        pieces.append(self.xml[cursor:])
        self.xml = "".join(pieces)
        self._extend_dimension(cells)
        return Written(self.xml, overwritten, [(r, c) for r, cols in cells.items() for c in cols])

    def _merge(self, row: Row, values: Mapping[int, Any], style_for, date1904: bool) -> str:
        text = self.xml[row.start:row.end]
        opening = text[:text.find(">") + 1]
        existing = self._cells(self._inner(row))
        tag = opening[:-2] + ">" if opening.endswith("/>") else opening
        tag = re.sub(r'\sspans="[^"]*"', "", tag)  # a hint only; new cells may fall outside it
        if not row.explicit:
            tag = tag[:-1] + f' r="{row.number}">'
        merged = {col: (xml if attrs(xml.split(">", 1)[0]).get("r") else _with_ref(xml, self.p, col, row.number))
                  for col, xml in existing.items()}
        for col, value in values.items():
            old = existing.get(col)
            current = attrs(old.split(">", 1)[0]).get("s") if old else None
            style = style_for(value, int(current) if current is not None else None)
            merged[col] = cell_xml(self.p, col, row.number, value, style, date1904)
        return tag + "".join(merged[c] for c in sorted(merged)) + f"</{self.p}row>"

    def _new_row(self, number: int, values: Mapping[int, Any], style_for, date1904: bool) -> str:
        like = self._like
        cells = "".join(cell_xml(self.p, col, number, values[col], style_for(values[col], like[col], True)
                                 if col in like else style_for(values[col], None), date1904)
                        if col in values else f'<{self.p}c r="{column_letter(col)}{number}" s="{like[col]}"/>'
                        for col in sorted({*values, *like}))
        return f'<{self.p}row r="{number}">{cells}</{self.p}row>'

    def _extend_dimension(self, cells: Cells) -> None:
        p = re.escape(self.p)
        m = re.search(rf"<{p}dimension\b[^>]*?(?:/>|>\s*</{p}dimension>)", self.xml)
        if not m or "ref" not in attrs(m[0]):
            return
        top, left, bottom, right = bounds(attrs(m[0])["ref"])
        bottom = max(bottom, *cells)
        right = max(right, *(c for row in cells.values() for c in row))
        ref = f"{column_letter(left)}{top}:{column_letter(right)}{bottom}"
        self.xml = self.xml[:m.start()] + f'<{self.p}dimension ref="{ref}"/>' + self.xml[m.end():]


def _with_ref(cell: str, prefix: str, col: int, row: int) -> str:
    return re.sub(rf"^<{re.escape(prefix)}c\b", f'<{prefix}c r="{column_letter(col)}{row}"', cell, count=1)


def bounds(ref: str) -> tuple[int, int, int, int]:
    """«B2:D9» → (top, left, bottom, right), 1-based and inclusive."""
    first, _, last = ref.replace("$", "").partition(":")
    last = last or first
    a, b = re.match(r"([A-Z]*)(\d*)", first), re.match(r"([A-Z]*)(\d*)", last)
    return (int(a[2] or 1), column_index(a[1]) if a[1] else 1, int(b[2] or MAX_ROWS),
            column_index(b[1]) if b[1] else MAX_COLUMNS)


def xml_text(text: str) -> str:
    """Text between tags, as written before XML escaped it (character references too: «&#1063;» is «Ч»)."""
    text = re.sub(r"&#(x[0-9A-Fa-f]+|\d+);", lambda m: chr(int(m[1][1:], 16) if m[1][0] == "x" else int(m[1])), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'") \
        .replace("&amp;", "&")


__all__ = ["Cells", "MAX_ROWS", "Sheet", "Written", "local", "xml_text"]
