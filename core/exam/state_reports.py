"""The state-task reports of a ЦПДЭ on fixed dates, and the return of the subsidy (003 п. 12.7, 13.1–13.8).

Each quarter's report goes out by the 10th of the next month, the fourth quarter's by 20 January, the academic
year's by 20 September (п. 12.7); the preliminary report to ГКУ ЦФО ДОНМ by 10 July and the annual one by
20 September (п. 13.1, 13.5). When the task is not met, the ЦФО calculates the return within 5 working days of the
reports (п. 13.8) and the subsidy goes back within 20 working days of the annual report (п. 13.7).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from core.exam.reports import AREA, TAB, StepState, last_exams, organisation_of, report_rows, step_status
from core.platform.calendar import add_working_days, deadline_on
from core.platform.dates_ru import short_date
from core.platform.timeline import breach
from core.records.checks import Rule, Workbook, rule
from core.records.findings import Finding, Severity
from core.store.base import canonical


@dataclass(frozen=True)
class DatedStep:
    rule: str
    clause: str
    field: str
    title: str
    due: Callable[[object, int], date | None]  # (the row or None, its year) → the deadline, None: not owed
    severity: Severity = Severity.ERROR


def _fixed(month: int, day: int, next_year: bool = False) -> Callable[[object, int], date]:
    return lambda _row, year: deadline_on(date(year + next_year, month, day))


def _task_missed(row) -> bool:
    item = getattr(row, "item", None)
    return item is not None and (item.task_met is False or (item.return_amount or 0) > 0)


def _after_annual(days: int) -> Callable[[object, int], date | None]:
    def due(row, _year):
        return add_working_days(row.item.annual, days) if _task_missed(row) and row.item.annual else None
    return due


QUARTERS = tuple(DatedStep("DE-STATE-QUARTER", "003 п. 12.7", f"quarter_{q}",
                           f"Отчёт о выполнении ГЗ за {roman} квартал (ПИВ АСУ ГФ)", due)
                 for q, roman, due in ((1, "I", _fixed(4, 10)), (2, "II", _fixed(7, 10)), (3, "III", _fixed(10, 10)),
                                       (4, "IV", _fixed(1, 20, next_year=True))))
STEPS = (*QUARTERS,
         DatedStep("DE-STATE-ACADEMIC-YEAR", "003 п. 12.7", "academic_year",
                   "Отчёт о выполнении ГЗ по итогам учебного года", _fixed(9, 20)),
         DatedStep("DE-CFO-PRELIMINARY", "003 п. 13.1", "preliminary",
                   "Предварительный отчёт об исполнении ГЗ в ГКУ ЦФО ДОНМ", _fixed(7, 10)),
         DatedStep("DE-CFO-ANNUAL", "003 п. 13.5", "annual", "Годовой отчёт об исполнении ГЗ в ГКУ ЦФО ДОНМ",
                   _fixed(9, 20)),
         DatedStep("DE-RETURN-CALC-5WD", "003 п. 13.8", "return_calculated",
                   "ГКУ ЦФО ДОНМ довёл расчёт суммы возврата субсидии (5 раб. дн. после отчётов)", _after_annual(5),
                   Severity.WARNING),
         DatedStep("DE-RETURN-20WD", "003 п. 13.7", "returned",
                   "Субсидия за невыполненное ГЗ возвращена (20 раб. дн. после годового отчёта)", _after_annual(20)))


def timeline(wb: Workbook, organisation: str, year: int, today: date) -> list[StepState]:
    row = report_rows(wb).get((canonical(organisation).casefold(), year))
    states = []
    for step in STEPS:
        due = step.due(row, year)
        done = getattr(row.item, step.field) if row is not None else None
        if due is None and done is None:
            continue  # the return of a task that was met: nothing owed
        states.append(StepState(step, due, done, step_status(due, done, today)))
    return states


def _no_row(wb: Workbook, r: Rule, organisation: str, year: int) -> Iterator[Finding]:
    owed = [f"«{step.title}» (до {step.due(None, year):%d.%m.%Y})" for step in STEPS
            if breach(step.due(None, year), None, wb.today) == "missing"]
    if owed:
        exam_row, _ = last_exams(wb)[(organisation, year)]
        exam = exam_row.item
        yield r.finding(wb["ДЭ_график"], exam_row.row, "centre" if exam.centre else "organisation",
                        f"{organisation_of(exam)}, {year}: на листе «{TAB}» нет строки этой организации за {year} "
                        f"год, а сроки прошли: {', '.join(owed)}.")


def _register(rule_id: str, steps: tuple[DatedStep, ...]) -> None:
    first = steps[0]

    def check(wb: Workbook, r: Rule) -> Iterator[Finding]:
        reports = report_rows(wb)
        keys = set(reports) | set(last_exams(wb))
        for organisation, year in sorted(keys):
            row = reports.get((organisation, year))
            if row is None:
                if rule_id == "DE-STATE-QUARTER":  # a missing row is said once, on the exam, with what it owes
                    yield from _no_row(wb, r, organisation, year)
                continue
            for step in steps:
                due = step.due(row, year)
                done = getattr(row.item, step.field)
                if due is None:
                    continue  # a return when the task was met: nothing owed
                yield from r.deadline(wb[TAB], row.row, step.field, due, done, wb.today,
                                      f"{row.item.organisation}, {year}: «{step.title}» {short_date(done)} — "
                                      f"позже срока {due:%d.%m.%Y}.",
                                      f"{row.item.organisation}, {year}: «{step.title}» не отмечено, срок был "
                                      f"{due:%d.%m.%Y}.")

    rule(rule_id, first.clause, first.severity, first.title if len(steps) == 1 else
         "Отчёты о выполнении ГЗ: ежеквартально до 10-го, за IV квартал до 20 января", AREA)(check)


_register("DE-STATE-QUARTER", QUARTERS)
for _step in STEPS[len(QUARTERS):]:
    _register(_step.rule, (_step,))
