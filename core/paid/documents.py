"""Paid services documents (002, App 1–6): rate order, cost, income plans, memos; the settlement after payment (App
7–9) is in core.paid.settlement_documents."""

from __future__ import annotations

from decimal import Decimal

from core.paid.money import service_cost
from core.paid.rules import by_service
from core.platform.dates_ru import period, short_date
from core.platform.document_layout import Document, refuse_incomplete
from core.platform.errors import EduDeskError
from core.platform.money import format_rub, in_words, number
from core.platform.names import addressee
from core.records.checks import RULES, Workbook, settings_of
from core.store.base import canonical
from sheets_schema.enums import ChangeKind, Place, ProgramKind

KIND_GROUPS = ((ProgramKind.PK, "Обучение по программам повышения квалификации"),
               (ProgramKind.PP, "Обучение по программам профессиональной переподготовки"),
               (ProgramKind.TOPIC, "Обучение по темам/проблемам"),
               (ProgramKind.EVENT, "Участие в образовательных событиях"),
               (ProgramKind.PO, "Профессиональное обучение"), (ProgramKind.DOP, "Дополнительные общеобразовательные программы"))


def service_by_code(wb: Workbook, code: str):
    for row in wb.items("ПОУ_услуги"):
        if canonical(row.item.code).casefold() == (code or "").casefold():
            return row.item
    raise EduDeskError(f"Нет услуги «{code}» на листе «ПОУ_услуги».")


def unknown_amounts(wb: Workbook, services, fields: tuple[str, ...] = ("hours", "listeners", "rate")) -> list[str]:
    """The cells a sum depends on that are empty or unreadable: a document never prints 0,00 ₽ in their place."""
    parsed = wb["ПОУ_услуги"]
    codes = {canonical(s.code).casefold() for s in services}
    out = []
    for row in parsed.rows:
        if canonical(row.item.code).casefold() not in codes:
            continue
        for name in fields:
            if getattr(row.item, name) is not None:
                continue
            cell = parsed.cell(name, row.row)
            raw = parsed.data.rows[parsed.data.row_numbers.index(row.row)][parsed.positions[name]] \
                if name in parsed.positions else None
            shown = f": «{raw}» не читается как число" if raw not in (None, "") else ": пусто"
            out.append(f"у услуги {row.item.code} «{parsed.header(name)}» (ПОУ_услуги!{cell or '—'}){shown}")
    return out


def what(service, for_price: bool = False) -> str:
    """The service as the forms name it: «по проведению обучения по программе повышения квалификации «…» (72 час.)».

    `for_price`: App 2 and App 6 speak of what is paid for, and an event is paid for «за участие в образовательном
    событии «…»» with its date (App 2: «указать вид, название, дату образовательного события»)."""
    name, hours = service.name or "", f" ({service.hours} час.)" if service.hours else ""
    if for_price and service.kind == ProgramKind.EVENT:
        when = f" {period(service.start, service.end)}" if service.start else ""
        return f"за участие в образовательном событии «{name}»{hours}{when}"
    return {ProgramKind.PK: f"по проведению обучения по программе повышения квалификации «{name}»{hours}",
            ProgramKind.PP: f"по проведению обучения по программе профессиональной переподготовки «{name}»{hours}",
            ProgramKind.TOPIC: f"по проведению обучения по теме «{name}»{hours}",
            ProgramKind.EVENT: f"по проведению образовательного события «{name}»{hours}"}.get(
        service.kind, f"по проведению обучения по программе «{name}»{hours}")


def _memo_head(doc: Document, service, to: str, title: str, day=None, number: str | None = None) -> None:
    """The memo's head; `number` None: the form has no «№» (App 4, 9), "" — a place to write it in (App 5, 6)."""
    doc.add_page()
    doc.bold_line(service.department or "Кафедра")
    doc.ln(2)
    doc.bold_line("СЛУЖЕБНАЯ ЗАПИСКА")
    numbered = "" if number is None else f" № {number or '____'}"
    doc.paragraph((short_date(day) or "__.__.____") + numbered, indent=False)
    doc.paragraph(to, indent=False, align="R")
    doc.bold_line(title)
    doc.ln(3)


