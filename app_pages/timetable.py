"""«Расписание»: the classes of a group, a teacher or a room, their clashes, the PDF and the calendar (000 §1.5,
§3.3), the teachers' hours, a draft from the curriculum and a form for one class."""

import streamlit as st

import ui
from core.platform.dates_ru import period
from core.platform.display import count
from core.platform.errors import EduDeskError
from core.timetable.classes import TAB
from core.timetable.documents import (
    BY,
    SCHEDULE_HEADINGS,
    Selection,
    schedule_rows,
    teacher_hours_pdf,
    teacher_hours_xlsx,
    timetable_pdf,
)
from core.timetable.exchange import ICS, ics_file, month_of
from core.timetable.generate import lay_out, write_draft
from core.timetable.view import LABEL, choices, findings_by_row, first_to_look_at, table_rows
from ui.record_fields import add_form

st.title("Расписание занятий")
wb = ui.workbook(TAB, "Группы", optional=("УТП", "Преподаватели", "Настройки"))
findings = [f for f in ui.findings() if f.rule.startswith("TT-")]
if findings:
    errors = sum(f.severity == "ошибка" for f in findings)
    st.warning(f"В расписании и УТП: {count(errors, 'ошибка', 'ошибки', 'ошибок')}, "
               f"{count(len(findings) - errors, 'предупреждение', 'предупреждения', 'предупреждений')} — "
               "подробно на странице «Проверка данных» и в столбце «Замечания».", icon=":material/warning:")

left, middle, right = st.columns([1, 2, 2])
by = left.radio("Чьё расписание", list(BY), format_func=lambda b: {"group": "группы", "teacher": "преподавателя",
                                                                   "room": "аудитории"}[b], key="tt_by")
options = choices(wb, by)
name = ui.choose(LABEL[by], options, key=f"tt_name_{by}", where=middle, index=first_to_look_at(wb, by, options, findings),
                 empty="Групп пока нет: внесите их на лист «Группы» (страница «Группы и сроки»)." if by == "group" else
                 "На листе «Занятия» пока нет занятий с " + ("преподавателями." if by == "teacher" else "аудиториями."))
if by == "group":  # a group's whole timetable: what its letter (000 п. 1.7) carries
    selection = Selection(by, name)
    right.caption("Всё расписание группы — то, что уходит с информационным письмом (000 п. 1.7).")
else:
    first, last = month_of(ui.today())
    chosen = right.date_input("Период", value=(first, last), format="DD.MM.YYYY", key="tt_period")
    start, end = (chosen[0], chosen[-1]) if isinstance(chosen, tuple) and chosen else (None, None)
    selection = Selection(by, name, start, end)
classes = selection.classes(wb)
found = findings_by_row(findings, wb)
for c in (c for c in classes if c.row in found):  # what is wrong, class by class, with the cell and the clause
    for f in found[c.row]:
        (st.error if f.severity == "ошибка" else st.warning)(
            f"{ui.esc(c.item.number)}, {c.when()}, {ui.esc('ячейка ' + f.cell if f.cell else f.place)}: {ui.esc(f.message)} "
            f"({ui.esc(f.rule)}, {ui.esc(f.clause)})", icon=":material/event_busy:")
ui.table(table_rows(classes, found, with_group=by != "group"), key="tt_table",
         empty=f"Занятий нет: {selection.title.lower()}" + (f" {period(selection.start, selection.end)}"
                                                              if selection.start else "") + ".",
         file_name=selection.file_stem())

if by == "group" and classes:
    group = next(r.item for r in wb.items("Группы") if r.item.code == name)
    st.subheader("Календарный учебный график")
    ui.table([dict(zip(SCHEDULE_HEADINGS, line, strict=True)) for line in schedule_rows(wb, group, classes)],
             key="tt_schedule")

if classes:
    a, b = st.columns(2)
    ui.document_button("Расписание (PDF)", lambda: selection, f"{selection.file_stem()}.pdf", key="tt_pdf", where=a,
                       render=lambda s: timetable_pdf(wb, s))
    ui.document_button("Календарь (.ics)", lambda: selection, f"{selection.file_stem()}.ics", key="tt_ics", where=b,
                       mime=ICS, render=lambda s: ics_file(wb, s))
    st.caption("Файл .ics открывается в Календаре Яндекса, Google, Outlook и на телефоне: занятия встают в "
               "календарь; повторный импорт обновляет их, а не удваивает.")

with st.expander("Часы преподавателей за период"):
    first, last = month_of(ui.today())
    hours_period = st.date_input("Период отчёта", value=(first, last), format="DD.MM.YYYY", key="tt_hours_period")
    if isinstance(hours_period, tuple) and len(hours_period) == 2:
        h_start, h_end = hours_period
        a, b = st.columns(2)
        ui.document_button("Отчёт о часах (PDF)", lambda: (h_start, h_end), "часы_преподавателей.pdf", key="tt_hours_pdf",
                           where=a, render=lambda p: teacher_hours_pdf(wb, *p))
        ui.document_button("Отчёт о часах (.xlsx)", lambda: (h_start, h_end), "часы_преподавателей.xlsx",
                           key="tt_hours_xlsx", where=b, render=lambda p: teacher_hours_xlsx(wb, *p),
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

if ui.user().can_write:
    with st.expander("Черновик расписания группы по УТП"):
        st.caption("Занятия группы без расписания раскладываются по рабочим дням её сроков в часы учреждения "
                   "(«Настройки»), парами по 90 минут, с её преподавателем и аудиторией, в обход занятых часов "
                   "других групп. Потом их правят на листе «Занятия» или формой ниже.")
        empty_groups = [g for g in choices(wb, "group") if not Selection("group", g).classes(wb)]
        group = ui.choose("Группа без расписания", empty_groups, key="tt_draft_group", stop=False,
                          empty="У всех групп уже есть занятия.")
        if group:
            try:
                draft = lay_out(wb, group)
            except EduDeskError as exc:  # what the group lacks, said in Russian
                st.warning(ui.said(exc), icon=":material/edit_note:")
            else:
                ui.table([{"Дата": f"{r['Дата']:%d.%m.%Y}", "Время": f"{r['Начало']}–{r['Окончание']}",
                           "Модуль": r["Модуль"], "Вид": r["Вид занятия"], "Ч": r["Часов"],
                           "Аудитория": r["Аудитория"]} for r in draft], key="tt_draft_table")
                if st.button(f"Записать {count(len(draft), 'занятие', 'занятия', 'занятий')}", key="tt_draft_write",
                             type="primary", icon=":material/event_available:"):
                    ui.write(lambda store: write_draft(store, group, ui.today()),
                             lambda rows: f"Расписание группы {group} записано: {len(rows)} занятий.")
    with st.expander("Добавить занятие"):
        add_form(TAB, ui.read(ui.ALL_TABS).tabs, "tt_new", what="Добавить занятие")

st.caption("Проверки: аудитория, преподаватель и группа не заняты дважды в одно время (TT-…-CLASH), занятие — в "
           "сроки группы, в рабочий день и в часы учреждения, часы по модулям — как в УТП, а УТП — равен объёму "
           "программы (000 п. 1.5), нагрузка преподавателя — не больше годовой, у занятия с ДОТ есть ссылка.")
