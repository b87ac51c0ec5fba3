"""«Дорожная карта»: status with editing by key, KPIs, progress, a Gantt timeline and the report."""

import altair as alt
import pandas as pd
import streamlit as st

import ui
from core.platform.display import count
from core.platform.errors import CellError
from core.roadmap.report import roadmap_status, roadmap_xlsx
from core.roadmap.rules import (
    EDITABLE,
    changed_rows,
    editor_rows,
    gantt_rows,
    kpis,
    progress_by,
    responsible_parties,
    states,
)
from core.store import find_row
from sheets_schema.enums import RoadmapStatus

st.title("Дорожная карта")
wb = ui.workbook("Дорожная_карта", "Настройки")
today = ui.today()
items = states(wb)
if not items:
    st.info("Лист «Дорожная_карта» пуст. Загрузите документ на странице «Импорт дорожной карты».")
    st.stop()

# Edits not yet saved live in the editor's state; while there are any, the filters stay as they are, so a
# changed filter never redraws the table without them.
unsaved = bool((st.session_state.get("rm_editor") or {}).get("edited_rows"))
left, middle, right = st.columns(3)
sections = left.multiselect("Раздел", sorted({s.item.section or "Без раздела" for s in items}), key="rm_section",
                            placeholder="все", disabled=unsaved)
people = middle.multiselect("Ответственный", sorted({p for s in items for p in responsible_parties(s.item.responsible)}),
                            key="rm_responsible", placeholder="все", disabled=unsaved)
states_chosen = right.multiselect("Состояние", sorted({s.state for s in items}), key="rm_state", placeholder="любое",
                                  disabled=unsaved)
shown = [s for s in items if (not sections or (s.item.section or "Без раздела") in sections)
         and (not people or set(responsible_parties(s.item.responsible)) & set(people))
         and (not states_chosen or s.state in states_chosen)]

for column, (label, value) in zip(st.columns(4), kpis(shown).items(), strict=True):
    column.metric(label, value)

st.subheader("Мероприятия")
st.caption("Столбцы со значком ✎ — «Статус», «Дата выполнения», «Подтверждающий документ», «Комментарий» — можно "
           "править прямо в таблице; затем нажмите «Сохранить изменения». Остальное меняется в самой таблице.")
original = editor_rows(shown)
order = ["№", "Мероприятие", "Статус", "Дата выполнения", "Состояние", "Срок", "Ответственный",
         "Подтверждающий документ", "Комментарий"]
edited = st.data_editor(
    pd.DataFrame(original, columns=order), key="rm_editor", hide_index=True, width="stretch", column_order=order,
    disabled=[c for c in order if c not in EDITABLE],
    column_config={"№": st.column_config.TextColumn("№", width="small"),
                   "Мероприятие": st.column_config.TextColumn("Мероприятие", width="large"),
                   "Статус": st.column_config.SelectboxColumn("✎ Статус", options=[s.value for s in RoadmapStatus]),
                   "Дата выполнения": st.column_config.TextColumn("✎ Дата выполнения",
                                                                  help="ДД.ММ.ГГГГ, например 20.11.2026"),
                   "Подтверждающий документ": st.column_config.TextColumn("✎ Подтверждающий документ"),
                   "Комментарий": st.column_config.TextColumn("✎ Комментарий"),
                   "Срок": st.column_config.TextColumn("Срок", width="medium")})
try:
    changes = changed_rows(original, edited.to_dict("records"))
except CellError as exc:
    st.error(f"{ui.said(exc)}. Исправьте ячейку — до этого изменения не сохранить.")
    changes = []
if unsaved:
    st.warning(f"Не сохранено: {count(len(changes), 'строка', 'строки', 'строк')}. Отбор сверху недоступен, пока "
               "изменения не сохранены или не отменены.", icon=":material/edit:")
save_col, discard_col = st.columns([1, 3])
if changes and save_col.button(f"Сохранить изменения ({len(changes)})", key="rm_save", type="primary"):
    tab = ui.read(["Дорожная_карта"]).tabs["Дорожная_карта"]

    def save(store):
        store.update_many("№", [(find_row(tab, "№", number), values) for number, values in changes])

    ui.write(save, f"Записано строк: {len(changes)}.", forget=("rm_editor",))
if unsaved:
    discard_col.button("Отменить изменения", key="rm_discard", on_click=lambda: st.session_state.pop("rm_editor", None))

st.subheader("Выполнение")
by_section, by_person = st.tabs(["По разделам", "По ответственным"])
for tab_, key in ((by_section, lambda s: [s.item.section or "Без раздела"]),
                  (by_person, lambda s: responsible_parties(s.item.responsible))):
    data = pd.DataFrame(progress_by(shown, key))
    if data.empty:
        tab_.caption("Под выбранный отбор мероприятий нет.")
        continue
    tab_.altair_chart(alt.Chart(data).mark_bar().encode(
        x=alt.X("Выполнено, %:Q", scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("Кто / раздел:N", sort="-x", title=None, axis=alt.Axis(labelLimit=420)),
        tooltip=list(data.columns)), width="stretch")

st.subheader("График")
bars = pd.DataFrame(gantt_rows(shown, today))
if not bars.empty:
    chart = alt.Chart(bars).mark_bar().encode(
        x=alt.X("Начало:T", title=None, axis=alt.Axis(format="%m.%Y")), x2="Окончание:T",
        y=alt.Y("№:N", sort=None, title=None),
        color=alt.Color("Состояние:N"), tooltip=["№", "Мероприятие", "Начало", "Окончание", "Состояние"])
    line = alt.Chart(pd.DataFrame({"Сегодня": [today]})).mark_rule(color="red").encode(x="Сегодня:T")
    st.caption("Колесо мыши — масштаб по времени, перетаскивание — сдвиг. Красная линия — сегодня.")
    st.altair_chart((chart + line).properties(height=max(200, 18 * bars["№"].nunique())).interactive(bind_y=False),
                    width="stretch")

st.subheader("Отчёт")
left, right = st.columns(2)
ui.document_button("Отчёт о статусе (PDF)", lambda: wb.once(roadmap_status, today), "статус_дорожной_карты.pdf",
                   key="rm_pdf", where=left)
ui.document_button("Таблица (.xlsx)", lambda: wb.once(roadmap_xlsx), "статус_дорожной_карты.xlsx", key="rm_xlsx", where=right,
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
