"""Paid services (PAY-*): each rule with a breaking and a passing row; money exact to the kopeck."""

import io
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from core.cli import main
from core.paid.money import bonus_proposal, estimate, service_cost
from core.paid.rules import planning_calendar
from core.paid.timeline import steps_for
from core.platform.calendar import add_working_days
from core.platform.errors import DocumentIncomplete
from core.records.checks import open_workbook
from core.store.base import TabData, canonical
from sheets_schema.enums import BonusRole
from tests.rows import findings, workbook

D = Decimal
TODAY = date(2026, 11, 23)
SERVICE = {"Код услуги": "У-1", "Кафедра": "Кафедра А", "Вид": "ПК", "Наименование": "Курс", "Место": "в Учреждении",
           "Часы": 72, "Слушатели": 25, "Ставка, ₽/чел.-ч": 150, "Дата начала": date(2026, 12, 14),
           "Дата окончания": date(2026, 12, 18), "Внеплановая": "нет"}
ORDER = {"№ приказа": "1-ОД", "Действует с": date(2026, 1, 1), "Действует по": date(2026, 12, 31),
         "Мин., ₽": 120, "Макс., ₽": 165}


def test_cost_in_person_hours():
    """72 h × 25 listeners × 150 ₽ = 1 800 person-hours, 270 000 ₽."""
    cost = service_cost(72, 25, D(150))
    assert (cost.person_hours, cost.cost) == (D(1800), D("270000.00"))


def test_contract_sums_match_cost():
    """Contracts for a different sum than the computed cost are a warning; equal sums pass."""
    pay = lambda amount: [{"Код услуги": "У-1", "Договор": "Д-1", "Сумма по договору": amount}]  # noqa: E731
    (bad,) = findings("PAY-COST", ПОУ__услуги=[SERVICE], ПОУ__оплаты=pay(200000))
    assert bad.severity == "предупреждение" and "270 000,00" in bad.message.replace("\u00a0", " ")
    assert findings("PAY-COST", ПОУ__услуги=[SERVICE], ПОУ__оплаты=pay(270000)) == []


@pytest.mark.parametrize("rate, broken", [(119, True), (120, False), (165, False), (166, True)])
def test_rate_range(rate, broken):
    """The rate must lie in the range of the order in force on the start date (both ends included)."""
    found = findings("PAY-RATE-RANGE", ПОУ__услуги=[{**SERVICE, "Ставка, ₽/чел.-ч": rate}], ПОУ__ставки=[ORDER])
    assert bool(found) is broken


def test_no_order_in_force_is_a_warning():
    """A start date outside every order's period: a warning that no order is in force."""
    (finding,) = findings("PAY-RATE-RANGE", ПОУ__услуги=[{**SERVICE, "Дата начала": date(2027, 2, 1)}], ПОУ__ставки=[ORDER])
    assert finding.severity == "предупреждение" and "нет действующего приказа" in finding.message


@pytest.mark.parametrize("received, unplanned, broken", [
    (date(2025, 10, 25), "нет", False), (date(2025, 10, 27), "нет", False), (date(2025, 10, 28), "нет", True),
    (date(2025, 10, 28), "да", False), (date(2025, 10, 1), "да", True)])
def test_planned_by_25_october(received, unplanned, broken):
    """A request by 25 October (inclusive) of the year before is planned; later it is unplanned. 25.10.2025 is a
    Saturday: the term ends on Monday 27.10 (ГК РФ ст. 193, one rule for every «до» deadline, #32.15)."""
    request = [{"№ по журналу ЦВД": "7", "Дата": received, "Код услуги": "У-1"}]
    service = {**SERVICE, "Дата начала": date(2026, 3, 2), "Внеплановая": unplanned}
    assert bool(findings("PAY-PLANNED-25OCT", ПОУ__услуги=[service], ПОУ__заявки=request)) is broken


@pytest.mark.parametrize("kind, severity", [("ПК", None), ("тема", None), ("ПО", "предупреждение"), ("ПП", "ошибка"),
                                            ("событие", "ошибка")])
def test_customer_territory_kinds(kind, severity):
    """At a customer's only ПК and topics; ПО is a warning, anything else an error."""
    found = findings("PAY-CUSTOMER-KINDS", ПОУ__услуги=[{**SERVICE, "Место": "на территории заказчика", "Вид": kind}])
    assert [f.severity for f in found] == ([severity] if severity else [])


