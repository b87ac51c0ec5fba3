"""A new paid service put into the plan (002): live cost, the rate against the order in force on the start date,
planned or unplanned by the 25 October cut-off, and the service with its customer's request in one write.

The code «ПОУ-ГГГГ-NNN» is handed out by the store inside the write (from the codes of that year in the sheet then);
the request row carries the same code. The checks engine runs with both rows in place first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from core.paid.money import ServiceCost, cost_of, rate_order_for, service_cost
from core.platform.errors import EduDeskError
from core.platform.money import format_rub, number
from core.records.checks import Workbook
from core.records.edit import edit, open_record, prefilled
from core.records.findings import Finding
from core.records.form import add, brought, parse, refusal, tabs_now, with_rows
from core.store.base import NewKey, Numbering, TabData, canonical
from sheets_schema.base import normalize_header
from sheets_schema.enums import ChangeKind

SERVICES, REQUESTS = "ПОУ_услуги", "ПОУ_заявки"
CUTOFF = (10, 25)  # 002 п. 3.3.8: requests by 25 October are planned for the next year


def service_numbers(year: int) -> Numbering:
    """«ПОУ-2027-016»: the start's year and the number after the largest in use of any year (the numbers run on
    across years, as in the plan, so a number alone never names two services)."""
    pattern = re.compile(r"^ПОУ-\d{4}-(\d+)$", re.IGNORECASE)

    def allocate(existing: list[Any], count: int) -> list[str]:
        numbers = [int(m.group(1)) for v in existing if (m := pattern.match(canonical(v)))]
        start = max(numbers, default=0) + 1
        return [f"ПОУ-{year}-{n:03d}" for n in range(start, start + count)]

    return Numbering(SERVICES, "Код услуги", allocate)


def unplanned(requested: date | None, start: date | None) -> bool | None:
    """A request after 25 October of the year before the start makes the service unplanned (п. 3.3.8–3.3.9)."""
    if requested is None or start is None:
        return None
    return requested > date(start.year - 1, *CUTOFF)


def cutoff_for(start: date) -> date:
    return date(start.year - 1, *CUTOFF)


@dataclass(frozen=True)
class ServiceDraft:
    """What the manager types on the form «Новая услуга»."""

    department: str
    kind: str
    name: str
    place: str | None
    customer: str | None
    hours: int | None
    listeners: int | None
    rate: Decimal | None
    start: date | None
    end: date | None
    requested: date | None
    request_number: str | None = None
    head: str | None = None
    organiser: str | None = None
    internship: bool = False
    with_new_book: bool = False

    def cost(self) -> ServiceCost | None:
        if self.hours is None or self.listeners is None or self.rate is None:
            return None
        return service_cost(self.hours, self.listeners, self.rate)

    def rows(self) -> dict[str, list[dict]]:
        yes_no = {True: "да", False: "нет", None: None}
        service = {"Код услуги": NewKey(), "Кафедра": self.department, "Вид": self.kind, "Наименование": self.name,
                   "Место": self.place, "Заказчик": self.customer, "Часы": self.hours, "Слушатели": self.listeners,
                   "Ставка, ₽/чел.-ч": self.rate, "Дата начала": self.start, "Дата окончания": self.end,
                   "Внеплановая": yes_no[unplanned(self.requested, self.start)], "Дата заявки": self.requested,
                   "Руководитель": self.head, "Организатор": self.organiser, "Стажировка": yes_no[self.internship],
                   "Совместно с «Новой книгой»": yes_no[self.with_new_book], "Статус": "запланирована"}
        rows = {SERVICES: [{k: v for k, v in service.items() if v not in (None, "")}]}
        if self.request_number:
            rows[REQUESTS] = [{"№ по журналу ЦВД": self.request_number, "Дата": self.requested,
                               "Заказчик": self.customer, "Кафедра": self.department, "Код услуги": NewKey(),
                               "Численность": self.listeners}]
        return rows


@dataclass(frozen=True)
class Quote:
    """What the form shows as the manager types: cost, the rate's order, planned or not."""

    cost: ServiceCost | None
    rate_verdict: str
    planned_verdict: str


