"""The jobs themselves: each takes the store, the settings and the slot's time, does its work and says what it did
in one Russian line (the journal and `edudesk jobs` show it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from core import digest
from core.jobs.backup import daily_folder, make_backup
from core.jobs.letters import due_letters
from core.jobs.schedule import DailyAt, Every
from core.mailings import MAIL_KINDS
from core.platform.config import Settings
from core.platform.errors import EduDeskError
from core.platform.mail import SendReport, smtp_settings
from core.platform.mail_outbox import mark_sent_before, send_and_record
from core.records.check_sheet import publish, summary
from core.records.checks import open_workbook
from core.store import XlsxStore
from core.store.split import SplitStore
from core.store.wrapping import bare, layer
from core.store.xlsx_journal import archive_of
from sheets_schema import TABS


@dataclass(frozen=True)
class Job:
    name: str
    title: str
    schedule: Every | DailyAt
    work: Callable[[object, Settings, datetime, str], str]
    # Safe to run a slot again when a run was cut short: a second «Проверка» or backup harms nothing, while a batch
    # of letters is guarded by its own marks (core.platform.mail_outbox) and so is safe too.
    idempotent: bool = True


def _check(store, settings: Settings, now: datetime, who: str) -> str:
    published = publish(store, now.date(), now.replace(tzinfo=None), who=who)
    return summary(published) if published.written else "лист «Проверка» без изменений"


def _sent(report: SendReport) -> str:
    parts = [f"отправлено {len(report.sent)}"]
    if report.failed:
        parts.append(f"ошибок {len(report.failed)}")
    if report.uncertain:
        parts.append(f"не известно, дошли ли, {len(report.uncertain)}")
    return ", ".join(parts)


def _send(store, letters, settings: Settings, who: str, history) -> SendReport:
    mark_sent_before(letters, history, settings.mail_outbox)
    if not any(not x.already_sent for x in letters):
        return SendReport(skipped=letters)
    return send_and_record(store, letters, smtp_settings(settings), who, settings.mail_outbox)


def _read(store, today):
    """The workbook as it is now (the journaled store writes; its store underneath reads)."""
    raw = getattr(store, "store", store)
    raw.invalidate()
    return open_workbook(raw.read([t.name for t in TABS]).tabs, today)


def _digest(store, settings: Settings, now: datetime, who: str) -> str:
    today = now.date()
    wb = _read(store, today)
    letters, missing = digest.letters(wb, digest.collect(wb, today), today)
    report = _send(store, letters, settings, who, [r.item for r in wb.items("Рассылки")])
    return f"сводка: {_sent(report)}" + (f"; нет адреса на листе «Пользователи»: {len(missing)}" if missing else "")


def _letters(store, settings: Settings, now: datetime, who: str) -> str:
    today = now.date()
    wb = _read(store, today)
    history = [r.item for r in wb.items("Рассылки")]
    said, problems = [], []
    for kind, code in due_letters(wb, today):
        try:
            letters, _ = MAIL_KINDS[kind].build(wb, code, today)
            report = _send(store, letters, settings, who, history)
        except EduDeskError as exc:  # one group's missing data never stops the other groups' letters
            problems.append(f"{code}, {MAIL_KINDS[kind].title}: {exc}")
            continue
        if report.sent or report.failed or report.uncertain:
            said.append(f"{code}, {MAIL_KINDS[kind].title}: {_sent(report)}")
    if problems:
        raise EduDeskError("; ".join(said + problems))
    return "; ".join(said) or "писем, срок которых настал, нет"


def _backup(store, settings: Settings, now: datetime, who: str) -> str:
    store = bare(getattr(store, "store", store))
    split = layer(store, SplitStore)
    copies = [make_backup(split.shared if split else store, daily_folder(settings.workbook),
                          settings.daily_backups_keep, now)]
    if split is not None:  # the personal columns live in a workbook of their own on the institute's server
        copies.append(make_backup(split.local, daily_folder(settings.personal_store), settings.daily_backups_keep, now))
    shared = split.shared if split else store
    if isinstance(shared, XlsxStore) and archive_of(shared.path).exists():  # «Журнал»'s older entries (xlsx_journal)
        copies.append(make_backup(XlsxStore(archive_of(shared.path)), daily_folder(settings.workbook),
                                  settings.daily_backups_keep, now))
    return "; ".join(f"копия {path.name} ({path.stat().st_size // 1024} КБ)" for path in copies)


def jobs(settings: Settings) -> dict[str, Job]:
    return {job.name: job for job in (
        Job("check", "Обновить лист «Проверка»", Every(settings.check_every_minutes), _check),
        Job("digest", "Сводка сроков сотрудникам", DailyAt(settings.digest_at, working_days=True), _digest),
        Job("letters", "Письма, срок которых настал", DailyAt(settings.letters_at, working_days=True), _letters),
        Job("backup", "Копия книги", DailyAt(settings.backup_at), _backup),
    )}
