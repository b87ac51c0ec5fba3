"""Connecting a sheet: look at every tab and propose; save the confirmed mapping with the sheet; open the store
through it."""

from __future__ import annotations

from collections.abc import Sequence

from core.admission.withdrawn import ConsentStore
from core.platform.config import Settings
from core.platform.errors import EduDeskError
from core.platform.personal import is_personal
from core.records.tabs import layouts
from core.store import XlsxStore, open_store
from core.store.base import Store
from core.store.split import SplitStore
from core.store.wrapping import PassThroughStore, layer

from .mapped import MappedStore
from .mapping import MAPPING_TAB, MARK_KEY, SheetMapping, mapping_from
from .propose import TabProposal, propose
from .review import mapping_of


def open_app_store(settings: Settings) -> Store:
    """The store the app works on: the one the settings select, through the staff's mapping kept in it, with the
    personal columns on the institute's own server when the settings say to keep them apart."""
    store = connected(open_store(settings))
    if settings.personal_store is None:
        return ConsentStore(store)  # a withdrawn consent hides that person's personal data on every read
    local = XlsxStore(settings.personal_store, backups_keep=settings.backups_keep)
    return ConsentStore(SplitStore(store, local).prepare(layouts()))


def _sheet_of(store: Store) -> Store:
    """The spreadsheet itself under the app's wrappers (the mapping, the personal columns kept apart)."""
    while isinstance(store, SplitStore | MappedStore | PassThroughStore):
        store = store.shared if isinstance(store, SplitStore) else store.inner
    return store


def look(store: Store) -> list[TabProposal]:
    """The proposal for every tab of the sheet. Reads only: nothing is written anywhere."""
    inner = _sheet_of(store)
    names = [n for n in inner.tab_names() if n != MAPPING_TAB]
    return propose(inner.raw_grids(names), inner.drop_downs(names), inner.struck_cells(names))


def save(store: Store, proposals: Sequence[TabProposal]) -> SheetMapping:
    """Keep the confirmed mapping in the sheet's own tab «EduDesk — соответствие» (no staff tab is touched)."""
    inner = _sheet_of(store)
    mapping = mapping_of(proposals)
    if not mapping.tabs:
        raise EduDeskError("Ни один лист не сопоставлен листу модели: сохранять нечего.")
    inner.write_owned_tab(mapping.owned_tab())
    inner.mark_columns(MARK_KEY, mapping.marks())  # each column found again after a rename (xlsx_marks)
    return mapping


def saved_mapping(store: Store) -> SheetMapping | None:
    inner = _sheet_of(store)
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


def personal_abroad(store: Store, proposals: Sequence[TabProposal]) -> dict[str, list[str]]:
    """The staff's columns that hold personal data (by the model columns proposed for them) in a sheet kept abroad,
    when they are not kept apart: said once, plainly, when connecting (152-ФЗ ст. 18 ч. 5)."""
    if layer(store, SplitStore) is not None or not _sheet_of(store).abroad:
        return {}
    found = {p.sheet: [line.header for line in p.lines if line.model_header and is_personal(line.model_header)]
             for p in proposals if p.model_tab}
    return {sheet: headers for sheet, headers in found.items() if headers}