def test_planning_calendar_rule():
    """After 31 October a department with no services on premises next year gets a warning."""
    assert len(findings("PAY-CAL", TODAY, ПОУ__услуги=[SERVICE])) == 1
    next_year = {**SERVICE, "Код услуги": "У-2", "Дата начала": date(2027, 3, 1)}
    assert findings("PAY-CAL", TODAY, ПОУ__услуги=[SERVICE, next_year]) == []
    assert findings("PAY-CAL", date(2026, 10, 1), ПОУ__услуги=[SERVICE]) == []


def test_planning_calendar_dates():
    """The next deadlines from 23 November: 1 and 15 December, then 20 May of next year."""
    calendar = planning_calendar(TODAY)
    assert [c[0] for c in calendar[:3]] == [date(2026, 12, 1), date(2026, 12, 15), date(2027, 5, 20)]


def test_timeline_overdue_and_done():
    """Overdue steps of a service are one finding; marking them done clears it."""
    service = {**SERVICE, "Дата начала": date(2026, 12, 10), "Дата окончания": date(2026, 12, 14)}
    (finding,) = findings("PAY-TIMELINE", TODAY, ПОУ__услуги=[service])
    assert "5.2.1" in finding.message and "5.2.2" in finding.message
    done = [{"Код услуги": "У-1", "Шаг": key, "Выполнено": date(2026, 11, 1)} for key in ("5.2.1", "5.2.2", "5.2.4")]
    assert findings("PAY-TIMELINE", TODAY, ПОУ__услуги=[service], ПОУ__этапы=done) == []


def test_timeline_due_dates_on_premises_and_at_customer():
    """T − 1.5 months (back to a working day), T − 3 and −1 working days, E + 10 working days; the customer's own steps."""
    wb = workbook(ПОУ__услуги=[{**SERVICE, "Дата начала": date(2026, 3, 16), "Дата окончания": date(2026, 3, 20)}])
    steps = {s.key: s.due for s in steps_for(wb.items("ПОУ_услуги")[0].item, {})}
    assert steps["5.2.1"] == date(2026, 1, 30)  # 16.03 − 1.5 months = Sunday 01.02 → the Friday before
    assert steps["5.2.9"] == date(2026, 3, 11)
    assert steps["5.2.10"] == date(2026, 3, 13) and steps["5.2.20"] == date(2026, 4, 3)
    customer = workbook(ПОУ__услуги=[{**SERVICE, "Место": "на территории заказчика"}]).items("ПОУ_услуги")[0].item
    keys = [s.key for s in steps_for(customer, {})]
    assert "5.3.13" in keys and "5.2.1" not in keys


def test_change_memo_two_weeks_at_customer():
    """At a customer's the memo is due 2 weeks before the start; on premises before the info letter (T − 1 month)."""
    at_customer = {**SERVICE, "Место": "на территории заказчика"}
    memo = lambda day: [{"Код услуги": "У-1", "Что меняется": "сроки", "Дата служебной записки": day}]  # noqa: E731
    assert len(findings("PAY-CHANGE-2W", ПОУ__услуги=[at_customer], ПОУ__изменения=memo(date(2026, 12, 5)))) == 1
    assert findings("PAY-CHANGE-2W", ПОУ__услуги=[at_customer], ПОУ__изменения=memo(date(2026, 11, 30))) == []
    assert len(findings("PAY-CHANGE-2W", ПОУ__услуги=[SERVICE], ПОУ__изменения=memo(date(2026, 11, 20)))) == 1
    assert findings("PAY-CHANGE-2W", ПОУ__услуги=[SERVICE], ПОУ__изменения=memo(date(2026, 11, 10))) == []


def test_change_memo_counts_the_info_letter_actually_sent():
    """#15.4: the letter went out on 20.10 (step 5.2.2 marked), a month before it had to; a memo of 05.11 comes after
    it, though before the planned date — late (§5.1: «до отправки информационного письма»). One of 15.10 is fine."""
    memo = lambda day: [{"Код услуги": "У-1", "Что меняется": "сроки", "Дата служебной записки": day}]  # noqa: E731
    sent = [{"Код услуги": "У-1", "Шаг": "5.2.2", "Выполнено": date(2026, 10, 20)}]
    (late,) = findings("PAY-CHANGE-2W", ПОУ__услуги=[SERVICE], ПОУ__этапы=sent, ПОУ__изменения=memo(date(2026, 11, 5)))
    assert "оно отправлено 20.10.2026" in late.message
    assert findings("PAY-CHANGE-2W", ПОУ__услуги=[SERVICE], ПОУ__этапы=sent, ПОУ__изменения=memo(date(2026, 10, 15))) == []


