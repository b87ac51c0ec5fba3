"""A second machine, as a separate process: a member of staff adding numbered applications to the shared sheet as
fast as the sheet answers, with no coordination with anyone (tests/store/test_gsheets_defects_26.py).

Run as `python -m tests.store.concurrent_adds URL WHO COUNT FOLDER KEY…`: for each spreadsheet KEY it waits until
every machine is ready (a file per machine in FOLDER), adds COUNT applications one by one, and prints a JSON line
with the numbers the app told this user.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import requests

from core.enrollment.application_form import APPLICATION_NUMBERS
from core.records.journal import JournaledStore
from core.store.gsheets import GSheetsStore, RetryPolicy

POLICY = RetryPolicy(max_attempts=6, base_delay=0.001, max_delay=0.01, timeout=5.0)
MACHINES = 2


def _wait_for_everyone(folder: Path, key: str, who: str) -> None:
    (folder / f"{key}.{who}.ready").touch()
    deadline = time.monotonic() + 60
    while len(list(folder.glob(f"{key}.*.ready"))) < MACHINES and time.monotonic() < deadline:
        time.sleep(0.002)


def main(url: str, who: str, count: int, folder: Path, keys: list[str]) -> None:
    for key in keys:
        store = GSheetsStore(key, session=requests.Session(), api_base=url, policy=POLICY)
        journaled = JournaledStore(store, who)
        _wait_for_everyone(folder, key, who)
        numbers = []
        for i in range(count):
            row = {"Код программы": "ПК-001", "Фамилия": f"{who[:5]}-{i}", "Имя": "Анна", "Статус": "новая"}
            written = journaled.append("Заявки", [row], numbering=APPLICATION_NUMBERS)
            numbers.append(written[0]["№ заявки"])
        print(json.dumps({"key": key, "who": who, "numbers": numbers}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4]), sys.argv[5:])
