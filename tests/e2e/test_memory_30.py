"""#30 item 8: a closed tab's session is let go when its reconnect window is over, and the heap it left is handed back —
on a real `streamlit run`, with sessions opened through Streamlit's own protocol (the benchmark's visitor). Streamlit
by itself frees an expired session only when another one is stored: after the day's last visitor, never.
How much memory comes back is measured in `make bench` (README «Замеры»), not here."""

from __future__ import annotations

import asyncio
import re
import shutil
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.serve import ROOT, streamlit_app
from bench.sessions import visitor

RELEASED = re.compile(r"закрытых сессий освобождено: (\d+), активных: (\d+)")


def _released(log: Path) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in RELEASED.findall(log.read_text(encoding="utf-8", errors="replace"))]


def test_30_8_sessions_closed_are_shut_down_after_their_window_with_no_newcomer(demo_workbook, tmp_path):
    book = tmp_path / "edudesk.xlsx"
    shutil.copy(demo_workbook, book)
    log = tmp_path / "server.log"
    with streamlit_app(book, tmp_path, log=log, STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL="2",
                       EDUDESK_MEMORY_PERIOD_S="1") as (url, _pid):
        port = int(url.rsplit(":", 1)[1])

        async def three_visitors():
            return await asyncio.gather(*(visitor(port, ["", "checks"], 60, i, (0, 0)) for i in range(3)))

        # a thread of its own: the browser tests of this worker may have left an event loop running in this one
        with ThreadPoolExecutor(1) as thread:
            pages = thread.submit(asyncio.run, three_visitors()).result()
        assert all(t != float("inf") for took in pages for t in took)  # they were served
        deadline = time.monotonic() + 30
        while sum(shut for shut, _ in _released(log)) < 3 and time.monotonic() < deadline:
            time.sleep(0.5)
        released = _released(log)
    assert sum(shut for shut, _ in released) == 3, log.read_text(encoding="utf-8", errors="replace")[-2000:]
    assert released[-1][1] == 0  # nobody connected when the last were let go


def test_30_8_the_servers_settings_keep_a_minute_for_reconnects_and_no_collection_after_each_page():
    """The two settings the benchmark's figures stand on, as the app's servers read them (make run, the systemd unit
    and the benchmark start Streamlit in the project's folder, where .streamlit/config.toml is)."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["disconnectedSessionTTL"] == 60
    assert config["runner"]["postScriptGC"] is False
    unit = (ROOT / "deploy" / "templates" / "edudesk-web.service").read_text(encoding="utf-8")
    assert "WorkingDirectory=@APP@" in unit and "\nEnvironment=PYTHONMALLOC=malloc\n" in unit
    run = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "PYTHONMALLOC=malloc" in run and "streamlit run" in run
