"""Several processes writing one connected staff workbook at once (#25): the command line of two colleagues on the
institute's server, a scheduled job and the page's server are separate processes, not threads — they meet only at
the workbook's file lock. Each process here runs `edudesk add` through the mapping saved in the staff's own file,
all released at the same moment: every record written once, no number given twice (neither the app's «№ заявки»
nor the staff's «№ п/п»), each under its own section, and not one cell of what staff typed changed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from core.records.checks import open_workbook
from tests.connect.helpers import applications_added, connect_book, sheet_cells
from tests.connect.staff_books import PAYMENTS, REGISTER, SECTIONED_PLAN, StaffBook, write_book
from tests.connect.test_sessions_at_once_25 import DEPARTMENTS, PLAN
from tests.corpus import libreoffice_csv

PROCESSES = 6
ROOT = Path(__file__).resolve().parents[2]


# Each colleague's `edudesk add` in its own interpreter: imported first, then held until every one is ready, so that
# they write at the same moment. (Not multiprocessing's spawn: under pytest it re-runs whatever script an earlier test
# left as __main__.)
_COMMAND = """
import pathlib, sys, time
from core.cli import main
folder = pathlib.Path(sys.argv[1])
(folder / f"ready-{sys.argv[2]}").touch()
while not (folder / "go").exists():
    time.sleep(0.002)
sys.exit(main(sys.argv[3:]))
"""


def _at_once(path: Path, commands: list[list[str]]) -> list[tuple[int, str, str]]:
    folder = path.parent / "start"
    folder.mkdir()
    processes = [subprocess.Popen([sys.executable, "-c", _COMMAND, str(folder), str(n), "--workbook", str(path), *c],
                                  cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for n, c in enumerate(commands)]
    deadline = time.monotonic() + 120
    while len(list(folder.glob("ready-*"))) < len(commands) and time.monotonic() < deadline:
        time.sleep(0.01)
    (folder / "go").touch()
    answers = []
    for p in processes:
        out, err = p.communicate(timeout=180)
        answers.append((p.returncode, out, err))
    return answers


def test_six_processes_adding_applications_at_once_get_six_numbers_and_six_rows(tmp_path):
    path = write_book(StaffBook("Реестр", [REGISTER]), tmp_path / "reg.xlsx")
    connect_book(path)
    before = sheet_cells(path, REGISTER.name)
    commands = [["add", "Заявки", "--set", f"Фамилия=Новикова{n}", "--set", "Имя=Анна", "--set", "Код программы=ПК-01",
                 "--set", "Статус=новая", "--yes"] for n in range(PROCESSES)]

    answers = _at_once(path, commands)

    assert [code for code, _, _ in answers] == [0] * PROCESSES, [err for _, _, err in answers]
    given = [out.rsplit("№ ", 1)[1].strip().rstrip(".") for _, out, _ in answers]
    applications_added(path, REGISTER.name, before, given, len(REGISTER.rows))
    # the staff's «№ п/п» of every record, theirs and the six new ones, top to bottom: each number given once, in turn
    after = sheet_cells(path, REGISTER.name)
    numbers = [after[f"A{r}"] for r in range(6, 30) if f"B{r}" in after]
    assert numbers == list(range(1, len(REGISTER.rows) + PROCESSES + 1))


def test_six_processes_adding_to_a_plan_kept_in_sections_put_each_record_under_its_own_section(tmp_path):
    path = write_book(StaffBook("План", [PLAN]), tmp_path / "plan.xlsx")
    connect_book(path)
    before = sheet_cells(path, SECTIONED_PLAN.name)
    commands = [["add", "ПОУ_услуги", "--set", f"Код услуги=ПОУ-9{n:02d}", "--set", f"Кафедра={DEPARTMENTS[n % 3]}",
                 "--set", "Вид=ПК", "--set", f"Наименование=Новая {n}", "--yes"] for n in range(PROCESSES)]

    answers = _at_once(path, commands)

    assert [code for code, _, _ in answers] == [0] * PROCESSES, [err for _, _, err in answers]
    services = {r.item.code: r.item for r in open_workbook(connect_book(path).read(["ПОУ_услуги"]).tabs)
                .items("ПОУ_услуги")}
    assert len(services) == 4 + PROCESSES
    assert all(services[f"ПОУ-9{n:02d}"].department == DEPARTMENTS[n % 3] for n in range(PROCESSES))
    cells = sheet_cells(path, SECTIONED_PLAN.name)
    codes = [cells.get(f"A{r}") for r in range(4, 4 + 7 + PROCESSES)]
    assert [codes.count(d) for d in DEPARTMENTS] == [1, 1, 1]  # no section row written twice
    # each section's records follow its own row: the codes under «Кафедра ИТ» are ПОУ-201 and its new ones only
    section_of, current = {}, None
    for code in codes:
        current = code if code in DEPARTMENTS else current
        section_of[code] = current
    assert all(section_of[f"ПОУ-9{n:02d}"] == DEPARTMENTS[n % 3] for n in range(PROCESSES))
    staff_typed = set(before.values())
    assert staff_typed <= set(cells.values())  # every value staff typed is still in the tab


def test_processes_adding_to_the_tabs_of_one_register_at_once_never_get_one_number(tmp_path):
    """Applications kept on a tab per programme, six processes adding to both tabs at the same moment: the numbers
    on the other tab are read inside the write, under the file's lock — no number given twice across the tabs."""
    from tests.connect.test_several_tabs_25 import _applications_book

    path = _applications_book(tmp_path)
    connect_book(path)
    commands = [["add", "Заявки", "--set", f"Фамилия=Новикова{n}", "--set", "Имя=Анна", "--set",
                 f"Код программы=ПК-0{1 + n % 2}", "--yes"] for n in range(PROCESSES)]

    answers = _at_once(path, commands)

    assert [code for code, _, _ in answers] == [0] * PROCESSES, [err for _, _, err in answers]
    given = [out.rsplit("№ ", 1)[1].strip().rstrip(".") for _, out, _ in answers]
    assert len(set(given)) == PROCESSES, given
    numbers = [r.item.number for r in open_workbook(connect_book(path).read(["Заявки"]).tabs).items("Заявки")]
    assert len(numbers) == len(set(numbers)) == 4 + PROCESSES, numbers


