"""The curriculum (УТП) of each programme: hours per module and kind, and what a group's timetable owes it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from core.records.checks import Workbook
from core.timetable.classes import CURRICULUM, key
from sheets_schema.enums import ClassKind

# The column of «УТП» each kind of class is counted against; self-study is never a class on the timetable.
KIND_FIELD = {ClassKind.LECTURE: "lectures", ClassKind.PRACTICE: "practice", ClassKind.DISTANCE: "distance",
              ClassKind.ASSESSMENT: "assessment"}
KIND_WORDS = {ClassKind.LECTURE: "лекции", ClassKind.PRACTICE: "практические занятия",
              ClassKind.DISTANCE: "занятия с ДОТ", ClassKind.ASSESSMENT: "аттестация"}
SCHEDULED_FIELDS = tuple(KIND_FIELD.values())


@dataclass
class Module:
    name: str
    first_row: int  # the module's first line on «УТП» (where a finding about the module goes)
    hours: dict[ClassKind, int] = field(default_factory=dict)
    self_study: int = 0

    @property
    def scheduled_hours(self) -> int:
        return sum(self.hours.values())


@dataclass
class Curriculum:
    program_code: str
    first_row: int
    modules: dict[str, Module] = field(default_factory=dict)  # by key(module name), in the plan's order

    @property
    def total(self) -> int:
        return sum(m.scheduled_hours + m.self_study for m in self.modules.values())


def curricula(wb: Workbook) -> dict[str, Curriculum]:
    """Programme code (key) → its curriculum, modules in the order of their first line."""
    out: dict[str, Curriculum] = {}
    for row in wb.items(CURRICULUM):
        item = row.item
        if not item.program_code or not item.module:
            continue
        plan = out.setdefault(key(item.program_code), Curriculum(item.program_code, row.row))
        module = plan.modules.setdefault(key(item.module), Module(item.module.strip(), row.row))
        for kind, name in KIND_FIELD.items():
            module.hours[kind] = module.hours.get(kind, 0) + (getattr(item, name) or 0)
        module.self_study += item.self_study or 0
    return out


def totals_by_module(classes) -> dict[tuple[str, ClassKind], int]:
    out: dict[tuple[str, ClassKind], int] = defaultdict(int)
    for c in classes:
        out[key(c.item.module), c.item.kind] += c.hours
    return out


@dataclass(frozen=True)
class ScheduleLine:
    """One module in a group's calendar schedule (КУГ): when its classes run and how many hours they give."""

    module: str
    first: object  # date of the first class, None while none is scheduled
    last: object
    scheduled: int
    planned: int
    self_study: int


def calendar_schedule(plan: Curriculum | None, classes) -> list[ScheduleLine]:
    """The group's modules in the plan's order (and any module the classes name that the plan lacks), each with the
    dates of its classes and their hours against the plan's (000 §1.5 «календарный учебный график»)."""
    days: dict[str, list] = defaultdict(list)
    hours: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    for c in classes:
        days[key(c.item.module)].append(c.day)
        hours[key(c.item.module)] += c.hours
        names.setdefault(key(c.item.module), c.item.module.strip())
    modules = list(plan.modules.items()) if plan else []
    order = [k for k, _ in modules] + [k for k in names if not plan or k not in plan.modules]
    lines = []
    for k in order:
        module = plan.modules.get(k) if plan else None
        when = days.get(k, [])
        lines.append(ScheduleLine(module.name if module else names[k], min(when, default=None), max(when, default=None),
                                  hours.get(k, 0), module.scheduled_hours if module else 0,
                                  module.self_study if module else 0))
    return lines
