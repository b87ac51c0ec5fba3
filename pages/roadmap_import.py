"""«Импорт дорожной карты»: a roadmap table from .txt, .xlsx or .docx, with the rows the importer doubts."""

import streamlit as st

import ui
from core.roadmap_import import ImportFormatError, assemble, read_rows, sheet_rows

st.title("Импорт дорожной карты")
st.caption("Таблица с колонками «№ п/п, Мероприятие, Ключевой результат, Срок реализации, Ответственный "
           "исполнитель, Документы». Повторы шапки на страницах и разорванные строки собираются; всё сомнительное "
           "показывается и помечается в столбце «Комментарий». Пункты, которые уже есть в таблице, не меняются.")
upload = st.file_uploader("Файл", type=["txt", "tsv", "xlsx", "docx"], key="rm_file")
if upload:
    try:
        report = assemble(read_rows(upload.name, upload.getvalue()))
    except ImportFormatError as exc:
        st.error(str(exc))
        st.stop()
    existing = {r.item.number for r in ui.workbook().items("Дорожная_карта")}
    rows, skipped = sheet_rows(report, existing)
    st.write(f"Пунктов: **{len(report.items)}**, новых: **{len(rows)}**, уже в таблице: **{len(skipped)}**, "
             f"сомнительных: **{len(report.doubtful)}**.")
    for item in report.doubtful:
        st.warning(f"{item.number}: {'; '.join(item.doubts)}")
    with st.expander(f"Что ещё сделал импорт ({len(report.notes)})"):
        for note in report.notes:
            st.write(note)
    ui.table([{"№": r["№"], "Этап": r["Этап"], "Мероприятие": r["Мероприятие"], "Срок": r["Срок реализации"]}
              for r in rows])
    if rows and st.button(f"Записать {len(rows)} пунктов", key="rm_import", type="primary"):
        ui.write(lambda store: store.append("Дорожная_карта", rows), f"Записано пунктов: {len(rows)}.")
