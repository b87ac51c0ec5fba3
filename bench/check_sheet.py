"""Refreshing «Проверка» for the 50 000-row check: time on the local workbook, requests on Google Sheets (emulated).

Three runs on each store: the first adds the tab, the second follows a colleague's change (one new finding), the
third finds nothing new and must write nothing. The local time is the whole cron run (read 50 000 rows, check,
compare, write) and, apart, the writing of the tab. On Google Sheets what counts is the requests; the emulator's
own speed (a Python server answering 1,5 million cells as JSON) says nothing about Google's.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date, datetime
from pathlib import Path

import openpyxl
import requests

from core import areas
from core.records.check_sheet import publish
from core.store import XlsxStore, find_row
from core.store.base import Store, TabData
from core.store.gsheets import GSheetsStore, RetryPolicy
from tests.sheets_emulator import SheetsEmulator

areas.load()  # every area's rules and numberings, as the app and the CLI load them

TODAY = date(2026, 11, 23)
READS = {"grid_get", "metadata", "values_get", "values_batch_get"}
RUNS = ("первая (лист добавляется)", "после правки коллеги (+1 находка)", "ничего не изменилось")


class _TimedWrites:
    """Wraps a store's write of its own tab to time it apart from reading and checking."""

    def __init__(self, store: Store) -> None:
        self.seconds = 0.0
        original = store._write_owned_tab

        def timed(tab):
            start = time.perf_counter()
            original(tab)
            self.seconds += time.perf_counter() - start

        store._write_owned_tab = timed


def _local(data: dict[str, TabData]) -> list[tuple[float, float, bool]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "edudesk.xlsx"
        book = openpyxl.Workbook(write_only=True)
        for tab in data.values():
            sheet = book.create_sheet(tab.name)
            sheet.append(tab.headers)
            for row in tab.rows:
                sheet.append(row)
        book.save(path)
        out = []
        for i in range(len(RUNS)):
            if i == 1:  # a colleague empties a surname; the cron run is a new process: a new store, nothing cached
                store = XlsxStore(path)
                seen = find_row(store.read(["Заявки"]).tabs["Заявки"], "№ заявки", "З-000001")
                store.update(seen, "№ заявки", {"Фамилия": ""})
            store = XlsxStore(path)
            writes = _TimedWrites(store)
            start = time.perf_counter()
            published = publish(store, TODAY, datetime(2026, 11, 23, 9, 0))
            out.append((time.perf_counter() - start, writes.seconds, published.written))
        return out


def _google(data: dict[str, TabData]) -> list[tuple[int, int]]:
    emulator = SheetsEmulator().start()
    try:
        for tab in data.values():
            emulator.add_sheet(tab.name, [tab.headers, *tab.rows])
        column = data["Заявки"].headers.index("Фамилия") + 1
        out = []
        for i in range(len(RUNS)):
            if i == 1:
                emulator.set_cell("Заявки", 2, column, "")
            store = GSheetsStore(emulator.key, session=requests.Session(), api_base=emulator.url,
                                 policy=RetryPolicy(3, 0.05, 0.2))
            emulator.reset_counts()
            publish(store, TODAY, datetime(2026, 11, 23, 9, 0))
            kinds = [kind for _, kind in emulator.requests]
            writes = len([k for k in kinds if k not in READS])
            out.append((writes, len(kinds) - writes))
        return out
    finally:
        emulator.stop()


def table(data: dict[str, TabData]) -> str:
    lines = ["| Прогон `edudesk check --to-sheet` | Локальная книга, всего, с | из них запись листа, с | "
             "Google: запросов записи | Google: запросов чтения |", "|---|---:|---:|---:|---:|"]
    for label, (total, write, written), (writes, reads) in zip(RUNS, _local(data), _google(data), strict=True):
        lines.append(f"| {label} | {total:.2f} | {write:.3f}{'' if written else ' (не писался)'} | {writes} | {reads} |")
    return "\n".join(lines)
