"""The store and what pages read from it: cached per version of the data; any store problem is said in Russian
and stops the page. Imports nothing of ui: the other modules build on it."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date

import streamlit as st

from core.connect.sheet import open_app_store
from core.platform.config import Settings
from core.platform.errors import EduDeskError
from core.records.checks import Workbook, open_workbook, run_all
from core.records.findings import Finding
from core.store import ReadResult, Store
from sheets_schema import TABS

from .text import said

ALL_TABS = tuple(t.name for t in TABS)


def settings() -> Settings:
    """The settings as the environment gives them, made once per distinct environment: a page asks for them a dozen
    times a run, and each `Settings()` reads and validates the whole environment (9 % of a page's time on 20 000
    rows, #30 item 7). They come from EDUDESK_* variables only, so the same variables give the same settings."""
    environment = tuple(sorted((k.upper(), v) for k, v in os.environ.items() if k.upper().startswith("EDUDESK_")))
    made = _settings.get(environment)
    if made is None:
        if len(_settings) > 16:  # tests change the environment often; a server never does
            _settings.clear()
        made = _settings.setdefault(environment, Settings())
    return made


_settings: dict[tuple, Settings] = {}


def get_store() -> Store:
    """The store the settings select, one per process (keyed by those settings)."""
    settings_now = settings()
    try:
        return _store(str(settings_now.workbook), str(settings_now.secrets_file))
    except EduDeskError as exc:  # e.g. a secrets file that is not TOML
        st.error(said(exc))
        st.stop()


@st.cache_resource(show_spinner=False)
def _store(workbook: str, secrets_file: str) -> Store:
    # through the mapping kept in the sheet when staff connected their own sheet (page «Подключение таблицы»)
    return open_app_store(Settings(workbook=workbook, secrets_file=secrets_file))


def reconnect() -> None:
    """After the mapping was saved: open the store anew, through it."""
    _store.clear()
    _findings.clear()
    _parsed.clear()


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
        st.error(said(exc), icon=":material/error:")
        st.caption("Когда файл или таблица снова будут доступны, нажмите «Обновить данные» слева.")
        st.stop()
    if result.stale:
        st.warning(f"{result.problem} Данные на {result.fetched_at:%d.%m.%Y %H:%M:%S}.", icon=":material/cloud_off:")
    return result


def today() -> date:
    return settings().current_date()


def parsed(result: ReadResult) -> Workbook:
    """Typed rows of the tabs read (a missing tab is simply empty), parsed once per version of the data."""
    return _parsed(get_store().label, result.version, today(), result.tabs)


# One parsed workbook per version of the data for every session (cache_resource: shared, never copied — st.cache_data
# would unpickle the whole workbook on every call, and every page calls it several times: thirty sessions spent their
# time and memory copying it). Pages only read it. Two versions kept: the one being read and the one just written.
@st.cache_resource(max_entries=2, show_spinner=False)
def _parsed(store_label: str, version: tuple, day: date, _tabs) -> Workbook:
    return open_workbook(_tabs, day)


def findings() -> list[Finding]:
    """Every rule's findings as they are (ui.findings hides what they quote of personal data from those who don't
    see it)."""
    result = read(ALL_TABS)
    return list(_findings(get_store().label, result.version, today(), result.tabs))


@st.cache_resource(max_entries=2, show_spinner="Проверяю данные…")
def _findings(store_label: str, version: tuple, day: date, _tabs) -> tuple[Finding, ...]:
    return tuple(run_all(_tabs, today=day))  # a tuple: shared by every session, changed by none


def refresh() -> None:
    """Forget cached data so the next read goes to the sheet."""
    _findings.clear()
    _parsed.clear()
    get_store().invalidate()
