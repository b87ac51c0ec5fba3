"""«Группы»: forming groups of at most 25, each group's deadlines, and what is due this week."""

import pandas as pd
import streamlit as st

import ui
from core.enrollment import due_this_week, group_timeline
from core.groups import propose_groups, rows_to_write, waiting_applications

st.title("Учебные группы")
wb = ui.workbook()
today = ui.today()
programs = {r.item.code: r.item for r in wb.items("Программы")}
groups = [r.item for r in wb.items("Группы")]

form_tab, timeline_tab, week_tab = st.tabs(["Сформировать группы", "Сроки группы", "На этой неделе"])
with form_tab:
    code = st.selectbox("Программа", list(programs), key="group_program",
                        format_func=lambda c: f"{c} — {programs[c].name}")
    waiting = waiting_applications([r.item for r in wb.items("Заявки")], [r.item for r in wb.items("Слушатели")], code)
    st.write(f"Заявок «проверена» или «согласована», ещё не в группах: **{len(waiting)}**. "
             "Группа — не более 25 человек, размеры выравниваются (000 п. 1.5).")
    left, right = st.columns(2)
    start = left.date_input("Начало обучения", value=None, key="group_start", format="DD.MM.YYYY")
    end = right.date_input("Окончание", value=None, key="group_end", format="DD.MM.YYYY")
    proposal = propose_groups(code, waiting, {g.code for g in groups if g.code}, start, end)
    for group in proposal:
        with st.expander(f"{group.code}: {len(group.members)} чел.", expanded=False):
            st.dataframe(pd.DataFrame([{"№ заявки": a.number, "ФИО": f"{a.last_name} {a.first_name} {a.middle_name or ''}",
                                        "Место работы": a.workplace} for a in group.members]), hide_index=True)
    if proposal:
        st.caption("Размеры групп: " + " + ".join(str(len(g.members)) for g in proposal))
        if st.button("Записать группы и слушателей", key="confirm_groups", type="primary"):
            rows = rows_to_write(proposal, [r.item.id for r in wb.items("Слушатели")])
            ui.write(lambda store: store.append_many(rows),
                     f"Записано групп: {len(rows['Группы'])}, слушателей: {len(rows['Слушатели'])}.")

with timeline_tab:
    st.page_link("pages/mailings.py", label="Разослать письма группе (информационное, напоминание, доступы ДОТ)",
                 icon=":material/mail:")
    chosen = st.selectbox("Группа", [g.code for g in groups], key="timeline_group")
    group = next((g for g in groups if g.code == chosen), None)
    if group:
        steps = group_timeline(group, programs.get(group.program_code))
        st.dataframe(pd.DataFrame([{"Шаг": s.title, "Основание": s.clause,
                                    "Срок": s.due.strftime("%d.%m.%Y") if s.due else "—",
                                    "Выполнено": s.done.strftime("%d.%m.%Y") if s.done else "",
                                    "Состояние": s.status(today)} for s in steps]), hide_index=True, width="stretch")

with week_tab:
    due = [{"Группа": g.code, "Шаг": s.title, "Срок": s.due.strftime("%d.%m.%Y"), "Состояние": s.status(today)}
           for g, s in due_this_week(groups, programs, today)]
    if due:
        st.dataframe(pd.DataFrame(due), hide_index=True, width="stretch")
    else:
        st.success("На этой неделе сроков нет и просрочек за месяц нет.")
