"""`edudesk key issue|revoke|list`: an administrator gives a colleague a key for the command line (core.cli.keys)."""

from __future__ import annotations

from core.cli import keys
from core.cli.user import require
from core.platform.access import User, resolve
from core.platform.config import Settings
from core.platform.errors import EduDeskError
from core.records.checks import open_workbook
from core.records.journal import USERS, JournaledStore


def add_parsers(commands) -> None:
    key = commands.add_parser("key", help="ключи командной строки: кто есть кто на общей машине (администратор)")
    actions = key.add_subparsers(dest="key_action", required=True, metavar="ДЕЙСТВИЕ")
    issue = actions.add_parser("issue", help="выдать ключ сотруднику с листа «Пользователи» (прежний перестанет работать)")
    issue.add_argument("email", help="e-mail с листа «Пользователи»")
    revoke = actions.add_parser("revoke", help="отозвать ключ")
    revoke.add_argument("email", help="e-mail с листа «Пользователи»")
    actions.add_parser("list", help="кому выданы ключи (сами ключи не хранятся)")


def run(store, args, person: User, settings: Settings) -> int:
    require(person, "Ключи командной строки", write=True, admin=True)
    path = settings.cli_keys_file
    if args.key_action == "list":
        for issued in keys.issued_keys(path):
            print(f"{issued.email}: выдан {issued.issued}, выдал {issued.by}")
        return 0
    users = [r.item for r in open_workbook(store.read([USERS]).tabs).items(USERS)]
    if resolve(args.email, users).role is None:
        raise EduDeskError(f"«{args.email}» нет на листе «Пользователи»: ключ выдаётся тому, кто там есть.")
    journaled = JournaledStore(store, person)
    if args.key_action == "revoke":
        if not keys.revoke(path, args.email):
            raise EduDeskError(f"Ключа у «{args.email}» нет.")
        journaled.record(USERS, args.email, "ключ командной строки отозван")
        print(f"Ключ «{args.email}» отозван.")
        return 0
    key = keys.issue(path, args.email, person.email, settings.current_date())
    journaled.record(USERS, args.email, "выдан ключ командной строки")
    print(f"Ключ для {args.email} (показывается один раз; передайте его лично):\n{key}\n"
          "Его кладут в файл ~/.config/edudesk/key (chmod 600) или в переменную EDUDESK_KEY.")
    return 0
