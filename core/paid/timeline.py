"""The action timeline of one paid service from its start T and end E (002 §5.2 on premises, §5.3 at a customer's)."""

from __future__ import annotations

from datetime import date, timedelta

from core.platform.calendar import add_working_days, deadline_on, is_working_day, shift_months
from core.platform.timeline import Step
from sheets_schema.enums import Place

ISSUE_STEPS = {"5.2.18", "5.3.24"}  # documents handed out: only after full payment (PAY-ISSUE-PAID)

# (step id, what, who, base "T" or "E", offset kind, amount): months / weeks / working days / calendar days
PREMISES = (
    ("5.2.1", "Информационное письмо подготовлено, подписано проректором по УМР и передано в ЦВД",
     "руководитель программы", "T", "months", -1.5),
    ("5.2.2", "Информационное письмо разослано, анонс размещён на сайте", "методист ЦВД", "T", "months", -1),
    ("5.2.4", "УП, КУГ / УТП / план события — на утверждение проректору; назначен организатор",
     "руководитель программы", "T", "months", -1),
    ("5.2.6", "Сведения о наборе группы в ЦВД; КУГ/УТП — организатору; сведения для приказа о реализации",
     "руководитель программы", "T", "weeks", -1),
    ("5.2.9", "Проект приказа о реализации — руководителю ЦВД", "методист ЦВД", "T", "workdays", -3),
    ("5.2.10", "Расписание, аудитория, организационные мероприятия", "организатор обучения", "T", "workdays", -1),
    ("5.2.11", "Приём слушателей: регистрация, анкетирование", "организатор обучения", "T", "days", 0),
    ("5.2.12", "Сведения для приказа о зачислении — в учебный отдел", "организатор обучения", "T", "workdays", 3),
    ("5.2.13", "Приказ о зачислении", "документовед учебного отдела", "T", "workdays", 3),
    ("5.2.14", "Договоры и документы об оплате", "методист ЦВД", "E", "days", 0),
    ("5.2.15", "Сведения для приказа об отчислении (по итоговой аттестации)", "организатор обучения", "E", "days", 0),
    ("5.2.16", "Приказ об отчислении", "документовед учебного отдела", "E", "days", 0),
    ("5.2.17", "Документы о квалификации подготовлены", "организатор обучения", "E", "days", 0),
    ("5.2.18", "Документы выданы (только при полной оплате заказчиком)", "организатор обучения", "E", "none", 0),
    ("5.2.19", "Подписанные договоры и платёжные документы выданы", "методист ЦВД", "E", "days", 0),
    ("5.2.20", "Пакет отчётной документации — в учебный отдел", "организатор сдаёт, зав. учебным отделом принимает",
     "E", "workdays", 10),
)

CUSTOMER = (
    ("5.3.1", "Сроки, численность группы, объём часов уточнены у заказчика", "руководитель программы", "T",
     "months", -1.5),
    ("5.3.2", "УП, КУГ / УТП / план события — на утверждение курирующему проректору", "руководитель программы",
     "T", "months", -1),
    ("5.3.3", "Назначен организатор обучения (методист учебного отдела или ЦВД)", "", "T", "none", 0),
    ("5.3.4", "Утверждённый КУГ / УТП — организатору обучения для расписания", "руководитель программы", "T",
     "weeks", -2),
    ("5.3.5", "Сведения для приказа о реализации — в ЦВД", "руководитель программы", "T", "none", 0),
    ("5.3.6", "Расписание и список преподавателей — организатору от заказчика", "организатор обучения", "T", "weeks", -2),
    ("5.3.7", "Список группы от заказчика", "организатор от заказчика", "T", "weeks", -2),
    ("5.3.8", "Сведения для приказа о реализации — в ЦВД", "руководитель программы", "T", "weeks", -1),
    ("5.3.13", "Сведения для приказов о командировках преподавателей", "руководитель программы", "T", "workdays", -5),
    ("5.3.14", "Приказы о командировках (в течение 2 рабочих дней)", "документовед учебного отдела", "T", "workdays", -3),
    ("5.3.9", "Проект приказа о реализации — руководителю ЦВД", "методист ЦВД", "T", "workdays", -3),
    # 10–11: «в необходимые сроки» — the seed gives no date, so none is invented.
    ("5.3.10", "Гостиница для преподавателей забронирована", "организатор от заказчика", "T", "none", 0),
    ("5.3.11", "Учебная аудитория подготовлена (компьютер, проектор, Интернет); запрос — руководитель программы",
     "организатор от заказчика", "T", "none", 0),
    ("5.3.16", "Уточнённый список группы — в ЦВД", "организатор от заказчика", "T", "days", 0),
    ("5.3.17", "Приём слушателей: регистрация, анкетирование", "руководитель программы", "T", "days", 0),
    ("5.3.18", "Сведения для приказа о зачислении — в учебный отдел", "организатор обучения", "T", "workdays", 2),
    ("5.3.19", "Приказ о зачислении", "документовед учебного отдела", "T", "workdays", 2),
    ("5.3.12", "Договоры и документы об оплате; обмен с обучающимися", "методист ЦВД", "E", "days", 0),
    ("5.3.21", "Сведения для приказа об отчислении (по итоговой аттестации)", "организатор обучения", "E", "days", 0),
    ("5.3.22", "Приказ об отчислении", "документовед учебного отдела", "E", "days", 0),
    ("5.3.23", "Документы о квалификации подготовлены", "организатор обучения", "E", "days", 0),
    ("5.3.24", "Документы выданы (только при полной оплате заказчиком)", "руководитель программы", "E", "none", 0),
    ("5.3.25", "Пакет отчётной документации — в учебный отдел", "организатор обучения", "E", "workdays", 10),
)


