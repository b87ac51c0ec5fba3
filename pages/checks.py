"""«Проверка данных»: every finding with its rule, clause and A1 cell; filters; a CSV to download."""

import pandas as pd
import streamlit as st

import ui
from core.exports import to_csv
from core.findings import Severity

st.title("Проверка данных")
found = ui.findings()
store = ui.get_store()
if not found:
    st.success("Ошибок не найдено: все правила выполнены.")
    st.stop()

table = pd.DataFrame([{**f.as_dict(), "link": store.cell_url(f.tab, f.cell) if f.cell else None} for f in found])
left, middle, right = st.columns(3)
tabs = left.multiselect("Лист", sorted(table["tab"].unique()), key="filter_tab", placeholder="все листы")
rules = middle.multiselect("Правило", sorted(table["rule"].unique()), key="filter_rule", placeholder="все правила")
levels = right.multiselect("Важность", [str(s) for s in Severity], key="filter_severity", placeholder="любая")
mask = pd.Series(True, index=table.index)
for column, chosen in (("tab", tabs), ("rule", rules), ("severity", levels)):
    if chosen:
        mask &= table[column].isin(chosen)
shown = table[mask]

errors = int((shown["severity"] == Severity.ERROR).sum())
st.write(f"Показано находок: **{len(shown)}** (ошибок — {errors}, предупреждений — {len(shown) - errors}).")
columns = {"severity": "Важность", "tab": "Лист", "cell": "Ячейка", "rule": "Правило", "clause": "Основание",
           "column": "Столбец", "message": "Что не так"}
config = {}
if shown["link"].notna().any():
    columns["link"] = "Открыть"
    config["Открыть"] = st.column_config.LinkColumn("Открыть", display_text="в таблице ↗")
view = shown[list(columns)].rename(columns=columns)
st.dataframe(view, column_config=config, hide_index=True, width="stretch")
st.download_button("Скачать находки (.csv)", to_csv(list(view.columns), view.astype(object).where(view.notna(), None).values.tolist()),
                   file_name="проверка_данных.csv", mime="text/csv", key="download_findings", icon=":material/download:")
