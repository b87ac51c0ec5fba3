"""«Новая запись»: a record for any tab, by a form built from the sheet model, checked before it is written."""

from datetime import date
from decimal import Decimal

import streamlit as st

import ui
from core.findings import Severity
from core.record_form import NOT_BY_FORM, NUMBERED, add, check, fields, key_taken, parse
from sheets_schema import TAB_BY_NAME, TABS

st.title("Новая запись")
st.caption("Форма для любого листа таблицы: поля — столбцы листа, обязательные отмечены «*». Перед записью "
           "запись проверяется теми же правилами, что и вся таблица («Проверка данных»): с ошибкой она не "
           "записывается, предупреждения нужно подтвердить.")
person = ui.user()
if not person.can_write:
    st.info(f"Роль «{person.role.value}» только просматривает данные: записи добавляют сотрудники и менеджеры.")
    st.stop()
names = [t.name for t in TABS if t.name not in NOT_BY_FORM]
tab_name = st.selectbox("Лист", names, key="record_tab", index=names.index("Заявки"),  # one application by hand
                        format_func=lambda n: f"{n} — {TAB_BY_NAME[n].title}")
wb = ui.workbook(tab_name, *[s.refers_to for s in fields(tab_name) if s.refers_to and s.refers_to != tab_name])
tabs = ui.read(ui.ALL_TABS).tabs
if not tabs[tab_name].rows:
    st.info(f"На листе «{tab_name}» пока нет записей: эта форма добавит первую.", icon=":material/info:")


def _widget(spec, key: str) -> str | None:
    column = spec.column
    numbered = tab_name in NUMBERED and NUMBERED[tab_name].header == column.header
    label = column.header + (" *" if column.required and not numbered else "")
    if spec.refers_to:
        parsed = wb[spec.refers_to]
        key_field = TAB_BY_NAME[spec.refers_to].key
        options = [str(getattr(r.item, key_field)) for r in parsed.rows if getattr(r.item, key_field)] if key_field \
            else []
        return st.selectbox(label, options, index=None, key=key, placeholder="выберите",
                            help=f"Значение из листа «{spec.refers_to}»")
    if column.choices:
        return st.selectbox(label, column.choices, index=None, key=key, placeholder="выберите")
    if column.kind is bool:
        return st.selectbox(label, ["да", "нет"], index=None, key=key, placeholder="выберите")
    hint = "номер выдаст приложение при записи" if numbered else \
        {date: "ДД.ММ.ГГГГ", Decimal: "например, 1 234,50", int: "целое число"}.get(column.kind, "")
    return st.text_input(label, key=key, placeholder=hint,
                         help="Персональные данные: видны только тем, кому они нужны" if column.personal else None)


with st.form(f"record_{tab_name}"):
    specs = fields(tab_name)
    left, right = st.columns(2)
    typed = {}
    for i, spec in enumerate(specs):
        with (left if i % 2 == 0 else right):
            typed[spec.header] = _widget(spec, f"record_{tab_name}_{spec.column.field}")
    checked = st.form_submit_button("Проверить", icon=":material/fact_check:")

if checked:
    st.session_state["record_candidate"] = (tab_name, typed)
candidate = st.session_state.get("record_candidate")
if not candidate or candidate[0] != tab_name:
    st.stop()
values, problems = parse(tab_name, candidate[1])
for header, problem in problems.items():
    st.error(f"«{ui.esc(header)}»: {ui.esc(problem)}", icon=":material/edit_note:")
if problems:
    st.stop()
taken = key_taken(tabs, tab_name, values)
if taken:
    st.error(f"{ui.esc(taken)}: у записи должен быть свой ключ.", icon=":material/key:")
    st.stop()
found = check(tabs, tab_name, values, ui.today())
errors = [f for f in found if f.severity == Severity.ERROR]
if found:
    ui.table([{"Важность": str(f.severity), "Поле": f.column or "", "Правило": f.rule, "Основание": f.clause,
               "Что не так": f.message} for f in found], wide=("Что не так",), key="record_findings")
if errors:
    st.error("С такими значениями запись нарушает правила: исправьте поля и проверьте снова.",
             icon=":material/block:")
    st.stop()
confirmed = bool(found) and st.checkbox("Предупреждения прочитаны, добавить всё равно", key="record_confirm")
if found and not confirmed:
    st.stop()
if st.button(f"Добавить запись на лист «{tab_name}»", key="record_add", type="primary", icon=":material/add:"):
    ui.write(lambda store: add(store, tab_name, values, ui.today(), confirmed_warnings=confirmed),
             lambda row: f"Запись добавлена на лист «{tab_name}»"
                         + (f": № {row['№ заявки']}." if tab_name == "Заявки" else "."),
             forget=("record_candidate", "record_confirm", *(f"record_{tab_name}_{s.column.field}" for s in specs)))
