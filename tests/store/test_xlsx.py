"""The local workbook: atomic writes, backups, office lock files, staff edits seen on refresh."""

import os
import time

import openpyxl
import pytest

from core.platform.errors import StoreError, WorkbookLocked
from core.store import xlsx as xlsx_module
from core.store.xlsx import XlsxStore
from tests.conftest import LAYOUT


@pytest.fixture
def store(tmp_path):
    s = XlsxStore(tmp_path / "edudesk.xlsx", backups_keep=3)
    s.create_tabs([LAYOUT])
    return s


def test_previous_versions_are_kept_and_pruned(store):
    """Every write keeps the previous file in backups/, at most backups_keep of them."""
    for i in range(5):
        store.append("Лист", [{"Код": f"K{i}"}])
    backups = sorted(store.backups.glob("edudesk-*.xlsx"))
    assert len(backups) == 3
    assert len(openpyxl.load_workbook(backups[-1])["Лист"]["A"]) == 5  # header + K0…K3


def test_no_temporary_files_are_left(store):
    """A finished write leaves only the workbook, its lock and the backups folder."""
    store.append("Лист", [{"Код": "K"}])
    leftovers = [p.name for p in store.path.parent.iterdir() if ".tmp" in p.name]
    assert leftovers == []


def test_failed_write_leaves_the_old_workbook(store, monkeypatch):
    """If saving fails midway, the workbook on disk is the old one, whole."""
    store.append("Лист", [{"Код": "OLD"}])
    before = store.path.read_bytes()

    def explode(source, target, changes):
        with open(target, "wb") as fh:
            fh.write(b"PK\x03\x04 half a zip")
        raise OSError("disk full")

    monkeypatch.setattr(xlsx_module, "write_cells", explode)
    with pytest.raises(StoreError, match="осталась прежней"):
        store.append("Лист", [{"Код": "NEW"}])
    assert store.path.read_bytes() == before
    store.invalidate()
    assert store.read(["Лист"]).tabs["Лист"].rows[0][0] == "OLD"


@pytest.mark.parametrize("lock_name, content, who", [
    (".~lock.edudesk.xlsx#", "Иванова Анна,ivanova,pc-12,23.11.2026 10:00,file:///home;", "Иванова Анна (LibreOffice)"),
    ("~$edudesk.xlsx", bytes([6]) + b"Petrov" + b"\x00" * 40, "Petrov (Excel)"),
])
def test_workbook_open_in_office_is_not_written(store, lock_name, content, who):
    """With Excel's or LibreOffice's lock file beside it, the app refuses to write and names who holds it."""
    lock = store.path.parent / lock_name
    lock.write_bytes(content.encode() if isinstance(content, str) else content)
    with pytest.raises(WorkbookLocked, match=who.replace("(", r"\(").replace(")", r"\)")):
        store.append("Лист", [{"Код": "K"}])
    assert store.read(["Лист"]).tabs["Лист"].rows == []  # reading still works


def test_staff_edit_saved_from_excel_is_seen_on_next_read(store):
    """Warm reads come from memory until the file changes on disk."""
    assert store.read(["Лист"]).tabs["Лист"].rows == []
    book = openpyxl.load_workbook(store.path)
    book["Лист"]["A2"] = "из Excel"
    time.sleep(0.01)
    book.save(store.path)
    os.utime(store.path)
    assert store.read(["Лист"]).tabs["Лист"].rows[0][0] == "из Excel"


def test_tabs_get_bold_frozen_headers_and_dropdowns(store):
    """init's tabs: bold header row, frozen below it, a dropdown on enum columns."""
    sheet = openpyxl.load_workbook(store.path)["Лист"]
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"
    validations = sheet.data_validations.dataValidation
    assert validations and validations[0].formula1 == '"альфа,бета"'


def test_a_cold_read_opens_the_file_once(demo_workbook, monkeypatch):
    """A new store's first read used to notice «a new file», drop its own answer and read the file again."""
    from core.store import xlsx_read

    opened = []
    original = xlsx_read.open_book
    monkeypatch.setattr(xlsx_read, "open_book", lambda path: opened.append(path) or original(path))
    store = XlsxStore(demo_workbook)
    store.read(["Заявки", "Группы"])
    assert len(opened) == 1
    store.read(["Заявки"])
    assert len(opened) == 1
