"""The server gives its memory back after visitors leave (#30 item 8).

Streamlit keeps a closed tab's session for `server.disconnectedSessionTTL` seconds so a reconnect finds its widgets,
but its session store drops an expired one only when another session is stored — after the last visitor of the day
nobody frees the last thirty. And what the Python process freed stays in its heap unless the allocator is asked to
hand whole pages back. So one thread of the server, every `PERIOD_S`:

1. shuts down the sessions whose reconnect window has passed (on Streamlit's own event loop, under its storage lock,
   as its session manager does for a session it shuts down itself);
2. when that freed anything, or the last visitor has just left, collects cycles and asks glibc to return free pages
   (`malloc_trim`). The server runs with `PYTHONMALLOC=malloc` (make run, the systemd unit, the benchmark): with
   CPython's own small-object arenas one live object pins its whole arena, and the heap stays at its peak.

Reaches into Streamlit's session manager (private; pyproject.toml bounds Streamlit's version). If that changes shape,
the thread logs once and stops: the app itself is never affected.
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import logging
import os
import threading
import time

log = logging.getLogger("edudesk.memory")

# Seconds between looks: with `disconnectedSessionTTL = 60` (.streamlit/config.toml) a closed tab's memory is back
# within 75 s. EDUDESK_MEMORY_PERIOD_S changes it (the test of this thread waits seconds, not minutes).
PERIOD_S = float(os.environ.get("EDUDESK_MEMORY_PERIOD_S", "15"))
_start_lock = threading.Lock()
_thread: threading.Thread | None = None


def keep_returning_memory() -> None:
    """Start the thread once per server process (each page run calls this; after the first it costs a lock)."""
    global _thread
    with _start_lock:
        if _thread is None:
            _server_log()
            if os.environ.get("PYTHONMALLOC") != "malloc":
                log.info("сервер запущен без PYTHONMALLOC=malloc: память, освобождённая после ухода посетителей, "
                         "останется у процесса (make run и служба edudesk-web задают её сами)")
            _thread = threading.Thread(target=_loop, name="edudesk-memory", daemon=True)
            _thread.start()


def _server_log() -> None:
    """This thread's lines go to the server's log (stderr: journalctl -u edudesk-web) with their time: without a
    handler Python prints only warnings. Only counts are logged, never a value."""
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)


def _loop() -> None:
    had_visitors = False
    while True:
        time.sleep(PERIOD_S)
        try:
            shut, active = _shut_expired_sessions()
        except Exception:  # noqa: BLE001 — Streamlit's internals moved: stop quietly, the app runs on
            log.warning("освобождение памяти закрытых сессий остановлено", exc_info=True)
            return
        if shut or (had_visitors and not active):
            gc.collect()
            trimmed = _trim()
            log.info("закрытых сессий освобождено: %d, активных: %d, память возвращена системе: %s", shut, active,
                     "да" if trimmed else "нет")
        had_visitors = active > 0


def _shut_expired_sessions() -> tuple[int, int]:
    """(sessions shut down now, sessions connected now)."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return 0, 0
    runtime = Runtime.instance()
    manager = runtime._session_mgr
    storage_cache = manager._session_storage._cache
    loop = runtime._get_async_objs().eventloop

    async def on_streamlits_loop() -> int:
        with manager._storage_lock:
            expired = storage_cache.expire()
        for _, info in expired:
            info.session.shutdown()
        return len(expired)

    shut = asyncio.run_coroutine_threadsafe(on_streamlits_loop(), loop).result(timeout=60)
    return shut, len(manager.list_active_sessions())


def _trim() -> bool:
    """Ask glibc to hand free heap pages back to the system (a no-op elsewhere)."""
    try:
        return bool(ctypes.CDLL("libc.so.6").malloc_trim(0))
    except (OSError, AttributeError):
        return False
