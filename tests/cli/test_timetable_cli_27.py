"""`edudesk timetable`: the calendar and the PDF to files, the teachers' hours, the draft written once."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import openpyxl

from core.cli import main
from core.store import XlsxStore, find_row


def _classes(path):
    return XlsxStore(path).read(["Занятия"]).tabs["Занятия"].as_dicts()


def test_show_writes_the_calendar_and_the_pdf(workbook_copy, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("EDUDESK_USER", "metodist@oiro.example.ru")
    code = _classes(workbook_copy)[0]["Код группы"]
    ics, pdf = tmp_path / "группа.ics", tmp_path / "группа.pdf"
    assert main(["--workbook", str(workbook_copy), "timetable", "show", "--group", code, "--ics", str(ics),
                 "--pdf", str(pdf)]) == 0
    events = list(icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert len(events) == sum(c["Код группы"] == code for c in _classes(workbook_copy))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main(["--workbook", str(workbook_copy), "timetable", "show", "--room", "нет такой"]) == 2
    assert "Занятий нет" in capsys.readouterr().err


def test_hours_for_a_month_to_xlsx(workbook_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("EDUDESK_USER", "metodist@oiro.example.ru")
    out = tmp_path / "часы.xlsx"
    assert main(["--workbook", str(workbook_copy), "timetable", "hours", "--from", "2026-11-01", "--to", "2026-11-30",
                 "--output", str(out)]) == 0
    rows = list(openpyxl.load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    november = [c for c in _classes(workbook_copy) if c["Дата"].month == 11 and c["Дата"].year == 2026]
    assert sum(r[-1] for r in rows) == sum(c["Часов"] for c in november)


def test_draft_is_written_once_and_an_observer_may_not(workbook_copy, capsys, monkeypatch):
    store = XlsxStore(workbook_copy)
    groups = store.read(["Группы"]).tabs["Группы"]
    scheduled = {c["Код группы"] for c in _classes(workbook_copy)}
    group = next(g for g in groups.as_dicts() if g["Код группы"] not in scheduled)
    store.update(find_row(groups, "Код группы", group["Код группы"]), "Код группы",
                 {"Дата окончания": group["Дата окончания"] + timedelta(days=30)})
    monkeypatch.setenv("EDUDESK_USER", "viewer@oiro.example.ru")
    assert main(["--workbook", str(workbook_copy), "timetable", "draft", group["Код группы"]]) == 2
    monkeypatch.setenv("EDUDESK_USER", "metodist@oiro.example.ru")
    before = len(_classes(workbook_copy))
    assert main(["--workbook", str(workbook_copy), "timetable", "draft", group["Код группы"]]) == 0
    assert "записано занятий" in capsys.readouterr().out
    made = [c for c in _classes(workbook_copy)[before:]]
    assert made and {c["Код группы"] for c in made} == {group["Код группы"]}
    assert main(["--workbook", str(workbook_copy), "timetable", "draft", group["Код группы"]]) == 2
    assert "уже есть занятия" in capsys.readouterr().err
    assert len(_classes(workbook_copy)) == before + len(made)
