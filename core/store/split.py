"""Personal data kept apart (152-ФЗ ст. 18 ч. 5): the shared sheet holds no personal column, the institute's own
server holds them, joined to the shared rows by each tab's key.

Since 1 July 2025 personal data of Russian citizens may not be recorded or stored in a database abroad, and a
Google Sheet is one. With «персональные данные хранить отдельно» on, the app works on a SplitStore: every column
the sheet model marks personal (СНИЛС, дата рождения, телефон, e-mail, the education document's series, number and
date…) lives in a local workbook on the institute's server, in a tab of the same name keyed by the record's key
(«№ заявки», «ID слушателя»…); a tab whose key is itself personal («Пользователи»: the key is the e-mail) or that has
no key («Рассылки») lives there whole. Pages, checks and documents read the rows joined, as if nothing were apart;
writes are split so that no personal value is ever sent to Google. «Журнал» in the shared sheet gets the same
entries with any address or number masked; the local «Журнал» keeps them whole.

The order of a write: the shared part first (it hands out the numbers), then the personal part under the number it
got. What the personal part will change is checked before the shared write, so only a failure of the local disk
can come between them; then the error names the record and the values to type again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from core.platform.errors import RowNotFound, StoreError
from core.platform.personal import mask_text, personal_columns
from sheets_schema import TAB_BY_NAME, TABS
from sheets_schema.base import normalize_header

from .base import (
    Numbering,
    OwnedTab,
    ReadResult,
    RowSnapshot,
    Store,
    TabData,
    TabLayout,
    canonical,
)
from .rows import find_row
from .wrapping import WrappingStore

JOURNAL = "Журнал"


@dataclass(frozen=True)
class PersonalPlace:
    """Where a model tab's personal columns live when kept apart."""

    tab: str
    key: str | None  # the join key's header; None: the whole tab lives on the institute's server
    headers: tuple[str, ...]  # the personal columns' headers, in the model's order

    @property
    def whole(self) -> bool:
        return self.key is None

    def holds(self, header: str) -> bool:
        return normalize_header(header) in {normalize_header(h) for h in self.headers}


@cache
def personal_places() -> dict[str, PersonalPlace]:
    """Every model tab with a personal column, and how it is kept apart."""
    places = {}
    for tab in TABS:
        personal = tuple(c.header for c in tab.columns if c.personal)
        if not personal:
            continue
        key = tab.column(tab.key).header if tab.key else None
        if key is not None and normalize_header(key) in {normalize_header(h) for h in personal}:
            key = None  # the key is itself personal («Пользователи»): the whole tab stays local
        places[tab.name] = PersonalPlace(tab.name, key, personal)
    return places


def _with_headers(layout: TabLayout, headers: list[str]) -> TabLayout:
    return TabLayout(layout.name, headers, {h: v for h, v in layout.dropdowns.items() if h in headers}, layout.width)


def local_layouts(layouts: Sequence[TabLayout]) -> list[TabLayout]:
    """What the institute's server keeps of these layouts: whole tabs (and its own «Журнал»), or the key and the
    personal columns."""
    places = personal_places()
    out = []
    for layout in layouts:
        place = places.get(layout.name)
        if layout.name == JOURNAL or (place is not None and place.whole):
            out.append(layout)
        elif place is not None:
            out.append(_with_headers(layout, [place.key, *place.headers]))
    return out


def shared_layouts(layouts: Sequence[TabLayout]) -> list[TabLayout]:
    """What the shared sheet keeps of these layouts: no personal column, no tab that lives locally whole."""
    places = personal_places()
    out = []
    for layout in layouts:
        place = places.get(layout.name)
        if place is None:
            out.append(layout)
        elif not place.whole:
            out.append(_with_headers(layout, [h for h in layout.headers if not place.holds(h)]))
    return out


def shareable(value: Any) -> Any:
    """A value bound for the shared sheet with any e-mail, phone or СНИЛС in it masked (a journal's «Кто»)."""
    return mask_text(value) if isinstance(value, str) else value


def _split_row(place: PersonalPlace, row: Mapping[str, Any]) -> tuple[dict, dict]:
    shared = {h: v for h, v in row.items() if not place.holds(h)}
    personal = {h: v for h, v in row.items() if place.holds(h)}
    return shared, personal


def _value(row: Mapping[str, Any], header: str) -> Any:
    wanted = normalize_header(header)
    return next((v for h, v in row.items() if normalize_header(h) == wanted), None)


