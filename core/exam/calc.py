"""Demonstration exam calculators (seeds/003): grades, cost norms, the yearly cap, subsidy return, the draw."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from core.platform.errors import InputError
from core.platform.money import kopecks, number, rub
from sheets_schema.enums import Employment, ExpertRole

RATE = {ExpertRole.CHIEF: Decimal(920), ExpertRole.EXPERT: Decimal(500), ExpertRole.TECHNICAL: Decimal(500)}  # §11.7
CHARGES = {Employment.CIVIL: Decimal("0.30"), Employment.STAFF: Decimal("0.302")}  # §11.7 «Н»
CAP = Decimal(300_000_000)  # §11.8.1
ROLE_NAMES = {ExpertRole.CHIEF: "Главный эксперт (ГЭ)", ExpertRole.EXPERT: "Эксперт (Э)",
              ExpertRole.TECHNICAL: "Технический эксперт (ТЭ)"}


# DE-GRADE ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GradeResult:
    percent: Decimal  # for display: two decimals, cut (not rounded), so 19,999 % never shows as the 20 % boundary
    grade: int


def grade(points: Decimal | int | float, max_points: Decimal | int | float) -> GradeResult:
    """Points → percent → grade by Table 1 (§6.5), compared on the exact ratio, never on a rounded percent."""
    points, max_points = rub(points), rub(max_points)
    if max_points <= 0:
        raise InputError("Максимум баллов должен быть больше нуля.")
    if points < 0:
        raise InputError(f"Баллов не может быть меньше нуля (введено {number(points)}).")
    if points > max_points:
        raise InputError(f"Баллов ({number(points)}) больше максимума ({number(max_points)}): проверьте ввод.")
    share = points * 100  # compare points·100 with boundary·max: exact, no division
    if share < 20 * max_points:
        mark = 2
    elif share < 40 * max_points:
        mark = 3
    elif share < 70 * max_points:
        mark = 4
    else:
        mark = 5
    return GradeResult((points * 100 / max_points).quantize(Decimal("0.01"), rounding=ROUND_DOWN), mark)


# cost norms ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CostLine:
    role: str
    name: str
    hours: Decimal
    rate: Decimal
    pay: Decimal
    charges_rate: Decimal
    charges: Decimal

    @property
    def total(self) -> Decimal:
        return self.pay + self.charges


@dataclass(frozen=True)
class ExamCostResult:
    lines: list[CostLine]
    consumables: Decimal

    @property
    def pay_total(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal("0.00"))

    @property
    def total(self) -> Decimal:
        return self.pay_total + self.consumables


def cost_line(role: ExpertRole, name: str, hours, employment: Employment | None) -> CostLine:
    """Pay at the norm for the role and charges by the person's main employment (ГПХ 30 %, штат 30,2 %)."""
    hours = rub(hours or 0)
    if hours < 0:
        raise InputError(f"Часы не могут быть отрицательными ({name}).")
    rate = RATE[role]
    charges_rate = CHARGES[employment or Employment.CIVIL]
    pay = kopecks(hours * rate)
    return CostLine(ROLE_NAMES[role], name, hours, rate, pay, charges_rate, kopecks(pay * charges_rate))


def exam_cost(experts: list, consumables: Decimal | int = 0, fact: bool = False) -> ExamCostResult:
    """Norm-based cost of one exam from «ДЭ_эксперты» rows (plan or fact hours) and consumables."""
    lines = [cost_line(e.role, e.full_name or "", (e.hours_fact if fact else e.hours_plan) or 0, e.employment)
             for e in experts if e.role is not None]
    return ExamCostResult(lines, kopecks(consumables or 0))


# DE-CAP: trimming ПА participants ----------------------------------------------------------------------------
@dataclass(frozen=True)
class OrgBudget:
    organisation: str
    gia_cost: Decimal
    pa_cost: Decimal
    pa_participants: int

    @property
    def per_pa_participant(self) -> Decimal:
        return self.pa_cost / self.pa_participants if self.pa_participants else Decimal(0)

    def saving(self, cut: int) -> Decimal:
        """What cutting `cut` ПА participants saves (multiplied first, so cutting all saves the whole ПА cost)."""
        return self.pa_cost * cut / self.pa_participants if self.pa_participants else Decimal(0)


@dataclass(frozen=True)
class Trim:
    organisation: str
    before_participants: int
    cut: int
    before_cost: Decimal
    after_cost: Decimal


