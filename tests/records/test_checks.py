"""The checks engine and the generic rules, each with a breaking and a passing row."""

from dataclasses import replace

from core.records.checks import RULES, Severity, all_rules, rule, run_all
from core.store.base import TabData
from tests.rows import workbook_data

_workbook = workbook_data


PROGRAM = {"Код": "ПК-001", "Наименование": "Курс", "Вид": "ПК", "Объём, ч": 72}


def _rules(findings, rule_id):
    return [f for f in findings if f.rule == rule_id]


def test_clean_workbook_has_no_findings():
    """An empty workbook with every tab and column present passes every rule."""
    assert run_all(_workbook()) == []


def test_gen_columns_missing_tab_and_column():
    """A missing tab and a missing required column are errors with their place."""
    data = _workbook()
    data["Группы"] = TabData("Группы", [], [], [], exists=False)
    data["Программы"] = TabData("Программы", ["Код", "Наименование"], [], [])
    found = _rules(run_all(data), "GEN-COLUMNS")
    assert any(f.tab == "Группы" and "Нет листа" in f.message for f in found)
    assert any(f.tab == "Программы" and f.column == "Вид" and f.severity == Severity.ERROR for f in found)


def test_gen_cell_breaking_and_passing():
    """«31.02» in a date column is a finding; «28.02» is not."""
    base = {"№ заявки": "1", "Код программы": "ПК-001", "Фамилия": "Иванова", "Имя": "Анна"}
    bad = run_all(_workbook(Программы=[PROGRAM], Заявки=[{**base, "Дата рождения": "31.02.1985"}]))
    good = run_all(_workbook(Программы=[PROGRAM], Заявки=[{**base, "Дата рождения": "28.02.1985"}]))
    assert [f.cell for f in _rules(bad, "GEN-CELL")] == ["H2"]
    assert _rules(good, "GEN-CELL") == []


def test_gen_required_breaking_and_passing():
    """An empty required cell is reported; a filled one is not."""
    bad = run_all(_workbook(Программы=[{**PROGRAM, "Наименование": None}]))
    good = run_all(_workbook(Программы=[PROGRAM]))
    assert [(f.cell, f.column) for f in _rules(bad, "GEN-REQUIRED")] == [("B2", "Наименование")]
    assert _rules(good, "GEN-REQUIRED") == []


def test_gen_key_duplicate_breaking_and_passing():
    """A repeated key is reported at the second row and names the first."""
    bad = run_all(_workbook(Программы=[PROGRAM, {**PROGRAM, "Код": "пк-001"}]))
    good = run_all(_workbook(Программы=[PROGRAM, {**PROGRAM, "Код": "ПК-002"}]))
    (finding,) = _rules(bad, "GEN-KEY")
    assert finding.cell == "A3" and "строке 2" in finding.message
    assert _rules(good, "GEN-KEY") == []


def test_gen_ref_breaking_and_passing():
    """A group whose program code does not exist is reported at that cell."""
    group = {"Код группы": "Г-1", "Код программы": "ПК-999"}
    bad = run_all(_workbook(Программы=[PROGRAM], Группы=[group]))
    good = run_all(_workbook(Программы=[PROGRAM], Группы=[{**group, "Код программы": "ПК-001"}]))
    (finding,) = _rules(bad, "GEN-REF")
    assert (finding.tab, finding.cell) == ("Группы", "B2") and "ПК-999" in finding.message
    assert _rules(good, "GEN-REF") == []


def test_engine_runs_any_registered_rule_without_knowing_it():
    """A rule registered from outside is run by run_all and its findings returned."""

    @rule("TEST-ANY", "тест", Severity.WARNING, "тестовое правило")
    def any_program(wb, r):
        for row in wb.items("Программы"):
            yield r.finding(wb["Программы"], row.row, "name", "проверено")

    try:
        found = run_all(_workbook(Программы=[PROGRAM]))
        assert [(f.rule, f.cell, f.severity) for f in found] == [("TEST-ANY", "B2", Severity.WARNING)]
    finally:
        RULES.pop("TEST-ANY")


def test_every_rule_has_id_clause_and_title():
    """The help page can list every rule with its clause."""
    for registered in all_rules():
        assert registered.id and registered.clause and registered.title


def test_only_tab_filters_findings():
    """check --tab: only that tab's findings."""
    data = _workbook(Программы=[{**PROGRAM, "Наименование": None}], Группы=[{"Код группы": "Г", "Код программы": "X"}])
    assert {f.tab for f in run_all(data, only_tab="Группы")} == {"Группы"}


def test_a_finding_of_a_column_with_no_row_is_about_every_record_a_page_shows():
    """A finding said once for all records of a column their tab does not keep has no row: a page showing some of
    that tab's records shows it too (was: left out, and the page said no rule was broken); with no records, no."""
    from core.records.checks import about_rows
    from core.records.findings import Finding, Severity
    from tests.rows import workbook

    wb = workbook(ПОУ__выплаты=[{"Код услуги": "ПОУ-1", "ФИО": "Орлова Т.В.", "Роль": "преподаватель", "Часы": 8}])
    parsed = wb["ПОУ_выплаты"]
    at_row = Finding("R", "к", Severity.ERROR, "ПОУ_выплаты", 2, "Часы", "D2", "в строке")
    for_all = Finding("R", "к", Severity.WARNING, "ПОУ_выплаты", None, "Роль", None, "Записей так: 12")
    elsewhere = Finding("R", "к", Severity.WARNING, "ПОУ_услуги", None, "Кафедра", None, "другой лист")
    assert about_rows([at_row, for_all, elsewhere], parsed, [2]) == [at_row, for_all]
    assert about_rows([at_row, for_all, elsewhere], parsed, []) == []
    assert (at_row.place, for_all.place, replace(at_row, cell=None).place) == (
        "D2", "столбец «Роль»", "строка 2, «Часы»")
