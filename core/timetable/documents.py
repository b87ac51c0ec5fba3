"""The timetable on paper: per group (it goes with the §1.7 letter), per teacher and per room for a period, and a
teacher's hours for a period (what the accounts department pays by)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from core.platform.dates_ru import period
from core.platform.document_layout import Document
from core.platform.errors import EduDeskError
from core.platform.exports import to_xlsx
from core.records.checks import Workbook, settings_of
from core.timetable.classes import Scheduled, classes_of, key
from core.timetable.clock import hhmm
from core.timetable.curriculum import calendar_schedule, curricula
from sheets_schema.enums import ClassKind

WEEKDAYS = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")
BY = {"group": "группы", "teacher": "преподавателя", "room": "аудитории"}


@dataclass(frozen=True)
class Selection:
    """Whose timetable: `by` one of BY, `name` the group code, the teacher or the room; a period (None: all)."""

    by: str
    name: str
    start: date | None = None
    end: date | None = None

    def classes(self, wb: Workbook) -> list[Scheduled]:
        return classes_of(wb, **{self.by: self.name}, start=self.start, end=self.end)

    @property
    def title(self) -> str:
        return f"Расписание занятий {BY[self.by]} {self.name}"

    def file_stem(self) -> str:
        return f"Расписание {self.name}".replace("/", "-")


def _place(c: Scheduled) -> str:
    if c.distance:
        return "ДОТ" + (f": {c.item.link}" if c.item.link else "")
    return c.item.room or ""


def rows(classes: list[Scheduled]) -> list[list[str]]:
    return [[f"{c.day:%d.%m.%Y}, {WEEKDAYS[c.day.weekday()]}", f"{hhmm(c.start)}–{hhmm(c.end)}", c.item.group_code,
             c.item.module + (f". {c.item.topic}" if c.item.topic else ""), c.item.kind.value if c.item.kind else "",
             str(c.hours), c.item.teacher or "", _place(c)] for c in classes]


HEADINGS = ["Дата", "Время", "Группа", "Модуль, тема", "Вид занятия", "Ч", "Преподаватель", "Аудитория / ссылка"]


def timetable_pdf(wb: Workbook, selection: Selection) -> bytes:
    """The classes of the selection as an A4 landscape table under the institution's name."""
    classes = selection.classes(wb)
    if not classes:
        raise EduDeskError(f"В расписании нет занятий {BY[selection.by]} {selection.name}"
                           + (f" {period(selection.start, selection.end)}" if selection.start else "") + ".")
    doc = Document(orientation="landscape", title=selection.title)
    doc.add_page()
    doc.institution_header(settings_of(wb))
    doc.heading(selection.title.upper().replace("РАСПИСАНИЕ ЗАНЯТИЙ", "РАСПИСАНИЕ ЗАНЯТИЙ\n", 1))
    group = _group(wb, selection.name) if selection.by == "group" else None
    lines = []
    if group is not None:
        program = next((p.item for p in wb.items("Программы") if key(p.item.code) == key(group.program_code)), None)
        if program is not None:
            lines.append(f"Программа: «{program.name}» ({program.hours} ч).")
        lines.append(f"Сроки обучения: {period(group.start, group.end)}.")
    first, last = classes[0].day, classes[-1].day
    lines.append(f"Занятий: {len(classes)}, {sum(c.hours for c in classes)} ак. ч, {period(first, last)}.")
    doc.paragraph(" ".join(lines), indent=False, align="L", size=11)
    if group is not None:
        _calendar_schedule(doc, wb, group, classes)
    doc.table(HEADINGS, rows(classes), widths=(26, 24, 23, 59, 28, 8, 44, 44),
              align=("LEFT", "CENTER", "LEFT", "LEFT", "LEFT", "CENTER", "LEFT", "LEFT"), size=9)
    doc.paragraph("Академический час — 45 минут. ДОТ — занятие с применением дистанционных образовательных "
                  "технологий, вход по ссылке.", indent=False, size=9)
    if group is not None and group.curator:
        doc.signature("Куратор группы", group.curator, space_before=4)
    return doc.bytes()


