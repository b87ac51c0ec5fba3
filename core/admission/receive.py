"""The files of a group kept in one write each: opened for every listener, and a document marked received for the
whole group — only in the files that don't have it yet (what staff typed is never overwritten)."""

from __future__ import annotations

from datetime import date

from core.admission.files import TAB, key
from core.platform.errors import EduDeskError
from core.records.form import brought, refusal, tabs_now, with_row, with_rows
from core.store.base import RowSnapshot
from sheets_schema.enums import ConsentForm, ListenerStatus

KEY = "ID слушателя"
# What can be marked for a whole group: the column of the date received, and the columns set with it.
RECEIVED = {
    "consent": ("Согласие на обработку ПДн получено", "согласие на обработку персональных данных"),
    "contract": ("Дата договора", "подписанный договор"),
}


def _group_listeners(tabs, group_code: str) -> list[str]:
    return [r.get(KEY) for r in tabs["Слушатели"].as_dicts()
            if key(r.get("Код группы")) == key(group_code) and r.get(KEY)
            and key(r.get("Статус")) != key(ListenerStatus.EXPELLED.value)]


def open_files(store, group_code: str, today: date) -> list[str]:
    """A file row for each listener of the group who has none, in one write; the IDs opened."""
    with store.exclusive():
        tabs = tabs_now(store, TAB)
        have = {key(r.get(KEY)) for r in tabs[TAB].as_dicts()}
        todo = [i for i in _group_listeners(tabs, group_code) if key(i) not in have]
        if not todo:
            raise EduDeskError(f"У всех слушателей группы {group_code} личные дела уже заведены.")
        rows = [{KEY: i} for i in todo]
        if refused := refusal([f for f in brought(tabs, with_rows(tabs, {TAB: rows}), today) if f.severity == "ошибка"],
                              True, "Личные дела не заведены"):
            raise refused
        store.append_many({TAB: rows})
    return todo


def mark_received(store, group_code: str, what: str, day: date, today: date,
                  consent_form: ConsentForm | None = None) -> int:
    """Mark `what` (a key of RECEIVED) received on `day` in the files of the group's listeners that lack it."""
    column, words = RECEIVED[what]
    if day > today:
        raise EduDeskError(f"Дата получения {day:%d.%m.%Y} — в будущем: отметьте то, что уже получено.")
    with store.exclusive():
        tabs = tabs_now(store, TAB)
        listeners = {key(i) for i in _group_listeners(tabs, group_code)}
        data = tabs[TAB]
        rows = {key(r.get(KEY)): (n, r) for n, r in zip(data.row_numbers, data.as_dicts(), strict=True)
                if key(r.get(KEY)) in listeners}
        if lacking := sorted(listeners - set(rows)):
            raise EduDeskError(f"Сначала заведите личные дела группы {group_code}: их нет у {len(lacking)} "
                               "слушателей (кнопка «Завести личные дела»).")
        updates, candidate = [], tabs
        for number, values in rows.values():
            if values.get(column) and (what != "contract" or _yes(values.get("Договор подписан"))):
                continue  # already there: what staff typed stays
            changes = {column: values.get(column) or day}
            if what == "consent" and consent_form and not values.get("Форма согласия"):
                changes["Форма согласия"] = consent_form.value
            if what == "contract":
                changes["Договор подписан"] = "да"
            updates.append((RowSnapshot(TAB, number, values), changes))
            candidate, _ = with_row(candidate, TAB, changes, number, list(values.values()))
        if not updates:
            raise EduDeskError(f"У всех слушателей группы {group_code} {words} уже отмечено.")
        if refused := refusal([f for f in brought(tabs, candidate, today) if f.severity == "ошибка"], True,
                              "Отметка не записана"):
            raise refused
        store.update_many(KEY, updates)
    return len(updates)


def _yes(value) -> bool:
    return value is True or key(value) in ("да", "true", "1", "+")
