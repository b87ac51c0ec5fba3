"""Scores of one task marked for a whole group in one write (000 §4.7: progress is checked on the platform and
recorded): each listener's existing «Успеваемость» row for the task is updated, checked like any edit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.platform.errors import EduDeskError
from core.records.form import brought, refusal, tabs_now, with_row
from core.store.base import RowSnapshot, TabData, canonical

TAB, KEY = "Успеваемость", "ID слушателя"


def task_rows(data: TabData, listeners: list[str], task: str) -> dict[str, tuple[int, dict]]:
    """Listener ID → (sheet row, values) of that listener's row for the task."""
    wanted = {canonical(i).casefold(): i for i in listeners}
    found = {}
    for number, row in zip(data.row_numbers, data.as_dicts(), strict=True):
        listener = canonical(row.get(KEY)).casefold()
        if listener in wanted and canonical(row.get("Модуль/задание")).casefold() == task.casefold():
            found[wanted[listener]] = (number, row)
    return found


def mark_task(store, listeners: list[str], task: str, scores: dict[str, Decimal], done_on: date,
              today: date) -> int:
    """Write the scores (with the day done and today's check) into the listeners' rows for the task, in one write."""
    if not scores:
        raise EduDeskError("Баллы не записаны: не введено ни одного балла.")
    with store.exclusive():
        tabs = tabs_now(store, TAB)
        rows = task_rows(tabs[TAB], listeners, task)
        missing = [i for i in scores if i not in rows]
        if missing:
            raise EduDeskError(f"Баллы не записаны: у слушателей {', '.join(missing)} нет строки «{task}» на листе "
                               f"«{TAB}».")
        updates, candidate = [], tabs
        for listener, score in scores.items():
            number, values = rows[listener]
            changes = {"Дата выполнения": values.get("Дата выполнения") or done_on, "Балл": score,
                       "Дата проверки": today}
            updates.append((RowSnapshot(TAB, number, values), changes))
            candidate, _ = with_row(candidate, TAB, changes, number, list(values.values()))
        if refused := refusal(brought(tabs, candidate, today), True, "Баллы не записаны"):
            raise refused
        store.update_many(KEY, updates)
    return len(updates)
