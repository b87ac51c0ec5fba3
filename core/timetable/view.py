"""What the «Расписание» page and the command show: the choices of whose timetable, and the classes as table rows
with the findings on each."""

from __future__ import annotations

from collections import defaultdict

from core.records.checks import Workbook
from core.records.findings import Finding
from core.timetable.classes import TAB, Scheduled, key, scheduled
from core.timetable.clock import hhmm
from core.timetable.documents import WEEKDAYS


def choices(wb: Workbook, by: str) -> list[str]:
    """The groups (from «Группы»), teachers or rooms (from the classes) one may look at, sorted."""
    if by == "group":
        return [r.item.code for r in wb.items("Группы") if r.item.code]
    names: dict[str, str] = {}
    for c in scheduled(wb):
        value = c.item.teacher if by == "teacher" else (None if c.distance else c.item.room)
        if value and value.strip():
            names.setdefault(key(value), value.strip())
    return sorted(names.values(), key=str.casefold)


LABEL = {"group": "Группа", "teacher": "Преподаватель", "room": "Аудитория"}


def first_to_look_at(wb: Workbook, by: str, options: list[str], findings: list[Finding]) -> int:
    """The option a page opens on: one whose classes have a finding, else one with classes from today on."""
    found, classes = findings_by_row(findings, wb), scheduled(wb)
    attribute = {"group": lambda c: c.item.group_code, "teacher": lambda c: c.item.teacher,
                 "room": lambda c: c.item.room}[by]
    flagged = {key(attribute(c)) for c in classes if c.row in found}
    coming = {key(attribute(c)) for c in classes if c.day >= wb.today}
    for wanted in (flagged, coming):
        index = next((i for i, o in enumerate(options) if key(o) in wanted), None)
        if index is not None:
            return index
    return 0


def findings_by_row(findings: list[Finding], wb: Workbook) -> dict[int, list[Finding]]:
    parsed = wb[TAB]
    names = {TAB} | ({parsed.data.sheet, *parsed.data.also} if parsed is not None and parsed.data.sheet else set())
    out: dict[int, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.tab in names and f.row:  # by the class's own row number (a timetable kept on a tab per group too)
            out[parsed.data.row_at(f.tab, f.row) if parsed is not None else f.row].append(f)
    return out


def table_rows(classes: list[Scheduled], found: dict[int, list[Finding]], with_group: bool = True) -> list[dict]:
    """A row per class, the group only where it varies, and what is wrong with it (the rules)."""
    return [{"№": c.item.number,
             "Дата": f"{c.day:%d.%m.%Y}, {WEEKDAYS[c.day.weekday()]}", "Время": f"{hhmm(c.start)}–{hhmm(c.end)}",
             **({"Группа": c.item.group_code} if with_group else {}), "Модуль": c.item.module,
             "Вид": c.item.kind.value if c.item.kind else "", "Ч": c.hours, "Преподаватель": c.item.teacher or "",
             "Аудитория": "ДОТ" if c.distance else c.item.room or "",
             "Замечания": ", ".join(f.rule for f in found.get(c.row, []))} for c in classes]