def _to_cvd(settings: dict[str, str]) -> str:
    """«Руководителю ЦВД / Кузнецовой И.П.» (App 3–5: «Фамилия И.О.» under the position; a line to write it in
    when «Настройки» has no «Руководитель ЦВД»)."""
    return f"Руководителю ЦВД\n{addressee(settings.get('Руководитель ЦВД')) or '____________________'}"


def _approver(settings: dict[str, str]) -> str:
    return f"{settings.get('Должность руководителя') or 'Ректор'} {settings.get('Краткое наименование') or ''}".strip()


def _to_head(settings: dict[str, str]) -> str:
    """«Ректору ОИРО»: the head's position in the dative (a one-word position ending in a consonant takes «-у»;
    a longer one is kept as typed), «Ректору» when «Настройки» has no position (was «Ректоруу»)."""
    position = (settings.get("Должность руководителя") or "Ректор").strip()
    if " " not in position and position[-1:].casefold() in "бвгджзклмнпрстфхцчшщ":
        position += "у"
    return f"{position} {settings.get('Краткое наименование') or ''}".strip()


def _head_signature(doc: Document) -> None:
    doc.signature("Заведующий кафедрой", None)


def _approvals(doc: Document, service) -> None:
    """«СОГЛАСОВАНО» of App 4/5: the supervising vice-rector, and for a service in the Institution also the
    vice-rector for teaching and methods (002 п. 5.1.1 and the note under App 4)."""
    doc.ln(6)
    doc.paragraph("СОГЛАСОВАНО:", indent=False)
    doc.signature("Проректор", None, space_before=2)
    if service.place == Place.PREMISES:
        doc.signature("Проректор по УМР", None, space_before=2)


SERVICES_OF_APP_1 = ("услуг по обучению по дополнительной профессиональной программе повышения квалификации/"
                     "профессиональной переподготовки, по обучению по теме/проблеме, за участие в образовательном "
                     "событии")  # 002 App 1: the order covers every kind of paid service, not ПК alone


def rate_order(wb: Workbook, number_: str) -> bytes:
    """App 1: the rector's order on the range of the person-hour rate, amounts in words."""
    order = next((r.item for r in wb.items("ПОУ_ставки") if canonical(r.item.number) == number_), None)
    if order is None:
        raise EduDeskError(f"Нет приказа № «{number_}» на листе «ПОУ_ставки».")
    settings = settings_of(wb)
    doc = Document(title=f"Приказ о стоимости человеко-часа № {order.number}")
    doc.add_page()
    doc.institution_header(settings)
    doc.order_heading(settings, order.signed, order.number)
    year = order.valid_from.year
    short = settings.get("Краткое наименование") or "Учреждения"
    doc.heading(f"Об установлении стоимости одного человеко-часа при оказании {SERVICES_OF_APP_1}", size=12)
    doc.paragraph(f"В целях установления в {year} году стоимости одного человеко-часа при оказании {SERVICES_OF_APP_1} "
                  f"(далее — Услуги) в рамках деятельности {short} по оказанию платных образовательных услуг")
    doc.bold_line("П Р И К А З Ы В А Ю:")
    state_service = settings.get("Государственная услуга") or "____________________"
    doc.paragraph(f"1. Определить, что стоимость одного человеко-часа при оказании Услуги в {year} году должна составлять "
                  f"не менее {number(order.min_percent)} % и не более {number(order.max_percent)} % стоимости "
                  "человеко-часа, определённого расчётами нормативных затрат на оказание государственной услуги "
                  f"«{state_service}» государственного задания {short} на {year} год.")
    doc.paragraph(f"2. Устанавливать {period(order.valid_from, order.valid_to)} стоимость одного человеко-часа при оказании "
                  f"Услуги в размере не менее {_in_full(order.min_rub)} и не более {_in_full(order.max_rub)}.")
    executor = ", ".join(x for x in (settings.get("Исполнитель"), settings.get("Должность исполнителя")) if x)
    doc.paragraph(f"3. {executor or '______________________ (Ф.И.О., должность)'}, ознакомить с приказом всех "
                  "заинтересованных лиц под роспись.")
    doc.paragraph("4. Контроль за исполнением приказа возложить на руководителя центра внебюджетной деятельности (лицо, "
                  "исполняющее обязанности руководителя центра внебюджетной деятельности).")
    doc.signature(settings.get("Должность руководителя") or "Ректор", settings.get("Руководитель"))
    return doc.bytes()


