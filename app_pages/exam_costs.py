"""«Демэкзамен: расходы»: norm-based cost, plan against fact, the yearly cap with trimming, reports."""

from decimal import Decimal

import streamlit as st

import ui
from core.exam.calc import CAP, trim_to_cap
from core.exam.documents import (
    finance_or_refuse,
    report_app1,
    report_app1_xlsx,
    report_app2,
    report_app2_xlsx,
    report_rows,
    targets_report,
    targets_rows,
)
from core.exam.reports import timeline as report_timeline
from core.exam.rules import apply_trim, costs_by_exam, exams_of_year, year_budgets
from core.exam.state_reports import timeline as state_reports_timeline
from core.platform.errors import EduDeskError
from core.platform.money import format_rub
from core.store import snapshot_at

st.title("Демонстрационный экзамен: расходы")
wb = ui.workbook("ДЭ_график", "ДЭ_эксперты", "ДЭ_участники", "ДЭ_расходы", "Настройки", optional=("ДЭ_отчёты",))
years = sorted({r.item.start.year for r in wb.items("ДЭ_график") if r.item.start}) or [ui.today().year]
current = ui.today().year
year = st.selectbox("Финансовый год", years, index=years.index(current) if current in years else len(years) - 1,
                    key="cost_year")
exams = exams_of_year(wb, year)
plan, fact = costs_by_exam(wb), costs_by_exam(wb, fact=True)
ui.table([{"Экзамен": e.code, "Организация": e.organisation, "Вид": e.attestation.value if e.attestation else "",
           "Участников по плану": e.planned_participants, "План, ₽": format_rub(plan[e.code]),
           "Факт, ₽": format_rub(fact[e.code]) if fact[e.code] else "—"} for e in exams],
         empty=f"Экзаменов {year} года на листе «ДЭ_график» нет.")
total = sum((plan[e.code] for e in exams), Decimal(0))
st.caption("Нормативы п. 11.7: ГЭ 920 ₽/ч, Э и ТЭ 500 ₽/ч; начисления 30 % (ГПХ) или 30,2 % (штат); расходные "
           "материалы по КОД — с листа «ДЭ_расходы». Питание — не из средств госработы (п. 11.6).")

st.subheader("Лимит года")
cap = ui.decimal_input("Лимит, ₽ (п. 11.8.1: не более 300 000 000 ₽)", CAP, key="cost_cap")
if cap is None:
    st.stop()
st.write(f"Затраты {year} года по расчётам: **{format_rub(total)}**, лимит: **{format_rub(cap)}**.")
if total > cap:
    try:
        trims = trim_to_cap(year_budgets(wb, year), cap)
    except EduDeskError as exc:
        st.error(ui.said(exc))
        st.stop()
    st.warning("Расчёты превышают лимит: предлагается сократить участников промежуточной аттестации (ПА) "
               "пропорционально по организациям, целыми людьми; ГИА не сокращается (п. 11.8.3).")
    ui.table([{"Организация": t.organisation, "Участников ПА": t.before_participants, "Сократить": t.cut,
               "До, ₽": format_rub(t.before_cost), "После, ₽": format_rub(t.after_cost)} for t in trims])
    changes = apply_trim(exams, {t.organisation: t.cut for t in trims if t.cut})
    if changes and st.button("Применить сокращение к «Участников по плану»", key="apply_trim", type="primary"):
        tab = ui.read(["ДЭ_график"]).tabs["ДЭ_график"]
        rows = {r.item.code: r.row for r in wb.items("ДЭ_график")}
        updates = [(snapshot_at(tab, rows[e.code]), {"Участников по плану": n}) for e, n in changes]
        ui.write(lambda store: store.update_many("Код экзамена", updates), f"Изменено экзаменов: {len(updates)}.",
                 permission="apply_trim")
elif not exams:
    st.info(f"Экзаменов {year} года на листе «ДЭ_график» нет: сравнивать с лимитом нечего.", icon=":material/info:")
else:
    st.success("Затраты года укладываются в лимит.")

st.subheader("Отчёты")
organisations = sorted({e.centre or e.organisation for e in exams if e.centre or e.organisation})
if organisations:
    org = st.selectbox("Организация (ЦПДЭ) для приложения 1", organisations, key="report_org")
    left, right = st.columns(2)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    # composed now (a year or an organisation without exams is said at once), laid out on the click
    today, of_org = ui.today(), (lambda o=org, y=year: report_rows(wb, o, y))
    ui.document_button("Приложение 1: отчёт о проведении (PDF)", of_org, f"ДЭ_отчёт_{year}.pdf", key="app1_pdf",
                       where=left, render=lambda _, o=org, y=year: report_app1(wb, o, y, today))
    ui.document_button("Приложение 1 (.xlsx)", of_org, f"ДЭ_отчёт_{year}.xlsx", key="app1_xlsx", where=right,
                       mime=xlsx, render=lambda _, o=org, y=year: report_app1_xlsx(wb, o, y))
    ui.document_button("Приложение 2: финансирование (PDF)", lambda y=year: finance_or_refuse(wb, y),
                       f"ДЭ_финансирование_{year}.pdf", key="app2_pdf", where=left,
                       render=lambda _, y=year: report_app2(wb, y))
    ui.document_button("Приложение 2 (.xlsx)", lambda y=year: finance_or_refuse(wb, y),
                       f"ДЭ_финансирование_{year}.xlsx", key="app2_xlsx", where=right, mime=xlsx,
                       render=lambda _, y=year: report_app2_xlsx(wb, y))
    ui.document_button("П. 12.1: целевые показатели (PDF)", lambda o=org, y=year: targets_rows(wb, o, y),
                       f"ДЭ_целевые_показатели_{year}.pdf", key="targets_pdf", where=left,
                       render=lambda _, o=org, y=year: targets_report(wb, o, y, today))
    st.markdown(f"**Сроки отчётов {ui.esc(org)} за {year} год** (п. 12.2–12.7, 13; отметки — на листе «ДЭ_отчёты», "
                "форма — «Записи листов»)")
    steps = report_timeline(wb, org, year, ui.today()) + state_reports_timeline(wb, org, year, ui.today())
    ui.table([{"Пункт": s.step.clause.removeprefix("003 "), "Что": s.step.title, "Срок": s.due, "Выполнено": s.done,
               "Состояние": s.status} for s in steps], wide=("Что",))
