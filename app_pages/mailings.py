"""«Рассылки»: letters to a group or a session — preview of each message, confirmation, sending once, the history."""

import streamlit as st

import ui
from core.enrollment.documents.context import GROUP_OPTIONAL, GROUP_TABS
from core.mailings import MAIL_KINDS
from core.platform.display import count
from core.platform.errors import ConfigError, EduDeskError
from core.platform.mail import smtp_settings
from core.platform.mail_outbox import mark_sent_before, pending, send_and_record, write_pending
from sheets_schema.enums import Role

st.title("Рассылки")
wb = ui.workbook(*GROUP_TABS, "Оценка_сессии", "Оценка_участники", "Оценка_кандидаты", "Рассылки",
                optional=GROUP_OPTIONAL)
left, right = st.columns(2)
kind = left.selectbox("Что отправить", list(MAIL_KINDS), key="mail_kind", format_func=lambda k: MAIL_KINDS[k].title)
scope = MAIL_KINDS[kind].scope
tab = "Группы" if scope == "group" else "Оценка_сессии"
code = ui.choose("Группа" if scope == "group" else "Сессия", [r.item.code for r in wb.items(tab) if r.item.code],
                 key="mail_code", where=right,
                 empty=("Групп пока нет: сформируйте их на странице «Группы и сроки» или внесите на лист «Группы»."
                        if scope == "group" else
                        "Сессий оценки пока нет: внесите их на лист «Оценка_сессии»."))
try:
    letters, missing = MAIL_KINDS[kind].build(wb, code, ui.today())
except EduDeskError as exc:
    st.warning(ui.said(exc), icon=":material/edit_note:")
    st.stop()
outbox = ui.settings().mail_outbox
mark_sent_before(letters, [r.item for r in wb.items("Рассылки")], outbox)
fresh = [x for x in letters if not x.already_sent]
st.write(f"Писем: **{len(letters)}**, уже отправлялись: **{len(letters) - len(fresh)}**, без адреса e-mail: **{len(missing)}**.")
if missing:
    st.warning("Нет адреса: " + ui.esc(", ".join(missing)))
unknown = [x for x in letters if x.uncertain]
if unknown:
    st.warning(f"Не известно, дошли ли письма ({len(unknown)}): связь с почтовым сервером прервалась после их "
               "передачи, до ответа сервера. Повторно они не отправляются; если адресат письма не получил, отметьте "
               "«Отправить повторно».", icon=":material/help:")
if letters:
    with st.expander(f"Предпросмотр: {ui.esc(letters[0].name)} — «{ui.esc(letters[0].subject)}»", expanded=True):
        st.text(letters[0].body)
        for name, data, _ in letters[0].attachments:
            st.caption(f"Вложение: {ui.esc(name)} ({len(data) // 1024} КБ)")
    ui.table([{"Кому": x.to, "ФИО": x.name, "Тема": x.subject, "Уже отправлялось": "не известно" if x.uncertain else "да" if x.already_sent else ""}
              for x in letters])

person = ui.user()
try:
    smtp = smtp_settings()
except ConfigError as exc:
    smtp = None
    if person.role == Role.ADMIN:
        st.warning(f"Письма не отправить: {ui.said(exc)}", icon=":material/mail_lock:")
    else:
        st.warning("Отправка писем ещё не настроена: администратор должен подключить почтовый сервер учреждения. "
                   "Предпросмотр и список адресатов — выше.", icon=":material/mail_lock:")
resend = st.checkbox("Отправить повторно и тем, кому это письмо уже уходило", key="mail_resend")
number = len(letters) if resend else len(fresh)
if smtp and person.can_write and number and st.button(
        f"Отправить {count(number, 'письмо', 'письма', 'писем')}", key="mail_send", type="primary"):
    bar = st.progress(0.0, text="Отправляю…")

    def send_now(store):
        return send_and_record(store, letters, smtp, person.email, outbox, resend=resend,
                               progress=lambda i, n: bar.progress(i / n, text=f"Отправлено {i} из {n}"))

    def said(report) -> str:
        failures = "".join(f"\n\n{ui.esc(letter.to)}: {ui.esc(reason)}" for letter, reason in report.failed)
        lost = (f" Не известно, дошли ли: {len(report.uncertain)} (связь прервалась после передачи; повторно не "
                "отправляются без вашего решения)." if report.uncertain else "")
        return f"Отправлено: {len(report.sent)}, ошибок: {len(report.failed)}.{lost}{failures}"

    ui.write(send_now, said, forget=("mail_resend",))  # sent but not recorded: the error says so (NotRecorded)
if pending(outbox) and person.can_write:
    st.warning(f"Отметки об уже отправленных письмах ({len(pending(outbox))}) ещё не записаны на лист «Рассылки».",
               icon=":material/sync_problem:")
    if st.button("Записать отметки", key="mail_write_pending"):
        ui.write(lambda store: write_pending(store, outbox), "Отметки записаны на лист «Рассылки».")

st.subheader("История")
ui.table([{"Когда": h.item.at, "Кто": h.item.who, "Вид": h.item.kind, "Группа или сессия": h.item.subject_of,
           "E-mail": h.item.to, "Тема": h.item.subject, "Результат": h.item.result}
          for h in reversed(wb.items("Рассылки"))], empty="Писем из приложения пока не отправляли.")