def _in_full(amount) -> str:
    """«120,00 руб. (сто двадцать рублей 00 копеек)»: the unit once — the words already name roubles and kopecks
    (was «120,00 (сто двадцать рублей 00 копеек) руб.»)."""
    return f"{format_rub(amount or 0, False)} руб. ({in_words(amount or 0)})"


def cost_calculation(wb: Workbook, code: str) -> bytes:
    """App 2: cost = hours × listeners × rate."""
    s = service_by_code(wb, code)
    refuse_incomplete("Расчёт стоимости услуги", unknown_amounts(wb, [s]))
    cost = service_cost(s.hours, s.listeners, s.rate)
    doc = Document(title=f"Расчёт стоимости услуги {code}")
    doc.add_page()
    doc.heading(f"Расчёт стоимости услуг\n{what(s, for_price=True)}")
    doc.table(["Объём (часов)", "Количество потребителей (человек)", "Объём услуг (человеко-часов)",
               "Стоимость 1 чел.-ч, руб.", "Стоимость услуги, руб."],
              [["1", "2", "3 = 2 × 1", "4", "5 = 3 × 4"],
               [number(cost.hours), cost.listeners, number(cost.person_hours), format_rub(cost.rate, False),
                format_rub(cost.cost, False)]], widths=(30, 36, 36, 32, 36), align=("CENTER",) * 5)
    doc.paragraph(f"Стоимость услуги: {format_rub(cost.cost)} ({in_words(cost.cost)}).", indent=False)
    _head_signature(doc)
    return doc.bytes()


def income_plan_rows(services: list, total: str = "Итого по всем ПОУ:") -> list[list]:
    """App 3 rows: the column numbers, then by kind with «Итого:», then `total` (a department's block in the
    institution plan ends with its own total, not «по всем ПОУ»)."""
    rows, grand = [["1", "2", "3", "4 = 2 × 3", "5", "6 = 4 × 5"]], [Decimal(0), Decimal(0)]
    for kind, title in KIND_GROUPS:
        group = [s for s in services if s.kind == kind]
        if not group and kind not in (ProgramKind.PK, ProgramKind.PP, ProgramKind.TOPIC, ProgramKind.EVENT):
            continue
        rows.append([title, "", "", "", "", ""])
        subtotal = [Decimal(0), Decimal(0)]
        for s in group:
            c = service_cost(s.hours or 0, s.listeners or 0, s.rate or 0)
            rows.append([f"{s.name} ({period(s.start, s.end)})", number(c.hours), c.listeners, number(c.person_hours),
                         format_rub(c.rate, False), format_rub(c.cost, False)])
            subtotal[0] += c.person_hours
            subtotal[1] += c.cost
        rows.append(["Итого:", "", "", number(subtotal[0]), "", format_rub(subtotal[1], False)])
        grand[0] += subtotal[0]
        grand[1] += subtotal[1]
    rows.append([total, "", "", number(grand[0]), "", format_rub(grand[1], False)])
    return rows


def of_department(department: str) -> str:
    """«кафедры педагогики» from «Кафедра педагогики» (never «кафедры Кафедра педагогики»)."""
    name = department.strip()
    return f"кафедры {name[len('кафедра '):]}" if name.casefold().startswith("кафедра ") else f"кафедры {name}"


PLAN_HEADERS = ["Наименование программы/темы/события, сроки", "Объём (час)", "Кол-во слушателей", "Чел.-ч (4 = 2 × 3)",
                "Стоимость 1 чел.-ч, руб.", "Стоимость, руб. (6 = 4 × 5)"]


