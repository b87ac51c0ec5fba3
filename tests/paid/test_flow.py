"""#18 a new paid service (002): live cost, the rate order in force on the start date, planned/unplanned by the
25 October cut-off, the service and its request written in one write under the same rules as the sheet."""

from datetime import date
from decimal import Decimal

import pytest

from core.paid.flow import ServiceDraft, add_service, check_service, quote, service_numbers, unplanned
from core.platform.errors import EduDeskError
from core.records.checks import open_workbook
from core.records.form import RecordRefused
from core.records.journal import JournaledStore
from core.store import XlsxStore
from tests.conftest import TODAY, all_tabs

DRAFT = ServiceDraft(department="Кафедра естественно-математического образования", kind="ПК", name="Наставничество в школе",
                     place="на территории заказчика", customer="Управление образования г. Азов (Рост.)", hours=72,
                     listeners=20, rate=Decimal("150"), start=date(2027, 3, 15), end=date(2027, 3, 19),
                     requested=date(2026, 12, 1), request_number="ЦВД-77")


def _store(path):
    return JournaledStore(XlsxStore(path), "admin@oiro.example.ru")


def test_codes_take_the_start_year_and_run_on_across_years():
    allocate = service_numbers(2027).allocate
    assert allocate(["ПОУ-2026-001", "ПОУ-2027-015", "ПОУ-2026-008", "другое"], 2) == ["ПОУ-2027-016", "ПОУ-2027-017"]
    assert service_numbers(2026).allocate([], 1) == ["ПОУ-2026-001"]


@pytest.mark.parametrize("requested, late", [(date(2026, 10, 25), False), (date(2026, 10, 26), True),
                                             (date(2027, 2, 1), True), (None, None)])
def test_the_25_october_cut_off_is_inclusive(requested, late):
    """п. 3.3.8: requests by 25 October (inclusive) are planned for the next year; later ones are unplanned."""
    assert unplanned(requested, date(2027, 3, 15)) is late


def test_the_form_shows_cost_the_order_in_force_and_planning_as_typed(workbook_copy):
    wb = open_workbook(all_tabs(workbook_copy), TODAY)
    shown = quote(wb, DRAFT)
    assert shown.cost.person_hours == 1440 and shown.cost.cost == Decimal("216000.00")
    assert shown.rate_verdict == "приказ № 2027-ОД-12: 120–165 ₽ — ставка в диапазоне"
    assert shown.planned_verdict.startswith("внеплановая: заявка после 25.10.2026")
    shown = quote(wb, ServiceDraft(**{**DRAFT.__dict__, "rate": Decimal("200"), "requested": date(2026, 10, 20),
                                      "start": date(2028, 2, 1)}))
    assert "нет действующего приказа" in shown.rate_verdict and shown.planned_verdict.startswith("плановая")


def test_a_service_and_its_request_are_written_once_with_one_code(workbook_copy):
    assert check_service(all_tabs(workbook_copy), DRAFT, TODAY) == []
    code = add_service(_store(workbook_copy), DRAFT, TODAY)
    assert code == "ПОУ-2027-016"
    tabs = all_tabs(workbook_copy)
    service = tabs["ПОУ_услуги"].as_dicts()[-1]
    assert service["Код услуги"] == code and service["Внеплановая"] == "да" and service["Ставка, ₽/чел.-ч"] == 150
    assert service["Дата начала"] == date(2027, 3, 15) and service["Статус"] == "запланирована"
    request = tabs["ПОУ_заявки"].as_dicts()[-1]
    assert request["№ по журналу ЦВД"] == "ЦВД-77" and request["Код услуги"] == code and request["Численность"] == 20
    assert {j["Лист"] for j in tabs["Журнал"].as_dicts()[-2:]} == {"ПОУ_услуги", "ПОУ_заявки"}
    with pytest.raises(EduDeskError, match="заявка № ЦВД-77 уже есть"):  # a second click
        add_service(_store(workbook_copy), DRAFT, TODAY)
    assert len(all_tabs(workbook_copy)["ПОУ_услуги"].rows) == len(tabs["ПОУ_услуги"].rows)


