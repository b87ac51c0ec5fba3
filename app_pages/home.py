"""«Главная»: what the workbook holds, how many problems it has, and where to begin in an empty one."""

import streamlit as st

import ui
from core.jobs import runner
from core.platform.display import count
from core.records.findings import Severity
from sheets_schema import TABS

st.title("Учебный офис")
st.caption("Данные — в общей таблице, как и раньше. Здесь — проверки, сроки, расчёты и документы.")

result = ui.read()
found = ui.findings()
errors = sum(1 for f in found if f.severity == Severity.ERROR)
left, middle, right = st.columns(3)
left.metric("Листов", sum(1 for d in result.tabs.values() if d.exists), help=f"Из {len(TABS)}")
middle.metric("Ошибок в данных", errors)
right.metric("Предупреждений", len(found) - errors)
if found:
    st.page_link("app_pages/checks.py", label="Открыть проверку данных", icon=":material/fact_check:")
failures = runner.failed(ui.settings())  # a job that failed is said where everyone looks first
if failures and ui.user().can_open("jobs"):
    for failure in failures:
        st.warning(f"Задание по расписанию не выполнено — {ui.said(failure)}", icon=":material/sync_problem:")
    st.page_link("app_pages/jobs.py", label="Задания по расписанию", icon=":material/schedule:")
elif failures:  # the messages may name listeners: the details are the administrator's
    st.warning(f"Задания по расписанию не выполнены ({len(failures)}): администратор видит подробности на "
               "странице «Задания по расписанию».", icon=":material/sync_problem:")

missing = [t.name for t in TABS if not result.tabs[t.name].exists]
if missing:
    ui.missing_tabs(missing, page=False)

# the journal of the workbook's creation is not data to start from
if not any(result.tabs[t.name].rows for t in TABS if result.tabs[t.name].exists and t.name != "Журнал"):
    st.subheader("С чего начать")
    st.markdown(
        "Таблица пока пуста. Заполните её по порядку — прямо в таблице или на страницах приложения:\n"
        "1. **«Настройки»** — название учреждения, руководитель, адрес и e-mail для заявок: они попадают в "
        "приказы, письма и удостоверения.\n"
        "2. **«Пользователи»** — кто работает с приложением и в какой роли (если настроен вход).\n"
        "3. **«Программы»** — программы повышения квалификации: код, название, часы, форма обучения.\n"
        "4. Затем — заявки (страница «Заявки»), группы («Группы и сроки»), платные услуги («План ПОУ»), "
        "экзамены («График и сроки»), дорожная карта («Импорт дорожной карты»).\n\n"
        "Каждая страница подскажет, каких данных ей не хватает.")

st.subheader("Листы")
ui.table([{"Лист": t.name, "Что на нём": t.title,
           "Строк": count(len(result.tabs[t.name].rows), "строка", "строки", "строк") if result.tabs[t.name].exists
           else "листа нет"} for t in TABS], wide=("Что на нём",))
