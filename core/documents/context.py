"""Everything a group's documents need, gathered once from the workbook."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sheets_schema.enums import ListenerStatus

from ..checks import Workbook
from ..errors import EduDeskError


@dataclass
class Person:
    id: str
    full_name: str
    organisation: str = ""
    position: str = ""
    email: str | None = None
    status: ListenerStatus | None = None
    final_test: int | None = None


@dataclass
class GroupContext:
    settings: dict[str, str]
    group: object
    program: object | None
    listeners: list[Person]
    attendance: list = field(default_factory=list)
    progress: dict[str, list] = field(default_factory=dict)
    certificates: dict[str, object] = field(default_factory=dict)

    @property
    def program_name(self) -> str:
        return self.program.name if self.program else f"(программа {self.group.program_code} не найдена)"

    @property
    def hours(self) -> int | None:
        return self.program.hours if self.program else None

    def class_dates(self, start: date | None = None, end: date | None = None) -> list[date]:
        days = sorted({a.class_date for a in self.attendance if a.class_date})
        return [d for d in days if (start is None or d >= start) and (end is None or d <= end)]


def settings_of(wb: Workbook) -> dict[str, str]:
    return {r.item.key: r.item.value or "" for r in wb.items("Настройки") if r.item.key}


def group_context(wb: Workbook, code: str) -> GroupContext:
    """The group with this code and its people; a Russian error when there is no such group."""
    group = next((r.item for r in wb.items("Группы") if (r.item.code or "").casefold() == code.casefold()), None)
    if group is None:
        known = ", ".join(r.item.code for r in wb.items("Группы") if r.item.code)
        raise EduDeskError(f"Нет группы «{code}». Группы: {known or 'нет ни одной'}.")
    program = next((r.item for r in wb.items("Программы")
                    if (r.item.code or "").casefold() == (group.program_code or "").casefold()), None)
    applications = {(r.item.number or "").casefold(): r.item for r in wb.items("Заявки")}
    people = []
    for row in wb.items("Слушатели"):
        item = row.item
        if (item.group_code or "").casefold() != code.casefold() or item.status == ListenerStatus.EXPELLED:
            continue
        app = applications.get((item.application or "").casefold())
        people.append(Person(item.id or "", item.full_name or "", (app.workplace or app.sender or "") if app else "",
                             (app.position or "") if app else "", app.email if app else None, item.status,
                             item.final_test))
    people.sort(key=lambda p: p.full_name)
    ids = {p.id.casefold() for p in people}
    progress: dict[str, list] = defaultdict(list)
    for row in wb.items("Успеваемость"):
        if (row.item.listener_id or "").casefold() in ids:
            progress[row.item.listener_id.casefold()].append(row.item)
    attendance = [r.item for r in wb.items("Посещаемость") if (r.item.group_code or "").casefold() == code.casefold()]
    certificates = {(r.item.listener_id or "").casefold(): r.item for r in wb.items("Удостоверения")
                    if (r.item.listener_id or "").casefold() in ids}
    return GroupContext(settings_of(wb), group, program, people, attendance, dict(progress), certificates)
