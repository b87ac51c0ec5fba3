"""Issue #30 in the app: «Пользователи» only for administrators, no rights on an open network without sign-in, a
signed-in address only when the provider verified it. Each test failed on the code before the fix."""

from __future__ import annotations

from core.store import XlsxStore


def test_1_the_records_page_offers_users_to_administrators_only(app_on, workbook_copy, monkeypatch):
    monkeypatch.setenv("EDUDESK_DEV_USER", "metodist@oiro.example.ru")
    at = app_on(workbook_copy)
    at.switch_page("app_pages/records.py").run()
    assert not at.exception and not [o for o in at.selectbox(key="record_tab").options if o.startswith("Пользоват")]
    monkeypatch.setenv("EDUDESK_DEV_USER", "admin@oiro.example.ru")
    at = app_on(workbook_copy)
    at.switch_page("app_pages/records.py").run()
    assert [o for o in at.selectbox(key="record_tab").options if o.startswith("Пользователи — ")]


def test_1_an_administrator_cannot_change_her_own_role_in_the_form(app_on, workbook_copy, monkeypatch):
    monkeypatch.setenv("EDUDESK_DEV_USER", "admin@oiro.example.ru")
    at = app_on(workbook_copy)
    at.switch_page("app_pages/records.py").run()
    at.selectbox(key="record_tab").set_value("Пользователи").run()
    next(w for w in at.get("button_group") if w.key == "record_mode").set_value("Изменить").run()
    users = XlsxStore(workbook_copy).read(["Пользователи"]).tabs["Пользователи"]
    row = next(n for n, r in zip(users.row_numbers, users.as_dicts(), strict=True) if r["Роль"] == "администратор")
    at.selectbox(key="edit_row_Пользователи").set_value(row).run()
    at.selectbox(key=f"edit_Пользователи_{row}_role").set_value("наблюдатель")
    at.button(key=f"FormSubmitter:edit_Пользователи_{row}-Проверить изменения").click().run()
    at.button(key="record_save").click().run()
    assert not at.exception and any("Свою роль" in e.value for e in at.error)
    assert XlsxStore(workbook_copy).read(["Пользователи"]).tabs["Пользователи"].as_dicts()[row - 2]["Роль"] == \
        "администратор"


def _with_option(name, value):
    from streamlit import config

    old = config.get_option(name)
    config.set_option(name, value)
    return lambda: config.set_option(name, old)


def test_4_without_sign_in_an_app_open_to_the_network_gives_no_rights(app_on, workbook_copy):
    """`--server.address 0.0.0.0` without sign-in made everyone on the network administrator."""
    restore = _with_option("server.address", "0.0.0.0")
    try:
        at = app_on(workbook_copy)
        assert not at.exception
        assert any("открыто в сети" in e.value and "вход не настроен" in e.value for e in at.error)
        at.switch_page("app_pages/records.py").run()
        assert not at.selectbox and any("открыто в сети" in e.value for e in at.error)
    finally:
        restore()
    at = app_on(workbook_copy)  # on 127.0.0.1 the local person works as before
    assert not at.error and any("только на этом компьютере" in w.value for w in at.warning)


def _signed_in(app_on, workbook_copy, tmp_path, monkeypatch, **claims):
    from streamlit.testing.v1 import AppTest

    from tests.pages.conftest import APP

    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[auth]\nredirect_uri = "http://127.0.0.1:8501/oauth2callback"\ncookie_secret = "x"\n'
                       'client_id = "edudesk"\nclient_secret = "y"\n'
                       'server_metadata_url = "http://127.0.0.1:1/.well-known/openid-configuration"\n')
    monkeypatch.setenv("EDUDESK_WORKBOOK", str(workbook_copy))
    monkeypatch.setenv("EDUDESK_SECRETS_FILE", str(secrets))
    monkeypatch.setenv("EDUDESK_TODAY", "2026-11-23")
    at = AppTest.from_file(APP, default_timeout=60)
    at.user = {"is_logged_in": True, **claims}
    at.run()
    return at


def test_5_a_signed_in_address_counts_only_when_the_provider_verified_it(app_on, workbook_copy, tmp_path,
                                                                         monkeypatch):
    at = _signed_in(app_on, workbook_copy, tmp_path, monkeypatch, email="admin@oiro.example.ru",
                    email_verified=False)
    assert not at.exception and any("не подтвердил адрес" in e.value for e in at.error)
    assert not [p for p in at.get("page_link")] and "Журнал изменений" not in str(at)
    at = _signed_in(app_on, workbook_copy, tmp_path, monkeypatch, email="admin@oiro.example.ru")
    assert any("не подтвердил адрес" in e.value for e in at.error)  # no claim at all is no verification
    at = _signed_in(app_on, workbook_copy, tmp_path, monkeypatch, email="admin@oiro.example.ru",
                    email_verified=True)
    assert not at.exception and not at.error


def test_7_8_the_parsed_workbook_and_findings_are_shared_by_every_session_never_copied(workbook_copy):
    """Every page asks for the parsed workbook several times (user(), workbook(), findings()); st.cache_data
    unpickled a whole copy on each call — thirty sessions spent their CPU and ~1.3 GB copying (bench/sessions.py).
    One object per version of the data, the same for every caller; two versions kept at most."""
    from datetime import date

    from ui import data

    tabs = XlsxStore(workbook_copy).read(list(data.ALL_TABS)).tabs
    day = date(2026, 11, 23)
    first = data._parsed(str(workbook_copy), ("v1",), day, tabs)
    assert data._parsed(str(workbook_copy), ("v1",), day, tabs) is first
    assert data._findings(str(workbook_copy), ("v1",), day, tabs) is data._findings(str(workbook_copy), ("v1",), day, tabs)
    for version in ("v2", "v3"):
        data._parsed(str(workbook_copy), (version,), day, tabs)
    assert data._parsed(str(workbook_copy), ("v1",), day, tabs) is not first  # the oldest version was let go
