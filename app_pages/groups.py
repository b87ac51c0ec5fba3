"""«Группы»: forming groups of at most 25, each group's deadlines, and what is due this week."""

import streamlit as st

import ui
from core.enrollment.groups import propose_groups, rows_to_write, waiting_applications
from core.enrollment.module_reminders import reminder_steps
from core.enrollment.rules import due_this_week, group_timeline
from core.platform.display import count
from core.store.base import canonical

st.title("Учебные группы")
wb = ui.workbook("Программы", "Заявки", "Группы", "Слушатели", optional=("Успеваемость", "Рассылки", "Занятия"))
today = ui.today()
reminders = reminder_steps(wb)  # before each module and the final test (000 §2.1, §5.2)
programs = {r.item.code: r.item for r in wb.items("Программы") if r.item.code}
groups = [r.item for r in wb.items("Группы") if r.item.code]

form_tab, timeline_tab, week_tab = st.tabs(["Сформировать группы", "Сроки группы", "На этой неделе"])
with form_tab:
    code = ui.choose("Программа", list(programs), key="group_program", stop=False,
                     format_func=lambda c: f"{c} — {programs[c].name or ''}",
                     empty="На листе «Программы» нет программ: внесите их, затем заявки (страница «Заявки»).")
    if code:
        waiting = waiting_applications([r.item for r in wb.items("Заявки")], [r.item for r in wb.items("Слушатели")],
                                       code)
        st.write(f"Заявок «проверена» или «согласована», ещё не в группах: **{len(waiting)}**. "
                 "Группа — не более 25 человек, размеры выравниваются (000 п. 1.5).")
        left, right = st.columns(2)
        start = left.date_input("Дата начала обучения", value=None, key="group_start", format="DD.MM.YYYY")
        end = right.date_input("Дата окончания", value=None, key="group_end", format="DD.MM.YYYY")
        proposal = propose_groups(code, waiting, {g.code for g in groups}, start, end)
        for group in proposal:
            with st.expander(f"{group.code}: {count(len(group.members), 'человек', 'человека', 'человек')}"):
                ui.table([{"№ заявки": a.number, "ФИО": f"{a.last_name} {a.first_name} {a.middle_name or ''}".strip(),
                           "Место работы": a.workplace} for a in group.members])
        if proposal:
            st.caption("Размеры групп: " + " + ".join(str(len(g.members)) for g in proposal))
            problem = ("Укажите даты начала и окончания обучения: от них считаются сроки писем, напоминаний и "
                       "доступов, без них не сформировать приказ." if not (start and end) else
                       "Дата окончания раньше даты начала." if end < start else None)
            if problem:
                st.warning(problem)
            if st.button("Записать группы и слушателей", key="confirm_groups", type="primary", disabled=bool(problem)):
                rows = rows_to_write(proposal, [r.item.id for r in wb.items("Слушатели")])
                ui.write(lambda store: store.append_many(rows),
                         f"Записано: {count(len(rows['Группы']), 'группа', 'группы', 'групп')}, "
                         f"{count(len(rows['Слушатели']), 'слушатель', 'слушателя', 'слушателей')}.")

with timeline_tab:
    st.page_link("app_pages/mailings.py", label="Разослать письма группе (информационное, напоминание, доступы ДОТ)",
                 icon=":material/mail:")
    chosen = ui.choose("Группа", [g.code for g in groups], key="timeline_group", stop=False,
                       empty="Групп пока нет: сформируйте их на вкладке «Сформировать группы».")
    group = next((g for g in groups if g.code == chosen), None)
    if group:
        if not (group.start and group.end):
            st.warning(f"У группы {ui.esc(group.code)} не указаны даты обучения (лист «Группы», столбцы «Дата начала» "
                       "и «Дата окончания»): сроки ниже не посчитать.")
        steps = group_timeline(group, programs.get(group.program_code), reminders.get(canonical(group.code).casefold(), ()))
        ui.table([{"Шаг": s.title, "Основание": s.clause, "Срок": s.due or "—", "Выполнено": s.done,
                   "Состояние": s.status(today)} for s in steps], wide=("Шаг",))

with week_tab:
    due = [{"Группа": g.code, "Шаг": s.title, "Срок": s.due, "Состояние": s.status(today)}
           for g, s in due_this_week(groups, programs, today, reminders=reminders)]
    if due:
        ui.table(due, wide=("Шаг",))
    elif not groups:
        st.info("Групп пока нет: сроки считаются от дат групп (страница «Заявки» → сформировать группы).",
                icon=":material/info:")
    else:
        st.success("На этой неделе сроков нет и просрочек за месяц нет.")
