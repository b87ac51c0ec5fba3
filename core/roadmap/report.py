"""The roadmap status report: sections in order, overdue items first, responsible parties, evidence."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from core.platform.dates_ru import long_date, short_date
from core.platform.document_layout import Document
from core.platform.errors import EduDeskError
from core.platform.exports import to_xlsx
from core.records.checks import Workbook, settings_of
from core.roadmap.rules import ItemState, kpis, states

_ORDER = {"просрочено": 0, "скоро": 1, "в работе": 2, "не начато": 3, "постоянно": 4, "без срока": 5,
          "выполнено": 6, "отменено": 7}
HEADERS = ["№", "Мероприятие", "Срок", "Ответственный", "Состояние", "Выполнено", "Подтверждение"]


def by_section(items: list[ItemState]) -> dict[str, list[ItemState]]:
    """Sections in the roadmap's order; inside each, overdue first, then by number."""
    groups: dict[str, list[ItemState]] = defaultdict(list)
    for state in items:
        groups[state.item.section or "Без раздела"].append(state)

    def number(state: ItemState) -> tuple[int, ...]:
        return tuple(int(p) for p in (state.item.number or "0").split(".") if p.isdigit())

    ordered = sorted(groups.items(), key=lambda kv: min(number(s) for s in kv[1]))
    return {name: sorted(rows, key=lambda s: (_ORDER.get(s.state, 9), number(s))) for name, rows in ordered}


def _line(state: ItemState) -> list:
    item = state.item
    return [item.number, item.action, item.deadline or "", item.responsible or "", state.state,
            short_date(item.done_on), item.evidence or ""]


def roadmap_status(wb: Workbook, today: date | None = None) -> bytes:
    items = states(wb)
    if not items:
        raise EduDeskError("Лист «Дорожная_карта» пуст: импортируйте дорожную карту (edudesk import roadmap ФАЙЛ).")
    today = today or wb.today
    doc = Document(orientation="landscape", title="Статус дорожной карты")
    doc.add_page()
    doc.institution_header(settings_of(wb))
    doc.heading(f"Статус реализации дорожной карты на {long_date(today)}")
    summary = ", ".join(f"{k.lower()} — {v}" for k, v in kpis(items).items())
    doc.paragraph(f"Всего мероприятий: {len(items)}; {summary}. В каждом разделе сначала просроченные.",
                  indent=False, size=10)
    for section, rows in by_section(items).items():
        if doc.will_page_break(30):
            doc.add_page()
        doc.bold_line(section)
        doc.ln(1)
        doc.table(HEADERS, [_line(s) for s in rows], widths=(12, 80, 28, 52, 24, 22, 39),
                  align=("CENTER", "LEFT", "LEFT", "LEFT", "CENTER", "CENTER", "LEFT"), size=8)
    return doc.bytes()


def roadmap_xlsx(wb: Workbook) -> bytes:
    rows = [[s.item.section or ""] + _line(s) for section_rows in by_section(states(wb)).values() for s in section_rows]
    return to_xlsx(["Раздел"] + HEADERS, rows, "Статус")