def trim_to_cap(budgets: list[OrgBudget], cap: Decimal = CAP) -> list[Trim]:
    """Reduce ПА participants, proportionally across organisations, in whole persons, until the total fits.

    ГИА is never reduced. Shares follow each organisation's ПА cost; whole persons by largest
    remainders; then any person whose cut is not needed to stay under the cap is given back.
    """
    total = sum((b.gia_cost + b.pa_cost for b in budgets), Decimal(0))
    excess = total - cap
    cuts = {b.organisation: 0 for b in budgets}
    movable = [b for b in budgets if b.pa_participants and b.pa_cost > 0]
    pa_total = sum((b.pa_cost for b in movable), Decimal(0))
    if excess > 0:
        if excess > pa_total:
            raise InputError(f"Превышение {kopecks(excess)} ₽ больше всей стоимости ПА ({kopecks(pa_total)} ₽): "
                             "сокращением участников ПА в лимит не уложиться.")
        wanted = {b.organisation: excess * b.pa_cost / pa_total / b.per_pa_participant for b in movable}
        for b in movable:
            cuts[b.organisation] = min(int(wanted[b.organisation]), b.pa_participants)
        order = sorted(movable, key=lambda b: wanted[b.organisation] - int(wanted[b.organisation]), reverse=True)
        moved = True
        while _saved(budgets, cuts) < excess and moved:  # stops when everybody movable is already cut
            moved = False
            for b in order:
                if cuts[b.organisation] < b.pa_participants and _saved(budgets, cuts) < excess:
                    cuts[b.organisation] += 1
                    moved = True
        for b in sorted(movable, key=lambda b: b.per_pa_participant, reverse=True):  # give back what isn't needed
            while cuts[b.organisation] and _saved(budgets, {**cuts, b.organisation: cuts[b.organisation] - 1}) >= excess:
                cuts[b.organisation] -= 1
    return [Trim(b.organisation, b.pa_participants, cuts[b.organisation], kopecks(b.gia_cost + b.pa_cost),
                 kopecks(b.gia_cost + b.pa_cost - b.saving(cuts[b.organisation]))) for b in budgets]


def _saved(budgets: list[OrgBudget], cuts: dict[str, int]) -> Decimal:
    return sum((b.saving(cuts[b.organisation]) for b in budgets), Decimal(0))


def budgets_by_organisation(exams: list, costs: dict[str, Decimal]) -> list[OrgBudget]:
    """Each organisation's planned cost, split into ГИА and ПА, with its planned ПА participants."""
    gia: dict[str, Decimal] = defaultdict(Decimal)
    pa: dict[str, Decimal] = defaultdict(Decimal)
    people: dict[str, int] = defaultdict(int)
    for exam in exams:
        org = exam.organisation or "не указана"
        cost = costs.get(exam.code, Decimal(0))
        if exam.attestation is not None and exam.attestation.value == "ПА":
            pa[org] += cost
            people[org] += exam.planned_participants or 0
        else:
            gia[org] += cost
    return [OrgBudget(org, gia[org], pa[org], people[org]) for org in sorted(set(gia) | set(pa))]


# DE-RETURN -------------------------------------------------------------------------------------------------
RETURN_FORMULA = "V = S × (1 − k_факт / k_план); V = 0, если k_факт ≥ k_план (формула по умолчанию, 003 п. 13.7)"


def subsidy_return(subsidy, planned: int, actual: int) -> Decimal:
    """The part of the subsidy to return for participants planned but not examined (§13.7, default formula)."""
    subsidy = rub(subsidy)
    if subsidy < 0 or planned <= 0 or actual < 0:
        raise InputError("Субсидия не может быть отрицательной, плановое число участников — больше нуля, "
                         "фактическое — не меньше нуля.")
    if actual >= planned:
        return Decimal("0.00")
    return kopecks(subsidy * (1 - Decimal(actual) / Decimal(planned)))


# DE-DRAW ----------------------------------------------------------------------------------------------------
def draw(participants: list[str], workplaces: int, seed: int) -> dict[str, int]:
    """Workplaces 1…N dealt to the present participants at random; the same seed deals the same way."""
    if workplaces < len(participants):
        raise InputError(f"Участников ({len(participants)}) больше, чем рабочих мест ({workplaces}): "
                         "увеличьте число мест или разделите на смены.")
    places = list(range(1, workplaces + 1))
    random.Random(seed).shuffle(places)
    return dict(zip(participants, places[: len(participants)], strict=True))
