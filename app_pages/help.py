"""«Справка»: every rule with its clause, and the tabs with their columns."""

import streamlit as st

import ui
from core.records.checks import all_rules
from sheets_schema import TABS

st.title("Справка")
st.subheader("Правила проверки")
ui.table([{"Правило": r.id, "Раздел": r.area, "Что проверяется": r.title, "Основание": r.clause,
           "Важность": str(r.severity)} for r in all_rules()], wide=("Что проверяется",))
st.caption("Основания: 000 — Стандарт оказания государственных услуг; 002 — Положение о ПОУ; 003 — приказ ДОНМ № 190 "
           "о демонстрационном экзамене; 004 — дорожная карта; «Правила таблицы» — как вести листы и столбцы "
           "(раздел «Листы и столбцы» ниже).")

st.subheader("Листы и столбцы")
st.caption("Заголовки можно писать в любом регистре, с лишними пробелами и через «е» вместо «ё». "
           "Свои столбцы добавлять можно: приложение их не трогает. Значения ячеек понимаются так, как их обычно "
           "пишут: даты 28.12.2022 или 28.12.22, числа 1 234,50 или 1234.5, да/нет, +/−, 1/0.")
for tab in TABS:
    with st.expander(f"{tab.name} — {tab.title}"):
        ui.table([{"Столбец": c.header, "Обязательный": "да" if c.required else "",
                   "Ключ": "да" if c.field == tab.key else "", "Значения": ", ".join(c.choices),
                   "Персональные данные": "да" if c.personal else ""} for c in tab.columns], wide=("Значения",))
