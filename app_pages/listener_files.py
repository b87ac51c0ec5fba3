"""«Личные дела»: what each listener of a group has brought — consent, contract, education document — and what the
order still waits for (000 §1.7–1.8); files opened and papers marked received for the whole group in one write."""

import streamlit as st

import ui
from core.admission.files import TAB, gaps_by_group, group_gaps, key
from core.admission.receive import RECEIVED, mark_received, open_files
from core.admission.view import file_rows
from core.admission.withdrawn import withdraw
from sheets_schema.enums import ConsentForm
from ui.record_fields import open_form_button

st.title("Личные дела слушателей")
wb = ui.workbook(TAB, "Группы", "Слушатели", optional=("Программы",))
codes = [r.item.code for r in wb.items("Группы") if r.item.code]
waiting_groups = gaps_by_group(wb)
waiting = next((i for i, c in enumerate(codes) if key(c) in waiting_groups), 0)  # open on a group whose order waits
code = ui.choose("Группа", codes, key="files_group", index=waiting,
                 empty="Групп пока нет. Сформируйте их на странице «Группы и сроки» или внесите на лист «Группы».")
gaps = group_gaps(wb, code)
if gaps:
    st.warning(f"Приказ о зачислении группы {ui.esc(code)} пока не составить (000 п. 1.8): личные дела неполны у "
               f"{len(gaps)}. Пока их нет, не выдаются бейджи и лист регистрации и не рассылаются доступы к платформе.",
               icon=":material/folder_off:")
else:
    st.success(f"Личные дела группы {ui.esc(code)} полны: приказ о зачислении можно составить на странице «Документы "
               "группы».")
ui.table(file_rows(wb, code), wide=("Не хватает",), key="files_table",
         empty=f"В группе {code} нет слушателей (лист «Слушатели»).")
st.caption("Реквизиты документа об образовании и прочее — на листе «Личные_дела» или в форме «Записи листов». "
           "Отозванное согласие останавливает письма слушателю и скрывает его персональные данные на всех страницах, "
           "в документах и выгрузках (152-ФЗ ст. 9 ч. 2, ст. 21 ч. 5); в таблице они остаются, как были.")

if ui.user().can_write:
    left, right = st.columns(2)
    if left.button("Завести личные дела группы", key="files_open", icon=":material/create_new_folder:"):
        ui.write(lambda store: open_files(store, code, ui.today()),
                 lambda opened: f"Личные дела заведены: {len(opened)}.")
    open_form_button(TAB, "Заполнить личное дело", key="files_form", where=right)
    with st.expander("Отметить получено для всей группы"):
        with st.form(f"files_receive_{code}"):
            what = st.radio("Что получено", list(RECEIVED), format_func=lambda k: RECEIVED[k][1], key="files_what")
            day = st.date_input("Когда", value=ui.today(), format="DD.MM.YYYY", key="files_day")
            form = st.selectbox("Форма согласия", list(ConsentForm), format_func=lambda f: f.value, key="files_form_kind")
            st.caption("Отметка ставится только тем, у кого её ещё нет: внесённое раньше не меняется.")
            if st.form_submit_button("Записать отметку", icon=":material/task_alt:"):
                ui.write(lambda store: mark_received(store, code, what, day, ui.today(), form),
                         lambda n: f"Отмечено: {RECEIVED[what][1]} — {n} слушателей группы {code}.")
    with st.expander("Отметить отзыв согласия на обработку ПДн"):
        people = {r.item.id: r.item.full_name for r in wb.items("Слушатели") if key(r.item.group_code) == key(code)}
        with st.form(f"files_withdraw_{code}"):
            who = st.selectbox("Слушатель", list(people), format_func=lambda i: f"{people[i]} ({i})", key="files_who",
                               index=None, placeholder="выберите слушателя")
            when = st.date_input("Когда получен отзыв", value=ui.today(), format="DD.MM.YYYY", key="files_when")
            if st.form_submit_button("Записать отзыв", icon=":material/person_off:") and who:
                ui.write(lambda store: withdraw(store, who, when, ui.today()),
                         f"Отзыв согласия записан: {people[who]}. Письма ему больше не уходят, его персональные данные "
                         "скрыты.")
