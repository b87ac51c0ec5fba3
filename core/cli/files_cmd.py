"""`edudesk files`: a group's listeners' files — what each lacks for the order (000 §1.8), files opened for the
group, and a paper marked received for the whole group (the page «Личные дела» in batch)."""

from __future__ import annotations

from datetime import date

from core.admission.files import group_gaps, keeps_files
from core.admission.receive import RECEIVED, mark_received, open_files
from core.admission.withdrawn import withdraw
from core.cli.user import require
from core.platform.access import User
from core.platform.errors import EduDeskError
from core.records.checks import open_workbook
from core.records.journal import JournaledStore
from sheets_schema import TABS
from sheets_schema.enums import ConsentForm


def add_parsers(commands) -> None:
    files = commands.add_parser("files", help="личные дела группы: чего не хватает для приказа, отметка «получено»")
    actions = files.add_subparsers(dest="files_action", metavar="ДЕЙСТВИЕ", required=True)
    show = actions.add_parser("show", help="у кого из группы чего не хватает (код 1, если приказ ещё не составить)")
    show.add_argument("group", metavar="КОД", help="код группы")
    opened = actions.add_parser("open", help="завести личные дела слушателям группы, у которых их нет")
    opened.add_argument("group", metavar="КОД", help="код группы")
    receive = actions.add_parser("receive", help="отметить «получено» для всей группы (тем, у кого отметки нет)")
    receive.add_argument("group", metavar="КОД", help="код группы")
    receive.add_argument("what", choices=list(RECEIVED), metavar="ЧТО",
                         help="consent — согласие на обработку ПДн, contract — подписанный договор")
    receive.add_argument("--date", type=date.fromisoformat, metavar="ДАТА", help="когда получено (ГГГГ-ММ-ДД; иначе сегодня)")
    receive.add_argument("--electronic", action="store_true", help="согласие получено в электронной форме")
    gone = actions.add_parser("withdraw", help="отметить отзыв согласия на обработку ПДн: письма слушателю "
                                               "прекращаются, его персональные данные скрываются")
    gone.add_argument("listener", metavar="ID", help="ID слушателя")
    gone.add_argument("--date", type=date.fromisoformat, metavar="ДАТА", help="когда получен отзыв (ГГГГ-ММ-ДД; иначе сегодня)")


def run(store, args, person: User, today: date) -> int:
    if args.files_action == "show":
        wb = open_workbook(store.read([t.name for t in TABS]).tabs, today)
        if not keeps_files(wb):
            raise EduDeskError("В таблице нет листа «Личные_дела»: создайте его (edudesk init) — и дела будут видны.")
        gaps = group_gaps(wb, args.group)
        for gap in gaps:
            print(f"{gap.listener_id}\t{gap.said()}")
        print(f"Группа {args.group}: " + (f"личные дела неполны у {len(gaps)} — приказ о зачислении пока не составить."
                                           if gaps else "личные дела полны."))
        return 1 if gaps else 0
    require(person, "Личные дела", write=True)
    journaled = JournaledStore(store, person)
    if args.files_action == "withdraw":
        withdraw(journaled, args.listener, args.date or today, today)
        print(f"Слушатель {args.listener}: отзыв согласия записан; письма прекращены, персональные данные скрыты.")
        return 0
    if args.files_action == "open":
        opened = open_files(journaled, args.group, today)
        print(f"Группа {args.group}: заведено личных дел — {len(opened)}.")
        return 0
    form = ConsentForm.ELECTRONIC if args.electronic else ConsentForm.PAPER
    count = mark_received(journaled, args.group, args.what, args.date or today, today, form)
    print(f"Группа {args.group}: {RECEIVED[args.what][1]} отмечено у {count} слушателей.")
    return 0
