"""«Карточка услуги»: the action timeline from T and E, changes, payments, and whether documents may be issued."""

import streamlit as st

import ui
from core.paid.documents import change_memo, cost_calculation, price_memo, unplanned_memo
from core.paid.flow import record_change, record_payment, was_of
from core.paid.rules import by_service, issue_blocked, mark_step, paid_and_due, timeline
from core.paid.timeline import ISSUE_STEPS
from core.platform.errors import CellError
from core.platform.money import format_rub
from core.records.cells import read_decimal
from core.records.form import RecordRefused
from core.records.ranges import out_of_range
from core.store.base import canonical
from sheets_schema import TAB_BY_NAME
from sheets_schema.enums import ChangeKind
from ui.record_fields import findings_table


def change_form(service) -> None:
    with st.expander("Записать изменение (служебная записка, прил. 5/6)"):
        kind = st.selectbox("Что меняется", [k.value for k in ChangeKind], key="card_change_kind")
        with st.form("card_change"):
            memo = st.date_input("Дата служебной записки", value=today, format="DD.MM.YYYY", key="card_change_date")
            memo_number = st.text_input("№ служебной записки", key="card_change_number",
                                        help="Печатается в записке после даты; пусто — место, чтобы вписать от руки")
            was = st.text_input("Было", value=was_of(service, ChangeKind(kind)), key=f"card_change_was_{service.code}_{kind}")
            becomes = st.text_input("Стало *", key="card_change_becomes",
                                    placeholder={"сроки": "с 25.01.2027 по 29.01.2027", "стоимость": "230 000,00 ₽"}
                                    .get(kind, ""))
            reason = st.text_input("Причина (основание)", key="card_change_reason",
                                   help="Печатается в записке вместо пустой строки «Основание»")
            confirmed = st.checkbox("Записать и при предупреждениях", key="card_change_confirm")
            if st.form_submit_button("Записать изменение", icon=":material/save:"):
                findings_or_write(lambda store: record_change(store, service.code, ChangeKind(kind), memo, was, becomes,
                                                              reason, today, confirmed, memo_number),
                                  f"Изменение ({kind}) записано: записка — в «Документы» ниже.",
                                  ["card_change_becomes", "card_change_reason", "card_change_number",
                                   "card_change_confirm"])


def payment_form(service) -> None:
    contracts = [p.item.contract for p in by_service(wb, "ПОУ_оплаты").get(canonical(service.code).casefold(), [])
                 if p.item.contract]
    with st.expander("Записать оплату"):
        with st.form("card_payment"):
            contract = st.selectbox("Договор", contracts, index=0 if contracts else None, accept_new_options=True,
                                    placeholder="выберите или введите новый", key=f"card_pay_contract_{service.code}")
            paid_now = st.text_input("Оплачено сейчас, ₽ *", key="card_pay_amount", placeholder="например, 40 000,00")
            paid_on = st.date_input("Дата оплаты", value=today, format="DD.MM.YYYY", key="card_pay_date")
            payer = st.text_input("Плательщик (для нового договора)", key=f"card_pay_payer_{service.code}",
                                  value=service.customer or "")
            total = st.text_input("Сумма по договору, ₽ (для нового договора)", key="card_pay_total")
            signed = st.date_input("Дата договора (для нового договора)", value=None, format="DD.MM.YYYY",
                                   key="card_pay_contract_date", help="Печатается в смете (прил. 7): «к договору № … от …»")
            confirmed = st.checkbox("Записать и при предупреждениях", key="card_pay_confirm")
            if st.form_submit_button("Записать оплату", icon=":material/payments:"):
                try:
                    amount, whole = read_decimal(paid_now), read_decimal(total)
                except CellError as exc:
                    st.error(f"Сумма: {ui.said(exc)}.")
                    return
                if amount is None or not contract:
                    st.error("Укажите договор и сумму оплаты.")
                    return
                column = TAB_BY_NAME["ПОУ_оплаты"].column("amount")  # an amount: above zero, in kopecks
                if why := next(filter(None, (out_of_range(column, h, v) for h, v in (
                        ("Оплачено сейчас, ₽", amount), ("Сумма по договору, ₽", whole)) if v is not None)), None):
                    st.error(why)
                    return
                findings_or_write(lambda store: record_payment(store, service.code, contract, amount, paid_on, today,
                                                               payer or None, whole, confirmed, signed),
                                  lambda paid: f"Оплата по договору {contract} записана: всего оплачено "
                                               f"{format_rub(paid)}.",
                                  ["card_pay_amount", "card_pay_total", "card_pay_contract_date", "card_pay_confirm"])


