"""A confirmed mapping of the staff's tabs and columns onto the model's, kept in the sheet itself.

It lives in an app-owned tab «EduDesk — соответствие», one row per staff column, so a colleague on another machine
opening the same workbook or Google Sheet finds it, and staff can read what the app takes from where. Writing it
touches no staff tab (an owned tab is written whole, alone). A column is found again by its header, so a column
moved elsewhere is followed; a header that is gone is a finding at the cell where it was, never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from core.platform.a1 import column_index, column_letter
from core.store.base import OwnedTab, TabData
from sheets_schema.base import normalize_header

from .words import parsed, said

MAPPING_TAB = "EduDesk — соответствие"
MARK_KEY = "edudesk.column"  # the key of a marked staff column (Google: developer metadata; a workbook: a name)
STAFF_ONLY = "только для сотрудников"
PARTS = ("фамилия", "имя", "отчество")  # of a name; composite.py has the other parts a link may be
HEADERS = ["Лист модели", "Столбец модели", "Лист сотрудников", "Столбец сотрудников", "Буква", "Часть ФИО",
           "Строка заголовков", "Строк в заголовке", "Слова сотрудников"]


@dataclass(frozen=True)
class Link:
    """One model column ← one staff column (or a part of their «ФИО», or one of the parts a model «ФИО» is made of)."""

    model_header: str
    sheet_header: str
    letter: str
    part: str | None = None  # фамилия / имя / отчество, с / по, код, раздел, шапка (core.connect.composite)
    origin: str | None = None  # the header it had when connected: its column's mark, after a rename too
    words: tuple[tuple[str, str], ...] = ()  # (the staff's word, the model list's value) — core.connect.words

    @property
    def has_column(self) -> bool:
        """A section's or the title's value has no column of its own."""
        return self.part not in ("раздел", "шапка", "даты", "отметка")


@dataclass(frozen=True)
class TabMap:
    model_tab: str
    sheet: str
    header_row: int = 1
    depth: int = 1
    links: tuple[Link, ...] = ()
    staff_only: tuple[tuple[str, str], ...] = ()  # (header, letter): kept as it is, never written
    # the same register kept on more tabs of theirs (one per group), each read by its own links and joined to this one
    also: tuple[TabMap, ...] = ()
    joined: bool = False  # one of `also` of another tab (set by `every`): its marks name its tab too

    @property
    def every(self) -> tuple[TabMap, ...]:
        """This tab and the others holding the same model tab, this one first."""
        return (replace(self, also=(), joined=False), *(replace(m, joined=True) for m in self.also))

    def one_of(self, sheet: str) -> TabMap:
        return next((m for m in self.every if m.sheet == sheet), self)

    def with_one(self, changed: TabMap) -> TabMap:
        """This mapping with one of its tabs' mappings changed (a column followed after a rename)."""
        if changed.sheet == self.sheet:
            return replace(changed, also=self.also, joined=False)
        return replace(self, also=tuple(replace(changed, joined=False) if m.sheet == changed.sheet else m
                                        for m in self.also))

    @property
    def is_grid(self) -> bool:
        """A «шахматка» (core.connect.grid): dates across, marks in the cells."""
        return any(link.part == "даты" for link in self.links)

    def mark_of(self, link: Link) -> str:
        """The value of the mark on the link's column: the model tab and the header when it was connected (and, on a
        further tab of a register kept on a tab per group, that tab: two tabs' «Статус» are two marks)."""
        return f"{self.model_tab}\t{link.origin or link.sheet_header}" + (f"\t{self.sheet}" if self.joined else "")

    def links_of(self, model_header: str) -> list[Link]:
        wanted = normalize_header(model_header)
        return [link for link in self.links if normalize_header(link.model_header) == wanted]


@dataclass
class SheetMapping:
    tabs: dict[str, TabMap] = field(default_factory=dict)  # by model tab

    def every(self) -> list[TabMap]:
        """Every staff tab's mapping (a register kept on a tab per group: each of them)."""
        return [m for tab in self.tabs.values() for m in tab.every]

    def sheets(self) -> dict[str, str]:
        """Staff tab → the model tab it holds."""
        return {m.sheet: m.model_tab for m in self.every()}

    def marks(self) -> dict[str, dict[int, str]]:
        """Staff tab → 0-based column → its mark, for every column the mapping reads."""
        out: dict[str, dict[int, str]] = {}
        for tab in self.every():
            for link in tab.links:
                if link.has_column and link.letter:
                    out.setdefault(tab.sheet, {})[column_index(link.letter) - 1] = tab.mark_of(link)
        return out

    def owned_tab(self) -> OwnedTab:
        rows: list[list] = [list(HEADERS)]
        for tab in self.every():
            for link in tab.links:
                rows.append([tab.model_tab, link.model_header, tab.sheet, link.sheet_header, link.letter,
                             link.part or "", tab.header_row, tab.depth, said(link.words)])
            for header, letter in tab.staff_only:
                rows.append([tab.model_tab, STAFF_ONLY, tab.sheet, header, letter, "", tab.header_row, tab.depth, ""])
        return OwnedTab(MAPPING_TAB, rows, bold_rows=frozenset({1}), widths=(18, 26, 26, 30, 8, 12, 10, 10, 40),
                        frozen_rows=1)


def mapping_from(data: TabData) -> SheetMapping:
    """The mapping as kept in its tab (rows a person may have edited: unreadable ones are skipped)."""
    mapping = SheetMapping()
    index = {normalize_header(h): i for i, h in enumerate(data.headers)}

    def value(row: list, header: str) -> str:
        i = index.get(normalize_header(header))
        return "" if i is None or i >= len(row) or row[i] is None else str(row[i]).strip()

    found: dict[tuple[str, str], dict] = {}
    for row in data.rows:
        model_tab, sheet = value(row, "Лист модели"), value(row, "Лист сотрудников")
        if not model_tab or not sheet:
            continue
        entry = found.setdefault((model_tab, sheet), {"sheet": sheet, "row": _number(value(row, "Строка заголовков")),
                                             "depth": _number(value(row, "Строк в заголовке")), "links": [],
                                             "staff": []})
        model_header, header, letter = value(row, "Столбец модели"), value(row, "Столбец сотрудников"), \
            value(row, "Буква")
        if model_header == STAFF_ONLY:
            entry["staff"].append((header, letter))
        elif model_header and header:
            entry["links"].append(Link(model_header, header, letter, value(row, "Часть ФИО") or None,
                                       words=parsed(value(row, "Слова сотрудников"))))
    for (model_tab, _sheet), e in found.items():  # the first tab of a model tab is its own; the next ones join it
        one = TabMap(model_tab, e["sheet"], e["row"], e["depth"], tuple(e["links"]), tuple(e["staff"]))
        first = mapping.tabs.get(model_tab)
        mapping.tabs[model_tab] = one if first is None else replace(first, also=(*first.also, one))
    return mapping


def _number(text: str) -> int:
    try:
        return max(1, int(float(text)))
    except ValueError:
        return 1


def letters(index: int) -> str:
    return column_letter(index + 1)


def split_name(full: str | None) -> dict[str, str | None]:
    """«Иванова Мария Петровна» → its parts (a double surname «Петрова-Водкина» stays one word)."""
    words = (full or "").split()
    return {"фамилия": words[0] if words else None, "имя": words[1] if len(words) > 1 else None,
            "отчество": " ".join(words[2:]) or None}


def join_name(parts: Iterable[str | None]) -> str | None:
    text = " ".join(str(p).strip() for p in parts if p not in (None, "") and str(p).strip())
    return text or None
