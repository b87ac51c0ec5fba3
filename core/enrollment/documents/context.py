"""Everything a group's documents need, gathered once from the workbook."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from core.admission.files import consent_withdrawn, group_gaps
from core.platform.document_layout import missing_settings
from core.platform.errors import EduDeskError
from core.records.checks import Workbook, settings_of
from sheets_schema.enums import ListenerStatus


@dataclass
class Person:
    id: str
    full_name: str
    organisation: str = ""
    position: str = ""
    email: str | None = None
    status: ListenerStatus | None = None
    final_test: int | None = None
    gender: str | None = None  # «Муж»/«Жен» from the application («Пол»), for «прошёл»/«прошла»


@dataclass
class GroupContext:
    settings: dict[str, str]
    group: object
    program: object | None
    listeners: list[Person]
    attendance: list = field(default_factory=list)
    progress: dict[str, list] = field(default_factory=dict)
    certificates: dict[str, object] = field(default_factory=dict)
    file_gaps: list = field(default_factory=list)  # core.admission.files.Gap of each listener with an incomplete file

    @property
    def program_name(self) -> str:
        return (self.program.name or "") if self.program else ""

    @property
    def hours(self) -> int | None:
        return self.program.hours if self.program else None

    def class_dates(self, start: date | None = None, end: date | None = None) -> list[date]:
        days = sorted({a.class_date for a in self.attendance if a.class_date})
        return [d for d in days if (start is None or d >= start) and (end is None or d <= end)]


# The tabs group_context reads: a page showing a group's people, progress or documents needs all of them.
GROUP_TABS = ("Группы", "Программы", "Заявки", "Слушатели", "Посещаемость", "Успеваемость", "Удостоверения", "Настройки")
# ... and the ones it reads where the institute keeps them: the files (000 §1.8) and the timetable (§1.5).
GROUP_OPTIONAL = ("Личные_дела", "Занятия", "УТП")


# What a group's document may need: the programme, its hours, the group's dates and curator, and the
# institution's data from «Настройки» (named by their «Параметр»).
PROGRAM, HOURS, DATES, CURATOR, FILES = "программа", "объём", "даты", "куратор", "личные дела"
INSTITUTION = ("Полное наименование", "Город", "Руководитель", "Должность руководителя")


def missing_in_group(ctx: GroupContext, needs: tuple[str, ...]) -> list[str]:
    """What the document would have to leave blank or invent, in words staff can act on."""
    group, program = ctx.group, ctx.program
    missing = []
    if PROGRAM in needs and program is None:
        missing.append(f"программы «{group.program_code or ''}» группы {group.code} нет на листе «Программы»")
    elif PROGRAM in needs and not program.name:
        missing.append(f"у программы {program.code} не заполнено «Наименование» (лист «Программы»)")
    if HOURS in needs and program is not None and not program.hours:
        missing.append(f"у программы {program.code} не указан «Объём, ч» (лист «Программы»)")
    if DATES in needs and not (group.start and group.end):
        missing.append(f"у группы {group.code} не указаны «Дата начала» и «Дата окончания» (лист «Группы»)")
    if CURATOR in needs and not group.curator:
        missing.append(f"у группы {group.code} не указан «Куратор» (лист «Группы»)")
    if FILES in needs and ctx.file_gaps:  # 000 §1.8: on the documents received from the listeners
        missing.append(f"личные дела неполны у {len(ctx.file_gaps)} (лист «Личные_дела», страница «Личные дела»): "
                       + "; ".join(g.said() for g in ctx.file_gaps))
    return missing + missing_settings(ctx.settings, tuple(n for n in needs if n not in (PROGRAM, HOURS, DATES,
                                                                                           CURATOR, FILES)))


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
                             item.final_test, app.gender.value if app and app.gender else None))
    people.sort(key=lambda p: p.full_name)
    ids = {p.id.casefold() for p in people}
    progress: dict[str, list] = defaultdict(list)
    for row in wb.items("Успеваемость"):
        if (row.item.listener_id or "").casefold() in ids:
            progress[row.item.listener_id.casefold()].append(row.item)
    attendance = [r.item for r in wb.items("Посещаемость") if (r.item.group_code or "").casefold() == code.casefold()]
    certificates = {(r.item.listener_id or "").casefold(): r.item for r in wb.items("Удостоверения")
                    if (r.item.listener_id or "").casefold() in ids}
    withdrawn = consent_withdrawn(wb)
    for person in people:  # a withdrawn consent: no letters to that person (152-ФЗ ст. 9 ч. 2)
        if person.id.casefold() in withdrawn:
            person.email = None
    return GroupContext(settings_of(wb), group, program, people, attendance, dict(progress), certificates,
                        list(group_gaps(wb, group.code)))