def income_plan(wb: Workbook, year: int, department: str | None = None) -> bytes:
    """App 3 for one department, or the institution's plan (all departments) when department is None."""
    services = [r.item for r in wb.items("ПОУ_услуги") if r.item.start and r.item.start.year == year
                and (department is None or r.item.department == department)]
    if not services:
        raise EduDeskError(f"Нет услуг {year} года" + (f" кафедры «{department}»." if department else "."))
    refuse_incomplete(f"План дохода {year}", unknown_amounts(wb, services))
    doc = Document(orientation="landscape", title=f"План дохода от ПОУ {year}")
    settings = settings_of(wb)
    doc.add_page()
    if department:  # App 3: the department's plan goes to the head of ЦВД
        doc.paragraph("Руководителю центра внебюджетной деятельности в образовании "
                      f"{settings.get('Краткое наименование') or ''}".strip(), indent=False, align="R", size=11)
        doc.paragraph(addressee(settings.get("Руководитель ЦВД")) or "____________________", indent=False, align="R",
                      size=11)
    else:  # 002 п. 3.5.2: the head of ЦВД makes the institution's plan and has the rector approve it
        doc.approval(_approver(settings), settings.get("Руководитель"))
    doc.heading(f"План дохода от реализации платных образовательных услуг в {year} году\n"
                + (of_department(department) if department else settings.get("Краткое наименование") or "Учреждения"))
    if department:
        doc.table(PLAN_HEADERS, income_plan_rows(services), widths=(107, 22, 26, 32, 32, 38), size=9)
        _head_signature(doc)
    else:
        for name in sorted({s.department for s in services if s.department}):
            doc.bold_line(name)
            doc.table(PLAN_HEADERS, income_plan_rows([s for s in services if s.department == name],
                                                     f"Итого по {of_department(name).replace('кафедры', 'кафедре', 1)}:"),
                      widths=(107, 22, 26, 32, 32, 38), size=9)
        doc.table(PLAN_HEADERS, income_plan_rows(services)[-1:], widths=(107, 22, 26, 32, 32, 38), size=9)
        doc.signature("Руководитель ЦВД", settings.get("Руководитель ЦВД"))
    return doc.bytes()


def unplanned_memo(wb: Workbook, code: str) -> bytes:
    """App 4: memo on an unplanned service, with the customer's request as the basis.

    Not made for a service the check finds planned (PAY-PLANNED-25OCT, 002 п. 3.3.8–3.3.9), nor dated before the
    request it cites: a memo that contradicts the register would be returned by ЦВД."""
    s = service_by_code(wb, code)
    request = next((r.item for r in wb.items("ПОУ_заявки") if canonical(r.item.service_code) == s.code), None)
    refuse_incomplete("Служебная записка о внеплановой услуге", _not_unplanned(wb, s, request))
    settings = settings_of(wb)
    doc = Document(title=f"Служебная записка о внеплановой услуге {code}")
    _memo_head(doc, s, _to_cvd(settings), "О внеплановом оказании образовательной услуги", s.requested)
    doc.paragraph(f"На основании анализа возможностей кафедры считаю, что кафедра сможет внепланово оказать услуги "
                  f"{what(s)}, запланированной {period(s.start, s.end)}.")
    # «заявка <заказчик>» of the form reads «заявка Управление образования»: the customer's name is a name in
    # quotes after «заказчика», so its case never has to change
    customer = request.customer or s.customer if request else None
    basis = (f"заявка {f'заказчика «{customer}» ' if customer else ''}от {short_date(request.received)} "
             f"№ {request.number} (по журналу регистрации ЦВД)") if request else "решение кафедры"
    doc.paragraph(f"Основание: {basis}.")
    _head_signature(doc)
    _approvals(doc, s)
    return doc.bytes()


