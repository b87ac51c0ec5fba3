"""«Документы группы»: orders, sheets, badges, certificates and letters as PDF (000 §1.7–6.4)."""

import streamlit as st

import ui
from core.documents import GROUP_DOCUMENTS, group_context
from core.documents import sed_letters as sed
from core.errors import EduDeskError

st.title("Документы группы")
wb = ui.workbook()
codes = [r.item.code for r in wb.items("Группы") if r.item.code]
left, right = st.columns(2)
code = left.selectbox("Группа", codes, key="doc_group")
kind = right.selectbox("Документ", list(GROUP_DOCUMENTS), key="doc_kind", format_func=lambda k: GROUP_DOCUMENTS[k].title)
ctx = group_context(wb, code)
st.caption(f"«{ctx.program_name}», {len(ctx.listeners)} слушателей. Данные учреждения — с листа «Настройки».")

if st.button("Сформировать PDF", key="build_pdf", type="primary", icon=":material/description:"):
    document = GROUP_DOCUMENTS[kind]
    bar = st.progress(0.0, text="Готовлю документ…")
    try:
        data = document.render(ctx, progress=lambda i, n: bar.progress(i / n, text=f"Страница {i} из {n}"))
        st.session_state["pdf"] = (f"{document.title} — {code}.pdf", data)
        bar.progress(1.0, text="Готово")
    except EduDeskError as exc:
        bar.empty()
        st.session_state.pop("pdf", None)
        st.error(str(exc))

st.subheader("Письмо учредителю для СЭД «Садко»")
st.caption("Список группы на согласование учредителю (Стандарт, п. 1.6): PDF для регистрации или Word для правки.")
left, right = st.columns(2)
ui.pdf_button("Письмо учредителю (PDF)", lambda: sed.to_pdf(wb, sed.founder_letter(wb, code), ui.today()),
              f"письмо_учредителю_{code}.pdf", key="founder_pdf", where=left)
try:
    right.download_button("Письмо учредителю (.docx)", sed.to_docx(wb, sed.founder_letter(wb, code), ui.today()),
                          file_name=f"письмо_учредителю_{code}.docx", key="founder_docx", icon=":material/description:")
except EduDeskError as exc:
    right.caption(str(exc))

if "pdf" in st.session_state:
    name, data = st.session_state["pdf"]
    st.download_button(f"Скачать «{name}»", data, file_name=name, mime="application/pdf", key="download_pdf",
                       icon=":material/download:")
