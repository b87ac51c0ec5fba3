"""The record an edit form is open on, kept while the person edits it — and dropped as soon as it may be old.

A form must stay on the row as it was opened, so that a colleague's change in between is caught at the save
(core.records.edit) and never silently overwritten. But once the save was refused for that reason, the data
refreshed, another record picked or the page left, the form opens anew on the row as the sheet holds it now:
otherwise it would offer 72 for the whole session while the sheet holds 93, and refuse every save.
"""

from __future__ import annotations

import streamlit as st

from core.records.edit import Opened, open_record
from core.store.base import TabData

_OPENED = "_edudesk_opened"  # {"form": widget prefix, "record": Opened}
_PAGE = "_edudesk_page"


def opened_record(tabs: dict[str, TabData], tab_name: str, row: int, prefix: str) -> Opened:
    """The record the form `prefix` is open on; opened now from `tabs` when the form was on another one."""
    kept = st.session_state.get(_OPENED)
    if kept is None or kept["form"] != prefix:
        forget_opened()
        kept = st.session_state[_OPENED] = {"form": prefix, "record": open_record(tabs, tab_name, row)}
    return kept["record"]


def forget_opened() -> None:
    """Drop the opened record, what was typed on it and its pending check: the form opens on the sheet as it is."""
    kept = st.session_state.pop(_OPENED, None)
    for key in list(st.session_state):
        if kept is not None and str(key).startswith(kept["form"] + "_"):
            del st.session_state[key]
    for key in ("edit_candidate", "edit_confirm"):
        st.session_state.pop(key, None)


def entered(page: str) -> None:
    """Called on every run with the page's title: leaving a page closes its edit form."""
    if st.session_state.get(_PAGE) != page:
        forget_opened()
    st.session_state[_PAGE] = page
