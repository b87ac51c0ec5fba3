"""What follows from the timetable (#27): the §1.7 letter carries the group's timetable, attendance is marked only
against a scheduled class, and the reminders before each module take its dates from the classes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from core.enrollment.attendance import mark_class
from core.enrollment.mailings import info_letters, module_reminders
from core.enrollment.module_reminders import group_modules, next_module
from core.platform.errors import EduDeskError
from core.records.checks import open_workbook
from core.records.journal import JournaledStore
from core.store.base import TabData
from core.store.xlsx import XlsxStore
from sheets_schema import TABS
from tests.conftest import TODAY


def _tabs(path):
    return XlsxStore(path).read([t.name for t in TABS]).tabs


def _group_with_classes(tabs, ahead: bool = False) -> str:
    classes = [r for r in tabs["Занятия"].as_dicts() if not ahead or r["Дата"] > TODAY]
    return classes[0]["Код группы"]


def test_the_info_letter_carries_the_group_timetable(demo_workbook):
    """000 §1.7: «расписание занятий» goes with the letter — a PDF of the group's classes."""
    tabs = _tabs(demo_workbook)
    code = _group_with_classes(tabs, ahead=True)
    letters, _ = info_letters(open_workbook(tabs, TODAY), code, TODAY)
    names = [a[0] for a in letters[0].attachments]
    assert f"Расписание занятий {code}.pdf" in names
    pdf = next(a[1] for a in letters[0].attachments if a[0] == f"Расписание занятий {code}.pdf")
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    classes = [r for r in tabs["Занятия"].as_dicts() if r["Код группы"] == code]
    assert f"ГРУППЫ {code}" in text and f"Занятий: {len(classes)}" in text
    assert "расписание занятий" in letters[0].body


def test_no_info_letter_for_a_group_without_classes_and_the_old_letter_without_the_tab(demo_workbook):
    tabs = _tabs(demo_workbook)
    code = _group_with_classes(tabs, ahead=True)
    data = tabs["Занятия"]
    kept = [(n, r) for n, r in zip(data.row_numbers, data.rows, strict=True) if r[1] != code]
    tabs["Занятия"] = replace(data, rows=[r for _, r in kept], row_numbers=[n for n, _ in kept])
    with pytest.raises(EduDeskError, match="нет занятий"):
        info_letters(open_workbook(tabs, TODAY), code, TODAY)
    tabs["Занятия"] = TabData("Занятия", [], [], [], exists=False)  # an institute that keeps no timetable here
    letters, _ = info_letters(open_workbook(tabs, TODAY), code, TODAY)
    assert not any(a[0].startswith("Расписание") for a in letters[0].attachments)


def test_attendance_only_for_a_scheduled_class(workbook_copy):
    """A day without a class of the group is refused with the clause; a scheduled class is marked with its number."""
    tabs = _tabs(workbook_copy)
    wb = open_workbook(tabs, TODAY)
    held = [r.item for r in wb.items("Занятия") if r.item.day <= TODAY]
    marked = {(m["Код группы"], m.get("№ занятия")) for m in tabs["Посещаемость"].as_dicts()}
    free = next(c for c in held if (c.group_code, c.number) not in marked)
    group = next(r.item for r in wb.items("Группы") if r.item.code == free.group_code)
    days = {c.day for c in held if c.group_code == group.code}
    empty_day = next(d for d in (date.fromordinal(group.start.toordinal() + n) for n in range(40))
                     if d <= group.end and d not in days)
    people = [r.item.id for r in wb.items("Слушатели") if r.item.group_code == group.code]
    store = JournaledStore(XlsxStore(workbook_copy), "тест")
    before = len(tabs["Посещаемость"].rows)
    with pytest.raises(EduDeskError, match=r"нет занятия .* в расписании .*000 п\. 3\.2, 3\.3"):
        mark_class(store, group, empty_day, people, set(people), TODAY)
    assert len(_tabs(workbook_copy)["Посещаемость"].rows) == before
    assert mark_class(store, group, free.day, people, set(people[1:]), TODAY, free.number) == len(people)
    rows = _tabs(workbook_copy)["Посещаемость"].as_dicts()[before:]
    assert {r["№ занятия"] for r in rows} == {free.number} and {r["Дата занятия"] for r in rows} == {free.day}
    with pytest.raises(EduDeskError, match="уже отмечена"):
        mark_class(store, group, free.day, people, set(people), TODAY, free.number)


def test_module_reminders_take_the_module_dates_from_the_classes(demo_workbook):
    """§2.1/§4.3 «в соответствии с расписанием»: a module runs from its first class to its last, and the letter
    before it lists its classes with hours and rooms."""
    tabs = _tabs(demo_workbook)
    wb = open_workbook(tabs, TODAY)
    code = _group_with_classes(tabs, ahead=True)
    modules = group_modules(wb)[code.casefold()]
    classes = [r.item for r in wb.items("Занятия") if r.item.group_code == code]
    first_module = [c for c in classes if c.module == modules[0].name]
    assert modules[0].scheduled and modules[0].first_due == min(c.day for c in first_module)
    assert modules[0].last_due == max(c.day for c in first_module)
    assert "Итоговая аттестация" not in [m.name for m in modules]  # the final test has §5.2's reminder
    coming = next_module(modules, TODAY)
    letters, _ = module_reminders(wb, code, TODAY)
    assert letters[0].subject == f"Следующий модуль: {coming.name}"
    for c in (c for c in classes if c.module == coming.name):
        assert f"{c.day:%d.%m.%Y} {c.start}–{c.end}" in letters[0].body
