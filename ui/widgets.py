"""Widgets as staff expect them: Russian numbers typed and shown, tables without «None», choices that say what
to fill in when there is nothing to choose, documents that say what they lack, cell text shown as text."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pandas as pd
import streamlit as st

from core.platform.display import ru_number, shown
from core.platform.errors import CellError, DocumentIncomplete, EduDeskError
from core.platform.exports import to_csv
from core.platform.personal import mask_row
from core.records.cells import read_decimal

from .people import user
from .text import said

_DOWNLOAD_FROM = 3  # rows: a table worth taking away


def cell_text(value: Any) -> Any:
    """A value as a table cell shows it: Russian numbers, ДД.ММ.ГГГГ dates, nothing where nothing is."""
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return shown(value)


def table(rows: Iterable[Mapping[str, Any]], *, empty: str = "Строк нет.", wide: Sequence[str] = (),
          column_config: dict | None = None, key: str | None = None, file_name: str = "таблица", **kwargs) -> Any:
    """A read-only table as staff read it; personal values masked for those who don't see them.

    `wide` columns get room for long text (a clause, a message); an empty table says `empty` instead. Streamlit's
    own table toolbar is hidden (ui.frame): its English tooltips, and its CSV that keeps «=HYPERLINK(…)» live.
    Under a table of several rows, the app's own CSV download (`file_name`.csv), where such text stays text.
    """
    rows = [dict(r) for r in rows]
    if not rows:
        st.caption(empty)
        return None
    if not user().sees_personal_data:
        rows = [mask_row(r) for r in rows]
    frame = pd.DataFrame([{k: cell_text(v) for k, v in r.items()} for r in rows])
    config = {c: st.column_config.TextColumn(c, width="large") for c in wide}
    shown = st.dataframe(frame, hide_index=True, width="stretch", column_config={**config, **(column_config or {})},
                         key=key, **kwargs)
    if len(frame) >= _DOWNLOAD_FROM:
        headers = [str(c) for c in frame.columns]
        body = frame.values.tolist()
        # made when clicked, not on every run; the key tells tables on one page apart
        name = key or hashlib.sha1(repr((headers, body)).encode()).hexdigest()[:12]
        st.download_button("Скачать таблицу (CSV)", lambda: to_csv(headers, body), file_name=f"{file_name}.csv",
                           mime="text/csv", key=f"table_csv_{name}", on_click="ignore", type="tertiary",
                           icon=":material/download:")
    return shown


def choose(label: str, options: Iterable[Any], key: str, *, empty: str, format_func: Callable[[Any], str] = str,
           where=st, stop: bool = True, index: int | None = 0, placeholder: str = "Выберите…") -> Any:
    """A selectbox; with nothing to choose, `empty` says what to fill in first and where (and the page stops)."""
    options = list(options)
    if not options:
        where.info(empty, icon=":material/info:")
        if stop:
            st.stop()
        return None
    return where.selectbox(label, options, key=key, format_func=format_func, index=index, placeholder=placeholder)


def decimal_input(label: str, default: Any, key: str, *, where=st, minimum: Decimal | None = Decimal(0),
                  help: str | None = None) -> Decimal | None:
    """A number typed the Russian way («72,5», «1 234,50», «152.50»); anything else is refused with a message.

    Returns None (after saying why) when the text is not a number, so nothing is computed from a guess.
    """
    text = where.text_input(label, value=ru_number(default), key=key, help=help)
    try:
        value = read_decimal(text)
    except CellError as exc:
        where.error(f"«{label}»: {said(exc)}.")
        return None
    if value is None:
        where.error(f"«{label}»: введите число.")
        return None
    if minimum is not None and value < minimum:
        where.error(f"«{label}»: не меньше {ru_number(minimum)}.")
        return None
    return value


def document_button(label: str, build: Callable[[], Any], file_name: str, key: str, where=st,
                    mime: str = "application/pdf", render: Callable[[Any], bytes] | None = None) -> bool:
    """A download button for a document; when it can't be made, what it lacks instead of the button.

    With `render`, `build` only composes the document (cheap, and where a missing datum is found) and the file is
    laid out when the button is clicked, not on every run of the page: a letter's PDF and .docx took 1–3 s a run.
    """
    try:
        data = build()
        if render is not None:
            composed = data
            data = lambda: render(composed)  # noqa: E731 - Streamlit calls it on the click, outside the script
    except DocumentIncomplete as exc:  # data is missing: say what to fill in
        where.warning(f"{label}: {said(exc)}", icon=":material/edit_note:")
        return False
    except EduDeskError as exc:  # nothing to make it from (no change memo, no rows): a note, not an alarm
        where.caption(f"{label}: {said(exc)}")
        return False
    icon = ":material/picture_as_pdf:" if mime == "application/pdf" else ":material/download:"
    # no rerun on the click: the page stays as it is (a rerun redrew every button under the next click)
    where.download_button(label, data, file_name=file_name, mime=mime, key=key, icon=icon, on_click="ignore")
    return True