def test_documents_issued_has_no_deadline_so_it_is_never_overdue():
    """#15.5: «Документы выданы» (5.2.18, 5.3.24) has no date in the seed, only «после аттестации» and full payment;
    it was reported overdue while issuing was forbidden. #15.6: §5.3 from its own text — the organiser (3) and the
    information for the order (5) have no date, the hotel and the classroom (10–11) «в необходимые сроки» had an
    invented T − 1 working day. Every other step of a finished service is overdue."""
    from core.paid.timeline import CUSTOMER, PREMISES

    undated = {"в Учреждении": {"5.2.18"}, "на территории заказчика": {"5.3.3", "5.3.5", "5.3.10", "5.3.11", "5.3.24"}}
    for place, table in (("в Учреждении", PREMISES), ("на территории заказчика", CUSTOMER)):
        past = {**SERVICE, "Место": place, "Дата начала": date(2026, 10, 5), "Дата окончания": date(2026, 10, 9)}
        (late,) = findings("PAY-TIMELINE", ПОУ__услуги=[past])
        assert {key for key, *_, kind, _ in table if kind == "none"} == undated[place]
        assert f"просрочено шагов — {len(table) - len(undated[place])}:" in late.message
        issue = next(st for st in steps_for(workbook(ПОУ__услуги=[past]).items("ПОУ_услуги")[0].item, {})
                     if st.key in ("5.2.18", "5.3.24"))
        assert issue.due is None and issue.status(TODAY) == "нет срока"


def test_issue_only_when_paid():
    """Documents marked issued (step 5.2.18) or certificates of a paid group while unpaid: error; paid: fine."""
    issued = [{"Код услуги": "У-1", "Шаг": "5.2.18", "Выполнено": TODAY}]
    unpaid = [{"Код услуги": "У-1", "Договор": "Д", "Сумма по договору": 270000, "Оплачено": 100000}]
    paid = [{**unpaid[0], "Оплачено": 270000}]
    assert len(findings("PAY-ISSUE-PAID", ПОУ__услуги=[SERVICE], ПОУ__этапы=issued, ПОУ__оплаты=unpaid)) == 1
    assert findings("PAY-ISSUE-PAID", ПОУ__услуги=[SERVICE], ПОУ__этапы=issued, ПОУ__оплаты=paid) == []
    group = [{"Код группы": "Г", "Код программы": "П", "Код услуги ПОУ": "У-1"}]
    cert = [{"Регистрационный №": "2026-0001", "ID слушателя": "С", "Код группы": "Г", "Дата выдачи": TODAY}]
    assert len(findings("PAY-ISSUE-PAID", ПОУ__услуги=[SERVICE], Группы=group, Удостоверения=cert, ПОУ__оплаты=unpaid)) == 1


PAID = [{"Код услуги": "У-1", "Договор": "Д", "Сумма по договору": 100000, "Оплачено": 100000}]  # share: 35 000 ₽


def _bonuses(*rows):
    return [{"Код услуги": "У-1", "ФИО": f"Работник {i}", "Роль": role, "Сумма с начислениями, ₽": amount}
            for i, (role, amount) in enumerate(rows)]


def test_split_within_department_share():
    """Bonuses above 35 % of the income received are an error; an internship allows 45 %."""
    over = _bonuses(("преподаватель", 35001))
    assert len(findings("PAY-SPLIT", ПОУ__услуги=[SERVICE], ПОУ__оплаты=PAID, ПОУ__выплаты=over)) == 1
    assert findings("PAY-SPLIT", ПОУ__услуги=[SERVICE], ПОУ__оплаты=PAID, ПОУ__выплаты=_bonuses(("преподаватель", 35000))) == []
    internship = {**SERVICE, "Стажировка": "да"}
    assert findings("PAY-SPLIT", ПОУ__услуги=[internship], ПОУ__оплаты=PAID, ПОУ__выплаты=over) == []


