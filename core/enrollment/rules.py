"""Enrollment into continuing-education programs: rules ENR-* and each group's timeline (seeds/000 Part 1)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta

from core.platform.dates_ru import short_date
from core.platform.snils import is_valid as snils_valid
from core.platform.timeline import Step
from core.records.checks import Rule, Workbook, rule
from core.records.findings import Finding, Severity
from core.store.base import canonical
from sheets_schema.base import normalize_header
from sheets_schema.enums import IssueMode, ListenerStatus, StudyForm

AREA = "Набор и зачисление"
GROUP_LIMIT = 25


def categories(text: str | None) -> set[str]:
    """«учителя; заместители директора» → {"учителя", "заместители директора"} (normalized)."""
    return {normalize_header(p) for p in re.split(r"[;,\n]", text or "") if p.strip()}


def is_distance(form: StudyForm | None) -> bool:
    return form in (StudyForm.DISTANCE, StudyForm.MIXED, StudyForm.CORRESPONDENCE)


def programs_by_code(wb: Workbook) -> dict[str, object]:
    return {r.item.code.casefold(): r.item for r in wb.items("Программы") if r.item.code}


def group_sizes(wb: Workbook) -> Counter:
    return Counter((r.item.group_code or "").casefold() for r in wb.items("Слушатели")
                   if r.item.status != ListenerStatus.EXPELLED)


@rule("ENR-CATEGORY", "000 §1.4", Severity.ERROR, "Заявитель относится к категории слушателей программы", AREA)
def category_allowed(wb: Workbook, r: Rule) -> Iterator[Finding]:
    programs = programs_by_code(wb)
    allowed_by_code = {code: categories(p.categories) for code, p in programs.items()}
    for row in wb.items("Заявки"):
        app = row.item
        code = (app.program_code or "").casefold()
        program, allowed = programs.get(code), allowed_by_code.get(code)
        if not allowed:
            continue
        if not app.category:
            yield r.finding(wb["Заявки"], row.row, "category", "Категория не указана: без неё список нельзя "
                            "направлять учредителю.", Severity.WARNING)
        elif normalize_header(app.category) not in allowed:
            yield r.finding(wb["Заявки"], row.row, "category",
                            f"Категория «{app.category}» не входит в категории программы {program.code}: "
                            f"{program.categories}.")


@rule("ENR-SNILS", "СНИЛС: контрольное число (ФИС ФРДО)", Severity.ERROR, "СНИЛС заявителя проходит проверку контрольной суммы", AREA)
def snils_checksum(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for row in wb.items("Заявки"):
        if row.item.snils and not snils_valid(row.item.snils):
            yield r.finding(wb["Заявки"], row.row, "snils", "СНИЛС не проходит проверку контрольной суммы: "
                            "проверьте цифры по документу.")


MIN_AGE = 16  # younger than this, no one has the education a ДПО programme requires


@rule("ENR-BIRTH", "273-ФЗ ст. 76 ч. 3", Severity.ERROR,
      "Дата рождения заявителя не в будущем и не моложе 16 лет: ДПО — для лиц с СПО или ВО", AREA)
def birth_date_possible(wb: Workbook, r: Rule) -> Iterator[Finding]:
    # the message never quotes the date: it is personal data (152-ФЗ), and the cell is named
    for row in wb.items("Заявки"):
        born = row.item.birth_date
        if born is None:
            continue
        if born > wb.today:
            yield r.finding(wb["Заявки"], row.row, "birth_date", "Дата рождения — в будущем: проверьте год "
                            "(две цифры года пишите полностью: 1965, а не 65).")
        elif _years_between(born, wb.today) < MIN_AGE:
            yield r.finding(wb["Заявки"], row.row, "birth_date", f"По дате рождения заявителю меньше {MIN_AGE} лет, "
                            "а программы ДПО осваивают лица со средним профессиональным или высшим образованием "
                            "(и получающие его): проверьте год.")


def _years_between(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@rule("ENR-GROUP-25", "000 §1.5", Severity.ERROR, "В учебной группе не более 25 человек", AREA)
def group_size(wb: Workbook, r: Rule) -> Iterator[Finding]:
    sizes = group_sizes(wb)
    for row in wb.items("Группы"):
        size = sizes.get((row.item.code or "").casefold(), 0)
        if size > GROUP_LIMIT:
            yield r.finding(wb["Группы"], row.row, "code", f"В группе {row.item.code} {size} слушателей, "
                            f"а можно не более {GROUP_LIMIT}: разделите её (например, {balanced_text(size)}).")


@rule("ENR-GROUP-DATES", "000 §1.5 (календарный учебный график)", Severity.ERROR,
      "У группы указаны даты начала и окончания обучения, окончание не раньше начала", AREA)
def group_dates(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for row in wb.items("Группы"):
        group = row.item
        if group.start is None or group.end is None:
            field_name = "start" if group.start is None else "end"
            yield r.finding(wb["Группы"], row.row, field_name, f"У группы {group.code} не указана дата "
                            f"{'начала' if field_name == 'start' else 'окончания'} обучения: без неё не посчитать "
                            "сроки писем, напоминания и доступов ДОТ, а приказ и удостоверения не сформировать.")
        elif group.end < group.start:
            yield r.finding(wb["Группы"], row.row, "end", f"У группы {group.code} окончание {group.end:%d.%m.%Y} "
                            f"раньше начала {group.start:%d.%m.%Y}.")


def balanced_sizes(count: int, limit: int = GROUP_LIMIT) -> list[int]:
    """Sizes of ceil(count / limit) groups that differ by at most one: 26 → [13, 13]."""
    if count <= 0:
        return []
    groups = -(-count // limit)
    base, extra = divmod(count, groups)
    return [base + 1] * extra + [base] * (groups - extra)


def balanced_text(count: int) -> str:
    return " + ".join(str(s) for s in balanced_sizes(count))


def _deadline_findings(wb: Workbook, r: Rule, field_name: str, days_before: int, what: str,
                       applies=lambda group, program: True) -> Iterator[Finding]:
    programs = programs_by_code(wb)
    for row in wb.items("Группы"):
        group = row.item
        if group.start is None or not applies(group, programs.get((group.program_code or "").casefold())):
            continue
        due = group.start - timedelta(days=days_before)
        done = getattr(group, field_name)
        yield from r.deadline(
            wb["Группы"], row.row, field_name, due, done, wb.today,
            f"{what} отправлено {short_date(done)}, позже срока {due:%d.%m.%Y} (не позднее чем за {days_before} дн. "
            f"до начала {group.start:%d.%m.%Y}).",
            f"{what} не отправлено, срок был {due:%d.%m.%Y} (за {days_before} дн. до начала {group.start:%d.%m.%Y}).")


@rule("ENR-REMIND-7D", "000 §2.1", Severity.ERROR, "Напоминание о первом занятии — не позднее чем за 7 дней", AREA)
def reminder_7_days(wb: Workbook, r: Rule) -> Iterator[Finding]:
    yield from _deadline_findings(wb, r, "reminder", 7, "Напоминание о первом занятии с приглашением в чат")


@rule("ENR-DOT-1D", "000 §4.2", Severity.ERROR, "Доступы к платформе ДОТ — не позднее чем за день до начала", AREA)
def dot_access_1_day(wb: Workbook, r: Rule) -> Iterator[Finding]:
    yield from _deadline_findings(wb, r, "dot_access", 1, "Письмо со ссылкой и учётными данными ДОТ",
                                  lambda group, program: program is not None and is_distance(program.form))


@rule("ENR-PROGRESS-2W", "000 §4.7", Severity.WARNING, "Успеваемость на платформе проверяется не реже двух раз в неделю",
      AREA)
def progress_checked_twice_a_week(wb: Workbook, r: Rule) -> Iterator[Finding]:
    programs = programs_by_code(wb)
    group_of = {(x.item.id or "").casefold(): (x.item.group_code or "").casefold() for x in wb.items("Слушатели")}
    checks: dict[str, set[date]] = defaultdict(set)
    week_start = wb.today - timedelta(days=6)
    for row in wb.items("Успеваемость"):
        if row.item.checked and week_start <= row.item.checked <= wb.today:
            checks[group_of.get((row.item.listener_id or "").casefold(), "")].add(row.item.checked)
    for row in wb.items("Группы"):
        group = row.item
        program = programs.get((group.program_code or "").casefold())
        running = group.start and group.start <= week_start and (group.end is None or group.end >= wb.today)
        if running and program is not None and is_distance(program.form):
            days = len(checks.get((group.code or "").casefold(), set()))
            if days < 2:
                yield r.finding(wb["Группы"], row.row, "code", f"За неделю {week_start:%d.%m}–{wb.today:%d.%m} "
                                f"успеваемость группы {group.code} проверяли {days} раз(а), нужно не реже двух "
                                "(даты проверки — в «Успеваемость», столбец «Дата проверки»).")


@rule("ENR-ISSUE-SIGN", "000 §6.4", Severity.ERROR, "Удостоверение выдано под роспись слушателя или по доверенности", AREA)
def issued_against_signature(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for row in wb.items("Удостоверения"):
        cert = row.item
        if cert.issued is None:
            continue
        if cert.issue_mode is None:
            yield r.finding(wb["Удостоверения"], row.row, "issue_mode", "Удостоверение выдано, но не указано, "
                            "как: «лично» или «по доверенности».")
        elif cert.issue_mode == IssueMode.PROXY and not cert.proxy_number:
            yield r.finding(wb["Удостоверения"], row.row, "proxy_number", "Выдано по доверенности, но не указан "
                            "№ доверенности.")
        if cert.signed is not True:
            yield r.finding(wb["Удостоверения"], row.row, "signed", "Нет отметки о подписи получателя в реестре "
                            "выдачи.")


@rule("ENR-REGNUM", "000 §6.2", Severity.WARNING, "Регистрационные номера удостоверений идут подряд в пределах года",
      AREA)
def registration_numbers_without_gaps(wb: Workbook, r: Rule) -> Iterator[Finding]:
    by_year: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for row in wb.items("Удостоверения"):
        parsed = parse_reg_number(row.item.reg_number)
        if parsed is None and row.item.reg_number:
            yield r.finding(wb["Удостоверения"], row.row, "reg_number", f"Номер «{row.item.reg_number}» не в виде "
                            "ГГГГ-НННН (например, 2026-0001).")
        elif parsed:
            by_year[parsed[0]].append((parsed[1], row.row))
    for year, numbers in by_year.items():
        present = {n for n, _ in numbers}
        missing = sorted(set(range(1, max(present) + 1)) - present)
        if missing:
            last_row = max(numbers)[1]
            shown = ", ".join(f"{year}-{n:04d}" for n in missing[:5]) + (" …" if len(missing) > 5 else "")
            yield r.finding(wb["Удостоверения"], last_row, "reg_number", f"В {year} году пропущены номера: {shown}.")


def parse_reg_number(text: str | None) -> tuple[int, int] | None:
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,6})\s*", text or "")
    return (int(match[1]), int(match[2])) if match else None


@rule("ENR-FRDO", "ФИС ФРДО: сведения о выданных документах", Severity.WARNING, "Выданные удостоверения выгружены в ФИС ФРДО", AREA)
def exported_to_frdo(wb: Workbook, r: Rule) -> Iterator[Finding]:
    waiting: dict[str, list] = defaultdict(list)  # one finding per group, at its first such row
    for row in wb.items("Удостоверения"):
        if row.item.issued and row.item.frdo_exported is None and row.item.issued <= wb.today - timedelta(days=30):
            waiting[row.item.group_code or ""].append(row)
    for group, rows in waiting.items():
        first = rows[0]
        yield r.finding(wb["Удостоверения"], first.row, "frdo_exported",
                        f"{len(rows)} удостоверений группы {group or '—'} выданы (с {first.item.issued:%d.%m.%Y}) и "
                        "не выгружены в ФИС ФРДО: выгрузите их (edudesk export frdo) и отметьте дату.")


# the group timeline --------------------------------------------------------------------------
def group_timeline(group, program, reminders: Sequence[Step] = ()) -> list[Step]:
    """Due dates of one group from its start date (000 §1.6–1.8, §2.1, §4.2), then `reminders` — those before each
    module and the final test (module_reminders.reminder_steps), which need the group's tasks and mailings."""
    start = group.start
    steps = [
        Step("Письмо учредителю со списками (СЭД «Садко»)", "000 §1.6", start, group.founder_letter),
        Step("Списки согласованы учредителем", "000 §1.6", start, group.founder_approved),
        Step("Информационное письмо слушателям", "000 §1.7", start, group.info_letter),
        Step("Приказ о зачислении", "000 §1.8", start, group.order_date),
        Step("Напоминание о первом занятии и приглашение в чат", "000 §2.1",
             start - timedelta(days=7) if start else None, group.reminder),
    ]
    if program is not None and is_distance(program.form):
        steps.append(Step("Ссылка и учётные данные ДОТ", "000 §4.2", start - timedelta(days=1) if start else None,
                          group.dot_access))
    return steps + list(reminders)


def due_this_week(groups: list, programs: dict, today: date, overdue_days: int = 30,
                  reminders: Mapping[str, Sequence[Step]] | None = None) -> list[tuple[object, Step]]:
    """Steps due in the next 7 days, and those overdue in the last month, across all groups, by due date."""
    result = []
    for group in groups:
        extra = (reminders or {}).get(canonical(group.code).casefold(), ())
        for step in group_timeline(group, programs.get(group.program_code), extra):
            status = step.status(today)
            recent = step.due is not None and (today - step.due).days <= overdue_days
            if status == "на этой неделе" or (status == "просрочено" and recent):
                result.append((group, step))
    return sorted(result, key=lambda pair: pair[1].due)
