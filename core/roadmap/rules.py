"""Roadmap status (seeds/004): deadlines, overdue items, progress, the timeline (RM-*)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from core.platform.errors import CellError
from core.records.cells import read_date
from core.records.checks import Rule, Workbook, rule
from core.records.findings import Finding, Severity
from core.roadmap.deadlines import Deadline, DeadlineError, parse_deadline
from sheets_schema.enums import RoadmapStatus

AREA = "Дорожная карта"
SOON_DAYS = 30
CLOSED = {RoadmapStatus.DONE, RoadmapStatus.CANCELLED}


@dataclass(frozen=True)
class ItemState:
    item: object
    row: int
    deadline: Deadline | None
    problem: str | None  # why the deadline can't be read
    state: str  # выполнено / отменено / просрочено / скоро / в работе / не начато / постоянно / без срока


def item_state(item, row: int, today: date) -> ItemState:
    try:
        deadline = parse_deadline(item.deadline)
        problem = None
    except DeadlineError as exc:
        deadline, problem = None, str(exc)
    return ItemState(item, row, deadline, problem, _state(item, deadline, today))


def _state(item, deadline: Deadline | None, today: date) -> str:
    if item.status == RoadmapStatus.DONE:
        return "выполнено"
    if item.status == RoadmapStatus.CANCELLED:
        return "отменено"
    if deadline is None:
        return "без срока"
    checkpoint = deadline.next_checkpoint(today)
    if checkpoint is None:
        return "постоянно" if deadline.ongoing else "просрочено"
    if checkpoint - today <= timedelta(days=SOON_DAYS):
        return "скоро"
    return "в работе" if item.status == RoadmapStatus.IN_PROGRESS else "не начато"


def states(wb: Workbook) -> list[ItemState]:
    return [item_state(r.item, r.row, wb.today) for r in wb.items("Дорожная_карта")]


def responsible_parties(text: str | None) -> list[str]:
    """«- Департамент А; - Департамент Б» → ["Департамент А", "Департамент Б"]."""
    parts = [p.strip(" -–—,.") for p in re.split(r";|\n|\s-\s(?=[А-ЯЁ])", text or "")]
    return [p for p in parts if p] or ["не указан"]


def progress_by(items: list[ItemState], key) -> list[dict]:
    """Done / all per section or per responsible party, cancelled items left out."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for state in items:
        if state.state == "отменено":
            continue
        for name in key(state):
            totals[name][0] += 1
            totals[name][1] += state.state == "выполнено"
            totals[name][2] += state.state == "просрочено"
    return [{"Кто / раздел": name, "Всего": t[0], "Выполнено": t[1], "Просрочено": t[2],
             "Выполнено, %": round(100 * t[1] / t[0]) if t[0] else 0} for name, t in sorted(totals.items())]


def kpis(items: list[ItemState]) -> dict[str, int]:
    count = lambda *names: sum(1 for s in items if s.state in names)  # noqa: E731
    return {"Выполнено": count("выполнено"), "В работе": count("в работе", "скоро", "постоянно", "не начато"),
            "Просрочено": count("просрочено"), f"Срок в ближайшие {SOON_DAYS} дней": count("скоро")}


def named(item) -> str:
    """«Пункт 1.2», or — on a roadmap kept without item numbers — the item by its own words, never «Пункт None»."""
    if item.number:
        return f"Пункт {item.number}"
    words = (item.action or "").strip()
    return f"Пункт «{words[:60]}{'…' if len(words) > 60 else ''}»" if words else "Пункт без номера"