def test_head_at_most_4_and_organiser_at_least_1():
    """Head of department ≤ 4 % (1 400 ₽ of 35 000), organiser ≥ 1 % (350 ₽)."""
    ok = _bonuses(("заведующий кафедрой", 1400), ("организатор", 350))
    assert findings("PAY-SPLIT-HEAD-4", ПОУ__услуги=[SERVICE], ПОУ__оплаты=PAID, ПОУ__выплаты=ok) == []
    assert findings("PAY-SPLIT-ORG-1", ПОУ__услуги=[SERVICE], ПОУ__оплаты=PAID, ПОУ__выплаты=ok) == []
    bad = _bonuses(("заведующий кафедрой", 1400.01), ("организатор", 349.99))
    assert len(findings("PAY-SPLIT-HEAD-4", ПОУ__услуги=[SERVICE], ПОУ__оплаты=PAID, ПОУ__выплаты=bad)) == 1
    assert len(findings("PAY-SPLIT-ORG-1", ПОУ__услуги=[SERVICE], ПОУ__оплаты=PAID, ПОУ__выплаты=bad)) == 1


def test_new_book_shares():
    """With «Новая книга»: at least 70 % and 20 %, at most 10 % to the heads."""
    service = {**SERVICE, "Совместно с «Новой книгой»": "да"}
    ok = _bonuses(("руководитель центра «Новая книга»", 24500), ("организатор", 7000), ("заведующий кафедрой", 3500))
    assert findings("PAY-SPLIT-NK", ПОУ__услуги=[service], ПОУ__оплаты=PAID, ПОУ__выплаты=ok) == []
    bad = _bonuses(("руководитель центра «Новая книга»", 20000), ("организатор", 7000), ("заведующий кафедрой", 8000))
    (finding,) = findings("PAY-SPLIT-NK", ПОУ__услуги=[service], ПОУ__оплаты=PAID, ПОУ__выплаты=bad)
    assert "меньше 70 %" in finding.message and "больше 10 %" in finding.message


def test_estimate_lines():
    """270 000 ₽: 94 500 to the department (ФОТ 72 580,65 + charges 21 919,35), 175 500 to the institution."""
    e = estimate(D(270000))
    assert (e.stimulus, e.fot, e.charges, e.institution, e.total) == (
        D("94500.00"), D("72580.65"), D("21919.35"), D("175500.00"), D("270000.00"))


@given(st.decimals(min_value=0, max_value=10**10, places=2), st.booleans())
def test_estimate_and_split_add_up_exactly(income, internship):
    """For any income the estimate lines and the split add up exactly to the income, in kopecks."""
    e = estimate(income, internship=internship)
    assert e.fot + e.charges == e.stimulus and e.stimulus + e.institution == income == e.total
    assert all(x == x.quantize(D("0.01")) and x >= 0 for x in (e.stimulus, e.fot, e.charges, e.institution))


@given(st.decimals(min_value=0, max_value=10**8, places=2), st.lists(st.integers(0, 200), min_size=1, max_size=6))
def test_bonus_proposal_is_exact_and_within_limits(pool, hours):
    """The proposal spends the pool exactly; the head gets at most 4 %, the organiser at least 1 %."""
    people = [("Заведующий", BonusRole.HEAD, D(0)), ("Организатор", BonusRole.ORGANISER, D(hours[0]))]
    people += [(f"Преподаватель {i}", BonusRole.TEACHER, D(h)) for i, h in enumerate(hours[1:])]
    proposal = bonus_proposal(pool, people)
    by_role = {p.role: p.amount for p in proposal}
    if sum(hours) == 0:
        return
    assert sum(p.amount for p in proposal) == pool
    assert by_role[BonusRole.HEAD] <= pool * D("0.04") + D("0.005") and by_role[BonusRole.ORGANISER] >= pool * D("0.01") - D("0.005")


