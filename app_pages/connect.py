"""«Подключение таблицы»: which of the staff's tabs and columns are the model's — proposed, confirmed, kept in the
sheet. Connecting writes nothing into the staff's tabs."""

import streamlit as st

import ui
from core.connect.mapping import MAPPING_TAB, STAFF_ONLY
from core.connect.review import corrected, not_records_said
from core.connect.sheet import look, personal_abroad, save, saved_mapping
from core.connect.words import NO_WORD, list_values
from core.platform.errors import EduDeskError
from core.platform.personal import abroad_warning
from sheets_schema import TAB_BY_NAME
from ui.data import reconnect

st.title("Подключение таблицы")
if not ui.user().can_open("connect"):
    st.error("Подключать таблицу может администратор.")
    st.stop()
st.write("Приложение смотрит на каждый лист вашей таблицы — строки заголовков под шапкой, сами заголовки и значения "
         "в столбцах — и предлагает, какой лист модели он содержит и какой столбец модели каждый столбец. "
         "Проверьте каждую строку и исправьте, где нужно. Ваши листы при этом не меняются: соответствие "
         f"сохраняется в отдельный лист «{MAPPING_TAB}», где его найдут коллеги на других компьютерах.")

store = ui.get_store()
if st.button("Посмотреть листы заново", icon=":material/refresh:") or "connect_proposals" not in st.session_state:
    try:
        with st.spinner("Смотрю листы таблицы…"):
            st.session_state["connect_proposals"] = look(store)
    except EduDeskError as exc:
        st.error(ui.said(exc))
        st.stop()
proposals = st.session_state["connect_proposals"]
if abroad := personal_abroad(store, proposals):
    st.warning(ui.esc(abroad_warning(abroad, apart=False)), icon=":material/gpp_maybe:")
kept = saved_mapping(store)
if kept:
    st.info(f"Сейчас сохранено соответствие для листов: {', '.join(f'«{m.sheet}» → «{m.model_tab}»' for m in kept.every())}.",
            icon=":material/link:")

model_tabs = ["— не сопоставлять —", *TAB_BY_NAME]
confirmed = []
for n, proposal in enumerate(proposals):
    with st.expander(f"Лист «{proposal.sheet}» → «{proposal.model_tab or 'не сопоставлен'}»"
                     + (f" вместе с листом «{proposal.joins}»" if proposal.joins else ""), expanded=True):
        if proposal.shape is None:
            st.caption(proposal.why)
            continue
        shape = proposal.shape
        st.caption(f"Заголовки в строке {shape.header_row}" + (f" (в {shape.depth} строки)" if shape.depth > 1 else "")
                   + not_records_said(shape) + f"; записей: {len(shape.records)}" + (f"; строк «Итого» и подписей под записями: {len(shape.footers)}" if shape.footers else "")
                   + (f"; разделов: {len(shape.sections)}" if shape.sections else "") + (f". {proposal.why[:1].upper()}{proposal.why[1:]}" if proposal.why else ""))
        chosen = st.selectbox("Лист модели", model_tabs, key=f"connect_tab_{n}",
                              index=model_tabs.index(proposal.model_tab) if proposal.model_tab else 0)
        model_tab = None if chosen == model_tabs[0] else chosen
        if model_tab is None:
            confirmed.append(corrected(proposal, None, []))
            continue
        options = [STAFF_ONLY, *TAB_BY_NAME[model_tab].headers]
        same = model_tab == proposal.model_tab
        rows = [{"Столбец": line.column, "Заголовок сотрудников": line.header,
                 "Столбец модели": line.model_header if same and line.model_header else STAFF_ONLY,
                 "Часть ячейки или путь": (line.part or "") if same else "", "Уверенность": round(line.confidence * 100) if same else 0,
                 "Почему": line.evidence if same else ""} for line in proposal.lines]
        edited = st.data_editor(rows, key=f"connect_lines_{n}_{model_tab}", hide_index=True, width="stretch",
                                disabled=["Столбец", "Заголовок сотрудников", "Часть ячейки или путь", "Уверенность", "Почему"],
                                column_config={
                                    "Столбец модели": st.column_config.SelectboxColumn(options=options, required=True),
                                    "Уверенность": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%d%%")})
        choices = [r["Столбец модели"] for r in edited]
        try:
            fixed = corrected(proposal, model_tab, choices)
        except ValueError as exc:
            st.error(ui.said(exc))
            confirmed.append(None)
            continue
        chosen_words = {}
        for i, line in enumerate(fixed.lines):  # their words for a model list's values («принята» = «согласована»)
            if not line.words:
                continue
            st.markdown(f"Слова в столбце «{line.header}» ({line.column}), которых нет в списке «{line.model_header}» "
                        "модели. Выберите, что каждое значит; несопоставленное останется замечанием «не из списка».")
            words = st.data_editor([{"Слово в таблице": w.word, "Где": w.seen, "Значение модели": w.value or NO_WORD}
                                    for w in line.words], key=f"connect_words_{n}_{model_tab}_{i}_{line.model_header}",
                                   hide_index=True, disabled=["Слово в таблице", "Где"], column_config={
                                       "Значение модели": st.column_config.SelectboxColumn(
                                           options=[NO_WORD, *list_values(model_tab, line.model_header)], required=True)})
            chosen_words[i] = {r["Слово в таблице"]: None if r["Значение модели"] == NO_WORD else r["Значение модели"]
                               for r in words}
        confirmed.append(corrected(proposal, model_tab, choices, chosen_words))

missing = [t for t in TAB_BY_NAME if t not in {p.model_tab for p in confirmed if p}]
if missing:
    st.caption("Листов модели нет в вашей таблице: " + ", ".join(f"«{t}»" for t in missing) + ". Приложение их не "
               "создаёт само: если они нужны, создайте их кнопкой «Создать недостающие листы» на странице «Проверка данных».")
if st.button("Сохранить соответствие", type="primary", icon=":material/save:", disabled=None in confirmed):
    try:
        mapping = save(store, [p for p in confirmed if p])
    except EduDeskError as exc:
        st.error(ui.said(exc))
    else:
        reconnect()
        st.session_state.pop("connect_proposals", None)
        st.success(f"Соответствие сохранено в лист «{MAPPING_TAB}»: листов — {len(mapping.every())}. Проверка данных, формы "
                   "и документы теперь работают с вашими листами.", icon=":material/check_circle:")
        st.page_link("app_pages/checks.py", label="Открыть «Проверку данных»", icon=":material/fact_check:")
