"""«Рассылки» in the app: preview, send through a local SMTP server, history; a second send is not offered."""

from tests.smtp_server import LocalSmtp


def test_send_reminders_from_the_page(app_on, workbook_copy, tmp_path, monkeypatch):
    """Choosing the reminder for a group previews it, sends each once and shows the history."""
    with LocalSmtp() as server:
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(server.secrets(), encoding="utf-8")
        at = app_on(workbook_copy)
        monkeypatch.setenv("EDUDESK_SECRETS_FILE", str(secrets))
        at.switch_page("app_pages/mailings.py").run()
        at.selectbox(key="mail_kind").set_value("reminder").run()
        at.selectbox(key="mail_code").set_value("ПК-003-02").run()
        assert not at.exception and "Напоминаем, что первое занятие" in at.text[0].value
        at.button(key="mail_send").click().run()
        assert not at.exception and at.success[0].value.startswith("Отправлено: 27")
        assert len(server.inbox.messages) == 27
        at.run()
        assert not [b for b in at.button if b.key == "mail_send"]  # everything sent: nothing more to send
        history = at.dataframe[-1].value
        assert (history["Результат"] == "отправлено").sum() == 27
