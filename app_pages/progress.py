"""«Успеваемость»: the performance table of a group and the listeners in arrears (000 §4.7, §5.4)."""

import streamlit as st

import ui
from core.documents import group_context
from core.enrollment.attendance import mark_class
from core.enrollment.documents.context import GROUP_OPTIONAL, GROUP_TABS
from core.enrollment.progress import arrears, mailing_list, performance
from core.enrollment.progress_marks import mark_task
from core.platform.access import mask_rows
from core.platform.display import ru_number
from core.platform.errors import CellError
from core.platform.exports import to_csv, to_xlsx
from core.records.cells import read_decimal
from core.records.ranges import out_of_range
from core.timetable.classes import keeps_timetable
from core.timetable.follow import scheduled_on
from sheets_schema import TAB_BY_NAME

st.title("Успеваемость")
wb = ui.workbook(*GROUP_TABS, optional=GROUP_OPTIONAL)
code = ui.choose("Группа", [r.item.code for r in wb.items("Группы") if r.item.code], key="progress_group",
                 empty="Групп пока нет. Сформируйте их на странице «Группы и сроки» или внесите на лист «Группы».")
ctx = group_context(wb, code)
headers, rows = performance(ctx)
ui.table([dict(zip(headers, row, strict=True)) for row in rows],
         empty=f"В группе {code} нет слушателей (лист «Слушатели»).")

late = arrears(ctx, ui.today())
st.subheader(f"Задолженности: {len(late)}")
st.caption("Слушателям с задолженностями направляется напоминание (000 п. 4.7). Адреса — из их заявок.")
if late:
    person = ui.user()
    rows = mask_rows([{"ФИО": a.full_name, "E-mail": a.email or "", "Не сдано": ", ".join(a.tasks)} for a in late], person)
    ui.table(rows, wide=("Не сдано",))
    table = [list(r.values()) for r in rows]
    left, right = st.columns(2)
    left.download_button("Скачать (.xlsx)", to_xlsx(["ФИО", "E-mail", "Не сдано"], table, "Задолженности"),
                         file_name=f"задолженности_{code}.xlsx", key="arrears_xlsx", icon=":material/download:")
    right.download_button("Скачать (.csv)", to_csv(["ФИО", "E-mail", "Не сдано"], table),
                          file_name=f"задолженности_{code}.csv", key="arrears_csv", icon=":material/download:")
    if person.sees_personal_data:
        st.caption("Файлы содержат персональные данные (e-mail): храните и передавайте их по правилам 152-ФЗ.")
        st.caption("Список рассылки — скопируйте в поле «Кому»:")
        st.code(mailing_list(late) or "адресов нет", language=None)
else:
    st.success("Задолженностей нет.")

if ui.user().can_write and ctx.listeners:
    with st.expander("Отметить посещаемость занятия"):
        held = [c for c in scheduled_on(wb, code) if c.day <= ui.today()] if keeps_timetable(wb) else None
        if held == []:
            st.info(f"В расписании у группы {code} нет занятий по сегодняшний день: посещаемость отмечается за "
                    "занятие из расписания (000 п. 3.2, 3.3). Расписание — на странице «Расписание».")
        else:
            with st.form(f"attendance_{code}"):
                if held is None:  # no «Занятия» tab: the day as it was
                    day = st.date_input("Дата занятия", value=None, format="DD.MM.YYYY", key=f"attendance_day_{code}",
                                        min_value=ctx.group.start, max_value=ctx.group.end)
                    number = None
                else:
                    chosen = st.selectbox("Занятие из расписания", held, index=len(held) - 1, key=f"attendance_class_{code}",
                                          format_func=lambda c: f"{c.when()} · {c.item.module} · {c.item.number}")
                    day, number = chosen.day, chosen.item.number
                st.caption("Снимите отметку с тех, кого не было:")
                columns = st.columns(3)
                present = {p.id for i, p in enumerate(ctx.listeners)
                           if columns[i % 3].checkbox(ui.esc(p.full_name), value=True, key=f"attendance_{code}_{p.id}")}
                if st.form_submit_button("Записать посещаемость", icon=":material/how_to_reg:"):
                    if day is None:
                        st.error("Укажите дату занятия.")
                    else:
                        ui.write(lambda store: mark_class(store, ctx.group, day, [p.id for p in ctx.listeners], present,
                                                          ui.today(), number),
                                 lambda n: f"Посещаемость {day:%d.%m.%Y} отмечена: присутствовали {len(present)} из {n}. "
                                           "Лист посещаемости — на странице «Документы группы».")

tasks = sorted({t.task for items in ctx.progress.values() for t in items if t.task})
if ui.user().can_write and tasks:
    with st.expander("Внести баллы за задание"):
        task = st.selectbox("Модуль/задание", tasks, key=f"marks_task_{code}")
        with st.form(f"marks_{code}_{task}"):
            done_on = st.date_input("Дата выполнения (если не отмечена)", value=ui.today(), format="DD.MM.YYYY",
                                    key=f"marks_day_{code}")
            current = {p.id: next((t.score for t in ctx.progress.get(p.id.casefold(), []) if t.task == task), None)
                       for p in ctx.listeners}
            columns = st.columns(3)
            typed = {p.id: columns[i % 3].text_input(ui.esc(p.full_name), value=ru_number(current[p.id]),
                                                     key=f"marks_{code}_{task}_{p.id}")
                     for i, p in enumerate(ctx.listeners)}
            if st.form_submit_button("Записать баллы", icon=":material/grading:"):
                try:
                    scores = {i: read_decimal(text) for i, text in typed.items()}
                except CellError as exc:
                    st.error(f"Балл: {ui.said(exc)}.")
                    st.stop()
                score = TAB_BY_NAME["Успеваемость"].column("score")
                if why := next(filter(None, (out_of_range(score, "Балл", v) for v in scores.values())), None):
                    st.error(why)
                    st.stop()
                changed = {i: v for i, v in scores.items() if v is not None and v != current[i]}
                ui.write(lambda store: mark_task(store, [p.id for p in ctx.listeners], task, changed, done_on,
                                                 ui.today()),
                         lambda n: f"Баллы за «{task}» записаны: {n}.")
