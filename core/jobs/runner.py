"""Run what is due, once per slot, and say so in «Журнал».

`run_due` is the whole of the jobs process's work, called every half minute by `edudesk jobs serve` (and by
tests with a moved clock): for each job, the latest slot at or before now is run unless a run for it was already
claimed. Each run is written to the journal with its outcome.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.jobs.state import CUT_SHORT, DONE, FAILED, JobState, Run
from core.jobs.tasks import Job, jobs
from core.platform.config import Settings
from core.platform.errors import ConfigError, EduDeskError
from core.records.journal import JournaledStore

log = logging.getLogger("edudesk.jobs")
WHO = "задания по расписанию (edudesk jobs)"
JOURNAL_TAB = "Задания"


def now_in(settings: Settings) -> datetime:
    """Now in the institute's time zone."""
    try:
        zone = ZoneInfo(settings.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"Часовой пояс «{settings.time_zone}» не известен: укажите, например, Europe/Moscow или "
                          "Asia/Vladivostok (EDUDESK_TIME_ZONE).") from None
    return datetime.now(zone)


@dataclass(frozen=True)
class Outcome:
    job: str
    slot: datetime
    outcome: str
    message: str


def run_due(store, settings: Settings, now: datetime, who: str = WHO) -> list[Outcome]:
    """Every job whose latest slot has not been run: run it now, each once."""
    state = JobState(settings.jobs_state)
    state.beat(now)
    done = []
    for job in jobs(settings).values():
        slot = job.schedule.latest(now)
        if slot is not None and _claim(state, job, slot, now):
            done.append(_run(store, settings, state, job, slot, now, who))
    return done


def run_now(store, settings: Settings, name: str, now: datetime, who: str) -> Outcome:
    """`edudesk jobs run NAME`: the job at once, for the present moment, whatever its schedule."""
    known = jobs(settings)
    if name not in known:
        raise EduDeskError(f"Задания «{name}» нет. Задания: {', '.join(known)}.")
    state = JobState(settings.jobs_state)
    with state.locked():
        state.put(name, Run(now.isoformat(), now.isoformat(), pid=os.getpid(), host=socket.gethostname()))
    return _run(store, settings, state, known[name], now, now, who)


def _claim(state: JobState, job: Job, slot: datetime, now: datetime) -> bool:
    """Take the slot for this process, unless it is taken: by a finished run, by a run still going, or by a run
    cut short of a job that must not repeat (then the cut is said once)."""
    with state.locked():
        last = state.runs().get(job.name)
        if last is not None and datetime.fromisoformat(last.slot) >= slot:
            if not last.abandoned:
                return False
            if not job.idempotent:
                last.finished, last.outcome = now.isoformat(), CUT_SHORT
                last.message = "выполнение прервалось (процесс остановлен); повторно само не запускается"
                state.put(job.name, last)
                return False
        state.put(job.name, Run(slot.isoformat(), now.isoformat(), pid=os.getpid(), host=socket.gethostname()))
        return True


def _run(store, settings: Settings, state: JobState, job: Job, slot: datetime, now: datetime, who: str) -> Outcome:
    journaled = JournaledStore(store, who)
    try:
        message, outcome = job.work(journaled, settings, now, who), DONE
    except EduDeskError as exc:
        message, outcome = str(exc), FAILED
    except Exception as exc:  # a job never takes the jobs process down; the next slot tries again
        log.exception("job %s failed", job.name)  # the traceback for developers; no cell values in it
        message, outcome = f"непредвиденная ошибка ({type(exc).__name__})", FAILED
    with state.locked():
        run = state.runs().get(job.name) or Run(slot.isoformat(), now.isoformat())
        run.finished, run.outcome, run.message = datetime.now(now.tzinfo).isoformat(), outcome, message
        state.put(job.name, run)
    try:
        journaled.record(JOURNAL_TAB, job.name, f"задание «{job.title}»: {outcome}",
                         after={"Срок": f"{slot:%d.%m.%Y %H:%M}", "Итог": message})
    except EduDeskError:
        pass  # the store is unreachable: the outcome is in the state file and on `edudesk jobs`
    return Outcome(job.name, slot, outcome, message)


def serve(store, settings: Settings, every: float = 30.0, once: bool = False) -> None:
    """The jobs process: run what is due, sleep, repeat."""
    while True:
        run_due(store, settings, now_in(settings))
        if once:
            return
        time.sleep(every)


def table(settings: Settings, now: datetime) -> list[dict[str, str]]:
    """Each job with its schedule, last run and next, for `edudesk jobs` and the administrator's page."""
    runs = JobState(settings.jobs_state).runs()
    rows = []
    for job in jobs(settings).values():
        last = runs.get(job.name)
        rows.append({"Задание": job.name, "Что": job.title, "Когда": job.schedule.said(),
                     "Следующий": f"{job.schedule.next(now):%d.%m.%Y %H:%M}",
                     "Последний запуск": _moment(last.started) if last else "ещё не запускалось",
                     "Итог": (last.outcome or ("идёт" if not last.abandoned else CUT_SHORT)) if last else "",
                     "Сообщение": last.message if last else ""})
    return rows


def heartbeat(settings: Settings) -> datetime | None:
    """When the jobs process last looked at the clock."""
    return JobState(settings.jobs_state).heartbeat()


def failed(settings: Settings) -> list[str]:
    """The jobs whose last run failed or was cut short, said for the home page."""
    titles = {job.name: job.title for job in jobs(settings).values()}
    return [f"«{titles.get(name, name)}» ({_moment(run.finished or run.started)}): {run.message}"
            for name, run in JobState(settings.jobs_state).runs().items() if run.outcome in (FAILED, CUT_SHORT)]


def _moment(iso: str) -> str:
    return f"{datetime.fromisoformat(iso):%d.%m.%Y %H:%M}"
