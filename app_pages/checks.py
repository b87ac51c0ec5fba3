"""«Проверка данных»: every finding with its rule, clause and A1 cell; filters; details of the chosen row; a CSV."""

import streamlit as st

import ui
from core.platform.display import count
from core.platform.exports import to_csv
from core.platform.personal import abroad_warning
from core.records.check_sheet import publish, summary
from core.records.findings import Severity
from core.records.tabs import APP_TABS
from core.store.split import SplitStore
from core.store.wrapping import layer

st.title("Проверка данных")
found = ui.findings()
store = ui.get_store()
if personal := store.personal_abroad(ui.read(ui.ALL_TABS).tabs):
    st.warning(ui.esc(abroad_warning(personal, apart=layer(store, SplitStore) is not None)), icon=":material/gpp_maybe:")
missing = [name for name, data in ui.read(ui.ALL_TABS).tabs.items() if not data.exists]
if missing:
    ui.missing_tabs(missing, page=False)
if ui.user().can_write:
    left, right = st.columns([1, 2])
    if left.button("Записать находки на лист «Проверка»", key="publish_checks", icon=":material/table_view:"):
        ui.write(lambda store: publish(store, ui.today()), summary)
    right.caption("Лист «Проверка» в самой таблице: у каждой находки — ссылка на ячейку и дата, когда она появилась. "
                  "Лист пишет приложение; другие листы не меняются.")
if not found and not any(d.rows for d in ui.read(ui.ALL_TABS).tabs.values() if d.name not in APP_TABS):
    st.info("В таблице пока нет записей: проверять нечего. Внесите их в листы таблицы или формой «Записи листов».",
            icon=":material/info:")
    st.stop()
if not found:
    st.success("Ошибок не найдено: все правила выполнены.")
    st.stop()

left, middle, right = st.columns(3)
tabs = left.multiselect("Лист", sorted({f.tab for f in found}), key="filter_tab", placeholder="все листы")
rules = middle.multiselect("Правило", sorted({f.rule for f in found}), key="filter_rule", placeholder="все правила")
levels = right.multiselect("Важность", [str(s) for s in Severity], key="filter_severity", placeholder="любая")
shown = [f for f in found if (not tabs or f.tab in tabs) and (not rules or f.rule in rules)
         and (not levels or str(f.severity) in levels)]

errors = sum(1 for f in shown if f.severity == Severity.ERROR)
st.write(f"Показано: **{count(len(shown), 'находка', 'находки', 'находок')}** (ошибок — {errors}, "
         f"предупреждений — {len(shown) - errors}). Щёлкните строку, чтобы прочитать её целиком.")
rows = [{"Важность": str(f.severity), "Лист": f.tab, "Ячейка": f.cell or ("строка заголовков" if f.rule == "GEN-COLUMNS" and f.column else f.place),
         "Что не так": f.message, "Основание": f.clause, "Правило": f.rule, "Столбец": f.column or ""} for f in shown]
links = [store.cell_url(f.tab, f.cell) if f.cell else None for f in shown]
config = {"Важность": st.column_config.TextColumn("Важность", width="small"),
          "Лист": st.column_config.TextColumn("Лист", width="small"),
          "Ячейка": st.column_config.TextColumn("Ячейка", width="small"),
          "Что не так": st.column_config.TextColumn("Что не так", width="large")}
if any(links):
    rows = [{**row, "Открыть": link or ""} for row, link in zip(rows, links, strict=True)]
    config["Открыть"] = st.column_config.LinkColumn("Открыть", display_text="в таблице ↗")
picked = ui.table(rows, column_config=config, key="findings_table", on_select="rerun", selection_mode="single-row")
chosen = picked.selection.rows if picked is not None else []
if chosen:
    f = shown[chosen[0]]
    (st.error if f.severity == Severity.ERROR else st.warning)(
        f"**{ui.esc(f.tab)}, {ui.esc(rows[chosen[0]]['Ячейка'])}** — {ui.esc(f.message)}\n\n"
        f"Основание: {ui.esc(f.clause)} (правило {ui.esc(f.rule)}).")
headers = [h for h in rows[0] if h != "Открыть"] if rows else []
st.download_button("Скачать находки (.csv)", to_csv(headers, [[r[h] for h in headers] for r in rows]),
                   file_name="проверка_данных.csv", mime="text/csv", key="download_findings", icon=":material/download:")
