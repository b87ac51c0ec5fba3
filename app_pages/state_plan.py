"""«Госплан»: quota, the 15 % reserve, selected and enrolled (000 ч. 2, разд. 2)."""

import streamlit as st

import ui
from core.assessment.rules import state_plan_row

st.title("Государственный план подготовки управленческих кадров")
wb = ui.workbook("Госплан")
plans = [r.item for r in wb.items("Госплан")]
if not plans:
    st.info("Лист «Госплан» пуст: добавьте строку с годом и квотой региона.")
    st.stop()
ui.table([state_plan_row(p) for p in plans])
st.caption("Резерв — не менее 15 % квоты, округление вверх (п. 1.1); зачисленных — столько, сколько квота (п. 1.2).")
