"""What follows from the timetable for the rest of 000: the dates of each group's modules (the reminders before
each new module, §2.1 and §4.3, take them from here where the group has classes) and the classes a mark of
attendance can belong to (§3.2)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from core.platform.values import canonical
from core.records.checks import Workbook
from core.timetable.classes import Scheduled, by_group, scheduled
from sheets_schema.enums import ClassKind


def module_dates(wb: Workbook) -> dict[str, list[tuple[str, date, date]]]:
    """Group code (case-folded) → its modules as (name, first class, last class), in the order they begin. A module
    of nothing but assessment (the final test) is not a module of classes: its reminder is §5.2's."""
    out = {}
    for _, classes in by_group(scheduled(wb)).items():
        days: dict[str, list[date]] = defaultdict(list)
        kinds: dict[str, set] = defaultdict(set)
        for c in classes:
            days[c.item.module.strip()].append(c.day)
            kinds[c.item.module.strip()].add(c.item.kind)
        modules = [(name, min(d), max(d)) for name, d in days.items() if kinds[name] != {ClassKind.ASSESSMENT}]
        out[canonical(classes[0].item.group_code).casefold()] = sorted(modules, key=lambda m: (m[1], m[0]))
    return out


def scheduled_on(wb: Workbook, group_code: str, day: date | None = None) -> list[Scheduled]:
    """The group's classes (on `day`, when given), in the order they run."""
    code = canonical(group_code).casefold()
    return [c for c in scheduled(wb) if canonical(c.item.group_code).casefold() == code and (day is None or c.day == day)]
