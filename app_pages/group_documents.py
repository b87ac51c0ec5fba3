"""«Документы группы»: orders, sheets, badges, certificates and letters as PDF (000 §1.7–6.4)."""

import streamlit as st

import ui
from core.documents import GROUP_DOCUMENTS, group_context
from core.enrollment.documents import sed_letters as sed
from core.enrollment.documents.context import GROUP_OPTIONAL, GROUP_TABS
from core.platform.display import count
from core.platform.errors import EduDeskError

st.title("Документы группы")
wb = ui.workbook(*GROUP_TABS, optional=GROUP_OPTIONAL)
left, right = st.columns(2)
code = ui.choose("Группа", [r.item.code for r in wb.items("Группы") if r.item.code], key="doc_group", where=left,
                 empty="Групп пока нет. Сформируйте их на странице «Группы и сроки» или внесите на лист «Группы».")
kind = right.selectbox("Документ", list(GROUP_DOCUMENTS), key="doc_kind", format_func=lambda k: GROUP_DOCUMENTS[k].title)
ctx = group_context(wb, code)
document = GROUP_DOCUMENTS[kind]
people = count(len(ctx.listeners), "слушатель", "слушателя", "слушателей")
st.caption(f"«{ui.esc(ctx.program_name or ctx.group.program_code)}», {people}. Данные учреждения — с листа «Настройки».")

missing = document.missing(ctx)
if missing:
    st.warning(f"«{document.title}» пока не сформировать: {ui.esc('; '.join(missing))}.", icon=":material/edit_note:")
elif st.button("Сформировать PDF", key="build_pdf", type="primary", icon=":material/description:"):
    bar = st.progress(0.0, text="Готовлю документ…")
    try:
        data = document.render(ctx, progress=lambda i, n: bar.progress(i / n, text=f"Страница {i} из {n}"))
        st.session_state["pdf"] = (code, kind, f"{document.title} — {code}.pdf", data)
        bar.progress(1.0, text="Готово")
    except EduDeskError as exc:
        bar.empty()
        st.session_state.pop("pdf", None)
        st.error(ui.said(exc))

made = st.session_state.get("pdf")
if made and made[:2] == (code, kind):  # only the document of the group and kind on screen
    st.download_button(f"Скачать «{made[2]}»", made[3], file_name=made[2], mime="application/pdf", key="download_pdf",
                       icon=":material/download:")

st.subheader("Письмо учредителю для СЭД «Садко»")
st.caption("Список группы на согласование учредителю (Стандарт, п. 1.6): PDF для регистрации или Word для правки.")
left, right = st.columns(2)
today = ui.today()
ui.document_button("Письмо учредителю (PDF)", lambda: sed.founder_letter(wb, code), f"письмо_учредителю_{code}.pdf",
                   key="founder_pdf", where=left, render=lambda letter: sed.to_pdf(wb, letter, today))
ui.document_button("Письмо учредителю (.docx)", lambda: sed.founder_letter(wb, code), f"письмо_учредителю_{code}.docx",
                   key="founder_docx", where=right, render=lambda letter: sed.to_docx(wb, letter, today),
                   mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
