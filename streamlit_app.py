"""EduDesk («Учебный офис»): the router. Pages live in pages/, the work in core/."""

import streamlit as st

import ui

st.set_page_config(page_title="Учебный офис", page_icon="🎓", layout="wide")

PAGES = {
    "Общее": [
        st.Page("pages/home.py", title="Главная", icon=":material/home:", default=True),
        st.Page("pages/checks.py", title="Проверка данных", icon=":material/fact_check:"),
        st.Page("pages/calculators.py", title="Калькуляторы", icon=":material/calculate:"),
        st.Page("pages/help.py", title="Справка", icon=":material/menu_book:"),
    ],
    "Набор и зачисление": [
        st.Page("pages/applications.py", title="Заявки", icon=":material/assignment:"),
        st.Page("pages/groups.py", title="Группы и сроки", icon=":material/groups:"),
        st.Page("pages/progress.py", title="Успеваемость", icon=":material/trending_up:"),
        st.Page("pages/certificates.py", title="Удостоверения", icon=":material/workspace_premium:"),
        st.Page("pages/group_documents.py", title="Документы группы", icon=":material/description:"),
        st.Page("pages/mailings.py", title="Рассылки", icon=":material/mail:"),
        st.Page("pages/moodle.py", title="Moodle", icon=":material/school:"),
    ],
    "Дорожная карта": [
        st.Page("pages/roadmap.py", title="Статус дорожной карты", icon=":material/timeline:"),
        st.Page("pages/roadmap_import.py", title="Импорт дорожной карты", icon=":material/upload_file:"),
    ],
    "Платные услуги": [
        st.Page("pages/paid_plan.py", title="План ПОУ", icon=":material/list_alt:"),
        st.Page("pages/paid_card.py", title="Карточка услуги", icon=":material/assignment_turned_in:"),
        st.Page("pages/paid_split.py", title="Доход и выплаты", icon=":material/account_balance_wallet:"),
    ],
    "Демонстрационный экзамен": [
        st.Page("pages/exam_schedule.py", title="График и сроки", icon=":material/event:"),
        st.Page("pages/exam_experts.py", title="Эксперты", icon=":material/badge:"),
        st.Page("pages/exam_draw.py", title="Жеребьёвка мест", icon=":material/casino:"),
        st.Page("pages/exam_results.py", title="Результаты", icon=":material/grading:"),
        st.Page("pages/exam_costs.py", title="Расходы и отчёты", icon=":material/payments:"),
    ],
    "Оценка и Госплан": [
        st.Page("pages/assessment.py", title="Оценочные процедуры", icon=":material/psychology:"),
        st.Page("pages/state_plan.py", title="Госплан", icon=":material/flag:"),
    ],
}

if ui.user().can_open("journal"):
    PAGES["Общее"].append(st.Page("pages/journal.py", title="Журнал изменений", icon=":material/history:"))

navigation = st.navigation(PAGES)
ui.sidebar()
navigation.run()
