"""Assessment procedures (ASM-*) and the State management-training plan (GOS-*): seeds/000 Part 2."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from math import ceil

from core.platform.dates_ru import short_date
from core.records.checks import Rule, Workbook, rule
from core.records.findings import Finding, Severity
from sheets_schema.enums import AssessmentGoal

AREA = "Оценочные процедуры и Госплан"
GROUP_LIMIT = 8
PER_OBSERVER = 2
ASM = "000 ч. 2, разд. 1"
GOS = "000 ч. 2, разд. 2"


def observers_needed(candidates: int) -> int:
    """At most two assessees per observer (§1.3)."""
    return ceil(candidates / PER_OBSERVER) if candidates > 0 else 0


def reserve_needed(quota: int) -> int:
    """The reserve: at least 15 % of the region's quota, rounded up (§1.1)."""
    return ceil(quota * 15 / 100) if quota > 0 else 0


@dataclass(frozen=True)
class PlannedSession:
    kind: str
    candidates: list
    observers: int


def plan_sessions(candidates: list) -> list[PlannedSession]:
    """Candidates grouped by kind of assessment, at most 8 a group, with the observers each needs."""
    by_kind: dict[str, list] = defaultdict(list)
    for candidate in candidates:
        by_kind[candidate.kind.value if candidate.kind else "вид не указан"].append(candidate)
    plan = []
    for kind, people in by_kind.items():
        groups = ceil(len(people) / GROUP_LIMIT)
        base, extra = divmod(len(people), groups)
        cursor = 0
        for index in range(groups):
            size = base + (1 if index < extra else 0)
            chunk = people[cursor:cursor + size]
            cursor += size
            plan.append(PlannedSession(kind, chunk, observers_needed(len(chunk))))
    return plan


def reports_needed(candidate, participation) -> list[str]:
    """Which of the three reports (§4.1) this candidate's procedure must produce."""
    reports = ["индивидуальный отчёт"]
    if participation is not None and participation.customer_report:
        reports.append("отчёт для заказчика")
    if candidate.goal == AssessmentGoal.VACANCY or (participation is not None and participation.short_report):
        reports.append("краткий отчёт для руководителя ОИВ")
    return reports


def _session_sizes(wb: Workbook) -> dict[str, int]:
    sizes: dict[str, int] = defaultdict(int)
    for row in wb.items("Оценка_участники"):
        sizes[(row.item.session_code or "").casefold()] += 1
    return sizes


@rule("ASM-GROUP-8", f"{ASM}, п. 1.3", Severity.ERROR, "В группе оценки не более 8 кандидатов", AREA)
def group_of_eight(wb: Workbook, r: Rule) -> Iterator[Finding]:
    sizes = _session_sizes(wb)
    for row in wb.items("Оценка_сессии"):
        size = sizes.get((row.item.code or "").casefold(), 0)
        if size > GROUP_LIMIT:
            yield r.finding(wb["Оценка_сессии"], row.row, "code", f"В сессии {row.item.code} {size} кандидатов, "
                            f"а в группе допускается не более {GROUP_LIMIT}.")


@rule("ASM-OBSERVERS", f"{ASM}, п. 1.3", Severity.ERROR, "Не более двух оцениваемых на одного наблюдателя", AREA)
def enough_observers(wb: Workbook, r: Rule) -> Iterator[Finding]:
    sizes = _session_sizes(wb)
    for row in wb.items("Оценка_сессии"):
        size = sizes.get((row.item.code or "").casefold(), 0)
        need = observers_needed(size)
        if size and (row.item.observers or 0) < need:
            yield r.finding(wb["Оценка_сессии"], row.row, "observers", f"На {size} кандидатов нужно не менее {need} "
                            f"наблюдателей, указано {row.item.observers or 0}.")


@rule("ASM-KIND", f"{ASM}, п. 1.3", Severity.ERROR, "В группе — кандидаты одного вида оценки", AREA)
def one_kind_per_group(wb: Workbook, r: Rule) -> Iterator[Finding]:
    kinds = {(c.item.id or "").casefold(): c.item.kind for c in wb.items("Оценка_кандидаты")}
    sessions = {(s.item.code or "").casefold(): s.item for s in wb.items("Оценка_сессии")}
    for row in wb.items("Оценка_участники"):
        session = sessions.get((row.item.session_code or "").casefold())
        kind = kinds.get((row.item.candidate_id or "").casefold())
        if session is not None and session.kind and kind and kind != session.kind:
            yield r.finding(wb["Оценка_участники"], row.row, "candidate_id",
                            f"Кандидат {row.item.candidate_id} — «{kind.value}», а сессия {session.code} — "
                            f"«{session.kind.value}»: кандидаты объединяются в группы по виду оценки.")


