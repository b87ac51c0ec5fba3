"""The store the app uses over the staff's own sheet: the model's tabs and headers outside, their cells inside.

Reads turn a staff tab (title rows, their headers, one «ФИО», «Итого», section rows) into the model tab the rules,
forms and documents know, keeping for each value the staff's own column (findings point at their cells, named by
their headers). Writes go the other way: model headers become the staff's, a part of a name is written into their
one «ФИО» cell with the other parts as they are, and the store under it finds each column by its header when it
writes — a column moved is followed; a column renamed or removed is refused, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from core.platform.errors import StoreError
from core.platform.values import Tick
from core.records.cells import is_blank
from core.store.base import (
    ROW_SPAN,
    Numbering,
    OwnedTab,
    ReadResult,
    RowSnapshot,
    Store,
    TabData,
    TabLayout,
    canonical,
)
from core.store.placing import placed
from core.store.wrapping import WrappingStore
from core.store.xlsx_marks import mark_name
from sheets_schema.base import normalize_header

from .cancelled import cancelled_rows
from .code_names import named_code
from .composite import CODE, READ_ONLY
from .grid import grid_view
from .grid_write import mark_grid
from .lookup import Ways, name_for, way
from .mapping import MARK_KEY, Link, SheetMapping, TabMap, letters
from .merged_cells import refuse_merged_writes, shared_cells
from .sections import placement
from .several import joined, new_keys_beside, split_rows, still_as_read, written_on_each
from .staff_cells import SKIP, frame_of, read_only_said, staff_cell
from .view import (
    RAW,
    by_column,
    checkbox_columns,
    model_row,
    model_view,
    number_columns,
)
from .words import to_staff


class MappedStore(WrappingStore):
    def __init__(self, inner: Store, mapping: SheetMapping) -> None:
        super().__init__()
        self.inner = inner
        self.abroad = inner.abroad
        self.mapping = mapping
        self.label = f"{inner.label} · таблица сотрудников"
        self.title = inner.title
        self._write_lock = inner.exclusive()
        self._asked: set[tuple] = set()  # lost columns already looked for by their marks
        self._ticks: dict[str, set[str]] = {}  # staff tab → its columns of checkboxes (as last read)
        self._numbers: dict[str, set[str]] = {}  # staff tab → its columns of whole numbers (as last read)
        self._resolving = False  # reading the tabs another tab's names lead through (core.connect.lookup)
        self._set_frames()

    def _set_frames(self) -> None:
        self.inner.set_frames({m.sheet: frame_of(m) for m in self.mapping.every()})

    # reading -----------------------------------------------------------------------------------------------
    def read(self, tabs: Sequence[str]) -> ReadResult:
        wanted = list(dict.fromkeys(tabs))
        mapped = {t: self.mapping.tabs[t] for t in wanted if t in self.mapping.tabs}
        taken = {m.sheet.casefold() for m in self.mapping.every()}
        # a model tab the staff don't keep is read as is, unless its name is a staff tab that holds another one
        plain = [t for t in wanted if t not in mapped and t.casefold() not in taken]
        result = self.inner.read(plain + [m.sheet for t in mapped.values() for m in t.every])
        out: dict[str, TabData] = {}
        every = [one for t in mapped.values() for one in t.every]
        shared = shared_cells(self.inner, [one for one in every if not one.is_grid], result.tabs)
        cancelled = cancelled_rows(self.inner, every, result.tabs)  # a listener's row struck in a «шахматка» too
        for t in wanted:
            if t in mapped and mapped[t].is_grid:  # a «шахматка» (one per group, each its own, joined)
                names = self.listener_names()
                out[t] = joined([grid_view(one, result.tabs[one.sheet], names, cancelled.get(one.sheet, ()))
                                 for one in mapped[t].every])
            elif t in mapped:
                views = []
                for one in mapped[t].every:  # a register kept on a tab per group: each tab, then joined
                    staff = result.tabs[one.sheet]
                    self._ticks[one.sheet] = checkbox_columns(staff)
                    self._numbers[one.sheet] = number_columns(staff)
                    view = model_view(one, staff, self._ways(one), shared.get(one.sheet), cancelled.get(one.sheet, ()))
                    if view.lost and self._follow_renamed(one, staff, view.lost):
                        return self.read(tabs)  # read again with the headers as they are now (and their types)
                    views.append(view)
                out[t] = joined(views)
            elif t in result.tabs:
                out[t] = result.tabs[t]
            else:
                out[t] = TabData(t, [], [], [], exists=False)
        return ReadResult(out, result.fetched_at, result.stale, result.problem, result.version)

    def _ways(self, mapped: TabMap) -> Ways | None:
        """The other tabs this tab's columns are found through (core.connect.lookup), read now — as their staff keep
        them, one level deep: a tab read to find names by is read without ways of its own (no circle)."""
        others = sorted({w[0] for lk in mapped.links if (w := way(lk.part))})
        if not others or self._resolving:
            return None
        self._resolving = True
        try:
            return Ways(self.read(others).tabs)
        finally:
            self._resolving = False

    def listener_names(self) -> dict[str, str]:
        """Listener's name → ID, from «Слушатели» (for a «шахматка» that names its listeners)."""
        return Ways(self.read([LISTENERS]).tabs).keys_by_name(LISTENERS, "ФИО")

    def _refuse_grid(self, tab: str) -> None:
        mapped = self.mapping.tabs.get(tab)
        if mapped is not None and mapped.is_grid:
            raise StoreError(f"«{tab}» на листе «{mapped.sheet}» ведётся шахматкой (слушатели по строкам, даты по "
                             "столбцам): приложение ставит в неё новые отметки, а исправляет их сотрудник в самой "
                             "таблице. Ничего не записано.")

    def _follow_renamed(self, mapped: TabMap, staff: TabData, lost: Mapping[str, str]) -> bool:
        """A mapped header gone: its column is found by its mark (Google Sheets' developer metadata, a workbook's
        hidden defined name) and its new header followed. True when the mapping changed (in memory; the saved one
        and the marks stay as connected). A column deleted has lost its mark too: it stays lost."""
        asked = (mapped.model_tab, mapped.sheet, tuple(sorted(lost)), tuple(staff.headers))
        if asked in self._asked:
            return False  # asked already for these very headers: a column deleted is not asked about on every read
        self._asked.add(asked)
        marks = self.inner.column_marks(MARK_KEY)
        index = {normalize_header(h) for h in staff.headers if h}
        # a header some other link still reads is never taken over: a mark left behind by a tool that deletes a
        # column without moving the names after it (a script, not Excel or LibreOffice) points at the next column
        held = ({normalize_header(ln.sheet_header) for ln in mapped.links if ln.has_column}
                | {normalize_header(header) for header, _letter in mapped.staff_only}) & index
        links, changed = [], False
        for link in mapped.links:
            mark = mapped.mark_of(link)
            place = marks.get(mark) or marks.get(mark_name(MARK_KEY, mark))  # Google's metadata, a workbook's name
            if link.has_column and normalize_header(link.sheet_header) not in index and place is not None \
                    and place[0] == mapped.sheet and place[1] < len(staff.headers) and staff.headers[place[1]] \
                    and normalize_header(staff.headers[place[1]]) not in held:
                link = replace(link, sheet_header=staff.headers[place[1]], letter=letters(place[1]),
                               origin=link.origin or link.sheet_header)
                held.add(normalize_header(link.sheet_header))
                changed = True
            links.append(link)
        if changed:
            register = self.mapping.tabs[mapped.model_tab]
            self.mapping.tabs[mapped.model_tab] = register.with_one(replace(mapped, links=tuple(links)))
            self._set_frames()
        return changed

    def invalidate(self, tabs: Sequence[str] | None = None) -> None:
        self.inner.invalidate(None if tabs is None else [self._sheet(t) for t in tabs])

    def fresh(self, tab: str) -> TabData:
        self.invalidate([tab])
        return self.read([tab]).tabs[tab]

    def tab_names(self) -> list[str]:
        """The sheet's tabs as the model sees them: a staff tab that holds a model tab goes by the model's name."""
        held = {m.sheet.casefold(): m.model_tab for m in self.mapping.every()}
        return list(dict.fromkeys(held.get(n.casefold(), n) for n in self.inner.tab_names()))

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
        if any(t in self.mapping.tabs and self.mapping.tabs[t].is_grid for t in rows_by_tab):
            return mark_grid(self, rows_by_tab, journal)  # the staff's «шахматка»: its cells marked
        with self._write_lock:  # the keys on their other tabs of a register stay as read until this write is done
            return self._append(rows_by_tab, numbering, journal)

    def _append(self, rows_by_tab: Mapping[str, Sequence[Mapping[str, Any]]], numbering: Numbering | None,
                journal: Callable[[Mapping[str, list[dict]]], list[dict]] | None) -> dict[str, list[dict]]:
        split = {t: self._split(t, rows) for t, rows in rows_by_tab.items() if t in self.mapping.tabs}
        places, staff = {}, {}
        for tab, rows in rows_by_tab.items():
            for one, indices in split.get(tab, [(None, range(len(rows)))]):
                part = [rows[i] for i in indices]
                if one is not None and part and (at := placement(self.inner, one, part)):
                    places[one.sheet] = at
                staff[one.sheet if one else tab] = [self._staff_values(tab, r, one=one) for r in part]
        if numbering is not None and numbering.tab in split:
            numbering = self._numbering(numbering, split[numbering.tab], staff)
        wrapped = None
        if journal is not None:
            def wrapped(final: Mapping[str, list[dict]]) -> list[dict]:
                return journal(self._to_model_rows(final))
        with placed(places):  # a department's record under its own section (core.store.placing)
            written = self.inner.append_many(staff, numbering, wrapped)
        out = self._to_model_rows({s: rows for s, rows in written.items() if s not in self.mapping.sheets()})
        for tab, parts in split.items():  # a register's records back in the order given, from whichever tab
            model = {i: row for one, indices in parts for i, row in
                     zip(indices, self._to_model_rows({one.sheet: written.get(one.sheet, [])}).get(tab, []), strict=True)}
            out[tab] = [model[i] for i in sorted(model)]
        return out

    def _split(self, tab: str, rows: Sequence[Mapping[str, Any]]) -> list[tuple[TabMap, list[int]]]:
        register = self.mapping.tabs[tab]
        if not register.also or not rows:
            return [(register, list(range(len(rows))))]
        return split_rows(register, self.read([tab]).tabs[tab], rows)

    def _numbering(self, numbering: Numbering, parts: list[tuple[TabMap, list[int]]],
                   staff: dict[str, list[dict]]) -> Numbering:
        """Keys handed out on their first tab of `parts`, unique over every tab of the register (the others' keys
        read by the store in its write); new records of the other tabs take theirs from the same write (NewKey)."""
        one = parts[0][0]
        beside = [(other.sheet, self._staff_header(other, numbering.header))
                  for other in self.mapping.tabs[one.model_tab].every if other.sheet != one.sheet]
        extra = new_keys_beside(parts, staff, lambda m: self._staff_header(m, numbering.header))
        return Numbering(one.sheet, self._staff_header(one, numbering.header), numbering.allocate, extra, tuple(beside))

    def update_many(self, key_header: str, updates: Sequence[tuple[RowSnapshot, Mapping[str, Any]]],
                    journal: Sequence[Mapping[str, Any]] = ()) -> None:
        if not updates:
            return
        tab = updates[0][0].tab
        if tab not in self.mapping.tabs:
            self.inner.update_many(key_header, updates, journal)
            return
        self._refuse_grid(tab)
        register = self.mapping.tabs[tab]
        by_sheet: dict[str, list[tuple[RowSnapshot, dict]]] = {}
        touched: list[tuple[TabMap, int, set[str]]] = []  # each record's tab, row and changed model columns
        for seen, changes in updates:
            k, row = divmod(seen.row, ROW_SPAN)  # a record of one of their tabs of a register (core.connect.several)
            mapped, row = (register.every[k - 1], row) if register.also and 1 <= k <= len(register.every) \
                else (register, seen.row)
            changed = {normalize_header(h) for h, v in changes.items()
                       if canonical(v) != canonical(seen.values.get(h))} or {normalize_header(h) for h in changes}
            for header in changed:
                links = mapped.links_of(header)
                if not links:
                    self._staff_header(mapped, header)  # says in Russian that the column is not mapped
                read_only = next((lk for lk in links if lk.part in READ_ONLY and lk.part != CODE), None)
                if read_only is not None:
                    raise StoreError(read_only_said(mapped, read_only))
            touched.append((mapped, row, changed))
            after = self._staff_values(tab, {**seen.values, **changes}, only=changed, one=mapped)
            by_sheet.setdefault(mapped.sheet, []).append(
                (RowSnapshot(mapped.sheet, row, self._snapshot(mapped, seen.values)), after))
        refuse_merged_writes(self.inner, touched)
        keys = {sheet: self._staff_header(register.one_of(sheet), key_header) for sheet in by_sheet}
        with self._write_lock:  # rows on several tabs of theirs: all checked before any is written
            if len(by_sheet) > 1:
                still_as_read(self.inner, keys, by_sheet)
            written_on_each(self.inner, keys, by_sheet, journal)

    def create_tabs(self, layouts: Sequence[TabLayout]) -> None:
        # a tab the staff keep under their own name is theirs: only the model tabs they don't keep are created
        self.inner.create_tabs([lay for lay in layouts if lay.name not in self.mapping.tabs])

    def write_owned_tab(self, tab: OwnedTab, journal: Sequence[Mapping[str, Any]] = ()) -> None:
        self.inner.write_owned_tab(tab, journal)

    # the personal columns moved to the institute's server and back (core.store.personal_move) -------------------
    def drop_columns(self, tab: str, headers: Sequence[str]) -> None:
        """The staff's columns that hold these model columns deleted from their tab (from each tab of a register
        kept on a tab per group), and the mapping kept without them (a column shared with another model column —
        their one «ФИО» — is refused, nothing deleted)."""
        mapped = self.mapping.tabs.get(tab)
        if mapped is None:
            self.inner.drop_columns(tab, headers)
            return
        wanted = {normalize_header(h) for h in headers}
        gone = {one.sheet: [lk for lk in one.links if normalize_header(lk.model_header) in wanted]
                for one in mapped.every}
        for one in mapped.every:
            shared = [lk for lk in gone[one.sheet]
                      if lk.part is not None or len(by_column(one).get(lk.sheet_header, [])) > 1]
            if shared:
                raise StoreError(f"Столбец «{shared[0].sheet_header}» листа «{one.sheet}» хранит не только "
                                 f"«{shared[0].model_header}»: удалить его целиком нельзя. Ничего не удалено: "
                                 "разделите столбец в таблице и сопоставьте заново.")
        for one in (one for one in mapped.every if gone[one.sheet]):
            self.inner.drop_columns(one.sheet, [lk.sheet_header for lk in gone[one.sheet]])
            self._relink(replace(one, links=tuple(lk for lk in one.links if lk not in gone[one.sheet])))

    def add_columns(self, tab: str, headers: Sequence[str]) -> None:
        """Model columns the staff's tab lacks added after their last column (on each tab of a register kept on a
        tab per group), under the model's headers, and mapped."""
        mapped = self.mapping.tabs.get(tab)
        if mapped is None:
            self.inner.add_columns(tab, headers)
            return
        for one in mapped.every:
            have = {normalize_header(lk.model_header) for lk in one.links}
            new = [h for h in headers if normalize_header(h) not in have]
            if new:
                self.inner.add_columns(one.sheet, new)
                self._relink(replace(one, links=one.links + tuple(Link(h, h, "") for h in new)))

    def _relink(self, one: TabMap) -> None:
        """A tab's mapping with each column's letter as it is now, kept in the sheet and marked again."""
        staff = self.inner.fresh(one.sheet)
        index = {normalize_header(h): i for i, h in enumerate(staff.headers) if h}
        links = tuple(replace(lk, letter=letters(index[normalize_header(lk.sheet_header)]))
                      if lk.has_column and normalize_header(lk.sheet_header) in index else lk for lk in one.links)
        self.mapping.tabs[one.model_tab] = self.mapping.tabs[one.model_tab].with_one(replace(one, links=links))
        self.inner.write_owned_tab(self.mapping.owned_tab())
        self.inner.mark_columns(MARK_KEY, self.mapping.marks())
        self._set_frames()

    # translation -------------------------------------------------------------------------------------------
    def _staff_header(self, mapped: TabMap | str, model_header: str) -> str:
        one = self.mapping.tabs[mapped] if isinstance(mapped, str) else mapped
        direct = [lk for lk in one.links_of(model_header) if lk.part is None]
        if not direct:
            raise StoreError(f"Столбец «{model_header}» листа «{one.model_tab}» не сопоставлен отдельному столбцу "
                             f"листа «{one.sheet}»: сопоставьте его на странице «Подключение таблицы».")
        return direct[0].sheet_header

    def _staff_values(self, tab: str, row: Mapping[str, Any], only: set[str] | None = None,
                      one: TabMap | None = None) -> dict[str, Any]:
        """A model row as the staff's cells (only those of the model headers in `only`, when given) of their tab
        `one` (the register's own tab when not given): parts of a name joined into their «ФИО», a model «ФИО»
        split into their columns, two dates into their «с … по …»."""
        mapped = one or self.mapping.tabs.get(tab)
        if mapped is None:
            return dict(row)
        given = {normalize_header(h): v for h, v in row.items()}
        out: dict[str, Any] = {}
        ways = None
        if mapped.sheet not in self._numbers and not mapped.is_grid:
            self.read([tab])  # which of their columns hold checkboxes and whole numbers: known from a read
        for sheet_header, links in by_column(mapped).items():
            models = {normalize_header(lk.model_header) for lk in links}
            if (only is not None and not models & only) or not models & set(given):
                continue
            value = staff_cell(links, given)
            if links[0].words and value is not SKIP:
                value = to_staff(links[0].words, value)  # the model's «согласована» as their «принята»
            if way(links[0].part) and value is not SKIP and not is_blank(value):
                ways = ways or self._ways(mapped)
                value = name_for(mapped.sheet, sheet_header, links[0], value, ways)
            elif links[0].part == CODE:  # their «ПК-01 Функциональная грамотность»: the name beside the code
                value = named_code(tab, links[0].model_header, value, lambda t: self.read([t]).tabs.get(t),
                                   self.inner.read([mapped.sheet]).tabs[mapped.sheet], sheet_header)
            if isinstance(value, bool) and normalize_header(sheet_header) in self._ticks.get(mapped.sheet, ()):
                value = Tick(value)  # their checkbox stays a checkbox, never «да»/«нет» text over it
            elif isinstance(value, str) and normalize_header(sheet_header) in self._numbers.get(mapped.sheet, ()) \
                    and value.isdigit() and str(int(value)) == value:
                value = int(value)  # their «№» 1, 2, 3 stays a column of numbers: the app's «4» is the number 4
            if value is not SKIP:
                out[sheet_header] = value
        return out

    def _snapshot(self, mapped: TabMap, seen: Mapping[str, Any]) -> dict[str, Any]:
        """The staff's cells as the row was read: a shared cell («ФИО», «с … по …») exactly as it stood."""
        given = {normalize_header(h): v for h, v in seen.items()}
        out = {}
        for sheet_header, links in by_column(mapped).items():
            raw = RAW + sheet_header
            if raw in seen:
                out[sheet_header] = seen[raw]
            elif len(links) == 1 and links[0].part is None:
                out[sheet_header] = given.get(normalize_header(links[0].model_header))
        return out

    def _to_model_rows(self, rows_by_sheet: Mapping[str, list[dict]]) -> dict[str, list[dict]]:
        by_sheet = {m.sheet: m for m in self.mapping.every()}
        out: dict[str, list[dict]] = {}
        for sheet, rows in rows_by_sheet.items():
            mapped = by_sheet.get(sheet)
            if mapped is None:
                out[sheet] = rows
                continue
            ways = self._ways(mapped)  # a register's several tabs: all of their rows, tab after tab
            out.setdefault(mapped.model_tab, []).extend(
                {h: v for h, v in model_row(mapped, list(r), list(r.values()), ways=ways).items()
                 if not h.startswith(RAW)} for r in rows)
        return out


LISTENERS = "Слушатели"
