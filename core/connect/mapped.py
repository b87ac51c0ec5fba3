"""The store the app uses over the staff's own sheet: the model's tabs and headers outside, their cells inside.

Reads turn a staff tab (title rows, their headers, one «ФИО», «Итого», section rows) into the model tab the rules,
forms and documents know, keeping for each value the staff's own column (findings point at their cells, named by
their headers). Writes go the other way: model headers become the staff's, a part of a name is written into their
one «ФИО» cell with the other parts as they are, and the store under it finds each column by its header when it
writes — a column moved is followed; a column renamed or removed is refused, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from core.platform.errors import StoreError
from core.records.cells import is_blank
from core.store.base import (
    Frame,
    Numbering,
    OwnedTab,
    ReadResult,
    RowSnapshot,
    Store,
    TabData,
    TabLayout,
)
from sheets_schema import TAB_BY_NAME
from sheets_schema.base import normalize_header

from .layout import _FOOTER
from .mapping import PARTS, Link, SheetMapping, TabMap, join_name, split_name


class MappedStore(Store):
    def __init__(self, inner: Store, mapping: SheetMapping) -> None:
        super().__init__()
        self.inner = inner
        self.mapping = mapping
        self.label = f"{inner.label} · таблица сотрудников"
        self.title = inner.title
        self._write_lock = inner.exclusive()
        inner.set_frames({m.sheet: _frame(m) for m in mapping.tabs.values()})

    # reading -----------------------------------------------------------------------------------------------
    def read(self, tabs: Sequence[str]) -> ReadResult:
        wanted = list(dict.fromkeys(tabs))
        mapped = {t: self.mapping.tabs[t] for t in wanted if t in self.mapping.tabs}
        taken = {m.sheet.casefold() for m in self.mapping.tabs.values()}
        # a model tab the staff don't keep is read as is, unless its name is a staff tab that holds another one
        plain = [t for t in wanted if t not in mapped and t.casefold() not in taken]
        result = self.inner.read(plain + [m.sheet for m in mapped.values()])
        out: dict[str, TabData] = {}
        for t in wanted:
            if t in mapped:
                out[t] = model_view(mapped[t], result.tabs[mapped[t].sheet])
            elif t in result.tabs:
                out[t] = result.tabs[t]
            else:
                out[t] = TabData(t, [], [], [], exists=False)
        return ReadResult(out, result.fetched_at, result.stale, result.problem, result.version)

    def _fetch(self, tabs: list[str]) -> dict[str, TabData]:  # read() is the inner store's, translated
        return self.read(tabs).tabs

    def invalidate(self, tabs: Sequence[str] | None = None) -> None:
        self.inner.invalidate(None if tabs is None else [self._sheet(t) for t in tabs])

    def fresh(self, tab: str) -> TabData:
        self.invalidate([tab])
        return self.read([tab]).tabs[tab]

    def tab_names(self) -> list[str]:
        return self.inner.tab_names()

    def has_tab(self, tab: str) -> bool | None:
        return True if tab in self.mapping.tabs else self.inner.has_tab(tab)

    def cell_url(self, tab: str, a1: str) -> str | None:
        return self.inner.cell_url(self._sheet(tab), a1)

    def check_writable(self) -> None:
        self.inner.check_writable()

    def _sheet(self, tab: str) -> str:
        mapped = self.mapping.tabs.get(tab)
        return mapped.sheet if mapped else tab

    # writing -----------------------------------------------------------------------------------------------
    def append_many(self, rows_by_tab: Mapping[str, Sequence[Mapping[str, Any]]], numbering: Numbering | None = None,
                    journal: Callable[[Mapping[str, list[dict]]], list[dict]] | None = None) -> dict[str, list[dict]]:
        for tab in rows_by_tab:
            if tab in self.mapping.tabs and rows_by_tab[tab]:
                self._refuse_below_total(self.mapping.tabs[tab])
        staff = {self._sheet(t): [self._to_staff(t, r) for r in rows] for t, rows in rows_by_tab.items()}
        if numbering is not None and numbering.tab in self.mapping.tabs:
            numbering = Numbering(self._sheet(numbering.tab), self._staff_header(numbering.tab, numbering.header),
                                  numbering.allocate)
        wrapped = None
        if journal is not None:
            def wrapped(final: Mapping[str, list[dict]]) -> list[dict]:
                return journal(self._to_model_rows(final))
        written = self.inner.append_many(staff, numbering, wrapped)
        return self._to_model_rows(written)

    def update_many(self, key_header: str, updates: Sequence[tuple[RowSnapshot, Mapping[str, Any]]],
                    journal: Sequence[Mapping[str, Any]] = ()) -> None:
        if not updates:
            return
        tab = updates[0][0].tab
        if tab not in self.mapping.tabs:
            self.inner.update_many(key_header, updates, journal)
            return
        mapped = self.mapping.tabs[tab]
        staff_updates = []
        for seen, changes in updates:
            values = self._to_staff(tab, seen.values)
            after = self._to_staff(tab, {**seen.values, **changes})
            touched = set()
            for header in changes:
                links = mapped.links_of(header)
                if not links:
                    self._staff_header(tab, header)  # says in Russian that the column is not mapped
                touched.update(lk.sheet_header for lk in links)
            staff_changes = {h: after.get(h) for h in touched}
            staff_updates.append((RowSnapshot(mapped.sheet, seen.row, values), staff_changes))
        self.inner.update_many(self._staff_header(tab, key_header), staff_updates, journal)

    def create_tabs(self, layouts: Sequence[TabLayout]) -> None:
        # a tab the staff keep under their own name is theirs: only the model tabs they don't keep are created
        self.inner.create_tabs([lay for lay in layouts if lay.name not in self.mapping.tabs])

    def write_owned_tab(self, tab: OwnedTab) -> None:
        self.inner.write_owned_tab(tab)

    # the public write methods above hand everything to the inner store: these are never reached
    def _append_many(self, rows_by_tab, numbering, journal):  # pragma: no cover
        raise NotImplementedError

    def _update_many(self, key_header, updates, journal):  # pragma: no cover
        raise NotImplementedError

    def _create_tabs(self, layouts):  # pragma: no cover
        raise NotImplementedError

    def _write_owned_tab(self, tab):  # pragma: no cover
        raise NotImplementedError

    def _refuse_below_total(self, mapped: TabMap) -> None:
        data = self.inner.fresh(mapped.sheet)
        if data.rows and any(_FOOTER.match(str(v).strip()) for v in data.rows[-1] if isinstance(v, str)):
            raise StoreError(
                f"На листе «{mapped.sheet}» под записями стоит строка «Итого» (строка {data.row_numbers[-1]}): новая "
                "запись встала бы под ней и не вошла бы в суммы. Ничего не записано: вставьте пустую строку над "
                "«Итого» и внесите запись туда вручную, или перенесите «Итого» выше записей.")

    # translation -------------------------------------------------------------------------------------------
    def _staff_header(self, tab: str, model_header: str) -> str:
        links = self.mapping.tabs[tab].links_of(model_header)
        direct = [lk for lk in links if lk.part is None]
        if not direct:
            raise StoreError(f"Столбец «{model_header}» листа «{tab}» не сопоставлен ни одному столбцу листа "
                             f"«{self.mapping.tabs[tab].sheet}»: сопоставьте его на странице «Подключение таблицы».")
        return direct[0].sheet_header

    def _to_staff(self, tab: str, row: Mapping[str, Any]) -> dict[str, Any]:
        """A model row as the staff's columns: parts of a name joined into their «ФИО», a model «ФИО» split."""
        mapped = self.mapping.tabs.get(tab)
        if mapped is None:
            return dict(row)
        out: dict[str, Any] = {}
        given = {normalize_header(h): (h, v) for h, v in row.items()}
        by_sheet: dict[str, list[Link]] = {}
        for link in mapped.links:
            by_sheet.setdefault(link.sheet_header, []).append(link)
        for sheet_header, links in by_sheet.items():
            present = [lk for lk in links if normalize_header(lk.model_header) in given]
            if not present:
                continue
            if len(links) == 1 and links[0].part is None:
                out[sheet_header] = given[normalize_header(links[0].model_header)][1]
            elif all(lk.model_header == links[0].model_header for lk in links) and links[0].part:
                # staff keep a part (their «Фамилия») of the model's «ФИО»
                parts = split_name(_text(given[normalize_header(links[0].model_header)][1]))
                out[sheet_header] = parts[links[0].part]
            else:  # their one «ФИО» holds the model's Фамилия, Имя, Отчество
                parts = {lk.part: _text(given.get(normalize_header(lk.model_header), (None, None))[1])
                         for lk in links}
                out[sheet_header] = join_name(parts.get(p) for p in PARTS)
        return out

    def _to_model_rows(self, rows_by_sheet: Mapping[str, list[dict]]) -> dict[str, list[dict]]:
        by_sheet = {m.sheet: m for m in self.mapping.tabs.values()}
        out: dict[str, list[dict]] = {}
        for sheet, rows in rows_by_sheet.items():
            mapped = by_sheet.get(sheet)
            if mapped is None:
                out[sheet] = rows
                continue
            headers = list(rows[0]) if rows else []
            out[mapped.model_tab] = [model_row(mapped, headers, [r.get(h) for h in headers]) for r in rows]
        return out


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _frame(mapped: TabMap) -> Frame:
    model = TAB_BY_NAME.get(mapped.model_tab)
    kinds: dict[str, type] = {}
    if model is not None:
        by_header = {normalize_header(c.header): c.kind for c in model.columns}
        for link in mapped.links:
            kind = by_header.get(normalize_header(link.model_header))
            kinds[normalize_header(link.sheet_header)] = str if link.part or kind is None else kind
    for header, _ in mapped.staff_only:
        kinds.setdefault(normalize_header(header), str)
    return Frame(mapped.header_row, mapped.depth, kinds)


