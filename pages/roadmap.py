"""«Дорожная карта»: status with editing by key, KPIs, progress, a Gantt timeline and the report."""

import altair as alt
import pandas as pd
import streamlit as st

import ui
from core.documents.roadmap_report import roadmap_status, roadmap_xlsx
from core.roadmap import (
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
wb = ui.workbook()
today = ui.today()
items = states(wb)
if not items:
    st.info("Лист «Дорожная_карта» пуст. Загрузите документ на странице «Импорт дорожной карты».")
    st.stop()

left, middle, right = st.columns(3)
sections = left.multiselect("Раздел", sorted({s.item.section or "" for s in items}), key="rm_section", placeholder="все")
people = middle.multiselect("Ответственный", sorted({p for s in items for p in responsible_parties(s.item.responsible)}),
                            key="rm_responsible", placeholder="все")
states_chosen = right.multiselect("Состояние", sorted({s.state for s in items}), key="rm_state", placeholder="любое")
shown = [s for s in items if (not sections or s.item.section in sections)
         and (not people or set(responsible_parties(s.item.responsible)) & set(people))
         and (not states_chosen or s.state in states_chosen)]

for column, (label, value) in zip(st.columns(4), kpis(shown).items(), strict=True):
    column.metric(label, value)

st.subheader("Мероприятия")
original = editor_rows(shown)
edited = st.data_editor(
    pd.DataFrame(original), key="rm_editor", hide_index=True, width="stretch",
    disabled=[c for c in original[0] if c not in EDITABLE] if original else True,
    column_config={"Статус": st.column_config.SelectboxColumn("Статус", options=[s.value for s in RoadmapStatus]),
                   "Дата выполнения": st.column_config.DateColumn("Дата выполнения", format="DD.MM.YYYY"),
                   "Мероприятие": st.column_config.TextColumn("Мероприятие", width="large")})
changes = changed_rows(original, edited.to_dict("records"))
if changes and st.button(f"Сохранить изменения ({len(changes)} стр.)", key="rm_save", type="primary"):
    tab = ui.read(["Дорожная_карта"]).tabs["Дорожная_карта"]

    def save(store):
        for number, values in changes:
            store.update(find_row(tab, "№", number), "№", values)

    ui.write(save, f"Записано строк: {len(changes)}.")

st.subheader("Выполнение")
by_section, by_person = st.tabs(["По разделам", "По ответственным"])
for tab_, key in ((by_section, lambda s: [s.item.section or "Без раздела"]),
                  (by_person, lambda s: responsible_parties(s.item.responsible))):
    data = pd.DataFrame(progress_by(shown, key))
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
left.download_button("Отчёт о статусе (PDF)", lambda: roadmap_status(wb, today), file_name="статус_дорожной_карты.pdf",
                     mime="application/pdf", key="rm_pdf", icon=":material/picture_as_pdf:")
right.download_button("Таблица (.xlsx)", lambda: roadmap_xlsx(wb), file_name="статус_дорожной_карты.xlsx",
                      key="rm_xlsx", icon=":material/download:")
