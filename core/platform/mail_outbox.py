"""Each letter recorded as it goes: a mark on disk before the letter leaves and after the server answers, written
to «Рассылки» every few seconds and at the end.

A letter can't be unsent, and a batch can stop anywhere: the person leaves the page (Streamlit stops the script at
its next call), the process is killed, the sheet refuses the write, the connection drops. The marks on disk are
what make each of these safe: a letter whose mark says «отправлено» — or whose fate is unknown — is never offered
again without the person asking, whether its mark has reached the sheet yet or not.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable
from pathlib import Path

from core.platform.errors import EduDeskError
from core.platform.json_files import locked, write_json
from core.platform.mail import Letter, SendReport, SmtpSettings, send
from core.platform.mail_marks import HEADERS, INTERRUPTED, SENDING, SENT, TAB, UNCERTAIN
from core.platform.processes import running

FLUSH_EVERY = 5.0  # seconds between writes of the marks to the sheet during a batch
STALE_SENDING = 600  # a mark «отправляется» older than this lost its sender (one letter takes at most 30 s)


class Outbox:
    """The marks file, read and rewritten whole under an exclusive lock (two sessions, or the page and the CLI,
    may send at once); each rewrite is fsynced before it replaces the old file, so a kill leaves one or the other."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.last_flush = time.monotonic()

    def marks(self) -> list[dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            raise EduDeskError(f"Файл неотмеченных писем «{self.path}» не читается ({exc}); письма не отправлены. "
                               "Отметьте их на листе «Рассылки» по журналу почтового сервера и удалите файл.") from None
        return data if isinstance(data, list) else []

    def put(self, mark: dict) -> None:
        """Add the mark, or replace the one with its «_id»."""
        with self._locked():
            marks = [m for m in self.marks() if m.get("_id") != mark["_id"]]
            self._save([*marks, mark])

    def flush(self, store) -> int:
        """Write the finished marks to «Рассылки» and take them off the disk; how many rows were added.

        A mark already on the sheet (the process died between the write and the file's rewrite) is not written a
        second time. A mark «отправляется» whose sender is gone becomes «не известно, дошло ли»."""
        with self._locked():
            marks = [_settled(m) for m in self.marks()]
            ready = [m for m in marks if m["Результат"] != SENDING]
            if not ready:
                return 0
            there = store.fresh(TAB)
            index = there.header_index()
            on_sheet = {tuple(str(row[index[h]] if index.get(h, len(row)) < len(row) else "") for h in HEADERS)
                        for row in there.rows}
            rows = [{h: m[h] for h in HEADERS} for m in ready]
            new = [r for r in rows if tuple(str(r[h] or "") for h in HEADERS) not in on_sheet]
            if new:
                store.append(TAB, new)
            self._save([m for m in marks if m["Результат"] == SENDING])
            self.last_flush = time.monotonic()
            return len(new)

    def flush_now_and_then(self, store) -> None:
        """During a batch: write the marks if a while has passed; a refusal waits for the end of the batch."""
        if time.monotonic() - self.last_flush >= FLUSH_EVERY:
            try:
                self.flush(store)
            except EduDeskError:
                self.last_flush = time.monotonic()

    def _save(self, marks: list[dict]) -> None:
        if marks:
            write_json(self.path, marks)
        else:
            self.path.unlink(missing_ok=True)

    def _locked(self):
        return locked(self.path)


def _settled(mark: dict) -> dict:
    """A mark «отправляется» left by a sender that is no longer running is a letter of unknown fate."""
    if mark.get("Результат") != SENDING:
        return mark
    alive = time.time() - float(mark.get("_since") or 0) < STALE_SENDING
    if alive and mark.get("_host") == socket.gethostname():
        alive = running(int(mark.get("_pid") or 0))
    return mark if alive else {**mark, "Результат": INTERRUPTED}


class NotRecorded(EduDeskError):
    """Letters went out but their marks could not be written: they stay on disk, are written later, and the same
    letters are not offered again meanwhile."""

    def __init__(self, report: SendReport, reason: str) -> None:
        super().__init__(f"Письма ушли ({len(report.sent)}), но отметки об отправке не записались на лист «Рассылки»: "
                         f"{reason} Отметки сохранены и запишутся при следующей отправке (или кнопкой «Записать "
                         "отметки»); этим адресатам письмо повторно не отправится.")
        self.report = report


def pending(outbox: Path) -> list[dict]:
    """Marks on disk not yet written to «Рассылки»."""
    return Outbox(outbox).marks()


def write_pending(store, outbox: Path) -> int:
    """Write the kept marks to «Рассылки»; how many rows were added."""
    return Outbox(outbox).flush(store)


def send_and_record(store, letters: list[Letter], smtp: SmtpSettings, who: str, outbox: Path, resend: bool = False,
                    progress: Callable[[int, int], None] | None = None) -> SendReport:
    """Send only what can be recorded, and record each letter as it goes.

    Marks kept from an earlier run are written first, and the workbook is asked whether a write would go through
    (open in LibreOffice, read-only): if not, nothing is sent. Whatever stops the batch, what was marked is
    written on the way out; what can't be written stays on disk and NotRecorded says so.
    """
    box = Outbox(outbox)
    box.flush(store)
    store.check_writable()
    report = SendReport()
    try:
        send(letters, smtp, who, resend=resend, progress=progress, report=report,
             mark=box.put, between=lambda: box.flush_now_and_then(store))
    finally:
        refused = None
        try:
            box.flush(store)
        except EduDeskError as exc:
            refused = exc
    if refused is not None:
        raise NotRecorded(report, str(refused)) from refused
    return report


# Kinds sent again for each step, told apart by their subject: the reminder before each module names the module.
PER_SUBJECT = {"module-reminder"}


def _sent_key(kind, subject_of, to, subject) -> tuple:
    return kind, subject_of, (to or "").casefold(), subject if kind in PER_SUBJECT else None


def mark_sent_before(letters: list[Letter], history: list, outbox: Path | None = None) -> list[Letter]:
    """Flag letters sent before (same kind, group or session, recipient) by «Рассылки» and by the marks on disk,
    and those whose fate is unknown: neither is sent again unless the person asks."""
    rows = [(h.kind, h.subject_of, h.to, h.subject, h.result or "") for h in history]
    rows += [(r.get("Вид"), r.get("Группа или сессия"), r.get("Кому"), r.get("Тема"), r.get("Результат") or "")
             for r in (pending(outbox) if outbox else [])]
    done = {_sent_key(*row[:4]) for row in rows if row[4] == SENT}
    unknown = {_sent_key(*row[:4]) for row in rows if row[4].startswith(UNCERTAIN) or row[4] == SENDING} - done
    for letter in letters:
        key = _sent_key(letter.kind, letter.subject_of, letter.to, letter.subject)
        letter.uncertain = key in unknown
        letter.already_sent = key in done or letter.uncertain
    return letters
