"""«Оценочные процедуры»: groups of at most 8 written as sessions, steps marked, reports (000 ч. 2, разд. 1)."""

from datetime import timedelta

import streamlit as st

import ui
from core.assessment.flow import STEPS, SessionDraft, check_session, mark_step, schedule, step_values
from core.assessment.rules import observers_needed, plan_sessions, reports_needed
from core.platform.display import count
from core.platform.errors import EduDeskError
from core.records.edit import check_edit
from ui.record_fields import may_write

st.title("Оценочные процедуры")
wb = ui.workbook("Оценка_кандидаты", "Оценка_сессии", "Оценка_участники")
today = ui.today()
tabs = ui.read(ui.ALL_TABS).tabs
person = ui.user()
candidates = {r.item.id: r.item for r in wb.items("Оценка_кандидаты")}
participation = [r.item for r in wb.items("Оценка_участники")]
sessions = [r.item for r in wb.items("Оценка_сессии")]


def confirmed_to_write(found, key: str) -> bool:
    return may_write(found, key, "Так записать нельзя: исправьте и проверьте снова.")


def session_form(number: int, proposed) -> None:
    ids = tuple(c.id for c in proposed.candidates)
    key = f"asm_{ids[0]}"
    title = f"Группа {number}: {ui.esc(proposed.kind)} — {len(ids)} чел., наблюдателей: {proposed.observers}"
    with st.expander(title, expanded=number == 1):
        st.caption("Кандидаты: " + ", ".join(ui.esc(f"{c.id} {c.full_name}") for c in proposed.candidates))
        if not person.can_write:
            st.caption(f"Роль «{person.role.value}» только просматривает: сессию записывают сотрудники и менеджеры.")
            return
        with st.form(key):
            left, right = st.columns(2)
            held = left.date_input("Дата процедуры", value=None, min_value=today, format="DD.MM.YYYY",
                                   key=f"{key}_date", help="Приглашение — не позднее чем за 7 дней (п. 2.1)")
            observers = right.number_input("Наблюдателей", min_value=0, value=proposed.observers, step=1,
                                           key=f"{key}_observers", help="Не более двух оцениваемых на одного (п. 1.3)")
            place = left.text_input("Место", key=f"{key}_place")
            moderator = right.text_input("Ведущий", key=f"{key}_moderator")
            if st.form_submit_button("Проверить", icon=":material/fact_check:"):
                st.session_state[f"{key}_draft"] = SessionDraft(proposed.kind, ids, held, int(observers), place,
                                                                moderator)
        draft = st.session_state.get(f"{key}_draft")
        if draft is None:
            return
        if draft.held_on is None:
            st.error("Укажите дату процедуры.", icon=":material/edit_note:")
            return
        found = check_session(tabs, draft, today)
        if confirmed_to_write(found, key) and st.button("Записать сессию и участников", key=f"{key}_write",
                                                        type="primary", icon=":material/save:"):
            ui.write(lambda store: schedule(store, draft, today, confirmed_warnings=bool(found)),
                     lambda code: f"Записана сессия {code}: {count(len(ids), 'кандидат', 'кандидата', 'кандидатов')}, "
                                  f"{draft.held_on:%d.%m.%Y}. Пригласите до {draft.held_on - timedelta(days=7):%d.%m.%Y}.",
                     forget=[k for k in st.session_state if str(k).startswith(key)])


def step_form() -> None:
    codes = [s.code for s in sessions if s.code]
    if not codes or not person.can_write:
        return
    st.subheader("Отметить этап")
    with st.form("asm_step"):
        left, middle, right = st.columns(3)
        code = left.selectbox("Сессия", codes, index=None, placeholder="выберите", key="asm_step_session")
        step = middle.selectbox("Этап", list(STEPS), index=None, placeholder="выберите", key="asm_step_kind",
                                format_func=lambda s: STEPS[s])
        day = right.date_input("Дата", value=today, format="DD.MM.YYYY", key="asm_step_date")
        submitted = st.form_submit_button("Проверить", icon=":material/fact_check:")
    if submitted:
        st.session_state["asm_step_draft"] = (code, step, day)
    code, step, day = st.session_state.get("asm_step_draft") or (None, None, None)
    if not code or not step:
        if submitted:
            st.error("Выберите сессию и этап.", icon=":material/edit_note:")
        return
    try:
        opened, values = step_values(tabs, code, step, day)
    except EduDeskError as exc:
        st.error(ui.said(exc), icon=":material/event_busy:")
        return
    found, _ = check_edit(tabs, opened, values, today)
    if confirmed_to_write(found, "asm_step") and st.button(f"Записать: {code} — {STEPS[step]}, {day:%d.%m.%Y}",
                                                           key="asm_step_write", type="primary", icon=":material/save:"):
        ui.write(lambda store: mark_step(store, tabs, code, step, day, today, confirmed_warnings=bool(found)),
                 f"{code}: {STEPS[step]} — {day:%d.%m.%Y}.", forget=["asm_step_draft", "asm_step_confirm"])


st.page_link("app_pages/mailings.py", label="Разослать приглашения и уведомления о готовности отчётов", icon=":material/mail:")
plan_tab, sessions_tab, reports_tab = st.tabs(["План групп", "Сессии и сроки", "Какие отчёты нужны"])
with plan_tab:
    in_sessions = {p.candidate_id for p in participation}
    free = [c for c in candidates.values() if c.id not in in_sessions]
    st.caption("Кандидаты группируются по виду оценки, не более 8 в группе, не более 2 оцениваемых на наблюдателя "
               "(п. 1.3). Укажите дату — сессия и её участники запишутся одной записью, с кодом «ОП-…».")
    if not candidates:
        st.info("На листе «Оценка_кандидаты» нет кандидатов: внесите их (ФИО, вид оценки, цель) — здесь появится "
                "разбивка на группы.", icon=":material/info:")
    st.write(f"Кандидатов без сессии: **{len(free)}**.")
    for number, proposed in enumerate(plan_sessions(free), start=1):
        session_form(number, proposed)

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
        for s in sessions],
        empty="Сессий пока нет: внесите их на лист «Оценка_сессии» (код, вид, дата).")
    st.caption("Приглашение — не позднее чем за 7 дней (п. 2.1); отчёты — в течение 2 недель (п. 4.2); "
               "передаются только после обратной связи (п. 4.5). Нарушения — на странице «Проверка данных».")
    step_form()

with reports_tab:
    ui.table([{
        "Сессия": p.session_code, "Кандидат": candidates[p.candidate_id].full_name if p.candidate_id in candidates else p.candidate_id,
        "Цель": candidates[p.candidate_id].goal.value if p.candidate_id in candidates and candidates[p.candidate_id].goal else "",
        "Отчёты": ", ".join(reports_needed(candidates[p.candidate_id], p)) if p.candidate_id in candidates else ""}
        for p in participation], empty="Участников сессий пока нет (лист «Оценка_участники»).", wide=("Отчёты",))
    st.caption("Индивидуальный отчёт — всегда; для заказчика — по запросу; краткий для руководителя ОИВ — "
               "при оценке для замещения вакантной должности (п. 4.1).")