def _due(base: date, kind: str, amount: float) -> date:
    # «За 1,5 месяца», «за неделю» landing on a day off means the last working day before it.
    if kind == "months":
        return _working_or_before(shift_months(base, amount))
    if kind == "weeks":
        return _working_or_before(base + timedelta(weeks=amount))
    if kind == "workdays":
        return add_working_days(base, int(amount))
    return base + timedelta(days=amount)


def _working_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def settlement_steps(done: dict[str, date], paid_in_full: date | None) -> list[Step]:
    """002 §7, the settlement after the money has fully arrived: the estimate by the 5th of the next month (7.1),
    the protocol extract and the bonus memo within 10 working days of the estimate (7.2, App 8–9), the bonus order
    within 5 working days of them (7.3). Each deadline counts from the step before, once it is done."""
    estimate_due = (deadline_on(date(paid_in_full.year + paid_in_full.month // 12, paid_in_full.month % 12 + 1, 5))
                    if paid_in_full else None)  # «не позднее 5-го числа»: on a day off, the next working day
    memo_due = add_working_days(done["7.1"], 10) if done.get("7.1") else None
    order_due = add_working_days(done["7.2"], 5) if done.get("7.2") else None
    return [Step("Смета доходов и расходов (прил. 7) — зав. кафедрой", "002 п. 7.1", estimate_due, done.get("7.1"),
                 "специалист бухгалтерии", "7.1"),
            Step("Выписка из протокола кафедры (прил. 8) и записка о стимулирующих выплатах (прил. 9) — в ЦВД",
                 "002 п. 7.2", memo_due, done.get("7.2"), "зав. кафедрой", "7.2"),
            Step("Приказ о стимулирующих выплатах — в бухгалтерию", "002 п. 7.3", order_due, done.get("7.3"),
                 "руководитель ЦВД", "7.3")]


def steps_for(service, done: dict[str, date], paid_in_full: date | None = None) -> list[Step]:
    """Every step of the service with its due date and the date it was marked done (from «ПОУ_этапы»); once the
    money has fully arrived (`paid_in_full`), the settlement of §7 follows."""
    table = CUSTOMER if service.place == Place.CUSTOMER else PREMISES
    start, end = service.start, service.end or service.start
    steps = []
    for key, title, who, base, kind, amount in table:
        anchor = start if base == "T" else end
        # "none": the seed gives the step no date («после … аттестации», and only once paid in full), so it is
        # never overdue; PAY-ISSUE-PAID guards it instead.
        due = _due(anchor, kind, amount) if anchor and kind != "none" else None
        clause = "002 п. 5.3" if key.startswith("5.3") else "002 п. 5.2"
        steps.append(Step(title, clause, due, done.get(key), who, key))
    return steps + (settlement_steps(done, paid_in_full) if paid_in_full else [])
