"""Many people on one server: N browser sessions opening the app's pages through Streamlit's own protocol (a
websocket at /_stcore/stream, BackMsg `rerun_script` in, ForwardMsg out until `script_finished`), against a real
`streamlit run` — the latency of each page, a new visitor's first page under load, and the server's memory before,
at the peak and after the sessions close. Not a test: `make bench` prints the table for README «Замеры».
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import statistics
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.serve import streamlit_app

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["", "checks", "records", "calculators", "help", "applications", "groups", "progress", "certificates",
         "group_documents", "mailings", "moodle", "roadmap", "roadmap_import", "paid_plan", "paid_new", "paid_card",
         "paid_split", "exam_schedule", "exam_experts", "exam_draw", "exam_results", "exam_costs", "assessment",
         "state_plan", "journal"]


def rss_mib(pid: int) -> float:
    """Resident memory of the server process, from /proc (MiB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@contextmanager
def server(workbook: Path):
    with streamlit_app(workbook, workbook.parent, wait=120) as (url, pid):
        yield int(url.rsplit(":", 1)[1]), pid


async def open_page(ws, page: str, timeout: float) -> float:
    """Ask for one page on an open session; seconds until the server says the script finished."""
    message = BackMsg()
    message.rerun_script.page_name = page
    message.rerun_script.query_string = ""
    started = time.perf_counter()
    await ws.send(message.SerializeToString())
    while True:
        raw = await asyncio.wait_for(ws.recv(), timeout=max(0.01, timeout - (time.perf_counter() - started)))
        forward = ForwardMsg()
        forward.ParseFromString(raw)
        if forward.WhichOneof("type") == "script_finished":
            return time.perf_counter() - started


async def visitor(port: int, pages: list[str], timeout: float, seed: int, pause: tuple[float, float]) -> list[float]:
    """One person: connects, then opens `pages` in turn; the seconds each took (timeout = a page not answered)."""
    rnd, took = random.Random(seed), []
    async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                  max_size=None, open_timeout=timeout) as ws:
        for page in pages:
            try:
                took.append(await open_page(ws, page, timeout))
            except TimeoutError:
                took.append(float("inf"))
            await asyncio.sleep(rnd.uniform(*pause))
    return took


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] if ordered else float("nan")


async def _load(port: int, pid: int, sessions: int, rounds: int, timeout: float) -> dict:
    peak = [rss_mib(pid)]

    async def watch() -> None:
        while True:
            peak[0] = max(peak[0], rss_mib(pid))
            await asyncio.sleep(0.5)

    watcher = asyncio.create_task(watch())
    tour = PAGES * rounds
    crowd = [asyncio.create_task(visitor(port, tour[i % len(PAGES):] + tour[:i % len(PAGES)], timeout, i, (0.2, 1.0)))
             for i in range(sessions)]
    await asyncio.sleep(5)  # the crowd is in: a newcomer opens the home page
    newcomer = (await visitor(port, [""], timeout, 999, (0, 0)))[0]
    results = [t for task in await asyncio.gather(*crowd) for t in task]
    watcher.cancel()
    return {"pages": len(results), "unanswered": sum(1 for t in results if t == float("inf")),
            "median": statistics.median(results), "p95": p95(results), "newcomer": newcomer, "peak": peak[0]}


def measure(workbook: Path, sessions: int, rounds: int = 1, timeout: float = 120.0, pages: int | None = None) -> dict:
    with server(workbook) as (port, pid):
        first = asyncio.run(visitor(port, PAGES, timeout, 0, (0, 0)))  # warm: one person tours every page
        start = rss_mib(pid)
        single = asyncio.run(visitor(port, PAGES, timeout, 1, (0, 0)))
        load = asyncio.run(_load(port, pid, sessions, rounds, timeout))
        time.sleep(float(os.environ.get("AFTER", "90")))  # sessions closed: what the server keeps
        after = rss_mib(pid)
    return {"sessions": sessions, "cold": first[0], "single_p95": p95(single), "start": start, "after": after, **load}


def table(results: list[tuple[str, dict]]) -> str:
    out = ["| Книга | Сессий | Страниц | Без ответа | Медиана, с | p95, с | p95 одной сессии, с | Новый посетитель, с "
           "| Память: после прогрева → пик → через 90 с, МиБ |", "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for name, r in results:
        out.append(f"| {name} | {r['sessions']} | {r['pages']} | {r['unanswered']} | {r['median']:.2f} | "
                   f"{r['p95']:.2f} | {r['single_p95']:.2f} | {r['newcomer']:.2f} | "
                   f"{r['start']:.0f} → {r['peak']:.0f} → {r['after']:.0f} |")
    return "\n".join(out)


def run_both(sessions: int = 30) -> str:
    """The demo workbook and the 20 000-row one, each on a fresh server."""
    from bench.run import build_workbook
    from core.setup import initialize
    from core.store import XlsxStore

    folder = Path(tempfile.mkdtemp(prefix="edudesk-sessions-"))
    try:
        demo = folder / "demo.xlsx"
        initialize(XlsxStore(demo), demo=True)
        big = folder / "big.xlsx"
        build_workbook(big)
        return table([("демо", measure(demo, sessions)), ("20 000 строк", measure(big, sessions))])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    print(run_both(int(os.environ.get("SESSIONS", "30"))))
