"""«Успеваемость»: the performance table of a group and the listeners in arrears (000 §4.7, §5.4)."""

import streamlit as st

import ui
from core.access import mask_rows
from core.documents import group_context
from core.exports import to_csv, to_xlsx
from core.progress import arrears, mailing_list, performance

st.title("Успеваемость")
wb = ui.workbook()
codes = [r.item.code for r in wb.items("Группы") if r.item.code]
code = st.selectbox("Группа", codes, key="progress_group")
ctx = group_context(wb, code)
headers, rows = performance(ctx)
ui.table([dict(zip(headers, row, strict=True)) for row in rows])

late = arrears(ctx, ui.today())
st.subheader(f"Задолженности: {len(late)}")
st.caption("Слушателям с задолженностями направляется напоминание (000 п. 4.7). Адреса — из их заявок.")
if late:
    person = ui.user()
    rows = mask_rows([{"ФИО": a.full_name, "E-mail": a.email or "", "Не сдано": ", ".join(a.tasks)} for a in late], person)
    ui.table(rows)
    table = [list(r.values()) for r in rows]
    left, right = st.columns(2)
    left.download_button("Скачать (.xlsx)", to_xlsx(["ФИО", "E-mail", "Не сдано"], table, "Задолженности"),
                         file_name=f"задолженности_{code}.xlsx", key="arrears_xlsx", icon=":material/download:")
    right.download_button("Скачать (.csv)", to_csv(["ФИО", "E-mail", "Не сдано"], table),
                          file_name=f"задолженности_{code}.csv", key="arrears_csv", icon=":material/download:")
    st.caption("Файлы содержат персональные данные (e-mail): храните и передавайте их по правилам 152-ФЗ.")
    if person.sees_personal_data:
        st.caption("Список рассылки — скопируйте в поле «Кому»:")
        st.code(mailing_list(late) or "адресов нет", language=None)
else:
    st.success("Задолженностей нет.")
