"""#18 on «Оценочные процедуры»: a proposed group is written as a session from the page, a step is marked; a row
that breaks a rule shows its finding and nothing is written."""

from datetime import timedelta

from core.store import XlsxStore
from tests.conftest import TODAY


def _page(app_on, workbook_copy):
    at = app_on(workbook_copy)
    at.switch_page("app_pages/assessment.py").run()
    assert not at.exception
    return at


def _sessions(path):
    return XlsxStore(path).read(["Оценка_сессии"]).tabs["Оценка_сессии"].as_dicts()


def _fill_group(at, held, observers):
    key = next(w.key for w in at.date_input if w.key.startswith("asm_К-") and w.key.endswith("_date"))[:-5]
    at.date_input(key=f"{key}_date").set_value(held)
    at.number_input(key=f"{key}_observers").set_value(observers)
    at.text_input(key=f"{key}_place").set_value("ауд. 204")
    at.button(key=f"FormSubmitter:{key}-Проверить").click().run()
    return key


def test_a_proposed_group_becomes_a_session_with_its_participants(app_on, workbook_copy):
    at = _page(app_on, workbook_copy)
    key = _fill_group(at, TODAY + timedelta(days=5), 3)  # too late to invite a week ahead
    assert not at.exception and any("нельзя" in e.value for e in at.error)
    rules = set(next(d.value for d in at.dataframe if "Правило" in d.value.columns)["Правило"])
    assert rules == {"ASM-INVITE-7D"} and not [b for b in at.button if b.key == f"{key}_write"]
    assert len(_sessions(workbook_copy)) == 6

    _fill_group(at, TODAY + timedelta(days=10), 3)
    assert not at.error
    at.button(key=f"{key}_write").click().run()
    assert at.success[0].value.startswith("Записана сессия ОП-07: 6 кандидатов")
    assert _sessions(workbook_copy)[-1]["Код сессии"] == "ОП-07"
    assert not [w for w in at.date_input if w.key.startswith("asm_К-")]  # nobody left to group: no form to repeat
    assert any("ОП-07" in str(d.value["Сессия"].tolist()) for d in at.dataframe if "Сессия" in d.value.columns)


def test_reports_handed_over_before_feedback_are_refused_then_feedback_first(app_on, workbook_copy):
    """ОП-03 was held eight days ago in the demo, nothing after it is marked yet."""
    at = _page(app_on, workbook_copy)
    code = "ОП-03"
    assert next(s for s in _sessions(workbook_copy) if s["Код сессии"] == code)["Дата"] == TODAY - timedelta(days=8)
    at.selectbox(key="asm_step_session").set_value(code)
    at.selectbox(key="asm_step_kind").set_value("Отчёты переданы")
    at.date_input(key="asm_step_date").set_value(TODAY)
    at.button(key="FormSubmitter:asm_step-Проверить").click().run()
    rules = set(next(d.value for d in at.dataframe if "Правило" in d.value.columns)["Правило"])
    assert "ASM-FEEDBACK-FIRST" in rules and not [b for b in at.button if b.key == "asm_step_write"]

    at.date_input(key="asm_step_date").set_value(TODAY - timedelta(days=9))
    at.button(key="FormSubmitter:asm_step-Проверить").click().run()
    assert not at.exception and "раньше самой процедуры" in at.error[0].value

    at.selectbox(key="asm_step_kind").set_value("Обратная связь")
    at.date_input(key="asm_step_date").set_value(TODAY)
    at.button(key="FormSubmitter:asm_step-Проверить").click().run()
    assert not at.error
    at.button(key="asm_step_write").click().run()
    assert at.success[0].value.startswith(f"{code}: обратная связь проведена")
    assert next(s for s in _sessions(workbook_copy) if s["Код сессии"] == code)["Обратная связь"] == TODAY


def test_an_observer_sees_the_groups_but_no_form(app_on, workbook_copy, monkeypatch):
    monkeypatch.setenv("EDUDESK_DEV_USER", "viewer@oiro.example.ru")
    at = _page(app_on, workbook_copy)
    assert not at.date_input and any("только просматривает" in c.value for c in at.caption)