def test_processes_editing_and_adding_to_a_register_with_merged_groups_at_once(tmp_path):
    """«Г-01» and its attestation date merged once over its three listeners (B4:B6, H4:H6). Seven processes at the
    same moment: three enter the test score of a listener under the block, three add listeners of Г-02, one tries to
    move С-002 alone to Г-02 (the block's value: refused). Each score lands in its own cell, each listener once on a
    row of its own, the refused write changes nothing, and both blocks stay merged."""
    from tests.connect.test_merged_down_25 import BLOCKS, SHEET
    from tests.connect.test_merged_down_25 import _book as merged_book

    path = merged_book(tmp_path, True)
    connect_book(path)
    before = sheet_cells(path, SHEET)
    scores = {"С-001": 90, "С-002": 75, "С-003": 60}
    commands = [["edit", "Слушатели", key, "--set", f"Итоговый тест, балл={score}", "--yes"]
                for key, score in scores.items()]
    commands += [["add", "Слушатели", "--set", f"ID слушателя=С-10{n}", "--set", "Код группы=Г-02", "--set",
                  f"ФИО=Новикова{n} Анна Сергеевна", "--yes"] for n in range(3)]
    commands.append(["edit", "Слушатели", "С-002", "--set", "Код группы=Г-02", "--yes"])

    answers = _at_once(path, commands)

    assert [code for code, _, _ in answers[:6]] == [0] * 6, [err for _, _, err in answers]
    assert answers[6][0] != 0 and "объединена" in answers[6][1] + answers[6][2]
    after = sheet_cells(path, SHEET)
    assert [after[f"G{r}"] for r in (4, 5, 6)] == list(scores.values())
    assert {str(r) for r in openpyxl.load_workbook(path)[SHEET].merged_cells.ranges} >= set(BLOCKS)
    assert (after["B4"], after["H4"]) == (before["B4"], before["H4"]) and "B5" not in after
    added = sorted(r for r in range(8, 20) if str(after.get(f"A{r}", "")).startswith("С-10"))
    assert sorted(after[f"A{r}"] for r in added) == ["С-100", "С-101", "С-102"] and len(added) == 3
    assert {after[f"B{r}"] for r in added} == {"Г-02"}
    untouched = {c: v for c, v in before.items() if not c.startswith("G")}
    assert {c: after.get(c) for c in untouched} == untouched  # what staff typed, but the three scores, as it was


@pytest.mark.skipif(not shutil.which("soffice"), reason="нет LibreOffice: make office")
def test_six_processes_adding_above_the_staffs_total_at_once_each_get_a_row_and_the_total_takes_all(tmp_path):
    """Payments with «Итого» under them (=SUM(F4:F6)), the book saved by LibreOffice (each formula's result in the
    file): six processes add a payment at the same moment. Each goes in once, above the total, the total's sums take
    in all six, and LibreOffice shows the new total."""
    from tests.connect.test_totals_25 import _book as payments_book
    from tests.connect.test_totals_25 import _saved_by_libreoffice

    path = _saved_by_libreoffice(tmp_path, payments_book(tmp_path))
    connect_book(path)
    commands = [["add", "ПОУ_оплаты", "--set", "Код услуги=ПОУ-003", "--set", f"Договор=Д-3{n}/2026", "--set",
                 f"Сумма по договору={100 * (n + 1)},50", "--yes"] for n in range(PROCESSES)]

    answers = _at_once(path, commands)

    assert [code for code, _, _ in answers] == [0] * PROCESSES, [err for _, _, err in answers]
    after = sheet_cells(path, PAYMENTS.name)
    total = 4 + len(PAYMENTS.rows) + PROCESSES
    assert after[f"A{total}"] == "Итого"  # the «№ п/п» of the nine payments above it: each given once, in turn
    assert [after[f"A{r}"] for r in range(4, total)] == list(range(1, len(PAYMENTS.rows) + PROCESSES + 1))
    contracts = [after.get(f"C{r}") for r in range(4, total)]
    assert sorted(c for c in contracts if c.startswith("Д-3")) == [f"Д-3{n}/2026" for n in range(PROCESSES)]
    assert after[f"F{total}"] == f"=SUM(F4:F{total - 1})"
    shown = libreoffice_csv([path], tmp_path / "shown")[path][PAYMENTS.name]
    new = sum(Decimal(f"{100 * (n + 1)}.50") for n in range(PROCESSES))
    assert Decimal(shown[total - 1][5].replace(",", ".")) == Decimal("12000") + Decimal("3600") + new
