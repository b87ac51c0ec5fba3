"""The draft of a group's classes: laid on its working days within its dates, around the other groups' classes,
written once with numbers and a journal row; refused, in Russian, when it can't be made."""

from __future__ import annotations

from datetime import date

import pytest

from core.platform.calendar import is_working_day
from core.platform.errors import EduDeskError
from core.records.checks import run_all
from core.records.journal import JournaledStore
from core.setup import initialize
from core.store.xlsx import XlsxStore
from core.timetable.clock import clock
from core.timetable.generate import day_slots, lay_out, write_draft
from tests.rows import workbook, workbook_data
from tests.timetable.month import GROUPS, month

TODAY = date(2026, 11, 30)


def _without(code: str) -> dict:
    data = month()
    data["Занятия"] = [c for c in data["Занятия"] if c["Код группы"] != code]
    return data


def test_a_day_is_pairs_from_the_opening_with_a_lunch_after_the_second():
    assert [(f"{a:%H:%M}", f"{b:%H:%M}") for a, b in day_slots(clock("09:00"), clock("18:00"))] == [
        ("09:00", "10:30"), ("10:40", "12:10"), ("12:50", "14:20"), ("14:30", "16:00")]
    assert len(day_slots(clock("14:00"), clock("17:00"))) == 1


def test_the_draft_meets_the_curriculum_on_working_days_within_the_group_dates():
    """Г-5 without classes gets exactly its plan's hours, on working days of 01.12–25.12, and no rule objects."""
    data = _without("Г-5")
    draft = lay_out(workbook(TODAY, **data), "Г-5")
    planned = sum(v for p in data["УТП"] if p["Код программы"] == "П-5"
                  for k, v in p.items() if k in ("Лекции, ч", "Практические, ч", "С ДОТ, ч", "Аттестация, ч"))
    assert sum(r["Часов"] for r in draft) == planned
    assert all(is_working_day(r["Дата"]) and date(2026, 12, 1) <= r["Дата"] <= date(2026, 12, 25) for r in draft)
    numbered = [{**r, "№ занятия": f"Н-{i}"} for i, r in enumerate(draft)]
    data["Занятия"] += numbered
    assert [f for f in run_all(workbook_data(**data), today=TODAY) if f.rule.startswith("TT-")] == []


def test_the_draft_goes_around_the_classes_other_groups_hold():
    """Г-5's teacher teaching Г-1 at 09:00 every day: the draft never puts Г-5 at that hour with that teacher."""
    data = _without("Г-5")
    data["Группы"][4]["Преподаватель"] = GROUPS["Г-1"][1]
    data["Группы"][4]["Аудитория или платформа"] = GROUPS["Г-1"][2]
    draft = lay_out(workbook(TODAY, **data), "Г-5")
    taken = {(c["Дата"], c["Начало"]) for c in data["Занятия"] if c["Код группы"] == "Г-1"}
    assert draft and not {(r["Дата"], r["Начало"]) for r in draft} & taken


def test_a_group_that_has_classes_or_no_room_in_its_dates_is_refused():
    data = month()
    with pytest.raises(EduDeskError, match="уже есть занятия"):
        lay_out(workbook(TODAY, **data), "Г-1")
    data = _without("Г-5")
    data["Группы"][4]["Дата окончания"] = date(2026, 12, 2)
    with pytest.raises(EduDeskError, match="не умещаются в её сроки"):
        lay_out(workbook(TODAY, **data), "Г-5")
    data["УТП"] = [p for p in data["УТП"] if p["Код программы"] != "П-5"]
    with pytest.raises(EduDeskError, match="нет УТП"):
        lay_out(workbook(TODAY, **data), "Г-5")


def test_the_draft_is_written_once_with_numbers_and_a_journal_row(tmp_path):
    store = XlsxStore(tmp_path / "book.xlsx")
    initialize(store)
    data = _without("Г-5")
    store.append_many({name: rows for name, rows in data.items()})
    journaled = JournaledStore(store, "тест")
    written = write_draft(journaled, "Г-5", TODAY)
    tabs = store.read(["Занятия", "Журнал"]).tabs
    numbers = [r["№ занятия"] for r in tabs["Занятия"].as_dicts()]
    assert len(numbers) == len(set(numbers)) == len(data["Занятия"]) + len(written)
    assert [r["№ занятия"] for r in written] == numbers[-len(written):]
    assert any(r.get("Лист") == "Занятия" for r in tabs["Журнал"].as_dicts())
    with pytest.raises(EduDeskError, match="уже есть занятия"):
        write_draft(journaled, "Г-5", TODAY)
    assert len(store.read(["Занятия"]).tabs["Занятия"].rows) == len(numbers)
