"""003 п. 12.2–12.5 (#15.8): the reports of a ЦПДЭ after its last exam of the year, each deadline with a row on
time, a row late and a row missing; the timeline the page shows."""

from datetime import date

import pytest

from core.exam.reports import STEPS, timeline
from core.platform.calendar import add_working_days
from tests.rows import findings, workbook

TODAY = date(2026, 11, 23)
CENTRE = "ГБПОУ «Колледж транспорта и сервиса»"
LAST = date(2026, 10, 15)  # the centre's last exam of 2026; an earlier one must not count
EXAMS = [{"Код экзамена": "ДЭ-1", "Организация участников": "ГАПОУ «Медицинский колледж»", "ЦПДЭ": CENTRE,
          "Вид аттестации": "ГИА", "Дата начала": date(2026, 6, 10), "Дата окончания": date(2026, 6, 10)},
         {"Код экзамена": "ДЭ-2", "Организация участников": "ГАПОУ «Медицинский колледж»", "ЦПДЭ": CENTRE,
          "Вид аттестации": "ГИА", "Дата начала": LAST, "Дата окончания": LAST}]
PACKAGE = add_working_days(LAST, 10)  # 29.10.2026


def _report(**dates):
    return {"Организация (ЦПДЭ)": CENTRE, "Год": 2026, **dates}


def _rule(step_rule, report):
    return findings(step_rule, TODAY, ДЭ__график=EXAMS, ДЭ__отчёты=[report] if report is not None else [])


def test_the_package_is_due_ten_working_days_after_the_last_exam():
    assert PACKAGE == date(2026, 10, 29)
    assert _rule("DE-PACKAGE-10WD", _report(**{"Пакет отчётов направлен РО": PACKAGE})) == []
    (late,) = _rule("DE-PACKAGE-10WD", _report(**{"Пакет отчётов направлен РО": add_working_days(PACKAGE, 1)}))
    assert late.tab == "ДЭ_отчёты" and late.cell == "C2" and "позже срока 29.10.2026" in late.message
    (missing,) = _rule("DE-PACKAGE-10WD", None)  # no row at all: said on the centre's last exam
    assert missing.tab == "ДЭ_график" and missing.row == 3 and "нет строки этой организации за 2026 год" in \
        missing.message
    early = findings("DE-PACKAGE-10WD", date(2026, 10, 28), ДЭ__график=EXAMS)
    assert early == []  # not yet due


@pytest.mark.parametrize("step_rule, field, after, days", [
    ("DE-REVIEW-7WD", "Согласовано РО", "Пакет отчётов направлен РО", 7),
    ("DE-DEPARTMENT-2WD", "Направлено в Департамент", "Согласовано РО", 2),
    ("DE-OPERATOR-12WD", "РО направил в Департамент", "Пакет отчётов направлен РО", 12),
])
def test_each_later_step_counts_from_the_one_before(step_rule, field, after, days):
    base = date(2026, 10, 28)
    dates = {"Пакет отчётов направлен РО": base, "Согласовано РО": base}
    due = add_working_days(base, days)
    assert _rule(step_rule, _report(**{**dates, after: base, field: due})) == []
    (late,) = _rule(step_rule, _report(**{**dates, after: base, field: add_working_days(due, 1)}))
    assert f"позже срока {due:%d.%m.%Y}" in late.message and late.column == field
    undone = {k: v for k, v in {**dates, after: base}.items() if k != field}
    (missing,) = _rule(step_rule, _report(**undone))
    assert "не отмечено" in missing.message
    assert _rule(step_rule, _report()) == []  # the step before is not done: nothing to count from yet


def test_the_timeline_shows_each_step_with_its_due_date():
    wb = workbook(TODAY, ДЭ__график=EXAMS, ДЭ__отчёты=[_report(**{"Пакет отчётов направлен РО": PACKAGE})])
    states = timeline(wb, CENTRE, 2026, TODAY)
    assert [s.step.rule for s in states] == [s.rule for s in STEPS]
    assert [(s.due, s.status) for s in states] == [
        (PACKAGE, "выполнено"), (add_working_days(PACKAGE, 7), "просрочено"),
        (None, "после предыдущего шага"), (add_working_days(PACKAGE, 12), "просрочено")]