@rule("RM-DEADLINE", "004, гр. «Срок реализации»", Severity.ERROR, "Срок мероприятия понятен как даты", AREA)
def deadline_readable(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for state in states(wb):
        if state.problem and state.item.status not in CLOSED:
            severity = Severity.WARNING if state.problem == "срок не указан" else Severity.ERROR
            yield r.finding(wb["Дорожная_карта"], state.row, "deadline", f"{named(state.item)}: {state.problem}.",
                            severity)


@rule("RM-OVERDUE", "004, гр. «Срок реализации»", Severity.ERROR, "Мероприятие со сроком в прошлом выполнено или отменено", AREA)
def not_overdue(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for state in states(wb):
        if state.state == "просрочено":
            yield r.finding(wb["Дорожная_карта"], state.row, "status", f"{named(state.item)} просрочен: срок "
                            f"«{state.item.deadline}» истёк {state.deadline.due:%d.%m.%Y}, статус — "
                            f"«{state.item.status.value if state.item.status else 'не указан'}».")


@rule("RM-EVIDENCE", "004, гр. «Документы, закрепляющие результат»", Severity.WARNING,
      "У выполненного мероприятия есть дата и подтверждающий документ", AREA)
def evidence_for_done(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for row in wb.items("Дорожная_карта"):
        item = row.item
        if item.status == RoadmapStatus.DONE and (item.done_on is None or not item.evidence):
            missing = [n for n, v in (("дата выполнения", item.done_on), ("подтверждающий документ", item.evidence))
                       if not v]
            field_name = "done_on" if item.done_on is None else "evidence"
            yield r.finding(wb["Дорожная_карта"], row.row, field_name, f"{named(item)} отмечен выполненным, "
                            f"но не указаны: {', '.join(missing)}.")


@rule("RM-IMPORT", "004 (импорт таблицы)", Severity.WARNING, "Сомнительные места импорта проверены", AREA)
def import_doubts_checked(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for row in wb.items("Дорожная_карта"):
        if (row.item.comment or "").startswith("Импорт: проверьте"):
            yield r.finding(wb["Дорожная_карта"], row.row, "comment", f"{named(row.item)}: "
                            f"{row.item.comment[len('Импорт: '):]} — сверьте с документом и очистите комментарий.")


EDITABLE = ("Статус", "Дата выполнения", "Подтверждающий документ", "Комментарий")


def editor_rows(items: list[ItemState]) -> list[dict]:
    """What the page's table shows, as text (an empty cell is empty, a date is ДД.ММ.ГГГГ); the EDITABLE columns
    are the ones staff change."""
    return [{"№": s.item.number, "Мероприятие": s.item.action or "", "Срок": s.item.deadline or "",
             "Ответственный": s.item.responsible or "", "Состояние": s.state,
             "Статус": s.item.status.value if s.item.status else "",
             "Дата выполнения": s.item.done_on.strftime("%d.%m.%Y") if s.item.done_on else "",
             "Подтверждающий документ": s.item.evidence or "", "Комментарий": s.item.comment or ""} for s in items]


def _plain(column: str, value):
    """An edited cell as the store takes it: no NaN, no pandas Timestamp, a typed date read as a date."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if column == "Дата выполнения":
        return read_date(value)  # «20.11.2026», «20.11.26», a Timestamp; anything else is a CellError
    if isinstance(value, str) and not value.strip():
        return None
    return value


def changed_rows(original: list[dict], edited: list[dict]) -> list[tuple[str, dict]]:
    """(№, {column: new value}) for each row whose editable cells changed — and only those cells.

    A completion date that can't be read raises CellError naming the item."""
    before = {row["№"]: row for row in original}
    changes = []
    for row in edited:
        old = before.get(row["№"])
        if old is None:
            continue
        try:
            diff = {c: _plain(c, row.get(c)) for c in EDITABLE if _plain(c, row.get(c)) != _plain(c, old.get(c))}
        except CellError as exc:
            raise CellError(f"Пункт {row['№']}, «Дата выполнения»: {exc}") from None
        if diff:
            changes.append((row["№"], diff))
    return changes


def gantt_rows(items: list[ItemState], today: date) -> list[dict]:
    """One bar per interval of each item with a readable deadline; ongoing items run to today."""
    rows = []
    for s in items:
        if s.deadline is None:
            continue
        intervals = list(s.deadline.intervals)
        if s.deadline.ongoing and intervals:
            intervals.append((intervals[-1][1], max(today, intervals[-1][1])))
        for start, end in intervals:
            rows.append({"№": s.item.number, "Мероприятие": s.item.action, "Начало": start, "Окончание": end,
                         "Состояние": s.state, "Раздел": s.item.section})
    return rows
