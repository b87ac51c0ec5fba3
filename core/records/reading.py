"""Typed rows from raw tabs: every cell read by its column's reader, problems kept as findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from core.platform.a1 import cell as a1_cell
from core.platform.errors import CellError
from core.platform.personal import Hidden
from core.records.cells import reader_for_column
from core.records.findings import Finding, Severity
from core.store.base import ROW_SPAN, TabData, canonical
from sheets_schema import TABS, Tab
from sheets_schema.base import SheetRow, normalize_header

CELL_RULE = ("GEN-CELL", "Правила таблицы: значения ячеек (Справка)")
COLUMNS_RULE = ("GEN-COLUMNS", "Правила таблицы: листы и столбцы (Справка)")
WORD_HINT = (". Если в вашей таблице это слово значит одно из них, сопоставьте его на странице «Подключение таблицы» — "
             "приложение будет читать его так и писать в ваш столбец ваше слово")


@dataclass
class ParsedRow:
    row: int  # the sheet row number
    item: SheetRow
    columns: list[int | None] | None = None  # its own place of each column (a record of a «шахматка»)


@dataclass
class ParsedTab:
    tab: Tab
    data: TabData
    rows: list[ParsedRow]
    positions: dict[str, int]  # field → 0-based column in the sheet, for fields whose column exists
    findings: list[Finding] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)  # A1 cells whose text could not be read
    _by_number: dict[int, ParsedRow] | None = field(default=None, repr=False, compare=False)

    def header(self, field_name: str) -> str:
        """The column's header as the sheet names it (the staff's own name on a tab they keep)."""
        labels = self.data.labels
        if labels is not None and field_name in self.positions:
            return labels[self.positions[field_name]]
        return self.tab.column(field_name).header

    def cell(self, field_name: str | None, row: int | ParsedRow | None) -> str | None:
        """A1 of the field's cell in the row; given the parsed row, its own cell where it has one (a mark of a
        «шахматка» is at its date's column, not at the listener's name)."""
        if field_name is None or row is None or field_name not in self.positions:
            return None
        index = self.positions[field_name]
        if not isinstance(row, ParsedRow) and row >= ROW_SPAN:  # a record of a register on several tabs: its own places
            if self._by_number is None or len(self._by_number) != len(self.rows):  # once, not a scan per finding
                self._by_number = {r.row: r for r in self.rows}
            row = self._by_number.get(row) or ParsedRow(row, None)
        if isinstance(row, ParsedRow):
            own = row.columns[index] if row.columns is not None and index < len(row.columns) else None
            place = own if own is not None else sheet_column(self.data, index)
            return None if place is None or place < 0 else a1_cell(place + 1, row.row)
        place = sheet_column(self.data, index)
        return None if place is None else a1_cell(place + 1, row)

    def finding(self, rule: str, clause: str, severity: Severity, row: int | ParsedRow | None,
                field_name: str | None, message: str) -> Finding:
        # the tab stays the model's here; findings_in names the staff's tab once every rule has run
        column = self.header(field_name) if field_name else None
        number = row.row if isinstance(row, ParsedRow) else row
        return Finding(rule, clause, severity, self.tab.name, number, column, self.cell(field_name, row), message)

    def keys(self) -> set[str]:
        key = self.tab.key
        if key is None:
            return set()
        return {canonical(getattr(r.item, key)) for r in self.rows if getattr(r.item, key) is not None}


def sheet_column(data: TabData, index: int) -> int | None:
    """The 0-based column in the sheet of the tab's `index`-th column (another one on a staff tab read through
    the mapping; None for a value written once on a section row or in the title)."""
    return data.sheet_columns[index] if data.sheet_columns is not None else index


def _missing_column(tab: Tab, data: TabData, col) -> Finding | None:
    severity = Severity.ERROR if col.required else Severity.WARNING
    if data.sheet is None:
        return Finding(*COLUMNS_RULE, severity, tab.name, 1, col.header, None,
                       f"На листе «{tab.name}» нет столбца «{col.header}»: "
                       "добавьте его в первую строку (регистр и пробелы не важны).")
    where = data.lost.get(col.header)
    if where is not None:  # mapped once, gone now: renamed or removed — never read from another column
        row = int("".join(ch for ch in where if ch.isdigit()) or 1)
        sheet, real = data.place_of(row)  # on a further tab of a register kept on a tab per group: that one
        return Finding(*COLUMNS_RULE, Severity.ERROR, tab.name, row, col.header, where,
                       f"Столбец, сопоставленный «{col.header}» (был в {where.rstrip('0123456789')}{real}), на листе "
                       f"«{sheet}» больше не найден: его переименовали или удалили. Верните заголовок или сопоставьте "
                       "столбец заново на странице «Подключение таблицы»; до тех пор приложение в этот столбец ничего "
                       "не пишет.")
    if col.required:
        return Finding(*COLUMNS_RULE, severity, tab.name, None, col.header, None,
                       f"На листе «{data.sheet}» нет столбца для «{col.header}» (лист «{tab.name}» модели), а без него "
                       "записи не проверить: сопоставьте его на странице «Подключение таблицы».")
    return None  # an optional column the staff don't keep: nothing to say


def _hint(data: TabData, col) -> str:
    """On the staff's own tab, a value not from a model list may be their word for one (core.connect.words)."""
    if data.sheet is None or not (isinstance(col.kind, type) and issubclass(col.kind, StrEnum)):
        return ""
    return WORD_HINT


