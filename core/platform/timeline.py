"""A step with a due date and a done date, and its state on a given day; shared by every area's timelines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Step:
    title: str
    clause: str
    due: date | None
    done: date | None
    who: str = ""
    key: str = ""  # where the done mark is kept (a service step's id)

    def status(self, today: date) -> str:
        if self.done:
            return "выполнено с опозданием" if self.due and self.done > self.due else "выполнено"
        if self.due is None:
            return "нет срока"
        if today > self.due:
            return "просрочено"
        return "на этой неделе" if (self.due - today).days < 7 else "впереди"


def breach(due: date | None, done: date | None, today: date) -> str | None:
    """How a deadline was missed: "late" (done after it), "missing" (not done and passed), or None."""
    if due is None:
        return None
    if done is not None:
        return "late" if done > due else None
    return "missing" if today > due else None