class SplitStore(WrappingStore):
    def __init__(self, shared: Store, local: Store) -> None:
        super().__init__()
        self.shared, self.local = shared, local
        self.inner = shared  # what layer() walks down to
        self.abroad = False  # nothing personal goes to the shared sheet, wherever it is
        self.label = f"{shared.label} · ПДн: {local.label}"
        self.title = shared.title
        self._write_lock = shared.exclusive()
        self.places = personal_places()

    def prepare(self, layouts: Sequence[TabLayout]) -> SplitStore:
        """The local workbook with the tabs it keeps of these (the model's) layouts; only those it lacks are added."""
        self.local.create_tabs(local_layouts(layouts))
        return self

    # reading -----------------------------------------------------------------------------------------------
    def read(self, tabs: Sequence[str]) -> ReadResult:
        wanted = list(dict.fromkeys(tabs))
        local_tabs = [t for t in wanted if t in self.places]
        shared_tabs = [t for t in wanted if t not in self.places or not self.places[t].whole]
        shared = self.shared.read(shared_tabs) if shared_tabs else None
        local = self.local.read(local_tabs) if local_tabs else None
        out = {}
        for t in wanted:
            place = self.places.get(t)
            if place is None:
                out[t] = shared.tabs[t]
            elif place.whole:
                out[t] = local.tabs[t] if local.tabs[t].rows else self._not_moved(t, local.tabs[t])
            else:
                out[t] = joined(shared.tabs[t], local.tabs[t], place)
        parts = [r for r in (shared, local) if r is not None]
        main = shared or local
        return ReadResult(out, min(r.fetched_at for r in parts), main.stale, main.problem,
                          tuple(v for r in parts for v in r.version))

    def _not_moved(self, tab: str, empty: TabData) -> TabData:
        """A whole tab the shared sheet still keeps (the columns not moved out yet: edudesk personal out): read
        there, so that nobody is locked out of «Пользователи» between switching the setting on and moving."""
        data = self.shared.read([tab]).tabs[tab]
        return data if data.exists and data.rows and normalize_header(data.headers[0] if data.headers else "") \
            == normalize_header(TAB_BY_NAME[tab].headers[0]) else empty

    def invalidate(self, tabs: Sequence[str] | None = None) -> None:
        self.shared.invalidate(tabs)
        self.local.invalidate(tabs)

    def fresh(self, tab: str) -> TabData:
        self.invalidate([tab])
        return self.read([tab]).tabs[tab]

    def tab_names(self) -> list[str]:
        whole = [t for t in self.local.tab_names() if t in self.places and self.places[t].whole]
        return list(dict.fromkeys(self.shared.tab_names() + whole))

    def has_tab(self, tab: str) -> bool | None:
        place = self.places.get(tab)
        return self.local.has_tab(tab) if place is not None and place.whole else self.shared.has_tab(tab)

    def personal_abroad(self, tabs: Mapping[str, TabData]) -> dict[str, list[str]]:
        """The personal columns the shared sheet still holds (not moved out yet): joined reads show them all, so the
        shared sheet's own tabs are asked."""
        if not self.shared.abroad:
            return {}
        names = [t for t in tabs if t in self.places]
        return personal_columns(self.shared.read(names).tabs) if names else {}

    def check_writable(self) -> None:
        self.local.check_writable()
        self.shared.check_writable()

    def cell_url(self, tab: str, a1: str) -> str | None:
        place = self.places.get(tab)
        return None if place is not None and place.whole else self.shared.cell_url(tab, a1)

    def set_frames(self, frames) -> None:
        self.shared.set_frames(frames)

    def mark_columns(self, key: str, marks) -> None:
        self.shared.mark_columns(key, marks)

    def column_marks(self, key: str) -> dict[str, tuple[str, int]]:
        return self.shared.column_marks(key)

    def raw_grids(self, tabs: Sequence[str]) -> dict[str, list[list[Any]] | None]:
        return self.shared.raw_grids(tabs)

    # writing -----------------------------------------------------------------------------------------------
    def append_many(self, rows_by_tab: Mapping[str, Sequence[Mapping[str, Any]]], numbering: Numbering | None = None,
                    journal: Callable[[Mapping[str, list[dict]]], list[dict]] | None = None) -> dict[str, list[dict]]:
        rows = {t: [dict(r) for r in rs] for t, rs in rows_by_tab.items() if rs}
        if not rows:
            return {}
        whole = {t: rs for t, rs in rows.items() if t in self.places and self.places[t].whole}
        shared, personal = {}, {}
        for t, rs in rows.items():
            if t in whole:
                continue
            place = self.places.get(t)
            if t == JOURNAL:  # entries written on their own (a tab created, a reset): masked there, whole here
                shared[t] = [{h: shareable(v) for h, v in r.items()} for r in rs]
                continue
            if place is None:
                shared[t] = rs
                continue
            halves = [_split_row(place, r) for r in rs]
            shared[t] = [s for s, _ in halves]
            personal[t] = [p for _, p in halves]
        for t in whole:
            self._refuse_not_moved(t)
        with self._write_lock:
            self.local.check_writable()  # the local half must not be refused after the shared one is in
            written: dict[str, list[dict]] = {}
            if whole:
                written.update(self.local.append_many(whole, numbering if numbering and numbering.tab in whole
                                                      else None))

            def merged(final: Mapping[str, list[dict]]) -> dict[str, list[dict]]:
                return {**written, **{t: [{**r, **p} for r, p in zip(rs, personal.get(t, [{}] * len(rs)),
                                                                     strict=True)] for t, rs in final.items()}}

            shared_journal = None if journal is None else (
                lambda final: [{h: shareable(v) for h, v in e.items()} for e in journal(merged(final))])
            final = self.shared.append_many(shared, numbering, shared_journal) if shared else {}
            if not shared and journal is not None:
                self.shared.append(JOURNAL, shared_journal({}))
            result = {**merged(final), **({JOURNAL: rows[JOURNAL]} if JOURNAL in rows else {})}
            local_rows = self._personal_rows(final, personal)
            if JOURNAL in rows:
                local_rows.setdefault(JOURNAL, []).extend(rows[JOURNAL])
            if journal is not None:
                local_rows.setdefault(JOURNAL, []).extend(journal(result))
            self._local_append(local_rows, result)
        return result

    def _refuse_not_moved(self, tab: str) -> None:
        if not self.local.read([tab]).tabs[tab].rows and self._not_moved(tab, None) is not None:
            raise StoreError(f"Лист «{tab}» ещё в общей таблице, а персональные данные должны храниться отдельно: "
                             "сначала перенесите их командой edudesk personal out. Ничего не записано.")

    def _personal_rows(self, final: Mapping[str, list[dict]], personal: Mapping[str, list[dict]]) -> dict:
        out: dict[str, list[dict]] = {}
        for t, parts in personal.items():
            place = self.places[t]
            for row, part in zip(final.get(t, []), parts, strict=True):
                if any(v not in (None, "") for v in part.values()):
                    out.setdefault(t, []).append({place.key: _value(row, place.key), **part})
        return out

    def _local_append(self, rows: dict[str, list[dict]], result: Mapping[str, list[dict]]) -> None:
        if not rows:
            return
        try:
            self.local.append_many(rows)
        except Exception as exc:
            keys = ", ".join(str(r.get(self.places[t].key)) for t, rs in rows.items() if t in self.places
                             for r in rs)
            raise StoreError(f"Записи ({keys}) добавлены в общую таблицу, но их персональные данные не сохранены на "
                             f"сервере учреждения: {exc} Внесите персональные данные этих записей ещё раз, когда "
                             "книга станет доступна.") from exc

    def update_many(self, key_header: str, updates: Sequence[tuple[RowSnapshot, Mapping[str, Any]]],
                    journal: Sequence[Mapping[str, Any]] = ()) -> None:
        if not updates:
            return
        tab = updates[0][0].tab
        place = self.places.get(tab)
        shared_journal = [{h: shareable(v) for h, v in e.items()} for e in journal]
        with self._write_lock:
            if place is None:
                self.shared.update_many(key_header, updates, shared_journal)
                self._local_journal(journal)
                return
            if place.whole:
                self._refuse_not_moved(tab)
                self.local.update_many(key_header, updates, journal)
                if shared_journal:
                    self.shared.append(JOURNAL, shared_journal)
                return
            local_updates, local_new = self._personal_changes(place, updates)  # checked before anything is written
            shared_updates = []
            for seen, changes in updates:
                values, _ = _split_row(place, seen.values)
                changed, _ = _split_row(place, changes)
                if changed:
                    shared_updates.append((replace(seen, values=values), changed))
            if shared_updates:
                self.shared.update_many(key_header, shared_updates, shared_journal)
            elif shared_journal:
                self.shared.append(JOURNAL, shared_journal)
            try:
                if local_updates:
                    self.local.update_many(place.key, local_updates)
                if local_new:
                    self.local.append(tab, local_new)
            except Exception as exc:
                raise StoreError(f"Изменения листа «{tab}» записаны в общую таблицу, а персональные данные — нет: "
                                 f"{exc} Внесите их ещё раз, когда книга на сервере учреждения станет доступна.") from exc
            self._local_journal(journal)

    def _personal_changes(self, place: PersonalPlace, updates) -> tuple[list, list[dict]]:
        """The local rows' updates (and rows to add) for these changes; refused, before any write, when a personal
        value is no longer what the person saw."""
        wanted = [(seen, {h: v for h, v in changes.items() if place.holds(h) or normalize_header(h) ==
                          normalize_header(place.key)}) for seen, changes in updates]
        wanted = [(seen, ch) for seen, ch in wanted if any(place.holds(h) for h in ch) or
                  (ch and canonical(_value(ch, place.key)) != canonical(_value(seen.values, place.key)))]
        if not wanted:
            return [], []
        self.local.check_writable()
        data = self.local.fresh(place.tab)
        local_updates, local_new = [], []
        for seen, changes in wanted:
            key = _value(seen.values, place.key)
            try:
                row = find_row(data, place.key, key) if data.exists else None
            except RowNotFound:
                row = None
            if row is None:
                if any(v not in (None, "") for h, v in changes.items() if place.holds(h)):
                    local_new.append({place.key: _value(changes, place.key) or key,
                                      **{h: v for h, v in changes.items() if place.holds(h)}})
                continue
            for header in (h for h in changes if place.holds(h)):
                if canonical(_value(row.values, header)) != canonical(_value(seen.values, header)):
                    raise StoreError(f"«{header}» записи {key} на листе «{place.tab}» изменили, пока вы её "
                                     "правили. Ничего не записано: обновите данные и повторите.")
            local_updates.append((row, changes))
        return local_updates, local_new

    def _local_journal(self, journal: Sequence[Mapping[str, Any]]) -> None:
        if journal:
            self.local.append(JOURNAL, list(journal))

    def create_tabs(self, layouts: Sequence[TabLayout]) -> None:
        with self._write_lock:
            local = local_layouts(layouts)
            if local:
                self.local.create_tabs(local)
            shared = shared_layouts(layouts)
            if shared:
                self.shared.create_tabs(shared)

    def write_owned_tab(self, tab: OwnedTab, journal: Sequence[Mapping[str, Any]] = ()) -> None:
        safe = replace(tab, rows=[[shareable(v) for v in row] for row in tab.rows])
        with self._write_lock:
            self.shared.write_owned_tab(safe, [{h: shareable(v) for h, v in e.items()} for e in journal])
            self._local_journal(journal)