@pytest.mark.parametrize("changes, rule", [
    ({"rate": Decimal("200")}, "PAY-RATE-RANGE"),                  # above the 2027 order's 165 ₽
    ({"kind": "ПП"}, "PAY-CUSTOMER-KINDS"),                       # retraining is not taught at the customer's
])
def test_a_service_that_breaks_a_rule_is_refused_and_nothing_is_written(workbook_copy, changes, rule):
    draft = ServiceDraft(**{**DRAFT.__dict__, **changes})
    before = all_tabs(workbook_copy)
    with pytest.raises(RecordRefused, match="Услуга не записана") as refused:
        add_service(_store(workbook_copy), draft, TODAY, confirmed_warnings=True)
    assert rule in {f.rule for f in refused.value.findings}
    after = all_tabs(workbook_copy)
    assert after["ПОУ_услуги"].rows == before["ПОУ_услуги"].rows
    assert after["ПОУ_заявки"].rows == before["ПОУ_заявки"].rows


def _payment(path, contract="Д-012"):
    return next(r for r in all_tabs(path)["ПОУ_оплаты"].as_dicts() if r["Договор"] == contract)


def test_payments_add_up_under_their_contract_and_never_exceed_it(workbook_copy):
    """ПОУ-2027-012, contract Д-012 for 61 440 ₽, nothing paid: two payments make it paid in full; a third is refused."""
    from core.paid.flow import record_payment

    store = _store(workbook_copy)
    assert record_payment(store, "ПОУ-2027-012", "Д-012", Decimal("40000"), date(2026, 11, 20), TODAY) == 40000
    assert record_payment(store, "ПОУ-2027-012", "д-012 ", Decimal("21440"), date(2026, 11, 23), TODAY) == 61440
    row = _payment(workbook_copy)
    assert row["Оплачено"] == 61440 and row["Дата оплаты"] == date(2026, 11, 23)
    with pytest.raises(EduDeskError, match="больше суммы договора 61\u00a0440,00\u00a0₽"):
        record_payment(store, "ПОУ-2027-012", "Д-012", Decimal("0.01"), TODAY, TODAY)
    assert _payment(workbook_copy)["Оплачено"] == 61440
    journal = [j for j in all_tabs(workbook_copy)["Журнал"].as_dicts()
               if j["Лист"] == "ПОУ_оплаты" and j["Кто"] != "edudesk init"]  # not the demo's own making
    assert [j["Действие"] for j in journal] == ["изменение", "изменение"]


def test_a_second_contract_gets_its_row_and_the_sums_rule_asks_first(workbook_copy):
    """A new contract for the same service makes the contract sums exceed the cost (PAY-COST, a warning)."""
    from core.paid.flow import record_payment

    store = _store(workbook_copy)
    with pytest.raises(RecordRefused, match="подтвердите") as refused:
        record_payment(store, "ПОУ-2027-012", "Д-012/2", Decimal("1000"), TODAY, TODAY, payer="МОУО",
                       amount=Decimal("1000"))
    assert {f.rule for f in refused.value.findings} == {"PAY-COST"}
    record_payment(store, "ПОУ-2027-012", "Д-012/2", Decimal("1000"), TODAY, TODAY, payer="МОУО",
                   amount=Decimal("1000"), confirmed_warnings=True)
    assert _payment(workbook_copy, "Д-012/2")["Сумма по договору"] == 1000


def test_a_change_is_recorded_with_its_reason_and_the_memo_prints_the_latest(workbook_copy):
    """App 5 prints the change just recorded (not an older one) and its reason instead of a blank line; a memo
    written after the info letter's due date is refused (PAY-CHANGE-2W)."""
    import io

    from pypdf import PdfReader

    from core.paid.documents import change_memo
    from core.paid.flow import record_change, was_of
    from sheets_schema.enums import ChangeKind

    store = _store(workbook_copy)
    service = next(r.item for r in open_workbook(all_tabs(workbook_copy), TODAY).items("ПОУ_услуги")
                   if r.item.code == "ПОУ-2027-012")
    was = was_of(service, ChangeKind.DATES)
    assert was == "с 10.05.2027 по 14.05.2027"
    with pytest.raises(RecordRefused) as refused:
        record_change(store, "ПОУ-2027-012", ChangeKind.DATES, date(2027, 5, 1), was, "с 17.05.2027 по 21.05.2027",
                      "перенос по просьбе заказчика", TODAY)
    assert [f.rule for f in refused.value.findings] == ["PAY-CHANGE-2W"]
    record_change(store, "ПОУ-2027-007", ChangeKind.DATES, TODAY, "с 22.01.2027 по 26.01.2027",
                  "с 25.01.2027 по 29.01.2027", "совпадение с каникулами в школах заказчика", TODAY)
    text = PdfReader(io.BytesIO(change_memo(open_workbook(all_tabs(workbook_copy), TODAY), "ПОУ-2027-007"))) \
        .pages[0].extract_text()
    assert "новые сроки — с 25.01.2027 по 29.01.2027" in " ".join(text.split())
    assert "Основание: совпадение с каникулами в школах заказчика" in " ".join(text.split())
    # the seed's title and approvals: «Об изменении сроков …», the vice-rector, and for a service in the
    # Institution also the vice-rector for teaching and methods (п. 5.1.1)
    assert "Об изменении сроков оказания платной образовательной услуги" in " ".join(text.split())
    assert "СОГЛАСОВАНО" in text and "Проректор по УМР" in text


