"""«Доход и выплаты»: the income split, the estimate (App 7), bonuses checked and proposed (002 §6–7)."""

from decimal import Decimal

import streamlit as st

import ui
from core.paid.money import bonus_proposal, estimate
from core.paid.rules import by_service, income_of
from core.paid.settlement_documents import bonus_memo, estimate_doc, protocol_extract, unpaid
from core.platform.display import percent
from core.platform.money import format_rub
from core.records.checks import about_rows
from core.store.base import canonical

st.title("Доход и стимулирующие выплаты")
wb = ui.workbook("ПОУ_услуги", "ПОУ_оплаты", "ПОУ_выплаты", "Настройки")
services = {r.item.code: r.item for r in wb.items("ПОУ_услуги") if r.item.code}
code = ui.choose("Услуга", list(services), key="split_service", format_func=lambda c: f"{c} — {services[c].name or ''}",
                 empty="Платных услуг пока нет: внесите их на лист «ПОУ_услуги».")
s = services[code]
income = income_of(wb, code)
waiting = unpaid(wb, code)
if waiting:
    st.info(f"Смета и выплаты — после полной оплаты: {waiting[0]}.", icon=":material/hourglass_top:")
    st.stop()
e = estimate(income, s.listeners or 0, s.hours or 0, internship=bool(s.internship))
st.subheader("Смета (прил. 7)")
ui.table([{"№": n, "Статья": name, "Сумма": format_rub(v)} for n, name, v in (
    ("1", f"Стимулирующие надбавки — {percent(e.share * 100, 0)} (в том числе):", e.stimulus), ("2", "ФОТ ППС", e.fot),
    ("3", "Начисления на ФОТ: 30,2 %", e.charges), ("4", f"Отчисления Учреждения — {percent(100 - e.share * 100, 0)}",
                                                      e.institution), ("5", "Всего", e.total))], wide=("Статья",))
st.caption("Доля кафедры 35 % (стажировка — до 45 %) включает начисления: ФОТ = доля / 1,302, начисления — остаток; "
           "строки сходятся с доходом до копейки (п. 6.1, прил. 7).")

bonus_rows = by_service(wb, "ПОУ_выплаты").get(canonical(code).casefold(), [])
bonuses = [r.item for r in bonus_rows]
st.subheader("Выплаты")
if bonuses:
    total = sum((b.amount or 0 for b in bonuses), Decimal(0))
    ui.table([{"ФИО": b.full_name, "Роль": b.role.value if b.role else "", "Часы": b.hours, "Сумма": format_rub(b.amount or 0),
               "% доли кафедры": percent((b.amount or 0) * 100 / e.stimulus) if e.stimulus else ""} for b in bonuses])
    st.write(f"Всего {format_rub(total)} из доли кафедры {format_rub(e.stimulus)}.")
    problems = about_rows(ui.findings(), wb["ПОУ_выплаты"], [r.row for r in bonus_rows])
    for f in problems:
        (st.error if f.severity == "ошибка" else st.warning)(ui.esc(f"{f.place}: {f.message} ({f.rule}, {f.clause})"))
    if not problems:
        st.success("Распределение соответствует п. 6.1–6.4.")
st.subheader("Предложение по часам")
people = [(b.full_name, b.role, b.hours or Decimal(0)) for b in bonuses]
proposal = bonus_proposal(e.stimulus, people, new_book=bool(s.with_new_book))
ui.table([{"ФИО": p.name, "Роль": p.role.value if p.role else "", "Часы": p.hours, "Сумма": format_rub(p.amount)}
          for p in proposal], empty="Исполнителей с часами пока нет (лист «ПОУ_выплаты»).")
st.caption("Заведующему — 4 %, организатору — 1 % и доля по часам, остальное — по отработанным часам; для семинаров с "
           "«Новой книгой» — 70 / 20 / 10 % (п. 6.3–6.4). Суммы — из доли кафедры, с начислениями.")

st.subheader("Документы")
documents = (("Смета (прил. 7)", estimate_doc, "смета"), ("Выписка из протокола (прил. 8)", protocol_extract, "протокол"),
             ("Записка о выплатах (прил. 9)", bonus_memo, "выплаты"))
for column, (label, build, name) in zip(st.columns(3), documents, strict=True):
    ui.document_button(label, lambda b=build: wb.once(b, code), f"{name}_{code}.pdf", key=f"split_{name}", where=column)
