"""Safe file writes for the local workbook: lock, atomic replace, backups, office lock files."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from core.platform.errors import StoreError, WorkbookLocked, os_reason


def write_lock(path: Path, timeout: float = 15.0) -> FileLock:
    return FileLock(str(path.parent / f".{path.name}.lock"), timeout=timeout)


def office_lock_owner(path: Path) -> str | None:
    """Who holds the workbook open in Excel or LibreOffice, from their lock files; None if nobody."""
    libre = path.parent / f".~lock.{path.name}#"
    if libre.exists():
        # «Full Name,login,host,date,url;»: the full name when the profile has one, else the login.
        parts = libre.read_text(encoding="utf-8", errors="replace").split(",")
        name = parts[0].strip() or (parts[1].strip() if len(parts) > 1 else "")
        return f"{name or 'неизвестный пользователь'} (LibreOffice)"
    excel = path.parent / ("~$" + path.name[2:] if len(path.name) > 2 else "~$" + path.name)
    excel_full = path.parent / ("~$" + path.name)
    for candidate in (excel_full, excel):
        if candidate.exists():
            return f"{_excel_owner(candidate)} (Excel)"
    return None


def _excel_owner(lock: Path) -> str:
    # The owner file starts with a length byte and the user name in a one-byte code page.
    data = lock.read_bytes()
    if data:
        length = data[0]
        raw = data[1 : 1 + length]
        for encoding in ("cp1251", "latin-1"):
            try:
                name = raw.decode(encoding).strip()
            except UnicodeDecodeError:
                continue
            if name:
                return name
    return "неизвестный пользователь"


def refuse_if_open_elsewhere(path: Path) -> None:
    owner = office_lock_owner(path)
    if owner:
        raise WorkbookLocked(
            f"Книгу «{path.name}» сейчас редактирует {owner}. Приложение ничего не записало, чтобы не "
            f"потерять их правки: попросите закрыть файл (или закройте его сами) и повторите. Читать данные можно.")


def refuse_if_read_only(path: Path) -> None:
    """A workbook marked read-only (or not writable by this account) is not replaced behind its owner's back."""
    if path.exists() and (not os.access(path, os.W_OK) or not path.stat().st_mode & stat.S_IWUSR):
        raise WorkbookLocked(f"Книга «{path.name}» доступна только для чтения. Приложение ничего не записало: "
                             "снимите с файла отметку «только чтение» (или попросите владельца дать вам право записи) "
                             "и повторите.")


def atomic_write(path: Path, write: Callable[[Path], None], backups: Path, keep: int) -> None:
    """Write through a temp file in the same folder, fsync, keep the old file as a backup, replace.

    A crash at any point leaves either the old file or the new one at `path`, never a torn one. The new file
    gets the old one's permissions, so colleagues on a shared folder keep their access. A full disk is said
    in Russian and leaves the workbook and the backups as they were.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{path.stem}-*.tmp.xlsx"):  # left by a writer that was killed
        stale.unlink(missing_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp.xlsx", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
            if keep > 0:
                _backup(path, backups, keep)
        else:  # a new workbook gets the mode any new file of this user gets (mkstemp's is 0600: only its maker)
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise StoreError(f"На диске не хватает места, книга «{path.name}» не записана и осталась прежней. "
                             "Освободите место (например, старые копии в data/backups/) и повторите.") from exc
        raise StoreError(f"Книгу «{path.name}» записать не удалось ({os_reason(exc)}); она осталась прежней.") \
            from exc
    finally:
        if tmp.exists():
            tmp.unlink()


def _umask() -> int:
    """The process's umask, read without changing it (Linux shows it in /proc); else set and set back."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _backup(path: Path, backups: Path, keep: int) -> None:
    """A copy of the current workbook in backups/, written whole or not at all; the oldest beyond `keep` go."""
    backups.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    final = backups / f"{path.stem}-{stamp}{path.suffix}"
    partial = backups / f".{final.name}.part"
    try:
        shutil.copy2(path, partial)
        os.replace(partial, final)
    finally:
        partial.unlink(missing_ok=True)
    old = sorted(backups.glob(f"{path.stem}-*{path.suffix}"))
    for stale in old[:-keep]:
        stale.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def locked(path: Path, timeout: float = 15.0) -> FileLock:
    """The write lock, with a Russian message when another write holds it too long."""
    lock = write_lock(path, timeout)
    try:
        lock.acquire()
    except Timeout:
        raise WorkbookLocked(
            f"Книга «{path.name}» занята другой записью приложения дольше {timeout:.0f} с. Повторите позже.") from None
    return lock
