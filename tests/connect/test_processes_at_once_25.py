"""Several processes writing one connected staff workbook at once (#25): the command line of two colleagues on the
institute's server, a scheduled job and the page's server are separate processes, not threads — they meet only at
the workbook's file lock. Each process here runs `edudesk add` through the mapping saved in the staff's own file,
all released at the same moment: every record written once, no number given twice (neither the app's «№ заявки»
nor the staff's «№ п/п»), each under its own section, and not one cell of what staff typed changed."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from core.records.checks import open_workbook
from tests.connect.helpers import applications_added, connect_book, sheet_cells
from tests.connect.staff_books import REGISTER, SECTIONED_PLAN, StaffBook, write_book
from tests.connect.test_sessions_at_once_25 import DEPARTMENTS, PLAN

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
