"""«План ПОУ»: the plan of paid services with cost and rate checks, plan approval, the planning calendar."""


import streamlit as st

import ui
from core.documents.paid_docs import income_plan, rate_order
from core.paid_services import plan_rows, planning_calendar

st.title("Платные образовательные услуги: план")
wb = ui.workbook()
today = ui.today()
rows = plan_rows(wb)
years = sorted({r["Начало"].year for r in rows if r["Начало"]})
columns = st.columns(5)
year = columns[0].selectbox("Год", years, index=years.index(today.year) if today.year in years else 0, key="pay_year")
filters = {name: columns[i].multiselect(name, sorted({r[name] for r in rows if r[name]}), key=f"pay_{i}", placeholder="все")
           for i, name in enumerate(("Кафедра", "Вид", "Место", "Плановая"), start=1)}
shown = [r for r in rows if r["Начало"] and r["Начало"].year == year
         and all(not chosen or r[name] in chosen for name, chosen in filters.items())]
ui.table(shown)
st.caption("Стоимость = часы × слушатели × ставка (002 п. 1.8). Ставка проверяется по приказу, действующему на дату "
           "начала (п. 1.6–1.7). Заявка коллективного заказчика до 25 октября — плановая, позже — внеплановая (п. 3.3.8).")

left, right = st.columns(2)
with left:
    st.subheader("Согласование планов кафедр")
    ui.table([{"Кафедра": p.item.department, "Год": p.item.year, "Этап": p.item.stage.value if p.item.stage else "",
               "Дата": p.item.stage_date} for p in wb.items("ПОУ_планы_кафедр")])
    st.caption("Заседание кафедры → совместный совет → проректоры по ОМР и УМР, руководитель ЦВД → ректор → ЭБД → "
               "проверка методистами ЦВД; после проверки изменения — только служебной запиской (п. 3.4).")
with right:
    st.subheader("Календарь планирования")
    ui.table([{"Срок": when, "Что": what_, "Основание": clause, "Осталось дней": days}
              for when, what_, clause, days in planning_calendar(today)])

st.subheader("Документы")
left, middle, right = st.columns(3)
departments = sorted({r["Кафедра"] for r in rows if r["Кафедра"]})
department = left.selectbox("Кафедра", departments, key="plan_department")
left.download_button("План дохода кафедры (прил. 3)", lambda: income_plan(wb, year, department),
                     file_name=f"план_дохода_{year}.pdf", mime="application/pdf", key="plan_dep_pdf")
middle.download_button("План дохода Учреждения", lambda: income_plan(wb, year), file_name=f"план_дохода_учреждения_{year}.pdf",
                       mime="application/pdf", key="plan_all_pdf")
orders = [o.item.number for o in wb.items("ПОУ_ставки")]
if orders:
    order = right.selectbox("Приказ о диапазоне стоимости", orders, key="plan_order")
    right.download_button("Приказ (прил. 1)", lambda: rate_order(wb, order), file_name=f"приказ_{order}.pdf",
                          mime="application/pdf", key="rate_order_pdf")
