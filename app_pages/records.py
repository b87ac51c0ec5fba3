"""«Записи листов»: add a record to any tab or edit one by its key, by a form built from the sheet model, checked
by the same rules as the whole sheet before anything is written."""

import streamlit as st

import ui
from core.records.edit import changes, check_edit, edit, prefilled, records
from core.records.form import NOT_BY_FORM, fields, parse
from core.store.base import canonical
from sheets_schema import TAB_BY_NAME, TABS
from sheets_schema.enums import Role
from ui.opened import forget_opened, opened_record
from ui.record_fields import add_form, findings_table, may_write, record_fields, widget_keys

st.title("Записи листов")
st.caption("Форма для любого листа таблицы: поля — столбцы листа, обязательные отмечены «*». Перед записью "
           "запись проверяется теми же правилами, что и вся таблица («Проверка данных»): с ошибкой она не "
           "записывается, предупреждения нужно подтвердить.")
person = ui.user()
if not person.can_write:
    st.info(f"Роль «{person.role.value}» только просматривает данные: записи добавляют и меняют сотрудники и "
            "менеджеры.")
    st.stop()
# «Пользователи» — who may do what — is the administrators' (core.records.journal refuses anyone else's write)
names = [t.name for t in TABS if t.name not in NOT_BY_FORM and (t.name != "Пользователи" or person.role == Role.ADMIN)]
# Defaults only when no other page has opened the form on a tab (a default next to a value set by a page warns).
opened_by_page = "record_tab" in st.session_state
tab_name = st.selectbox("Лист", names, key="record_tab", format_func=lambda n: f"{n} — {TAB_BY_NAME[n].title}",
                        index=0 if opened_by_page else names.index("Заявки"))  # one application by hand
mode = st.segmented_control("Что сделать", ["Добавить", "Изменить"], key="record_mode",
                            default=None if "record_mode" in st.session_state else "Добавить")
ui.workbook(tab_name, *[s.refers_to for s in fields(tab_name) if s.refers_to and s.refers_to != tab_name])
tabs = ui.read(ui.ALL_TABS).tabs


def _parsed(typed):
    values, problems = parse(tab_name, typed)
    for header, problem in problems.items():
        st.error(f"«{ui.esc(header)}»: {ui.esc(problem)}", icon=":material/edit_note:")
    if problems:
        st.stop()
    return values


def add_record() -> None:
    if not tabs[tab_name].rows:
        st.info(f"На листе «{tab_name}» пока нет записей: эта форма добавит первую.", icon=":material/info:")
    add_form(tab_name, tabs, f"record_{tab_name}", what=f"Добавить запись на лист «{tab_name}»")


def edit_record() -> None:
    listed = dict(records(tabs, tab_name))
    row = ui.choose("Запись", listed, key=f"edit_row_{tab_name}", format_func=listed.get, index=None,
                    empty=f"На листе «{tab_name}» пока нет записей: добавьте первую.", placeholder="выберите запись")
    if row is None:
        st.stop()
    # The form stays on the record as it was opened: a colleague's change meanwhile is caught at write time (and
    # then the form opens anew on the row as it is: ui.opened).
    prefix = f"edit_{tab_name}_{row}"
    opened = opened_record(tabs, tab_name, row, prefix)
    locked = [opened.key_header] if opened.by_key else []
    with st.form(prefix):
        typed = record_fields(tab_name, tabs, prefix, prefilled(opened), locked)
        checked = st.form_submit_button("Проверить изменения", icon=":material/fact_check:")
    if checked:
        st.session_state["edit_candidate"] = (tab_name, row, typed)
    candidate = st.session_state.get("edit_candidate")
    if not candidate or candidate[:2] != (tab_name, row):
        st.stop()
    values = _parsed(candidate[2])
    changed = changes(opened, values)
    if not changed:
        st.info("Ничего не изменено: значения совпадают с тем, что в таблице.", icon=":material/info:")
        st.stop()
    was = prefilled(opened)
    ui.table([{"Поле": h, "Было": was.get(h) or "", "Стало": canonical(v)} for h, v in changed.items()],
             key="edit_changes")
    found, kept = check_edit(tabs, opened, values, ui.today())
    if kept:
        st.caption(f"Уже было на этой строке и остаётся ({len(kept)}) — запись это не блокирует:")
        findings_table(kept, key="edit_kept")
    if not may_write(found, "edit", "С такими значениями запись нарушает правила: исправьте поля и проверьте снова."):
        st.stop()
    confirmed = bool(found)
    sheet, real = tabs[tab_name].sheet_and_row(tab_name, row)  # a register on a tab per group: the group's tab
    if st.button("Сохранить изменения", key="record_save", type="primary", icon=":material/save:"):
        ui.write(lambda store: edit(store, opened, values, ui.today(), confirmed_warnings=confirmed),
                 f"Запись в строке {real} листа «{sheet}» изменена: {', '.join(changed)}.",
                 forget=("edit_candidate", "edit_confirm", *widget_keys(tab_name, prefix)), on_save=forget_opened)


if mode == "Изменить":
    edit_record()
else:
    add_record()
