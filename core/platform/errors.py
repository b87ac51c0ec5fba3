"""Errors a user may see; every message is Russian and says what to do."""

import errno


class EduDeskError(Exception):
    """Base of every error EduDesk shows to a user."""


class CellError(EduDeskError):
    """A cell's text can't be read as the column's type."""


class StoreError(EduDeskError):
    """The spreadsheet could not be read or written."""


class StoreUnavailable(StoreError):
    """The spreadsheet can't be reached and no earlier data is at hand."""


class WorkbookLocked(StoreError):
    """Someone holds the workbook open for editing; the app does not write."""


class ConcurrentEditError(StoreError):
    """The row changed or moved since it was read; nothing was written."""


class RowNotFound(StoreError):
    """No row with that key in the tab."""


class UnknownTab(StoreError):
    """The spreadsheet has no tab with that name."""


class UnknownColumn(StoreError):
    """A value was given for a column the tab does not have."""


class ConfigError(EduDeskError):
    """Settings or secrets are wrong or incomplete."""


class WriteNotSaved(StoreError):
    """A write was refused or could not reach the sheet; nothing of it was saved."""


class WriteUncertain(StoreError):
    """The sheet did not answer whether a write was saved, and checking it again was not possible."""


class WriteMisplaced(StoreError):
    """A write was saved, but a colleague's change in the same moment put it somewhere other than intended."""


class DocumentIncomplete(EduDeskError):
    """An official document would have a blank or a guess where data belongs: it is not made."""


class InputError(EduDeskError):
    """Numbers that can't be right (points above the maximum, below zero…)."""


_OS_REASONS = {
    errno.EACCES: "нет прав", errno.EPERM: "нет прав", errno.ENOENT: "нет такого файла или папки",
    errno.EROFS: "диск только для чтения", errno.EISDIR: "это папка, а не файл", errno.ENOTDIR: "часть пути — не папка",
    errno.EIO: "ошибка диска или сети", errno.ESTALE: "сетевая папка отключилась", errno.EBUSY: "файл занят",
    errno.ENAMETOOLONG: "слишком длинный путь", errno.EXDEV: "нельзя переместить между дисками",
}


def os_reason(exc: OSError) -> str:
    """What the operating system said, in Russian (its own strerror is English)."""
    return _OS_REASONS.get(exc.errno, f"ошибка системы, код {exc.errno}")
