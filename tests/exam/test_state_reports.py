"""003 п. 12.7 and 13 (#15.8): the state-task reports on fixed dates and the return of the subsidy, each with a
row on time, a row late and a row missing; a deadline on a day off moves to the next working day."""

from datetime import date
from decimal import Decimal

import pytest

from core.exam.state_reports import timeline
from core.platform.calendar import add_working_days, deadline_on
from tests.rows import findings, workbook

TODAY = date(2027, 2, 1)
CENTRE = "ГБПОУ «Колледж транспорта и сервиса»"
EXAMS = [{"Код экзамена": "ДЭ-1", "Организация участников": "ГАПОУ «Медицинский колледж»", "ЦПДЭ": CENTRE,
          "Вид аттестации": "ГИА", "Дата начала": date(2026, 6, 10), "Дата окончания": date(2026, 6, 10)}]
ON_TIME = {"Отчёт о ГЗ за I квартал": date(2026, 4, 10), "Отчёт о ГЗ за II квартал": date(2026, 7, 10),
           "Отчёт о ГЗ за III квартал": date(2026, 10, 12), "Отчёт о ГЗ за IV квартал": date(2027, 1, 20),
           "Отчёт о ГЗ за учебный год": date(2026, 9, 21), "Предварительный отчёт в ЦФО": date(2026, 7, 10),
           "Годовой отчёт в ЦФО": date(2026, 9, 21)}


def _report(**cells):
    return {"Организация (ЦПДЭ)": CENTRE, "Год": 2026, **cells}


def _found(rule_id, report, today=TODAY):
    return findings(rule_id, today, ДЭ__график=EXAMS, ДЭ__отчёты=[report] if report is not None else [])


def test_a_deadline_on_a_day_off_ends_on_the_next_working_day():
    assert deadline_on(date(2026, 10, 10)) == date(2026, 10, 12)  # Saturday → Monday
    assert deadline_on(date(2026, 9, 20)) == date(2026, 9, 21)  # Sunday → Monday
    assert deadline_on(date(2026, 4, 10)) == date(2026, 4, 10)  # a Friday stays


@pytest.mark.parametrize("rule_id, header, due", [
    ("DE-STATE-QUARTER", "Отчёт о ГЗ за I квартал", date(2026, 4, 10)),
    ("DE-STATE-QUARTER", "Отчёт о ГЗ за II квартал", date(2026, 7, 10)),
    ("DE-STATE-QUARTER", "Отчёт о ГЗ за III квартал", date(2026, 10, 12)),
    ("DE-STATE-QUARTER", "Отчёт о ГЗ за IV квартал", date(2027, 1, 20)),
    ("DE-STATE-ACADEMIC-YEAR", "Отчёт о ГЗ за учебный год", date(2026, 9, 21)),
    ("DE-CFO-PRELIMINARY", "Предварительный отчёт в ЦФО", date(2026, 7, 10)),
    ("DE-CFO-ANNUAL", "Годовой отчёт в ЦФО", date(2026, 9, 21)),
])
def test_each_report_is_due_on_its_date(rule_id, header, due):
    assert _found(rule_id, _report(**ON_TIME)) == []
    (late,) = _found(rule_id, _report(**{**ON_TIME, header: add_working_days(due, 1)}))
    assert late.tab == "ДЭ_отчёты" and late.column == header and f"позже срока {due:%d.%m.%Y}" in late.message
    (missing,) = _found(rule_id, _report(**{k: v for k, v in ON_TIME.items() if k != header}))
    assert f"не отмечено, срок был {due:%d.%m.%Y}" in missing.message
    assert _found(rule_id, _report(), today=date(2026, 4, 9)) == []  # nothing due yet


def test_a_centre_without_a_row_is_told_once_what_it_owes():
    (missing,) = _found("DE-STATE-QUARTER", None, today=date(2026, 7, 13))
    assert missing.tab == "ДЭ_график" and missing.row == 2
    assert "нет строки этой организации за 2026 год" in missing.message
    assert "за I квартал" in missing.message and "за II квартал" in missing.message
    assert "Предварительный отчёт" in missing.message and "учебного года" not in missing.message
    assert _found("DE-CFO-PRELIMINARY", None, today=date(2026, 7, 13)) == []  # said once, by the quarter rule
    assert _found("DE-STATE-QUARTER", None, today=date(2026, 4, 10)) == []


RETURN_DUE = add_working_days(date(2026, 9, 21), 20)  # 19.10.2026
CALC_DUE = add_working_days(date(2026, 9, 21), 5)


@pytest.mark.parametrize("rule_id, header, due", [("DE-RETURN-20WD", "Субсидия возвращена", RETURN_DUE),
                                                  ("DE-RETURN-CALC-5WD", "Расчёт возврата получен", CALC_DUE)])
def test_the_subsidy_goes_back_within_20_working_days_when_the_task_is_not_met(rule_id, header, due):
    missed = {**ON_TIME, "ГЗ выполнено": "нет", "Сумма возврата, ₽": Decimal("48600.00")}
    assert _found(rule_id, _report(**missed, **{header: due})) == []
    (late,) = _found(rule_id, _report(**missed, **{header: add_working_days(due, 1)}))
    assert f"позже срока {due:%d.%m.%Y}" in late.message
    (missing,) = _found(rule_id, _report(**missed))
    assert "не отмечено" in missing.message
    assert _found(rule_id, _report(**ON_TIME, **{"ГЗ выполнено": "да"})) == []  # task met: nothing goes back


def test_the_timeline_lists_the_dated_reports_and_the_return_only_when_owed():
    wb = workbook(TODAY, ДЭ__график=EXAMS, ДЭ__отчёты=[_report(**ON_TIME, **{"ГЗ выполнено": "да"})])
    states = timeline(wb, CENTRE, 2026, TODAY)
    assert [s.due for s in states] == [date(2026, 4, 10), date(2026, 7, 10), date(2026, 10, 12), date(2027, 1, 20),
                                       date(2026, 9, 21), date(2026, 7, 10), date(2026, 9, 21)]
    assert {s.status for s in states} == {"выполнено"}
    wb = workbook(TODAY, ДЭ__график=EXAMS, ДЭ__отчёты=[_report(**ON_TIME, **{"ГЗ выполнено": "нет"})])
    assert [s.status for s in timeline(wb, CENTRE, 2026, TODAY)][-2:] == ["просрочено", "просрочено"]
