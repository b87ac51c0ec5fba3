"""`edudesk add` and `edudesk edit`: one record by the command line, refused by the same rules as the form."""

from __future__ import annotations

import sys

from core.cli.user import require
from core.platform.access import User
from core.platform.config import Settings
from core.platform.errors import EduDeskError
from core.platform.personal import mask_message
from core.records.edit import edit, open_record, retyped
from core.records.form import NOT_BY_FORM, NUMBERED, RecordRefused, add, fields, parse
from core.records.journal import JournaledStore
from core.store.rows import find_row
from sheets_schema import TAB_BY_NAME, TABS
from sheets_schema.base import normalize_header


def add_parsers(commands) -> None:
    tabs = ", ".join(t.name for t in TABS if t.name not in NOT_BY_FORM)
    for name, what in (("add", "добавить запись на лист"), ("edit", "изменить запись листа по её ключу")):
        command = commands.add_parser(name, help=f"{what}; код возврата 1, если запись нарушает правила")
        command.add_argument("tab", metavar="ЛИСТ", help=tabs)
        if name == "edit":
            command.add_argument("key", metavar="КЛЮЧ", help="значение ключевого столбца (для листов без ключа — "
                                                              "номер строки таблицы)")
        command.add_argument("--set", dest="values", action="append", default=[], metavar="«Заголовок=значение»",
                             help="значение столбца, как его набирают в таблице (даты ДД.ММ.ГГГГ, запятая в числах)")
        command.add_argument("--yes", action="store_true", help="записать, даже если есть предупреждения")


def _typed(tab: str, pairs: list[str]) -> dict[str, str]:
    headers = {normalize_header(s.header): s.header for s in fields(tab)}
    typed = {}
    for pair in pairs:
        header, sep, value = pair.partition("=")
        if not sep:
            raise EduDeskError(f"«{pair}»: нужно «Заголовок=значение».")
        if normalize_header(header) not in headers:
            raise EduDeskError(f"На листе «{tab}» нет столбца «{header.strip()}». Столбцы: {', '.join(headers.values())}.")
        typed[headers[normalize_header(header)]] = value.strip()
    return typed


def _readable(parsed: tuple[dict, dict[str, str]]) -> dict:
    values, problems = parsed
    if problems:
        raise EduDeskError("; ".join(f"«{h}»: {p}" for h, p in problems.items()))
    return values


def run(store, args, person: User) -> int:
    if args.tab not in TAB_BY_NAME or args.tab in NOT_BY_FORM:
        raise EduDeskError(f"Нет листа «{args.tab}», который ведут формой. Листы: "
                           f"{', '.join(t.name for t in TABS if t.name not in NOT_BY_FORM)}.")
    require(person, f"edudesk {args.command}", write=True)
    journaled, today = JournaledStore(store, person), Settings().current_date()
    typed = _typed(args.tab, args.values)
    try:
        if args.command == "add":
            row = add(journaled, args.tab, _readable(parse(args.tab, typed)), today, confirmed_warnings=args.yes)
            number = f": № {row[NUMBERED[args.tab].header]}" if args.tab in NUMBERED else ""
            print(f"Запись добавлена на лист «{args.tab}»{number}.")
            return 0
        opened = open_record(store.read(list(TAB_BY_NAME)).tabs, args.tab, _row(store, args.tab, args.key))
        changed = edit(journaled, opened, _readable(retyped(opened, typed)), today,
                       confirmed_warnings=args.yes)
        print(f"Запись «{args.key}» листа «{args.tab}» " +
              (f"изменена: {', '.join(changed)}." if changed else "не изменена: значения те же."))
        return 0
    except RecordRefused as exc:
        print(f"Ошибка: {exc}", file=sys.stderr)
        for f in exc.findings:
            message = f.message if person.sees_personal_data else mask_message(f.message, f.column)
            print(f"  {f.tab}!{f.cell or ''} {f.severity} {f.rule} ({f.clause}): {message}", file=sys.stderr)
        if exc.findings and not [f for f in exc.findings if f.severity == "ошибка"]:
            print("Предупреждения прочитаны? Повторите с --yes.", file=sys.stderr)
        return 1


def _row(store, tab: str, key: str) -> int:
    model = TAB_BY_NAME[tab]
    data = store.read([tab]).tabs[tab]
    if model.key:
        return find_row(data, model.column(model.key).header, key).row
    if not key.isdigit() or int(key) not in data.row_numbers:
        raise EduDeskError(f"У листа «{tab}» нет ключевого столбца: укажите номер строки таблицы с записью.")
    return int(key)
