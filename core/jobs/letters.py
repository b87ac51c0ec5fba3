"""Which letters are due today, by the deadlines of standard 000 the checks hold the staff to.

Each is sent on the last working day on or before its deadline (or later, if that day was missed, while the letter
still makes sense); what was sent before — «Рассылки» and the marks on disk — is never sent again.
"""

from __future__ import annotations

from datetime import date, timedelta

from core.enrollment.module_reminders import KIND, TEST_KIND, module_steps, test_steps
from core.enrollment.rules import is_distance, programs_by_code
from core.platform.calendar import is_working_day
from core.records.checks import Workbook


def send_day(deadline: date) -> date:
    """The last working day on or before the deadline: a letter due on a Sunday goes on Friday."""
    day = deadline
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def due_letters(wb: Workbook, today: date) -> list[tuple[str, str]]:
    """(kind, group code) of every letter whose day has come: the first-class reminder (000 §2.1, 7 days before the
    start), the platform credentials of a distance programme (§4.2, the day before), the reminder before each new
    module (§2.1) and before the final test (§5.2)."""
    due = []
    programs = programs_by_code(wb)
    for row in wb.items("Группы"):
        group = row.item
        if not group.code or group.start is None or group.start <= today:
            continue
        if send_day(group.start - timedelta(days=7)) <= today:
            due.append(("reminder", group.code))
        program = programs.get((group.program_code or "").casefold())
        if program is not None and is_distance(program.form) and send_day(group.start - timedelta(days=1)) <= today:
            due.append(("dot-credentials", group.code))
    codes = {(r.item.code or "").casefold(): r.item.code for r in wb.items("Группы")}
    for kind, steps in ((KIND, module_steps(wb)), (TEST_KIND, test_steps(wb))):
        for code, pairs in steps.items():
            if any(step.done is None and step.due and send_day(step.due) <= today <= step.due for step, _ in pairs):
                due.append((kind, codes.get(code, code)))
    return due
