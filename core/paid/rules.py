"""Paid educational services (002): rules PAY-* and what the pages and documents read from the sheet."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

from core.paid.money import HEAD_MAX, NK_SHARES, ORGANISER_MIN, cost_of, department_share, rate_order_for
from core.paid.timeline import ISSUE_STEPS, steps_for
from core.platform.calendar import deadline_on
from core.platform.errors import EduDeskError
from core.platform.money import format_rub, kopecks, number
from core.records.checks import Rule, Workbook, rule
from core.records.findings import Finding, Severity
from core.store.base import canonical
from sheets_schema.base import normalize_header
from sheets_schema.enums import BonusRole, Place, ProgramKind

AREA = "Платные услуги"
CUSTOMER_KINDS = {ProgramKind.PK, ProgramKind.TOPIC}  # §3.1.8: on a customer's territory


def by_service(wb: Workbook, tab: str) -> dict[str, list]:
    groups: dict[str, list] = defaultdict(list)
    for row in wb.items(tab):
        groups[canonical(row.item.service_code).casefold()].append(row)
    return groups


def paid_and_due(wb: Workbook) -> dict[str, tuple[Decimal, Decimal]]:
    """Service code → (paid, contract sums) from «ПОУ_оплаты»."""
    totals: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for row in wb.items("ПОУ_оплаты"):
        t = totals[canonical(row.item.service_code).casefold()]
        t[0] += row.item.paid or 0
        t[1] += row.item.amount or 0
    return {k: (v[0], v[1]) for k, v in totals.items()}


def fully_paid(wb: Workbook, code: str) -> bool:
    paid, due = paid_and_due(wb).get(canonical(code).casefold(), (Decimal(0), Decimal(0)))
    return due > 0 and paid >= due


def paid_in_full_on(wb: Workbook, code: str) -> date | None:
    """The day the money had fully arrived (the last payment's date), or None while something is owed."""
    if not fully_paid(wb, code):
        return None
    days = [r.item.paid_on for r in by_service(wb, "ПОУ_оплаты").get(canonical(code).casefold(), []) if r.item.paid_on]
    return max(days, default=None)


def timeline(wb: Workbook, service) -> list:
    """The service's steps as marked on «ПОУ_этапы», with §7's settlement once it is paid in full."""
    return steps_for(service, steps_done(wb, service.code), paid_in_full_on(wb, service.code))


def mark_step(store, service_code: str, step: str, day: date) -> None:
    """Mark a step of a service done — once: a step already marked (by someone else, or by a second click on a
    page drawn before the first) is not marked again."""
    with store.exclusive():
        for row in store.fresh("ПОУ_этапы").as_dicts():
            values = {normalize_header(h or ""): v for h, v in row.items()}
            if (canonical(values.get("код услуги")).casefold(), canonical(values.get("шаг")).casefold()) == \
                    (canonical(service_code).casefold(), step.casefold()):
                raise EduDeskError(f"Шаг {step} услуги {service_code} уже отмечен выполненным — повторно не записан.")
        store.append("ПОУ_этапы", [{"Код услуги": service_code, "Шаг": step, "Выполнено": day}])


def steps_done(wb: Workbook, code: str) -> dict[str, date]:
    return {r.item.step: r.item.done_on for r in by_service(wb, "ПОУ_этапы").get(canonical(code).casefold(), [])
            if r.item.done_on}


@rule("PAY-COST", "002 п. 1.8, прил. 2", Severity.WARNING, "Суммы договоров равны стоимости услуги (часы × слушатели × ставка)",
      AREA)
def contract_sums_match_cost(wb: Workbook, r: Rule) -> Iterator[Finding]:
    money = paid_and_due(wb)
    for row in wb.items("ПОУ_услуги"):
        cost = cost_of(row.item)
        _, due = money.get(canonical(row.item.code).casefold(), (Decimal(0), Decimal(0)))
        if cost is not None and due and kopecks(due) != cost:
            yield r.finding(wb["ПОУ_услуги"], row.row, "rate", f"{row.item.code}: стоимость {row.item.hours} ч × "
                            f"{row.item.listeners} чел. × {number(row.item.rate)} ₽ = {format_rub(cost)}, а договоры — на "
                            f"{format_rub(due)}.")


@rule("PAY-RATE-RANGE", "002 п. 1.6–1.7, прил. 1", Severity.ERROR, "Ставка в диапазоне приказа, действующего на дату начала",
      AREA)
def rate_in_range(wb: Workbook, r: Rule) -> Iterator[Finding]:
    orders = [x.item for x in wb.items("ПОУ_ставки")]
    for row in wb.items("ПОУ_услуги"):
        s = row.item
        if s.rate is None or s.start is None:
            continue
        order = rate_order_for(orders, s.start)
        if order is None:
            yield r.finding(wb["ПОУ_услуги"], row.row, "rate", f"{s.code}: на {s.start:%d.%m.%Y} нет действующего приказа "
                            "о диапазоне стоимости человеко-часа (лист «ПОУ_ставки»).", Severity.WARNING)
        elif (order.min_rub is not None and s.rate < order.min_rub) or (order.max_rub is not None and s.rate > order.max_rub):
            yield r.finding(wb["ПОУ_услуги"], row.row, "rate", f"{s.code}: ставка {number(s.rate)} ₽/чел.-ч вне диапазона "
                            f"приказа № {order.number}: {number(order.min_rub)}–{number(order.max_rub)} ₽.")


@rule("PAY-PLANNED-25OCT", "002 п. 3.3.8–3.3.9, 4.2.1", Severity.ERROR,
      "Заявка до 25 октября — плановая услуга, позже — внеплановая", AREA)
def planned_by_25_october(wb: Workbook, r: Rule) -> Iterator[Finding]:
    services = {canonical(x.item.code).casefold(): x for x in wb.items("ПОУ_услуги")}
    for row in wb.items("ПОУ_заявки"):
        request = row.item
        target = services.get(canonical(request.service_code).casefold())
        if target is None or request.received is None or target.item.start is None:
            continue
        cutoff = deadline_on(date(target.item.start.year - 1, 10, 25))  # «до 25 октября (включительно)», ГК ст. 193
        late = request.received > cutoff
        if late and target.item.unplanned is not True:
            yield r.finding(wb["ПОУ_услуги"], target.row, "unplanned", f"{target.item.code}: заявка № {request.number} "
                            f"поступила {request.received:%d.%m.%Y}, после {cutoff:%d.%m.%Y} — услуга внеплановая.")
        elif not late and target.item.unplanned is True:
            yield r.finding(wb["ПОУ_услуги"], target.row, "unplanned", f"{target.item.code}: заявка № {request.number} "
                            f"поступила {request.received:%d.%m.%Y}, до {cutoff:%d.%m.%Y} — услуга плановая.")


@rule("PAY-CUSTOMER-KINDS", "002 п. 3.1.8", Severity.ERROR, "На территории заказчика — только ПК и темы (ПО — в виде исключения)",
      AREA)
def kinds_at_customer(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for row in wb.items("ПОУ_услуги"):
        s = row.item
        if s.place == Place.CUSTOMER and s.kind is not None and s.kind not in CUSTOMER_KINDS:
            severity = Severity.WARNING if s.kind == ProgramKind.PO else Severity.ERROR
            yield r.finding(wb["ПОУ_услуги"], row.row, "kind", f"{s.code}: «{s.kind.value}» на территории заказчика "
                            + ("— только в исключительных случаях." if severity == Severity.WARNING
                               else "не планируется: там оказываются только ПК и темы."), severity)


PLANNING = (((5, 20), "Списки услуг кафедр для каталога", "002 п. 3.3.3"),
            ((6, 10), "Каталог и сопроводительное письмо согласованы", "002 п. 3.3.4"),
            ((6, 20), "Каталог направлен в МОУО/ММС и размещён на сайте", "002 п. 3.3.5–3.3.6"),
            ((10, 31), "Перечень услуг кафедры на базе Учреждения", "002 п. 3.2.1"),
            ((12, 1), "План дохода кафедры (прил. 3) — в ЦВД", "002 п. 3.5.1"),
            ((12, 15), "План дохода Учреждения — главному бухгалтеру", "002 п. 3.5.2"))


def planning_calendar(today: date) -> list[tuple[date, str, str, int]]:
    """The yearly planning deadlines for next year's services, from today: (date, what, clause, days left)."""
    result = []
    for (month, day), what, clause in PLANNING:
        when = deadline_on(date(today.year, month, day))
        if when < today:
            when = deadline_on(date(today.year + 1, month, day))
        result.append((when, what, clause, (when - today).days))
    return sorted(result)


@rule("PAY-CAL", "002 п. 3.2.1", Severity.WARNING, "После 31 октября у кафедры есть план услуг на базе Учреждения на следующий год",
      AREA)
def department_lists_by_31_october(wb: Workbook, r: Rule) -> Iterator[Finding]:
    if wb.today <= deadline_on(date(wb.today.year, 10, 31)) or wb["ПОУ_услуги"] is None:
        return
    departments: dict[str, int] = {}
    planned = set()
    for row in wb.items("ПОУ_услуги"):
        s = row.item
        if s.department:
            departments.setdefault(s.department, row.row)
            if s.start and s.start.year == wb.today.year + 1 and s.place in (Place.PREMISES, None):
                planned.add(s.department)
    for department, first in departments.items():
        if department not in planned:
            yield r.finding(wb["ПОУ_услуги"], first, "department", f"«{department}»: срок {deadline_on(date(wb.today.year, 10, 31)):%d.%m} прошёл, а услуг на базе "
                            f"Учреждения на {wb.today.year + 1} год в плане нет.")


@rule("PAY-TIMELINE", "002 п. 5.2–5.3, 7.1–7.3", Severity.ERROR, "Шаги услуги выполнены в срок", AREA)
def timeline_on_time(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for row in wb.items("ПОУ_услуги"):
        s = row.item
        if s.start is None or (s.status is not None and s.status.value == "отменена"):
            continue
        late = [step for step in timeline(wb, s) if step.status(wb.today) == "просрочено"]
        if late:
            shown = "; ".join(f"{st.key} «{st.title[:40]}…» (срок {st.due:%d.%m.%Y})" for st in late[:3])
            more = f" и ещё {len(late) - 3}" if len(late) > 3 else ""
            yield r.finding(wb["ПОУ_услуги"], row.row, "code", f"{s.code}: просрочено шагов — {len(late)}: {shown}{more}. "
                            "Отметьте выполненные на карточке услуги.")


@rule("PAY-CHANGE-2W", "002 п. 5.1", Severity.ERROR, "Служебная записка об изменении — вовремя", AREA)
def change_memo_in_time(wb: Workbook, r: Rule) -> Iterator[Finding]:
    services = {canonical(x.item.code).casefold(): x.item for x in wb.items("ПОУ_услуги")}
    for row in wb.items("ПОУ_изменения"):
        s = services.get(canonical(row.item.service_code).casefold())
        if s is None or s.start is None or row.item.memo_date is None:
            continue
        if s.place == Place.CUSTOMER:
            due, why = s.start - timedelta(weeks=2), "не позднее чем за 2 недели до начала (на территории заказчика)"
        else:
            letter = steps_for(s, steps_done(wb, s.code))[1]  # 5.2.2: the info letter; §5.1 counts its sending
            due, why = (letter.done, "до отправки информационного письма (оно отправлено") if letter.done else \
                (letter.due, "до рассылки информационного письма (за месяц до начала")
            why += f" {due:%d.%m.%Y})" if letter.done else ")"
        if row.item.memo_date > due:
            yield r.finding(wb["ПОУ_изменения"], row.row, "memo_date", f"{s.code}: записка от {row.item.memo_date:%d.%m.%Y}, "
                            f"а нужна {why} — до {due:%d.%m.%Y}.")


@rule("PAY-ISSUE-PAID", "002 п. 5.2 (шаг 18), 5.3 (шаг 24)", Severity.ERROR,
      "Документы о квалификации выдаются только после полной оплаты", AREA)
def issue_only_when_paid(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for row in wb.items("ПОУ_этапы"):
        if row.item.step in ISSUE_STEPS and row.item.done_on and not fully_paid(wb, row.item.service_code):
            yield r.finding(wb["ПОУ_этапы"], row.row, "done_on", f"{row.item.service_code}: документы отмечены выданными, "
                            "но заказчик оплатил не полностью.")
    paid_groups = {canonical(g.item.code).casefold(): g.item.service_code for g in wb.items("Группы") if g.item.service_code}
    for row in wb.items("Удостоверения"):
        code = paid_groups.get(canonical(row.item.group_code).casefold())
        if code and row.item.issued and not fully_paid(wb, code):
            yield r.finding(wb["Удостоверения"], row.row, "issued", f"Группа {row.item.group_code} — платная услуга {code}, "
                            "оплаченная не полностью: удостоверение выдавать нельзя.")


def income_of(wb: Workbook, code: str) -> Decimal:
    paid, _ = paid_and_due(wb).get(canonical(code).casefold(), (Decimal(0), Decimal(0)))
    return kopecks(paid)


def _bonus_context(wb: Workbook):
    services = {canonical(x.item.code).casefold(): x.item for x in wb.items("ПОУ_услуги")}
    for code, rows in by_service(wb, "ПОУ_выплаты").items():
        service = services.get(code)
        if service is None:
            continue
        share = kopecks(income_of(wb, service.code) * department_share(bool(service.internship)))
        yield service, share, rows


@rule("PAY-SPLIT", "002 п. 6.1", Severity.ERROR, "Выплаты не больше доли кафедры (35 %, стажировка — до 45 %)", AREA)
def within_department_share(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for service, share, rows in _bonus_context(wb):
        total = sum((x.item.amount or 0 for x in rows), Decimal(0))
        if total > share:
            yield r.finding(wb["ПОУ_выплаты"], rows[-1].row, "amount", f"{service.code}: выплаты {format_rub(total)} больше "
                            f"доли кафедры {format_rub(share)} от поступившего дохода.")


def _role_total(rows, *roles) -> Decimal:
    return sum((x.item.amount or 0 for x in rows if x.item.role in roles), Decimal(0))


@rule("PAY-SPLIT-HEAD-4", "002 п. 6.3", Severity.ERROR, "Заведующему кафедрой — не более 4 % дохода кафедры", AREA)
def head_at_most_4(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for service, share, rows in _bonus_context(wb):
        head = _role_total(rows, BonusRole.HEAD)
        if not service.with_new_book and head > kopecks(share * HEAD_MAX):
            row = next(x for x in rows if x.item.role == BonusRole.HEAD)
            yield r.finding(wb["ПОУ_выплаты"], row.row, "amount", f"{service.code}: заведующему {format_rub(head)}, а можно "
                            f"не более 4 % доли кафедры — {format_rub(share * HEAD_MAX)}.")


@rule("PAY-SPLIT-ORG-1", "002 п. 6.3", Severity.ERROR, "Организатору обучения — не менее 1 % дохода кафедры", AREA)
def organiser_at_least_1(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for service, share, rows in _bonus_context(wb):
        organiser = _role_total(rows, BonusRole.ORGANISER)
        if service.with_new_book or organiser >= kopecks(share * ORGANISER_MIN):
            continue
        if not any(x.item.role == BonusRole.ORGANISER for x in rows):
            # the split is entered a row at a time, in any order: no organiser's row yet is work not finished (a
            # warning, on the service's first row so that it is asked once), not 0,00 ₽ decided
            yield r.finding(wb["ПОУ_выплаты"], rows[0].row, "amount", f"{service.code}: выплата организатору ещё не "
                            f"внесена — ему полагается не менее 1 % доли кафедры, {format_rub(share * ORGANISER_MIN)}.",
                            Severity.WARNING)
        else:
            row = next(x for x in rows if x.item.role == BonusRole.ORGANISER)
            yield r.finding(wb["ПОУ_выплаты"], row.row, "amount", f"{service.code}: организатору {format_rub(organiser)}, "
                            f"а нужно не менее 1 % доли кафедры — {format_rub(share * ORGANISER_MIN)}.")


@rule("PAY-SPLIT-NK", "002 п. 6.4", Severity.ERROR, "Семинары с «Новой книгой»: 70 % / 20 % / до 10 %", AREA)
def new_book_shares(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for service, share, rows in _bonus_context(wb):
        if not service.with_new_book or not share:
            continue
        nk, organiser = _role_total(rows, BonusRole.NK_HEAD), _role_total(rows, BonusRole.ORGANISER)
        heads = _role_total(rows, BonusRole.HEAD, BonusRole.PROGRAM_HEAD)
        limits = dict((role, part) for role, part in NK_SHARES)
        problems = []
        if nk < kopecks(share * limits[BonusRole.NK_HEAD] / 100):
            problems.append(f"руководителю центра «Новая книга» {format_rub(nk)} — меньше 70 %")
        if organiser < kopecks(share * limits[BonusRole.ORGANISER] / 100):
            problems.append(f"организатору {format_rub(organiser)} — меньше 20 %")
        if heads > kopecks(share * limits[BonusRole.HEAD] / 100):
            problems.append(f"заведующему и руководителю программы {format_rub(heads)} — больше 10 %")
        if problems:
            yield r.finding(wb["ПОУ_выплаты"], rows[0].row, "amount", f"{service.code} (доля кафедры {format_rub(share)}): "
                            + "; ".join(problems) + ".")


def plan_rows(wb: Workbook) -> list[dict]:
    """The services plan as the page shows it: cost computed, rate checked against the order in force."""
    orders = [x.item for x in wb.items("ПОУ_ставки")]
    rows = []
    for row in wb.items("ПОУ_услуги"):
        s = row.item
        order = rate_order_for(orders, s.start)
        if s.rate is None:
            rate_state = "ставка не указана"
        elif order is None:
            rate_state = "нет приказа"
        elif (order.min_rub is not None and s.rate < order.min_rub) or (order.max_rub is not None and s.rate > order.max_rub):
            rate_state = f"вне {number(order.min_rub)}–{number(order.max_rub)}"
        else:
            rate_state = "в диапазоне"
        rows.append({"Код": s.code, "Кафедра": s.department, "Вид": s.kind.value if s.kind else "",
                     "Наименование": s.name, "Место": s.place.value if s.place else "", "Начало": s.start,
                     "Окончание": s.end, "Часы": s.hours, "Слушатели": s.listeners, "Ставка": s.rate,
                     "Стоимость": cost_of(s), "Ставка по приказу": rate_state,
                     "Плановая": "внеплановая" if s.unplanned else "плановая",
                     "Статус": s.status.value if s.status else ""})
    return rows


def issue_blocked(wb: Workbook, code: str | None) -> str | None:
    """Why documents of this paid service (or of a group taught under it) can't be issued yet (PAY-ISSUE-PAID)."""
    if code and not fully_paid(wb, code):
        paid, due = paid_and_due(wb).get(canonical(code).casefold(), (Decimal(0), Decimal(0)))
        return (f"Группа обучается по платной услуге {code}: оплачено {format_rub(paid)} из {format_rub(due)}. "
                "Документы выдаются только после полной оплаты заказчиком (002 п. 5.2, шаг 18).")
    return None


def rate_check(wb: Workbook, rate: Decimal, day: date) -> str:
    """Where a rate stands against the order in force on `day`, in words for the calculator."""
    order = rate_order_for([x.item for x in wb.items("ПОУ_ставки")], day)
    if order is None:
        return "нет действующего приказа о диапазоне"
    if (order.min_rub is not None and rate < order.min_rub) or (order.max_rub is not None and rate > order.max_rub):
        return f"вне диапазона приказа № {order.number}: {number(order.min_rub)}–{number(order.max_rub)} ₽"
    return f"в диапазоне приказа № {order.number}: {number(order.min_rub)}–{number(order.max_rub)} ₽"
