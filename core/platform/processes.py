"""Whether a process that left a mark on disk is still running (a mark left by a killed one is stale)."""

from __future__ import annotations

import os


def running(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True
