"""Writes from a page: journaled under the user's name, said in Russian, and followed by a fresh page.

After a write the page is drawn again from the sheet as it now is, so no widget offers an action on
the state before the write (a second click acts on what the person sees, never on what was there).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from core.platform.errors import ConcurrentEditError, EduDeskError, RowNotFound, WriteMisplaced
from core.records.check_sheet import publish, summary
from core.records.journal import JournaledStore

from .data import get_store, refresh, settings, today
from .opened import forget_opened
from .people import user
from .text import said

_FLASH = "_edudesk_flash"


def write(action: Callable[[JournaledStore], object], done: str | Callable[[object], str],
          forget: Sequence[str] = (), permission: str | None = None, level: str = "success",
          on_save: Callable[[], None] | None = None) -> None:
    """Run a write; on success reload the page with `done` at the top; on failure say why and change nothing.

    `done` may be a function of what the write returned (the rows as written, with the numbers handed out);
    `forget` are widget keys to clear, so a choice that was just acted on is not acted on again;
    `permission` names a decision reserved to managers (core.platform.access.MANAGER_ACTIONS);
    `on_save` runs after the write succeeded. A write refused because a colleague changed the row in between
    reloads the page on the data as it is now, the refusal kept on top: a form never stays on the old row.
    """
    person = user()
    if not person.can_write:
        st.error(f"Роль «{person.role.value}» только просматривает данные: изменения вносят сотрудники и менеджеры.")
        return
    if permission and not person.can(permission):
        st.error(f"Это решение принимают менеджер или администратор; ваша роль — «{person.role.value}».")
        return
    try:
        result = action(JournaledStore(get_store(), person))
    except WriteMisplaced as exc:  # saved, but not where meant: show what is there now
        _reload("warning", said(exc), forget)
    except (ConcurrentEditError, RowNotFound) as exc:  # refused: the row changed under the form
        forget_opened()
        _reload("error", f"{said(exc)} Форма открыта заново — на записи, как она в таблице сейчас.", forget)
    except EduDeskError as exc:
        st.error(said(exc), icon=":material/error:")
        return
    if on_save is not None:
        on_save()
    message = done(result) if callable(done) else done
    if settings().check_sheet_after_write:
        message += " " + _refresh_check_sheet()
    _reload(level, message, forget)


def _refresh_check_sheet() -> str:
    """«Проверка» brought up to date after a write; a failure there never hides that the write succeeded."""
    try:
        published = publish(get_store(), today(), who=user())
    except EduDeskError as exc:
        return f"Лист «Проверка» не обновлён: {said(exc)}"
    return summary(published) if published.written else ""


def _reload(kind: str, message: str, forget: Sequence[str]) -> None:
    refresh()
    for key in forget:
        st.session_state.pop(key, None)
    st.session_state[_FLASH] = (kind, message)
    st.rerun()


def show_flash() -> None:
    """What the last write said, once, at the top of the page it reloaded."""
    kind, message = st.session_state.pop(_FLASH, (None, None))
    if kind == "success":
        st.success(message, icon=":material/check_circle:")
    elif kind == "warning":
        st.warning(message, icon=":material/report:")
    elif kind == "error":
        st.error(message, icon=":material/error:")
