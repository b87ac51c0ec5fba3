"""«Демэкзамен: результаты»: points → percent → grade, and the share who passed against 99 %."""

import streamlit as st

import ui
from core.exam.calc import grade
from core.exam.rules import passed_share, results
from core.platform.display import percent, ru_number
from core.platform.errors import InputError
from core.records.edit import check_edit, edit, open_record, retyped
from ui.record_fields import may_write

st.title("Демонстрационный экзамен: результаты")
wb = ui.workbook("ДЭ_график", "ДЭ_участники")
code = ui.choose("Экзамен", [r.item.code for r in wb.items("ДЭ_график") if r.item.code], key="results_exam",
                 empty="Экзаменов пока нет: внесите их на лист «ДЭ_график» (страница «График и сроки»).")
people = [r.item for r in wb.items("ДЭ_участники") if r.item.exam_code == code]
ui.table(results(people), wide=("Замечание",),
         empty=f"Баллов пока нет: внесите «Явка», «Баллы» и «Максимум баллов» участников {code} на лист «ДЭ_участники».")
passed, sat = passed_share(people)
absent = sum(1 for p in people if p.present is False)
left, middle, right = st.columns(3)
left.metric("Сдавали", sat, help="Присутствовавшие с баллами; отсутствующие не учитываются (п. 7.9)")
middle.metric("Сдали (оценка 3 и выше)", passed)
right.metric("Доля сдавших", percent(passed * 100 / sat) if sat else "—", help="Показатель качества — 99 % (п. 3.3)")
if sat and passed * 100 < 99 * sat:
    st.warning("Доля сдавших ниже показателя качества 99 % (003 п. 3.3).")
st.caption(f"Отсутствовали: {absent}. Перевод баллов: 0–19,99 % → «2», 20–39,99 % → «3», 40–69,99 % → «4», "
           "70–100 % → «5» (п. 6.5, табл. 1); сравнение — по точному отношению баллов, не по округлённому проценту.")


def points_form() -> None:
    """Points of one participant, with the grade shown as typed; written to the participant's row (DE-GRADE)."""
    tabs = ui.read(ui.ALL_TABS).tabs
    data = tabs["ДЭ_участники"]
    rows = {n: r for n, r in zip(data.row_numbers, data.as_dicts(), strict=True) if r.get("Код экзамена") == code}
    row = ui.choose("Участник", rows, key=f"points_row_{code}", index=None, stop=False,
                    format_func=lambda n: f"{rows[n].get('ФИО')} ({data.row_said(n)})", placeholder="выберите участника",
                    empty=f"У экзамена {code} нет участников на листе «ДЭ_участники».")
    if row is None:
        return
    opened = open_record(tabs, "ДЭ_участники", row)
    known = retyped(opened, {})[0]
    left, middle, right = st.columns(3)
    prefix = f"points_{code}_{row}"
    present = left.radio("Явка", ["да", "нет"], horizontal=True, key=f"{prefix}_present",
                         index=0 if known.get("Явка") is not False else 1)
    points = middle.text_input("Баллы", value=ru_number(known.get("Баллы")), key=f"{prefix}_points")
    maximum = right.text_input("Максимум баллов", value=ru_number(known.get("Максимум баллов")), key=f"{prefix}_max")
    typed = {"Явка": present, "Баллы": points if present == "да" else "", "Максимум баллов": maximum}
    values, problems = retyped(opened, typed)
    for header, problem in problems.items():
        st.error(f"«{ui.esc(header)}»: {ui.esc(problem)}")
    if problems:
        return
    if present == "да" and values.get("Баллы") is not None and values.get("Максимум баллов") is not None:
        try:
            result = grade(values["Баллы"], values["Максимум баллов"])
            st.markdown(f"**{ru_number(values['Баллы'])} из {ru_number(values['Максимум баллов'])} = "
                        f"{percent(result.percent, 2)} → оценка «{result.grade}»** (п. 6.5, табл. 1)")
        except InputError as exc:
            st.error(ui.said(exc))
    found, _ = check_edit(tabs, opened, values, today_)
    if not may_write(found, prefix):
        return
    if st.button("Записать", key=f"{prefix}_save", type="primary", icon=":material/save:"):
        ui.write(lambda store: edit(store, opened, values, today_, confirmed_warnings=bool(found)),
                 f"Баллы записаны: {rows[row].get('ФИО')}.", forget=[f"{prefix}_points", f"{prefix}_max"])


today_ = ui.today()
if ui.user().can_write:
    with st.expander("Внести явку и баллы участника"):
        points_form()
