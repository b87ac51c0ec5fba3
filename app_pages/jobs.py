"""«Задания по расписанию» (администратор): what runs by itself, when it last ran and how, and a run now."""

import streamlit as st

import ui
from core.jobs import runner

st.title("Задания по расписанию")
st.caption("Их выполняет отдельный процесс сервера (edudesk jobs serve), а не страницы: «Проверка» обновляется, "
           "сводка и письма уходят, копия книги делается в срок, каждое — один раз, даже после перезапуска. "
           "Каждый запуск записывается в «Журнал».")
ui.workbook("Журнал")  # the jobs work on the workbook: a damaged one is said here as on every page
settings = ui.settings()
now = runner.now_in(settings)
rows = runner.table(settings, now)
ui.table(rows, wide=("Что", "Сообщение"), key="jobs")
beat = runner.heartbeat(settings)
if beat is None:
    st.info("Процесс заданий ещё не запускался на этом сервере: на сервере его запускает служба edudesk-jobs "
            "(README, «Сервер»), на своём компьютере — edudesk jobs serve.", icon=":material/schedule:")
elif (now - beat).total_seconds() > 15 * 60:
    st.warning(f"Процесс заданий не отвечал с {beat:%d.%m.%Y %H:%M}: проверьте службу edudesk-jobs.",
               icon=":material/sync_problem:")
left, right = st.columns([2, 1])
name = left.selectbox("Задание", [r["Задание"] for r in rows], key="job_name",
                      format_func=lambda n: next(r["Что"] for r in rows if r["Задание"] == n))
if right.button("Выполнить сейчас", key="job_run", type="primary"):
    with st.spinner("Выполняю…"):
        outcome = runner.run_now(ui.get_store(), settings, name, now, f"{ui.user().email} (страница заданий)")
    ui.refresh()
    (st.success if outcome.outcome == "выполнено" else st.error)(f"{outcome.outcome}: {ui.said(outcome.message)}")