def parse_tab(tab: Tab, data: TabData) -> ParsedTab:
    if not data.exists:
        parsed = ParsedTab(tab, data, [], {})
        parsed.findings.append(Finding(*COLUMNS_RULE, Severity.ERROR, tab.name, None, None, "A1",
                                       f"Нет листа «{tab.name}». Создайте его кнопкой «Создать недостающие листы» на "
                                       "странице «Проверка данных» (или командой edudesk init): он появится "
                                       "пустым, с заголовками столбцов."))
        return parsed
    by_header = data.header_index()
    positions: dict[str, int] = {}
    parsed = ParsedTab(tab, data, [], positions)
    for col in tab.columns:
        index = by_header.get(normalize_header(col.header))
        if index is not None:
            positions[col.field] = index
            if col.header in data.lost:  # kept on their first tab, gone from a further tab of the same register
                parsed.findings.append(_missing_column(tab, data, col))
            continue
        missing = _missing_column(tab, data, col)
        if missing is not None:
            parsed.findings.append(missing)
    for sheet in data.gone:  # a tab of a register kept on a tab per group: its records are not seen
        together = ", ".join(f"«{s}»" for s in (data.sheet, *data.also) if s != sheet)
        parsed.findings.append(Finding(*COLUMNS_RULE, Severity.ERROR, tab.name, None, None, None,
                                       f"Листа «{sheet}» (лист «{tab.name}» модели ведут на нём и на {together}) в "
                                       "таблице больше нет: его переименовали или удалили, и его записи не проверяются. "
                                       "Верните листу имя или подключите таблицу заново на странице «Подключение "
                                       "таблицы»."))
    readers = [(col.field, positions[col.field], reader_for_column(col), parsed.header(col.field),
                sheet_column(data, positions[col.field]), _hint(data, col))
               for col in tab.columns if col.field in positions]
    construct = row_constructor(tab.model)
    own_columns = data.row_columns if data.row_columns is not None and len(data.row_columns) == len(data.rows) \
        else [None] * len(data.rows)
    boxes: dict[str, list[Finding]] = {}  # per column, its checkboxes that can't be read as its type
    filled: dict[str, int] = {}  # per column, its cells with a value
    for number, raw, own in zip(data.row_numbers, data.rows, own_columns, strict=True):
        values: dict[str, Any] = {}
        for name, index, read, header, place, hint in readers:
            value = raw[index]
            if value is None or isinstance(value, Hidden):
                values[name] = None
                continue
            filled[name] = filled.get(name, 0) + 1
            try:
                values[name] = read(value)
            except CellError as exc:
                values[name] = None
                if own is not None and index < len(own) and own[index] is not None:
                    place = own[index]
                where = None if place is None or place < 0 else a1_cell(place + 1, number)
                if where:
                    parsed.unreadable.add(where)
                finding = Finding(*CELL_RULE, Severity.ERROR, tab.name, number, header, where,
                                  f"Ячейка не читается: {exc}{hint}")
                parsed.findings.append(finding)
                if isinstance(value, bool):
                    boxes.setdefault(name, []).append(finding)
        parsed.rows.append(ParsedRow(number, construct(values), own))
    _boxes_once(parsed, {name: found for name, found in boxes.items() if len(found) == filled[name] >= 2})
    return parsed


def _boxes_once(parsed: ParsedTab, columns: dict[str, list[Finding]]) -> None:
    """On the staff's own tab, a column of checkboxes mapped where the model keeps a date or a number («Оплачено» ✓
    for «Дата оплаты»): no box can be mended into a date one by one — the column is the wrong one. Said once for the
    column, at its first box, with how many there are; the cells stay unreadable for the rules. On the app's own tab
    each box stays a finding of its own: there the column is right and each cell wants its date."""
    if not columns or parsed.data.sheet is None:
        return
    gone = {id(f) for found in columns.values() for f in found}
    parsed.findings[:] = [f for f in parsed.findings if id(f) not in gone]
    for name, found in columns.items():
        first, last = found[0], found[-1]
        column = parsed.tab.column(name)
        kept = "дату" if column.kind is date else "число"
        cells = f", {first.cell}…{last.cell}" if first.cell and last.cell else ""
        parsed.findings.append(Finding(
            *CELL_RULE, Severity.ERROR, first.tab, None, first.column, first.cell,
            f"В столбце «{first.column}» только флажки ({len(found)}{cells}), а модель хранит в «{column.header}» "
            f"{kept}: флажок же говорит лишь «да» или «нет». Сопоставьте столбцу другой столбец модели на странице "
            "«Подключение таблицы» или ведите в нём значения вместо флажков."))


def row_constructor(model: type[SheetRow]):
    """A fast model_construct for rows whose values are already read and typed.

    model_construct spends most of a 50 000-row check re-deriving defaults per row; here the
    defaults are computed once. tests/records/test_reading.py checks the result equals model_construct's.
    """
    defaults = {name: None for name in model.model_fields}
    new = model.__new__
    set_attr = object.__setattr__

    def construct(values: dict[str, Any]) -> SheetRow:
        item = new(model)
        data = {**defaults, **values}
        set_attr(item, "__dict__", data)
        set_attr(item, "__pydantic_fields_set__", set(values))
        set_attr(item, "__pydantic_extra__", None)
        set_attr(item, "__pydantic_private__", None)
        return item

    return construct


def parse_workbook(tabs: dict[str, TabData]) -> dict[str, ParsedTab]:
    """Every registered tab that was read, parsed."""
    return {t.name: parse_tab(t, tabs[t.name]) for t in TABS if t.name in tabs}