def joined(shared: TabData, local: TabData, place: PersonalPlace) -> TabData:
    """The shared tab's rows with the personal columns from the local tab, by key. A personal column the shared tab
    still holds (not moved out yet) shows the local value where the local tab has the record."""
    if not shared.exists:
        return shared
    index = shared.header_index()
    key_at = index.get(normalize_header(place.key))
    by_key: dict[str, dict[str, Any]] = {}
    if local.exists and key_at is not None:
        for row in local.as_dicts():
            key = _value(row, place.key)
            if key not in (None, ""):
                by_key[canonical(key)] = {normalize_header(h): v for h, v in row.items()}
    added = [h for h in place.headers if normalize_header(h) not in index]
    rows = []
    for raw in shared.rows:
        row = list(raw) + [None] * (len(shared.headers) - len(raw))
        found = by_key.get(canonical(row[key_at])) if key_at is not None and key_at < len(row) else None
        for header in place.headers:
            at = index.get(normalize_header(header))
            if at is not None and found is not None:
                row[at] = found.get(normalize_header(header))
        rows.append(row + [found.get(normalize_header(h)) if found else None for h in added])
    columns = shared.sheet_columns if shared.sheet_columns is not None else list(range(len(shared.headers)))
    return replace(shared, headers=shared.headers + added, rows=rows, sheet_columns=columns + [None] * len(added),
                   labels=None if shared.labels is None else shared.labels + added)
