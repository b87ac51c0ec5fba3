"""The store and what pages read from it: cached per version of the data; any store problem is said in Russian
and stops the page, and a page whose tabs are missing says so instead of computing from nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date

import streamlit as st

from core.checks import Workbook, open_workbook, run_all
from core.config import Settings
from core.display import count
from core.errors import EduDeskError
from core.findings import Finding
from core.personal import mask_message
from core.setup import layouts
from core.store import ReadResult, Store, open_store
from sheets_schema import TABS

ALL_TABS = tuple(t.name for t in TABS)


def get_store() -> Store:
    """The store the settings select, one per process (keyed by those settings)."""
    settings = Settings()
    try:
        return _store(str(settings.workbook), str(settings.secrets_file))
    except EduDeskError as exc:  # e.g. a secrets file that is not TOML
        st.error(str(exc))
        st.stop()


@st.cache_resource(show_spinner=False)
def _store(workbook: str, secrets_file: str) -> Store:
    return open_store(Settings(workbook=workbook, secrets_file=secrets_file))


def read(tabs: Sequence[str] = ALL_TABS) -> ReadResult:
    """The tabs a page needs, or a Russian message and a stop when the store can't be read.

    The store keeps the data in memory for all sessions and never makes one session wait for another's
    slow read when it has something to show.
    """
    store = get_store()
    try:
        with st.spinner("Читаю таблицу…"):
            result = store.read(tuple(tabs))
    except EduDeskError as exc:
        st.error(str(exc), icon=":material/error:")
        st.caption("Когда файл или таблица снова будут доступны, нажмите «Обновить данные» слева.")
        st.stop()
    if result.stale:
        st.warning(f"{result.problem} Данные на {result.fetched_at:%d.%m.%Y %H:%M:%S}.", icon=":material/cloud_off:")
    return result


def today() -> date:
    return Settings().current_date()


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
    return _parsed(get_store().label, result.version, today(), result.tabs)


@st.cache_data(max_entries=16, show_spinner=False)
def _parsed(store_label: str, version: tuple, day: date, _tabs) -> Workbook:
    return open_workbook(_tabs, day)


def findings() -> list[Finding]:
    """Every rule's findings; for someone who doesn't see personal data, what they quote of it is hidden."""
    from .people import user

    result = read(ALL_TABS)
    found = _findings(get_store().label, result.version, today(), result.tabs)
    if user().sees_personal_data:
        return found
    return [dataclasses.replace(f, message=mask_message(f.message, f.column)) for f in found]


@st.cache_data(max_entries=16, show_spinner="Проверяю данные…")
def _findings(store_label: str, version: tuple, day: date, _tabs) -> list[Finding]:
    return run_all(_tabs, today=day)


def refresh() -> None:
    """Forget cached data so the next read goes to the sheet."""
    _findings.clear()
    _parsed.clear()
    get_store().invalidate()


def missing_tabs(missing: Sequence[str], page: bool = True) -> None:
    """Say which tabs are missing and offer to create them (to those who may write)."""
    from .actions import write
    from .people import user

    names = ", ".join(f"«{t}»" for t in missing)
    one = len(missing) == 1
    why = f": без {'него' if one else 'них'} эта страница ничего не покажет и не посчитает" if page else ""
    st.warning(f"В таблице нет {'листа' if one else 'листов'} {names}{why}. Если лист переименовали, верните ему "
               "прежнее имя и нажмите «Обновить данные»; если его удалили, создайте его заново — пустым, с "
               "заголовками столбцов.", icon=":material/table_rows:")
    if user().can_write:
        label = f"Создать {'лист' if one else count(len(missing), 'лист', 'листа', 'листов')}"
        if st.button(label, key="create_missing_tabs", type="primary", icon=":material/add:"):
            wanted = [layout for layout in layouts() if layout.name in missing]
            write(lambda store: store.create_tabs(wanted), f"{'Создан лист' if one else 'Созданы листы'} {names}.")
    else:
        st.caption("Создать лист может сотрудник, менеджер или администратор.")
