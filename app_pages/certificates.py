"""«Удостоверения»: registration numbers, issue against signature, the register and ФИС ФРДО (000 §6)."""

import streamlit as st

import ui
from core.documents import group_context
from core.enrollment.certificates import certificate_rows, export_frdo, issue_problems, reg_numbering
from core.enrollment.documents.context import GROUP_OPTIONAL, GROUP_TABS, Person
from core.paid.rules import issue_blocked
from core.platform.display import count
from core.store import find_row
from sheets_schema.enums import IssueMode, ListenerStatus

st.title("Удостоверения о повышении квалификации")
wb = ui.workbook(*GROUP_TABS, optional=GROUP_OPTIONAL)
today = ui.today()
code = ui.choose("Группа", [r.item.code for r in wb.items("Группы") if r.item.code], key="cert_group",
                 empty="Групп пока нет. Сформируйте их на странице «Группы и сроки» или внесите на лист «Группы».")
ctx = group_context(wb, code)
finished: list[Person] = [p for p in ctx.listeners if p.status == ListenerStatus.COMPLETED]
ui.table([{"ФИО": p.full_name, "Статус": p.status.value if p.status else "",
           "Рег. №": getattr(ctx.certificates.get(p.id.casefold()), "reg_number", ""),
           "Выдано": getattr(ctx.certificates.get(p.id.casefold()), "issued", None)} for p in ctx.listeners],
         empty=f"В группе {code} нет слушателей (лист «Слушатели»).")

new = certificate_rows([r.item for r in wb.items("Слушатели") if r.item.group_code == code
                        and r.item.status == ListenerStatus.COMPLETED], [r.item for r in wb.items("Удостоверения")], today)
st.caption("Номера присваиваются подряд в пределах года, без пропусков и повторов, слушателям со статусом «завершил».")
if new and st.button(f"Присвоить номера {new[0]['Регистрационный №']} – {new[-1]['Регистрационный №']} "
                     f"({count(len(new), 'удостоверение', 'удостоверения', 'удостоверений')})",
                     key="assign_numbers", type="primary"):
    ui.write(lambda store: store.append("Удостоверения", new, numbering=reg_numbering(today.year)),
             lambda rows: f"Присвоены номера {rows[0]['Регистрационный №']} – {rows[-1]['Регистрационный №']} "
                          f"({count(len(rows), 'удостоверение', 'удостоверения', 'удостоверений')}).")
elif not new:
    st.info("Всем завершившим обучение номера уже присвоены." if finished else
            "В группе нет слушателей со статусом «завершил».")

st.subheader("Выдача под роспись")
pending = [c for c in ctx.certificates.values() if c.issued is None]
blocked = issue_blocked(wb, ctx.group.service_code)
if pending and blocked:
    st.error(blocked)
elif pending:
    with st.form("issue"):
        number = st.selectbox("Удостоверение", [c.reg_number for c in pending], key="issue_number", index=None,
                              placeholder="Выберите номер")
        left, middle, right = st.columns(3)
        issued = left.date_input("Дата выдачи", value=today, format="DD.MM.YYYY", key="issue_date")
        mode = middle.radio("Получено", [m.value for m in IssueMode], key="issue_mode", horizontal=True)
        proxy = right.text_input("№ доверенности", key="issue_proxy")
        signed = st.checkbox("Подпись получателя в реестре есть", key="issue_signed")
        if st.form_submit_button("Записать выдачу"):
            problems = ([] if number else ["Выберите удостоверение."]) + issue_problems(mode, proxy, signed)
            for problem in problems:
                st.error(problem)
            if not problems:
                snapshot = find_row(ui.read(["Удостоверения"]).tabs["Удостоверения"], "Регистрационный №", number)
                ui.write(lambda store: store.update(snapshot, "Регистрационный №", {
                    "Дата выдачи": issued, "Получено": mode, "№ доверенности": proxy.strip() or None,
                    "Подпись получена": True}), f"Выдача удостоверения {number} записана.",
                    forget=("issue_number", "issue_proxy", "issue_signed"))
else:
    st.caption("Невыданных удостоверений в группе нет.")

st.subheader("Выгрузка в ФИС ФРДО")
year = st.number_input("Год выдачи", min_value=2000, max_value=2100, value=today.year, step=1, key="frdo_year",
                       format="%d")
records, data = wb.once(export_frdo, int(year))  # made once per version of the data
doubtful = [(row, r) for row, r in enumerate(records, start=2) if r.problems]
st.write(f"Удостоверений за {int(year)} год: **{len(records)}**, готовых строк для реестра: "
         f"**{len(records) - len(doubtful)}**, с замечаниями: **{len(doubtful)}** (реестр их не примет).")
for row, record in doubtful:
    st.warning(ui.esc(f"Строка {row} файла, удостоверение {record.values['Регистрационный номер']}: "
                      f"{'; '.join(record.problems)}"))
if ui.user().sees_personal_data:
    st.caption("Файл содержит персональные данные (СНИЛС, дата рождения): передавайте его только в ФИС ФРДО.")
    st.download_button("Скачать файл для ФИС ФРДО (.xlsx)", data, file_name=f"ФРДО_{int(year)}.xlsx",
                       key="frdo_download", icon=":material/download:", disabled=not records)
else:
    st.info("Выгрузка содержит персональные данные и недоступна роли «наблюдатель».")
