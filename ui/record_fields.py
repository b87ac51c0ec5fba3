"""The fields of a record form, built from the sheet model: the add form and the edit form draw the same widgets."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal

import streamlit as st

from core.records.findings import Finding, Severity
from core.records.form import (
    NUMBERED,
    FieldSpec,
    add,
    check,
    field_label,
    fields,
    kept_fields,
    key_taken,
    parse,
)
from core.store.base import TabData, canonical
from sheets_schema import TAB_BY_NAME
from sheets_schema.base import normalize_header

from .actions import write
from .data import today
from .text import esc
from .widgets import table

_HINTS = {date: "ДД.ММ.ГГГГ", Decimal: "например, 1 234,50", int: "целое число"}


def references(tabs: Mapping[str, TabData], tab_name: str) -> dict[str, str]:
    """Key → «key — name» for the records of `tab_name` (a dropdown of keys alone tells a person nothing)."""
    model, data = TAB_BY_NAME[tab_name], tabs.get(tab_name)
    if model.key is None or data is None:
        return {}
    index = data.header_index()
    key_at = index.get(normalize_header(model.column(model.key).header))
    name_at = next((index[normalize_header(c.header)] for c in model.columns
                    if c.field != model.key and c.kind is str and normalize_header(c.header) in index), None)
    out = {}
    for row in data.rows:
        key = canonical(row[key_at]) if key_at is not None and key_at < len(row) else ""
        name = canonical(row[name_at]) if name_at is not None and name_at < len(row) else ""
        if key:
            out[key] = f"{key} — {name}" if name else key
    return out


def _choice(label: str, options: list[str], current: str | None, key: str, help: str | None = None,
            format_func=str) -> str | None:
    if current and current not in options:  # what staff typed stays offered, even off the list
        options = [current, *options]
    return st.selectbox(label, options, index=options.index(current) if current else None, key=key,
                        placeholder="выберите", help=help, format_func=format_func)


def field_widget(tab_name: str, spec: FieldSpec, tabs: Mapping[str, TabData], key: str,
                 current: str | None = None, locked: bool = False) -> str | None:
    column = spec.column
    numbered = tab_name in NUMBERED and NUMBERED[tab_name].header == column.header
    label = field_label(tabs.get(tab_name), column.header) + (" *" if column.required and not numbered else "")
    if locked:
        return st.text_input(label, value=current or "", key=key, disabled=True,
                             help="Ключ записи: по нему запись находится в таблице, в этой форме он не меняется")
    if spec.refers_to:
        names = references(tabs, spec.refers_to)
        return _choice(label, list(names), current, key, help=f"Значение из листа «{spec.refers_to}»",
                       format_func=lambda k: names.get(k, k))
    if column.choices:
        return _choice(label, list(column.choices), current, key)
    if column.kind is bool:
        return _choice(label, ["да", "нет"], current, key)
    hint = "номер выдаст приложение при записи" if numbered else _HINTS.get(column.kind, "")
    return st.text_input(label, value=current or "", key=key, placeholder=hint,
                         help="Персональные данные: видны только тем, кому они нужны" if column.personal else None)


def record_fields(tab_name: str, tabs: Mapping[str, TabData], prefix: str,
                  current: Mapping[str, str | None] | None = None, locked: Sequence[str] = ()) -> dict[str, str | None]:
    """Every field of the tab in two columns; returns header → what is typed or chosen."""
    left, right = st.columns(2)
    typed = {}
    for i, spec in enumerate(kept_fields(tab_name, tabs.get(tab_name))):
        with (left if i % 2 == 0 else right):
            typed[spec.header] = field_widget(tab_name, spec, tabs, f"{prefix}_{spec.column.field}",
                                              (current or {}).get(spec.header), spec.header in locked)
    return typed


def widget_keys(tab_name: str, prefix: str) -> list[str]:
    return [f"{prefix}_{s.column.field}" for s in fields(tab_name)]


REFUSED = "С такими значениями запись нарушает правила: исправьте поля — проверка обновится сама."


def may_write(found: Sequence[Finding], key: str, refused: str = REFUSED) -> bool:
    """The one step before every write of a form: the findings with rule and clause (`{key}_findings`); an error
    refuses, said in `refused`; warnings need a tick (`{key}_confirm`). True when the write may go ahead."""
    if found:
        findings_table(found, key=f"{key}_findings")
    if any(f.severity == Severity.ERROR for f in found):
        st.error(refused, icon=":material/block:")
        return False
    return not found or st.checkbox("Предупреждения прочитаны, записать всё равно", key=f"{key}_confirm")


def findings_table(found: Sequence[Finding], key: str) -> None:
    table([{"Важность": str(f.severity), "Поле": f.column or "", "Правило": f.rule, "Основание": f.clause,
            "Что не так": f.message} for f in found], wide=("Что не так",), key=key)


def add_form(tab_name: str, tabs: Mapping[str, TabData], prefix: str, *, fixed: Mapping[str, str] | None = None,
             preview: Callable[[dict], None] | None = None, what: str = "Добавить запись") -> None:
    """A live form that adds one record: fields (the `fixed` ones shown locked), `preview` of what is typed so far
    (a cost, a grade), then — once asked — the sheet's checks on the candidate row, a confirmation for warnings,
    and the write with its journal entry. Errors keep the write button away."""
    typed = {**record_fields(tab_name, tabs, prefix, current=fixed, locked=list(fixed or {})), **(fixed or {})}
    values, problems = parse(tab_name, typed)
    if preview is not None:
        preview(values)
    # «__»: a field's widget is «{prefix}_{field}» and a field may be called «checked» (Успеваемость: «Дата проверки»)
    checked_key = f"{prefix}__checked"
    if st.button("Проверить", key=f"{prefix}_check", icon=":material/fact_check:"):
        st.session_state[checked_key] = True
    if not st.session_state.get(checked_key):
        return
    for header, problem in problems.items():
        st.error(f"«{esc(header)}»: {esc(problem)}", icon=":material/edit_note:")
    taken = None if problems else key_taken(dict(tabs), tab_name, values)
    if taken:
        st.error(f"{esc(taken)}: у записи должен быть свой ключ.", icon=":material/key:")
    if problems or taken:
        return
    found = check(dict(tabs), tab_name, values, today())
    if not may_write(found, prefix):
        return
    confirmed = bool(found)
    if st.button(what, key=f"{prefix}_add", type="primary", icon=":material/add:"):
        write(lambda store: add(store, tab_name, values, today(), confirmed_warnings=confirmed),
              lambda row: f"Запись добавлена на лист «{tab_name}»"
                          + (f": № {row[NUMBERED[tab_name].header]}." if tab_name in NUMBERED else "."),
              forget=[checked_key, f"{prefix}_confirm", *widget_keys(tab_name, prefix)])


def open_form_button(tab_name: str, label: str, key: str, where=st) -> None:
    """A button that opens «Записи листов» on the add form of `tab_name` (a page's «внести …» shortcut)."""
    if where.button(label, key=key, icon=":material/add:"):
        st.session_state["record_tab"], st.session_state["record_mode"] = tab_name, "Добавить"
        st.switch_page("app_pages/records.py")
