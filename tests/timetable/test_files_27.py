"""The timetable's files as other programs read them: the .ics in two independent iCalendar readers, the PDF's
text, the teachers' hours in the PDF and the .xlsx."""

from __future__ import annotations

from datetime import UTC, date, datetime
from io import BytesIO

import icalendar
import openpyxl
import vobject
from pypdf import PdfReader

from core.timetable.documents import (
    Selection,
    schedule_rows,
    teacher_hours,
    teacher_hours_pdf,
    teacher_hours_xlsx,
    timetable_pdf,
)
from core.timetable.ics import calendar
from tests.rows import workbook
from tests.timetable.month import GROUPS, month

TODAY = date(2026, 12, 1)


def _wb():
    return workbook(TODAY, **month())


def _ics(selection: Selection) -> bytes:
    wb = _wb()
    return calendar(selection.classes(wb), selection.title, "ГАУ ДПО «ОИРО»", "Europe/Moscow", "oiro.example.ru",
                    now=datetime(2026, 12, 1, 8, 0, tzinfo=UTC))


def test_the_group_calendar_imports_into_icalendar_with_every_class_at_its_hour():
    """Each class is one event; 09:00 in Moscow is 06:00 UTC; the text is Cyrillic as typed."""
    wb = _wb()
    classes = Selection("group", "Г-1").classes(wb)
    parsed = icalendar.Calendar.from_ical(_ics(Selection("group", "Г-1")))
    events = list(parsed.walk("VEVENT"))
    assert len(events) == len(classes) == 2 * len({c.day for c in classes})
    first = events[0]
    assert first.decoded("DTSTART") == datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
    assert first.decoded("DTEND") == datetime(2026, 12, 1, 7, 30, tzinfo=UTC)
    assert str(first["SUMMARY"]) == "Модуль 1 — Г-1" and str(first["LOCATION"]) == "ауд. 101"
    assert "Антонова Вера Ильинична" in str(first["DESCRIPTION"])
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_a_second_reader_agrees_and_every_line_is_folded_to_75_octets():
    """vobject reads the same events; no line is longer than RFC 5545 allows, a Cyrillic letter never split."""
    data = _ics(Selection("teacher", GROUPS["Г-4"][1]))
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    text = data.decode("utf-8")  # a letter split between two lines would not decode
    parsed = vobject.readOne(text)
    events = parsed.contents["vevent"]
    assert {e.location.value for e in events} == {"ДОТ"}
    assert all(e.url.value.startswith("https://moodle.example.ru/") for e in events)
    assert events[0].dtstart.value == datetime(2026, 12, 1, 6, 0, tzinfo=UTC)


def test_the_same_class_keeps_its_uid_in_a_later_file():
    """Importing the calendar again updates the events instead of doubling them: the UIDs don't change."""
    first = [str(e["UID"]) for e in icalendar.Calendar.from_ical(_ics(Selection("group", "Г-2"))).walk("VEVENT")]
    again = [str(e["UID"]) for e in icalendar.Calendar.from_ical(_ics(Selection("group", "Г-2"))).walk("VEVENT")]
    assert first == again


def test_the_group_timetable_pdf_lists_its_classes():
    wb = _wb()
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(timetable_pdf(wb, Selection("group", "Г-3")))).pages)
    count = len(Selection("group", "Г-3").classes(wb))
    assert "РАСПИСАНИЕ ЗАНЯТИЙ" in text and "ГРУППЫ Г-3" in text
    assert f"Занятий: {count}, {2 * count} ак. ч" in text
    assert text.count("ауд. 103") == count


def test_a_room_timetable_for_a_week_holds_only_that_week():
    wb = _wb()
    week = Selection("room", "ауд. 101", date(2026, 12, 7), date(2026, 12, 11))
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(timetable_pdf(wb, week))).pages)
    assert "Занятий: 10, 20 ак. ч" in text and "04.12.2026" not in text and "14.12.2026" not in text


def test_the_teachers_hours_add_up_in_the_pdf_and_the_xlsx():
    """Per teacher and group, hours by kind; the totals are the classes' hours in the period."""
    wb = _wb()
    start, end = date(2026, 12, 1), date(2026, 12, 15)
    lines = teacher_hours(wb, start, end)
    expected = sum(r.item.hours for r in wb.items("Занятия") if start <= r.item.day <= end)
    assert sum(line[-1] for line in lines) == expected
    sheet = openpyxl.load_workbook(BytesIO(teacher_hours_xlsx(wb, start, end))).active
    assert sum(row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)) == expected
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(teacher_hours_pdf(wb, start, end))).pages)
    assert "Итого" in text and str(expected) in text


def test_the_group_pdf_opens_with_its_calendar_schedule():
    """000 §1.5 «календарный учебный график»: each module with the dates of its classes and hours against the plan;
    a module the timetable has not reached yet says so."""
    data = month()
    data["УТП"].append({"Код программы": "П-1", "Модуль": "Модуль 3", "Лекции, ч": 4})
    wb = workbook(TODAY, **data)
    group = wb.items("Группы")[0].item
    classes = Selection("group", "Г-1").classes(wb)
    lines = schedule_rows(wb, group, classes)
    assert [line[0] for line in lines] == ["Модуль 1", "Модуль 2", "Модуль 3"]
    assert sum(int(line[2]) for line in lines) == 2 * len(classes)
    assert lines[0][2] == lines[0][3] and lines[2][1:4] == ["не назначены", "0", "4"]
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(timetable_pdf(wb, Selection("group", "Г-1")))).pages)
    assert "Календарный учебный график" in text and "не назначены" in text
