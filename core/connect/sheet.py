"""Connecting a sheet: look at every tab and propose; save the confirmed mapping with the sheet; open the store
through it."""

from __future__ import annotations

from collections.abc import Sequence

from core.platform.errors import EduDeskError
from core.store.base import Store

from .mapped import MappedStore
from .mapping import MAPPING_TAB, MARK_KEY, SheetMapping, mapping_from
from .propose import TabProposal, mapping_of, propose


def look(store: Store) -> list[TabProposal]:
    """The proposal for every tab of the sheet. Reads only: nothing is written anywhere."""
    inner = store.inner if isinstance(store, MappedStore) else store
    names = [n for n in inner.tab_names() if n != MAPPING_TAB]
    return propose(inner.raw_grids(names))


def save(store: Store, proposals: Sequence[TabProposal]) -> SheetMapping:
    """Keep the confirmed mapping in the sheet's own tab «EduDesk — соответствие» (no staff tab is touched)."""
    inner = store.inner if isinstance(store, MappedStore) else store
    mapping = mapping_of(proposals)
    if not mapping.tabs:
        raise EduDeskError("Ни один лист не сопоставлен листу модели: сохранять нечего.")
    inner.write_owned_tab(mapping.owned_tab())
    inner.mark_columns(MARK_KEY, mapping.marks())  # Google Sheets: each column found again after a rename
    return mapping


def saved_mapping(store: Store) -> SheetMapping | None:
    inner = store.inner if isinstance(store, MappedStore) else store
    if inner.has_tab(MAPPING_TAB) is False:
        return None
    data = inner.read([MAPPING_TAB]).tabs[MAPPING_TAB]
    if not data.exists or not data.rows:
        return None
    mapping = mapping_from(data)
    return mapping if mapping.tabs else None


def connected(store: Store) -> Store:
    """The store through the mapping kept in the sheet, or the store itself when the sheet keeps none (the app's
    own workbook)."""
    try:
        mapping = saved_mapping(store)
    except EduDeskError:
        return store  # the sheet can't be read now: the pages say so when they read it
    return store if mapping is None else MappedStore(store, mapping)
