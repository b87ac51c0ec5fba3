"""Issue #29: the administrator's «Задания по расписанию» page and the home page's word on a failed job."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from core.jobs import runner
from core.platform.config import Settings
from core.store import XlsxStore


def test_29_the_administrator_sees_the_jobs_and_runs_one_now(app_on, workbook_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("EDUDESK_JOBS_STATE", str(tmp_path / "jobs.json"))
    at = app_on(workbook_copy)
    at.switch_page("app_pages/jobs.py").run()
    assert not at.exception
    shown = " ".join(i.value for i in at.info)
    assert "Процесс заданий ещё не запускался" in shown
    at.selectbox(key="job_name").set_value("backup").run()
    at.button(key="job_run").click().run()
    assert not at.exception
    assert any(s.value.startswith("выполнено: копия edudesk-") for s in at.success)
    assert list((workbook_copy.parent / "backups" / "daily").glob("edudesk-*.xlsx"))


def test_29_a_failed_job_is_said_on_the_home_page(app_on, workbook_copy, tmp_path, monkeypatch):
    """The letters job without a mail server fails; «Главная» says so, with the reason, to the administrator."""
    monkeypatch.setenv("EDUDESK_JOBS_STATE", str(tmp_path / "jobs.json"))
    monkeypatch.setenv("EDUDESK_SECRETS_FILE", str(tmp_path / "no-secrets.toml"))
    moment = datetime(2026, 12, 4, 9, 30, tzinfo=ZoneInfo("Europe/Moscow"))
    (letters,) = [o for o in runner.run_due(XlsxStore(workbook_copy), Settings(), moment) if o.job == "letters"]
    assert letters.outcome == "ошибка"
    at = app_on(workbook_copy)
    warnings = " ".join(w.value for w in at.warning)
    assert "Задание по расписанию не выполнено — «Письма, срок которых настал»" in warnings
    assert "Почта не настроена" in warnings


def test_29_a_server_without_sign_in_shows_no_page_to_anyone(app_on, workbook_copy, monkeypatch):
    """Behind nginx every visitor comes from 127.0.0.1: with EDUDESK_SERVER=1 and no [auth], no page opens (before,
    the loopback address gave whoever came through the proxy the administrator's rights)."""
    monkeypatch.setenv("EDUDESK_SERVER", "1")
    at = app_on(workbook_copy)
    assert not at.exception
    assert any("Сервер открыт в сети, а вход не настроен" in e.value for e in at.error)
    assert not at.metric  # «Главная» was not drawn
    at.switch_page("app_pages/journal.py").run()
    assert any("вход не настроен" in e.value for e in at.error) and not at.dataframe
