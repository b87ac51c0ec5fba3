"""The tabs a page needs: read, or said missing with the offer to create them (to those who may write)."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from core.connect.mapped import MappedStore
from core.platform.display import count
from core.records.checks import Workbook
from core.records.tabs import layouts
from core.store.wrapping import layer

from .actions import write
from .data import ALL_TABS, get_store, parsed, read
from .people import user


def workbook(*needs: str, optional: Sequence[str] = ()) -> Workbook:
    """Typed rows of every tab; `needs` are the tabs this page can't work without, `optional` the ones it
    reads but can do without (their absence is mentioned).

    When a needed tab is missing the page says which, offers to create it and stops: a page computed
    without its tab would show a wrong «all clear» or a sum that silently lost a part.
    """
    unknown = [t for t in (*needs, *optional) if t not in ALL_TABS]
    if unknown:
        raise ValueError(f"unknown tabs {unknown}")
    result = read(ALL_TABS)
    missing = [t for t in needs if not result.tabs[t].exists]
    if missing:
        missing_tabs(missing)
        st.stop()
    absent = [t for t in optional if not result.tabs[t].exists]
    if absent:
        st.caption(f"Нет листа {', '.join(f'«{t}»' for t in absent)}: то, что с него берётся, не учтено.")
    return parsed(result)


def missing_tabs(missing: Sequence[str], page: bool = True) -> None:
    """Say which tabs are missing and offer to create them (to those who may write)."""
    names = ", ".join(f"«{t}»" for t in missing)
    one = len(missing) == 1
    why = f": без {'него' if one else 'них'} эта страница ничего не покажет и не посчитает" if page else ""
    if layer(get_store(), MappedStore) is not None:  # the staff's own sheet: they never had these tabs
        st.info(f"В вашей таблице нет {'листа' if one else 'листов'} модели {names}{why}. Приложение не создаёт "
                "их само; если они нужны, создайте их — пустыми, с заголовками столбцов. Листы сотрудников не "
                "изменятся.", icon=":material/table_rows:")
    else:
        st.warning(f"В таблице нет {'листа' if one else 'листов'} {names}{why}. Если лист переименовали, верните "
                   "ему прежнее имя и нажмите «Обновить данные»; если его удалили, создайте его заново — пустым, с "
                   "заголовками столбцов.", icon=":material/table_rows:")
    if user().can_write:
        label = f"Создать {'лист' if one else count(len(missing), 'лист', 'листа', 'листов')}"
        if st.button(label, key="create_missing_tabs", type="primary", icon=":material/add:"):
            wanted = [layout for layout in layouts() if layout.name in missing]
            write(lambda store: store.create_tabs(wanted), f"{'Создан лист' if one else 'Созданы листы'} {names}.")
    else:
        st.caption("Создать лист может сотрудник, менеджер или администратор.")
