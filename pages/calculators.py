"""«Калькуляторы»: grade conversion, exam cost, subsidy return (and, with paid services, service cost)."""

from decimal import Decimal

import streamlit as st

import ui
from core.errors import EduDeskError
from core.exam_calc import RETURN_FORMULA, cost_line, grade, subsidy_return
from core.money import format_rub, number
from core.paid_money import estimate, service_cost
from core.paid_services import rate_check
from sheets_schema.enums import Employment, ExpertRole

st.title("Калькуляторы")
service_tab, split_tab, grade_tab, cost_tab, return_tab = st.tabs(
    ["Стоимость услуги (ПОУ)", "Доход и смета (ПОУ)", "Баллы → оценка (ДЭ)", "Стоимость экзамена (ДЭ)",
     "Возврат субсидии (ДЭ)"])

with service_tab:
    left, middle, right = st.columns(3)
    hours = left.number_input("Часов", value=72.0, min_value=0.0, step=1.0, key="svc_hours")
    listeners = middle.number_input("Слушателей", value=25, min_value=0, step=1, key="svc_listeners")
    rate = right.number_input("Ставка, ₽/чел.-ч", value=150.0, min_value=0.0, step=5.0, key="svc_rate")
    cost = service_cost(Decimal(str(hours)), int(listeners), Decimal(str(rate)))
    st.metric("Стоимость услуги", format_rub(cost.cost), help=f"{number(cost.person_hours)} чел.-ч × {number(cost.rate)} ₽")
    check = rate_check(ui.workbook(), Decimal(str(rate)), ui.today())
    (st.success if check.startswith("в диапазоне") else st.warning)(f"Ставка на сегодня: {check} (002 п. 1.6–1.7).")

with split_tab:
    left, right = st.columns(2)
    income = Decimal(str(left.number_input("Доход, ₽", value=270000.0, min_value=0.0, step=100.0, key="split_income")))
    internship = right.checkbox("Стажировка (доля кафедры до 45 %)", key="split_internship")
    e = estimate(income, internship=internship)
    ui.table([{"Строка": name, "Сумма": format_rub(v)} for name, v in (
        (f"1. Стимулирующие надбавки — {number(e.share * 100)} % (в том числе)", e.stimulus), ("2. ФОТ ППС", e.fot),
        ("3. Начисления на ФОТ 30,2 %", e.charges), (f"4. Отчисления Учреждения — {number(100 - e.share * 100)} %",
                                                     e.institution), ("5. Всего", e.total))])

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
