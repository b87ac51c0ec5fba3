"""«Импорт дорожной карты»: a roadmap table from .txt, .xlsx or .docx, with the rows the importer doubts."""

import streamlit as st

import ui
from core.platform.display import count
from core.platform.errors import EduDeskError
from core.roadmap.importer import assemble, read_rows, sheet_rows

st.title("Импорт дорожной карты")
st.caption("Таблица с колонками «№ п/п, Мероприятие, Ключевой результат, Срок реализации, Ответственный "
           "исполнитель, Документы». Повторы шапки на страницах и разорванные строки собираются; всё сомнительное "
           "показывается и помечается в столбце «Комментарий». Пункты записываются на лист «Дорожная_карта»; те, что "
           "уже есть, не меняются.")
wb = ui.workbook("Дорожная_карта")
if not ui.user().can_write:
    st.info("Импорт записывает пункты на лист «Дорожная_карта»: его выполняют сотрудники и менеджеры.")
    st.stop()
upload = st.file_uploader("Файл", type=["txt", "tsv", "xlsx", "docx"], key="rm_file")
if upload:
    try:
        report = assemble(read_rows(upload.name, upload.getvalue()))
    except EduDeskError as exc:  # not a table, or refused before reading (core.platform.uploads)
        st.error(ui.said(exc))
        st.stop()
    existing = {r.item.number for r in wb.items("Дорожная_карта")}
    rows, skipped = sheet_rows(report, existing)
    st.write(f"Пунктов: **{len(report.items)}**, новых: **{len(rows)}**, уже в таблице: **{len(skipped)}**, "
             f"сомнительных: **{len(report.doubtful)}**.")
    for item in report.doubtful:
        st.warning(ui.esc(f"{item.number}: {'; '.join(item.doubts)}"))
    with st.expander(f"Что ещё сделал импорт ({len(report.notes)})"):
        for note in report.notes:
            st.write(ui.esc(note))
    ui.table([{"№": r["№"], "Этап": r["Этап"], "Мероприятие": r["Мероприятие"], "Срок": r["Срок реализации"]}
              for r in rows], wide=("Мероприятие",), empty="Новых пунктов нет: все уже в таблице.")
    if rows and st.button(f"Записать {count(len(rows), 'пункт', 'пункта', 'пунктов')}", key="rm_import", type="primary"):
        ui.write(lambda store: store.append("Дорожная_карта", rows, key_header="№"),
                 f"Записано: {count(len(rows), 'пункт', 'пункта', 'пунктов')}.")
