"""«Новая услуга»: a paid service put into the plan with its cost, rate order and planning worked out as typed (002)."""

from datetime import timedelta

import streamlit as st

import ui
from core.paid.flow import ServiceDraft, add_service, check_service, quote
from core.platform.errors import CellError
from core.platform.money import format_rub
from core.records.cells import read_decimal
from core.records.ranges import out_of_range
from sheets_schema import TAB_BY_NAME
from sheets_schema.enums import Place, ProgramKind
from ui.record_fields import may_write

st.title("Новая услуга в план")
st.caption("Стоимость = часы × слушатели × ставка (п. 1.8); ставка проверяется по приказу, действующему на дату "
           "начала (п. 1.6–1.7); заявка после 25 октября — услуга внеплановая (п. 3.3.8–3.3.9). Код «ПОУ-ГГГГ-NNN» "
           "выдаётся при записи; заявка заказчика с № по журналу ЦВД записывается вместе с услугой.")
wb = ui.workbook("ПОУ_услуги", "ПОУ_ставки", "ПОУ_заявки", "ПОУ_планы_кафедр")
person = ui.user()
if not person.can_write:
    st.info(f"Роль «{person.role.value}» только просматривает данные: услуги вносят сотрудники и менеджеры.")
    st.stop()
today = ui.today()
services = [r.item for r in wb.items("ПОУ_услуги")]
left, right = st.columns(2)
department = left.selectbox("Кафедра *", sorted({s.department for s in services if s.department}), index=None,
                            accept_new_options=True, placeholder="выберите или введите", key="new_pay_department")
kind = right.selectbox("Вид *", [k.value for k in ProgramKind], index=None, placeholder="выберите",
                       key="new_pay_kind")
name = st.text_input("Наименование *", key="new_pay_name")
left, right = st.columns(2)
place = left.selectbox("Место", [p.value for p in Place], index=None, placeholder="выберите", key="new_pay_place")
customer = right.text_input("Заказчик", key="new_pay_customer")
hours = left.number_input("Часы", min_value=1, step=1, value=None, key="new_pay_hours")
listeners = right.number_input("Слушатели", min_value=1, step=1, value=None, key="new_pay_listeners")
rate_text = left.text_input("Ставка, ₽/чел.-ч", key="new_pay_rate", placeholder="например, 150,00")
start = right.date_input("Дата начала *", value=None, format="DD.MM.YYYY", key="new_pay_start")
requested = left.date_input("Дата заявки", value=today, format="DD.MM.YYYY", key="new_pay_requested")
end = right.date_input("Дата окончания", value=None, format="DD.MM.YYYY", key="new_pay_end",
                       min_value=start or today - timedelta(days=3650))
request_number = left.text_input("№ заявки по журналу ЦВД", key="new_pay_request",
                                 help="Если указан, заявка заказчика записывается на лист «ПОУ_заявки» вместе с услугой")
head = right.text_input("Руководитель", key="new_pay_head")
organiser = left.text_input("Организатор", key="new_pay_organiser")
internship = right.checkbox("Стажировка", key="new_pay_internship")
new_book = right.checkbox("Совместно с «Новой книгой»", key="new_pay_new_book")
try:
    rate = read_decimal(rate_text)
except CellError as exc:
    st.error(f"«Ставка, ₽/чел.-ч»: {ui.said(exc)}.", icon=":material/edit_note:")
    st.stop()
if rate is not None and (why := out_of_range(TAB_BY_NAME["ПОУ_услуги"].column("rate"), "Ставка, ₽/чел.-ч", rate)):
    st.error(why, icon=":material/edit_note:")
    st.stop()

draft = ServiceDraft(department or "", kind or "", name.strip(), place, customer.strip() or None,
                     int(hours) if hours else None, int(listeners) if listeners else None, rate, start, end, requested,
                     request_number.strip() or None, head.strip() or None, organiser.strip() or None, internship, new_book)
shown = quote(wb, draft)
cost, rate_state, planned_state = st.columns(3)
cost.metric("Стоимость", format_rub(shown.cost.cost) if shown.cost else "—",
            help=f"{shown.cost.person_hours} чел.-ч × {format_rub(shown.cost.rate)}" if shown.cost else
            "Укажите часы, слушателей и ставку")
rate_state.markdown(f"**Ставка:** {ui.esc(shown.rate_verdict)}")
planned_state.markdown(f"**Услуга:** {ui.esc(shown.planned_verdict)}")

missing = [label for label, value in (("Кафедра", department), ("Вид", kind), ("Наименование", name.strip()),
                                      ("Дата начала", start)) if not value]
if st.button("Проверить", key="new_pay_check", icon=":material/fact_check:"):
    st.session_state["new_pay_checked"] = True
if not st.session_state.get("new_pay_checked"):
    st.stop()
if missing:
    st.error("Заполните: " + ", ".join(f"«{m}»" for m in missing) + ".", icon=":material/edit_note:")
    st.stop()
found = check_service(ui.read(ui.ALL_TABS).tabs, draft, today)
if not may_write(found, "new_pay", "Так услугу записать нельзя: исправьте поля — проверка обновится сама."):
    st.stop()
if st.button("Записать услугу в план", key="new_pay_write", type="primary", icon=":material/save:"):
    ui.write(lambda store: add_service(store, draft, today, confirmed_warnings=bool(found)),
             lambda code: f"Услуга {code} записана в план: {format_rub(shown.cost.cost) if shown.cost else 'стоимость не указана'}"
                          + (f", заявка № {draft.request_number}." if draft.request_number else "."),
             forget=[k for k in st.session_state if str(k).startswith("new_pay_")])
