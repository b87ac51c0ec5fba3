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
