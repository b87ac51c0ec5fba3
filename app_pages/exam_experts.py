"""«Демэкзамен: эксперты»: who examines each exam and what breaks independence or the roles."""

import streamlit as st

import ui
from core.exam.calc import cost_line
from core.platform.display import percent, ru_number
from core.platform.errors import InputError
from core.platform.money import format_rub
from core.records.checks import about_rows
from core.records.edit import check_edit, edit, open_record, prefilled, retyped
from ui.record_fields import add_form, findings_table

st.title("Демонстрационный экзамен: эксперты")
wb = ui.workbook("ДЭ_график", "ДЭ_эксперты", "ДЭ_участники")
code = ui.choose("Экзамен", [r.item.code for r in wb.items("ДЭ_график") if r.item.code], key="experts_exam",
                 empty="Экзаменов пока нет: внесите их на лист «ДЭ_график» (страница «График и сроки»).")
expert_rows = [r for r in wb.items("ДЭ_эксперты") if r.item.exam_code == code]
experts = [r.item for r in expert_rows]
ui.table([{"Роль": e.role.value if e.role else "", "ФИО": e.full_name, "Организация": e.organisation,
           "Штат/ГПХ": e.employment.value if e.employment else "", "В реестре": e.in_registry,
           "Готовил участников": e.trained_participants, "Часы план": e.hours_plan, "Часы факт": e.hours_fact}
          for e in experts], empty=f"У экзамена {code} нет экспертов на листе «ДЭ_эксперты».")
problems = about_rows(ui.findings(), wb["ДЭ_эксперты"], [r.row for r in expert_rows])
if problems:
    for f in problems:
        (st.error if f.severity == "ошибка" else st.warning)(
            f"{ui.esc(f.place)}: {ui.esc(f.message)} ({ui.esc(f.rule)}, {ui.esc(f.clause)})")
elif experts:
    st.success("Состав экзамена не нарушает правил независимости и ролей.")
else:
    st.warning("Состав экзамена не проверить: эксперты не назначены. Нужны главный эксперт, эксперты и "
               "технический эксперт (п. 2.8, 7.7, 11.5).")
st.caption("Эксперт не оценивает тех, кого готовил (п. 4.5), и не представляет организацию участников (п. 7.5); "
           "ГЭ не оценивает (п. 2.8); ТЭ не входит в экспертную группу (п. 7.7) и он один на компетенцию (п. 11.5); "
           "эксперт — из реестра, обучен ИРПО (п. 2.7).")


def _cost_preview(values: dict, what: str = "") -> None:
    """The expert's cost at the §11.7 norms as it is typed: rate × hours plus charges by main employment."""
    role, hours = values.get("Роль"), values.get("Часы план")
    if role is None or hours is None:
        st.caption("Стоимость по нормативам п. 11.7 появится, когда будут указаны роль и часы.")
        return
    try:
        line = cost_line(role, values.get("ФИО") or "", hours, values.get("Штат/ГПХ"))
    except InputError as exc:
        st.error(ui.said(exc))
        return
    st.markdown(f"**По нормативам п. 11.7{' для ' + what if what else ''}:** {ui.esc(line.role)} — {ru_number(line.hours)} ч × "
                f"{format_rub(line.rate)} = {format_rub(line.pay)}, начисления {percent(line.charges_rate * 100)} — "
                f"{format_rub(line.charges)}; всего **{format_rub(line.total)}**.")


if ui.user().can_write:
    with st.expander("Добавить эксперта к экзамену", expanded=not experts):
        add_form("ДЭ_эксперты", ui.read(ui.ALL_TABS).tabs, f"expert_{code}", fixed={"Код экзамена": code},
                 preview=_cost_preview, what="Добавить эксперта")


def actual_hours_form() -> None:
    """Hours actually worked, with the §11.7 cost as typed, written to the expert's row (checked like any edit)."""
    tabs = ui.read(ui.ALL_TABS).tabs
    data = tabs["ДЭ_эксперты"]
    rows = {n: r for n, r in zip(data.row_numbers, data.as_dicts(), strict=True) if r.get("Код экзамена") == code}
    row = ui.choose("Эксперт", rows, key=f"fact_row_{code}", index=None, stop=False, placeholder="выберите эксперта",
                    format_func=lambda n: f"{rows[n].get('Роль')} {rows[n].get('ФИО')} ({data.row_said(n)})",
                    empty=f"У экзамена {code} нет экспертов.")
    if row is None:
        return
    opened = open_record(tabs, "ДЭ_эксперты", row)
    hours = st.text_input("Часы факт", value=prefilled(opened).get("Часы факт") or "", key=f"fact_hours_{code}_{row}")
    values, problems = retyped(opened, {"Часы факт": hours})
    if problems:
        st.error(f"«Часы факт»: {problems.get('Часы факт') or next(iter(problems.values()))}")
        return
    _cost_preview({**values, "Часы план": values.get("Часы факт")}, "фактических часов")
    found, _ = check_edit(tabs, opened, values, ui.today())
    if found:
        findings_table(found, key=f"fact_findings_{code}")
    if [f for f in found if f.severity == "ошибка"]:
        return
    if st.button("Записать часы", key=f"fact_save_{code}_{row}", type="primary", icon=":material/save:"):
        ui.write(lambda store: edit(store, opened, values, ui.today(), confirmed_warnings=True),
                 f"Фактические часы записаны: {rows[row].get('ФИО')} — {hours} ч.")


if ui.user().can_write and experts:
    with st.expander("Отметить фактические часы эксперта"):
        actual_hours_form()
