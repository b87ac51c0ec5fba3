"""`edudesk calc …`: the calculators of the pages, on the command line."""

from __future__ import annotations

import argparse
import json
from datetime import date
from decimal import Decimal

from core.exam.calc import RETURN_FORMULA, cost_line, grade, subsidy_return
from core.paid.money import estimate, service_cost
from core.platform import calendar as workdays
from core.platform.display import percent
from core.platform.errors import CellError, EduDeskError, InputError
from core.platform.money import format_rub, kopecks, number
from core.records.cells import read_decimal, read_int
from sheets_schema.enums import Employment, ExpertRole


def _decimal(text: str) -> Decimal:
    """A number read as the forms read it («1 234,50», «1,234.50»; «1.234» refused as ambiguous)."""
    return _number(read_decimal, text)


def _count(text: str) -> int:
    return _number(read_int, text)


def _number(read, text: str):
    try:
        value = read(text)
    except CellError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if value is None:
        raise argparse.ArgumentTypeError("пусто: нужно число")
    return value


def _person(text: str) -> tuple[Decimal, Employment]:
    """«8» or «8:штат» / «8:ГПХ» → hours and employment (ГПХ when not said)."""
    hours, _, kind = text.partition(":")
    employment = {"штат": Employment.STAFF, "гпх": Employment.CIVIL, "": Employment.CIVIL}.get(kind.strip().lower())
    if employment is None:
        raise argparse.ArgumentTypeError(f"занятость «{kind}»: пишите «штат» или «ГПХ»")
    return _decimal(hours), employment


def add_parsers(calc) -> None:
    wd = calc.add_parser("workdays", help="дата через N рабочих дней (производственный календарь РФ)")
    wd.add_argument("--from", dest="start", required=True, type=date.fromisoformat, help="исходная дата, ГГГГ-ММ-ДД")
    shift = wd.add_mutually_exclusive_group(required=True)
    shift.add_argument("--plus", type=int, help="сколько рабочих дней вперёд")
    shift.add_argument("--minus", type=int, help="сколько рабочих дней назад")
    wd.add_argument("--json", action="store_true", help="вывести JSON с пропущенными праздниками")

    g = calc.add_parser("grade", help="баллы ДЭ → процент и оценка (003 п. 6.5)")
    g.add_argument("--points", type=_decimal, required=True)
    g.add_argument("--max", dest="maximum", type=_decimal, required=True)
    g.add_argument("--json", action="store_true")

    c = calc.add_parser("de-cost", help="стоимость экзамена по нормативам (003 п. 11.7)")
    c.add_argument("--chief", type=_person, action="append", default=[], help="часы ГЭ, например 8 или 8:штат")
    c.add_argument("--expert", type=_person, action="append", default=[], help="часы эксперта (повторяйте)")
    c.add_argument("--technical", type=_person, action="append", default=[], help="часы технического эксперта")
    c.add_argument("--consumables", type=_decimal, default=Decimal(0), help="расходные материалы, ₽")
    c.add_argument("--json", action="store_true")

    s = calc.add_parser("service-cost", help="стоимость платной услуги, распределение дохода и смета (002)")
    s.add_argument("--hours", type=_decimal, required=True)
    s.add_argument("--listeners", type=_count, required=True)
    s.add_argument("--rate", type=_decimal, required=True, help="ставка, ₽ за человеко-час")
    s.add_argument("--internship", action="store_true", help="стажировка: доля кафедры 45 %%")
    s.add_argument("--json", action="store_true")

    r = calc.add_parser("subsidy-return", help="возврат субсидии (003 п. 13.7, формула по умолчанию)")
    r.add_argument("--subsidy", type=_decimal, required=True)
    r.add_argument("--plan", type=_count, required=True)
    r.add_argument("--fact", type=_count, required=True)
    r.add_argument("--json", action="store_true")


def run(args) -> int:
    try:
        return {"workdays": _workdays, "grade": _grade, "de-cost": _de_cost, "subsidy-return": _return,
                "service-cost": _service_cost}[args.calc](args)
    except InputError as exc:  # input that can't be right: exit status 2 with the reason
        raise EduDeskError(str(exc)) from None


def _print(args, data: dict, text: str) -> int:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str) if args.json else text)
    return 0


def _workdays(args) -> int:
    count = args.plus if args.plus is not None else -args.minus
    result = workdays.add_working_days(args.start, count)
    skipped = [{"date": d.isoformat(), "name": name} for d, name in workdays.skipped_days(args.start, result)]
    return _print(args, {"from": args.start.isoformat(), "working_days": count, "result": result.isoformat(),
                         "skipped_holidays": skipped}, result.isoformat())


def _grade(args) -> int:
    result = grade(args.points, args.maximum)
    return _print(args, {"points": str(args.points), "max": str(args.maximum), "percent": str(result.percent),
                         "grade": result.grade}, f"{percent(result.percent, 2)} — оценка «{result.grade}»")


def _de_cost(args) -> int:
    lines = [cost_line(role, role.value, hours, employment)
             for role, people in ((ExpertRole.CHIEF, args.chief), (ExpertRole.EXPERT, args.expert),
                                  (ExpertRole.TECHNICAL, args.technical)) for hours, employment in people]
    consumables = kopecks(args.consumables)
    total = sum((line.total for line in lines), Decimal(0)) + consumables
    text = [f"{line.role}: {line.hours} ч × {line.rate} ₽ = {format_rub(line.pay)}; начисления "
            f"{number(line.charges_rate * 100)} % = {format_rub(line.charges)}; итого {format_rub(line.total)}" for line in lines]
    text += [f"Расходные материалы: {format_rub(consumables)}", f"Всего: {format_rub(total)}"]
    data = {"lines": [{"role": line.role, "hours": str(line.hours), "rate": str(line.rate), "pay": str(line.pay),
                       "charges_rate": str(line.charges_rate), "charges": str(line.charges), "total": str(line.total)}
                      for line in lines], "consumables": str(consumables), "total": str(kopecks(total))}
    return _print(args, data, "\n".join(text))


def _service_cost(args) -> int:
    cost = service_cost(args.hours, args.listeners, args.rate)
    e = estimate(cost.cost, args.listeners, args.hours, internship=args.internship)
    lines = [("Стимулирующие надбавки (доля кафедры)", e.stimulus), ("ФОТ ППС", e.fot), ("Начисления на ФОТ 30,2 %", e.charges),
             ("Отчисления Учреждения", e.institution), ("Всего", e.total)]
    text = [f"Объём: {number(cost.hours)} ч × {cost.listeners} чел. = {number(cost.person_hours)} чел.-ч",
            f"Стоимость: {number(cost.person_hours)} × {number(cost.rate)} ₽ = {format_rub(cost.cost)}",
            f"Доля кафедры {number(e.share * 100)} %, Учреждения {number(100 - e.share * 100)} %"]
    text += [f"  {name}: {format_rub(value)}" for name, value in lines]
    data = {"person_hours": str(cost.person_hours), "cost": str(cost.cost), "department_share": str(e.share),
            "split": {"department": str(e.stimulus), "institution": str(e.institution)},
            "estimate": {"stimulus": str(e.stimulus), "fot": str(e.fot), "charges": str(e.charges),
                         "institution": str(e.institution), "total": str(e.total)}}
    return _print(args, data, "\n".join(text))


def _return(args) -> int:
    amount = subsidy_return(args.subsidy, args.plan, args.fact)
    return _print(args, {"return": str(amount), "formula": RETURN_FORMULA}, f"{format_rub(amount)}\n{RETURN_FORMULA}")
