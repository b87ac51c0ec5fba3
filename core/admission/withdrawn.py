"""A withdrawn consent hides the listener's personal data everywhere (152-ФЗ ст. 9 ч. 2, ст. 21 ч. 5).

Once «Согласие отозвано» is dated in the listener's file, the app stops processing that person's personal data:
no letters (core.enrollment.documents.context), and every personal value of theirs — the application's birth date,
СНИЛС, e-mail and phone, the education document's series, number and date, the addresses letters went to — is read
masked, by the store the app works on, so no page, document, export or command shows it. A masked value is
`Hidden`: the rules read it as empty, an update never compares it with the sheet, and it is never written back;
the value in the sheet stays as staff typed it (it is theirs to destroy, 152-ФЗ ст. 21 ч. 5, not the app's).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from core.platform.errors import EduDeskError
from core.platform.personal import Hidden, is_personal, mask
from core.platform.values import same_key as key
from core.store.base import ReadResult, RowSnapshot, TabData
from core.store.wrapping import PassThroughStore

FILES, LISTENERS, APPLICATIONS, MAILINGS = "Личные_дела", "Слушатели", "Заявки", "Рассылки"
WITHDRAWN = "Согласие отозвано"
MASKED = (FILES, APPLICATIONS, MAILINGS)  # the tabs that hold a listener's personal data
CLAUSE = "152-ФЗ ст. 9 ч. 2, ст. 21 ч. 5"


def _column(data: TabData, header: str) -> int | None:
    return data.header_index().get(key(header)) if data.exists else None


def _values(data: TabData, header: str) -> list[Any]:
    at = _column(data, header)
    return [None if at is None or at >= len(r) else r[at] for r in data.rows]


def withdrawn_people(tabs: Mapping[str, TabData]) -> tuple[set[str], set[str]]:
    """(listener IDs, their application numbers), as keys, of those whose consent is withdrawn."""
    files = tabs.get(FILES)
    if files is None or not files.exists:
        return set(), set()
    ids = {key(i) for i, gone in zip(_values(files, "ID слушателя"), _values(files, WITHDRAWN), strict=True)
           if i not in (None, "") and gone not in (None, "")}
    people = tabs.get(LISTENERS)
    numbers = set()
    if ids and people is not None and people.exists:
        numbers = {key(n) for i, n in zip(_values(people, "ID слушателя"), _values(people, "№ заявки"), strict=True)
                   if key(i) in ids and n not in (None, "")}
    return ids, numbers


def hidden(header: str, value: Any) -> Any:
    return value if value in (None, "") or isinstance(value, Hidden) else Hidden(str(mask(header, value)))


def _mask_rows(data: TabData, key_header: str, keys: set[str]) -> TabData:
    at = _column(data, key_header)
    if at is None or not keys:
        return data
    personal = [i for i, h in enumerate(data.headers) if h and is_personal(h)]
    rows = []
    for row in data.rows:
        if at < len(row) and key(row[at]) in keys:
            row = [hidden(data.headers[i], v) if i in personal else v for i, v in enumerate(row)]
        rows.append(row)
    return replace(data, rows=rows)


def hide_withdrawn(tabs: Mapping[str, TabData]) -> dict[str, TabData]:
    """The tabs with the personal values of everyone whose consent is withdrawn masked (`tabs` must hold «Личные_дела»
    and «Слушатели» too)."""
    ids, numbers = withdrawn_people(tabs)
    out = dict(tabs)
    if not ids:
        return out
    if FILES in out:
        out[FILES] = _mask_rows(out[FILES], "ID слушателя", ids)
    if APPLICATIONS in out:
        applications = out[APPLICATIONS]
        addresses = {key(v) for n, v in zip(_values(tabs[APPLICATIONS], "№ заявки"),
                                            _values(tabs[APPLICATIONS], "E-mail"), strict=True)
                     if key(n) in numbers and v not in (None, "")}
        out[APPLICATIONS] = _mask_rows(applications, "№ заявки", numbers)
    else:
        addresses = set()
    if MAILINGS in out and addresses:
        out[MAILINGS] = _mask_rows(out[MAILINGS], "Кому", addresses)
    return out


class ConsentStore(PassThroughStore):
    """The app's store with withdrawn consents honoured on every read (see the module's text)."""

    def read(self, tabs: Sequence[str]) -> ReadResult:
        wanted = list(dict.fromkeys(tabs))
        if not any(t in MASKED for t in wanted):
            return self.inner.read(wanted)
        extra = [t for t in (FILES, LISTENERS, APPLICATIONS) if t not in wanted]
        result = self.inner.read(wanted + extra)
        shown = hide_withdrawn(result.tabs)
        return replace(result, tabs={t: shown[t] for t in wanted})

    def fresh(self, tab: str) -> TabData:
        self.invalidate([tab])
        return self.read([tab]).tabs[tab]

    def update_many(self, key_header: str, updates: Sequence[tuple[RowSnapshot, Mapping[str, Any]]],
                    journal: Sequence[Mapping[str, Any]] = ()) -> None:
        kept = [(seen, changes) for seen, changes in (_unhidden(s, c) for s, c in updates) if changes]
        if kept:
            self.inner.update_many(key_header, kept, journal)


def _unhidden(seen: RowSnapshot, changes: Mapping[str, Any]) -> tuple[RowSnapshot, dict]:
    """An update of a row shown masked: the masked cells are neither compared nor written; a new value typed over one
    is refused (the person's data is no longer processed)."""
    masked = {h for h, v in seen.values.items() if isinstance(v, Hidden)}
    kept = {}
    for header, value in changes.items():
        if header not in masked:
            kept[header] = value
        elif value not in (None, "") and str(value) != str(seen.values[header]):
            raise EduDeskError(f"«{header}»: согласие на обработку персональных данных отозвано ({CLAUSE}) — эти "
                               "данные скрыты и не меняются. Ничего не записано.")
    return replace(seen, values={h: v for h, v in seen.values.items() if h not in masked}), kept


def withdraw(store, listener_id: str, day: date, today: date) -> None:
    """«Согласие отозвано» dated in the listener's file, in one write with its journal entry (`store` journaled)."""
    if day > today:
        raise EduDeskError(f"Дата отзыва {day:%d.%m.%Y} — в будущем: отметьте отзыв, когда он получен.")
    from core.store import find_row

    with store.exclusive():
        data = store.fresh(FILES)
        seen = find_row(data, "ID слушателя", listener_id)
        if seen.values.get(WITHDRAWN) not in (None, ""):
            raise EduDeskError(f"Отзыв согласия слушателя {listener_id} уже отмечен: "
                               f"{seen.values[WITHDRAWN]:%d.%m.%Y}." if isinstance(seen.values[WITHDRAWN], date)
                               else f"Отзыв согласия слушателя {listener_id} уже отмечен.")
        store.update(seen, "ID слушателя", {WITHDRAWN: day})
