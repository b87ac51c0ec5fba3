"""«Расписание» in AppTest on the demo: the group's classes with their findings, the documents, and the draft."""

from __future__ import annotations

from core.records.checks import findings_in, open_workbook
from core.store.xlsx import XlsxStore
from sheets_schema import TABS
from tests.conftest import TODAY


def _wb(path):
    return open_workbook(XlsxStore(path).read([t.name for t in TABS]).tabs, TODAY)


def test_the_page_lists_a_group_classes_with_the_planted_clash(app_on, workbook_copy):
    """The group with the demo's room clash: its classes in the table, the clash in «Замечания», PDF and .ics ready."""
    wb = _wb(workbook_copy)
    clash = next(f for f in findings_in(wb) if f.rule == "TT-ROOM-CLASH")
    row = next(r for r in wb.items("Занятия") if r.row == clash.row)
    at = app_on(workbook_copy)
    at.switch_page("app_pages/timetable.py").run()
    assert not at.exception
    at.selectbox(key="tt_name_group").set_value(row.item.group_code).run()
    table = at.dataframe[0].value
    assert len(table) == sum(r.item.group_code == row.item.group_code for r in wb.items("Занятия"))
    assert table[table["№"] == row.item.number]["Замечания"].iloc[0] == "TT-ROOM-CLASH"
    assert any(e.value.startswith(f"{row.item.number}, ") and f"ячейка {clash.cell}" in e.value
               and "(TT-ROOM-CLASH, 000 п. 1.5, 3.3)" in e.value for e in at.error)
    assert "ошибк" in at.warning[0].value
    assert {b.label for b in at.get("download_button")} >= {"Расписание (PDF)", "Календарь (.ics)"}


def test_a_teacher_and_a_room_are_chosen_from_the_classes(app_on, workbook_copy):
    at = app_on(workbook_copy)
    at.switch_page("app_pages/timetable.py").run()
    at.radio(key="tt_by").set_value("room").run()
    assert not at.exception
    rooms = at.selectbox(key="tt_name_room").options
    assert "ауд. 204" in rooms and "ДОТ" not in rooms


def test_the_draft_says_why_a_group_gets_none(app_on, workbook_copy):
    """A group whose dates fall on the New Year holidays: the draft is refused with what to do, not a traceback."""
    wb = _wb(workbook_copy)
    with_classes = {r.item.group_code for r in wb.items("Занятия")}
    without = [r.item.code for r in wb.items("Группы") if r.item.code not in with_classes]
    assert without
    at = app_on(workbook_copy)
    at.switch_page("app_pages/timetable.py").run()
    at.selectbox(key="tt_draft_group").set_value(without[0]).run()
    assert not at.exception
    assert any("не умещаются в её сроки" in w.value for w in at.warning)
