"""When a job is due: its slots in the institute's time zone, on working days where the job says so.

A job runs once per slot — the latest slot at or before now. A slot missed while the server was off (a restart, a
missed hour) is caught up once, the same day, not once per missed slot: nobody wants three digests at 11:00 for
the three working days the server was down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from core.platform.calendar import is_working_day

_LOOK_AHEAD = 30  # days searched for the next slot of a daily job (covers the longest Russian holidays)


@dataclass(frozen=True)
class Every:
    """Every `minutes` minutes, any day, on the clock's multiples (…:00, :10, :20 for 10)."""

    minutes: int

    def latest(self, now: datetime) -> datetime:
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        passed = int((now - midnight).total_seconds() // 60)
        return midnight + timedelta(minutes=passed - passed % self.minutes)

    def next(self, now: datetime) -> datetime:
        return self.latest(now) + timedelta(minutes=self.minutes)

    def said(self) -> str:
        return f"каждые {self.minutes} мин"


@dataclass(frozen=True)
class DailyAt:
    """At `at` each day; with `working_days`, only on working days of the production calendar."""

    at: time
    working_days: bool = False

    def _counts(self, day: date) -> bool:
        return not self.working_days or is_working_day(day)

    def latest(self, now: datetime) -> datetime | None:
        """Today's slot once its time has come; none before it, none on a day that doesn't count. A day's slot is
        never run on a later day: yesterday's digest or letters sent this morning would be stale, and today's go
        at their hour anyway."""
        slot = datetime.combine(now.date(), self.at, tzinfo=now.tzinfo)
        return slot if slot <= now and self._counts(now.date()) else None

    def next(self, now: datetime) -> datetime:
        for ahead in range(_LOOK_AHEAD + 1):
            day = now.date() + timedelta(days=ahead)
            slot = datetime.combine(day, self.at, tzinfo=now.tzinfo)
            if slot > now and self._counts(day):
                return slot
        raise ValueError("no working day within a month")  # pragma: no cover - the calendar has none so long

    def said(self) -> str:
        return f"{'по рабочим дням' if self.working_days else 'ежедневно'} в {self.at:%H:%M}"
