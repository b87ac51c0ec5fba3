"""#25: a value merged down a column — «Г-01» once over the rows of the group's listeners, the attestation date once
over them — is the value of every record under it. Before, only the block's first record had it: the checks said
«Код группы» was missing at B5 and B6, where the staff see «Г-01». Now each record under the block holds it (the
same findings as the same register with the value typed in each row); an update of such a record writes its own
cells and leaves the block merged; an update that would change the shared value for one record is refused in
Russian, nothing written — on a workbook and on a Google Sheet."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from datetime import date

import openpyxl
import pytest

from core.platform.errors import EduDeskError
from core.records.checks import run_all
from core.store import find_row
from tests.connect.helpers import connect_book, connect_google, google_copy, sheet_cells, update_cells
from tests.connect.staff_books import LISTENERS, StaffBook, write_book
from tests.office import HERE, UNO_PYTHON, needs_uno
from tests.sheets_emulator import SheetsEmulator

SHEET = LISTENERS.name  # header in row 3, records in rows 4–7
ROWS = [
    ["С-001", "Г-01", "Иванова", "Мария", "Петровна", "ivanova_mp", 86, date(2026, 3, 13), ""],
    ["С-002", "Г-01", "Петров", "Сергей", "Иванович", "petrov_si", "72,5", date(2026, 3, 13), ""],
    ["С-003", "Г-01", "Сидорова", "Анна", "", "sidorova_a", "", date(2026, 3, 13), ""],
    ["С-004", "Г-02", "Орлова", "Вера", "Павловна", "orlova_vp", 91, date(2026, 4, 17), ""],
]
BLOCKS = ("B4:B6", "H4:H6")  # the group and its attestation date, once for the three listeners of Г-01


def _book(tmp_path, merged: bool, name: str = "staff.xlsx"):
    path = write_book(StaffBook("Слушатели", [replace(LISTENERS, rows=ROWS)]), tmp_path / name)
    if merged:
        book = openpyxl.load_workbook(path)
        sheet = book[SHEET]
        for block in BLOCKS:
            first, last = block.split(":")
            for row in range(int(first[1:]) + 1, int(last[1:]) + 1):
                sheet[f"{first[0]}{row}"] = None
            sheet.merge_cells(block)
        book.save(path)
    return path


def _findings(store) -> set[tuple[str, str | None, str]]:
    return {(f.rule, f.cell, f.message) for f in run_all(store.read(["Слушатели"]).tabs) if f.tab == SHEET}


def _records(store) -> dict[str, dict]:
    return {r["ID слушателя"]: r for r in store.read(["Слушатели"]).tabs["Слушатели"].as_dicts()}


def test_every_record_under_a_merged_block_holds_its_value(tmp_path):
    merged, typed = connect_book(_book(tmp_path, True)), connect_book(_book(tmp_path, False, "typed.xlsx"))
    records = _records(merged)
    assert [records[k]["Код группы"] for k in ("С-001", "С-002", "С-003", "С-004")] == ["Г-01", "Г-01", "Г-01", "Г-02"]
    assert records["С-003"]["Дата аттестации"] == date(2026, 3, 13)
    found = _findings(merged)
    assert not [f for f in found if f[0] == "GEN-REQUIRED" and f[1] in ("B5", "B6")]
    assert found == _findings(typed)


@pytest.mark.parametrize(("key", "row"), [("С-002", 5), ("С-001", 4)])
def test_a_record_under_the_block_is_updated_in_its_own_cells_and_the_block_stays(tmp_path, key, row):
    """С-001 is the block's first record: its own cell B4 holds «Г-01». Was: its update was refused as «changed after
    reading: «Группа» was empty, now «Г-01»» — the cell as it stands was kept for the records under it only."""
    path = _book(tmp_path, True)
    store = connect_book(path)
    changed, after = update_cells(store, path, SHEET, "Слушатели", "ID слушателя", key, {"Логин ДОТ": "new_login"})
    assert changed == {f"F{row}"} and after[f"F{row}"] == "new_login"
    assert {str(r) for r in openpyxl.load_workbook(path)[SHEET].merged_cells.ranges} >= set(BLOCKS)
    assert _records(store)[key]["Код группы"] == "Г-01"


@pytest.mark.parametrize(("key", "cell"), [("С-002", "B5"), ("С-001", "B4")])
def test_changing_the_shared_value_for_one_record_is_refused_and_nothing_written(tmp_path, key, cell):
    path = _book(tmp_path, True)
    store = connect_book(path)
    before = path.read_bytes()
    seen = find_row(store.read(["Слушатели"]).tabs["Слушатели"], "ID слушателя", key)
    with pytest.raises(EduDeskError, match=rf"Ячейка {cell} .*объединена.*B4:B6.*Ничего не записано"):
        store.update(seen, "ID слушателя", {"Код группы": "Г-02", "Логин ДОТ": "x"})
    assert path.read_bytes() == before
    assert sheet_cells(path, SHEET)["B4"] == "Г-01"


def _libreoffice(source, target, steps) -> str:
    return subprocess.run([UNO_PYTHON, str(HERE / "lo_edit.py"), str(source), str(target), json.dumps(steps)],
                          check=True, capture_output=True, text=True, timeout=180).stdout


@needs_uno
def test_a_block_merged_in_libreoffice_is_read_and_stays_merged_after_a_write(tmp_path):
    """The blocks merged by LibreOffice itself (its own <mergeCells>, its covered cells) and saved as .xlsx: read as
    the typed register, and after an update LibreOffice still shows B4:B6 as one cell."""
    typed = _book(tmp_path, False, "typed.xlsx")
    path = tmp_path / "merged-in-lo.xlsx"
    _libreoffice(typed, path, [step for block in BLOCKS for step in (
        ["clear", SHEET, block.replace("4:", "5:")], ["merge", SHEET, block])])
    store = connect_book(path)
    assert _findings(store) == _findings(connect_book(typed))
    changed, _after = update_cells(store, path, SHEET, "Слушатели", "ID слушателя", "С-003",
                                   {"Логин ДОТ": "sidorova_an"})
    assert changed == {"F6"}
    shown = _libreoffice(path, tmp_path / "again.xlsx", [["merged", SHEET, b] for b in BLOCKS])
    assert [line.split("\t")[2] for line in shown.splitlines() if line.startswith("merged")] == ["1", "1"]


def test_on_a_google_sheet_too(tmp_path):
    emulator = SheetsEmulator().start()
    try:
        google_copy(_book(tmp_path, True), emulator)
        sheet = emulator.sheet(SHEET)
        for c0 in (1, 7):  # B4:B6, H4:H6 (0-based, ends excluded)
            sheet.merges.append({"sheetId": sheet.sheet_id, "startRowIndex": 3, "endRowIndex": 6,
                                 "startColumnIndex": c0, "endColumnIndex": c0 + 1})
        mapped = connect_google(emulator)
        assert _findings(mapped) == _findings(connect_book(_book(tmp_path, False, "typed.xlsx")))
        assert _records(mapped)["С-003"]["Код группы"] == "Г-01"
        mapped.update(find_row(mapped.read(["Слушатели"]).tabs["Слушатели"], "ID слушателя", "С-003"),
                      "ID слушателя", {"Логин ДОТ": "sidorova_an"})
        assert emulator.grid(SHEET)[5][5] == "sidorova_an" and not emulator.grid(SHEET)[5][1]
        mapped.update(find_row(mapped.read(["Слушатели"]).tabs["Слушатели"], "ID слушателя", "С-001"),
                      "ID слушателя", {"Логин ДОТ": "ivanova_m"})  # the block's first record, its own cell B4 «Г-01»
        assert emulator.grid(SHEET)[3][5] == "ivanova_m" and emulator.grid(SHEET)[3][1] == "Г-01"
        before = emulator.grid(SHEET)
        seen = find_row(mapped.read(["Слушатели"]).tabs["Слушатели"], "ID слушателя", "С-003")
        with pytest.raises(EduDeskError, match="Ячейка B6 .*объединена"):
            mapped.update(seen, "ID слушателя", {"Код группы": "Г-02"})
        assert emulator.grid(SHEET) == before
    finally:
        emulator.stop()
