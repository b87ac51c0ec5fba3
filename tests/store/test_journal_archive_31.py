"""#31 item 5: «Журнал» of the local workbook stops growing — the newest KEEP entries stay in the workbook, the
older move to «<книга> — журнал.xlsx» beside it, every entry once, in order; a move cut short never duplicates."""

from datetime import datetime, timedelta

from core.store import XlsxStore, find_row
from core.store.xlsx_journal import KEEP, ROTATE_AT, archive_of, move_to_archive, not_yet_archived

START = datetime(2026, 11, 23, 9, 0)


def _entries(first: int, count: int) -> list[dict]:
    return [{"Когда": START + timedelta(minutes=n), "Кто": "metodist@oiro.example.ru", "Лист": "Заявки",
             "Ключ": f"З-{n:05d}", "Действие": "изменение", "Было": "", "Стало": f"запись {n}"}
            for n in range(first, first + count)]


def _keys(path) -> list[str]:
    return [row[3] for row in XlsxStore(path).read(["Журнал"]).tabs["Журнал"].rows]


def _update_with_entry(store: XlsxStore, n: int) -> None:
    data = store.read(["Заявки"]).tabs["Заявки"]
    seen = find_row(data, "№ заявки", data.rows[0][0])
    store.update_many("№ заявки", [(seen, {"Причина": f"проверка {n}"})], journal=_entries(n, 1))


def test_the_journal_keeps_its_newest_entries_and_the_archive_the_rest(workbook_copy):
    store = XlsxStore(workbook_copy)
    demo = _keys(workbook_copy)  # the demo's own entries come first
    store.append("Журнал", _entries(0, ROTATE_AT - len(demo) - 1))
    assert not archive_of(workbook_copy).exists()
    _update_with_entry(store, 90_000)  # the entry that fills «Журнал» up: the older ones move
    kept, archived = _keys(workbook_copy), _keys(archive_of(workbook_copy))
    assert len(kept) == KEEP and kept[-1] == "З-90000"
    assert len(archived) == ROTATE_AT - KEEP
    every = demo + [f"З-{n:05d}" for n in range(ROTATE_AT - len(demo) - 1)] + ["З-90000"]
    assert archived + kept == every  # each entry once, in order
    _update_with_entry(store, 90_001)  # and the journal in memory is the file's
    assert store.read(["Журнал"]).tabs["Журнал"].rows[-1][3] == "З-90001"
    assert len(_keys(workbook_copy)) == KEEP + 1


def test_a_long_journal_moves_whole_and_the_archive_has_no_archive_of_its_own(workbook_copy):
    """A workbook kept since before the archive (5 000 entries): its next write moves all but the newest KEEP into
    the archive at once — which, holding more than ROTATE_AT itself, is never archived in turn."""
    XlsxStore(workbook_copy, archives_journal=False).append("Журнал", _entries(0, 5_000))
    before = _keys(workbook_copy)
    _update_with_entry(XlsxStore(workbook_copy), 90_000)
    assert len(_keys(workbook_copy)) == KEEP
    assert _keys(archive_of(workbook_copy)) + _keys(workbook_copy) == before + ["З-90000"]
    assert not archive_of(archive_of(workbook_copy)).exists()


def test_a_move_cut_short_is_finished_without_a_duplicate(workbook_copy):
    """The archive took the older entries, then the machine stopped before «Журнал» was rewritten: the next move
    appends only what the archive lacks."""
    store = XlsxStore(workbook_copy)
    store.append("Журнал", _entries(0, 10))
    grid = store.read(["Журнал"]).tabs["Журнал"]
    move_to_archive(workbook_copy, grid.headers, grid.rows[:6])  # cut short here
    moved = move_to_archive(workbook_copy, grid.headers, grid.rows[:8])  # the next move
    assert moved == 2
    archived = _keys(archive_of(workbook_copy))
    assert archived == [row[3] for row in grid.rows[:8]]


def test_equal_entries_apart_from_the_archives_end_are_both_kept():
    same = ["2026-11-23 09:00", "m@x.ru", "Заявки", "З-1", "изменение", "", "да"]
    other = ["2026-11-23 09:01", "m@x.ru", "Заявки", "З-2", "изменение", "", "да"]
    assert not_yet_archived([same, other], [same, other, same]) == [same]  # its first two already there
    assert not_yet_archived([same], [other, same]) == [other, same]  # the archive's end is no start of these
    assert not_yet_archived([], [same, same]) == [same, same]


def test_the_daily_copy_takes_the_journals_archive_too(workbook_copy, tmp_path, monkeypatch, capsys):
    from core.cli import main

    store = XlsxStore(workbook_copy)
    store.append("Журнал", _entries(0, 5))
    move_to_archive(workbook_copy, store.read(["Журнал"]).tabs["Журнал"].headers,
                    store.read(["Журнал"]).tabs["Журнал"].rows[:3])
    for name, value in {"WORKBOOK": workbook_copy, "JOBS_STATE": tmp_path / "jobs.json"}.items():
        monkeypatch.setenv(f"EDUDESK_{name}", str(value))
    assert main(["jobs", "run", "backup"]) == 0
    said = capsys.readouterr().out
    assert "копия edudesk-" in said and "копия edudesk — журнал-" in said
    copies = sorted((workbook_copy.parent / "backups" / "daily").glob("edudesk — журнал-*.xlsx"))
    assert len(copies) == 1 and _keys(copies[0]) == _keys(archive_of(workbook_copy))



def test_a_move_that_cannot_be_made_leaves_the_write_done_and_every_entry_in_place(workbook_copy, caplog):
    """The archive can't be written (here a folder stands where it would be): the update is saved and reported
    done (a retry would write it twice), «Журнал» keeps every entry, and the next write moves them."""
    store = XlsxStore(workbook_copy)
    store.append("Журнал", _entries(0, ROTATE_AT - len(_keys(workbook_copy)) - 1))
    archive_of(workbook_copy).mkdir()
    _update_with_entry(store, 90_000)
    assert len(_keys(workbook_copy)) == ROTATE_AT and _keys(workbook_copy)[-1] == "З-90000"
    assert "не перенесён в архив" in caplog.text
    archive_of(workbook_copy).rmdir()
    _update_with_entry(store, 90_001)
    assert len(_keys(workbook_copy)) == KEEP and len(_keys(archive_of(workbook_copy))) == ROTATE_AT + 1 - KEEP