def schedule_rows(wb: Workbook, group, classes: list[Scheduled]) -> list[list[str]]:
    """The group's КУГ as table rows: module, dates, hours by the timetable and by the plan, self-study."""
    plan = curricula(wb).get(key(group.program_code))
    return [[line.module, _dates(line.first, line.last), str(line.scheduled),
             str(line.planned), str(line.self_study)] for line in calendar_schedule(plan, classes)]


def _dates(first: date | None, last: date | None) -> str:
    if first is None:
        return "не назначены"
    return f"{first:%d.%m.%Y}" if first == last else period(first, last)


SCHEDULE_HEADINGS = ["Модуль", "Занятия", "Часов по расписанию", "Часов занятий по УТП", "Самостоятельная работа, ч"]


def _calendar_schedule(doc: Document, wb: Workbook, group, classes: list[Scheduled]) -> None:
    doc.bold_line("Календарный учебный график")
    doc.table(SCHEDULE_HEADINGS, schedule_rows(wb, group, classes), widths=(90, 62, 34, 34, 36),
              align=("LEFT", "LEFT", "CENTER", "CENTER", "CENTER"), size=9)
    doc.bold_line("Расписание занятий")


def _group(wb: Workbook, code: str):
    return next((r.item for r in wb.items("Группы") if key(r.item.code) == key(code)), None)


KINDS = (ClassKind.LECTURE, ClassKind.PRACTICE, ClassKind.DISTANCE, ClassKind.ASSESSMENT)


def teacher_hours(wb: Workbook, start: date, end: date) -> list[list]:
    """Teacher × group: hours by kind of class in the period, and in all."""
    table: dict[tuple[str, str], dict] = defaultdict(lambda: defaultdict(int))
    names: dict[str, str] = {}
    for c in classes_of(wb, start=start, end=end):
        who = key(c.item.teacher) or "—"
        names.setdefault(who, c.item.teacher or "не назначен")
        table[who, c.item.group_code][c.item.kind] += c.hours
    out = []
    for (who, group), hours in sorted(table.items(), key=lambda kv: (names[kv[0][0]], kv[0][1])):
        out.append([names[who], group, *(hours.get(k, 0) for k in KINDS), sum(hours.values())])
    return out


HOURS_HEADINGS = ["Преподаватель", "Группа", "Лекции", "Практические", "С ДОТ", "Аттестация", "Всего, ч"]


def teacher_hours_pdf(wb: Workbook, start: date, end: date) -> bytes:
    lines = teacher_hours(wb, start, end)
    if not lines:
        raise EduDeskError(f"В расписании нет занятий {period(start, end)}.")
    doc = Document(title="Отчёт о часах преподавателей")
    doc.add_page()
    doc.institution_header(settings_of(wb))
    doc.heading(f"ОТЧЁТ\nоб учебных часах преподавателей по расписанию\n{period(start, end)}")
    totals = [sum(line[i] for line in lines) for i in range(2, 7)]
    doc.table(HOURS_HEADINGS, [*lines, ["Итого", "", *totals]], widths=(45, 24, 17, 26, 15, 24, 18),
              align=("LEFT", "LEFT", "CENTER", "CENTER", "CENTER", "CENTER", "CENTER"), size=9)
    doc.paragraph("Часы — академические (45 минут), по листу «Занятия»; самостоятельная работа слушателей не "
                  "входит.", indent=False, size=9)
    settings = settings_of(wb)
    position = settings.get("Должность исполнителя") or "Исполнитель"
    doc.signature(position[:1].upper() + position[1:], settings.get("Исполнитель"))
    return doc.bytes()


def teacher_hours_xlsx(wb: Workbook, start: date, end: date) -> bytes:
    lines = teacher_hours(wb, start, end)
    if not lines:
        raise EduDeskError(f"В расписании нет занятий {period(start, end)}.")
    return to_xlsx(HOURS_HEADINGS, lines, sheet="Часы преподавателей")
