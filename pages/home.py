"""«Главная»: what the workbook holds and how many problems it has."""

import pandas as pd
import streamlit as st

import ui
from core.findings import Severity
from sheets_schema import TABS

st.title("Учебный офис")
st.caption("Данные — в общей таблице, как и раньше. Здесь — проверки, сроки, расчёты и документы.")

result = ui.read()
found = ui.findings()
errors = sum(1 for f in found if f.severity == Severity.ERROR)
left, middle, right = st.columns(3)
left.metric("Листов", sum(1 for d in result.tabs.values() if d.exists), help="Из " + str(len(TABS)))
middle.metric("Ошибок в данных", errors)
right.metric("Предупреждений", len(found) - errors)
if found:
    st.page_link("pages/checks.py", label="Открыть проверку данных", icon=":material/fact_check:")

st.subheader("Листы")
st.dataframe(pd.DataFrame([{"Лист": t.name, "Что на нём": t.title,
                            "Строк": len(result.tabs[t.name].rows) if result.tabs[t.name].exists else None,
                            "Есть в таблице": "да" if result.tabs[t.name].exists else "нет"} for t in TABS]),
             hide_index=True, width="stretch")
