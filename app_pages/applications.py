"""«Заявки»: the application form to send out, filled forms read back and appended (000 §1.2–1.4)."""

import streamlit as st

import ui
from core.enrollment.application_form import (
    APPLICATION_NUMBERS,
    application_rows,
    build_form,
    read_form,
    validate,
)
from core.enrollment.documents import sed_letters as sed
from core.platform.display import count
from core.platform.errors import EduDeskError

st.title("Заявки на обучение")
wb = ui.workbook("Программы", "Заявки", "Настройки")
programs = [r.item for r in wb.items("Программы") if r.item.code]
if not programs:
    st.info("На листе «Программы» нет ни одной программы. Внесите программы (код, наименование, объём, форма "
            "обучения) — форма сбора заявок и письмо строятся по ним.", icon=":material/info:")
    st.stop()

st.subheader("1. Форма сбора заявок")
st.caption("Приложите форму к письму о сборе заявок (000 п. 1.2). В ней — список программ и категорий слушателей.")
names = {p.code: p.name or "" for p in programs}
chosen = st.multiselect("Программы в форме", list(names), default=list(names), key="form_programs",
                        format_func=lambda c: f"{c} — {names[c]}", placeholder="выберите программы")
if chosen:
    st.download_button("Скачать форму (.xlsx)", build_form([p for p in programs if p.code in chosen]),
                       file_name="форма_заявки.xlsx", key="download_form", icon=":material/download:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
else:
    st.caption("Выберите хотя бы одну программу, чтобы скачать форму.")

left, right = st.columns(2)
today = ui.today()
ui.document_button("Письмо о сборе заявок для СЭД (PDF)", lambda: sed.applications_request(wb),
                   "письмо_о_сборе_заявок.pdf", key="request_pdf", where=left,
                   render=lambda letter: sed.to_pdf(wb, letter, today))
ui.document_button("Письмо о сборе заявок (.docx)", lambda: sed.applications_request(wb), "письмо_о_сборе_заявок.docx",
                   key="request_docx", where=right, render=lambda letter: sed.to_docx(wb, letter, today),
                   mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")

st.subheader("2. Загрузить заполненные формы")
if not ui.user().can_write:
    st.info("Заполненные формы загружают сотрудники и менеджеры: в них персональные данные слушателей.")
    st.stop()
files = st.file_uploader("Формы .xlsx (можно несколько)", type=["xlsx"], accept_multiple_files=True, key="forms")
rows = []
for upload in files or []:
    try:
        rows += read_form(upload.name, upload.getvalue())
    except EduDeskError as exc:  # not a form, or refused before reading (core.platform.uploads)
        st.error(ui.said(exc))
if rows:
    validate(rows, programs, [r.item for r in wb.items("Заявки")])
    good = [r for r in rows if r.ok]
    st.write(f"Строк в формах: **{len(rows)}**, готовы к записи: **{len(good)}**, с замечаниями: **{len(rows) - len(good)}**.")
    ui.table([{"Файл": r.source, "Строка": r.row, "ФИО": r.name, "Программа": r.values.get("Код программы"),
               "Замечания": "; ".join(r.problems) or "—"} for r in rows], wide=("Замечания",), key="preview")
    if good and st.button(f"Добавить {count(len(good), 'заявку', 'заявки', 'заявок')} на лист «Заявки»",
                          key="append_applications", type="primary"):
        new_rows = application_rows(good, [r.item.number for r in wb.items("Заявки")], ui.today(),
                                    wb["Заявки"].data.headers)
        ui.write(lambda store: store.append("Заявки", new_rows, numbering=APPLICATION_NUMBERS),
                 lambda rows: f"Добавлено: {count(len(rows), 'заявка', 'заявки', 'заявок')} "
                              f"(№ {rows[0]['№ заявки']} – {rows[-1]['№ заявки']}).", forget=("forms",))