@rule("ASM-INVITE-7D", f"{ASM}, п. 2.1", Severity.ERROR, "Приглашение — не позднее чем за 7 дней до процедуры", AREA)
def invited_a_week_before(wb: Workbook, r: Rule) -> Iterator[Finding]:
    yield from _session_deadline(wb, r, "invited", -7, "Приглашение отправлено {done}, позже срока {due} "
                                 "(за 7 дней до {held}).", "Приглашение не отправлено, срок был {due}.")


@rule("ASM-REPORT-14D", f"{ASM}, п. 4.2", Severity.ERROR, "Отчёты готовы не позднее двух недель после процедуры", AREA)
def reports_in_two_weeks(wb: Workbook, r: Rule) -> Iterator[Finding]:
    yield from _session_deadline(wb, r, "reports_ready", 14, "Отчёты готовы {done}, позже срока {due}.",
                                 "Отчёты не готовы, срок был {due} (две недели после {held}).")


def _session_deadline(wb: Workbook, r: Rule, field_name: str, days: int, late: str, missing: str) -> Iterator[Finding]:
    """A session step due `days` from the procedure (negative: before it)."""
    for row in wb.items("Оценка_сессии"):
        session = row.item
        if session.held_on is None:
            continue
        due, done = session.held_on + timedelta(days=days), getattr(session, field_name)
        dates = {"done": short_date(done), "due": short_date(due), "held": short_date(session.held_on)}
        yield from r.deadline(wb["Оценка_сессии"], row.row, field_name, due, done, wb.today,
                              late.format(**dates), missing.format(**dates))


@rule("ASM-FEEDBACK-FIRST", f"{ASM}, п. 4.5", Severity.ERROR, "Отчёты передаются только после обратной связи", AREA)
def feedback_before_reports(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for row in wb.items("Оценка_сессии"):
        session = row.item
        if session.reports_given and (session.feedback is None or session.feedback > session.reports_given):
            when = f"обратная связь {session.feedback:%d.%m.%Y}" if session.feedback else "обратной связи не было"
            yield r.finding(wb["Оценка_сессии"], row.row, "reports_given", f"Отчёты переданы "
                            f"{session.reports_given:%d.%m.%Y}, а {when}: сначала обратная связь, потом отчёты.")


@rule("GOS-RESERVE-15", f"{GOS}, п. 1.1", Severity.ERROR, "Резерв не менее 15 % квоты региона", AREA)
def reserve_fifteen_percent(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for row in wb.items("Госплан"):
        plan = row.item
        if plan.quota and (plan.reserve or 0) < reserve_needed(plan.quota):
            yield r.finding(wb["Госплан"], row.row, "reserve", f"{plan.year}: при квоте {plan.quota} резерв должен быть "
                            f"не менее {reserve_needed(plan.quota)} (15 %, с округлением вверх), а в резерве "
                            f"{plan.reserve or 0}.")


@rule("GOS-QUOTA", f"{GOS}, п. 1.2", Severity.ERROR, "Зачислено столько, сколько предоставлено квотой", AREA)
def enrolled_equals_quota(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for row in wb.items("Госплан"):
        plan = row.item
        if plan.quota and plan.enrolled is not None and plan.enrolled != plan.quota:
            yield r.finding(wb["Госплан"], row.row, "enrolled", f"{plan.year}: зачислено {plan.enrolled}, а квота "
                            f"{plan.quota}: количество зачисленных должно соответствовать квоте.")


def state_plan_row(plan) -> dict:
    """One year of the State plan as the page shows it: what is needed and whether it is met."""
    needed = reserve_needed(plan.quota or 0)
    if plan.enrolled is None:
        quota_state = "зачисление не внесено"
    else:
        quota_state = "выполнена" if plan.enrolled == plan.quota else f"не совпадает ({plan.enrolled} из {plan.quota})"
    return {"Год": plan.year, "Квота": plan.quota, "Резерв нужен (15 %)": needed, "В резерве": plan.reserve,
            "Отобрано": plan.selected, "Зачислено": plan.enrolled,
            "Резерв": "достаточен" if (plan.reserve or 0) >= needed else f"мал: не хватает {needed - (plan.reserve or 0)}",
            "Квота выполнена": quota_state}
