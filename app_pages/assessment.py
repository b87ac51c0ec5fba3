"""«Оценочные процедуры»: groups of at most 8, observers, invitations, reports (000 ч. 2, разд. 1)."""

from datetime import timedelta

import streamlit as st

import ui
from core.assessment import observers_needed, plan_sessions, reports_needed

st.title("Оценочные процедуры")
wb = ui.workbook("Оценка_кандидаты", "Оценка_сессии", "Оценка_участники")
today = ui.today()
candidates = {r.item.id: r.item for r in wb.items("Оценка_кандидаты")}
participation = [r.item for r in wb.items("Оценка_участники")]

st.page_link("app_pages/mailings.py", label="Разослать приглашения и уведомления о готовности отчётов", icon=":material/mail:")
plan_tab, sessions_tab, reports_tab = st.tabs(["План групп", "Сессии и сроки", "Какие отчёты нужны"])
with plan_tab:
    in_sessions = {p.candidate_id for p in participation}
    free = [c for c in candidates.values() if c.id not in in_sessions]
    st.caption("Кандидаты группируются по виду оценки, не более 8 в группе, не более 2 оцениваемых на наблюдателя (п. 1.3).")
    if not candidates:
        st.info("На листе «Оценка_кандидаты» нет кандидатов: внесите их (ФИО, вид оценки, цель) — здесь появится "
                "разбивка на группы.", icon=":material/info:")
    st.write(f"Кандидатов без сессии: **{len(free)}**.")
    for number, session in enumerate(plan_sessions(free), start=1):
        st.write(f"Группа {number}: {ui.esc(session.kind)} — {len(session.candidates)} чел., "
                 f"наблюдателей: {session.observers}")

with sessions_tab:
    sizes = {}
    for p in participation:
        sizes[p.session_code] = sizes.get(p.session_code, 0) + 1
    ui.table([{
        "Сессия": s.code, "Вид": s.kind.value if s.kind else "", "Дата": s.held_on,
        "Кандидатов": sizes.get(s.code, 0), "Наблюдателей": s.observers,
        "Нужно наблюдателей": observers_needed(sizes.get(s.code, 0)),
        "Пригласить до": s.held_on - timedelta(days=7) if s.held_on else None, "Приглашение": s.invited,
        "Отчёты до": s.held_on + timedelta(days=14) if s.held_on else None, "Отчёты готовы": s.reports_ready,
        "Обратная связь": s.feedback, "Отчёты переданы": s.reports_given}
        for s in (r.item for r in wb.items("Оценка_сессии"))],
        empty="Сессий пока нет: внесите их на лист «Оценка_сессии» (код, вид, дата).")
    st.caption("Приглашение — не позднее чем за 7 дней (п. 2.1); отчёты — в течение 2 недель (п. 4.2); "
               "передаются только после обратной связи (п. 4.5). Нарушения — на странице «Проверка данных».")

with reports_tab:
    ui.table([{
        "Сессия": p.session_code, "Кандидат": candidates[p.candidate_id].full_name if p.candidate_id in candidates else p.candidate_id,
        "Цель": candidates[p.candidate_id].goal.value if p.candidate_id in candidates and candidates[p.candidate_id].goal else "",
        "Отчёты": ", ".join(reports_needed(candidates[p.candidate_id], p)) if p.candidate_id in candidates else ""}
        for p in participation], empty="Участников сессий пока нет (лист «Оценка_участники»).", wide=("Отчёты",))
    st.caption("Индивидуальный отчёт — всегда; для заказчика — по запросу; краткий для руководителя ОИВ — "
               "при оценке для замещения вакантной должности (п. 4.1).")
