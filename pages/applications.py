"""«Заявки»: the application form to send out, filled forms read back and appended (000 §1.2–1.4)."""

import pandas as pd
import streamlit as st

import ui
from core.application_form import (
    APPLICATION_NUMBERS,
    FormError,
    application_rows,
    build_form,
    read_form,
    validate,
)
from core.documents import sed_letters as sed

st.title("Заявки на обучение")
wb = ui.workbook()
programs = [r.item for r in wb.items("Программы")]

st.subheader("1. Форма сбора заявок")
st.caption("Приложите форму к письму о сборе заявок (000 п. 1.2). В ней — список программ и категорий слушателей.")
chosen = st.multiselect("Программы в форме", [p.code for p in programs], default=[p.code for p in programs],
                        key="form_programs", format_func=lambda c: f"{c} — {next(p.name for p in programs if p.code == c)}")
st.download_button("Скачать форму (.xlsx)", build_form([p for p in programs if p.code in chosen]),
                   file_name="форма_заявки.xlsx", key="download_form", icon=":material/download:",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

left, right = st.columns(2)
ui.pdf_button("Письмо о сборе заявок для СЭД (PDF)", lambda: sed.to_pdf(wb, sed.applications_request(wb), ui.today()),
              "письмо_о_сборе_заявок.pdf", key="request_pdf", where=left)
right.download_button("Письмо о сборе заявок (.docx)", lambda: sed.to_docx(wb, sed.applications_request(wb), ui.today()),
                      file_name="письмо_о_сборе_заявок.docx", key="request_docx", icon=":material/description:")

st.subheader("2. Загрузить заполненные формы")
files = st.file_uploader("Формы .xlsx (можно несколько)", type=["xlsx"], accept_multiple_files=True, key="forms")
rows = []
for upload in files or []:
    try:
        rows += read_form(upload.name, upload.getvalue())
    except FormError as exc:
        st.error(str(exc))
if rows:
    validate(rows, programs, [r.item for r in wb.items("Заявки")])
    good = [r for r in rows if r.ok]
    st.write(f"Строк в формах: **{len(rows)}**, готовы к записи: **{len(good)}**, с замечаниями: **{len(rows) - len(good)}**.")
    st.dataframe(pd.DataFrame([{"Файл": r.source, "Строка": r.row, "ФИО": r.name,
                                "Программа": r.values.get("Код программы"),
                                "Замечания": "; ".join(r.problems) or "—"} for r in rows]),
                 hide_index=True, width="stretch", key="preview")
    if good and st.button(f"Добавить {len(good)} заявок на лист «Заявки»", key="append_applications", type="primary"):
        new_rows = application_rows(good, [r.item.number for r in wb.items("Заявки")], ui.today())
        ui.write(lambda store: store.append("Заявки", new_rows, numbering=APPLICATION_NUMBERS),
                 lambda rows: f"Добавлено заявок: {len(rows)} (№ {rows[0]['№ заявки']} – {rows[-1]['№ заявки']}).")
