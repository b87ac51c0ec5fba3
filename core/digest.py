"""The daily digest: what is due this week and what is overdue, across all areas, grouped by responsible person."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from core.enrollment.module_reminders import reminder_steps
from core.enrollment.rules import group_timeline, programs_by_code
from core.exam.rules import checklist
from core.paid.rules import timeline
from core.platform.mail import Letter
from core.records.checks import Workbook
from core.roadmap.rules import responsible_parties, states
from core.store.base import canonical
from core.timetable.classes import classes_of
from core.timetable.clock import hhmm
from sheets_schema.base import normalize_header

RECENT = timedelta(days=30)  # older overdue steps are on the checks page, not in a daily letter


@dataclass(frozen=True)
class Item:
    due: date | None
    area: str
    what: str
    state: str


def _actual(due: date | None, state: str, today: date) -> bool:
    if state == "на этой неделе":
        return True
    return state == "просрочено" and due is not None and today - due <= RECENT


def collect(wb: Workbook, today: date) -> dict[str, list[Item]]:
    """Person (or role) → their items, overdue first, then by date."""
    people: dict[str, list[Item]] = defaultdict(list)
    programs, reminders = programs_by_code(wb), reminder_steps(wb)
    for row in wb.items("Группы"):
        group = row.item
        extra = reminders.get(canonical(group.code).casefold(), ())
        for step in group_timeline(group, programs.get((group.program_code or "").casefold()), extra):
            state = step.status(today)
            if _actual(step.due, state, today):
                people[group.curator or "Куратор не назначен"].append(Item(step.due, f"Группа {group.code}", step.title, state))
    for row in wb.items("ПОУ_услуги"):
        service = row.item
        for step in timeline(wb, service) if service.start else []:
            state = step.status(today)
            if _actual(step.due, state, today):
                who = (service.head if "руководитель программы" in step.who else
                       service.organiser if step.who == "организатор обучения" else step.who) or step.who
                people[who].append(Item(step.due, f"Услуга {service.code}", step.title, state))
    for row in wb.items("ДЭ_график"):
        exam = row.item
        for item in checklist(exam, today) if exam.start else []:
            if _actual(item.due, item.status, today):
                people[exam.curator or "Куратор не назначен"].append(
                    Item(item.due, f"Экзамен {exam.code}", item.deadline.title, item.status))
    for state in states(wb):
        if state.state in ("просрочено", "скоро"):
            for party in responsible_parties(state.item.responsible):
                people[party].append(Item(state.deadline.end if state.deadline else None, f"Дорожная карта {state.item.number}",
                                          state.item.action or "", "просрочено" if state.state == "просрочено" else "скоро"))
    for c in classes_of(wb, start=today, end=today + timedelta(days=6)):  # 000 §3.3: each teacher's classes ahead
        where = "ДОТ" if c.distance else c.item.room or "аудитория не указана"
        people[c.item.teacher or "Преподаватель не назначен"].append(
            Item(c.day, f"Группа {c.item.group_code}", f"занятие {hhmm(c.start)}–{hhmm(c.end)}, {where}: "
                 f"{c.item.module}", "на этой неделе"))
    order = {"просрочено": 0, "на этой неделе": 1, "скоро": 2}
    return {who: sorted(items, key=lambda i: (order.get(i.state, 3), i.due or date.max))
            for who, items in sorted(people.items())}


def as_text(digest: dict[str, list[Item]], today: date) -> str:
    lines = [f"Сводка на {today:%d.%m.%Y}: что просрочено и что на этой неделе", ""]
    for who, items in digest.items():
        lines.append(f"{who} — {len(items)}")
        lines += [f"  {i.due:%d.%m.%Y} [{i.state}] {i.area}: {i.what}" if i.due else f"  [{i.state}] {i.area}: {i.what}"
                  for i in items]
        lines.append("")
    return "\n".join(lines) if digest else lines[0] + "\nНичего не просрочено, на этой неделе сроков нет."


def as_html(digest: dict[str, list[Item]], today: date) -> str:
    parts = [f"<h2>Сводка на {today:%d.%m.%Y}</h2>"]
    for who, items in digest.items():
        rows = "".join(f"<li><b>{i.due:%d.%m.%Y}</b> [{escape(i.state)}] {escape(i.area)}: {escape(i.what)}</li>"
                       if i.due else f"<li>[{escape(i.state)}] {escape(i.area)}: {escape(i.what)}</li>" for i in items)
        parts.append(f"<h3>{escape(who)}</h3><ul>{rows}</ul>")
    return "\n".join(parts)


def letters(wb: Workbook, digest: dict[str, list[Item]], today: date) -> tuple[list[Letter], list[str]]:
    """One letter per person found on «Пользователи» (or, a teacher, on «Преподаватели») by name; the others are
    returned by name."""
    emails = {normalize_header(t.item.full_name or ""): t.item.email for t in wb.items("Преподаватели") if t.item.email}
    emails |= {normalize_header(u.item.full_name or ""): u.item.email for u in wb.items("Пользователи") if u.item.email}
    result, missing = [], []
    for who, items in digest.items():
        email = emails.get(normalize_header(who))
        if not email:
            missing.append(who)
            continue
        result.append(Letter("digest", today.isoformat(), email, who, f"Сводка сроков на {today:%d.%m.%Y}",
                             as_text({who: items}, today)))
    return result, missing
