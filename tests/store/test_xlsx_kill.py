"""A process killed in the middle of writing leaves the old workbook or the new one, never a broken one."""

import os
import signal
import subprocess
import sys
import time

import python_calamine

from core.store import XlsxStore
from tests.conftest import LAYOUT

WRITER = """
import sys
from core.store import XlsxStore
store = XlsxStore(sys.argv[1])
i = 0
while True:
    store.append("Лист", [{"Код": f"K{i}-{j}", "Название": "x" * 200} for j in range(50)])
    i += 1
    print(i, flush=True)
"""


def test_kill_during_writes_never_breaks_the_workbook(tmp_path):
    """SIGKILL at varied moments of a write loop: the file always opens, with whole appends only."""
    path = tmp_path / "edudesk.xlsx"
    store = XlsxStore(path)
    store.create_tabs([LAYOUT])
    store.append("Лист", [{"Код": f"seed{i}"} for i in range(3000)])  # big enough that a write takes a while
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    for n, delay in enumerate((0.05, 0.2, 0.35, 0.5, 0.8, 1.1)):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=root, stdout=subprocess.PIPE)
        if n % 2:  # every other run kills only after a first append went through, however slow the machine is
            child.stdout.readline()
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        rows = book.get_sheet_by_name("Лист").to_python()
        assert (len(rows) - 1 - 3000) % 50 == 0  # only whole appends, never half of one
    assert len(rows) - 1 > 3000  # the writer did get appends through between kills
    store.append("Лист", [{"Код": "after"}])
    assert not list(tmp_path.glob("*.tmp.xlsx"))  # a killed writer's temp file is cleared by the next write


APPENDER = """
import sys
from core.store import XlsxStore
store = XlsxStore(sys.argv[1], backups_keep=2)
for i in range(int(sys.argv[3])):
    store.append("Лист", [{"Код": f"{sys.argv[2]}-{i}"}])
"""


def test_two_processes_appending_at_once_lose_and_repeat_nothing(tmp_path):
    """Two processes append 200 rows each at the same time: all 400 are there, each once."""
    path = tmp_path / "edudesk.xlsx"
    XlsxStore(path).create_tabs([LAYOUT])
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    children = [subprocess.Popen([sys.executable, "-c", APPENDER, str(path), name, "200"], cwd=root)
                for name in ("A", "B")]
    assert [child.wait(timeout=300) for child in children] == [0, 0]
    codes = [row[0] for row in python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Лист")
             .to_python()[1:]]
    assert sorted(codes) == sorted(f"{n}-{i}" for n in "AB" for i in range(200))
