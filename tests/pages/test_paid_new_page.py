"""#18 «Новая услуга»: cost, the rate order and planning shown as typed; a service that breaks a rule shows its
finding and writes nothing; a good one is written once with its request and appears in the plan."""

from datetime import date

from core.store import XlsxStore


def _page(app_on, workbook_copy):
    at = app_on(workbook_copy)
    at.switch_page("app_pages/paid_new.py").run()
    assert not at.exception
    return at


def _type(at, rate="150", kind="ПК"):
    at.selectbox(key="new_pay_department").set_value("Кафедра естественно-математического образования")
    at.selectbox(key="new_pay_kind").set_value(kind)
    at.text_input(key="new_pay_name").set_value("Наставничество в школе")
    at.selectbox(key="new_pay_place").set_value("на территории заказчика")
    at.text_input(key="new_pay_customer").set_value("Управление образования г. Азов (Рост.)")
    at.number_input(key="new_pay_hours").set_value(72)
    at.number_input(key="new_pay_listeners").set_value(20)
    at.text_input(key="new_pay_rate").set_value(rate)
    at.date_input(key="new_pay_start").set_value(date(2027, 3, 15))
    at.date_input(key="new_pay_end").set_value(date(2027, 3, 19))
    at.date_input(key="new_pay_requested").set_value(date(2026, 12, 1))
    at.text_input(key="new_pay_request").set_value("ЦВД-77")
    return at.run()


def _services(path):
    return XlsxStore(path).read(["ПОУ_услуги"]).tabs["ПОУ_услуги"].as_dicts()


def test_cost_rate_and_planning_are_shown_as_typed(app_on, workbook_copy):
    at = _type(_page(app_on, workbook_copy), rate="150,5")
    assert at.metric[0].value == "216\u00a0720,00\u00a0₽"
    text = " ".join(m.value for m in at.markdown)
    assert "приказ № 2027-ОД-12: 120–165 ₽ — ставка в диапазоне" in text
    assert "внеплановая: заявка после 25.10.2026" in text
    at.text_input(key="new_pay_rate").set_value("сто").run()
    assert not at.exception and at.error[0].value.startswith("«Ставка, ₽/чел.-ч»:")


def test_a_breaking_service_is_refused_then_the_corrected_one_written_once(app_on, workbook_copy):
    at = _type(_page(app_on, workbook_copy), rate="200")
    at.button(key="new_pay_check").click().run()
    rules = set(next(d.value for d in at.dataframe if "Правило" in d.value.columns)["Правило"])
    assert rules == {"PAY-RATE-RANGE"} and not [b for b in at.button if b.key == "new_pay_write"]
    count = len(_services(workbook_copy))

    at.text_input(key="new_pay_rate").set_value("150").run()  # the check follows the fields once asked for
    assert not at.error
    at.button(key="new_pay_write").click().run()
    assert at.success[0].value == "Услуга ПОУ-2027-016 записана в план: 216\u00a0000,00\u00a0₽, заявка № ЦВД-77."
    services = _services(workbook_copy)
    assert len(services) == count + 1 and services[-1]["Внеплановая"] == "да"
    assert at.text_input(key="new_pay_name").value == ""  # the form is empty again: nothing to click twice


def test_an_observer_gets_no_form(app_on, workbook_copy, monkeypatch):
    monkeypatch.setenv("EDUDESK_DEV_USER", "viewer@oiro.example.ru")
    at = _page(app_on, workbook_copy)
    assert any("только просматривает" in i.value for i in at.info) and not at.text_input
