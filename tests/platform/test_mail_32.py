"""Issue #32, letters: a batch stopped anywhere never delivers a letter twice (a real SMTP server, a real process
killed with SIGKILL), and a letter whose answer was lost is said and not resent without asking."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from core.cli import main
from core.mailings import MAIL_KINDS
from core.platform.mail import smtp_settings
from core.platform.mail_outbox import mark_sent_before, pending, send_and_record
from core.records.checks import open_workbook
from core.records.journal import JournaledStore
from core.store import XlsxStore
from sheets_schema import TABS
from tests.conftest import TODAY
from tests.smtp_server import Inbox, LocalSmtp

GROUP = "ПК-003-01"  # 20 listeners in the demo
ROOT = Path(__file__).resolve().parents[2]


class SlowInbox(Inbox):
    """Keeps each message, then takes `pause` seconds to answer: time for the test to stop the sender."""

    def __init__(self, pause: float = 0.0, drop_answer_of: set[int] | None = None) -> None:
        super().__init__()
        self.pause = pause
        self.drop_answer_of = drop_answer_of or set()  # 1-based numbers of messages whose «250» never comes

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        answer = await super().handle_DATA(server, session, envelope)
        if len(self.messages) in self.drop_answer_of:
            server.transport.abort()  # the message is kept; the connection drops before the «250»
        await asyncio.sleep(self.pause)
        return answer


@pytest.fixture
def book(demo_workbook, tmp_path):
    path = tmp_path / "edudesk.xlsx"
    shutil.copy(demo_workbook, path)
    return path


def _serve(inbox: Inbox, tmp_path, monkeypatch) -> LocalSmtp:
    server = LocalSmtp()
    server.inbox = inbox
    server.controller.handler = inbox
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(server.secrets(), encoding="utf-8")
    monkeypatch.setenv("EDUDESK_SECRETS_FILE", str(secrets))
    return server


def _recipients(inbox: Inbox) -> Counter:
    return Counter(str(m["To"]) for m in inbox.messages)


def _rows(book: Path) -> list[dict]:
    tab = XlsxStore(book).read(["Рассылки"]).tabs["Рассылки"]
    return [dict(zip(tab.headers, row, strict=False)) for row in tab.rows
            if row[tab.headers.index("Группа или сессия")] == GROUP and row[tab.headers.index("Вид")] == "reminder"]


def test_1_edudesk_send_killed_after_5_of_20_sends_the_other_15_next_time_and_none_twice(book, tmp_path, monkeypatch):
    """Before: the marks were written only after the whole batch, so the next run sent those 5 again (25 letters
    for 20 people). Now each letter is marked on disk as it goes: the letter being sent when the process died is
    «не известно, дошло ли» and waits for a person; the rest go once."""
    inbox = SlowInbox(pause=0.4)
    with _serve(inbox, tmp_path, monkeypatch):
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        process = subprocess.Popen([sys.executable, "-m", "core.cli", "--workbook", str(book), "send", "reminder",
                                    "--group", GROUP], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while len(inbox.messages) < 5 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert len(inbox.messages) == 5, process.stderr.read().decode()
        inbox.pause = 0
        assert main(["--workbook", str(book), "send", "reminder", "--group", GROUP]) == 0
    got = _recipients(inbox)
    assert len(got) == 20 and max(got.values()) == 1, got
    rows = _rows(book)
    assert len(rows) == 20 and len({r["Кому"] for r in rows}) == 20
    results = Counter(r["Результат"].split(":")[0] for r in rows)
    assert results == {"отправлено": 19, "не известно, дошло ли": 1}


def test_1_a_batch_stopped_by_leaving_the_page_keeps_the_marks_of_what_went(book, tmp_path, monkeypatch, mail_outbox):
    """Streamlit stops a page's script at its next call when the person leaves: here the progress bar raises
    after the 5th letter, as st.progress does. The 5 are on «Рассылки» at once, and the page offers the 15."""

    class LeftThePage(BaseException):  # Streamlit's StopException is not an Exception either
        pass

    def leave_after_five(i, n):
        if i == 5:
            raise LeftThePage

    inbox = SlowInbox()
    with _serve(inbox, tmp_path, monkeypatch):
        store = JournaledStore(XlsxStore(book), "admin@oiro.example.ru")
        wb = open_workbook(store.store.read([t.name for t in TABS]).tabs, TODAY)
        letters, _ = MAIL_KINDS["reminder"].build(wb, GROUP, TODAY)
        with pytest.raises(LeftThePage):
            send_and_record(store, letters, smtp_settings(), "admin@oiro.example.ru", mail_outbox,
                            progress=leave_after_five)
        assert len(inbox.messages) == 5 and not pending(mail_outbox)
        assert [r["Результат"] for r in _rows(book)] == ["отправлено"] * 5
        again, _ = MAIL_KINDS["reminder"].build(open_workbook(XlsxStore(book).read([t.name for t in TABS]).tabs,
                                                              TODAY), GROUP, TODAY)
        mark_sent_before(again, [r for r in _history(book)], mail_outbox)
        assert sum(not x.already_sent for x in again) == 15
        assert main(["--workbook", str(book), "send", "reminder", "--group", GROUP]) == 0
    assert len(_recipients(inbox)) == 20 and max(_recipients(inbox).values()) == 1


def _history(book):
    wb = open_workbook(XlsxStore(book).read([t.name for t in TABS]).tabs, TODAY)
    return [r.item for r in wb.items("Рассылки")]


def test_2_a_letter_whose_answer_was_lost_is_said_and_not_sent_again_without_asking(book, tmp_path, monkeypatch,
                                                                                    capsys):
    """The server keeps the 3rd letter and the connection drops before its «250». Before: the 3rd and every later
    letter failed, and the next run sent the 3rd again. Now the sender connects again for the rest, the 3rd is
    «не известно, дошло ли» on «Рассылки» (and in the journal), and only --resend sends it again."""
    inbox = SlowInbox(drop_answer_of={3})
    with _serve(inbox, tmp_path, monkeypatch):
        assert main(["--workbook", str(book), "send", "reminder", "--group", GROUP]) == 0
        out = capsys.readouterr().out
        assert "не известно, дошло ли: 1" in out
        assert len(inbox.messages) == 20
        assert main(["--workbook", str(book), "send", "reminder", "--group", GROUP]) == 0
        assert len(inbox.messages) == 20
        out = capsys.readouterr().out
        assert out.count("(не известно, дошло ли") == 1
        third = str(inbox.messages[2]["To"])
        rows = _rows(book)
        unknown = [r for r in rows if r["Результат"].startswith("не известно, дошло ли")]
        assert len(rows) == 20 and len(unknown) == 1 and unknown[0]["Кому"] in third
        journal = XlsxStore(book).read(["Журнал"]).tabs["Журнал"]
        assert any("не известно, дошло ли" in str(cell) for row in journal.rows for cell in row)
        assert main(["--workbook", str(book), "send", "reminder", "--group", GROUP, "--resend"]) == 0
        assert len(inbox.messages) == 40
    assert _recipients(inbox)[third] == 2  # the lost answer's letter, then the resend asked for
