"""«Калькуляторы»: grade conversion, exam cost, subsidy return (and, with paid services, service cost)."""

from decimal import Decimal

import streamlit as st

import ui
from core.errors import EduDeskError
from core.exam_calc import RETURN_FORMULA, cost_line, grade, subsidy_return
from core.money import format_rub, number
from sheets_schema.enums import Employment, ExpertRole

st.title("Калькуляторы")
grade_tab, cost_tab, return_tab = st.tabs(["Баллы → оценка (ДЭ)", "Стоимость экзамена (ДЭ)", "Возврат субсидии (ДЭ)"])

with grade_tab:
    left, right = st.columns(2)
    points = left.number_input("Баллы", value=57.0, step=0.5, key="calc_points")
    maximum = right.number_input("Максимум баллов", value=80.0, step=0.5, key="calc_max")
    try:
        result = grade(Decimal(str(points)), Decimal(str(maximum)))
        st.metric("Оценка", f"«{result.grade}»", help=f"{result.percent} % от максимума (003 п. 6.5, табл. 1)")
        st.caption(f"{result.percent} % от максимума.")
    except EduDeskError as exc:
        st.error(str(exc))

with cost_tab:
    st.caption("Часы и вид занятости каждого члена комиссии; нормативы п. 11.7.")
    lines, total = [], Decimal(0)
    for role, count in ((ExpertRole.CHIEF, 1), (ExpertRole.EXPERT, 3), (ExpertRole.TECHNICAL, 1)):
        left, right = st.columns(2)
        hours = left.number_input(f"{role.value}: часов на человека", value=8.0, step=0.5, key=f"calc_h_{role.name}")
        people = right.number_input(f"{role.value}: человек", value=count, min_value=0, step=1, key=f"calc_n_{role.name}")
        employment = st.radio(f"{role.value}: занятость", [e.value for e in Employment], horizontal=True,
                              key=f"calc_e_{role.name}")
        line = cost_line(role, role.value, Decimal(str(hours)) * people, Employment(employment))
        lines.append({"Роль": line.role, "Часов": line.hours, "Ставка, ₽/ч": line.rate, "Оплата": format_rub(line.pay),
                      "Начисления": f"{number(line.charges_rate * 100)} % = {format_rub(line.charges)}",
                      "Итого": format_rub(line.total)})
        total += line.total
    extra = Decimal(str(st.number_input("Расходные материалы по КОД, ₽", value=35000.0, step=100.0, key="calc_extra")))
    ui.table(lines)
    st.metric("Стоимость экзамена", format_rub(total + extra))

with return_tab:
    st.info(RETURN_FORMULA)
    left, middle, right = st.columns(3)
    subsidy = left.number_input("Субсидия S, ₽", value=1_000_000.0, step=1000.0, key="calc_subsidy")
    planned = middle.number_input("Участников по плану", value=100, min_value=0, step=1, key="calc_plan")
    actual = right.number_input("Участников по факту", value=93, min_value=0, step=1, key="calc_fact")
    try:
        st.metric("Вернуть", format_rub(subsidy_return(Decimal(str(subsidy)), int(planned), int(actual))))
    except EduDeskError as exc:
        st.error(str(exc))
