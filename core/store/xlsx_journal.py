"""«Журнал» of the local workbook kept short: the newest entries in the workbook, the older ones in a workbook of
their own beside it.

Every write rewrites the sheets it appends to, «Журнал» included, so a journal that grows by a row per write forever
made every write slower forever (a one-row update: 0.22 s with 1 000 entries, 1.1 s with 100 000). The workbook keeps
the newest KEEP entries; once «Журнал» holds ROTATE_AT, the older ones move to «<книга> — журнал.xlsx» in the same
folder — the same columns, in order, on a tab «Журнал» that staff open like any workbook. Nothing is dropped: the
move first appends them to the archive (an entry already at its end — a move cut short — is not appended twice),
reads the archive back, and only then rewrites «Журнал» with the newest entries. The daily copy takes the archive too.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .base import TabLayout

JOURNAL = "Журнал"
KEEP = 1_000
ROTATE_AT = 2 * KEEP


def archive_of(workbook: Path) -> Path:
    return workbook.with_name(f"{workbook.stem} — журнал{workbook.suffix}")


def _same(value: Any) -> str:
    return "" if value is None else str(value).strip()


def not_yet_archived(archived: Sequence[Sequence[Any]], moving: Sequence[Sequence[Any]]) -> list[Sequence[Any]]:
    """`moving` without its first entries that already end the archive: a move cut short after appending them
    (before «Журнал» was rewritten) is finished without a duplicate; equal entries elsewhere are kept, both."""
    tail = [tuple(_same(v) for v in row) for row in archived[-len(moving):]] if moving else []
    rows = [tuple(_same(v) for v in row) for row in moving]
    width = max((len(r) for r in rows + tail), default=0)
    tail = [r + ("",) * (width - len(r)) for r in tail]
    rows = [r + ("",) * (width - len(r)) for r in rows]
    for k in range(min(len(tail), len(rows)), 0, -1):
        if tail[-k:] == rows[:k]:
            return list(moving[k:])
    return list(moving)


def move_to_archive(workbook: Path, headers: list[str], moving: Sequence[Sequence[Any]]) -> int:
    """Append these journal rows to the archive beside the workbook; read back, they must all be there. The number
    appended (those already there are not appended again)."""
    from .xlsx import XlsxStore  # the archive is a workbook like any other, written by the same store

    archive = XlsxStore(archive_of(workbook), archives_journal=False)  # an archive has no archive of its own
    if not archive.path.exists():
        archive.create_tabs([TabLayout(JOURNAL, headers)])
    before = archive.read([JOURNAL]).tabs[JOURNAL]
    fresh = not_yet_archived(before.rows, moving)
    if fresh:
        archive.append(JOURNAL, [dict(zip(headers, row, strict=False)) for row in fresh])
    after = archive.fresh(JOURNAL)
    if len(after.rows) != len(before.rows) + len(fresh):
        raise OSError(f"архив журнала «{archive.path.name}» не принял записи")
    return len(fresh)


def archived_journal(store: Any) -> Path | None:
    """The archive of «Журнал»'s older entries beside the app's local workbook, when there is one."""
    from .split import SplitStore
    from .wrapping import bare, layer
    from .xlsx import XlsxStore

    inner = bare(getattr(store, "store", store))
    split = layer(inner, SplitStore)
    shared = split.shared if split is not None else inner
    if isinstance(shared, XlsxStore) and archive_of(shared.path).exists():
        return archive_of(shared.path)
    return None
