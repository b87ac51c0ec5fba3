"""Reminders before each new module and before the final test, and the test's daily check (000 §2.1, §5.2, §5.4).

A group's modules are its «Модуль …» tasks on «Успеваемость»; a module begins when the one before it ends (its
last «Срок»), so the reminder of the dates of the next classes («перед каждым новым модулем») is due by then. The
app sends it (kind «module-reminder») and «Рассылки» records it; a group whose previous module has ended with no
reminder sent since the one before is a finding. The final test's results are checked every day of the test
(§5.4): a test done on a day is checked by the next. Its dates are sent to the listeners beforehand (§5.2): a
reminder (kind «test-reminder») no later than the day before the test's «Срок».
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core.platform.dates_ru import short_date
from core.platform.timeline import Step
from core.records.checks import Rule, Workbook, rule
from core.records.findings import Finding, Severity
from core.store.base import canonical
from core.timetable.follow import module_dates

AREA = "Зачисление и обучение"
KIND = "module-reminder"
TEST_KIND = "test-reminder"
SENT = "отправлено"


@dataclass(frozen=True)
class Module:
    name: str
    first_due: date
    last_due: date
    scheduled: bool = False  # the dates are its classes' on «Занятия», not its tasks' «Срок»


def _group_of(wb: Workbook) -> dict[str, str]:
    return {canonical(x.item.id).casefold(): canonical(x.item.group_code).casefold() for x in wb.items("Слушатели")}


def group_modules(wb: Workbook) -> dict[str, list[Module]]:
    """Group code (case-folded) → its modules in the order they run: from its classes on «Занятия» where it has
    them (000 §4.3 «в соответствии с расписанием»: the module's first and last class), otherwise from its «Модуль …»
    tasks on «Успеваемость» (by their first «Срок»)."""
    from_tasks = _modules_from_tasks(wb)
    from_timetable = {code: [Module(*m, scheduled=True) for m in modules] for code, modules in module_dates(wb).items() if modules}
    return {**from_tasks, **from_timetable}


def _modules_from_tasks(wb: Workbook) -> dict[str, list[Module]]:
    group_of = _group_of(wb)
    dues: dict[str, dict[str, list[date]]] = defaultdict(lambda: defaultdict(list))
    for row in wb.items("Успеваемость"):
        item = row.item
        if item.due and (item.task or "").strip().casefold().startswith("модул"):
            group = group_of.get(canonical(item.listener_id).casefold())
            if group:
                dues[group][item.task.strip()].append(item.due)
    return {group: sorted((Module(name, min(days), max(days)) for name, days in tasks.items()),
                          key=lambda m: (m.first_due, m.name))
            for group, tasks in dues.items()}


def next_module(modules: list[Module], today: date) -> Module | None:
    """The module the next classes belong to: the first whose work is not yet due."""
    return next((m for m in modules if m.last_due >= today), None)


def _sent_days(wb: Workbook, kind: str = KIND) -> dict[str, list[date]]:
    days: dict[str, list[date]] = defaultdict(list)
    for row in wb.items("Рассылки"):
        item = row.item
        if item.kind == kind and item.result == SENT and item.subject_of:
            try:
                day = datetime.strptime(item.at.strip()[:10], "%d.%m.%Y").date()
            except ValueError:
                continue
            days[canonical(item.subject_of).casefold()].append(day)
    return days


def module_steps(wb: Workbook) -> dict[str, list[tuple[Step, str]]]:
    """Group code (case-folded) → the reminder before each of its modules after the first, as a timeline step (due:
    the day the module before ends; done: the first reminder sent since the module before that ended), each with
    what a finding says when it is missed."""
    modules, sent = group_modules(wb), _sent_days(wb)
    steps: dict[str, list[tuple[Step, str]]] = {}
    for code, run in modules.items():
        for before, (previous, module) in zip([None, *run], zip(run, run[1:], strict=False), strict=False):
            due, since = previous.last_due, before.last_due if before else None
            done = min((d for d in sent.get(code, []) if (since is None or d > since) and d <= due), default=None)
            steps.setdefault(code, []).append((
                Step(f"Напоминание о занятиях перед модулем «{module.name}»", "000 §2.1", due, done),
                f"перед модулем «{module.name}» («{previous.name}» закончился {due:%d.%m.%Y}) напоминание о датах "
                f"занятий не рассылалось — «Рассылки», вид {KIND} («Напоминание о следующем модуле»)."))
    return steps


def test_steps(wb: Workbook) -> dict[str, list[tuple[Step, str]]]:
    """Group code (case-folded) → the reminder of the final test's dates, due the day before its «Срок»."""
    tests, sent = final_test_due(wb), _sent_days(wb, TEST_KIND)
    steps = {}
    for code, (task, due) in tests.items():
        deadline = due - timedelta(days=1)
        done = min((d for d in sent.get(code, []) if d <= deadline), default=None)
        steps[code] = [(Step(f"Напоминание о сроках: «{task}» — до {due:%d.%m.%Y}", "000 §5.2", deadline, done),
                        f"«{task}» — до {due:%d.%m.%Y}, а напоминание о его сроках не рассылалось до "
                        f"{deadline:%d.%m.%Y} — «Рассылки», вид {TEST_KIND} («Напоминание об итоговом "
                        "тестировании»).")]
    return steps


def reminder_steps(wb: Workbook) -> dict[str, list[Step]]:
    """Both kinds of reminder of each group, for its timeline on «Группы и сроки»."""
    out: dict[str, list[Step]] = defaultdict(list)
    for steps in (module_steps(wb), test_steps(wb)):
        for code, pairs in steps.items():
            out[code] += [step for step, _ in pairs]
    return out


def _missed(wb: Workbook, r: Rule, steps: dict[str, list[tuple[Step, str]]]) -> Iterator[Finding]:
    for row in wb.items("Группы"):
        for step, missed in steps.get(canonical(row.item.code).casefold(), []):
            if step.status(wb.today) == "просрочено":
                yield r.finding(wb["Группы"], row.row, "code", f"Группа {row.item.code}: {missed}")


@rule("ENR-MODULE-REMIND", "000 §2.1", Severity.WARNING,
      "Перед каждым новым модулем слушателям напоминают о датах занятий", AREA)
def reminder_before_each_module(wb: Workbook, r: Rule) -> Iterator[Finding]:
    yield from _missed(wb, r, module_steps(wb))


def final_test(task: str) -> bool:
    words = (task or "").casefold()
    return "итогов" in words and ("тест" in words or "аттестац" in words)


def final_test_due(wb: Workbook) -> dict[str, tuple[str, date]]:
    """Group code (case-folded) → its final test's name and the earliest «Срок» of it on «Успеваемость»."""
    group_of, due = _group_of(wb), {}
    for row in wb.items("Успеваемость"):
        item = row.item
        group = group_of.get(canonical(item.listener_id).casefold())
        if group and item.due and final_test(item.task) and (group not in due or item.due < due[group][1]):
            due[group] = (item.task.strip(), item.due)
    return due


@rule("ENR-TEST-REMIND", "000 §5.2", Severity.WARNING,
      "Слушателям напоминают о сроках итогового тестирования до его срока", AREA)
def reminder_before_the_final_test(wb: Workbook, r: Rule) -> Iterator[Finding]:
    yield from _missed(wb, r, test_steps(wb))


@rule("ENR-TEST-DAILY", "000 §5.4", Severity.WARNING,
      "Результаты итогового тестирования проверяются ежедневно", AREA)
def final_test_checked_daily(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for row in wb.items("Успеваемость"):
        item = row.item
        if item.done is None or not final_test(item.task):
            continue
        due = item.done + timedelta(days=1)
        yield from r.deadline(wb["Успеваемость"], row.row, "checked", due, item.checked, wb.today,
                              f"Задание «{item.task}» выполнено {item.done:%d.%m.%Y}, проверено {short_date(item.checked)} — "
                              f"позже {due:%d.%m.%Y}: результаты проверяются ежедневно.",
                              f"Задание «{item.task}» выполнено {item.done:%d.%m.%Y} и не проверено; срок был {due:%d.%m.%Y}: "
                              "результаты проверяются ежедневно.")
