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

from .checks import Rule, Workbook, rule
from .dates_ru import short_date
from .findings import Finding, Severity
from .store.base import canonical

AREA = "Зачисление и обучение"
KIND = "module-reminder"
TEST_KIND = "test-reminder"
SENT = "отправлено"


@dataclass(frozen=True)
class Module:
    name: str
    first_due: date
    last_due: date


def _group_of(wb: Workbook) -> dict[str, str]:
    return {canonical(x.item.id).casefold(): canonical(x.item.group_code).casefold() for x in wb.items("Слушатели")}


def group_modules(wb: Workbook) -> dict[str, list[Module]]:
    """Group code (case-folded) → its modules in the order they run (by their first «Срок»)."""
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


@rule("ENR-MODULE-REMIND", "000 §2.1", Severity.WARNING,
      "Перед каждым новым модулем слушателям напоминают о датах занятий", AREA)
def reminder_before_each_module(wb: Workbook, r: Rule) -> Iterator[Finding]:
    modules, sent = group_modules(wb), _sent_days(wb)
    for row in wb.items("Группы"):
        group = row.item
        code = canonical(group.code).casefold()
        run = modules.get(code, [])
        for before, (previous, module) in zip([None, *run], zip(run, run[1:], strict=False), strict=False):
            due = previous.last_due  # the next module begins once this one ends
            since = before.last_due if before else None
            if wb.today <= due or any((since is None or day > since) and day <= due for day in sent.get(code, [])):
                continue
            yield r.finding(wb["Группы"], row.row, "code", f"Группа {group.code}: перед модулем «{module.name}» "
                            f"(«{previous.name}» закончился {due:%d.%m.%Y}) напоминание о датах занятий не "
                            "рассылалось — «Рассылки», вид «Напоминание о следующем модуле».")


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
    tests, sent = final_test_due(wb), _sent_days(wb, TEST_KIND)
    for row in wb.items("Группы"):
        code = canonical(row.item.code).casefold()
        if code not in tests:
            continue
        task, due = tests[code]
        deadline = due - timedelta(days=1)
        if wb.today > deadline and not any(day <= deadline for day in sent.get(code, [])):
            yield r.finding(wb["Группы"], row.row, "code", f"Группа {row.item.code}: «{task}» — до {due:%d.%m.%Y}, "
                            f"а напоминание о его сроках не рассылалось до {deadline:%d.%m.%Y} — «Рассылки», вид "
                            "«Напоминание об итоговом тестировании».")


@rule("ENR-TEST-DAILY", "000 §5.4", Severity.WARNING,
      "Результаты итогового тестирования проверяются ежедневно", AREA)
def final_test_checked_daily(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for row in wb.items("Успеваемость"):
        item = row.item
        if item.done is None or not final_test(item.task):
            continue
        due = item.done + timedelta(days=1)
        yield from r.deadline(wb["Успеваемость"], row.row, "checked", due, item.checked, wb.today,
                              f"«{item.task}» выполнен {item.done:%d.%m.%Y}, проверен {short_date(item.checked)} — "
                              f"позже {due:%d.%m.%Y}: результаты проверяются ежедневно.",
                              f"«{item.task}» выполнен {item.done:%d.%m.%Y} и не проверен; срок был {due:%d.%m.%Y}: "
                              "результаты проверяются ежедневно.")
