"""«Журнал изменений»: every write the app made — when, who, tab, key, before and after (администратор)."""

import streamlit as st

import ui
from core.store.xlsx_journal import KEEP, archived_journal

st.title("Журнал изменений")
if not ui.user().can_open("journal"):
    st.error("Журнал доступен администратору.")
    st.stop()
entries = [r.item for r in ui.workbook("Журнал").items("Журнал")]
left, middle, right = st.columns(3)
who = left.multiselect("Кто", sorted({e.who for e in entries if e.who}), key="journal_who", placeholder="все")
tabs = middle.multiselect("Лист", sorted({e.tab for e in entries if e.tab}), key="journal_tab", placeholder="все")
actions = right.multiselect("Действие", sorted({e.action for e in entries if e.action}), key="journal_action",
                            placeholder="все")
shown = [e for e in entries if (not who or e.who in who) and (not tabs or e.tab in tabs) and (not actions or e.action in actions)]
st.write(f"Записей: **{len(shown)}** из {len(entries)}. Персональные данные в журнал не попадают.")
ui.table([{"Когда": e.at, "Кто": e.who, "Лист": e.tab, "Ключ": e.key, "Действие": e.action, "Было": e.before,
           "Стало": e.after} for e in reversed(shown)], wide=("Было", "Стало"), empty="Записей нет.")
archive = archived_journal(ui.get_store())
if archive is not None:
    st.caption(f"В книге — последние {KEEP}–{2 * KEEP} записей: чтобы запись в книгу не замедлялась год от года, "
               f"более ранние приложение переносит в книгу «{archive.name}» рядом с ней (тот же лист «Журнал», "
               "те же столбцы, по порядку; в ежедневную копию она попадает тоже).")
    st.download_button("Скачать записи из архива журнала", archive.read_bytes(), file_name=archive.name,
                       icon=":material/download:", key="journal_archive")
