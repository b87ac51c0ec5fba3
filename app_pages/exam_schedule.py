"""«Демэкзамен: график»: the general schedule, a timeline, and each exam's deadlines in working days."""

from datetime import timedelta

import altair as alt
import pandas as pd
import streamlit as st

import ui
from core.exam.rules import checklist, schedule_rows
from ui.record_fields import open_form_button

st.title("Демонстрационный экзамен: график")
wb = ui.workbook("ДЭ_график")
today = ui.today()
exams = [r.item for r in wb.items("ДЭ_график") if r.item.code]
if ui.user().can_write:  # an exam is entered with the fields of App 3 and checked like the sheet
    open_form_button("ДЭ_график", "Внести экзамен в график", key="schedule_new_exam")
if not exams:
    st.info("На листе «ДЭ_график» нет экзаменов: внесите их (код, организация участников, вид аттестации, даты, "
            "рабочие места) — здесь появятся график и сроки каждого экзамена в рабочих днях.", icon=":material/info:")
    st.stop()
left, middle = st.columns(2)
kinds = left.multiselect("Вид аттестации", ["ГИА", "ПА"], key="de_kind", placeholder="все")
orgs = middle.multiselect("Организация", sorted({e.organisation for e in exams if e.organisation}), key="de_org",
                          placeholder="все")
shown = [e for e in exams if (not kinds or (e.attestation and e.attestation.value in kinds))
         and (not orgs or e.organisation in orgs)]
ui.table(schedule_rows(shown), empty="Под выбранные условия экзаменов нет.")

bars = pd.DataFrame([{"Экзамен": e.code, "Начало": e.start, "Окончание": (e.end or e.start) + timedelta(days=1),
                      "Вид": e.attestation.value if e.attestation else ""} for e in shown if e.start])
if not bars.empty:  # a one-day exam is drawn as a whole day, up to the next midnight
    chart = alt.Chart(bars).mark_bar(size=12).encode(x=alt.X("Начало:T", title=None, axis=alt.Axis(format="%d.%m")),
                                                      x2="Окончание:T",
                                                      y=alt.Y("Экзамен:N", title=None), color="Вид:N")
    today_line = alt.Chart(pd.DataFrame({"Сегодня": [today]})).mark_rule(color="red").encode(x="Сегодня:T")
    st.altair_chart(chart + today_line, width="stretch")

st.subheader("Сроки экзамена")
code = ui.choose("Экзамен", [e.code for e in shown], key="de_exam", stop=False, empty="Выберите другие условия отбора.")
exam = next((e for e in shown if e.code == code), None)
if exam:
    ui.table([{"Шаг": c.deadline.title, "Срок": c.due or "—", "Отмечено": c.done, "Состояние": c.status,
               "Основание": c.deadline.clause, "Правило": c.deadline.rule} for c in checklist(exam, today)],
             wide=("Шаг",))
    st.caption("Сроки — в рабочих днях по производственному календарю РФ. План ДЭ: п. 6.7 говорит о 20 календарных "
               "днях, п. 9.1 — о 20 рабочих; проверяется более строгий срок (20 рабочих дней).")
