"""Sheets for the classroom: registration sheet, badges, attendance sheet, performance statement (000 §2.2–5.4)."""

from __future__ import annotations

from datetime import date

from core.enrollment.documents.context import GroupContext
from core.platform.dates_ru import long_date, period, short_date
from core.platform.document_layout import FAMILY, Document
from core.platform.errors import EduDeskError
from sheets_schema.enums import ListenerStatus


def _need_people(ctx: GroupContext) -> None:
    if not ctx.listeners:
        raise EduDeskError(f"В группе {ctx.group.code} нет слушателей.")


def _group_heading(doc: Document, ctx: GroupContext, title: str) -> None:
    doc.institution_header(ctx.settings)
    doc.heading(title)
    doc.paragraph(f"Программа: «{ctx.program_name}» ({ctx.hours} ч). Группа {ctx.group.code}, "
                  f"{period(ctx.group.start, ctx.group.end)}.", indent=False, align="L", size=11)


def registration_sheet(ctx: GroupContext, day: date | None = None) -> bytes:
    _need_people(ctx)
    day = day or ctx.group.start or date.today()
    doc = Document(title=f"Лист регистрации, группа {ctx.group.code}")
    doc.add_page()
    _group_heading(doc, ctx, "ЛИСТ РЕГИСТРАЦИИ СЛУШАТЕЛЕЙ")
    doc.paragraph(f"Дата занятия: {long_date(day)}" + (f", {ctx.group.room}" if ctx.group.room else ""),
                  indent=False, align="L", size=11)
    doc.table(["№", "Фамилия, имя, отчество", "Организация", "Подпись"],
              [(i, p.full_name, p.organisation, "") for i, p in enumerate(ctx.listeners, start=1)],
              widths=(10, 62, 68, 30), align=("CENTER", "LEFT", "LEFT", "LEFT"), size=10)
    doc.signature("Куратор группы", ctx.group.curator, space_before=6)
    return doc.bytes()


BADGE_W, BADGE_H, PER_ROW, ROWS = 90, 65, 2, 4


def badges(ctx: GroupContext) -> bytes:
    """Eight badges to an A4 page, with cut marks at every corner."""
    _need_people(ctx)
    doc = Document(numbered=False, title=f"Бейджи, группа {ctx.group.code}")
    doc.set_auto_page_break(False)
    left = (doc.w - PER_ROW * BADGE_W) / 2
    top = (doc.h - ROWS * BADGE_H) / 2
    for index, person in enumerate(ctx.listeners):
        if index % (PER_ROW * ROWS) == 0:
            doc.add_page()
        slot = index % (PER_ROW * ROWS)
        x, y = left + (slot % PER_ROW) * BADGE_W, top + (slot // PER_ROW) * BADGE_H
        _cut_marks(doc, x, y)
        doc.set_xy(x + 5, y + 7)
        doc.set_font(FAMILY, size=8)
        doc.multi_cell(BADGE_W - 10, 4, ctx.settings.get("Краткое наименование") or "", align="C")
        surname, _, rest = person.full_name.partition(" ")
        doc.set_xy(x + 5, y + 20)
        doc.set_font(FAMILY, "B", 17)
        doc.cell(BADGE_W - 10, 9, surname, align="C")
        doc.set_xy(x + 5, y + 29)
        doc.set_font(FAMILY, size=13)
        doc.cell(BADGE_W - 10, 7, rest, align="C")
        doc.set_xy(x + 5, y + 40)
        doc.set_font(FAMILY, "I", 9)
        doc.multi_cell(BADGE_W - 10, 4.2, person.organisation[:90], align="C")
        doc.set_xy(x + 5, y + BADGE_H - 10)
        doc.set_font(FAMILY, size=8)
        doc.cell(BADGE_W - 10, 4, f"Группа {ctx.group.code}", align="C")
    return doc.bytes()


def _cut_marks(doc: Document, x: float, y: float, size: float = 4) -> None:
    doc.set_line_width(0.2)
    for cx in (x, x + BADGE_W):
        for cy in (y, y + BADGE_H):
            doc.line(cx - size / 2, cy, cx + size / 2, cy)
            doc.line(cx, cy - size / 2, cx, cy + size / 2)


def attendance_sheet(ctx: GroupContext, start: date | None = None, end: date | None = None) -> bytes:
    """Listeners × class dates of the period from «Посещаемость»: «+» present, «н» absent."""
    _need_people(ctx)
    days = ctx.class_dates(start, end)
    if not days:
        raise EduDeskError(f"На листе «Посещаемость» нет занятий группы {ctx.group.code} за выбранный период.")
    marks = {(a.listener_id.casefold(), a.class_date): a.present for a in ctx.attendance if a.listener_id}
    doc = Document(orientation="landscape", title=f"Лист посещаемости, группа {ctx.group.code}")
    doc.add_page()
    _group_heading(doc, ctx, "ЛИСТ ПОСЕЩАЕМОСТИ")
    shown = days[:16]
    width = min(14, 160 / max(1, len(shown)))
    rows = [[i, p.full_name] + [_mark(marks.get((p.id.casefold(), d))) for d in shown]
            for i, p in enumerate(ctx.listeners, start=1)]
    doc.table(["№", "Фамилия, имя, отчество"] + [d.strftime("%d.%m") for d in shown], rows,
              widths=[10, 70] + [width] * len(shown), align=["CENTER", "LEFT"] + ["CENTER"] * len(shown), size=9)
    if len(days) > len(shown):
        doc.paragraph(f"Показаны первые {len(shown)} занятий из {len(days)}: выберите период короче.", size=9)
    doc.paragraph("Обозначения: «+» — присутствовал, «н» — отсутствовал.", indent=False, size=9)
    doc.signature("Куратор группы", ctx.group.curator, space_before=4)
    return doc.bytes()


def _mark(value: bool | None) -> str:
    return "+" if value is True else "н" if value is False else ""


def statement(ctx: GroupContext) -> bytes:
    """Ведомость успеваемости: each listener's task scores and final test (000 §4.7, §5.4)."""
    _need_people(ctx)
    tasks = sorted({t.task for items in ctx.progress.values() for t in items if t.task})
    doc = Document(orientation="landscape", title=f"Ведомость успеваемости, группа {ctx.group.code}")
    doc.add_page()
    _group_heading(doc, ctx, "ВЕДОМОСТЬ УСПЕВАЕМОСТИ")
    rows = []
    for i, person in enumerate(ctx.listeners, start=1):
        scores = {t.task: t.score for t in ctx.progress.get(person.id.casefold(), [])}
        result = "аттестован(а)" if person.status == ListenerStatus.COMPLETED else ""
        rows.append([i, person.full_name] + [_score(scores.get(t)) for t in tasks]
                    + [_score(person.final_test), result])
    width = min(25, 110 / max(1, len(tasks))) if tasks else 20
    doc.table(["№", "Фамилия, имя, отчество"] + tasks + ["Итоговый тест", "Результат"], rows,
              widths=[10, 75] + [width] * len(tasks) + [28, 30],
              align=["CENTER", "LEFT"] + ["CENTER"] * (len(tasks) + 2), size=9)
    doc.paragraph(f"Ведомость составлена {short_date(date.today())}. «Аттестован(а)» — статус «завершил» на листе "
                  "«Слушатели».", indent=False, size=9)
    doc.signature("Куратор группы", ctx.group.curator, space_before=4)
    return doc.bytes()


def _score(value) -> str:
    return "" if value is None else str(value)
