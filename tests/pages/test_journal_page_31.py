"""«Журнал изменений» says where «Журнал»'s older entries went (#31 item 5) and offers them to download."""

from core.store import XlsxStore
from core.store.xlsx_journal import move_to_archive
from tests.store.test_journal_archive_31 import _entries


def test_the_journal_page_says_where_the_older_entries_are_and_offers_them(app_on, workbook_copy, monkeypatch):
    store = XlsxStore(workbook_copy)
    store.append("Журнал", _entries(0, 4))
    move_to_archive(workbook_copy, store.read(["Журнал"]).tabs["Журнал"].headers,
                    store.read(["Журнал"]).tabs["Журнал"].rows[:2])
    monkeypatch.setenv("EDUDESK_DEV_USER", "admin@oiro.example.ru")
    at = app_on(workbook_copy)
    at.switch_page("app_pages/journal.py").run()
    assert not at.exception
    assert any("edudesk — журнал.xlsx" in c.value for c in at.caption)
    assert at.get("download_button")  # the archive, to download
