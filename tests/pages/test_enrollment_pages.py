"""The enrollment pages driven as a methodist would: upload forms, form groups."""

from datetime import date

from core.records.checks import open_workbook
from core.store import XlsxStore
from sheets_schema import TABS
from tests.forms import BAD, GOOD, filled_form


def _wb(path):
    return open_workbook(XlsxStore(path).read([t.name for t in TABS]).tabs)


def test_form_with_three_good_and_two_bad_rows(app_on, workbook_copy):
    """A filled form with 3 good rows and 2 bad ones: 3 appended, 2 reported with their problems."""
    before = _wb(workbook_copy)
    programs = [r.item for r in before.items("Программы")]
    at = app_on(workbook_copy)
    at.switch_page("app_pages/applications.py").run()
    at.file_uploader(key="forms").set_value(("школа.xlsx", filled_form(programs, GOOD + BAD),
                                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).run()
    assert not at.exception
    preview = at.dataframe[0].value
    problems = preview[preview["Замечания"] != "—"]
    assert len(preview) == 5 and len(problems) == 2
    assert any("ENR-CATEGORY" in p for p in problems["Замечания"])
    at.button(key="append_applications").click().run()
    assert not at.exception and at.success[0].value.startswith("Добавлено: 3 заявки (№ ")
    after = _wb(workbook_copy).items("Заявки")
    assert len(after) == len(before.items("Заявки")) + 3
    assert {r.item.last_name for r in after[-3:]} == {"Сидорова", "Петров", "Кузина"}


def test_groups_for_26_applicants_are_13_and_13(app_on, workbook_copy):
    """26 approved applicants of one program become two groups of 13, written on confirmation."""
    before = _wb(workbook_copy)
    at = app_on(workbook_copy)
    at.switch_page("app_pages/groups.py").run()
    at.selectbox(key="group_program").set_value("ПК-008").run()
    assert any(c.value == "Размеры групп: 13 + 13" for c in at.caption)
    assert at.button(key="confirm_groups").disabled  # no dates yet: nothing to save a group with
    at.date_input(key="group_start").set_value(date(2027, 1, 18)).run()
    at.date_input(key="group_end").set_value(date(2027, 1, 29)).run()
    at.button(key="confirm_groups").click().run()
    assert not at.exception and at.success[0].value == "Записано: 2 группы, 26 слушателей."
    after = _wb(workbook_copy)
    new_groups = after.items("Группы")[len(before.items("Группы")):]
    assert [g.item.code for g in new_groups] == ["ПК-008-03", "ПК-008-04"]
    new_listeners = after.items("Слушатели")[len(before.items("Слушатели")):]
    assert sorted(sum(1 for x in new_listeners if x.item.group_code == g.item.code) for g in new_groups) == [13, 13]
    assert {(g.item.start, g.item.end) for g in new_groups} == {(date(2027, 1, 18), date(2027, 1, 29))}
