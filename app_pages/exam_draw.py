"""«Демэкзамен: жеребьёвка»: workplaces dealt at random as an explicit act, written with the draw's number, and
the protocol made from what was written — so the downloaded protocol and the sheet always agree (003 п. 9.11)."""

import secrets

import streamlit as st

import ui
from core.exam.calc import draw
from core.exam.documents import draw_protocol
from core.platform.display import count
from core.platform.errors import EduDeskError
from core.store import snapshot_at

st.title("Распределение рабочих мест")
wb = ui.workbook("ДЭ_график", "ДЭ_участники", "ДЭ_эксперты")
exams = {r.item.code: r for r in wb.items("ДЭ_график") if r.item.code}
code = ui.choose("Экзамен", list(exams), key="draw_exam",
                 empty="Экзаменов пока нет: внесите их на лист «ДЭ_график» (страница «График и сроки»).")
exam_row = exams[code]
exam = exam_row.item
rows = [r for r in wb.items("ДЭ_участники") if r.item.exam_code == code and r.item.present is not False]
st.write(f"Присутствуют: **{len(rows)}** (отсутствующие исключены, п. 7.9), рабочих мест: **{exam.workplaces or 0}**.")
if not rows:
    st.info(f"У экзамена {code} нет участников на листе «ДЭ_участники».")
    st.stop()

placed = {r.item.full_name: r.item.workplace for r in rows if r.item.workplace is not None}
keeps_number = "draw_number" in wb["ДЭ_график"].positions
if placed:
    st.subheader("Места распределены")
    ui.table([{"ФИО": name, "Рабочее место": place} for name, place in sorted(placed.items(), key=lambda kv: kv[1])])
    if exam.draw_number is not None:
        st.caption(f"Места по жеребьёвке, число жеребьёвки: {exam.draw_number} (лист «ДЭ_график»).")
    if len(placed) < len(rows):
        st.warning(f"Без места: {ui.esc(', '.join(r.item.full_name for r in rows if r.item.workplace is None))}. "
                   "Проведите жеребьёвку заново, чтобы места получили все присутствующие.")
    ui.document_button("Протокол распределения (PDF)", lambda: draw_protocol(wb, code, placed, exam.draw_number,
                                                                             ui.today()),
                       f"протокол_жеребьёвки_{code}.pdf", key="draw_pdf")
    again = st.checkbox("Состав участников изменился: провести жеребьёвку заново (прежние места заменятся)",
                        key="draw_again")
else:
    st.caption("Жеребьёвка проводится в присутствии участников: приложение выбирает случайное число, раздаёт по "
               "нему места и сразу записывает их на лист «ДЭ_участники»; протокол составляется по записанному.")
    again = True
if not keeps_number:
    st.warning("На листе «ДЭ_график» нет столбца «Число жеребьёвки»: добавьте его в первую строку, чтобы число "
               "сохранилось и жеребьёвку можно было повторить для проверки.")
if again and st.button("Провести жеребьёвку", key="draw_run", type="primary", icon=":material/casino:"):
    number = secrets.randbelow(900_000) + 100_000
    try:
        assignment = draw([r.item.full_name for r in rows], exam.workplaces or 0, number)
    except EduDeskError as exc:
        st.error(ui.said(exc))
        st.stop()
    tabs = ui.read(["ДЭ_участники", "ДЭ_график"]).tabs
    updates = [(snapshot_at(tabs["ДЭ_участники"], r.row), {"Рабочее место": assignment[r.item.full_name]})
               for r in rows]

    def save(store):
        store.update_many("ФИО", updates)
        if keeps_number:
            store.update(snapshot_at(tabs["ДЭ_график"], exam_row.row), "Код экзамена", {"Число жеребьёвки": number})

    ui.write(save, f"Жеребьёвка проведена, число жеребьёвки: {number}. Записано "
                   f"{count(len(updates), 'место', 'места', 'мест')}.", forget=("draw_again",))
