"""Progress on the learning platform: the performance table and listeners in arrears (000 §4.7, §5.4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.enrollment.documents.context import GroupContext


@dataclass(frozen=True)
class Arrear:
    listener_id: str
    full_name: str
    email: str | None
    group: str
    tasks: list[str]


def performance(ctx: GroupContext) -> tuple[list[str], list[list]]:
    """Headers and rows: one row per listener, a column per task, then the final test."""
    tasks = sorted({t.task for items in ctx.progress.values() for t in items if t.task})
    rows = []
    for person in ctx.listeners:
        scores = {t.task: t.score for t in ctx.progress.get(person.id.casefold(), [])}
        rows.append([person.full_name] + [scores.get(t) for t in tasks] + [person.final_test])
    return ["ФИО"] + tasks + ["Итоговый тест"], rows


def arrears(ctx: GroupContext, today: date) -> list[Arrear]:
    """Listeners with a task past its due date and not done."""
    result = []
    for person in ctx.listeners:
        late = [t.task for t in ctx.progress.get(person.id.casefold(), [])
                if t.due and t.due < today and t.done is None]
        if late:
            result.append(Arrear(person.id, person.full_name, person.email, ctx.group.code, sorted(late)))
    return result


def mailing_list(items: list[Arrear]) -> str:
    """Addresses ready to paste into the «Кому» field."""
    return "; ".join(sorted({a.email for a in items if a.email}))