def test_cli_service_cost(capsys):
    """calc service-cost prints person-hours, cost, split and estimate lines."""
    assert main(["calc", "service-cost", "--hours", "72", "--listeners", "25", "--rate", "150", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["person_hours"] == "1800" and data["cost"] == "270000.00"
    assert data["estimate"] == {"stimulus": "94500.00", "fot": "72580.65", "charges": "21919.35",
                                "institution": "175500.00", "total": "270000.00"}
    main(["calc", "service-cost", "--hours", "72", "--listeners", "25", "--rate", "150", "--internship", "--json"])
    assert json.loads(capsys.readouterr().out)["split"] == {"department": "121500.00", "institution": "148500.00"}


@pytest.fixture(scope="module")
def demo(demo_workbook):
    from core.records.checks import open_workbook
    from core.store import XlsxStore
    from sheets_schema import TABS

    return open_workbook(XlsxStore(demo_workbook).read([t.name for t in TABS]).tabs, TODAY)


def _text(data):
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split()).replace("\u00a0", " ")


def test_paid_documents_have_their_text(demo):
    """Each of App 1–9 has its heading and the service's data; App 3 has «Итого» per kind and in all."""
    from core.paid import documents as p
    from core.paid import settlement_documents as s7
    from core.paid.rules import fully_paid

    paid = next(r.item for r in demo.items("ПОУ_услуги") if r.item.rate and fully_paid(demo, r.item.code)
                and not any(s.rate is None for s in _department_services(demo, r.item)))
    order = demo.items("ПОУ_ставки")[0].item.number
    year = paid.start.year
    assert "не менее 120,00 руб. (сто двадцать рублей 00 копеек) и не более" in _text(p.rate_order(demo, order))
    assert "Расчёт стоимости услуг" in _text(p.cost_calculation(demo, paid.code))
    plan = _text(p.income_plan(demo, year, paid.department))
    assert "Обучение по программам повышения квалификации" in plan and "Итого по всем ПОУ:" in plan
    unplanned = next(r.item for r in demo.items("ПОУ_услуги") if r.item.unplanned)
    assert "О внеплановом оказании образовательной услуги" in _text(p.unplanned_memo(demo, unplanned.code))
    with pytest.raises(DocumentIncomplete, match="отмечена плановой"):  # #32.14: not for a planned service
        p.unplanned_memo(demo, paid.code)
    estimate_text = _text(s7.estimate_doc(demo, paid.code))
    assert "С М Е Т А" in estimate_text and "ФОТ ППС" in estimate_text and "Начисления на ФОТ: 30,2%" in estimate_text
    assert "ВЫПИСКА ИЗ ПРОТОКОЛА" in _text(s7.protocol_extract(demo, paid.code))
    assert "О стимулирующих выплатах" in _text(s7.bonus_memo(demo, paid.code))
    changed = demo.items("ПОУ_изменения")[0].item.service_code
    assert "Об изменении" in _text(p.change_memo(demo, changed))


def _department_services(wb, service):
    return [r.item for r in wb.items("ПОУ_услуги") if r.item.department == service.department
            and r.item.start and r.item.start.year == service.start.year]


# #15, 1–2: money never silently wrong ------------------------------------------------------------------------------
def test_an_unreadable_rate_refuses_the_cost_and_the_plans_naming_the_cell(demo):
    """The demo's rate «сто пятьдесят» once printed «Стоимость услуги: 0,00 ₽» and cut the institution plan short."""
    from core.paid import documents as p

    broken = next(r for r in demo.items("ПОУ_услуги") if r.item.rate is None)
    cell = f"ПОУ_услуги!{demo['ПОУ_услуги'].cell('rate', broken.row)}"
    with pytest.raises(DocumentIncomplete, match=f"«Ставка, ₽/чел.-ч» \\({cell}\\): «сто пятьдесят» не читается"):
        p.cost_calculation(demo, broken.item.code)
    with pytest.raises(DocumentIncomplete, match=broken.item.code):
        p.income_plan(demo, broken.item.start.year)
    with pytest.raises(DocumentIncomplete, match=broken.item.code):
        p.income_plan(demo, broken.item.start.year, broken.item.department)


def test_the_estimate_waits_for_full_payment_and_says_how_much_is_missing(demo):
    """§7.1: a 216 000 ₽ contract with 100 000 ₽ paid got an estimate on 100 000; now it is refused."""
    from core.paid import settlement_documents as s7

    service = next(r.item for r in demo.items("ПОУ_услуги") if r.item.rate)
    payment = {"Код услуги": service.code, "Договор": "Д-X", "Сумма по договору": Decimal("216000"),
               "Оплачено": Decimal("100000")}
    tabs = {name: parsed.data for name, parsed in demo.tabs.items()}
    pays = tabs["ПОУ_оплаты"]
    kept = [row for row in pays.rows if canonical(row[pays.headers.index("Код услуги")]).casefold()
            != service.code.casefold()]
    partly = TabData(pays.name, pays.headers, [*kept, [payment.get(h) for h in pays.headers]],
                     list(range(2, 3 + len(kept))))
    wb = open_workbook({**tabs, "ПОУ_оплаты": partly}, demo.today)
    with pytest.raises(DocumentIncomplete, match="оплачено 100\xa0000,00\xa0₽ из 216\xa0000,00\xa0₽, не хватает 116\xa0000,00\xa0₽"):
        s7.estimate_doc(wb, service.code)
    paid_up = TabData(pays.name, pays.headers, [*kept, [{**payment, "Оплачено": Decimal("216000")}.get(h)
                                                        for h in pays.headers]], partly.row_numbers)
    text = _text(s7.estimate_doc(open_workbook({**tabs, "ПОУ_оплаты": paid_up}, demo.today), service.code))
    assert "216 000,00" in text.replace("\u202f", " ")


def test_steps_due_today_relative(demo):
    """Every demo service has a full timeline with due dates, but for the steps the seed gives no date."""
    from core.paid.timeline import CUSTOMER, PREMISES

    undated = {key for key, *_, kind, _ in (*PREMISES, *CUSTOMER) if kind == "none"}
    for row in demo.items("ПОУ_услуги"):
        assert all(bool(step.due) is (step.key not in undated) for step in steps_for(row.item, {}))


def test_customer_kinds_cite_the_clause_that_says_it():
    """#15.7: «На территории коллективного заказчика … только ДПП ПК и … темам/проблемам» is 002 п. 3.1.8, not 3.1.7."""
    seed = next(Path(__file__).resolve().parents[3].glob("shared/seeds/*002*"), None)
    at_customer = {**SERVICE, "Вид": "ПП", "Место": "на территории заказчика"}
    (found,) = findings("PAY-CUSTOMER-KINDS", ПОУ__услуги=[at_customer])
    assert found.clause == "002 п. 3.1.8"
    assert findings("PAY-CUSTOMER-KINDS", ПОУ__услуги=[{**at_customer, "Вид": "ПК"}]) == []
    if seed is not None:  # the seed beside the project, when it is there
        clause = next(line for line in seed.read_text().splitlines() if "На территории коллективного заказчика" in line)
        assert clause.startswith("3.1.8.")


# #15.8, 002 §7: the settlement after full payment, each deadline from the step before -----------------------------
@pytest.mark.parametrize("marks, late", [
    ({}, "7.1"),                                                              # paid 15.09: estimate due 05.10
    ({"7.1": date(2026, 10, 5)}, "7.2"),                                      # App 8/9 due 10 wd later: 19.10
    ({"7.1": date(2026, 10, 5), "7.2": date(2026, 10, 19)}, "7.3"),           # the order due 5 wd later: 26.10
    ({"7.1": date(2026, 10, 5), "7.2": date(2026, 10, 19), "7.3": date(2026, 10, 26)}, None),
    ({"7.1": date(2026, 10, 8)}, "7.2"),                                      # counted from the day 7.1 was done
])
def test_settlement_deadlines_of_002_7(marks, late):
    from core.paid.rules import timeline

    past = {**SERVICE, "Дата начала": date(2026, 9, 7), "Дата окончания": date(2026, 9, 11)}
    premises_done = [{"Код услуги": "У-1", "Шаг": st.key, "Выполнено": st.due} for st in
                     steps_for(workbook(ПОУ__услуги=[past]).items("ПОУ_услуги")[0].item, {}) if st.due]
    paid = [{"Код услуги": "У-1", "Договор": "Д", "Сумма по договору": 270000, "Оплачено": 270000,
             "Дата оплаты": date(2026, 9, 15)}]
    settled = [{"Код услуги": "У-1", "Шаг": key, "Выполнено": day} for key, day in marks.items()]
    tabs = {"ПОУ__услуги": [past], "ПОУ__этапы": premises_done + settled, "ПОУ__оплаты": paid}
    found = findings("PAY-TIMELINE", **tabs)
    assert [key for f in found for key in re.findall(r"(\d(?:\.\d+)+) «", f.message)] == ([late] if late else [])
    steps = {st.key: st for st in timeline(workbook(**tabs), workbook(**tabs).items("ПОУ_услуги")[0].item)}
    assert steps["7.1"].due == date(2026, 10, 5) and steps["7.1"].clause == "002 п. 7.1"
    if marks.get("7.1"):
        assert steps["7.2"].due == add_working_days(marks["7.1"], 10)


def test_no_settlement_steps_before_full_payment():
    from core.paid.rules import timeline

    owed = [{"Код услуги": "У-1", "Договор": "Д", "Сумма по договору": 270000, "Оплачено": 100000,
             "Дата оплаты": date(2026, 9, 15)}]
    wb = workbook(ПОУ__услуги=[SERVICE], ПОУ__оплаты=owed)
    assert not [st for st in timeline(wb, wb.items("ПОУ_услуги")[0].item) if st.key.startswith("7.")]


def test_10_app_3_is_the_seeds_form(demo):
    """#15.10, App 3: the addressee «… в образовании ГАУ ДПО «ОИРО»», «кафедры педагогики» (not «кафедры Кафедра
    …»), the row of column numbers, and in the institution plan each department's block closes with its own total —
    «Итого по всем ПОУ» once, at the end."""
    from core.paid import documents as p

    service = next(r.item for r in demo.items("ПОУ_услуги") if r.item.rate and r.item.start
                   and not any(s.rate is None for s in _department_services(demo, r.item)))
    year, department = service.start.year, service.department
    plan = _text(p.income_plan(demo, year, department))
    assert "Руководителю центра внебюджетной деятельности в образовании ГАУ ДПО «ОИРО»" in plan
    assert f"{year} году {p.of_department(department)}" in plan and "кафедры Кафедра" not in plan
    assert "1 2 3 4 = 2 × 3 5 6 = 4 × 5" in plan
    services = [r.item for r in demo.items("ПОУ_услуги") if r.item.start]
    readable = [y for y in sorted({s.start.year for s in services})
                if all(s.rate is not None for s in services if s.start.year == y)]
    whole = _text(p.income_plan(demo, readable[0]))  # a year whose rates can all be read (2026 has «сто пятьдесят»)
    assert whole.count("Итого по всем ПОУ:") == 1 and whole.count("Итого по кафедре") >= 2
    assert p.of_department("Кафедра педагогики") == "кафедры педагогики"
    assert p.of_department("Центр цифровых технологий") == "кафедры Центр цифровых технологий"


def test_10_app_8_and_app_9_are_the_seeds_forms(demo):
    """#15.10: App 8 says «за сентябрь 2026 года» (was «за сентября 2026 г.»), keeps the whole СЛУШАЛИ text and has
    a place for the minutes' date and №; App 9 is not dated with the service's last day and carries the учебный
    отдел's block (п. 7.2)."""
    from core.paid import settlement_documents as s7
    from core.platform.dates_ru import MONTHS_NOMINATIVE

    code = demo.items("ПОУ_выплаты")[0].item.service_code
    service = next(r.item for r in demo.items("ПОУ_услуги") if r.item.code == code)
    month = f"{MONTHS_NOMINATIVE[service.end.month - 1]} {service.end.year} года"
    extract = _text(s7.protocol_extract(demo, code))
    assert f"кафедрой за {month} и распределении стимулирующих выплат в соответствии со сметой доходов и расходов" \
        in extract
    assert f"ПОСТАНОВИЛИ: распределить стимулирующие выплаты за {month} следующим образом" in extract
    assert "__.__.____ № ____" in extract
    memo = _text(s7.bonus_memo(demo, code))
    assert f"{service.end:%d.%m.%Y}" not in memo.split("Прошу")[0] and "__.__.____" in memo
    assert "Следующая информация вносится учебным отделом: Отчётная учебная документация по программе сдана в " \
           "полном объёме." in memo


def test_9_app_1_is_the_seeds_form(demo):
    """#15.9, App 1: the order covers ПК, ПП, topics and events (was ПК only), point 1 names the state service and the
    year of the state task, point 3 names the executor with the position (a blank for both when «Настройки» has no
    executor — never «Ответственному лицу»), point 4 has «(лицо, исполняющее обязанности …)»."""
    from core.paid import documents as p
    from core.records.checks import open_workbook
    from core.store.base import TabData

    order = demo.items("ПОУ_ставки")[0].item
    text = _text(p.rate_order(demo, order.number))
    assert "повышения квалификации/профессиональной переподготовки, по обучению по теме/проблеме, за участие в " \
           "образовательном событии" in text
    year = order.valid_from.year
    assert ("государственной услуги «Реализация дополнительных профессиональных программ повышения квалификации» "
            f"государственного задания ГАУ ДПО «ОИРО» на {year} год") in text
    assert "3. Орлова Мария Сергеевна, методист центра внебюджетной деятельности, ознакомить" in text
    assert "(лицо, исполняющее обязанности руководителя центра внебюджетной деятельности)" in text
    tabs = {name: tab.data for name, tab in demo.tabs.items()}
    settings = tabs["Настройки"]
    kept = [r for r in settings.rows if r[0] not in ("Исполнитель", "Должность исполнителя")]
    tabs["Настройки"] = TabData(settings.name, settings.headers, kept, settings.row_numbers[:len(kept)])
    bare = _text(p.rate_order(open_workbook(tabs, demo.today), order.number))
    assert "3. ______________________ (Ф.И.О., должность), ознакомить" in bare and "Ответственному" not in bare


def test_app_2_is_the_seeds_form_field_by_field(demo):
    """002 App 2: the title by the service's kind and name, the five columns with their numbers and formulas
    («3 = 2 × 1», «5 = 3 × 4»), one row of the service's own figures, the amount in words."""
    from core.paid import documents as p
    from core.platform.money import in_words

    s = next(r.item for r in demo.items("ПОУ_услуги") if r.item.code == "ПОУ-2026-001")
    text = _text(p.cost_calculation(demo, s.code))
    assert text.startswith(f"Расчёт стоимости услуг по проведению обучения по программе повышения квалификации "
                           f"«{s.name}» ({s.hours} час.)")
    assert "Объём (часов) Количество потребителей (человек) Объём услуг (человеко-часов) Стоимость 1 чел.-ч, руб. " \
           "Стоимость услуги, руб. 1 2 3 = 2 × 1 4 5 = 3 × 4" in text
    person_hours, cost = s.hours * s.listeners, s.hours * s.listeners * s.rate
    assert f"{s.hours} {s.listeners} {person_hours} {s.rate:.2f}".replace(".", ",") in text
    assert f"Стоимость услуги: {cost:,.2f}".replace(",", " ").replace(".", ",") + f" ₽ ({in_words(cost)})" in text


def test_app_4_is_the_seeds_form_field_by_field(demo):
    """002 App 4: the department, «СЛУЖЕБНАЯ ЗАПИСКА» dated without «№» (the seed has none), to ЦВД's head, the
    seed's sentence with the service's kind, name, hours and dates, the basis — the customer's request with its
    date and number by ЦВД's journal —, the head's signature and the approvals (УМР for a service on the premises)."""
    from core.paid import documents as p

    s = next(r.item for r in demo.items("ПОУ_услуги") if r.item.code == "ПОУ-2026-001")
    request = next(r.item for r in demo.items("ПОУ_заявки") if r.item.service_code == s.code)
    text = _text(p.unplanned_memo(demo, s.code))
    assert s.unplanned is True  # the demo's unplanned service: its request came after 25 October
    assert text.startswith(f"{s.department} СЛУЖЕБНАЯ ЗАПИСКА {request.received:%d.%m.%Y} Руководителю ЦВД "
                           "Кузнецовой И.П. О внеплановом оказании образовательной услуги")
    assert "На основании анализа возможностей кафедры считаю, что кафедра сможет внепланово оказать услуги по " \
           f"проведению обучения по программе повышения квалификации «{s.name}» ({s.hours} час.), запланированной " \
           f"с {s.start:%d.%m.%Y} по {s.end:%d.%m.%Y}." in text
    assert f"Основание: заявка заказчика «{request.customer}» от {request.received:%d.%m.%Y} № {request.number} (по журналу " \
           "регистрации ЦВД)." in text
    assert text.endswith("Заведующий кафедрой _______________ СОГЛАСОВАНО: Проректор _______________ Проректор по "
                         "УМР _______________")
