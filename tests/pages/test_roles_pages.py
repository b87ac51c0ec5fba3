"""Roles in the app: an observer reads with personal data masked and can't write; an unknown e-mail sees only whom to ask."""

from datetime import date


def _as(app_on, workbook_copy, monkeypatch, email):
    monkeypatch.setenv("EDUDESK_DEV_USER", email)
    return app_on(workbook_copy)


def test_observer_sees_masked_emails_and_cannot_write(app_on, workbook_copy, monkeypatch):
    """viewer@… (наблюдатель): e-mails masked on «Успеваемость», no mailing list, writes refused with a reason."""
    at = _as(app_on, workbook_copy, monkeypatch, "viewer@oiro.example.ru")
    at.switch_page("app_pages/progress.py").run()
    assert not at.exception
    emails = [e for e in at.dataframe[1].value["E-mail"] if e]
    assert emails and all("***@" in e for e in emails)
    assert not at.code  # the mailing list is not shown
    at.switch_page("app_pages/groups.py").run()
    at.selectbox(key="group_program").set_value("ПК-008").run()
    at.date_input(key="group_start").set_value(date(2027, 1, 18)).run()
    at.date_input(key="group_end").set_value(date(2027, 1, 29)).run()
    at.button(key="confirm_groups").click().run()
    assert any("только просматривает" in e.value for e in at.error)


def test_unlisted_email_sees_only_whom_to_ask(app_on, workbook_copy, monkeypatch):
    """An e-mail not on «Пользователи» gets a message naming the administrator, and nothing else."""
    at = _as(app_on, workbook_copy, monkeypatch, "stranger@example.ru")
    assert any("admin@oiro.example.ru" in e.value for e in at.error)
    assert not at.dataframe and not at.metric


def test_admin_write_is_in_the_journal(app_on, workbook_copy, monkeypatch):
    """A write by the manager appears on the journal page (seen by the administrator) with who and what."""
    at = _as(app_on, workbook_copy, monkeypatch, "manager@oiro.example.ru")
    at.switch_page("app_pages/groups.py").run()
    at.selectbox(key="group_program").set_value("ПК-008").run()
    at.date_input(key="group_start").set_value(date(2027, 1, 18)).run()
    at.date_input(key="group_end").set_value(date(2027, 1, 29)).run()
    at.button(key="confirm_groups").click().run()
    assert not at.exception and at.success
    admin = _as(app_on, workbook_copy, monkeypatch, "admin@oiro.example.ru")
    admin.switch_page("app_pages/journal.py").run()
    journal = admin.dataframe[0].value
    journal = journal[journal["Кто"] != "edudesk init"]  # the demo's making: its tabs and rows
    assert set(journal["Кто"]) == {"manager@oiro.example.ru (EDUDESK_DEV_USER на этом компьютере, вход не настроен)"}
    assert set(journal["Лист"]) == {"Группы", "Слушатели"} and len(journal) == 2 + 26
