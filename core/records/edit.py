"""One record of any tab, opened by its key (or its row) and edited: only the changed cells are written.

The record is found again at write time by its key, and the store checks the row still holds what the form was
opened on (a colleague's change in between refuses the write in Russian, nothing overwritten). The checks engine
runs on the workbook with the edited row in place: a rule the edit newly breaks refuses it (errors) or asks for a
confirmation (warnings); what was already wrong on the row is shown but does not block a correction of something
else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from core.platform.errors import CellError, EduDeskError, RowNotFound
from core.records.cells import read_text, reader_for_column
from core.records.findings import Finding
from core.records.form import NOT_BY_FORM, caused, fields, parse, refusal, tabs_now, with_row
from core.store.base import RowSnapshot, TabData, canonical, plain_value
from core.store.rows import find_row
from sheets_schema import TAB_BY_NAME
from sheets_schema.base import normalize_header


@dataclass(frozen=True)
class Opened:
    """The record as the form was opened on it: its sheet row, and the values read there."""

    tab: str
    row: int
    values: dict[str, Any]

    @property
    def key_header(self) -> str:
        """The column that finds the row again: the tab's key, else its first column (the row is then checked whole)."""
        tab = TAB_BY_NAME[self.tab]
        return tab.column(tab.key).header if tab.key else tab.columns[0].header

    @property
    def by_key(self) -> bool:
        return TAB_BY_NAME[self.tab].key is not None

    def snapshot(self, row: int | None = None) -> RowSnapshot:
        return RowSnapshot(self.tab, row or self.row, self.values)


def records(tabs: dict[str, TabData], tab_name: str) -> list[tuple[int, str]]:
    """(sheet row, what a person recognises it by) for each record of the tab."""
    data = tabs[tab_name]
    index = data.header_index()
    shown = [normalize_header(s.header) for s in fields(tab_name)[:3]]
    out = []
    for number, row in zip(data.row_numbers, data.rows, strict=True):
        parts = [canonical(row[index[h]]) for h in shown if h in index and index[h] < len(row)]
        out.append((number, f"{data.row_said(number)}: " + " · ".join(p for p in parts if p)[:120]))
    return out


def open_record(tabs: dict[str, TabData], tab_name: str, row: int) -> Opened:
    data = tabs[tab_name]
    if tab_name in NOT_BY_FORM:
        raise EduDeskError(f"Лист «{tab_name}» ведёт само приложение: его записи формой не меняются.")
    if row not in data.row_numbers:
        sheet, real = data.sheet_and_row(tab_name, row)
        raise RowNotFound(f"На листе «{sheet}» нет записи в строке {real}: обновите данные.")
    return Opened(tab_name, row, dict(zip(data.headers, data.rows[data.row_numbers.index(row)], strict=False)))


def form_text(value: Any) -> str | None:
    """A cell as the form shows it for editing: dates ДД.ММ.ГГГГ, a decimal comma, «да»/«нет»."""
    if isinstance(value, float | Decimal) and not (isinstance(value, float) and value.is_integer()):
        return format(Decimal(str(value)).normalize(), "f").replace(".", ",")
    return read_text(value)


def prefilled(opened: Opened) -> dict[str, str | None]:
    by_norm = {normalize_header(h): v for h, v in opened.values.items()}
    return {s.header: form_text(by_norm.get(normalize_header(s.header))) for s in fields(opened.tab)}


def retyped(opened: Opened, typed: dict[str, str | None]) -> tuple[dict[str, Any], dict[str, str]]:
    """The record's values with some fields typed anew, read as the sheet reads them; and what can't be read."""
    return parse(opened.tab, {**prefilled(opened), **typed})


def changes(opened: Opened, values: dict[str, Any]) -> dict[str, Any]:
    """Header → new value for every field whose value differs from the one read (None empties the cell)."""
    by_norm = {normalize_header(h): v for h, v in opened.values.items()}
    out = {}
    for spec in fields(opened.tab):
        if normalize_header(spec.header) == normalize_header(opened.key_header) and opened.by_key:
            continue  # the key finds the record; it is not changed by this form
        raw = by_norm.get(normalize_header(spec.header))
        try:
            was = reader_for_column(spec.column)(raw)
        except CellError:
            was = raw  # an unreadable cell: anything readable typed over it is a change
        new = values.get(spec.header)
        if canonical(plain_value(new)) != canonical(plain_value(was)):
            out[spec.header] = new.value if hasattr(new, "value") else new
    return out


def check_edit(tabs: dict[str, TabData], opened: Opened, values: dict[str, Any],
               today: date) -> tuple[list[Finding], list[Finding]]:
    """(findings the edit brings, findings already on the row that stay)."""
    data = tabs[opened.tab]
    base = data.rows[data.row_numbers.index(opened.row)] if opened.row in data.row_numbers else []
    candidate, number = with_row(tabs, opened.tab, changes(opened, values), opened.row, base)
    return caused(tabs, candidate, opened.tab, number, today)


def edit(store, opened: Opened, values: dict[str, Any], today: date, confirmed_warnings: bool = False) -> dict:
    """Write the changed cells of the record, found again by its key, if the sheet still holds what was read."""
    changed = changes(opened, values)
    if not changed:
        return {}
    with store.exclusive():
        tabs = tabs_now(store, opened.tab)
        if opened.by_key:  # rows may have moved since the form was opened: the key finds it
            row = find_row(tabs[opened.tab], opened.key_header, opened.values.get(opened.key_header)).row
        else:
            row = opened.row
        now = Opened(opened.tab, row, opened.values)
        if refused := refusal(check_edit(tabs, now, values, today)[0], confirmed_warnings, "Запись не изменена"):
            raise refused
        store.update(opened.snapshot(row), opened.key_header, changed)
    return changed
