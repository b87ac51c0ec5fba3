"""«Демэкзамен: жеребьёвка»: workplaces dealt at random with a visible seed, the protocol (003 п. 9.11)."""

import secrets

import streamlit as st

import ui
from core.documents.exam_docs import draw_protocol
from core.errors import EduDeskError
from core.exam_calc import draw
from core.store import snapshot_at

st.title("Распределение рабочих мест")
wb = ui.workbook()
exams = {r.item.code: r.item for r in wb.items("ДЭ_график")}
code = st.selectbox("Экзамен", list(exams), key="draw_exam")
exam = exams[code]
rows = [r for r in wb.items("ДЭ_участники") if r.item.exam_code == code and r.item.present is not False]
st.write(f"Присутствуют: **{len(rows)}** (отсутствующие исключены, п. 7.9), рабочих мест: **{exam.workplaces or 0}**.")
if "draw_seed" not in st.session_state:
    st.session_state["draw_seed"] = secrets.randbelow(900_000) + 100_000
seed = st.number_input("Число жеребьёвки (seed): с тем же числом распределение повторится", min_value=0,
                       step=1, key="draw_seed")
try:
    assignment = draw([r.item.full_name for r in rows], exam.workplaces or 0, int(seed))
except EduDeskError as exc:
    st.error(str(exc))
    st.stop()
ui.table([{"ФИО": name, "Рабочее место": place} for name, place in sorted(assignment.items(), key=lambda kv: kv[1])])
st.download_button("Протокол распределения (PDF)", lambda: draw_protocol(wb, code, assignment, int(seed), ui.today()),
                   file_name=f"протокол_жеребьёвки_{code}.pdf", mime="application/pdf", key="draw_pdf",
                   icon=":material/picture_as_pdf:")
if st.button("Записать места в «ДЭ_участники»", key="draw_save", type="primary"):
    tab = ui.read(["ДЭ_участники"]).tabs["ДЭ_участники"]
    updates = [(snapshot_at(tab, r.row), {"Рабочее место": assignment[r.item.full_name]}) for r in rows]
    ui.write(lambda store: store.update_many("ФИО", updates), f"Записано мест: {len(updates)} (seed {int(seed)}).")
