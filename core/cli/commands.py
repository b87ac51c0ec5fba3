"""The `edudesk` command: the same work as the pages, in batch. A thin shell over core."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from datetime import date
from pathlib import Path

from core import areas, digest
from core.cli import calc as cli_calc
from core.cli import files_cmd as cli_files
from core.cli import jobs_cmd as cli_jobs
from core.cli import keys_cmd as cli_keys
from core.cli import personal_cmd as cli_personal
from core.cli import records as cli_records
from core.cli import timetable_cmd as cli_timetable
from core.cli.russian import russian_metavars, speak_russian
from core.cli.user import cli_user, require
from core.connect.mapping import MAPPING_TAB
from core.connect.review import describe, with_words
from core.connect.sheet import look, open_app_store, save
from core.documents import GROUP_DOCUMENTS, LETTERS, WORKBOOK_DOCUMENTS, group_context
from core.enrollment.certificates import export_frdo
from core.enrollment.documents.sed_letters import to_docx
from core.mailings import MAIL_KINDS
from core.platform.access import User, mask
from core.platform.config import Settings
from core.platform.errors import EduDeskError
from core.platform.mail import smtp_settings
from core.platform.mail_outbox import NotRecorded, mark_sent_before, send_and_record
from core.platform.personal import mask_message
from core.records.check_sheet import publish, summary
from core.records.checks import has_errors, open_workbook, run_all
from core.records.findings import Severity
from core.records.journal import JournaledStore
from core.roadmap.importer import assemble, read_rows, sheet_rows
from core.setup import initialize
from sheets_schema import TAB_BY_NAME, TABS


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="edudesk", description="EduDesk — «Учебный офис»: работа с общей таблицей.")
    parser.add_argument("--workbook", type=Path, help="путь к книге .xlsx (иначе EDUDESK_WORKBOOK или data/edudesk.xlsx)")
    parser.add_argument("--user", metavar="E-MAIL", help="от чьего имени (e-mail с листа «Пользователи»); команды "
                                                         "узнают вас по ключу от администратора (EDUDESK_KEY) или "
                                                         "учётной записи ОС, другой адрес принимают только от "
                                                         "владельца файла книги")
    commands = parser.add_subparsers(dest="command", required=True, metavar="КОМАНДА")

    init = commands.add_parser("init", help="создать листы книги (с --demo — заполнить демо-данными)")
    init.add_argument("--demo", action="store_true", help="заполнить пустую книгу демо-данными")
    init.add_argument("--force", action="store_true", help="создать книгу заново, старую сохранить в data/backups/")

    check = commands.add_parser("check", help="проверить данные; код возврата 1, если есть ошибки")
    check.add_argument("--json", action="store_true", help="вывести находки массивом JSON")
    check.add_argument("--tab", help="только этот лист")
    check.add_argument("--today", type=date.fromisoformat, help="проверить сроки на эту дату (ГГГГ-ММ-ДД)")
    check.add_argument("--to-sheet", action="store_true",
                       help="записать находки на лист «Проверка» в самой таблице (если они изменились)")

    pdf = commands.add_parser("pdf", help="документ PDF")
    pdf.add_argument("kind", choices=sorted(GROUP_DOCUMENTS) + sorted(WORKBOOK_DOCUMENTS), metavar="ВИД",
                     help="; ".join([f"{k} — {d.title}" for k, d in GROUP_DOCUMENTS.items()]
                                    + [f"{k} — {t}" for k, (t, _) in WORKBOOK_DOCUMENTS.items()]))
    pdf.add_argument("--group", help="код группы (для документов группы)")
    pdf.add_argument("--exam", help="код экзамена (для документов ДЭ)")
    pdf.add_argument("--year", type=int, help="год (для отчётов)")
    pdf.add_argument("--organisation", help="организация (ЦПДЭ) для приложения 1")
    pdf.add_argument("--service", help="код платной услуги")
    pdf.add_argument("--order", help="№ приказа о диапазоне ставок")
    pdf.add_argument("--department", help="кафедра (для плана дохода)")
    pdf.add_argument("-o", "--output", type=Path, required=True, help="куда сохранить .pdf")

    importer = commands.add_parser("import", help="загрузка данных").add_subparsers(dest="what", required=True,
                                                                                    metavar="ЧТО")
    roadmap = importer.add_parser("roadmap", help="дорожная карта из .txt (табуляция), .xlsx или .docx")
    roadmap.add_argument("file", type=Path, help="файл дорожной карты")
    roadmap.add_argument("--dry-run", action="store_true", help="только отчёт, ничего не записывать")

    send = commands.add_parser("send", help="разослать письма по почте (SMTP из .streamlit/secrets.toml)")
    send.add_argument("kind", choices=sorted(MAIL_KINDS), metavar="ВИД",
                      help="; ".join(f"{k} — {m.title}" for k, m in MAIL_KINDS.items()))
    send.add_argument("--group", help="код группы")
    send.add_argument("--session", help="код оценочной сессии")
    send.add_argument("--dry-run", action="store_true", help="показать письма, ничего не отправлять")
    send.add_argument("--resend", action="store_true", help="отправить и тем, кому это письмо уже уходило")

    digest = commands.add_parser("digest", help="сводка: что просрочено и что на этой неделе, по ответственным")
    digest.add_argument("--html", action="store_true", help="вывести HTML вместо текста")
    digest.add_argument("--send", action="store_true", help="разослать каждому, кто есть на листе «Пользователи»")

    export = commands.add_parser("export", help="выгрузки").add_subparsers(dest="export", required=True, metavar="ЧТО")
    frdo = export.add_parser("frdo", help="удостоверения для ФИС ФРДО (.xlsx, лист «Шаблон»)")
    frdo.add_argument("--year", type=int, required=True, help="год выдачи")
    frdo.add_argument("-o", "--output", type=Path, required=True, help="куда сохранить .xlsx")

    cli_records.add_parsers(commands)
    cli_keys.add_parsers(commands)
    cli_jobs.add_parsers(commands)
    cli_timetable.add_parsers(commands)
    cli_files.add_parsers(commands)
    cli_personal.add_parsers(commands)
    connect = commands.add_parser("connect", help="сопоставить листы и столбцы таблицы сотрудников листам модели")
    connect.add_argument("--json", action="store_true",
                         help='предложение как JSON: [{"tab", "header", "column", "model_tab", "model_header", '
                              '"confidence"}]')
    connect.add_argument("--yes", action="store_true",
                         help="сохранить предложение в таблице (лист «EduDesk — соответствие»)")
    connect.add_argument("--word", action="append", default=[], metavar="ЛИСТ!ЗАГОЛОВОК: СЛОВО = ЗНАЧЕНИЕ",
                         help="что значит слово сотрудников в столбце списка, например "
                              "«Реестр 2026!Статус: принята = согласована» (можно несколько)")

    calc = commands.add_parser("calc", help="калькуляторы").add_subparsers(dest="calc", required=True, metavar="ЧТО")
    cli_calc.add_parsers(calc)
    russian_metavars(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    speak_russian()
    areas.load()
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except EduDeskError as exc:
        print(f"Ошибка: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        if os.environ.get("EDUDESK_DEBUG"):
            raise
        print(f"Непредвиденная ошибка ({type(exc).__name__}). Повторите с EDUDESK_DEBUG=1 и передайте вывод "
              "разработчикам.", file=sys.stderr)
        return 3


def _settings(args) -> Settings:
    return Settings(workbook=args.workbook) if args.workbook else Settings()


def _run(args) -> int:
    if args.command == "calc":
        return cli_calc.run(args)
    settings = _settings(args)
    store = open_app_store(settings)
    person = cli_user(store, args.user or settings.user, settings)
    if args.command == "connect":
        return _connect(store, args, person)
    if args.command == "key":
        return cli_keys.run(store, args, person, settings)
    if args.command in ("jobs", "restore"):
        return cli_jobs.run(store, args, person, settings)
    if args.command == "timetable":
        return cli_timetable.run(store, args, person, date.today())
    if args.command == "files":
        return cli_files.run(store, args, person, date.today())
    if args.command == "personal":
        return cli_personal.run(store, args, person)
    if args.command == "init":
        require(person, "edudesk init", write=True, admin=args.force)
        report = initialize(store, demo=args.demo, force=args.force, who=person)
        print(f"{store.label}: создано листов — {len(report.created_tabs)}"
              + (f", добавлено демо-строк — {report.demo_rows}" if args.demo else ""))
        return 0
    if args.command == "pdf":
        workbook = open_workbook(store.read([t.name for t in TABS]).tabs)
        if args.kind in WORKBOOK_DOCUMENTS:
            options = {name: getattr(args, name) for name in
                       ("exam", "year", "organisation", "service", "order", "department", "group")}
            if args.output.suffix.lower() == ".docx" and args.kind in LETTERS:
                return _save(args.output, to_docx(workbook, LETTERS[args.kind](workbook, options)))
            return _save(args.output, WORKBOOK_DOCUMENTS[args.kind][1](workbook, options))
        if not args.group:
            raise EduDeskError(f"Для документа {args.kind} укажите группу: --group КОД.")
        return _save(args.output, GROUP_DOCUMENTS[args.kind].render(group_context(workbook, args.group)))
    if args.command == "import":
        return _import_roadmap(store, args, person)
    if args.command == "send":
        return _send(store, args, person)
    if args.command == "digest":
        return _digest(store, args, person)
    if args.command in ("add", "edit"):
        return cli_records.run(store, args, person)
    if args.command == "export":
        require(person, "Выгрузка в ФИС ФРДО", personal=True)
        records, data = export_frdo(open_workbook(store.read([t.name for t in TABS]).tabs), args.year)
        doubtful = [(row, r) for row, r in enumerate(records, start=2) if r.problems]
        for row, record in doubtful:
            print(f"Строка {row}, удостоверение {record.values['Регистрационный номер']}: "
                  f"{'; '.join(record.problems)}", file=sys.stderr)
        print(f"Удостоверений за {args.year} год: {len(records)}, готовых строк: {len(records) - len(doubtful)}, "
              f"с замечаниями: {len(doubtful)}.")
        return _save(args.output, data)
    return _check(store, args, person)


def _connect(store, args, person: User) -> int:
    try:
        proposals = with_words(look(store), args.word)
    except ValueError as exc:
        raise EduDeskError(str(exc)) from exc
    if args.json:
        print(json.dumps([line.as_dict() for p in proposals for line in p.lines], ensure_ascii=False, indent=1))
    else:
        for proposal in proposals:
            print(describe(proposal))
    if args.yes:
        require(person, "Подключение таблицы", write=True)
        mapping = save(store, proposals)
        print(f"Сохранено в лист «{MAPPING_TAB}»: листов — {len(mapping.every())}, столбцов — "
              f"{sum(len(t.links) for t in mapping.every())}.", file=sys.stderr if args.json else sys.stdout)
    return 0


def _import_roadmap(store, args, person: User) -> int:
    if not args.file.exists():
        raise EduDeskError(f"Файл «{args.file}» не найден.")
    report = assemble(read_rows(args.file.name, args.file.read_bytes()))
    existing = {r.item.number for r in open_workbook(store.read(["Дорожная_карта"]).tabs).items("Дорожная_карта")}
    rows, skipped = sheet_rows(report, existing)
    print(f"Пунктов: {len(report.items)}, новых: {len(rows)}, уже были в таблице: {len(skipped)}, "
          f"сомнительных: {len(report.doubtful)}.")
    for item in report.doubtful:
        print(f"  {item.number}: {'; '.join(item.doubts)}")
    for note in report.notes:
        print(f"  {note}")
    if rows and not args.dry_run:
        require(person, "Импорт дорожной карты", write=True)
        JournaledStore(store, person).append("Дорожная_карта", rows, key_header="№")
        print(f"Записано строк: {len(rows)} (сомнительные помечены в «Комментарий»).")
    return 0


def _send(store, args, person: User) -> int:
    kind = MAIL_KINDS[args.kind]
    code = args.group if kind.scope == "group" else args.session
    if not code:
        raise EduDeskError(f"Для «{args.kind}» укажите --{'group' if kind.scope == 'group' else 'session'} КОД.")
    workbook = open_workbook(store.read([t.name for t in TABS]).tabs, Settings().current_date())
    letters, missing = kind.build(workbook, code, workbook.today)
    outbox = Settings().mail_outbox
    mark_sent_before(letters, [r.item for r in workbook.items("Рассылки")], outbox)
    for letter in letters:
        state = (" (не известно, дошло ли — повторно только с --resend)" if letter.uncertain
                 else " (уже отправлялось)" if letter.already_sent else "")
        print(f"{mask('e-mail', letter.to)}: {letter.subject}{state}")
    for name in missing:
        print(f"Нет адреса e-mail: {name}", file=sys.stderr)
    if args.dry_run:
        print(f"Пробный запуск: писем к отправке {sum(1 for x in letters if args.resend or not x.already_sent)}, "
              "ничего не отправлено.")
        return 0
    require(person, "Рассылка", write=True)
    report = _send_recorded(store, person, letters, resend=args.resend)
    if report is None:
        return 1
    for letter, reason in report.failed:
        print(f"Не доставлено {mask('e-mail', letter.to)}: {reason}", file=sys.stderr)
    for letter in report.uncertain:
        print(f"Не известно, дошло ли письмо {mask('e-mail', letter.to)}: связь с сервером прервалась после его "
              "передачи; повторно не отправляется без --resend.", file=sys.stderr)
    print(f"Отправлено: {len(report.sent)}, пропущено (уже отправлялось): {len(report.skipped)}, "
          f"ошибок: {len(report.failed)}, не известно, дошло ли: {len(report.uncertain)}, без адреса: {len(missing)}.")
    return 1 if report.failed else 0


def _digest(store, args, person: User) -> int:
    today = Settings().current_date()
    workbook = open_workbook(store.read([t.name for t in TABS]).tabs, today)
    summary = digest.collect(workbook, today)
    print(digest.as_html(summary, today) if args.html else digest.as_text(summary, today))
    if not args.send:
        return 0
    require(person, "Рассылка сводки", write=True)
    letters, missing = digest.letters(workbook, summary, today)
    report = _send_recorded(store, person, letters, resend=True)
    if report is None:
        return 1
    print(f"Сводка отправлена: {len(report.sent)}, ошибок: {len(report.failed)}, нет адреса на листе «Пользователи»: "
          f"{len(missing)}.", file=sys.stderr)
    return 1 if report.failed else 0


def _send_recorded(store, person: User, letters, resend: bool):
    """Send and record (core.platform.mail.send_and_record); None when sent but not recorded, after saying so."""
    outbox = Settings().mail_outbox
    try:
        return send_and_record(JournaledStore(store, person), letters, smtp_settings(), who=person.email,
                               outbox=outbox, resend=resend)
    except NotRecorded as exc:
        print(f"Ошибка: {exc} Файл отметок: «{outbox}».", file=sys.stderr)
        return None


def _save(path: Path, data: bytes) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"Сохранено: {path} ({len(data) // 1024} КБ)")
    return 0


def _check(store, args, person: User) -> int:
    if args.to_sheet:
        require(person, "Запись листа «Проверка»", write=True)
        published = publish(store, args.today or Settings().current_date(), who=person)
        print(summary(published))
        return 1 if published.errors else 0
    if args.tab and args.tab not in TAB_BY_NAME:
        raise EduDeskError(f"Нет листа «{args.tab}». Листы: {', '.join(t.name for t in TABS)}")
    result = store.read([t.name for t in TABS])
    findings = run_all(result.tabs, only_tab=args.tab, today=args.today or Settings().current_date())
    if not person.sees_personal_data:
        findings = [dataclasses.replace(f, message=mask_message(f.message, f.column)) for f in findings]
    if args.json:
        print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for f in findings:
            where = f"{f.tab}!{f.cell}" if f.cell else f.tab
            print(f"{where:<24} {f.severity:<14} {f.rule} ({f.clause}): {f.message}")
        errors = sum(1 for f in findings if f.severity == Severity.ERROR)
        print(f"Итого: ошибок — {errors}, предупреждений — {len(findings) - errors}.")
    return 1 if has_errors(findings) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
