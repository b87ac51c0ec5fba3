"""Paid services documents of the settlement after the money has come (002 §6–7, App 7–9): the estimate of income
and expenses, the department's protocol extract and the bonus memo."""

from __future__ import annotations

from decimal import Decimal

from core.paid.documents import _head_signature, _memo_head, _to_head, service_by_code, unknown_amounts, what
from core.paid.money import estimate
from core.paid.rules import by_service, income_of, paid_and_due
from core.platform.dates_ru import MONTHS_NOMINATIVE, short_date
from core.platform.document_layout import Document, refuse_incomplete
from core.platform.errors import EduDeskError
from core.platform.money import format_rub, number
from core.records.checks import Workbook, settings_of
from core.store.base import canonical


def estimate_doc(wb: Workbook, code: str) -> bytes:
    """App 7: the estimate of income and expenses; lines add up to the income to the kopeck."""
    s = service_by_code(wb, code)
    refuse_incomplete("Смета", unpaid(wb, code) + unknown_amounts(wb, [s], ("hours", "listeners")))
    income = income_of(wb, code)
    e = estimate(income, s.listeners or 0, s.hours or 0, internship=bool(s.internship))
    # no-break spaces: «№ Д-004 от 24.10.2025» never splits at a line's end
    rows = by_service(wb, "ПОУ_оплаты").get(canonical(code).casefold(), [])
    contracts = ", ".join(f"№\u00a0{r.item.contract} от\u00a0{short_date(r.item.contract_date) or '__.__.____'}"
                          for r in rows)
    # App 7 reads «к договорам № … от …» for several; one contract is «к договору»
    to_contracts = "к договору" if len(rows) == 1 else "к договорам"
    doc = Document(title=f"Смета {code}")
    doc.add_page()
    doc.heading(f"С М Е Т А\nдоходов и расходов на оказание платных образовательных услуг по программе «{s.name}» "
                f"{to_contracts} {contracts or '№ — от —'}")
    doc.paragraph(f"Кафедра: {s.department or ''}", indent=False)
    doc.table(["", ""], [["Количество слушателей", e.listeners], ["Стоимость обучения одного слушателя (руб.)",
                         format_rub(e.per_listener, False)], ["Доход (руб.)", format_rub(e.income, False)],
                         ["Количество учебных часов", number(e.hours)]], widths=(120, 50), size=11)
    share = f"{number(e.share * 100)}%"
    doc.table(["№", "Статьи расходов", "Сумма (руб.)"], [
        ["1", f"Стимулирующие надбавки — {share} (в том числе):", format_rub(e.stimulus, False)],
        ["2", "ФОТ ППС", format_rub(e.fot, False)], ["3", "Начисления на ФОТ: 30,2%", format_rub(e.charges, False)],
        ["", "Итого", format_rub(e.stimulus, False)],
        ["4", f"Отчисления {settings_of(wb).get('Краткое наименование') or 'Учреждения'} — {number(100 - e.share * 100)}%",
         format_rub(e.institution, False)], ["5", "Всего", format_rub(e.total, False)]],
        widths=(12, 113, 45), align=("CENTER", "LEFT", "RIGHT"), size=11)
    for role in ("Заведующий кафедрой", "Главный бухгалтер", "Руководитель ЦВД", "Экономист"):
        doc.signature(role, None, space_before=4)
    return doc.bytes()


def unpaid(wb: Workbook, code: str) -> list[str]:
    """Why an estimate can't be drawn up yet: §7.1 — only once the money has fully arrived."""
    paid, due = paid_and_due(wb).get(canonical(code).casefold(), (Decimal(0), Decimal(0)))
    if due <= 0:
        return [f"по услуге {code} нет договора с суммой на листе «ПОУ_оплаты» (смета — после полной оплаты, "
                "002 п. 7.1)"]
    if paid < due:
        return [f"по услуге {code} оплачено {format_rub(paid)} из {format_rub(due)}, не хватает "
                f"{format_rub(due - paid)} (смета — после полной оплаты, 002 п. 7.1)"]
    return []


def _bonus_rows(wb: Workbook, code: str) -> list:
    rows = by_service(wb, "ПОУ_выплаты").get(canonical(code).casefold(), [])
    if not rows:
        raise EduDeskError(f"По услуге «{code}» нет стимулирующих выплат на листе «ПОУ_выплаты».")
    return [r.item for r in rows]


def protocol_extract(wb: Workbook, code: str) -> bytes:
    """App 8: extract from the department meeting's minutes on the bonuses."""
    s, bonuses = service_by_code(wb, code), _bonus_rows(wb, code)
    doc = Document(title=f"Выписка из протокола, {code}")
    doc.add_page()
    doc.bold_line(s.department or "Кафедра")
    doc.heading("ВЫПИСКА ИЗ ПРОТОКОЛА\nЗАСЕДАНИЯ КАФЕДРЫ")
    doc.paragraph("__.__.____ № ____", indent=False)  # the meeting's date and number are the minutes' own
    month = f"{MONTHS_NOMINATIVE[s.end.month - 1]} {s.end.year} года" if s.end else "______ 20__ года"
    doc.paragraph(f"СЛУШАЛИ: информацию заведующего кафедрой о результатах оказания услуг {what(s)} кафедрой за "
                  f"{month} и распределении стимулирующих выплат в соответствии со сметой доходов и расходов.")
    doc.paragraph(f"ПОСТАНОВИЛИ: распределить стимулирующие выплаты за {month} следующим образом.")
    doc.paragraph(f"1. За оказание услуг {what(s)}:", indent=False)
    doc.table(["№ п/п", "Фамилия Имя Отчество", "Количество отработанных часов / вид выполненных работ", "Сумма (руб.)"],
              [(i, b.full_name, f"{number(b.hours)} ч" if b.hours else (b.role.value if b.role else ""),
                format_rub(b.amount or 0, False)) for i, b in enumerate(bonuses, start=1)],
              widths=(15, 65, 55, 35), align=("CENTER", "LEFT", "LEFT", "RIGHT"))
    doc.signature("Председатель", None)
    doc.signature("Секретарь", None, space_before=4)
    return doc.bytes()


def bonus_memo(wb: Workbook, code: str) -> bytes:
    """App 9: memo to the rector asking for the bonuses."""
    s, bonuses = service_by_code(wb, code), _bonus_rows(wb, code)
    settings = settings_of(wb)
    doc = Document(title=f"Служебная записка о стимулирующих выплатах, {code}")
    _memo_head(doc, s, _to_head(settings),  # dated when written, not on the service's last day
               "О стимулирующих выплатах за оказание платных образовательных услуг")
    doc.paragraph(f"Прошу поощрить стимулирующими выплатами за оказание услуг {what(s)} следующих работников:")
    total = sum((b.amount or 0 for b in bonuses), Decimal(0))
    doc.table(["№ п/п", "Фамилия Имя Отчество", "Сумма (руб.)"],
              [(i, b.full_name, format_rub(b.amount or 0, False)) for i, b in enumerate(bonuses, start=1)]
              + [("", "Итого", format_rub(total, False))], widths=(15, 110, 45), align=("CENTER", "LEFT", "RIGHT"))
    _head_signature(doc)
    doc.ln(6)  # the учебный отдел's block (App 9, 002 п. 7.2): filled in by hand there
    doc.paragraph("Следующая информация вносится учебным отделом:", indent=False, size=10)
    doc.paragraph("Отчётная учебная документация по программе сдана в полном объёме.", indent=False)
    doc.signature("Методист учебного отдела", None, space_before=2)
    return doc.bytes()


