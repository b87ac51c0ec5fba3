"""Paid educational services, ПОУ (DOMAIN §4, seeds/002)."""

from datetime import date
from decimal import Decimal

from .base import SheetRow
from .common import col
from .enums import (
    BonusRole,
    ChangeKind,
    Place,
    PlanningStep,
    PlanStage,
    ProgramKind,
    RequestDecision,
    ServiceStatus,
)


class PaidService(SheetRow):
    code: str = col("Код услуги", required=True)
    department: str = col("Кафедра", required=True)
    kind: ProgramKind = col("Вид", required=True)
    name: str = col("Наименование", required=True)
    place: Place | None = col("Место")
    customer: str | None = col("Заказчик")
    hours: int | None = col("Часы", positive=True)
    listeners: int | None = col("Слушатели", positive=True)
    rate: Decimal | None = col("Ставка, ₽/чел.-ч", positive=True, money=True)
    start: date | None = col("Дата начала")
    end: date | None = col("Дата окончания")
    unplanned: bool | None = col("Внеплановая")
    requested: date | None = col("Дата заявки")
    head: str | None = col("Руководитель")
    organiser: str | None = col("Организатор")
    internship: bool | None = col("Стажировка")
    with_new_book: bool | None = col("Совместно с «Новой книгой»")
    status: ServiceStatus | None = col("Статус")


class RateOrder(SheetRow):
    number: str = col("№ приказа", required=True)
    signed: date | None = col("Дата приказа")
    valid_from: date = col("Действует с", required=True)
    valid_to: date | None = col("Действует по")
    normative: Decimal | None = col("Норматив, ₽/чел.-ч", positive=True, money=True)
    min_percent: Decimal | None = col("Мин., %", nonnegative=True)
    max_percent: Decimal | None = col("Макс., %", nonnegative=True)
    min_rub: Decimal | None = col("Мин., ₽", nonnegative=True, money=True)
    max_rub: Decimal | None = col("Макс., ₽", nonnegative=True, money=True)


class CustomerRequest(SheetRow):
    number: str = col("№ по журналу ЦВД", required=True)
    received: date | None = col("Дата")
    customer: str | None = col("Заказчик")
    department: str | None = col("Кафедра")
    service_code: str | None = col("Код услуги")
    headcount: int | None = col("Численность", positive=True)
    decision: RequestDecision | None = col("Решение")


class Payment(SheetRow):
    service_code: str = col("Код услуги", required=True)
    contract: str = col("Договор", required=True)
    contract_date: date | None = col("Дата договора")  # App 7: «к договорам № … от …»
    payer: str | None = col("Плательщик")
    amount: Decimal | None = col("Сумма по договору", positive=True, money=True)
    paid: Decimal | None = col("Оплачено", nonnegative=True, money=True)
    paid_on: date | None = col("Дата оплаты")


class ServiceChange(SheetRow):
    service_code: str = col("Код услуги", required=True)
    kind: ChangeKind = col("Что меняется", required=True)
    memo_date: date | None = col("Дата служебной записки")
    memo_number: str | None = col("№ записки")  # App 5/6: «00.00.0000 №»
    was: str | None = col("Было")
    becomes: str | None = col("Стало")
    reason: str | None = col("Причина")  # the memo's «Основание» (App 5) / «Причиной … является» (App 6)


class ServiceStep(SheetRow):
    """A step of a service's action timeline (002 §5.2–5.3) marked done."""

    service_code: str = col("Код услуги", required=True)
    step: str = col("Шаг", required=True)
    done_on: date | None = col("Выполнено")
    comment: str | None = col("Комментарий")


class DepartmentPlan(SheetRow):
    department: str = col("Кафедра", required=True)
    year: int = col("Год", required=True)
    stage: PlanStage | None = col("Этап согласования")
    stage_date: date | None = col("Дата этапа")
    planning_step: PlanningStep | None = col("Шаг календаря планирования")  # 002 п. 3.3–3.5, dated by «Дата этапа»


class BonusPayment(SheetRow):
    service_code: str = col("Код услуги", required=True)
    full_name: str = col("ФИО", required=True)
    role: BonusRole | None = col("Роль")
    hours: Decimal | None = col("Часы", nonnegative=True)
    amount: Decimal | None = col("Сумма с начислениями, ₽", nonnegative=True, money=True)
