"""The reports a ЦПДЭ owes after its last exam of the year, and the operator's answer (003 п. 12.2–12.5).

The package (App 1, App 2 and the targets of §3) goes to the regional operator within 10 working days of the
organisation's last exam; the operator agrees it or returns remarks within 7; the organisation forwards the
agreed reports to the Department within 2; the operator sends its own summary within 12 of the package.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from core.platform.calendar import add_working_days
from core.platform.dates_ru import short_date
from core.platform.timeline import breach
from core.records.checks import Rule, Workbook, rule
from core.records.findings import Finding, Severity
from core.store.base import canonical

AREA = "Демонстрационный экзамен"
TAB = "ДЭ_отчёты"


@dataclass(frozen=True)
class ReportStep:
    rule: str
    clause: str
    field: str
    after: str | None  # the step it counts from; None: the organisation's last exam of the year
    working_days: int
    title: str


STEPS = (
    ReportStep("DE-PACKAGE-10WD", "003 п. 12.2", "package_sent", None, 10,
               "Пакет отчётов (прил. 1, прил. 2, показатели разд. 3) направлен РО"),
    ReportStep("DE-REVIEW-7WD", "003 п. 12.3", "agreed", "package_sent", 7,
               "РО провёл экспертизу: согласовал или направил замечания"),
    ReportStep("DE-DEPARTMENT-2WD", "003 п. 12.4", "to_department", "agreed", 2,
               "Согласованные отчёты направлены в Департамент"),
    ReportStep("DE-OPERATOR-12WD", "003 п. 12.5", "operator_sent", "package_sent", 12,
               "РО направил в Департамент свои отчёты по организации"),
)


def organisation_of(exam) -> str:
    return exam.centre or exam.organisation or ""


def last_exams(wb: Workbook) -> dict[tuple[str, int], tuple[object, date]]:
    """(organisation, year) → (its last exam's row on «ДЭ_график», that exam's last day)."""
    last: dict[tuple[str, int], tuple[object, date]] = {}
    for row in wb.items("ДЭ_график"):
        exam, day = row.item, row.item.end or row.item.start
        if day is None or not organisation_of(exam):
            continue
        key = (canonical(organisation_of(exam)).casefold(), exam.start.year if exam.start else day.year)
        if key not in last or day > last[key][1]:
            last[key] = (row, day)
    return last


def report_rows(wb: Workbook) -> dict[tuple[str, int], object]:
    return {(canonical(r.item.organisation).casefold(), r.item.year): r for r in wb.items(TAB)}


@dataclass(frozen=True)
class StepState:
    step: ReportStep
    due: date | None
    done: date | None
    status: str


def timeline(wb: Workbook, organisation: str, year: int, today: date) -> list[StepState]:
    """Each step for one organisation and year: its due date from the step before, what is marked, its state."""
    last = last_exams(wb).get((canonical(organisation).casefold(), year))
    row = report_rows(wb).get((canonical(organisation).casefold(), year))
    states = []
    for step in STEPS:
        base = (last[1] if last else None) if step.after is None else \
            (getattr(row.item, step.after) if row is not None else None)
        due = add_working_days(base, step.working_days) if base else None
        done = getattr(row.item, step.field) if row is not None else None
        states.append(StepState(step, due, done, step_status(due, done, today)))
    return states


def step_status(due: date | None, done: date | None, today: date) -> str:
    """A report step's state on the page; without a due date it waits for the step it counts from."""
    late = breach(due, done, today)
    if done:
        return "выполнено с опозданием" if late == "late" else "выполнено"
    return "просрочено" if late == "missing" else "впереди" if due else "после предыдущего шага"


def _register(step: ReportStep) -> None:
    def check(wb: Workbook, r: Rule) -> Iterator[Finding]:
        reports = report_rows(wb)
        for (organisation, year), (exam_row, last_day) in last_exams(wb).items():
            row = reports.get((organisation, year))
            if row is None:
                due = add_working_days(last_day, step.working_days)
                if step.after is None and breach(due, None, wb.today) == "missing":
                    exam = exam_row.item
                    yield r.finding(wb["ДЭ_график"], exam_row.row, "centre" if exam.centre else "organisation",
                                    f"{organisation_of(exam)}: последний экзамен {year} года — {last_day:%d.%m.%Y}, "
                                    f"пакет отчётов нужно было направить до {due:%d.%m.%Y}, а на листе «{TAB}» нет "
                                    f"строки этой организации за {year} год.")
                continue
            base = last_day if step.after is None else getattr(row.item, step.after)
            if base is None:
                continue
            due = add_working_days(base, step.working_days)
            when = f"{step.working_days} раб. дн. после {'последнего экзамена' if step.after is None else 'предыдущего шага'}"
            yield from r.deadline(wb[TAB], row.row, step.field, due, getattr(row.item, step.field), wb.today,
                                  f"{row.item.organisation}, {year}: «{step.title}» "
                                  f"{short_date(getattr(row.item, step.field))} — позже срока {due:%d.%m.%Y} ({when}).",
                                  f"{row.item.organisation}, {year}: «{step.title}» не отмечено, срок был "
                                  f"{due:%d.%m.%Y} ({when}).")

    rule(step.rule, step.clause, Severity.ERROR, f"{step.title}: {step.working_days} раб. дн.", AREA)(check)


for _step in STEPS:
    _register(_step)
