"""«Справка»: every rule with its clause, and the tabs with their columns."""

import pandas as pd
import streamlit as st

from core.checks import all_rules
from sheets_schema import TABS

st.title("Справка")
st.subheader("Правила проверки")
st.dataframe(pd.DataFrame([{"Правило": r.id, "Раздел": r.area, "Что проверяется": r.title, "Основание": r.clause,
                            "Важность": str(r.severity)} for r in all_rules()]),
             hide_index=True, width="stretch")
st.caption("Основания: 000 — Стандарт оказания государственных услуг; 002 — Положение о ПОУ; 003 — приказ ДОНМ № 190 "
           "о демонстрационном экзамене; 004 — дорожная карта; DOMAIN — общие правила таблицы.")

st.subheader("Листы и столбцы")
st.caption("Заголовки можно писать в любом регистре, с лишними пробелами и через «е» вместо «ё». "
           "Свои столбцы добавлять можно: приложение их не трогает.")
for tab in TABS:
    with st.expander(f"{tab.name} — {tab.title}"):
        st.dataframe(pd.DataFrame([{"Столбец": c.header, "Обязательный": "да" if c.required else "",
                                    "Ключ": "да" if c.field == tab.key else "",
                                    "Значения": ", ".join(c.choices)} for c in tab.columns]),
                     hide_index=True, width="stretch")
