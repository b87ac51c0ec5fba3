"""`edudesk jobs [list|run NAME|serve]` and `edudesk restore FILE`: the scheduled jobs and the daily copies."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from core.cli.user import require
from core.jobs import runner
from core.jobs.backup import daily_folder, restore
from core.platform.access import User
from core.platform.config import Settings
from core.platform.errors import EduDeskError
from core.records.journal import JournaledStore
from core.store.wrapping import bare
from core.store.xlsx import XlsxStore


def add_parsers(commands) -> None:
    jobs = commands.add_parser("jobs", help="задания по расписанию: что, когда, с каким итогом")
    actions = jobs.add_subparsers(dest="jobs_action", metavar="ДЕЙСТВИЕ")
    actions.add_parser("list", help="задания, их последний и следующий запуск (то же без действия)")
    run = actions.add_parser("run", help="выполнить задание сейчас")
    run.add_argument("name", metavar="ЗАДАНИЕ", help="check, digest, letters или backup")
    serve = actions.add_parser("serve", help="процесс заданий: выполнять всё в срок (для службы на сервере)")
    serve.add_argument("--once", action="store_true", help="один проход и выход")
    serve.add_argument("--now", type=datetime.fromisoformat, help=argparse.SUPPRESS)  # tests move the clock
    back = commands.add_parser("restore", help="вернуть книгу из копии (администратор); текущая сохраняется")
    back.add_argument("copy", type=Path, metavar="ФАЙЛ", help="копия из data/backups/daily/")


def run(store, args, person: User, settings: Settings) -> int:
    if args.command == "restore":
        return _restore(store, args, person, settings)
    now = runner.now_in(settings)
    if args.jobs_action == "run":
        require(person, "Запуск задания", write=True, admin=True)
        outcome = runner.run_now(store, settings, args.name, now, f"{person.email} (edudesk jobs run)")
        print(f"{outcome.job}: {outcome.outcome} — {outcome.message}")
        return 0 if outcome.outcome == "выполнено" else 1
    if args.jobs_action == "serve":
        require(person, "Процесс заданий", write=True)
        if args.now is not None:
            moment = args.now if args.now.tzinfo else args.now.replace(tzinfo=now.tzinfo)
            for outcome in runner.run_due(store, settings, moment):
                print(f"{outcome.job} ({outcome.slot:%d.%m.%Y %H:%M}): {outcome.outcome} — {outcome.message}")
            return 0
        runner.serve(store, settings, once=args.once)
        return 0
    for row in runner.table(settings, now):
        print(f"{row['Задание']:8} {row['Что']} — {row['Когда']}; последний: {row['Последний запуск']}"
              f"{' (' + row['Итог'] + ')' if row['Итог'] else ''}; следующий: {row['Следующий']}"
              + (f"\n         {row['Сообщение']}" if row["Сообщение"] else ""))
    return 0


def _restore(store, args, person: User, settings: Settings) -> int:
    require(person, "Восстановление книги из копии", write=True, admin=True)
    store = bare(store)
    if not isinstance(store, XlsxStore):
        raise EduDeskError("Из копии восстанавливается локальная книга .xlsx. Копию Google Таблицы откройте в Google "
                           "Таблицах (Файл → Импорт → «Заменить таблицу») — так правки коллег не перепишутся молча.")
    restore(args.copy, store.path, settings.backups_keep)
    store.invalidate()
    JournaledStore(store, person).record("Книга", args.copy.name, "книга восстановлена из копии",
                                         after={"Копия": str(args.copy)})
    print(f"Книга восстановлена из «{args.copy.name}»; прежняя сохранена в {store.path.parent / 'backups'}. "
          f"Ежедневные копии — в {daily_folder(store.path)}.")
    return 0
