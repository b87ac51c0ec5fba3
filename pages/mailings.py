"""«Рассылки»: letters to a group or a session — preview of each message, confirmation, sending once, the history."""

import streamlit as st

import ui
from core.errors import EduDeskError
from core.letters import MAIL_KINDS
from core.mail import mark_sent_before, send, smtp_settings

st.title("Рассылки")
wb = ui.workbook()
left, right = st.columns(2)
kind = left.selectbox("Что отправить", list(MAIL_KINDS), key="mail_kind", format_func=lambda k: MAIL_KINDS[k].title)
scope = MAIL_KINDS[kind].scope
codes = [r.item.code for r in wb.items("Группы" if scope == "group" else "Оценка_сессии") if r.item.code]
code = right.selectbox("Группа" if scope == "group" else "Сессия", codes, key="mail_code")
try:
    letters, missing = MAIL_KINDS[kind].build(wb, code, ui.today())
except EduDeskError as exc:
    st.error(str(exc))
    st.stop()
mark_sent_before(letters, [r.item for r in wb.items("Рассылки")])
fresh = [x for x in letters if not x.already_sent]
st.write(f"Писем: **{len(letters)}**, уже отправлялись: **{len(letters) - len(fresh)}**, без адреса e-mail: **{len(missing)}**.")
if missing:
    st.warning("Нет адреса: " + ", ".join(missing))
if letters:
    with st.expander(f"Предпросмотр: {letters[0].name} — «{letters[0].subject}»", expanded=True):
        st.text(letters[0].body)
        for name, data, _ in letters[0].attachments:
            st.caption(f"Вложение: {name} ({len(data) // 1024} КБ)")
    ui.table([{"Кому": x.to, "ФИО": x.name, "Тема": x.subject, "Уже отправлялось": "да" if x.already_sent else ""}
              for x in letters])
resend = st.checkbox("Отправить повторно и тем, кому это письмо уже уходило", key="mail_resend")
count = len(letters) if resend else len(fresh)
if count and st.button(f"Отправить {count} писем", key="mail_send", type="primary"):
    if not ui.user().can_write:
        st.error("Роль «наблюдатель» не отправляет письма.")
        st.stop()
    try:
        bar = st.progress(0.0, text="Отправляю…")
        report = send(letters, smtp_settings(), ui.user().email, resend=resend,
                      progress=lambda i, n: bar.progress(i / n, text=f"Отправлено {i} из {n}"))
    except EduDeskError as exc:
        st.error(str(exc))
        st.stop()
    if report.records:
        ui.get_store().append("Рассылки", report.records)
        ui.refresh()
    st.success(f"Отправлено: {len(report.sent)}, ошибок: {len(report.failed)}.")
    for letter, reason in report.failed:
        st.error(f"{letter.to}: {reason}")

st.subheader("История")
ui.table([{"Когда": h.item.at, "Кто": h.item.who, "Вид": h.item.kind, "Группа или сессия": h.item.subject_of,
           "E-mail": h.item.to, "Тема": h.item.subject, "Результат": h.item.result}
          for h in reversed(wb.items("Рассылки"))])
