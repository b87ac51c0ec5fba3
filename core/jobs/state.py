"""What each job last did, on disk: the slot it ran for, when, and how it ended.

A runner claims a slot (writes «started» under an exclusive lock) before running it, so two runners — the jobs
process and `edudesk jobs run`, or a restarted process — never run the same slot twice. A claim whose process is
gone and never finished is a run cut short: an idempotent job runs it again, the others say so and wait.
"""

from __future__ import annotations

import json
import socket
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from core.platform.errors import EduDeskError
from core.platform.json_files import locked, write_json
from core.platform.processes import running

DONE, FAILED, CUT_SHORT = "выполнено", "ошибка", "прервано"


@dataclass
class Run:
    slot: str  # ISO time of the slot this run was for
    started: str
    finished: str | None = None
    outcome: str | None = None  # выполнено / ошибка / прервано
    message: str = ""
    pid: int = 0
    host: str = ""

    @property
    def unfinished(self) -> bool:
        return self.finished is None

    @property
    def abandoned(self) -> bool:
        """Started and never finished, by a process that is no longer running."""
        return self.unfinished and (self.host != socket.gethostname() or not running(self.pid))


class JobState:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def runs(self) -> dict[str, Run]:
        data = self._data()
        return {name: Run(**run) for name, run in data.get("jobs", {}).items()}

    def heartbeat(self) -> datetime | None:
        beat = self._data().get("heartbeat")
        return datetime.fromisoformat(beat) if beat else None

    def beat(self, now: datetime) -> None:
        with self.locked():
            data = self._data()
            data["heartbeat"] = now.isoformat()
            self._save(data)

    def put(self, name: str, run: Run) -> None:
        """Called with the lock held."""
        data = self._data()
        data.setdefault("jobs", {})[name] = asdict(run)
        self._save(data)

    def locked(self):
        return locked(self.path)

    def _data(self) -> dict:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise EduDeskError(f"Файл состояния заданий «{self.path}» не читается ({exc}): удалите его — задания "
                               "выполнятся в ближайшие сроки заново.") from None

    def _save(self, data: dict) -> None:
        write_json(self.path, data)
