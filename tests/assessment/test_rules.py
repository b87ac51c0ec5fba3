"""Assessment procedures (ASM-*) and the State plan (GOS-*), each with a breaking and a passing row."""

from datetime import date, timedelta

import pytest

from core.assessment.rules import (
    observers_needed,
    plan_sessions,
    reports_needed,
    reserve_needed,
    state_plan_row,
)
from tests.rows import findings, workbook

TODAY = date(2026, 11, 23)
SESSION = {"Код сессии": "ОП-1", "Вид оценки": "оценка специалистов", "Дата": TODAY + timedelta(days=20),
           "Наблюдателей": 4}


def _people(n, session="ОП-1"):
    return [{"Код сессии": session, "ID кандидата": f"К-{i}"} for i in range(n)]


def test_group_of_eight():
    """Nine candidates in a session is an error; eight is fine."""
    assert [f.cell for f in findings("ASM-GROUP-8", Оценка__сессии=[SESSION], Оценка__участники=_people(9))] == ["A2"]
    assert findings("ASM-GROUP-8", Оценка__сессии=[SESSION], Оценка__участники=_people(8)) == []


def test_two_per_observer():
    """Seven candidates need four observers: three is an error, four passes."""
    short = {**SESSION, "Наблюдателей": 3}
    (bad,) = findings("ASM-OBSERVERS", Оценка__сессии=[short], Оценка__участники=_people(7))
    assert bad.cell == "E2" and "не менее 4" in bad.message
    assert findings("ASM-OBSERVERS", Оценка__сессии=[SESSION], Оценка__участники=_people(7)) == []


def test_one_kind_per_group():
    """A specialist in a session of heads is an error (§1.3: groups by kind of assessment); the same kind passes."""
    candidates = [{"ID кандидата": "К-1", "ФИО": "Петров Пётр Петрович", "Вид оценки": "оценка руководителей"},
                  {"ID кандидата": "К-2", "ФИО": "Сидоров Иван Ильич", "Вид оценки": "оценка специалистов"}]
    people = [{"Код сессии": "ОП-1", "ID кандидата": "К-1"}, {"Код сессии": "ОП-1", "ID кандидата": "К-2"}]
    (bad,) = findings("ASM-KIND", Оценка__кандидаты=candidates, Оценка__сессии=[SESSION], Оценка__участники=people)
    assert bad.tab == "Оценка_участники" and bad.cell == "B2" and "К-1 — «оценка руководителей»" in bad.message
    assert findings("ASM-KIND", Оценка__кандидаты=candidates, Оценка__сессии=[SESSION],
                    Оценка__участники=people[1:]) == []


@pytest.mark.parametrize("candidates, observers", [(0, 0), (1, 1), (2, 1), (3, 2), (8, 4)])
def test_observers_needed(candidates, observers):
    """ceil(n / 2)."""
    assert observers_needed(candidates) == observers


@pytest.mark.parametrize("invited, held_in, broken", [
    (TODAY - timedelta(days=3), 10, False), (TODAY, 5, True), (None, 5, True), (None, 10, False)])
def test_invitation_a_week_before(invited, held_in, broken):
    """The invitation goes out at least 7 days before the procedure."""
    session = {**SESSION, "Дата": TODAY + timedelta(days=held_in), "Приглашение": invited}
    assert bool(findings("ASM-INVITE-7D", Оценка__сессии=[session])) is broken


@pytest.mark.parametrize("ready_after, held_ago, broken", [(14, 20, False), (15, 20, True), (None, 15, True),
                                                           (None, 10, False)])
def test_reports_within_two_weeks(ready_after, held_ago, broken):
    """Reports are ready within 14 days of the procedure."""
    held = TODAY - timedelta(days=held_ago)
    ready = held + timedelta(days=ready_after) if ready_after is not None else None
    session = {**SESSION, "Дата": held, "Отчёты готовы": ready}
    assert bool(findings("ASM-REPORT-14D", Оценка__сессии=[session])) is broken


@pytest.mark.parametrize("feedback, given, broken", [
    (TODAY - timedelta(days=2), TODAY, False), (TODAY, TODAY - timedelta(days=1), True), (None, TODAY, True),
    (None, None, False)])
def test_reports_only_after_feedback(feedback, given, broken):
    """Reports are handed over only after the feedback session."""
    session = {**SESSION, "Обратная связь": feedback, "Отчёты переданы": given}
    assert bool(findings("ASM-FEEDBACK-FIRST", Оценка__сессии=[session])) is broken


@pytest.mark.parametrize("quota, reserve", [(20, 3), (24, 4), (7, 2), (1, 1), (0, 0)])
def test_reserve_needed_rounds_up(quota, reserve):
    """15 % of the quota, rounded up."""
    assert reserve_needed(quota) == reserve


def test_reserve_rule():
    """A reserve of 3 for a quota of 24 is an error (4 needed); 4 passes."""
    row = {"Год": 2027, "Квота региона": 24, "В резерве": 3}
    assert [f.cell for f in findings("GOS-RESERVE-15", Госплан=[row])] == ["D2"]
    assert findings("GOS-RESERVE-15", Госплан=[{**row, "В резерве": 4}]) == []


def test_quota_rule():
    """Enrolled must equal the quota; not yet entered is not an error."""
    row = {"Год": 2026, "Квота региона": 20, "В резерве": 3}
    assert [f.cell for f in findings("GOS-QUOTA", Госплан=[{**row, "Зачислено": 19}])] == ["E2"]
    assert findings("GOS-QUOTA", Госплан=[{**row, "Зачислено": 20}]) == []
    assert findings("GOS-QUOTA", Госплан=[row]) == []


def test_plan_sessions_groups_by_kind_at_most_eight():
    """Seventeen specialists and three heads → 6+6+5 and 3, each with ceil(n/2) observers."""
    rows = ([{"ID кандидата": f"С{i}", "ФИО": "x", "Вид оценки": "оценка специалистов"} for i in range(17)]
            + [{"ID кандидата": f"Р{i}", "ФИО": "x", "Вид оценки": "оценка руководителей"} for i in range(3)])
    plan = plan_sessions([r.item for r in workbook(Оценка__кандидаты=rows).items("Оценка_кандидаты")])
    assert sorted((p.kind, len(p.candidates), p.observers) for p in plan) == [
        ("оценка руководителей", 3, 2), ("оценка специалистов", 5, 3), ("оценка специалистов", 6, 3),
        ("оценка специалистов", 6, 3)]


def test_reports_needed():
    """Individual always; customer's on request; the short one for a vacancy."""
    wb = workbook(Оценка__кандидаты=[{"ID кандидата": "К", "ФИО": "x", "Вид оценки": "оценка специалистов",
                                      "Цель": "замещение вакантной должности"}],
                  Оценка__участники=[{"Код сессии": "ОП-1", "ID кандидата": "К", "Отчёт для заказчика": "да"}])
    candidate, part = wb.items("Оценка_кандидаты")[0].item, wb.items("Оценка_участники")[0].item
    assert reports_needed(candidate, part) == ["индивидуальный отчёт", "отчёт для заказчика",
                                               "краткий отчёт для руководителя ОИВ"]


def test_state_plan_row_says_what_is_missing():
    """The page row names how many reserve places are missing."""
    plan = workbook(Госплан=[{"Год": 2027, "Квота региона": 24, "В резерве": 2}]).items("Госплан")[0].item
    row = state_plan_row(plan)
    assert row["Резерв нужен (15 %)"] == 4 and row["Резерв"] == "мал: не хватает 2"
