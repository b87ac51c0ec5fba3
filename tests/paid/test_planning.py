"""002 п. 3.3.3–3.3.6, 3.5.1–3.5.2 (#15.8): the planning calendar, checked — each step with a row on time, a row
late and a step missing; each department owes its own, ЦВД its own."""

from datetime import date

import pytest

from core.paid.planning import STEPS
from tests.rows import findings

TODAY = date(2026, 12, 20)
DEPARTMENTS = ("Кафедра педагогики", "Кафедра управления")


def _rows(step, when, who=None):
    owners = (DEPARTMENTS if step.by_departments else ("ЦВД",)) if who is None else who
    base = [{"Кафедра": d, "Год": 2027, "Этап согласования": "рассмотрен на заседании кафедры",
             "Дата этапа": date(2026, 11, 1)} for d in DEPARTMENTS]
    return base + [{"Кафедра": d, "Год": 2027, "Шаг календаря планирования": step.stage.value, "Дата этапа": when}
                   for d in owners]


@pytest.mark.parametrize("step", STEPS, ids=[s.rule for s in STEPS])
def test_each_planning_step_is_due_in_the_year_before_the_plan(step):
    due = step.due(2027)
    assert due.year == 2026 and (due.month, due.day) >= (step.month, step.day)
    assert findings(step.rule, TODAY, ПОУ__планы__кафедр=_rows(step, due)) == []
    late = findings(step.rule, TODAY, ПОУ__планы__кафедр=_rows(step, date(due.year, due.month, due.day + 1)))
    assert late and all(f"позже срока {due:%d.%m.%Y}" in f.message for f in late)
    assert len(late) == (len(DEPARTMENTS) if step.by_departments else 1)
    missing = findings(step.rule, TODAY, ПОУ__планы__кафедр=_rows(step, due, who=()))
    assert missing and all("строки с этим этапом нет" in f.message for f in missing)
    assert findings(step.rule, date(due.year, due.month, due.day), ПОУ__планы__кафедр=_rows(step, None, who=())) == []


def test_a_day_off_moves_the_deadline_and_each_department_answers_for_itself():
    catalog_site = next(s for s in STEPS if s.rule == "PAY-CATALOG-SITE-20JUN")
    assert catalog_site.due(2027) == date(2026, 6, 22)  # 20.06.2026 is a Saturday
    step = STEPS[0]  # each department's list for the catalogue, by 20 May
    rows = _rows(step, date(2026, 5, 19), who=DEPARTMENTS[:1])
    (missing,) = findings(step.rule, TODAY, ПОУ__планы__кафедр=rows)
    assert missing.message.startswith("Кафедра управления, план на 2027 год") and missing.row == 3


ORDER = {"№ приказа": "2027-ОД-12", "Действует с": date(2027, 1, 1), "Норматив, ₽/чел.-ч": "1234,56",
         "Мин., %": 80, "Макс., %": 110, "Мин., ₽": "987,65", "Макс., ₽": "1358,02"}


@pytest.mark.parametrize("change, column, said", [
    ({}, None, None),
    ({"Мин., ₽": "987,64"}, "Мин., ₽", "80 % норматива 1\xa0234,56\xa0₽ — это 987,65\xa0₽"),
    ({"Макс., ₽": "1358,03"}, "Макс., ₽", "110 % норматива 1\xa0234,56\xa0₽ — это 1\xa0358,02\xa0₽"),
    ({"Мин., %": 120}, "Мин., %", "нижняя граница 120 % больше верхней 110 %"),
    ({"Мин., ₽": "1400", "Макс., ₽": "1300"}, "Мин., ₽", "нижняя граница 1\xa0400,00\xa0₽ больше верхней 1\xa0300,00\xa0₽"),
])
def test_the_rate_orders_roubles_stay_inside_its_percentages_to_the_kopeck(change, column, said):
    found = findings("PAY-RATE-ORDER", TODAY, ПОУ__ставки=[{**ORDER, **change}])
    if said is None:
        assert found == []
    else:
        assert [f.column for f in found][:1] == [column] and said in found[0].message
