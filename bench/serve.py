"""A real `streamlit run` of the app on a free port, for the browser tests and the many-sessions benchmark."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class NotServing(RuntimeError):
    """The server did not answer its health check in time."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_app(workbook: Path, folder: Path, address: str = "127.0.0.1", wait: float = 60.0,
                  log: Path | None = None, **extra_env: str) -> Iterator[tuple[str, int]]:
    """The app on `workbook` with a fixed «today» and no secrets; yields (URL on 127.0.0.1, server pid) once it
    answers /_stcore/health. The file watcher is off, as `make run` has it; the server's output goes to `log`."""
    port = free_port()
    env = {**os.environ, "EDUDESK_WORKBOOK": str(workbook), "EDUDESK_TODAY": "2026-11-23",
           "EDUDESK_SECRETS_FILE": str(folder / "no-secrets.toml"),
           "PYTHONMALLOC": "malloc"}  # as make run and the systemd unit start it (ui/memory.py says why)
    for name in ("EDUDESK_DEV_USER", "EDUDESK_SHOW_ERRORS"):
        env.pop(name, None)
    env.update(extra_env)
    output = subprocess.DEVNULL if log is None else log.open("ab")
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.port", str(port),
                                "--server.address", address, "--server.headless", "true",
                                "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=output)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise NotServing(f"streamlit run не поднялся за {wait:.0f} с") from None
                time.sleep(0.25)
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)
        if log is not None:
            output.close()
