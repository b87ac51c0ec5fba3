"""Assessment sessions written from the proposed groups, and their steps marked (000 ч. 2, разд. 1).

A session and its participants are one write, with the session's code handed out by the store inside it; the
checks engine runs with the new rows in place first, so a group over 8, too few observers, a date too close to
invite a week ahead, or a candidate of another kind refuse the write exactly as `edudesk check` would report them.
A step (invited, reports ready, feedback, reports handed over) is an edit of the session's row under the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from core.platform.errors import EduDeskError
from core.records.edit import Opened, edit, open_record, retyped
from core.records.findings import Finding
from core.records.form import brought, refusal, tabs_now, with_rows
from core.store.base import NewKey, Numbering, TabData, canonical
from core.store.rows import find_row

SESSIONS, PEOPLE, CANDIDATES = "Оценка_сессии", "Оценка_участники", "Оценка_кандидаты"
STEPS = {"Приглашение": "приглашения отправлены (п. 2.1)", "Отчёты готовы": "отчёты готовы (п. 4.2)",
         "Обратная связь": "обратная связь проведена (п. 4.5)", "Отчёты переданы": "отчёты переданы (п. 4.5)"}
_CODE = re.compile(r"^ОП-(\d+)$", re.IGNORECASE)


def next_session_codes(existing: list[Any], count: int) -> list[str]:
    """«ОП-07», «ОП-08»… after the largest «ОП-NN» in use."""
    numbers = [int(m.group(1)) for v in existing if (m := _CODE.match(canonical(v)))]
    start = max(numbers, default=0) + 1
    return [f"ОП-{n:02d}" for n in range(start, start + count)]


SESSION_NUMBERS = Numbering(SESSIONS, "Код сессии", next_session_codes)


@dataclass(frozen=True)
class SessionDraft:
    """One proposed group made a session: what the manager fills in on the form."""

    kind: str
    candidate_ids: tuple[str, ...]
    held_on: date | None
    observers: int
    place: str = ""
    moderator: str = ""

    def rows(self) -> dict[str, list[dict]]:
        session = {"Код сессии": NewKey(), "Вид оценки": self.kind, "Дата": self.held_on, "Место": self.place or None,
                   "Наблюдателей": self.observers, "Ведущий": self.moderator or None}
        return {SESSIONS: [session], PEOPLE: [{"Код сессии": NewKey(), "ID кандидата": c} for c in self.candidate_ids]}


def _unplaceable(tabs: dict[str, TabData], draft: SessionDraft) -> str | None:
    """What makes the draft impossible before any rule: no one in it, or a candidate unknown or already placed."""
    if not draft.candidate_ids:
        return "в группе нет кандидатов"
    known = {canonical(r.get("ID кандидата")).casefold() for r in tabs[CANDIDATES].as_dicts()}
    placed = {canonical(r.get("ID кандидата")).casefold(): canonical(r.get("Код сессии"))
              for r in tabs[PEOPLE].as_dicts()}
    for candidate in draft.candidate_ids:
        if canonical(candidate).casefold() not in known:
            return f"кандидата «{candidate}» нет на листе «{CANDIDATES}»"
        if canonical(candidate).casefold() in placed:
            return f"кандидат «{candidate}» уже в сессии {placed[canonical(candidate).casefold()]}"
    return None


def check_session(tabs: dict[str, TabData], draft: SessionDraft, today: date) -> list[Finding]:
    """The findings the new session and its participants bring, with the code the store would hand out now."""
    code = SESSION_NUMBERS.allocate([r.get("Код сессии") for r in tabs[SESSIONS].as_dicts()], 1)[0]
    rows = {tab: [{h: code if isinstance(v, NewKey) else v for h, v in row.items()} for row in rs]
            for tab, rs in draft.rows().items()}
    return brought(tabs, with_rows(tabs, rows), today)


def schedule(store, draft: SessionDraft, today: date, confirmed_warnings: bool = False) -> str:
    """Write the session and its participants in one write; returns the session's code."""
    with store.exclusive():
        tabs = tabs_now(store, SESSIONS, PEOPLE)
        if problem := _unplaceable(tabs, draft):
            raise EduDeskError(f"Сессия не записана: {problem}.")
        if refused := refusal(check_session(tabs, draft, today), confirmed_warnings, "Сессия не записана"):
            raise refused
        written = store.append_many(draft.rows(), numbering=SESSION_NUMBERS)
    return written[SESSIONS][0]["Код сессии"]


def step_values(tabs: dict[str, TabData], code: str, step: str, day: date) -> tuple[Opened, dict[str, Any]]:
    """The session's row opened for editing, and its values with the step's date put in."""
    if step not in STEPS:
        raise EduDeskError(f"Нет такого этапа «{step}»: {', '.join(STEPS)}.")
    opened = open_record(tabs, SESSIONS, find_row(tabs[SESSIONS], "Код сессии", code).row)
    held = opened.values.get("Дата")
    if step != "Приглашение" and isinstance(held, date) and day < held:
        raise EduDeskError(f"{code}: «{STEPS[step]}» не может быть {day:%d.%m.%Y} — раньше самой процедуры "
                           f"({held:%d.%m.%Y}).")
    values, problems = retyped(opened, {step: day.strftime("%d.%m.%Y")})
    if problems:  # a cell of the row that can't be read: named, never written over with a guess
        raise EduDeskError("; ".join(f"«{h}»: {p}" for h, p in problems.items()))
    return opened, values


def mark_step(store, tabs: dict[str, TabData], code: str, step: str, day: date, today: date,
              confirmed_warnings: bool = False) -> dict:
    """Put the date of a step on the session's row (an edit checked by ASM-INVITE-7D, -REPORT-14D, -FEEDBACK-FIRST)."""
    opened, values = step_values(tabs, code, step, day)
    return edit(store, opened, values, today, confirmed_warnings)
