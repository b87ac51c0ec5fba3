"""EduDesk («Учебный офис»): the router. Pages live in pages/, the work in core/."""

import streamlit as st

import ui

st.set_page_config(page_title="Учебный офис", page_icon="🎓", layout="wide")

PAGES = {
    "Общее": [
        st.Page("pages/home.py", title="Главная", icon=":material/home:", default=True),
        st.Page("pages/checks.py", title="Проверка данных", icon=":material/fact_check:"),
        st.Page("pages/help.py", title="Справка", icon=":material/menu_book:"),
    ],
}

navigation = st.navigation(PAGES)
ui.sidebar()
navigation.run()