def model_row(mapped: TabMap, headers: Sequence[str], raw: Sequence[Any]) -> dict[str, Any]:
    """One staff row (by their headers) as model header → value."""
    index = {normalize_header(h): i for i, h in enumerate(headers) if h}
    values: dict[str, Any] = {}
    for model_header in dict.fromkeys(lk.model_header for lk in mapped.links):
        links = mapped.links_of(model_header)
        cells = [(lk, raw[index[normalize_header(lk.sheet_header)]] if normalize_header(lk.sheet_header) in index
                  and index[normalize_header(lk.sheet_header)] < len(raw) else None) for lk in links]
        if len(cells) == 1 and cells[0][0].part is None:
            values[model_header] = cells[0][1]
        elif len(cells) == 1:
            values[model_header] = split_name(_text(cells[0][1]))[cells[0][0].part]
        else:
            by_part = {lk.part: _text(v) for lk, v in cells}
            values[model_header] = join_name(by_part.get(p) for p in PARTS)
    return values


def model_view(mapped: TabMap, staff: TabData) -> TabData:
    """The model tab inside a staff tab: model headers, the records only (no «Итого», no section rows, no rows of
    unticked boxes alone), each column's staff place and name, and where a mapped column that is gone had been."""
    if not staff.exists:
        return TabData(mapped.model_tab, [], [], [], exists=False, sheet=mapped.sheet)
    model = TAB_BY_NAME.get(mapped.model_tab)
    order = [c.header for c in model.columns] if model else [lk.model_header for lk in mapped.links]
    index = {normalize_header(h): i for i, h in enumerate(staff.headers) if h}
    headers, columns, labels, lost = [], [], [], {}
    for header in order:
        links = mapped.links_of(header)
        if not links:
            continue
        places = [index.get(normalize_header(lk.sheet_header)) for lk in links]
        if any(p is None for p in places):
            gone = next(lk for lk, p in zip(links, places, strict=True) if p is None)
            lost[header] = f"{gone.letter}{mapped.header_row}"
            continue
        headers.append(header)
        columns.append(places[0])
        labels.append(links[0].sheet_header if len(links) == 1 and links[0].part is None
                      else f"{links[0].sheet_header} ({links[0].part})" if len(links) == 1
                      else " + ".join(lk.sheet_header for lk in links))
    mapped_places = {index.get(normalize_header(lk.sheet_header)) for lk in mapped.links} - {None}
    rows, numbers = [], []
    for number, raw in zip(staff.row_numbers, staff.rows, strict=True):
        if _not_a_record(raw, mapped_places):
            continue
        values = model_row(mapped, staff.headers, raw)
        rows.append([values.get(h) for h in headers])
        numbers.append(number)
    return TabData(mapped.model_tab, headers, rows, numbers, sheet=mapped.sheet, sheet_columns=columns,
                   labels=labels, lost=lost)


def _not_a_record(raw: Sequence[Any], mapped: set[int]) -> bool:
    """«Итого», a section row (one text alone), or a row whose mapped cells are empty or only unticked boxes."""
    filled = [i for i, v in enumerate(raw) if not is_blank(v) and v is not False]
    if not filled or not any(i in mapped for i in filled):
        return True
    first = raw[filled[0]]
    if isinstance(first, str) and _FOOTER.match(first.strip()):
        return True
    return len(filled) == 1 and len(mapped) > 2
