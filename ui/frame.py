"""The frame around every page: the sidebar, Russian in place of Streamlit's own English, and a Russian message
(never a traceback) if a page fails in a way nobody foresaw."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.platform.access import LOCAL_USER
from core.platform.errors import EduDeskError
from core.platform.proxy_sign_in import KNOWN_BY as PASSWORD_KNOWN_BY

from .data import ALL_TABS, get_store, refresh, settings
from .opened import entered, forget_opened
from .people import auth_configured, user
from .text import esc, said

log = logging.getLogger("edudesk.pages")

CRASH = ("На странице случилась внутренняя ошибка приложения, и она не показана до конца. Данные в таблице этой "
         "ошибкой не изменены. Нажмите «Обновить данные» слева; если ошибка повторится, сообщите администратору "
         "время и страницу — подробности записаны в журнал сервера.")

# Streamlit draws some texts of its widgets itself, in English, with no parameter to change them. The hints
# under inputs are hidden, and so is the toolbar of tables («Download as CSV», «Search», «Fullscreen»: its CSV
# keeps a «=HYPERLINK(…)» typed in a cell live, under an English file name — ui.table offers the app's own); the file uploader's texts are covered by Russian ones (its elements are marked with
# data-testid, which Streamlit keeps stable for its own tests).
_CSS = """
<style>
[data-testid="InputInstructions"] { display: none; }
[data-testid="stFileUploaderDropzoneInstructions"] span,
[data-testid="stFileUploaderDropzoneInstructions"] small { display: none; }
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {
  content: "Перетащите файл сюда или нажмите «Выбрать файл» (до 200 МБ)"; font-size: 0.875rem; opacity: 0.8; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p { font-size: 0; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {
  content: "Выбрать файл"; font-size: 0.875rem; }
[data-testid="stDateInputField"] [data-placeholder="true"] { color: transparent; }
[data-testid="stElementToolbar"] { display: none; }
</style>
"""


def style() -> None:
    st.html(_CSS)


def run_page(run: Callable[[], None], title: str) -> None:
    """Run the chosen page; an unforeseen error is logged (without its message, which may quote a cell's
    personal data) and shown to the person in Russian. EDUDESK_SHOW_ERRORS=1 lets it through, for developers."""
    entered(title)
    try:
        run()
    except Exception as exc:
        if settings().show_errors:
            raise
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error("page «%s» failed: %s\n%s", title, type(exc).__name__, frames)
        st.error(CRASH, icon=":material/error:")


def sidebar() -> None:
    store = get_store()
    person = user()
    with st.sidebar:
        if person is LOCAL_USER:
            st.warning("Вход не настроен: приложение открыто только на этом компьютере (127.0.0.1).",
                       icon=":material/lock_open:")
        else:
            st.caption(f"{esc(person.name)} — {person.role.value}")
            if auth_configured():
                st.button("Выйти", on_click=st.logout, key="logout_sidebar")
            elif person.known_by == PASSWORD_KNOWN_BY:  # the browser keeps a password nginx asked for
                st.caption("Чтобы выйти, закройте все окна браузера: пароль он помнит до закрытия.")
        st.caption("Хранилище")
        st.markdown(esc(store.title or store.label), help=store.label)
        try:
            fetched = store.read(ALL_TABS).fetched_at
            st.caption(f"Данные на {fetched:%d.%m.%Y %H:%M:%S}")
        except EduDeskError as exc:
            st.caption(said(exc))
        if st.button("Обновить данные", key="refresh", icon=":material/refresh:", width="stretch"):
            refresh()
            forget_opened()  # an edit form opens anew on the data just read
            st.rerun()


# Pages that exist but open only for some roles: a bookmark to them says so instead of «not found».
_RESTRICTED = {"journal": "Журнал изменений", "connect": "Подключение таблицы"}


def unknown_url_page(pages: list) -> st.Page | None:
    """A hidden page for the URL asked for when it names none of `pages` (else None). Streamlit keeps the path of
    a direct visit in its pages manager; it has no public accessor, so a change there only brings back Streamlit's
    own English notice — the app runs on."""
    try:
        requested = get_script_run_ctx().pages_manager.intended_page_name
    except AttributeError:  # no script context (a bare run) or a Streamlit without this attribute
        return None
    requested = (requested or "").strip().strip("/")
    if not requested or "/" in requested or requested in {p.url_path for p in pages}:
        return None

    def say() -> None:
        st.title(_RESTRICTED.get(requested, "Страница не найдена"))
        if requested in _RESTRICTED:
            st.error(f"Эта страница открывается администратору; ваша роль — «{user().role.value}».",
                     icon=":material/lock:")
        else:
            st.warning(f"Страницы по адресу «/{esc(requested)}» нет — возможно, в адресе опечатка. Выберите "
                       "страницу в меню слева.", icon=":material/search_off:")

    return st.Page(say, title=_RESTRICTED.get(requested, "Страница не найдена"), url_path=requested,
                   visibility="hidden")
