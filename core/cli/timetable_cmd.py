"""`edudesk timetable`: a group's, a teacher's or a room's timetable as PDF or .ics, the teachers' hours for a
period, and the draft of a group's classes from its curriculum."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from core.cli.user import require
from core.platform.access import User
from core.platform.errors import EduDeskError
from core.records.checks import open_workbook
from core.records.journal import JournaledStore
from core.timetable.documents import (
    Selection,
    teacher_hours,
    teacher_hours_pdf,
    teacher_hours_xlsx,
    timetable_pdf,
)
from core.timetable.exchange import ics_file
from core.timetable.generate import write_draft
from sheets_schema import TABS


def add_parsers(commands) -> None:
    tt = commands.add_parser("timetable", help="расписание: PDF и календарь .ics, часы преподавателей, черновик")
    actions = tt.add_subparsers(dest="timetable_action", metavar="ДЕЙСТВИЕ", required=True)
    show = actions.add_parser("show", help="расписание группы, преподавателя или аудитории (с --pdf/--ics — в файл)")
    who = show.add_mutually_exclusive_group(required=True)
    who.add_argument("--group", metavar="КОД", help="код группы")
    who.add_argument("--teacher", metavar="ФИО", help="преподаватель, как на листе «Занятия»")
    who.add_argument("--room", metavar="АУДИТОРИЯ", help="аудитория, как на листе «Занятия»")
    for parser in (show,):
        parser.add_argument("--from", dest="start", type=date.fromisoformat, metavar="ДАТА", help="с даты (ГГГГ-ММ-ДД)")
        parser.add_argument("--to", dest="end", type=date.fromisoformat, metavar="ДАТА", help="по дату (ГГГГ-ММ-ДД)")
    show.add_argument("--pdf", type=Path, metavar="ФАЙЛ", help="сохранить расписание в PDF")
    show.add_argument("--ics", type=Path, metavar="ФАЙЛ", help="сохранить календарь .ics")
    hours = actions.add_parser("hours", help="часы преподавателей за период (PDF или .xlsx по расширению файла)")
    hours.add_argument("--from", dest="start", type=date.fromisoformat, required=True, metavar="ДАТА", help="с даты")
    hours.add_argument("--to", dest="end", type=date.fromisoformat, required=True, metavar="ДАТА", help="по дату")
    hours.add_argument("--output", type=Path, metavar="ФАЙЛ", help="файл .pdf или .xlsx (без него — таблица на экран)")
    draft = actions.add_parser("draft", help="составить и записать черновик расписания группы по УТП")
    draft.add_argument("group", metavar="КОД", help="код группы без занятий")


def _save(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"Сохранено: {path} ({max(1, len(data) // 1024)} КБ)")


def run(store, args, person: User, today: date) -> int:
    if args.timetable_action == "draft":
        require(person, "Черновик расписания", write=True)
        rows = write_draft(JournaledStore(store, person), args.group, today)
        print(f"Группа {args.group}: записано занятий — {len(rows)}, с {rows[0]['Дата']:%d.%m.%Y} по "
              f"{rows[-1]['Дата']:%d.%m.%Y}. Поправьте их на листе «Занятия» или на странице «Расписание».")
        return 0
    wb = open_workbook(store.read([t.name for t in TABS]).tabs, today)
    if args.timetable_action == "hours":
        if args.output is None:
            for line in teacher_hours(wb, args.start, args.end):
                print(f"{line[0]}\t{line[1]}\t{line[-1]} ч")
            return 0
        suffix = args.output.suffix.lower()
        if suffix not in (".pdf", ".xlsx"):
            raise EduDeskError("Файл отчёта — .pdf или .xlsx.")
        _save(args.output, (teacher_hours_pdf if suffix == ".pdf" else teacher_hours_xlsx)(wb, args.start, args.end))
        return 0
    by, name = next((b, getattr(args, b)) for b in ("group", "teacher", "room") if getattr(args, b))
    selection = Selection(by, name, args.start, args.end)
    if args.pdf:
        _save(args.pdf, timetable_pdf(wb, selection))
    if args.ics:
        _save(args.ics, ics_file(wb, selection))
    if not args.pdf and not args.ics:
        classes = selection.classes(wb)
        if not classes:
            raise EduDeskError(f"Занятий нет: {selection.title.lower()}.")
        for c in classes:
            print(f"{c.item.number}\t{c.when()}\t{c.item.group_code}\t{c.item.module}\t{c.item.teacher or ''}\t"
                  f"{'ДОТ' if c.distance else c.item.room or ''}")
    return 0
