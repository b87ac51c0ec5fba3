"""EduDesk («Учебный офис»): the router. Pages live in app_pages/ (not pages/: see README «Устройство»), the work in core/."""

import streamlit as st

import ui
from core import areas

areas.load()  # every area's rules and numberings, as the app and the CLI load them
ui.keep_returning_memory()  # one thread per server: closed sessions and the heap they left are given back

st.set_page_config(page_title="Учебный офис", page_icon="🎓", layout="wide")
ui.style()

PAGES = {
    "Общее": [
        st.Page("app_pages/home.py", title="Главная", icon=":material/home:", default=True),
        st.Page("app_pages/checks.py", title="Проверка данных", icon=":material/fact_check:"),
        st.Page("app_pages/records.py", title="Записи листов", icon=":material/edit_square:"),
        st.Page("app_pages/calculators.py", title="Калькуляторы", icon=":material/calculate:"),
        st.Page("app_pages/help.py", title="Справка", icon=":material/menu_book:"),
    ],
    "Набор и зачисление": [
        st.Page("app_pages/applications.py", title="Заявки", icon=":material/assignment:"),
        st.Page("app_pages/groups.py", title="Группы и сроки", icon=":material/groups:"),
        st.Page("app_pages/timetable.py", title="Расписание", icon=":material/calendar_month:"),
        st.Page("app_pages/listener_files.py", title="Личные дела", icon=":material/folder_shared:"),
        st.Page("app_pages/progress.py", title="Успеваемость", icon=":material/trending_up:"),
        st.Page("app_pages/certificates.py", title="Удостоверения", icon=":material/workspace_premium:"),
        st.Page("app_pages/group_documents.py", title="Документы группы", icon=":material/description:"),
        st.Page("app_pages/mailings.py", title="Рассылки", icon=":material/mail:"),
        st.Page("app_pages/moodle.py", title="Moodle", icon=":material/school:"),
    ],
    "Дорожная карта": [
        st.Page("app_pages/roadmap.py", title="Статус дорожной карты", icon=":material/timeline:"),
        st.Page("app_pages/roadmap_import.py", title="Импорт дорожной карты", icon=":material/upload_file:"),
    ],
    "Платные услуги": [
        st.Page("app_pages/paid_plan.py", title="План ПОУ", icon=":material/list_alt:"),
        st.Page("app_pages/paid_new.py", title="Новая услуга", icon=":material/add_card:"),
        st.Page("app_pages/paid_card.py", title="Карточка услуги", icon=":material/assignment_turned_in:"),
        st.Page("app_pages/paid_split.py", title="Доход и выплаты", icon=":material/account_balance_wallet:"),
    ],
    "Демонстрационный экзамен": [
        st.Page("app_pages/exam_schedule.py", title="График и сроки", icon=":material/event:"),
        st.Page("app_pages/exam_experts.py", title="Эксперты", icon=":material/badge:"),
        st.Page("app_pages/exam_draw.py", title="Жеребьёвка мест", icon=":material/casino:"),
        st.Page("app_pages/exam_results.py", title="Результаты", icon=":material/grading:"),
        st.Page("app_pages/exam_costs.py", title="Расходы и отчёты", icon=":material/payments:"),
    ],
    "Оценка и Госплан": [
        st.Page("app_pages/assessment.py", title="Оценочные процедуры", icon=":material/psychology:"),
        st.Page("app_pages/state_plan.py", title="Госплан", icon=":material/flag:"),
    ],
}

if ui.user().can_open("journal"):
    PAGES["Общее"].append(st.Page("app_pages/journal.py", title="Журнал изменений", icon=":material/history:"))
if ui.user().can_open("jobs"):
    PAGES["Общее"].append(st.Page("app_pages/jobs.py", title="Задания по расписанию", icon=":material/schedule:"))
if ui.user().can_open("connect"):
    PAGES["Общее"].append(st.Page("app_pages/connect.py", title="Подключение таблицы", icon=":material/link:"))

# A URL that names no page (a typo, a non-administrator's /journal bookmark) would get Streamlit's English «Page
# not found»: a hidden page under that very URL says in Russian what happened.
if (unknown := ui.unknown_url_page([p for section in PAGES.values() for p in section])) is not None:
    PAGES["Общее"].append(unknown)
navigation = st.navigation(PAGES, expanded=True)  # every page listed: no English «View more»


def _page() -> None:
    ui.sidebar()
    ui.show_flash()
    navigation.run()


ui.run_page(_page, navigation.title)
