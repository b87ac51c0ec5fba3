"""«Госплан»: quota, the 15 % reserve, selected and enrolled (000 ч. 2, разд. 2)."""

import pandas as pd
import streamlit as st

import ui
from core.assessment import state_plan_row

st.title("Государственный план подготовки управленческих кадров")
wb = ui.workbook()
plans = [r.item for r in wb.items("Госплан")]
if not plans:
    st.info("Лист «Госплан» пуст: добавьте строку с годом и квотой региона.")
    st.stop()
st.dataframe(pd.DataFrame([state_plan_row(p) for p in plans]), hide_index=True, width="stretch")
st.caption("Резерв — не менее 15 % квоты, округление вверх (п. 1.1); зачисленных — столько, сколько квота (п. 1.2).")
