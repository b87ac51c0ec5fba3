"""«Moodle»: a group's accounts as Moodle's «Upload users» CSV, and the gradebook export read back."""

import streamlit as st

import ui
from core.admission.files import group_gaps
from core.enrollment.moodle import (
    DELIMITERS,
    MOODLE_UPLOAD_SETTINGS,
    bad_usernames,
    email_problems,
    grade_writes,
    match_grades,
    read_gradebook,
    upload_users_csv,
)
from core.platform.errors import EduDeskError
from core.store import snapshot_at

st.title("Moodle: учётные записи и оценки")
wb = ui.workbook("Группы", "Слушатели", "Заявки", "Успеваемость", optional=("Личные_дела", "Программы"))
groups = {r.item.code: r.item for r in wb.items("Группы") if r.item.code}
code = ui.choose("Группа", list(groups), key="moodle_group",
                 empty="Групп пока нет. Сформируйте их на странице «Группы и сроки» или внесите на лист «Группы».")
listeners = [r.item for r in wb.items("Слушатели") if r.item.group_code == code]
# 000 §1.8, §4.1: a personal account on the platform only for those enrolled on complete files
incomplete = {g.listener_id.casefold(): g for g in group_gaps(wb, code)}
listeners_left_out = [incomplete[x.id.casefold()] for x in listeners if x.id and x.id.casefold() in incomplete]
listeners = [x for x in listeners if not (x.id and x.id.casefold() in incomplete)]
applications = {(r.item.number or "").casefold(): r.item for r in wb.items("Заявки")}

st.subheader("1. Учётные записи для загрузки в Moodle")
st.caption("Файл для Moodle «Загрузка пользователей» (Администрирование → Пользователи → Загрузить пользователей): "
           "username, firstname, lastname, email, middlename, idnumber (ID слушателя — по нему оценки вернутся), "
           "course1 (краткое имя курса = код программы), group1 (код группы). Паролей в файле нет.")
if listeners_left_out:
    st.warning("Не вошли в файл — личное дело неполно (страница «Личные дела»): "
               + ui.esc("; ".join(g.said() for g in listeners_left_out)), icon=":material/folder_off:")
if not listeners:
    st.info(f"В группе {code} нет слушателей с полными личными делами (листы «Слушатели», «Личные_дела»).")
elif ui.user().sees_personal_data:
    for problem in bad_usernames(listeners):
        st.warning(f"«Логин ДОТ»: {ui.esc(problem)}", icon=":material/badge:")
    everyone = [r.item for r in wb.items("Слушатели")]
    for listener, problem in email_problems(listeners, applications, everyone):
        st.warning(f"E-mail слушателя {ui.esc(listener.full_name or listener.id)} (лист «Заявки»): {ui.esc(problem)}.",
                   icon=":material/unsubscribe:")
    delimiter = st.radio("Разделитель в файле", list(DELIMITERS), format_func=DELIMITERS.get, horizontal=True,
                         key="moodle_delimiter")
    try:
        data, missing = upload_users_csv(listeners, applications, groups[code].program_code, delimiter)
        st.download_button("Скачать CSV для Moodle", data, file_name=f"moodle_{code}.csv", mime="text/csv",
                           key="moodle_users", icon=":material/download:")
        if missing:
            st.warning("Без e-mail (в файл не вошли): " + ui.esc(", ".join(missing)))
    except EduDeskError as exc:
        st.error(ui.said(exc))
    st.info(MOODLE_UPLOAD_SETTINGS, icon=":material/info:")
else:
    st.info("Файл содержит персональные данные: роли «наблюдатель» недоступен.")

st.subheader("2. Оценки из журнала Moodle")
if not ui.user().can_write:
    st.info("Оценки из Moodle загружают сотрудники и менеджеры.")
    st.stop()
upload = st.file_uploader("Выгрузка журнала оценок (CSV или XLSX)", type=["csv", "xlsx"], key="moodle_grades")
if upload:
    try:
        headers, rows = read_gradebook(upload.name, upload.getvalue())
        result = match_grades(headers, rows, listeners, applications)
    except EduDeskError as exc:
        st.error(ui.said(exc))
        st.stop()
    writes = grade_writes(wb, result, ui.today())
    st.write(f"Сопоставлено оценок: **{len(result.scores)}**, итогов курса: **{len(result.totals)}**, "
             f"не найдено в группе: **{len(result.unmatched)}**; к записи: **{writes.count}** изменений.")
    for who in result.unmatched:
        st.warning(f"Нет в группе {code}: {ui.esc(who)}")
    for problem in result.problems:
        st.warning(ui.esc(problem))
    if writes.count and st.button(f"Записать изменения ({writes.count})", key="moodle_save", type="primary"):
        tabs = ui.read(["Успеваемость", "Слушатели"]).tabs

        def save(store):
            if writes.progress_updates:
                store.update_many("ID слушателя", [(snapshot_at(tabs["Успеваемость"], r), c) for r, c in writes.progress_updates])
            if writes.progress_appends:
                store.append("Успеваемость", writes.progress_appends, key_header="ID слушателя")
            if writes.final_updates:
                store.update_many("ID слушателя", [(snapshot_at(tabs["Слушатели"], r), c) for r, c in writes.final_updates])

        ui.write(save, f"Записано изменений: {writes.count}.")
