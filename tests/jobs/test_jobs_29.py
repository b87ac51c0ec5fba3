"""Issue #29, the scheduled jobs: the clock moved across two working days and a weekend, each job runs when due and
once — restarts, a missed hour and two runners at once change nothing; letters reach a real SMTP server once; a
daily copy is restored and read back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from core.cli import main
from core.jobs import runner
from core.jobs.state import JobState, Run
from core.platform.calendar import is_working_day
from core.platform.config import Settings
from core.store import XlsxStore
from tests.smtp_server import LocalSmtp

ZONE = ZoneInfo("Europe/Moscow")
ROOT = Path(__file__).resolve().parents[2]
FRIDAY = datetime(2026, 12, 4, 6, 0, tzinfo=ZONE)  # then Saturday, Sunday, Monday 7th, Tuesday 8th


@pytest.fixture
def place(demo_workbook, tmp_path, monkeypatch):
    book = tmp_path / "edudesk.xlsx"
    shutil.copy(demo_workbook, book)
    with LocalSmtp() as smtp:
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(smtp.secrets(), encoding="utf-8")
        for name, value in {"WORKBOOK": book, "SECRETS_FILE": secrets, "JOBS_STATE": tmp_path / "jobs.json",
                            "TIME_ZONE": "Europe/Moscow"}.items():
            monkeypatch.setenv(f"EDUDESK_{name}", str(value))
        yield book, smtp


def _journal(book) -> list[dict]:
    tab = XlsxStore(book).read(["Журнал"]).tabs["Журнал"]
    return [dict(zip(tab.headers, row, strict=False)) for row in tab.rows]


def _job_rows(book) -> Counter:
    return Counter(row["Ключ"] for row in _journal(book) if str(row.get("Лист")) == runner.JOURNAL_TAB)


def test_29_across_two_working_days_and_a_weekend_each_job_runs_when_due_and_once(place):
    """From Friday 06:00 to Tuesday 10:00 — every 20 minutes in the hours a dated job is due (the copy at 02:00, the
    digest at 08:00, the letters at 09:00, and the hour before and after each), every hour in the others — each
    call a fresh runner (as after a restart): the digest and the letters on Friday, Monday and Tuesday only, at
    their hour; the copy every night; «Проверка» once per call; the SMTP server gets each reminder once. (The first
    call is on Friday at 06:00: yesterday's digest is not sent late — a day's slot is run that day only.) Hourly
    calls in the quiet hours keep the test at a third of its time: each call checks and writes the whole workbook."""
    book, smtp = place
    settings = Settings()
    store = XlsxStore(book)
    runs: list[runner.Outcome] = []
    moment, calls = FRIDAY, 0
    while moment <= datetime(2026, 12, 8, 10, 0, tzinfo=ZONE):
        runs += runner.run_due(store, settings, moment)
        runs += runner.run_due(XlsxStore(book), Settings(), moment)  # a restart in the same minute: nothing new
        calls += 1
        moment += timedelta(minutes=20 if moment.hour in (1, 2, 3, 7, 8, 9, 10) else 60)
    by_job = {name: [r for r in runs if r.job == name] for name in ("check", "digest", "letters", "backup")}
    days = [FRIDAY.date() + timedelta(days=n) for n in range(5)]
    working = [d for d in days if is_working_day(d)]
    assert [r.slot.date() for r in by_job["digest"]] == working and {r.slot.hour for r in by_job["digest"]} == {8}
    assert [r.slot.date() for r in by_job["letters"]] == working and {r.slot.hour for r in by_job["letters"]} == {9}
    # started on Friday at 06:00: Friday's 02:00 copy is caught up at once, the rest at 02:00
    assert [r.slot.date() for r in by_job["backup"]] == days and {r.slot.hour for r in by_job["backup"]} == {2}
    assert len(by_job["check"]) == len({r.slot for r in by_job["check"]}) == calls
    assert all(r.outcome == "выполнено" for r in runs), [r for r in runs if r.outcome != "выполнено"][:3]
    letters = Counter((str(m["To"]), str(m["Subject"])) for m in smtp.inbox.messages)
    assert len(letters) > 20 and max(letters.values()) == 1  # a reminder and the ДОТ access may go to one person
    assert len(list((book.parent / "backups" / "daily").glob("*.xlsx"))) == 5
    journaled = _job_rows(book)
    assert journaled["digest"] == len(working) and journaled["backup"] == 5


def test_29_a_missed_hour_is_caught_up_once_not_per_missed_slot(place):
    """The server was off from Friday 07:00 to Tuesday 11:00: one digest and one letters run (Tuesday's), one copy."""
    book, _ = place
    settings = Settings()
    store = XlsxStore(book)
    runner.run_due(store, settings, FRIDAY + timedelta(hours=1))
    later = runner.run_due(store, settings, datetime(2026, 12, 8, 11, 0, tzinfo=ZONE))
    assert Counter(r.job for r in later) == {"check": 1, "digest": 1, "letters": 1, "backup": 1}
    assert {r.job: r.slot.date().day for r in later if r.job != "check"} == {"digest": 8, "letters": 8, "backup": 8}


def test_29_a_run_cut_short_is_run_again_once_and_two_runners_never_run_a_slot_twice(place, tmp_path):
    """A runner killed in the middle of the letters (its claim left with a dead pid): the next runner runs that slot
    again — the letters' own marks keep anyone from getting one twice. Two `edudesk jobs serve` processes at the
    same minute: each slot runs once in all."""
    book, smtp = place
    settings = Settings()
    slot = datetime(2026, 12, 7, 9, 0, tzinfo=ZONE)
    state = JobState(settings.jobs_state)
    with state.locked():
        state.put("letters", Run(slot.isoformat(), slot.isoformat(), pid=999_999_999, host=os.uname().nodename))
    again = runner.run_due(XlsxStore(book), settings, slot + timedelta(minutes=5))
    assert [r.outcome for r in again if r.job == "letters"] == ["выполнено"]
    first = len(smtp.inbox.messages)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    moment = "2026-12-08T09:05"
    processes = [subprocess.Popen([sys.executable, "-m", "core.cli", "jobs", "serve", "--now", moment], cwd=ROOT,
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in processes]
    assert all(p.returncode == 0 for p in processes), outputs
    printed = Counter(line.split(" ")[0] for out, _ in outputs for line in out.splitlines())
    assert printed == {"check": 1, "digest": 1, "letters": 1, "backup": 1}
    letters = Counter((str(m["To"]), str(m["Subject"])) for m in smtp.inbox.messages)
    assert len(smtp.inbox.messages) >= first and max(letters.values()) == 1


def test_29_edudesk_jobs_lists_and_runs_one_now(place, capsys):
    book, _ = place
    assert main(["jobs"]) == 0
    listed = capsys.readouterr().out
    assert "по рабочим дням в 08:00" in listed and "ещё не запускалось" in listed
    assert main(["jobs", "run", "backup"]) == 0
    assert "backup: выполнено — копия edudesk-" in capsys.readouterr().out
    assert main(["jobs"]) == 0
    assert "(выполнено)" in capsys.readouterr().out
    assert main(["jobs", "run", "nothing"]) == 2


def test_29_a_daily_copy_is_restored_and_the_app_reads_it(place, capsys):
    """The copy made by the job is put back with `edudesk restore`: the later change is gone, the workbook before
    the restore is kept, the journal says who restored what."""
    book, _ = place
    assert main(["jobs", "run", "backup"]) == 0
    copy = sorted((book.parent / "backups" / "daily").glob("*.xlsx"))[-1]
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Программы"]
    sheet.cell(2, [c.value for c in sheet[1]].index("Наименование") + 1).value = "Изменено после копии"
    workbook.save(book)
    kept_before = len(list((book.parent / "backups").glob("*.xlsx")))
    assert main(["restore", str(copy)]) == 0
    names = [row[XlsxStore(book).read(["Программы"]).tabs["Программы"].headers.index("Наименование")]
             for row in XlsxStore(book).read(["Программы"]).tabs["Программы"].rows]
    assert "Изменено после копии" not in names and names[0]
    kept = sorted((book.parent / "backups").glob("*.xlsx"))[kept_before:]
    assert any("Изменено после копии" in str(XlsxStore(path).read(["Программы"]).tabs["Программы"].rows)
               for path in kept)  # the workbook as it was before the restore is kept
    assert any(row.get("Действие") == "книга восстановлена из копии" for row in _journal(book))
    broken = book.parent / "не-книга.xlsx"
    broken.write_bytes(b"not a workbook")
    assert main(["restore", str(broken)]) == 2 and "Книга не изменена" in capsys.readouterr().err


def test_28_with_personal_data_apart_the_daily_copy_takes_both_workbooks(place, monkeypatch, capsys):
    """The personal columns live in a workbook of their own on the server: the copy job keeps it too."""
    book, _ = place
    personal = book.parent / "пдн" / "personal.xlsx"
    personal.parent.mkdir()
    monkeypatch.setenv("EDUDESK_PERSONAL_STORE", str(personal))
    assert main(["jobs", "run", "backup"]) == 0
    said = capsys.readouterr().out
    assert "копия edudesk-" in said and "копия personal-" in said
    assert list((personal.parent / "backups" / "daily").glob("personal-*.xlsx"))
