"""The planning calendar of paid services, checked (002 п. 3.3.3–3.3.6, 3.5.1–3.5.2).

In the year before a plan's year each department sends ЦВД its list for the catalogue by 20 May and its income
plan by 1 December; ЦВД agrees the catalogue by 10 June, sends it out and hands it for the site by 20 June, and
gives the institution's income plan to the chief accountant by 15 December. Each step is a row of
«ПОУ_планы_кафедр» («Шаг календаря планирования» and its «Дата этапа»); ЦВД's own steps are on rows whose
«Кафедра» is «ЦВД».
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from core.platform.calendar import deadline_on
from core.platform.money import format_rub, kopecks, number
from core.platform.timeline import breach
from core.records.checks import Rule, Workbook, rule
from core.records.findings import Finding, Severity
from core.store.base import canonical
from sheets_schema.enums import PlanningStep as Step

AREA = "Платные услуги"
TAB = "ПОУ_планы_кафедр"
CENTRE = "ЦВД"


@dataclass(frozen=True)
class CalendarStep:
    rule: str
    clause: str
    stage: Step
    month: int
    day: int
    by_departments: bool  # each department's step, or ЦВД's own

    def due(self, plan_year: int) -> date:
        return deadline_on(date(plan_year - 1, self.month, self.day))


STEPS = (
    CalendarStep("PAY-CATALOG-LIST-20MAY", "002 п. 3.3.3", Step.CATALOG_LIST, 5, 20, True),
    CalendarStep("PAY-CATALOG-AGREED-10JUN", "002 п. 3.3.4", Step.CATALOG_AGREED, 6, 10, False),
    CalendarStep("PAY-CATALOG-SENT-20JUN", "002 п. 3.3.5", Step.CATALOG_SENT, 6, 20, False),
    CalendarStep("PAY-CATALOG-SITE-20JUN", "002 п. 3.3.6", Step.CATALOG_ON_SITE, 6, 20, False),
    CalendarStep("PAY-INCOME-PLAN-1DEC", "002 п. 3.5.1", Step.INCOME_PLAN, 12, 1, True),
    CalendarStep("PAY-INCOME-INSTITUTION-15DEC", "002 п. 3.5.2", Step.INSTITUTION_INCOME, 12, 15, False),
)


def _is_centre(department: str) -> bool:
    return canonical(department).casefold() == CENTRE.casefold()


def _register(step: CalendarStep) -> None:
    def check(wb: Workbook, r: Rule) -> Iterator[Finding]:
        if wb[TAB] is None:
            return
        first: dict[tuple[str, int], int] = {}  # (who, plan year) → their first row, where a missing step is said
        done: dict[tuple[str, int], tuple[int, date | None]] = {}
        for row in wb.items(TAB):
            item = row.item
            if not item.department or not item.year:
                continue
            who = CENTRE if _is_centre(item.department) else canonical(item.department)
            first.setdefault((who, item.year), row.row)
            if item.planning_step == step.stage:
                done[(who, item.year)] = (row.row, item.stage_date)
        years = sorted({year for _, year in first})
        owners = [(who, year) for who, year in first if (who != CENTRE) == step.by_departments]
        if not step.by_departments:  # ЦВД owes its steps for every plan year, even before its first row
            owners = [(CENTRE, year) for year in years]
        for who, year in owners:
            due = step.due(year)
            at, when = done.get((who, year), (None, None))
            state = breach(due, when, wb.today)
            if state == "late":
                yield r.finding(wb[TAB], at, "stage_date", f"{who}, план на {year} год: «{step.stage.value}» "
                                f"{when:%d.%m.%Y} — позже срока {due:%d.%m.%Y}.")
            elif state == "missing":
                where = first.get((who, year)) or min(n for (_, y), n in first.items() if y == year)
                yield r.finding(wb[TAB], at or where, "planning_step", f"{who}, план на {year} год: «{step.stage.value}» — "
                                f"срок {due:%d.%m.%Y} прошёл, строки с этим этапом нет. Добавьте её с датой.")

    owner = "каждая кафедра" if step.by_departments else "ЦВД"
    rule(step.rule, step.clause, Severity.WARNING,
         f"{owner}: «{step.stage.value}» до {step.day:02d}.{step.month:02d} года перед планом", AREA)(check)


for _step in STEPS:
    _register(_step)


@rule("PAY-RATE-ORDER", "002 прил. 1, пп. 1–2", Severity.ERROR,
      "Рубли приказа о ставках лежат внутри его процентов от норматива", AREA)
def rate_order_consistent(wb: Workbook, r: Rule) -> Iterator[Finding]:
    """Point 1 of the order sets the range in % of the normative person-hour, point 2 in roubles: the roubles must
    not leave the percentages (to the kopeck), and neither range may be upside down."""
    for row in wb.items("ПОУ_ставки"):
        order = row.item
        for low, high, what in ((order.min_percent, order.max_percent, "%"), (order.min_rub, order.max_rub, "₽")):
            if low is not None and high is not None and low > high:
                field = "min_percent" if what == "%" else "min_rub"
                shown = (lambda v: f"{number(v)} %") if what == "%" else format_rub
                yield r.finding(wb["ПОУ_ставки"], row.row, field, f"Приказ № {order.number}: нижняя граница "
                                f"{shown(low)} больше верхней {shown(high)}.")
        if order.normative is None:
            continue
        floor = kopecks(order.normative * order.min_percent / 100) if order.min_percent is not None else None
        ceiling = kopecks(order.normative * order.max_percent / 100) if order.max_percent is not None else None
        if floor is not None and order.min_rub is not None and order.min_rub < floor:
            yield r.finding(wb["ПОУ_ставки"], row.row, "min_rub", f"Приказ № {order.number}: не менее "
                            f"{format_rub(order.min_rub)}, а {number(order.min_percent)} % норматива "
                            f"{format_rub(order.normative)} — это {format_rub(floor)}: п. 2 приказа ниже его п. 1.")
        if ceiling is not None and order.max_rub is not None and order.max_rub > ceiling:
            yield r.finding(wb["ПОУ_ставки"], row.row, "max_rub", f"Приказ № {order.number}: не более "
                            f"{format_rub(order.max_rub)}, а {number(order.max_percent)} % норматива "
                            f"{format_rub(order.normative)} — это {format_rub(ceiling)}: п. 2 приказа выше его п. 1.")
