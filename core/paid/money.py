"""Money of paid services (002): cost in person-hours, the income split, the estimate (App 7), bonus proposals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.platform.errors import InputError
from core.platform.money import kopecks, number, rub, split_exact
from sheets_schema.enums import BonusRole

DEPARTMENT_SHARE = Decimal("0.35")  # §6.1
INTERNSHIP_SHARE_MAX = Decimal("0.45")  # §6.1, internship
CHARGES = Decimal("1.302")  # App 7 line 3: charges on ФОТ 30.2 %
HEAD_MAX, ORGANISER_MIN = Decimal("0.04"), Decimal("0.01")  # §6.3
NK_SHARES = ((BonusRole.NK_HEAD, Decimal(70)), (BonusRole.ORGANISER, Decimal(20)), (BonusRole.HEAD, Decimal(10)))  # §6.4


@dataclass(frozen=True)
class ServiceCost:
    hours: Decimal
    listeners: int
    rate: Decimal
    person_hours: Decimal  # col 3 = col 2 × col 1
    cost: Decimal  # col 5 = col 3 × col 4


def service_cost(hours, listeners: int, rate) -> ServiceCost:
    """Cost = hours × listeners × rate (002 §1.8, App 2), in kopecks."""
    hours, rate = rub(hours), rub(rate)
    if hours < 0 or listeners < 0 or rate < 0:
        raise InputError("Часы, число слушателей и ставка не могут быть отрицательными.")
    person_hours = hours * listeners
    return ServiceCost(hours, listeners, rate, person_hours, kopecks(person_hours * rate))


def cost_of(service) -> Decimal | None:
    """The cost, or None when it can't be known: a factor missing or negative (GEN-NUMBER says which)."""
    if service.hours is None or service.listeners is None or service.rate is None:
        return None
    try:
        return service_cost(service.hours, service.listeners, service.rate).cost
    except InputError:
        return None


def department_share(internship: bool = False, share: Decimal | None = None) -> Decimal:
    """35 %, or for an internship up to 45 % (002 §6.1)."""
    if share is None:
        return INTERNSHIP_SHARE_MAX if internship else DEPARTMENT_SHARE
    limit = INTERNSHIP_SHARE_MAX if internship else DEPARTMENT_SHARE
    if not Decimal(0) <= share <= limit:
        raise InputError(f"Доля кафедры {number(share * 100)} % вне допустимого: не более {number(limit * 100)} %.")
    return share


@dataclass(frozen=True)
class Estimate:
    """App 7: every line in kopecks; stimulus + institution = income exactly."""

    listeners: int
    per_listener: Decimal
    income: Decimal
    hours: Decimal
    share: Decimal
    stimulus: Decimal  # line 1: department share, charges included
    fot: Decimal  # line 2: ФОТ ППС = line 1 / 1.302
    charges: Decimal  # line 3: line 1 − line 2
    institution: Decimal  # line 4: the rest of the income

    @property
    def total(self) -> Decimal:  # line 5
        return self.stimulus + self.institution


def estimate(income, listeners: int = 0, hours=0, internship: bool = False, share: Decimal | None = None) -> Estimate:
    income = kopecks(income)
    if income < 0:
        raise InputError("Доход не может быть отрицательным.")
    part = department_share(internship, share)
    stimulus = kopecks(income * part)
    fot = kopecks(stimulus / CHARGES)
    per_listener = kopecks(income / listeners) if listeners else Decimal("0.00")
    return Estimate(listeners, per_listener, income, rub(hours), part, stimulus, fot, stimulus - fot, income - stimulus)


@dataclass(frozen=True)
class Share:
    name: str
    role: BonusRole | None
    hours: Decimal
    amount: Decimal


def bonus_proposal(pool: Decimal, people: list[tuple[str, BonusRole | None, Decimal]], new_book: bool = False) -> list[Share]:
    """Split the department share (charges included) among people (002 §6.3–6.4), exact to the kopeck.

    Regular: the head of department gets 4 %, the organiser 1 % plus the hours share, the rest by hours.
    With «Новая книга»: 70 % to its centre's head, 20 % to the organiser, 10 % to the head of department.
    """
    pool = kopecks(pool)
    if new_book:
        by_role = {role: name for name, role, _ in people}
        shares = [(by_role.get(role, f"({role.value})"), role, part) for role, part in NK_SHARES]
        amounts = split_exact(pool, [part for _, _, part in shares])
        return [Share(name, role, Decimal(0), amount) for (name, role, _), amount in zip(shares, amounts, strict=True)]
    head = [(n, r, h) for n, r, h in people if r == BonusRole.HEAD]
    others = [(n, r, rub(h or 0)) for n, r, h in people if r != BonusRole.HEAD]
    head_amount = kopecks(pool * HEAD_MAX) if head else Decimal("0.00")
    organiser_base = kopecks(pool * ORGANISER_MIN) if any(r == BonusRole.ORGANISER for _, r, _ in others) else Decimal(0)
    rest = pool - head_amount - organiser_base
    hours = [h for _, _, h in others]
    by_hours = split_exact(rest, hours) if sum(hours) > 0 else [Decimal("0.00")] * len(others)
    result = [Share(n, r, rub(h or 0), head_amount) for n, r, h in head]
    for (name, role, h), amount in zip(others, by_hours, strict=True):
        result.append(Share(name, role, h, amount + (organiser_base if role == BonusRole.ORGANISER else 0)))
    return result


def rate_order_for(orders: list, day: date | None):
    """The rate order in force on `day` (the latest one started by then and not yet ended)."""
    if day is None:
        return None
    valid = [o for o in orders if o.valid_from and o.valid_from <= day and (o.valid_to is None or day <= o.valid_to)]
    return max(valid, key=lambda o: o.valid_from, default=None)