def _not_unplanned(wb: Workbook, service, request) -> list[str]:
    """Why an App 4 memo for this service would contradict the workbook (empty when it would not)."""
    problems = []
    if service.unplanned is False:
        problems.append(f"услуга {service.code} отмечена плановой («Внеплановая» — нет, лист «ПОУ_услуги»): "
                        "записка о внеплановой услуге для неё не нужна")
    planned = RULES["PAY-PLANNED-25OCT"]
    rows = {r.row for r in wb.items("ПОУ_услуги") if r.item is service}
    said = [f for f in planned.check(wb, planned) if f.tab == "ПОУ_услуги" and f.row in rows and "плановая" in f.message
            and "внеплановая" not in f.message]
    if said and not problems:
        problems.append(f"проверка находит услугу плановой: {said[0].message} ({said[0].clause})")
    if request and request.received and service.requested and service.requested < request.received:
        problems.append(f"дата записки («Дата заявки» услуги, {short_date(service.requested)}) раньше заявки "
                        f"№ {request.number} от {short_date(request.received)}, на которую она ссылается")
    return problems


CHANGED = {ChangeKind.DATES: "сроков", ChangeKind.FORM: "формы", ChangeKind.HOURS: "объёма",
           ChangeKind.PRICE: "стоимости"}  # «Об изменении … оказания» (App 5 title)


def _change(wb: Workbook, code: str, price: bool):
    """The service's last recorded change of the kind (the one a memo is asked for now)."""
    for row in reversed(by_service(wb, "ПОУ_изменения").get(canonical(code).casefold(), [])):
        if (row.item.kind == ChangeKind.PRICE) == price:
            return row.item
    raise EduDeskError(f"У услуги «{code}» нет записи об изменении {'стоимости' if price else 'сроков, формы или объёма'} "
                       "на листе «ПОУ_изменения».")


def change_memo(wb: Workbook, code: str) -> bytes:
    """App 5: memo on a change of dates, form or hours."""
    s, change = service_by_code(wb, code), _change(wb, code, price=False)
    doc = Document(title=f"Служебная записка об изменении услуги {code}")
    _memo_head(doc, s, _to_cvd(settings_of(wb)), f"Об изменении {CHANGED[change.kind]} оказания платной образовательной "
               "услуги", change.memo_date, change.memo_number or "")
    text = {ChangeKind.DATES: f"изменяются сроки оказания услуги: было — {change.was}, новые сроки — {change.becomes}",
            ChangeKind.FORM: f"изменяется форма обучения по программе с «{change.was}» на «{change.becomes}»",
            ChangeKind.HOURS: f"изменяется объём программы с {change.was} на {change.becomes}"}.get(change.kind, "")
    doc.paragraph(f"Довожу до Вашего сведения, что по услуге {what(s)}, запланированной {period(s.start, s.end)}, {text}.")
    doc.paragraph(f"Основание: {change.reason or '____________________________________________'}.")
    _head_signature(doc)
    _approvals(doc, s)
    return doc.bytes()


def price_memo(wb: Workbook, code: str) -> bytes:
    """App 6: memo to the rector on a price change."""
    s, change = service_by_code(wb, code), _change(wb, code, price=True)
    settings = settings_of(wb)
    doc = Document(title=f"Служебная записка об изменении стоимости {code}")
    _memo_head(doc, s, _to_head(settings),
               "Об изменении стоимости образовательной услуги", change.memo_date, change.memo_number or "")
    planned = "" if s.kind == ProgramKind.EVENT else f", запланированной {period(s.start, s.end)}"  # the event's
    # date is in what() already
    doc.paragraph(f"Прошу Вашего согласия на изменение стоимости услуги {what(s, for_price=True)}{planned}, с "
                  f"{change.was} на {change.becomes}.")
    doc.paragraph("Причиной изменения стоимости является "
                  f"{change.reason or '____________________________________________'}.")
    _head_signature(doc)
    doc.ln(6)
    doc.paragraph("СОГЛАСОВАНО:", indent=False)
    doc.signature("Руководитель ЦВД", settings.get("Руководитель ЦВД"), space_before=2)
    return doc.bytes()
