"""Rules TT-*: clashes, dates and hours of the timetable against the groups, the curriculum and the teachers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from core.platform.calendar import holiday_name, is_working_day
from core.platform.values import canonical
from core.records.checks import Rule, Workbook, rule
from core.records.findings import Finding, Severity
from core.timetable.classes import (
    ACADEMIC_HOUR,
    CURRICULUM,
    TAB,
    TEACHERS,
    Scheduled,
    by_group,
    hours_of_day,
    keeps_timetable,
    key,
    scheduled,
)
from core.timetable.clock import hhmm, minutes
from core.timetable.curriculum import KIND_FIELD, KIND_WORDS, curricula

AREA = "Расписание"


def _groups(wb: Workbook) -> dict[str, object]:
    return {key(r.item.code): r.item for r in wb.items("Группы") if r.item.code}


def _joint(a: Scheduled, b: Scheduled) -> bool:
    """Two groups taught together (a stream): same time, teacher, room and subject — one class, not a clash."""
    same = lambda f: key(getattr(a.item, f)) == key(getattr(b.item, f))  # noqa: E731
    return a.group != b.group and a.start == b.start and a.end == b.end and all(
        same(f) for f in ("teacher", "room", "module", "topic"))


def _clashes(classes: list[Scheduled], resource: Callable[[Scheduled], str]) -> Iterator[tuple[Scheduled, Scheduled]]:
    """(earlier, later) pairs of classes that hold the same resource at overlapping times on one day."""
    held: dict[tuple, list[Scheduled]] = defaultdict(list)
    for c in classes:  # in the order they run
        name = resource(c)
        if not name or not c.timed:
            continue
        busy = held[name, c.day]
        other = next((b for b in busy if minutes(b.end) > minutes(c.start) and not _joint(b, c)), None)
        if other is not None:
            yield other, c
        busy.append(c)


def _clash_rule(wb: Workbook, r: Rule, field_name: str, resource: Callable[[Scheduled], str], what: str):
    parsed = wb[TAB]
    for earlier, later in _clashes(scheduled(wb), resource):
        yield r.finding(parsed, later.row, field_name,
                        f"{what(later)} в это время ({later.when()}) уже на занятии {earlier.item.number} "
                        f"группы {earlier.item.group_code} ({earlier.when()}, строка {earlier.row}).")


@rule("TT-ROOM-CLASH", "000 п. 1.5, 3.3", Severity.ERROR, "Аудитория не занята двумя занятиями в одно время", AREA)
def room_clash(wb: Workbook, r: Rule) -> Iterator[Finding]:
    yield from _clash_rule(wb, r, "room", lambda c: "" if c.distance else key(c.item.room),
                           lambda c: f"Аудитория «{c.item.room}»")


@rule("TT-TEACHER-CLASH", "000 п. 3.3", Severity.ERROR, "Преподаватель не ведёт два занятия в одно время", AREA)
def teacher_clash(wb: Workbook, r: Rule) -> Iterator[Finding]:
    yield from _clash_rule(wb, r, "teacher", lambda c: key(c.item.teacher),
                           lambda c: f"Преподаватель {c.item.teacher}")


@rule("TT-GROUP-CLASH", "000 п. 1.5", Severity.ERROR, "У группы не два занятия в одно время", AREA)
def group_clash(wb: Workbook, r: Rule) -> Iterator[Finding]:
    yield from _clash_rule(wb, r, "start", lambda c: c.group, lambda c: f"Группа {c.item.group_code}")


@rule("TT-TIME", "000 п. 3.3", Severity.ERROR,
      "Время занятия записано, окончание позже начала, часы умещаются во время (академический час — 45 мин)", AREA)
def class_time(wb: Workbook, r: Rule) -> Iterator[Finding]:
    parsed = wb[TAB]
    for c in scheduled(wb):
        if c.start is None:
            yield r.finding(parsed, c.row, "start", f"Начало «{c.item.start}» — не время: запишите как 10:00.")
        elif c.end is None:
            yield r.finding(parsed, c.row, "end", f"Окончание «{c.item.end}» — не время: запишите как 11:30.")
        elif not c.timed:
            yield r.finding(parsed, c.row, "end", f"Окончание {hhmm(c.end)} не позже начала {hhmm(c.start)}.")
        elif c.hours * ACADEMIC_HOUR > minutes(c.end) - minutes(c.start):
            yield r.finding(parsed, c.row, "hours",
                            f"{c.hours} ч по {ACADEMIC_HOUR} мин ({c.hours * ACADEMIC_HOUR} мин) не умещаются во "
                            f"время {hhmm(c.start)}–{hhmm(c.end)} ({minutes(c.end) - minutes(c.start)} мин).")


@rule("TT-DAY-HOURS", "Настройки: «Начало занятий», «Окончание занятий»", Severity.WARNING,
      "Занятие в часы работы учреждения", AREA)
def within_day(wb: Workbook, r: Rule) -> Iterator[Finding]:
    parsed, (opens, closes) = wb[TAB], hours_of_day(wb)
    for c in scheduled(wb):
        if c.distance or not c.timed:
            continue
        if minutes(c.start) < minutes(opens):
            yield r.finding(parsed, c.row, "start", f"Занятие начинается в {hhmm(c.start)}, раньше начала занятий "
                            f"в учреждении ({hhmm(opens)}).")
        elif minutes(c.end) > minutes(closes):
            yield r.finding(parsed, c.row, "end", f"Занятие заканчивается в {hhmm(c.end)}, позже окончания занятий "
                            f"в учреждении ({hhmm(closes)}).")


@rule("TT-GROUP-DATES", "000 п. 1.5 (календарный учебный график)", Severity.ERROR,
      "Занятие — в сроки обучения группы", AREA)
def within_group_dates(wb: Workbook, r: Rule) -> Iterator[Finding]:
    parsed, groups = wb[TAB], _groups(wb)
    for c in scheduled(wb):
        group = groups.get(c.group)
        if group is None or not group.start or not group.end or group.start <= c.day <= group.end:
            continue
        yield r.finding(parsed, c.row, "day", f"Занятие {c.day:%d.%m.%Y} вне сроков обучения группы "
                        f"{group.code} ({group.start:%d.%m.%Y}–{group.end:%d.%m.%Y}).")


@rule("TT-DAY-OFF", "ТК РФ ст. 111, 112; производственный календарь", Severity.WARNING,
      "Занятие — в рабочий день", AREA)
def on_working_day(wb: Workbook, r: Rule) -> Iterator[Finding]:
    parsed = wb[TAB]
    for c in scheduled(wb):
        if not is_working_day(c.day):
            why = holiday_name(c.day) or ("суббота" if c.day.weekday() == 5 else "воскресенье")
            yield r.finding(parsed, c.row, "day", f"{c.day:%d.%m.%Y} — выходной день ({why}): перенесите занятие "
                            "или подтвердите его приказом.")


@rule("TT-STAFFED", "000 п. 2.2, 3.3", Severity.WARNING, "У занятия есть преподаватель и аудитория", AREA)
def staffed(wb: Workbook, r: Rule) -> Iterator[Finding]:
    parsed = wb[TAB]
    for c in scheduled(wb):
        if not canonical(c.item.teacher):
            yield r.finding(parsed, c.row, "teacher", f"У занятия {c.item.number} не назначен преподаватель.")
        if not c.distance and not canonical(c.item.room):
            yield r.finding(parsed, c.row, "room", f"У занятия {c.item.number} не указана аудитория (для занятия "
                            "с ДОТ впишите «ДОТ» и ссылку).")


@rule("TT-LINK", "000 п. 4.2", Severity.ERROR, "У занятия с ДОТ есть ссылка для входа", AREA)
def distance_link(wb: Workbook, r: Rule) -> Iterator[Finding]:
    parsed = wb[TAB]
    for c in scheduled(wb):
        link = canonical(c.item.link)
        if c.distance and not link:
            yield r.finding(parsed, c.row, "link", f"Занятие {c.item.number} — с ДОТ, а ссылки для входа нет.")
        elif link and not link.casefold().startswith(("https://", "http://")):
            yield r.finding(parsed, c.row, "link", f"Ссылка «{link}» не начинается с https:// — по ней не войти.")


@rule("TT-CURRICULUM", "000 п. 1.5 (учебно-тематический план)", Severity.ERROR,
      "Часы группы по модулям и видам занятий — как в УТП программы", AREA)
def curriculum_hours(wb: Workbook, r: Rule) -> Iterator[Finding]:
    classes_tab, plans, groups = wb[TAB], curricula(wb), _groups(wb)
    plan_tab = wb[CURRICULUM]
    for code, classes in by_group(scheduled(wb)).items():
        group = groups.get(code)
        plan = plans.get(key(group.program_code)) if group else None
        if plan is None:
            continue
        counted: dict[tuple, int] = defaultdict(int)
        for c in classes:
            module = plan.modules.get(key(c.item.module))
            if module is None:
                yield r.finding(classes_tab, c.row, "module", f"Модуля «{c.item.module}» нет в УТП программы "
                                f"{plan.program_code}: модули — {', '.join(m.name for m in plan.modules.values())}.")
                continue
            if c.item.kind is None:
                continue
            before = counted[module.name, c.item.kind]
            counted[module.name, c.item.kind] = before + c.hours
            allowed = module.hours.get(c.item.kind, 0)
            if before <= allowed < before + c.hours:
                yield r.finding(classes_tab, c.row, "hours",
                                f"Группа {group.code}, модуль «{module.name}», {KIND_WORDS[c.item.kind]}: с этим "
                                f"занятием {before + c.hours} ч, а по УТП {allowed} ч.")
        for module in plan.modules.values():
            for kind, planned in module.hours.items():
                got = counted[module.name, kind]
                if got < planned:
                    yield r.finding(plan_tab, module.first_row, KIND_FIELD[kind],
                                    f"Группа {group.code}, модуль «{module.name}», {KIND_WORDS[kind]}: в расписании "
                                    f"{got} ч из {planned} ч по УТП.", Severity.WARNING)


# A warning, not an error: the volume and the plan are changed one after the other, and an error would refuse both.
@rule("TT-PROGRAM-HOURS", "000 п. 1.5", Severity.WARNING,
      "Часы УТП в сумме равны объёму программы", AREA)
def program_volume(wb: Workbook, r: Rule) -> Iterator[Finding]:
    programs = {key(p.item.code): p.item for p in wb.items("Программы") if p.item.code}
    for code, plan in curricula(wb).items():
        program = programs.get(code)
        if program is None or not program.hours or plan.total == program.hours:
            continue
        yield r.finding(wb[CURRICULUM], plan.first_row, "module",
                        f"УТП программы {program.code}: модули дают {plan.total} ч (с самостоятельной работой), а "
                        f"объём программы — {program.hours} ч.")


@rule("TT-TEACHER-LOAD", "Преподаватели: «Нагрузка в год, ч»", Severity.ERROR,
      "Часы преподавателя за год — не больше его нагрузки", AREA)
def teacher_load(wb: Workbook, r: Rule) -> Iterator[Finding]:
    limits = {key(t.item.full_name): t.item.yearly_hours for t in wb.items(TEACHERS) if t.item.yearly_hours}
    parsed, counted = wb[TAB], defaultdict(int)
    for c in scheduled(wb):
        name = key(c.item.teacher)
        if name not in limits:
            continue
        before = counted[name, c.day.year]
        counted[name, c.day.year] = before + c.hours
        if before <= limits[name] < before + c.hours:
            yield r.finding(parsed, c.row, "hours", f"У преподавателя {c.item.teacher} с этим занятием "
                            f"{before + c.hours} ч за {c.day.year} год, а нагрузка — {limits[name]} ч.")


@rule("TT-ATTENDANCE", "000 п. 3.2, 3.3", Severity.ERROR, "Посещаемость отмечена за занятие из расписания", AREA)
def attendance_of_scheduled(wb: Workbook, r: Rule) -> Iterator[Finding]:
    if not keeps_timetable(wb):
        return  # marks by the day, as before the timetable was kept here
    classes = scheduled(wb)
    numbers = {key(c.item.number): c for c in classes}
    days = {(c.group, c.day) for c in classes}
    parsed, said = wb["Посещаемость"], set()
    for row in wb.items("Посещаемость"):
        mark = row.item
        if not mark.group_code or not mark.class_date:
            continue
        group, number = key(mark.group_code), key(mark.class_number)
        if (group, mark.class_date, number) in said:
            continue  # one finding per class, not one per listener
        if number:
            c = numbers.get(number)
            if c is not None and c.group == group and c.day == mark.class_date:
                continue
            why = (f"занятия {mark.class_number} нет на листе «Занятия»" if c is None else
                   f"занятие {mark.class_number} — группы {c.item.group_code} {c.day:%d.%m.%Y}")
            field_name = "class_number"
        elif (group, mark.class_date) in days:
            continue
        else:
            why, field_name = f"у группы {mark.group_code} нет занятия {mark.class_date:%d.%m.%Y} в расписании", "class_date"
        said.add((group, mark.class_date, number))
        yield r.finding(parsed, row, field_name, f"Посещаемость отмечена за занятие, которого нет в расписании: "
                        f"{why}. Внесите занятие на лист «Занятия» или исправьте дату.")


def _check_due(classes: list[Scheduled], handed_in, group_end) -> object:
    """The day a work handed in must be checked by: the group's next class after it (000 §4.5 «в сроки,
    установленные расписанием»), or its last day when no class follows."""
    return next((c.day for c in classes if c.day > handed_in), group_end)


@rule("TT-HOMEWORK", "000 п. 4.5", Severity.WARNING,
      "Домашнее задание проверено к следующему занятию группы по расписанию", AREA)
def homework_checked_by_next_class(wb: Workbook, r: Rule) -> Iterator[Finding]:
    classes, groups = by_group(scheduled(wb)), _groups(wb)
    group_of = {key(x.item.id): key(x.item.group_code) for x in wb.items("Слушатели") if x.item.id}
    late: dict[tuple[str, str], list] = defaultdict(list)
    for row in wb.items("Успеваемость"):
        item = row.item
        code = group_of.get(key(item.listener_id))
        if not item.done or code not in classes:
            continue
        group = groups.get(code)
        due = _check_due(classes[code], item.done, group.end if group else None)
        if due is None:
            continue
        if (item.checked and item.checked > due) or (not item.checked and due < wb.today):
            late[code, item.task or ""].append((row, due))
    parsed = wb["Успеваемость"]
    for (code, task), rows in late.items():
        first, due = rows[0]
        more = f" (и ещё {len(rows) - 1} работ группы)" if len(rows) > 1 else ""
        yield r.finding(parsed, first.row, "checked",
                        f"Группа {groups[code].code if code in groups else code}, «{task}»: работа сдана "
                        f"{first.item.done:%d.%m.%Y}, проверить её нужно было к занятию {due:%d.%m.%Y}, а "
                        + (f"проверена {first.item.checked:%d.%m.%Y}" if first.item.checked else "она не проверена")
                        + more + ".")