def quote(wb: Workbook, draft: ServiceDraft) -> Quote:
    order = rate_order_for([x.item for x in wb.items("ПОУ_ставки")], draft.start)
    if draft.start is None:
        rate = "укажите дату начала — ставка проверяется по приказу, действующему на неё (п. 1.6–1.7)"
    elif order is None:
        rate = f"на {draft.start:%d.%m.%Y} нет действующего приказа о диапазоне (лист «ПОУ_ставки»)"
    elif draft.rate is None:
        rate = f"приказ № {order.number}: {number(order.min_rub)}–{number(order.max_rub)} ₽ — укажите ставку"
    else:
        inside = (order.min_rub is None or draft.rate >= order.min_rub) and \
            (order.max_rub is None or draft.rate <= order.max_rub)
        rate = (f"приказ № {order.number}: {number(order.min_rub)}–{number(order.max_rub)} ₽ — ставка "
                + ("в диапазоне" if inside else "вне диапазона"))
    late = unplanned(draft.requested, draft.start)
    if late is None:
        planned = "укажите дату заявки и дату начала"
    elif late:
        planned = (f"внеплановая: заявка после {cutoff_for(draft.start):%d.%m.%Y} (п. 3.3.9) — нужна служебная "
                   "записка (прил. 4)")
    else:
        planned = f"плановая: заявка не позднее {cutoff_for(draft.start):%d.%m.%Y} (п. 3.3.8)"
    return Quote(draft.cost(), rate, planned)


def check_service(tabs: dict[str, TabData], draft: ServiceDraft, today: date) -> list[Finding]:
    """The findings the new service (and its request) bring, with the code the store would hand out now."""
    if draft.start is None:
        raise EduDeskError("Укажите дату начала: от неё зависят код услуги, приказ о ставке и плановость.")
    numbering = service_numbers(draft.start.year)
    code = numbering.allocate([r[0] for r in tabs[SERVICES].rows], 1)[0]
    rows = {t: [{h: code if isinstance(v, NewKey) else v for h, v in r.items()} for r in rs]
            for t, rs in draft.rows().items()}
    return brought(tabs, with_rows(tabs, rows), today)


def add_service(store, draft: ServiceDraft, today: date, confirmed_warnings: bool = False) -> str:
    """Write the service (and its request) in one write; returns the code handed out."""
    if draft.start is None:
        raise EduDeskError("Услуга не записана: укажите дату начала.")
    with store.exclusive():
        tabs = tabs_now(store, SERVICES, REQUESTS)
        taken = {canonical(r.get("№ по журналу ЦВД")).casefold() for r in tabs[REQUESTS].as_dicts()}
        if draft.request_number and canonical(draft.request_number).casefold() in taken:
            raise EduDeskError(f"Услуга не записана: заявка № {draft.request_number} уже есть на листе «{REQUESTS}».")
        if refused := refusal(check_service(tabs, draft, today), confirmed_warnings, "Услуга не записана"):
            raise refused
        written = store.append_many(draft.rows(), numbering=service_numbers(draft.start.year))
    return written[SERVICES][0]["Код услуги"]



PAYMENTS, CHANGES = "ПОУ_оплаты", "ПОУ_изменения"


def _contract_row(tabs: dict[str, TabData], code: str, contract: str) -> int | None:
    data = tabs[PAYMENTS]
    for at, row in zip(data.row_numbers, data.as_dicts(), strict=True):
        if canonical(row.get("Код услуги")).casefold() == canonical(code).casefold() \
                and canonical(row.get("Договор")).casefold() == contract.casefold():
            return at
    return None


