"""«Демэкзамен: результаты»: points → percent → grade, and the share who passed against 99 %."""

import streamlit as st

import ui
from core.demo_exam import passed_share, results
from core.display import percent

st.title("Демонстрационный экзамен: результаты")
wb = ui.workbook("ДЭ_график", "ДЭ_участники")
code = ui.choose("Экзамен", [r.item.code for r in wb.items("ДЭ_график") if r.item.code], key="results_exam",
                 empty="Экзаменов пока нет: внесите их на лист «ДЭ_график» (страница «График и сроки»).")
people = [r.item for r in wb.items("ДЭ_участники") if r.item.exam_code == code]
ui.table(results(people), wide=("Замечание",),
         empty=f"Баллов пока нет: внесите «Явка», «Баллы» и «Максимум баллов» участников {code} на лист «ДЭ_участники».")
passed, sat = passed_share(people)
absent = sum(1 for p in people if p.present is False)
left, middle, right = st.columns(3)
left.metric("Сдавали", sat, help="Присутствовавшие с баллами; отсутствующие не учитываются (п. 7.9)")
middle.metric("Сдали (оценка 3 и выше)", passed)
right.metric("Доля сдавших", percent(passed * 100 / sat) if sat else "—", help="Показатель качества — 99 % (п. 3.3)")
if sat and passed * 100 < 99 * sat:
    st.warning("Доля сдавших ниже показателя качества 99 % (003 п. 3.3).")
st.caption(f"Отсутствовали: {absent}. Перевод баллов: 0–19,99 % → «2», 20–39,99 % → «3», 40–69,99 % → «4», "
           "70–100 % → «5» (п. 6.5, табл. 1); сравнение — по точному отношению баллов, не по округлённому проценту.")
