"""What every page shares: the store, cached reads, the sidebar. The only Streamlit glue outside pages/."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import streamlit as st

from core.access import LOCAL_USER, User, admins, mask_rows, resolve
from core.checks import Workbook, open_workbook, run_all
from core.config import Settings, load_secrets
from core.errors import EduDeskError, WriteMisplaced
from core.findings import Finding
from core.journal import JournaledStore
from core.store import ReadResult, Store, open_store
from sheets_schema import TABS

ALL_TABS = tuple(t.name for t in TABS)


def get_store() -> Store:
    """The store the settings select, one per process (keyed by those settings)."""
    settings = Settings()
    return _store(str(settings.workbook), str(settings.secrets_file))


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
        st.error(str(exc))
        st.stop()
    if result.stale:
        st.warning(f"{result.problem} Данные на {result.fetched_at:%d.%m.%Y %H:%M:%S}.", icon=":material/cloud_off:")
    return result


def today() -> date:
    return Settings().current_date()


@st.cache_data(max_entries=16, show_spinner="Проверяю данные…")
def _findings(store_label: str, fetched_at: str, day: date) -> list[Finding]:
    return run_all(get_store().read(ALL_TABS).tabs, today=day)


def findings() -> list[Finding]:
    result = read(ALL_TABS)
    return _findings(get_store().label, result.fetched_at.isoformat(), today())


@st.cache_data(max_entries=16, show_spinner=False)
def _workbook(store_label: str, fetched_at: str, day: date) -> Workbook:
    return open_workbook(get_store().read(ALL_TABS).tabs, day)


def workbook() -> Workbook:
    """Typed rows of every tab, for the area pages."""
    result = read(ALL_TABS)
    return _workbook(get_store().label, result.fetched_at.isoformat(), today())


def refresh() -> None:
    """Forget cached data so the next read goes to the sheet."""
    _findings.clear()
    _workbook.clear()
    get_store().invalidate()


def auth_configured() -> bool:
    return bool(load_secrets(Settings().secrets_file).get("auth"))


def user() -> User:
    """Who is using the app: the signed-in user's role from «Пользователи»; stops the page for anyone unlisted."""
    if auth_configured():
        if not st.user.is_logged_in:
            st.title("Учебный офис")
            st.write("Войдите, чтобы продолжить.")
            st.button("Войти", on_click=st.login, key="login", type="primary")
            st.stop()
        email = st.user.get("email")
    elif Settings().dev_user:
        email = Settings().dev_user
    else:
        return LOCAL_USER
    users = [r.item for r in workbook().items("Пользователи")]
    person = resolve(email, users)
    if person.role is None:
        st.error(f"Адреса {email} нет на листе «Пользователи». Попросите администратора добавить вас: "
                 f"{', '.join(admins(users)) or 'администратор учреждения'}.")
        if auth_configured():
            st.button("Выйти", on_click=st.logout, key="logout")
        st.stop()
    return person


def write(action: Callable[[JournaledStore], object], done: str | Callable[[object], str]) -> bool:
    """Run a write (journaled under the user's name); on success clear caches and say so, else say why in Russian.

    `done` may be a function of what the write returned (the rows as written, with the numbers handed out)."""
    person = user()
    if not person.can_write:
        st.error(f"Роль «{person.role.value}» только просматривает данные: изменения вносят сотрудники и менеджеры.")
        return False
    try:
        result = action(JournaledStore(get_store(), person.email))
    except WriteMisplaced as exc:  # saved, but not where meant: show what is there now
        refresh()
        st.warning(str(exc), icon=":material/report:")
        return False
    except EduDeskError as exc:
        st.error(str(exc))
        return False
    refresh()
    st.success(done(result) if callable(done) else done)
    return True


def pdf_button(label: str, build: Callable[[], bytes], file_name: str, key: str, where=st) -> None:
    """A download button for a document; a Russian message instead of the button when it can't be made."""
    try:
        data = build()
    except EduDeskError as exc:
        where.caption(f"{label}: {exc}")
        return
    where.download_button(label, data, file_name=file_name, mime="application/pdf", key=key,
                          icon=":material/picture_as_pdf:")


def sidebar() -> None:
    store = get_store()
    person = user()
    with st.sidebar:
        if person is LOCAL_USER:
            st.warning("Вход не настроен: приложение открыто только на этом компьютере (127.0.0.1).",
                       icon=":material/lock_open:")
        else:
            st.caption(f"{person.name} — {person.role.value}")
            if auth_configured():
                st.button("Выйти", on_click=st.logout, key="logout_sidebar")
        st.caption("Хранилище")
        st.markdown(store.title or store.label, help=store.label)
        try:
            fetched = store.read(ALL_TABS).fetched_at
            st.caption(f"Данные на {fetched:%d.%m.%Y %H:%M:%S}")
        except EduDeskError as exc:
            st.caption(str(exc))
        if st.button("Обновить данные", key="refresh", icon=":material/refresh:", width="stretch"):
            refresh()
            st.rerun()


def table(rows, column_config: dict | None = None, **kwargs) -> None:
    """A dataframe with dates shown as ДД.ММ.ГГГГ and no index, as staff read them."""
    import pandas as pd

    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(mask_rows(list(rows), user()))
    config = {c: st.column_config.DateColumn(c, format="DD.MM.YYYY") for c in frame.columns
              if frame[c].map(lambda v: isinstance(v, date)).any()}
    for column in frame.columns:  # an empty cell reads as empty, not as «None»
        if column not in config and frame[column].dtype == object:
            frame[column] = frame[column].map(lambda v: "" if v is None else v)
    st.dataframe(frame, hide_index=True, width="stretch", column_config={**config, **(column_config or {})}, **kwargs)
