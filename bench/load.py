"""30 simulated sessions for 60 seconds against the local Sheets emulator: how many reads reach Google.

Each session opens a page every 0.2–1 s (the page's read goes through the store shared by the process).
With a cache window of W seconds, at most one read (one values:batchGet of the typed values, and the faces of its number columns) per window may reach the API.
"""

from __future__ import annotations

import random
import threading
import time
from datetime import date

import requests

from core.setup import initialize
from core.store.gsheets import GSheetsStore, RetryPolicy
from sheets_schema import TABS
from tests.sheets_emulator import SheetsEmulator

SESSIONS, SECONDS, WINDOW = 30, 60, 5.0
PAGE_TABS = [t.name for t in TABS]


def run(sessions: int = SESSIONS, seconds: float = SECONDS, window: float = WINDOW) -> dict:
    emulator = SheetsEmulator().start()
    try:
        setup = GSheetsStore(emulator.key, session=requests.Session(), api_base=emulator.url)
        initialize(setup, demo=True, today=date(2026, 11, 23))
        store = GSheetsStore(emulator.key, session=requests.Session(), api_base=emulator.url,
                             policy=RetryPolicy(3, 0.05, 0.2), cache_ttl=window)
        store.tab_names()
        emulator.reset_counts()
        stop = time.monotonic() + seconds
        pages, slowest = [0], [0.0]
        lock = threading.Lock()

        def session(seed: int) -> None:
            rnd = random.Random(seed)
            while time.monotonic() < stop:
                started = time.perf_counter()
                store.read(PAGE_TABS)
                took = time.perf_counter() - started
                with lock:
                    pages[0] += 1
                    slowest[0] = max(slowest[0], took)
                time.sleep(rnd.uniform(0.2, 1.0))

        threads = [threading.Thread(target=session, args=(i,)) for i in range(sessions)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return {"sessions": sessions, "seconds": seconds, "window": window, "pages": pages[0],
                "reads": sum(1 for kind, query, _body in emulator.bodies if kind == "values_batch_get"
                             and query.get("valueRenderOption") == ["FORMULA"]),
                "windows": int(seconds // window) + 1,
                "slowest": slowest[0]}
    finally:
        emulator.stop()


def table(result: dict) -> str:
    return ("| Сессий | Секунд | Окно кэша, с | Открыто страниц | Чтений (values:batchGet) | Окон кэша | Самое долгое чтение, с |\n"
            "|---:|---:|---:|---:|---:|---:|---:|\n"
            f"| {result['sessions']} | {result['seconds']} | {result['window']:.0f} | {result['pages']} | "
            f"{result['reads']} | {result['windows']} | {result['slowest']:.3f} |")


if __name__ == "__main__":
    print(table(run()))
