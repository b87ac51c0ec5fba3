"""«План ПОУ»: the plan of paid services with cost and rate checks, plan approval, the planning calendar."""

import streamlit as st

import ui
from core.paid.documents import income_plan, rate_order
from core.paid.rules import plan_rows, planning_calendar
from core.platform.money import format_rub

st.title("Платные образовательные услуги: план")
wb = ui.workbook("ПОУ_услуги", "ПОУ_ставки", "ПОУ_заявки", "ПОУ_планы_кафедр", "Настройки")
today = ui.today()
rows = plan_rows(wb)
years = sorted({r["Начало"].year for r in rows if r["Начало"]}) or [today.year]
columns = st.columns(5)
year = columns[0].selectbox("Год", years, index=years.index(today.year) if today.year in years else len(years) - 1,
                            key="pay_year")
filters = {name: columns[i].multiselect(name, sorted({r[name] for r in rows if r[name]}), key=f"pay_{i}", placeholder="все")
           for i, name in enumerate(("Кафедра", "Вид", "Место", "Плановая"), start=1)}
shown = [r for r in rows if r["Начало"] and r["Начало"].year == year
         and all(not chosen or r[name] in chosen for name, chosen in filters.items())]
money = ("Ставка", "Стоимость")
ui.table([{k: (format_rub(v) if k in money and v is not None else v) for k, v in r.items()} for r in shown],
         wide=("Наименование",),
         empty="Услуг за этот год нет. Внесите их на лист «ПОУ_услуги»: код, наименование, кафедра, вид, место, "
               "часы, слушатели, ставка, даты." if not rows else "Под выбранные условия услуг нет.")
st.caption("Стоимость = часы × слушатели × ставка (002 п. 1.8). Ставка проверяется по приказу, действующему на дату "
           "начала (п. 1.6–1.7). Заявка коллективного заказчика до 25 октября — плановая, позже — внеплановая (п. 3.3.8).")

left, right = st.columns(2)
with left:
    st.subheader("Согласование планов кафедр")
    ui.table([{"Кафедра": p.item.department, "Год": str(p.item.year or ""),
               "Этап": (p.item.stage or p.item.planning_step or "") and str(p.item.stage or p.item.planning_step),
               "Дата": p.item.stage_date}
              for p in wb.items("ПОУ_планы_кафедр")], wide=("Этап",),
             empty="Планов кафедр пока нет (лист «ПОУ_планы_кафедр»).")
    st.caption("Заседание кафедры → совместный совет → проректоры по ОМР и УМР, руководитель ЦВД → ректор → ЭБД → "
               "проверка методистами ЦВД; после проверки изменения — только служебной запиской (п. 3.4).")
with right:
    st.subheader("Календарь планирования")
    ui.table([{"Срок": when, "Что": what_, "Основание": clause, "Осталось дней": days}
              for when, what_, clause, days in planning_calendar(today)], wide=("Что",))
    st.caption("Выполнение отмечайте строкой листа «ПОУ_планы_кафедр» с «Шагом календаря планирования» и датой "
               "(«перечень для каталога подан», «план дохода кафедры подан» — каждой кафедрой; шаги ЦВД — строкой с "
               "кафедрой «ЦВД»): "
               "пропущенные и поздние сроки — в «Проверке данных» (PAY-CATALOG-…, PAY-INCOME-…).")

st.subheader("Документы")
if not rows:
    st.caption("Документы плана появятся, когда на листе «ПОУ_услуги» будут услуги.")
    st.stop()
left, middle, right = st.columns(3)
department = ui.choose("Кафедра", sorted({r["Кафедра"] for r in rows if r["Кафедра"]}), key="plan_department",
                       where=left, stop=False, empty="У услуг не указаны кафедры (лист «ПОУ_услуги»).")
if department:
    ui.document_button("План дохода кафедры (прил. 3)", lambda: wb.once(income_plan, year, department),
                       f"план_дохода_{year}.pdf", key="plan_dep_pdf", where=left)
ui.document_button("План дохода Учреждения", lambda: wb.once(income_plan, year), f"план_дохода_учреждения_{year}.pdf",
                   key="plan_all_pdf", where=middle)
orders = [o.item.number for o in wb.items("ПОУ_ставки") if o.item.number]
order = ui.choose("Приказ о диапазоне стоимости", orders, key="plan_order", where=right, stop=False,
                  empty="Приказов о диапазоне стоимости нет (лист «ПОУ_ставки»).")
if order:
    ui.document_button("Приказ (прил. 1)", lambda: wb.once(rate_order, order), f"приказ_{order}.pdf", key="rate_order_pdf",
                       where=right)