@pytest.mark.parametrize("position, addressee", [(None, "Ректору"), ("Директор", "Директору"),
                                                 ("Исполняющий обязанности ректора", "Исполняющий обязанности ректора")])
def test_10_app_6_is_addressed_in_the_dative_even_without_a_position_in_the_settings(workbook_copy, position,
                                                                                      addressee):
    """#15.10: «Ректоруу» when «Должность руководителя» was empty; the change of price is recorded first."""
    import io

    from pypdf import PdfReader

    from core.paid.documents import price_memo
    from core.paid.flow import record_change
    from sheets_schema.enums import ChangeKind

    record_change(_store(workbook_copy), "ПОУ-2027-012", ChangeKind.PRICE, TODAY, "61 440,00 ₽", "65 000,00 ₽",
                  "рост стоимости аренды", TODAY)
    tabs = all_tabs(workbook_copy)
    settings = tabs["Настройки"]
    row = next(r for r in settings.rows if r[0] == "Должность руководителя")
    row[1] = position
    text = " ".join(PdfReader(io.BytesIO(price_memo(open_workbook(tabs, TODAY), "ПОУ-2027-012"))).pages[0]
                    .extract_text().split())
    assert f"{addressee} ГАУ ДПО «ОИРО»" in text and "Ректоруу" not in text
    assert "с 61 440,00 ₽ на 65 000,00 ₽" in text and "Причиной изменения стоимости является рост стоимости аренды" in text


def test_10_memos_carry_their_number_and_the_estimate_its_contracts_with_dates(workbook_copy):
    """#15.10: App 5/6 had no «№» (the seed's head is «00.00.0000 №»), App 7 named contracts without «от …». The
    number typed with the change is printed after the date, a place to write it in when there is none; a new
    contract's date is written with the payment and printed in the estimate."""
    import io

    from pypdf import PdfReader

    from core.paid.documents import change_memo, price_memo
    from core.paid.flow import record_change, record_payment
    from core.paid.settlement_documents import estimate_doc
    from sheets_schema.enums import ChangeKind

    def text(pdf: bytes) -> str:
        return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)

    store = _store(workbook_copy)
    record_change(store, "ПОУ-2027-007", ChangeKind.DATES, TODAY, "с 22.01.2027 по 26.01.2027",
                  "с 25.01.2027 по 29.01.2027", "каникулы", TODAY, memo_number="47")
    record_change(store, "ПОУ-2027-012", ChangeKind.PRICE, TODAY, "61 440,00 ₽", "65 000,00 ₽", "аренда", TODAY)
    wb = open_workbook(all_tabs(workbook_copy), TODAY)
    assert f"СЛУЖЕБНАЯ ЗАПИСКА {TODAY:%d.%m.%Y} № 47 Руководителю ЦВД" in text(change_memo(wb, "ПОУ-2027-007"))
    assert f"СЛУЖЕБНАЯ ЗАПИСКА {TODAY:%d.%m.%Y} № ____" in text(price_memo(wb, "ПОУ-2027-012"))

    record_payment(store, "ПОУ-2027-012", "Д-777", Decimal("100"), TODAY, TODAY, "Школа № 5", Decimal("100"),
                   confirmed_warnings=True, contract_date=date(2026, 11, 2))
    wb = open_workbook(all_tabs(workbook_copy), TODAY)
    row = next(r.item for r in wb.items("ПОУ_оплаты") if r.item.contract == "Д-777")
    assert row.contract_date == date(2026, 11, 2)
    first = next(r for r in wb.items("ПОУ_оплаты") if r.item.service_code == "ПОУ-2026-001").item
    assert first.contract_date is not None  # the demo's contracts carry their dates
    contracts = [r for r in wb.items("ПОУ_оплаты") if r.item.service_code == "ПОУ-2026-001"]
    assert len(contracts) == 1  # one contract: «к договору», not App 7's plural (#33 item 9)
    assert f"к договору № {first.contract} от {first.contract_date:%d.%m.%Y} Кафедра" in \
        text(estimate_doc(wb, "ПОУ-2026-001"))
