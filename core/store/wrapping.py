"""Stores over another store: the staff's mapping (core.connect.mapped), the personal columns kept apart
(core.store.split), a withdrawn consent's masking (core.admission.withdrawn) — and how to find one among them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .base import Frame, OwnedTab, ReadResult, Store, TabData, TabLayout


class WrappingStore(Store):
    """A store over another one (the staff's mapping, the personal columns kept apart): its public methods hand
    every read and write on, so the ones a store of its own implements are never reached."""

    def _fetch(self, tabs: list[str]) -> dict[str, TabData]:
        return self.read(tabs).tabs

    def _append_many(self, rows_by_tab, numbering, journal):  # pragma: no cover
        raise NotImplementedError

    def _update_many(self, key_header, updates, journal):  # pragma: no cover
        raise NotImplementedError

    def _create_tabs(self, layouts):  # pragma: no cover
        raise NotImplementedError

    def _write_owned_tab(self, tab, journal):  # pragma: no cover
        raise NotImplementedError


class PassThroughStore(WrappingStore):
    """A store over another that changes only some of what passes (core.admission.withdrawn): by default every read
    and write goes to `inner` as it is."""

    def __init__(self, inner: Store) -> None:
        super().__init__()
        self.inner = inner
        self.abroad = inner.abroad
        self.label, self.title = inner.label, inner.title
        self._write_lock = inner.exclusive()

    def read(self, tabs: Sequence[str]) -> ReadResult:
        return self.inner.read(tabs)

    def fresh(self, tab: str) -> TabData:
        self.invalidate([tab])
        return self.read([tab]).tabs[tab]

    def invalidate(self, tabs: Sequence[str] | None = None) -> None:
        self.inner.invalidate(tabs)

    def append_many(self, rows_by_tab, numbering=None, journal=None) -> dict[str, list[dict]]:
        return self.inner.append_many(rows_by_tab, numbering, journal)

    def update_many(self, key_header, updates, journal=()) -> None:
        self.inner.update_many(key_header, updates, journal)

    def create_tabs(self, layouts: Sequence[TabLayout]) -> None:
        self.inner.create_tabs(layouts)

    def write_owned_tab(self, tab: OwnedTab, journal: Sequence[Mapping[str, Any]] = ()) -> None:
        self.inner.write_owned_tab(tab, journal)

    def tab_names(self) -> list[str]:
        return self.inner.tab_names()

    def has_tab(self, tab: str) -> bool | None:
        return self.inner.has_tab(tab)

    def check_writable(self) -> None:
        self.inner.check_writable()

    def cell_url(self, tab: str, a1: str) -> str | None:
        return self.inner.cell_url(tab, a1)

    def set_frames(self, frames: Mapping[str, Frame]) -> None:
        self.inner.set_frames(frames)

    def mark_columns(self, key: str, marks: Mapping[str, Mapping[int, str]]) -> None:
        self.inner.mark_columns(key, marks)

    def column_marks(self, key: str) -> dict[str, tuple[str, int]]:
        return self.inner.column_marks(key)

    def raw_grids(self, tabs: Sequence[str]) -> dict[str, list[list[Any]] | None]:
        return self.inner.raw_grids(tabs)

    def merged_blocks(self, tabs: Sequence[str], fresh: bool = False) -> dict[str, list]:
        return self.inner.merged_blocks(tabs, fresh)

    def struck_cells(self, tabs: Sequence[str], fresh: bool = False) -> dict[str, set[tuple[int, int]]]:
        return self.inner.struck_cells(tabs, fresh)

    def personal_abroad(self, tabs: Mapping[str, TabData]) -> dict[str, list[str]]:
        return self.inner.personal_abroad(tabs)

    def drop_columns(self, tab: str, headers: Sequence[str]) -> None:
        self.inner.drop_columns(tab, headers)

    def add_columns(self, tab: str, headers: Sequence[str]) -> None:
        self.inner.add_columns(tab, headers)


def layer(store: Store, kind: type) -> Store | None:
    """The store of this kind among the wrappers the app works through (the outermost first), or None."""
    while store is not None:
        if isinstance(store, kind):
            return store
        store = getattr(store, "inner", None)
    return None


def bare(store: Store) -> Store:
    """The store beneath the pass-through layers (a withdrawn consent's masking): the workbook or sheet itself, or the
    staff's mapping or the personal columns kept apart over it."""
    while isinstance(store, PassThroughStore):
        store = store.inner
    return store
