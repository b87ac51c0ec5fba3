"""Demonstration exam rules (DE-*, seeds/003): deadlines in working days, experts, results, the cap."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.exam.calc import CAP, budgets_by_organisation, exam_cost, grade
from core.platform.calendar import add_working_days
from core.platform.dates_ru import short_date
from core.platform.display import percent
from core.platform.errors import EduDeskError
from core.platform.money import format_rub
from core.records.checks import Rule, Workbook, rule
from core.records.findings import Finding, Severity
from core.store.base import canonical
from sheets_schema.enums import ExpertRole

AREA = "Демонстрационный экзамен"


@dataclass(frozen=True)
class ExamDeadline:
    rule: str
    clause: str
    field: str
    working_days: int  # negative: before the exam day; positive: after its last day
    title: str
    severity: Severity = Severity.ERROR
    optional: bool = False  # a step that may not happen (a plan change): check only when it did


DEADLINES = (
    ExamDeadline("DE-PLAN-20", "003 п. 6.7, п. 9.1", "plan_approved", -20, "План ДЭ согласован с ГЭК"),
    ExamDeadline("DE-PLAN-INFORM-5WD", "003 п. 6.7", "plan_informed", -5, "Участники и персонал ознакомлены с планом"),
    ExamDeadline("DE-GE-20WD", "003 п. 7.1", "chief_appointed", -20, "Назначен главный эксперт"),
    ExamDeadline("DE-GROUP-20WD", "003 п. 7.4", "group_formed", -20, "Сформирована экспертная группа"),
    ExamDeadline("DE-PLAN-CHANGE-7WD", "003 п. 9.4", "plan_changed", -7, "Изменения в план внесены", optional=True),
    ExamDeadline("DE-READINESS-10WD", "003 п. 9.5", "readiness_checked", -10, "Проверена готовность ЦПДЭ",
                 Severity.WARNING),
    ExamDeadline("DE-PREP-DAY", "003 п. 2.13", "prep_day", -1, "Проведён подготовительный день"),
    ExamDeadline("DE-COST-14WD", "003 п. 11.8.2", "cost_sent", -14, "Расчёт затрат направлен оператору"),
    ExamDeadline("DE-REPORT-10WD", "003 п. 12.1", "report_sent", 10, "Отчёт о целевых показателях направлен"),
)


def due_date(exam, deadline: ExamDeadline) -> date | None:
    base = exam.start if deadline.working_days < 0 else (exam.end or exam.start)
    return add_working_days(base, deadline.working_days) if base else None


@dataclass(frozen=True)
class ChecklistItem:
    deadline: ExamDeadline
    due: date | None
    done: date | None
    status: str


def checklist(exam, today: date) -> list[ChecklistItem]:
    """Each deadline of one exam with its due date on the working-day calendar and its state."""
    items = []
    for deadline in DEADLINES:
        due, done = due_date(exam, deadline), getattr(exam, deadline.field)
        if done:
            status = "выполнено с опозданием" if due and done > due else "выполнено"
        elif deadline.optional:
            status = "не требуется"
        elif due and today > due:
            status = "просрочено"
        elif due and (due - today).days < 7:
            status = "на этой неделе"
        else:
            status = "впереди"
        items.append(ChecklistItem(deadline, due, done, status))
    return items


def _register_deadline(deadline: ExamDeadline) -> None:
    def check(wb: Workbook, r: Rule) -> Iterator[Finding]:
        for row in wb.items("ДЭ_график"):
            exam = row.item
            due, done = due_date(exam, deadline), getattr(exam, deadline.field)
            if due is None:
                continue
            when = "до" if deadline.working_days < 0 else "после"
            rule_text = f"не позднее {abs(deadline.working_days)} раб. дн. {when} экзамена — {due:%d.%m.%Y}"
            yield from r.deadline(wb["ДЭ_график"], row.row, deadline.field, due, done, wb.today,
                                  f"{exam.code}: «{deadline.title}» {short_date(done)}, а нужно {rule_text}.",
                                  None if deadline.optional else
                                  f"{exam.code}: «{deadline.title}» не отмечено, срок — {rule_text}.")

    rule(deadline.rule, deadline.clause, deadline.severity, f"{deadline.title}: {abs(deadline.working_days)} раб. дн. "
         f"{'до' if deadline.working_days < 0 else 'после'} экзамена", AREA)(check)


for _deadline in DEADLINES:
    _register_deadline(_deadline)


# experts --------------------------------------------------------------------------------------------------------
def _experts_by_exam(wb: Workbook) -> dict[str, list]:
    groups: dict[str, list] = defaultdict(list)
    for row in wb.items("ДЭ_эксперты"):
        groups[canonical(row.item.exam_code).casefold()].append(row)
    return groups


@rule("DE-INDEPENDENT", "003 п. 4.5", Severity.ERROR, "Эксперт не готовил участников по этой компетенции", AREA)
def independent(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for row in wb.items("ДЭ_эксперты"):
        if row.item.role == ExpertRole.EXPERT and row.item.trained_participants:
            yield r.finding(wb["ДЭ_эксперты"], row.row, "trained_participants", f"{row.item.full_name} готовил(а) "
                            f"участников экзамена {row.item.exam_code} и не может их оценивать.")


@rule("DE-SAME-ORG", "003 п. 7.5", Severity.ERROR, "Член экспертной группы не представляет организацию участников", AREA)
def not_same_organisation(wb: Workbook, r: Rule) -> Iterator[Finding]:
    orgs: dict[str, set[str]] = defaultdict(set)
    for row in wb.items("ДЭ_график"):
        orgs[canonical(row.item.code).casefold()].add(canonical(row.item.organisation).casefold())
    for row in wb.items("ДЭ_участники"):
        orgs[canonical(row.item.exam_code).casefold()].add(canonical(row.item.organisation).casefold())
    for row in wb.items("ДЭ_эксперты"):
        e = row.item
        if e.role in (ExpertRole.CHIEF, ExpertRole.EXPERT) and e.organisation and \
                canonical(e.organisation).casefold() in orgs.get(canonical(e.exam_code).casefold(), set()):
            yield r.finding(wb["ДЭ_эксперты"], row.row, "organisation", f"{e.full_name} ({e.role.value}) представляет "
                            f"«{e.organisation}» — ту же организацию, что и участники экзамена {e.exam_code}.")


def _people_in_roles(rows: list) -> dict[str, set]:
    roles: dict[str, set] = defaultdict(set)
    for row in rows:
        roles[canonical(row.item.full_name).casefold()].add(row.item.role)
    return roles


@rule("DE-GE-NO-GRADE", "003 п. 2.8", Severity.ERROR, "Главный эксперт не оценивает (не входит в эксперты экзамена)", AREA)
def chief_does_not_grade(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for rows in _experts_by_exam(wb).values():
        roles = _people_in_roles(rows)
        for row in rows:
            if row.item.role == ExpertRole.EXPERT and ExpertRole.CHIEF in roles[canonical(row.item.full_name).casefold()]:
                yield r.finding(wb["ДЭ_эксперты"], row.row, "role", f"{row.item.full_name} — главный эксперт экзамена "
                                f"{row.item.exam_code} и не может быть в нём оценивающим экспертом.")


@rule("DE-TE-NOT-EXPERT", "003 п. 7.7", Severity.ERROR, "Технический эксперт не входит в экспертную группу", AREA)
def technical_not_in_group(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for rows in _experts_by_exam(wb).values():
        roles = _people_in_roles(rows)
        for row in rows:
            mine = roles[canonical(row.item.full_name).casefold()]
            if row.item.role == ExpertRole.TECHNICAL and mine & {ExpertRole.CHIEF, ExpertRole.EXPERT}:
                yield r.finding(wb["ДЭ_эксперты"], row.row, "role", f"{row.item.full_name} — технический эксперт "
                                f"экзамена {row.item.exam_code} и не может входить в экспертную группу.")


@rule("DE-TE-ONE", "003 п. 11.5", Severity.ERROR, "Один технический эксперт на компетенцию", AREA)
def one_technical_expert(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for rows in _experts_by_exam(wb).values():
        technical = [row for row in rows if row.item.role == ExpertRole.TECHNICAL]
        for row in technical[1:]:
            yield r.finding(wb["ДЭ_эксперты"], row.row, "role", f"У экзамена {row.item.exam_code} уже есть технический "
                            f"эксперт ({technical[0].item.full_name}): на компетенцию — один.")


@rule("DE-REGISTRY", "003 п. 2.7", Severity.WARNING, "Эксперт есть в реестре и обучен ИРПО", AREA)
def in_registry(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for row in wb.items("ДЭ_эксперты"):
        if row.item.role in (ExpertRole.CHIEF, ExpertRole.EXPERT) and row.item.in_registry is not True:
            state = "нет в реестре" if row.item.in_registry is False else "не отмечено, есть ли в реестре"
            yield r.finding(wb["ДЭ_эксперты"], row.row, "in_registry", f"{row.item.full_name}: {state} экспертов.")


# participants ----------------------------------------------------------------------------------------------------
@rule("DE-GRADE", "003 п. 6.5, табл. 1", Severity.ERROR, "Баллы участника от 0 до максимума", AREA)
def points_in_range(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for row in wb.items("ДЭ_участники"):
        p = row.item
        if p.points is None or p.max_points is None:
            continue
        try:
            grade(p.points, p.max_points)
        except EduDeskError as exc:
            yield r.finding(wb["ДЭ_участники"], row.row, "points", f"{p.full_name}: {exc}")


def results(participants: list) -> list[dict]:
    """Present participants with points: percent and grade; absent ones are left out (§7.9)."""
    rows = []
    for p in participants:
        if p.present is False or p.points is None or p.max_points is None:
            continue
        try:
            result = grade(p.points, p.max_points)
        except EduDeskError as exc:
            rows.append({"ФИО": p.full_name, "Баллы": p.points, "Максимум": p.max_points, "%": None, "Оценка": None,
                         "Замечание": str(exc)})
            continue
        rows.append({"ФИО": p.full_name, "Баллы": p.points, "Максимум": p.max_points, "%": result.percent,
                     "Оценка": result.grade, "Замечание": ""})
    return rows


def passed_share(participants: list) -> tuple[int, int]:
    """(passed with «3» or higher, sat the exam) among present participants with valid points."""
    graded = [row for row in results(participants) if row["Оценка"] is not None]
    return sum(1 for row in graded if row["Оценка"] >= 3), len(graded)


@rule("DE-QUALITY-99", "003 п. 3.3", Severity.WARNING, "Сдали не менее 99 % сдававших", AREA)
def quality_indicator(wb: Workbook, r: Rule) -> Iterator[Finding]:
    by_exam: dict[str, list] = defaultdict(list)
    for row in wb.items("ДЭ_участники"):
        by_exam[canonical(row.item.exam_code).casefold()].append(row.item)
    for row in wb.items("ДЭ_график"):
        passed, sat = passed_share(by_exam.get(canonical(row.item.code).casefold(), []))
        if sat and passed * 100 < 99 * sat:
            yield r.finding(wb["ДЭ_график"], row.row, "code", f"{row.item.code}: сдали {passed} из {sat} "
                            f"({percent(Decimal(passed) * 100 / sat)}), показатель качества — 99 %.")


@rule("DE-DRAW", "003 п. 9.11", Severity.ERROR, "Рабочие места распределены без повторов и в пределах числа мест", AREA)
def workplaces_distinct(wb: Workbook, r: Rule) -> Iterator[Finding]:
    limits = {canonical(x.item.code).casefold(): x.item.workplaces for x in wb.items("ДЭ_график")}
    taken: dict[tuple[str, int], str] = {}
    for row in wb.items("ДЭ_участники"):
        p = row.item
        if p.workplace is None:
            continue
        exam = canonical(p.exam_code).casefold()
        limit = limits.get(exam)
        if limit and not 1 <= p.workplace <= limit:
            yield r.finding(wb["ДЭ_участники"], row.row, "workplace", f"Рабочего места {p.workplace} нет: "
                            f"в экзамене {p.exam_code} места 1–{limit}.")
        elif (exam, p.workplace) in taken:
            yield r.finding(wb["ДЭ_участники"], row.row, "workplace", f"Место {p.workplace} уже досталось "
                            f"{taken[(exam, p.workplace)]}.")
        else:
            taken[(exam, p.workplace)] = p.full_name


# money -------------------------------------------------------------------------------------------------------------
def consumables(wb: Workbook, fact: bool = False) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for row in wb.items("ДЭ_расходы"):
        value = row.item.fact if fact else row.item.plan
        totals[canonical(row.item.exam_code).casefold()] += value or Decimal(0)
    return totals


def costs_by_exam(wb: Workbook, fact: bool = False) -> dict[str, Decimal]:
    experts = _experts_by_exam(wb)
    extra = consumables(wb, fact)
    result = {}
    for row in wb.items("ДЭ_график"):
        key = canonical(row.item.code).casefold()
        result[row.item.code] = exam_cost([x.item for x in experts.get(key, [])], extra.get(key, 0), fact).total
    return result


def year_of(exam) -> int | None:
    return exam.start.year if exam.start else None


@rule("DE-CAP", "003 п. 11.8.1", Severity.ERROR, "Затраты года не больше 300 000 000 ₽", AREA)
def yearly_cap(wb: Workbook, r: Rule) -> Iterator[Finding]:
    costs = costs_by_exam(wb)
    first_row: dict[int, int] = {}
    totals: Counter = Counter()
    for row in wb.items("ДЭ_график"):
        year = year_of(row.item)
        if year is None:
            continue
        first_row.setdefault(year, row.row)
        totals[year] += costs.get(row.item.code, Decimal(0))
    for year, total in totals.items():
        if total > CAP:
            yield r.finding(wb["ДЭ_график"], first_row[year], "code", f"{year}: затраты по расчётам {format_rub(total)} "
                            f"больше лимита {format_rub(CAP)}; предложение по сокращению участников ПА — на странице "
                            "«Демэкзамен: расходы».")


def exams_of_year(wb: Workbook, year: int) -> list:
    return [r.item for r in wb.items("ДЭ_график") if year_of(r.item) == year]


def year_budgets(wb: Workbook, year: int):
    return budgets_by_organisation(exams_of_year(wb, year), costs_by_exam(wb))




def schedule_rows(exams: list) -> list[dict]:
    """The general schedule (003 §5.3 fields) as the page shows it."""
    return [{"Экзамен": e.code, "Организация участников": e.organisation, "Учебная группа": e.study_group,
             "ЦПДЭ": e.centre, "Адрес ЦПДЭ": e.centre_address, "Вид аттестации": e.attestation.value if e.attestation else "",
             "КОД": e.kod, "Уровень": e.level.value if e.level else "",
             "Специальность": f"{e.specialty_code or ''} {e.specialty or ''}".strip(), "Начало": e.start,
             "Окончание": e.end, "Статус участников": e.participant_status.value if e.participant_status else "",
             "Куратор": e.curator, "Телефон куратора": e.curator_phone} for e in exams]


def apply_trim(exams: list, cuts: dict[str, int]) -> list[tuple[object, int]]:
    """Spread each organisation's cut over its ПА exams, largest first: (exam, new planned participants)."""
    result = []
    for organisation, cut in cuts.items():
        pa = sorted((e for e in exams if (e.organisation or "не указана") == organisation and e.attestation
                     and e.attestation.value == "ПА"), key=lambda e: e.planned_participants or 0, reverse=True)
        for exam in pa:
            if cut <= 0:
                break
            take = min(cut, exam.planned_participants or 0)
            if take:
                result.append((exam, (exam.planned_participants or 0) - take))
                cut -= take
    return result
