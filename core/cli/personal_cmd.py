"""`edudesk personal`: where the personal columns are, and moving them to the institute's server and back
(152-ФЗ ст. 18 ч. 5; the setting EDUDESK_PERSONAL_STORE keeps them apart)."""

from __future__ import annotations

from core.cli.user import require
from core.platform.access import User
from core.platform.errors import EduDeskError
from core.records.journal import JournaledStore
from core.store.personal_move import move_back, move_out
from core.store.split import SplitStore
from core.store.wrapping import layer
from sheets_schema import TABS

NOT_APART = ("Хранение персональных данных отдельно не включено: задайте EDUDESK_PERSONAL_STORE — путь к книге .xlsx "
             "на сервере учреждения (README, «Персональные данные и 152-ФЗ»), и повторите.")


def add_parsers(commands) -> None:
    personal = commands.add_parser("personal", help="персональные данные: где хранятся; перенести на сервер "
                                                    "учреждения и обратно")
    actions = personal.add_subparsers(dest="personal_action", metavar="ДЕЙСТВИЕ", required=True)
    actions.add_parser("show", help="какие столбцы с ПДн лежат в общей таблице (код 1, если такие есть за рубежом)")
    actions.add_parser("out", help="перенести столбцы с ПДн из общей таблицы на сервер учреждения (администратор)")
    actions.add_parser("back", help="вернуть их в общую таблицу (администратор); после — уберите "
                                    "EDUDESK_PERSONAL_STORE")


def run(store, args, person: User) -> int:
    if args.personal_action == "show":
        abroad = store.personal_abroad(store.read([t.name for t in TABS]).tabs)
        for tab, headers in abroad.items():
            print(f"{tab}\t{', '.join(headers)}")
        where = "в общей таблице (за рубежом)" if abroad else "нигде за рубежом"
        apart = "хранятся отдельно" if layer(store, SplitStore) else "хранятся вместе с таблицей"
        print(f"Персональные данные {apart}; столбцов с ними {where}" + (f": {sum(map(len, abroad.values()))}."
                                                                      if abroad else "."))
        return 1 if abroad else 0
    require(person, "Перенос персональных данных", write=True, admin=True)
    split = layer(store, SplitStore)
    if split is None:
        raise EduDeskError(NOT_APART)
    report = move_out(split) if args.personal_action == "out" else move_back(split)
    where = "на сервер учреждения" if args.personal_action == "out" else "в общую таблицу"
    JournaledStore(store, person).record("", "", f"персональные данные перенесены {where}", None,
                                         {"значений": report.total})
    for tab, count in report.values.items():
        print(f"{tab}\t{count}")
    for tab, keys in report.orphans.items():
        print(f"{tab}: записей нет в общей таблице, их данные оставлены на сервере учреждения: {', '.join(keys)}")
    print(f"Перенесено {where} значений: {report.total}.")
    return 0