def _refuse_overpaid(contract: str, total: Decimal, limit: Decimal | None) -> None:
    if limit is not None and total > limit:
        raise EduDeskError(f"Оплата не записана: по договору {contract} оплачено было бы {format_rub(total)} — "
                           f"больше суммы договора {format_rub(limit)}.")


def record_payment(store, code: str, contract: str, paid_now: Decimal, paid_on: date, today: date,
                   payer: str | None = None, amount: Decimal | None = None, confirmed_warnings: bool = False,
                   contract_date: date | None = None) -> Decimal:
    """A payment under a contract, added to what its row says was paid (a new contract gets a row of its own).

    Returns the total paid under the contract now; more than the contract's sum is refused.
    """
    contract = contract.strip()
    if not contract or paid_now <= 0:
        raise EduDeskError("Оплата не записана: укажите договор и сумму оплаты больше нуля.")
    with store.exclusive():
        tabs = tabs_now(store, PAYMENTS)
        row = _contract_row(tabs, code, contract)
        if row is None:
            _refuse_overpaid(contract, paid_now, amount)
            values = {"Код услуги": code, "Договор": contract, "Дата договора": contract_date, "Плательщик": payer,
                      "Сумма по договору": amount, "Оплачено": paid_now, "Дата оплаты": paid_on}
            add(store, PAYMENTS, _on_the_sheet(store, PAYMENTS, values), today, confirmed_warnings)
            return paid_now
        opened = open_record(tabs, PAYMENTS, row)
        values, problems = parse(PAYMENTS, prefilled(opened))
        if problems:  # the row's own cells can't be read: named, never added to a guess
            raise EduDeskError("Оплата не записана: " + "; ".join(f"ПОУ_оплаты, строка {row}, «{h}»: {p}"
                                                                  for h, p in problems.items()))
        total = (values.get("Оплачено") or Decimal(0)) + paid_now
        _refuse_overpaid(contract, total, amount if amount is not None else values.get("Сумма по договору"))
        changes = {"Оплачено": total, "Дата оплаты": paid_on, **({"Сумма по договору": amount} if amount else {})}
        edit(store, opened, {**values, **changes}, today, confirmed_warnings)
        return total


def was_of(service, kind: ChangeKind) -> str:
    """What the service holds now for the thing that changes: the «было» of the memo."""
    if kind == ChangeKind.DATES:
        return f"с {service.start:%d.%m.%Y} по {service.end:%d.%m.%Y}" if service.start and service.end else ""
    if kind == ChangeKind.HOURS:
        return f"{service.hours} час." if service.hours else ""
    if kind == ChangeKind.PRICE:
        cost = cost_of(service)
        return format_rub(cost) if cost is not None else ""
    return ""


def record_change(store, code: str, kind: ChangeKind, memo_date: date, was: str, becomes: str, reason: str,
                  today: date, confirmed_warnings: bool = False, memo_number: str = "") -> None:
    """A change of dates, form, hours or price, with its memo's date and reason (the memos App 5/6 print it)."""
    if not becomes.strip():
        raise EduDeskError("Изменение не записано: укажите, что становится («Стало»).")
    values = {"Код услуги": code, "Что меняется": kind, "Дата служебной записки": memo_date,
              "№ записки": memo_number.strip() or None, "Было": was.strip() or None, "Стало": becomes.strip(),
              "Причина": reason.strip() or None}
    add(store, CHANGES, _on_the_sheet(store, CHANGES, values), today, confirmed_warnings)


def _on_the_sheet(store, tab: str, values: dict) -> dict:
    """The filled values whose columns the tab has: an older sheet without «Причина», «№ записки» or «Дата
    договора» still takes the record, and the document leaves that place to be written in by hand."""
    headers = {normalize_header(h) for h in getattr(store, "store", store).read([tab]).tabs[tab].headers}
    return {k: v for k, v in values.items() if v not in (None, "") and normalize_header(k) in headers}
