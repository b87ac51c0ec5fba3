"""The service card for a fixed «today» (23.11.2026): overdue steps, marking one done, the issue block."""

from core.store import XlsxStore


def test_card_shows_overdue_steps_and_marks_one_done(app_on, workbook_copy):
    """ПОУ-2026-002 is at a customer's and nothing of its §5.3 timeline is marked: its past steps are overdue."""
    at = app_on(workbook_copy)
    at.switch_page("app_pages/paid_card.py").run()
    at.selectbox(key="card_service").set_value("ПОУ-2026-002").run()
    assert not at.exception
    table = at.dataframe[0].value
    overdue = list(table.loc[table["Состояние"] == "просрочено", "Шаг"])
    assert overdue[:3] == ["5.3.1", "5.3.2", "5.3.4"] and all(key.startswith("5.3.") for key in overdue)
    # the course ended weeks ago: every step of §5.3 is past due, but those the seed gives no date (#15.5, #15.6)
    undated = list(table.loc[table["Состояние"] == "нет срока", "Шаг"])
    section = table[table["Шаг"].str.startswith("5.3.")]
    assert undated == ["5.3.3", "5.3.5", "5.3.10", "5.3.11", "5.3.24"] and len(overdue) == len(section) - 5 == 18
    # paid in full: §7's settlement follows, each step after the one before (7.3 is due this week)
    assert list(table.loc[table["Шаг"].str.startswith("7."), "Состояние"]) == ["выполнено", "выполнено",
                                                                              "на этой неделе"]
    at.selectbox(key="card_step").set_value("5.3.1")  # inside the form: sent with the submit
    at.button(key="FormSubmitter:mark_step-Отметить").click().run()
    assert not at.exception and "5.3.1" in at.success[0].value
    steps = XlsxStore(workbook_copy).read(["ПОУ_этапы"]).tabs["ПОУ_этапы"]
    assert steps.rows[-1][:2] == ["ПОУ-2026-002", "5.3.1"]
    at.run()
    table = at.dataframe[0].value
    assert table.loc[table["Шаг"] == "5.3.1", "Состояние"].item() == "выполнено с опозданием"


def test_unpaid_service_blocks_issue(app_on, workbook_copy):
    """The unpaid ПОУ-2026-005 says documents can't be issued, and its issue step can't be marked."""
    at = app_on(workbook_copy)
    at.switch_page("app_pages/paid_card.py").run()
    at.selectbox(key="card_service").set_value("ПОУ-2026-005").run()
    assert any("только после полной оплаты" in w.value for w in at.warning)
    steps = [s for s in at.selectbox if s.key == "card_step"]
    assert not steps or "5.2.18" not in steps[0].options


def _card(app_on, workbook_copy, code):
    at = app_on(workbook_copy)
    at.switch_page("app_pages/paid_card.py").run()
    at.selectbox(key="card_service").set_value(code).run()
    assert not at.exception
    return at


def _payments(path, contract):
    return [r for r in XlsxStore(path).read(["ПОУ_оплаты"]).tabs["ПОУ_оплаты"].as_dicts() if r["Договор"] == contract]


def test_18_a_payment_is_recorded_on_the_card_and_an_overpayment_refused(app_on, workbook_copy):
    """ПОУ-2027-012: 61 440 ₽ under Д-012, nothing paid. 70 000 is refused and nothing written; 40 000 is written."""
    at = _card(app_on, workbook_copy, "ПОУ-2027-012")
    at.text_input(key="card_pay_amount").set_value("70 000")
    at.button(key="FormSubmitter:card_payment-Записать оплату").click().run()
    assert not at.exception and "больше суммы договора" in at.error[0].value
    assert _payments(workbook_copy, "Д-012")[0]["Оплачено"] == 0
    at.text_input(key="card_pay_amount").set_value("40 000,00")
    at.button(key="FormSubmitter:card_payment-Записать оплату").click().run()
    assert at.success[0].value == "Оплата по договору Д-012 записана: всего оплачено 40\u00a0000,00\u00a0₽."
    assert _payments(workbook_copy, "Д-012")[0]["Оплачено"] == 40000


def test_18_a_change_breaking_the_memo_deadline_shows_its_finding_then_a_timely_one_is_written(app_on, workbook_copy):
    """PAY-CHANGE-2W: ПОУ-2027-012 starts 10.05.2027 in the Institution; a memo on 01.05.2027 is after the info letter."""
    from datetime import date

    at = _card(app_on, workbook_copy, "ПОУ-2027-012")
    assert at.text_input(key="card_change_was_ПОУ-2027-012_сроки").value == "с 10.05.2027 по 14.05.2027"
    at.date_input(key="card_change_date").set_value(date(2027, 5, 1))
    at.text_input(key="card_change_becomes").set_value("с 17.05.2027 по 21.05.2027")
    at.text_input(key="card_change_reason").set_value("письмо заказчика")
    at.button(key="FormSubmitter:card_change-Записать изменение").click().run()
    assert not at.exception and at.error
    rules = set(next(d.value for d in at.dataframe if "Правило" in d.value.columns)["Правило"])
    assert rules == {"PAY-CHANGE-2W"}
    changes = XlsxStore(workbook_copy).read(["ПОУ_изменения"]).tabs["ПОУ_изменения"]
    assert len(changes.rows) == 1
    at.date_input(key="card_change_date").set_value(date(2026, 11, 23))
    at.button(key="FormSubmitter:card_change-Записать изменение").click().run()
    assert at.success[0].value.startswith("Изменение (сроки) записано")
    last = XlsxStore(workbook_copy).read(["ПОУ_изменения"]).tabs["ПОУ_изменения"].as_dicts()[-1]
    assert last["Стало"] == "с 17.05.2027 по 21.05.2027" and last["Причина"] == "письмо заказчика"