def findings_or_write(action, done, forget) -> None:
    """The write; when the rules refuse it, its findings are shown with rule and clause."""
    refused = []

    def guarded(store):
        try:
            return action(store)
        except RecordRefused as exc:
            refused.append(exc)
            raise

    ui.write(guarded, done, forget=forget)
    if refused and refused[0].findings:
        findings_table(refused[0].findings, key=f"{forget[0]}_findings")


st.title("Карточка услуги")
writer = ui.user().can_write
wb = ui.workbook("ПОУ_услуги", "ПОУ_этапы", "ПОУ_оплаты", "ПОУ_изменения", "ПОУ_заявки", "ПОУ_ставки", "Настройки")
today = ui.today()
services = {r.item.code: r.item for r in wb.items("ПОУ_услуги") if r.item.code}
code = ui.choose("Услуга", list(services), key="card_service", format_func=lambda c: f"{c} — {services[c].name or ''}",
                 empty="Платных услуг пока нет: внесите их на лист «ПОУ_услуги» (страница «План ПОУ» покажет план).")
s = services[code]
paid, due = paid_and_due(wb).get(canonical(code).casefold(), (0, 0))
left, middle, right = st.columns(3)
left.metric("Сроки", f"{s.start:%d.%m}–{s.end:%d.%m.%Y}" if s.start and s.end else "не указаны")
middle.metric("Оплачено", format_rub(paid), help=f"По договорам: {format_rub(due)}")
right.metric("Место", s.place.value if s.place else "не указано")

steps = timeline(wb, s)
st.subheader("Порядок действий")
ui.table([{"Шаг": st_.key, "Действие": st_.title, "Исполнитель": st_.who, "Срок": st_.due, "Выполнено": st_.done,
           "Состояние": st_.status(today)} for st_ in steps],
         column_config={"Шаг": st.column_config.TextColumn("Шаг", width="small"),
                        "Действие": st.column_config.TextColumn("Действие", width="large"),
                        "Исполнитель": st.column_config.TextColumn("Исполнитель", width="small")})
blocked = issue_blocked(wb, code)
if blocked:
    st.warning(blocked)
open_steps = [x for x in steps if not x.done and not (x.key in ISSUE_STEPS and blocked)]
if not open_steps:
    waiting = [x.key for x in steps if not x.done]
    if waiting:
        st.info(f"Отметить сейчас нечего: шаги {', '.join(waiting)} — после полной оплаты.")
    else:
        st.success("Все шаги выполнены.")
else:
    with st.form("mark_step"):
        step = st.selectbox("Отметить выполненным", [x.key for x in open_steps], key="card_step", index=None,
                            placeholder="Выберите шаг",
                            format_func=lambda k: f"{k}: {next(x.title for x in steps if x.key == k)}")
        day = st.date_input("Дата", value=today, format="DD.MM.YYYY", key="card_step_date")
        if st.form_submit_button("Отметить"):
            if step is None:
                st.error("Выберите шаг, который выполнен.")
            else:
                ui.write(lambda store: mark_step(store, code, step, day), f"Шаг {step} отмечен выполненным.",
                         forget=("card_step",))

left, right = st.columns(2)
with left:
    st.subheader("Изменения")
    ui.table([{"Что": c.item.kind.value if c.item.kind else "", "Записка": c.item.memo_date, "Было": c.item.was,
               "Стало": c.item.becomes, "Причина": c.item.reason}
              for c in by_service(wb, "ПОУ_изменения").get(canonical(code).casefold(), [])],
             empty="Изменений не было.")
    st.caption("На территории заказчика записка — не позднее чем за 2 недели до начала; в Учреждении — до рассылки "
               "информационного письма (п. 5.1). Нарушения — на странице «Проверка данных».")
    if writer:
        change_form(s)
with right:
    st.subheader("Договоры и оплаты")
    ui.table([{"Договор": p.item.contract, "Плательщик": p.item.payer, "Сумма": format_rub(p.item.amount or 0),
               "Оплачено": format_rub(p.item.paid or 0), "Дата": p.item.paid_on}
              for p in by_service(wb, "ПОУ_оплаты").get(canonical(code).casefold(), [])],
             empty="Договоров и оплат пока нет (лист «ПОУ_оплаты»).")
    if writer:
        payment_form(s)

st.subheader("Документы")
documents = (("Расчёт стоимости (прил. 2)", cost_calculation, "расчёт"),
             ("Записка о внеплановой услуге (прил. 4)", unplanned_memo, "внеплановая"),
             ("Записка об изменении (прил. 5)", change_memo, "изменение"),
             ("Записка об изменении стоимости (прил. 6)", price_memo, "стоимость"))
for column, (label, build, name) in zip(st.columns(len(documents)), documents, strict=True):
    ui.document_button(label, lambda b=build: wb.once(b, code), f"{name}_{code}.pdf", key=f"card_{name}", where=column)
