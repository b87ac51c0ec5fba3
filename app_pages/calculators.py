"""«Калькуляторы»: service cost, income split, grade conversion, exam cost, subsidy return.

Numbers are typed the Russian way («72,5», «1 234,50»); a typo is refused with a message, never read as
another number.
"""

from decimal import Decimal

import streamlit as st

import ui
from core.exam.calc import RETURN_FORMULA, cost_line, grade, subsidy_return
from core.paid.money import estimate, service_cost
from core.paid.rules import rate_check
from core.platform.display import percent
from core.platform.errors import EduDeskError
from core.platform.money import format_rub, number
from sheets_schema.enums import Employment, ExpertRole

st.title("Калькуляторы")
st.caption("Числа вводите как обычно: 72,5 или 1 234,50.")
service_tab, split_tab, grade_tab, cost_tab, return_tab = st.tabs(
    ["Стоимость услуги (ПОУ)", "Доход и смета (ПОУ)", "Баллы → оценка (ДЭ)", "Стоимость экзамена (ДЭ)",
     "Возврат субсидии (ДЭ)"])

with service_tab:
    left, middle, right = st.columns(3)
    hours = ui.decimal_input("Часов", 72, key="svc_hours", where=left)
    listeners = middle.number_input("Слушателей", value=25, min_value=0, step=1, key="svc_listeners")
    rate = ui.decimal_input("Ставка, ₽/чел.-ч", 150, key="svc_rate", where=right)
    if hours is not None and rate is not None:
        cost = service_cost(hours, int(listeners), rate)
        st.metric("Стоимость услуги", format_rub(cost.cost),
                  help=f"{number(cost.person_hours)} чел.-ч × {number(cost.rate)} ₽")
        check = rate_check(ui.workbook(optional=("ПОУ_ставки",)), rate, ui.today())
        (st.success if check.startswith("в диапазоне") else st.warning)(f"Ставка на сегодня: {check} (002 п. 1.6–1.7).")

with split_tab:
    left, right = st.columns(2)
    income = ui.decimal_input("Доход, ₽", 270000, key="split_income", where=left)
    internship = right.checkbox("Стажировка (доля кафедры до 45 %)", key="split_internship")
    if income is not None:
        e = estimate(income, internship=internship)
        ui.table([{"Строка": name, "Сумма": format_rub(v)} for name, v in (
            (f"1. Стимулирующие надбавки — {percent(e.share * 100, 0)} (в том числе)", e.stimulus), ("2. ФОТ ППС", e.fot),
            ("3. Начисления на ФОТ 30,2 %", e.charges),
            (f"4. Отчисления Учреждения — {percent(100 - e.share * 100, 0)}", e.institution), ("5. Всего", e.total))],
            wide=("Строка",))

with grade_tab:
    left, right = st.columns(2)
    points = ui.decimal_input("Баллы", 57, key="calc_points", where=left)
    maximum = ui.decimal_input("Максимум баллов", 80, key="calc_max", where=right)
    if points is not None and maximum is not None:
        try:
            result = grade(points, maximum)
            st.metric("Оценка", f"«{result.grade}»", help=f"{percent(result.percent, 2)} от максимума (003 п. 6.5, табл. 1)")
            st.caption(f"{percent(result.percent, 2)} от максимума.")
        except EduDeskError as exc:
            st.error(ui.said(exc))

with cost_tab:
    st.caption("Часы и вид занятости каждого члена комиссии; нормативы п. 11.7.")
    lines, total, complete = [], Decimal(0), True
    for role, people_default in ((ExpertRole.CHIEF, 1), (ExpertRole.EXPERT, 3), (ExpertRole.TECHNICAL, 1)):
        left, right = st.columns(2)
        hours = ui.decimal_input(f"{role.value}: часов на человека", 8, key=f"calc_h_{role.name}", where=left)
        people = right.number_input(f"{role.value}: человек", value=people_default, min_value=0, step=1,
                                    key=f"calc_n_{role.name}")
        employment = st.radio(f"{role.value}: занятость", [e.value for e in Employment], horizontal=True,
                              key=f"calc_e_{role.name}")
        if hours is None:
            complete = False
            continue
        line = cost_line(role, role.value, hours * people, Employment(employment))
        lines.append({"Роль": line.role, "Часов": line.hours, "Ставка, ₽/ч": format_rub(line.rate),
                      "Оплата": format_rub(line.pay),
                      "Начисления": f"{percent(line.charges_rate * 100)} = {format_rub(line.charges)}",
                      "Итого": format_rub(line.total)})
        total += line.total
    extra = ui.decimal_input("Расходные материалы по КОД, ₽", 35000, key="calc_extra")
    ui.table(lines)
    if complete and extra is not None:
        st.metric("Стоимость экзамена", format_rub(total + extra))

with return_tab:
    st.info(RETURN_FORMULA)
    left, middle, right = st.columns(3)
    subsidy = ui.decimal_input("Субсидия S, ₽", 1_000_000, key="calc_subsidy", where=left)
    planned = middle.number_input("Участников по плану", value=100, min_value=0, step=1, key="calc_plan")
    actual = right.number_input("Участников по факту", value=93, min_value=0, step=1, key="calc_fact")
    if subsidy is not None:
        try:
            st.metric("Вернуть", format_rub(subsidy_return(subsidy, int(planned), int(actual))))
        except EduDeskError as exc:
            st.error(ui.said(exc))
