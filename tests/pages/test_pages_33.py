"""Issue #33, «Pages and forms, round 2»: each numbered defect through the page (AppTest) or the CLI, as a user
meets it. Every test here failed on the code before the fix."""

from __future__ import annotations

from core.store import XlsxStore
from tests.pages.test_records_page import _records_form, _type


def _confirm_and_add(at, tab):
    for box in [c for c in at.checkbox if c.key == f"record_{tab}_confirm"]:
        box.check()
    at.run()
    at.button(key=f"record_{tab}_add").click().run()


def test_1_a_task_is_added_to_progress_through_the_form(app_on, workbook_copy):
    """«Успеваемость» has a column «Дата проверки» (field `checked`): its widget used to take the key of the form's
    own «checked» flag, and «Проверить» showed the internal-error message on any input."""
    at = _records_form(app_on, workbook_copy, "Успеваемость")
    listener = next(w for w in at.selectbox if w.key == "record_Успеваемость_listener_id").options[0]
    before = len(XlsxStore(workbook_copy).read(["Успеваемость"]).tabs["Успеваемость"].rows)
    at.button(key="record_Успеваемость_check").click().run()  # an empty form: the fields are named, nothing breaks
    assert not at.exception and any("обязательное поле" in e.value for e in at.error)
    _type(at, "Успеваемость", listener_id=listener.split(" — ")[0], task="Модуль 9: итоговая работа",
          due="30.11.2026", checked="27.11.2026", done="26.11.2026", score="8")
    assert not at.exception
    _confirm_and_add(at, "Успеваемость")
    assert not at.exception and at.success[0].value == "Запись добавлена на лист «Успеваемость»."
    rows = XlsxStore(workbook_copy).read(["Успеваемость"]).tabs["Успеваемость"].as_dicts()
    assert len(rows) == before + 1 and rows[-1]["Модуль/задание"] == "Модуль 9: итоговая работа"


def test_1_no_field_of_any_tab_takes_a_key_of_the_form_itself():
    from core.records.form import fields
    from sheets_schema import TABS

    own = {"check", "add", "confirm", "findings"}  # the form's buttons and tables: «{prefix}_{own}»
    clashes = [(t.name, s.column.field) for t in TABS for s in fields(t.name) if s.column.field in own]
    assert clashes == []


# Item 2 and «done when»: what a person types in a number field, and what the app makes of it — the same in
# every form (the form's reader), `edudesk add`, the calculators, the payment form and `edudesk calc`.
REFUSED = "отказ"
NUMBER_INPUTS = [
    ("1,234.50", "1234.50"),     # the defect: was 1,2345
    ("1.234,50", "1234.50"),
    ("1 234,50", "1234.50"),
    ("1\u00a0234,50", "1234.50"),  # a no-break space, as Excel and Word put it
    ("1234.5", "1234.5"),
    ("72,5", "72.5"),
    ("152.50", "152.50"),
    ("0.125", "0.125"),
    ("1,234", "1.234"),          # a Russian decimal comma
    ("1.234", REFUSED),          # 1 234 or 1,234? — asked, never guessed
    ("12.500", REFUSED),
    ("1.234.567", "1234567"),
    ("1 234 567", "1234567"),
    ("12,34.5", REFUSED),
    ("12 5", REFUSED),
    ("1.2.3", REFUSED),
    ("1,2,3", REFUSED),
    ("1e3", REFUSED),
    ("--5", REFUSED),
    ("тридцать", REFUSED),
    ("100 руб.", "100"),
    ("−8", "-8"),
    ("%", REFUSED),              # a unit alone (found by the property test of every cell)
    ("+", REFUSED),
]


def test_2_every_typed_number_is_read_as_meant_or_refused():
    from decimal import Decimal

    from core.platform.errors import CellError
    from core.records.cells import read_decimal

    gave = []
    for text, _ in NUMBER_INPUTS:
        try:
            gave.append((text, str(read_decimal(text))))
        except CellError:
            gave.append((text, REFUSED))
    assert gave == NUMBER_INPUTS
    assert Decimal(dict(gave)["1,234.50"]) == Decimal("1234.50")


def test_2_every_number_field_of_every_form_reads_the_same(monkeypatch):
    """The record form (page «Записи листов», the area pages' forms and `edudesk add`) reads through parse()."""
    from decimal import Decimal

    from core.records.form import fields, parse
    from sheets_schema import TABS

    tried = 0
    for tab in TABS:
        for spec in fields(tab.name):
            if spec.column.kind not in (Decimal, int):
                continue
            for text, meant in NUMBER_INPUTS:
                values, problems = parse(tab.name, {spec.header: text})
                if meant == REFUSED or (spec.column.kind is int and "." in meant) or (
                        Decimal(meant) <= 0 and spec.column.positive) or (
                        Decimal(meant) < 0 and spec.column.nonnegative) or (
                        spec.column.money and Decimal(meant) != Decimal(meant).quantize(Decimal("0.01"))):
                    assert spec.header in problems and spec.header not in values, (tab.name, spec.header, text)
                else:
                    assert values[spec.header] == Decimal(meant), (tab.name, spec.header, text)
                tried += 1
    assert tried > 500


def test_2_a_payment_typed_with_a_thousands_comma_is_written_as_meant(app_on, workbook_copy):
    """ПОУ_оплаты F6: «1,234.50» was written as 1,2345 (всего оплачено 1,23 ₽). Now 1 234,50; «1.234» is asked
    about and nothing is written; «1,2345» has no kopecks to hold it and is refused."""
    from decimal import Decimal

    def payments():
        return [r for r in XlsxStore(workbook_copy).read(["ПОУ_оплаты"]).tabs["ПОУ_оплаты"].as_dicts()
                if r["Договор"] == "Д-012"]

    at = app_on(workbook_copy)
    at.switch_page("app_pages/paid_card.py").run()
    at.selectbox(key="card_service").set_value("ПОУ-2027-012").run()
    for typed, said in (("1.234", "1 234 или 1,234"), ("1,2345", "двух знаков после запятой"),
                        ("-500", "больше нуля")):
        at.text_input(key="card_pay_amount").set_value(typed)
        at.button(key="FormSubmitter:card_payment-Записать оплату").click().run()
        assert not at.exception and any(said in e.value for e in at.error), typed
        assert payments()[0]["Оплачено"] == 0
    at.text_input(key="card_pay_amount").set_value("1,234.50")
    at.button(key="FormSubmitter:card_payment-Записать оплату").click().run()
    assert at.success[0].value == "Оплата по договору Д-012 записана: всего оплачено 1\u00a0234,50\u00a0₽."
    assert Decimal(str(payments()[0]["Оплачено"])) == Decimal("1234.50")


def test_2_the_calculator_and_the_command_line_read_the_same(app_on, workbook_copy, capsys):
    from core.cli import main

    at = app_on(workbook_copy)
    at.switch_page("app_pages/calculators.py").run()
    at.text_input(key="svc_rate").set_value("1,234.50").run()
    assert next(m for m in at.metric if m.label == "Стоимость услуги").value == "2\u00a0222\u00a0100,00\u00a0₽"
    at.text_input(key="svc_rate").set_value("1.234").run()
    assert any("1 234 или 1,234" in e.value for e in at.error)
    assert not [m for m in at.metric if m.label == "Стоимость услуги"]

    assert main(["calc", "service-cost", "--hours", "72", "--listeners", "25", "--rate", "1,234.50"]) == 0
    assert "2\u00a0222\u00a0100,00\u00a0₽" in capsys.readouterr().out
    with __import__("pytest").raises(SystemExit):
        main(["calc", "service-cost", "--hours", "72", "--listeners", "25", "--rate", "1.234"])
    assert "1 234 или 1,234" in capsys.readouterr().err

    add = ["--workbook", str(workbook_copy), "add", "ПОУ_оплаты", "--set", "Код услуги=ПОУ-2027-012", "--set",
           "Договор=Д-999", "--set", "Сумма по договору=1 234,50", "--yes"]
    assert main([*add, "--set", "Оплачено=1.234"]) != 0 and "1 234 или 1,234" in capsys.readouterr().err
    assert main([*add, "--set", "Оплачено=1,234.50"]) == 0
    row = next(r for r in XlsxStore(workbook_copy).read(["ПОУ_оплаты"]).tabs["ПОУ_оплаты"].as_dicts()
               if r["Договор"] == "Д-999")
    assert str(row["Оплачено"]) in ("1234.5", "1234.50") and str(row["Сумма по договору"]) in ("1234.5", "1234.50")


# Item 7: a programme of −8 or 0 hours, and the other counts and amounts that can't be zero or negative.
def test_7_a_programme_of_no_hours_is_refused_by_the_form_the_cli_and_check(app_on, workbook_copy, capsys):
    from core.cli import main

    at = _records_form(app_on, workbook_copy, "Программы")
    for hours in ("-8", "0"):
        _type(at, "Программы", code="ПК-077", name="Курс", kind="ПК", hours=hours, form="очная")
        assert any(e.value.startswith("«Объём, ч»:") and "больше нуля" in e.value for e in at.error), hours
        assert not [b for b in at.button if b.key == "record_Программы_add"]
    base = ["--workbook", str(workbook_copy), "add", "Программы", "--set", "Код=ПК-078", "--set", "Наименование=Курс",
            "--set", "Вид=ПК"]
    assert main([*base, "--set", "Объём, ч=-8"]) != 0
    assert "больше нуля" in capsys.readouterr().err
    codes = [r[0] for r in XlsxStore(workbook_copy).read(["Программы"]).tabs["Программы"].rows]
    assert "ПК-077" not in codes and "ПК-078" not in codes
    assert main([*base, "--set", "Объём, ч=16"]) == 0


def test_7_check_names_each_number_that_cant_be_zero_or_negative():
    from tests.rows import findings

    def hours(value):
        return findings("GEN-NUMBER", Программы=[{"Код": "ПК-1", "Наименование": "Курс", "Вид": "ПК",
                                                   "Объём, ч": value}])
    assert [f.cell for f in hours(-8)] == ["D2"] and "больше нуля" in hours(-8)[0].message
    assert [f.cell for f in hours(0)] == ["D2"]
    assert hours(16) == []
    paid = findings("GEN-NUMBER", ПОУ_оплаты=[
        {"Код услуги": "ПОУ-1", "Договор": "Д-1", "Сумма по договору": 1000, "Оплачено": 0},        # passes
        {"Код услуги": "ПОУ-1", "Договор": "Д-2", "Сумма по договору": 0, "Оплачено": 0},           # no amount
        {"Код услуги": "ПОУ-1", "Договор": "Д-3", "Сумма по договору": 1000, "Оплачено": -5},       # negative paid
        {"Код услуги": "ПОУ-1", "Договор": "Д-4", "Сумма по договору": "1,2345", "Оплачено": 0}])   # not kopecks
    assert [(f.row, f.column) for f in paid] == [(3, "Сумма по договору"), (4, "Оплачено"), (5, "Сумма по договору")]
    rates = findings("GEN-NUMBER", ПОУ_услуги=[{"Код услуги": "ПОУ-1", "Кафедра": "К", "Вид": "ПК", "Наименование": "У",
                                                "Часы": 36, "Слушатели": 0, "Ставка, ₽/чел.-ч": -150}])
    assert {f.column for f in rates} == {"Слушатели", "Ставка, ₽/чел.-ч"}


def test_9_a_negative_rate_on_new_service_is_a_field_message(app_on, workbook_copy, monkeypatch):
    monkeypatch.delenv("EDUDESK_SHOW_ERRORS")  # the page's own Russian notice is what a person would see
    at = app_on(workbook_copy)
    at.switch_page("app_pages/paid_new.py").run()
    at.number_input(key="new_pay_hours").set_value(36)
    at.number_input(key="new_pay_listeners").set_value(20)
    at.text_input(key="new_pay_rate").set_value("-150").run()
    assert not at.exception
    assert [e.value for e in at.error] == ["«Ставка, ₽/чел.-ч» = −150: здесь может быть только число больше нуля."]


# Item 8: a two-digit year in a birth date.
DATE_INPUTS = [  # (typed, as a birth date, as any other date)
    ("03.02.65", "1965-02-03", "2065-02-03"),
    ("03.02.05", "2005-02-03", "2005-02-03"),
    ("03.02.1965", "1965-02-03", "1965-02-03"),
    ("1965-02-03", "1965-02-03", "1965-02-03"),
    ("3.2.65 г.", "1965-02-03", "2065-02-03"),
    ("31.02.1965", REFUSED, REFUSED),
    ("03021965", REFUSED, REFUSED),
    ("вчера", REFUSED, REFUSED),
]


def test_8_a_two_digit_birth_year_is_read_into_the_past():
    from core.records.form import parse

    for typed, born, other in DATE_INPUTS:
        for header, meant in (("Дата рождения", born), ("Дата поступления", other)):
            values, problems = parse("Заявки", {header: typed})
            got = str(values[header]) if header in values else REFUSED
            assert (got == meant) and (header in problems) == (meant == REFUSED), (typed, header, got)


def test_8_a_birth_date_in_the_future_or_under_16_is_a_finding():
    from tests.rows import findings

    def born(value):
        return findings("ENR-BIRTH", Заявки=[{"№ заявки": "З-1", "Код программы": "ПК-001", "Фамилия": "Иванова",
                                              "Имя": "Анна", "Дата рождения": value}])
    from datetime import date
    assert [f.cell for f in born(date(2065, 2, 3))] and "в будущем" in born(date(2065, 2, 3))[0].message
    assert "меньше 16 лет" in born(date(2012, 1, 1))[0].message
    assert born(date(1965, 2, 3)) == [] and born(date(2010, 11, 23)) == []  # 16 on the day
    assert "2065" not in born(date(2065, 2, 3))[0].message  # a birth date is personal data: never quoted


def test_4_a_deleted_payments_tab_is_said_once_and_nothing_is_judged_on_it(app_on, workbook_copy, capsys,
                                                                          monkeypatch):
    """«ПОУ_оплаты» deleted: 14 false errors computed as if nothing was paid (PAY-SPLIT, PAY-SPLIT-HEAD-4,
    PAY-ISSUE-PAID); «Главная» 61 instead of 47. Now the missing tab is one GEN-COLUMNS finding, and no rule that
    reads it speaks; «Главная» counts what `edudesk check` reports."""
    import json

    import openpyxl

    from core.cli import main

    monkeypatch.setenv("EDUDESK_TODAY", "2026-11-23")  # the day the app runs on below

    def check():
        main(["--workbook", str(workbook_copy), "check", "--json"])
        return json.loads(capsys.readouterr().out)

    before = check()
    book = openpyxl.load_workbook(workbook_copy)
    del book["ПОУ_оплаты"]
    book.save(workbook_copy)
    after = check()
    key = {(f["rule"], f["tab"], f["cell"]) for f in before}
    new = [f for f in after if (f["rule"], f["tab"], f["cell"]) not in key]
    assert [(f["rule"], f["tab"], f["cell"]) for f in new] == [("GEN-COLUMNS", "ПОУ_оплаты", "A1")]
    assert "Нет листа «ПОУ_оплаты»" in new[0]["message"]
    at = app_on(workbook_copy)
    assert not at.exception
    errors = sum(f["severity"] == "ошибка" for f in after)
    assert next(m for m in at.metric if m.label == "Ошибок в данных").value == str(errors)


def test_4_a_rule_that_reads_a_missing_tab_says_nothing_and_the_tab_is_named_once():
    from core.records.checks import run_all
    from tests.rows import workbook_data

    data = workbook_data(ПОУ_выплаты=[{"Код услуги": "ПОУ-1", "ФИО": "Петров П. П.", "Роль": "заведующий кафедрой",
                                       "Сумма с начислениями, ₽": 900}],
                         ПОУ_услуги=[{"Код услуги": "ПОУ-1", "Кафедра": "К", "Вид": "ПК", "Наименование": "У",
                                      "Часы": 36, "Слушатели": 20, "Ставка, ₽/чел.-ч": 150}])
    present = {f.rule for f in run_all(data)}
    assert "PAY-SPLIT-HEAD-4" in present  # nothing paid on a payments tab that is there: judged, rightly
    data["ПОУ_оплаты"] = type(data["ПОУ_оплаты"])("ПОУ_оплаты", [], [], [], exists=False)
    found = run_all(data)
    assert not {"PAY-SPLIT", "PAY-SPLIT-HEAD-4", "PAY-ISSUE-PAID"} & {f.rule for f in found}
    assert [(f.rule, f.tab) for f in found if f.tab == "ПОУ_оплаты"] == [("GEN-COLUMNS", "ПОУ_оплаты")]


def _check_findings(workbook, capsys, monkeypatch):
    import json

    from core.cli import main

    monkeypatch.setenv("EDUDESK_TODAY", "2026-11-23")
    main(["--workbook", str(workbook), "check", "--json"])
    return json.loads(capsys.readouterr().out)


def test_5_experts_page_shows_what_check_reports_on_the_exams_rows(app_on, workbook_copy, capsys, monkeypatch):
    """ДЭ-2026-04: «Состав экзамена не нарушает правил» while `check` had DE-REGISTRY at F19 for one of its experts
    (the page kept only findings whose message held the exam code). For every exam, the cells the page names are
    the cells `check` names on that exam's expert rows, and the all-clear shows only when there are none."""
    found = [f for f in _check_findings(workbook_copy, capsys, monkeypatch) if f["tab"] == "ДЭ_эксперты"]
    experts = XlsxStore(workbook_copy).read(["ДЭ_эксперты"]).tabs["ДЭ_эксперты"]
    exam_of = {n: r["Код экзамена"] for n, r in zip(experts.row_numbers, experts.as_dicts(), strict=True)}
    at = app_on(workbook_copy)
    at.switch_page("app_pages/exam_experts.py").run()
    codes = at.selectbox(key="experts_exam").options
    assert "ДЭ-2026-04" in codes
    for code in codes:
        at.selectbox(key="experts_exam").set_value(code).run()
        shown = {m.value.split(":")[0] for m in [*at.error, *at.warning] if m.value[:1].isalpha() and
                 m.value.split(":")[0][-1:].isdigit()}
        expected = {f["cell"] for f in found if exam_of.get(int(f["cell"][1:])) == code}
        assert shown == expected, code
        assert bool(at.success) == (not expected and any(exam_of[n] == code for n in exam_of)), code
    at.selectbox(key="experts_exam").set_value("ДЭ-2026-04").run()
    assert "F19" in {m.value.split(":")[0] for m in [*at.error, *at.warning]} and not at.success


def _edit_programme(at):
    at.switch_page("app_pages/records.py").run()
    at.selectbox(key="record_tab").set_value("Программы").run()
    next(w for w in at.get("button_group") if w.key == "record_mode").set_value("Изменить").run()
    at.selectbox(key="edit_row_Программы").set_value(2).run()
    return next(w for w in at.text_input if w.key == "edit_Программы_2_hours")


def _colleague_sets_hours(workbook, hours):
    from core.store.base import RowSnapshot

    store = XlsxStore(workbook)
    data = store.read(["Программы"]).tabs["Программы"]
    store.update(RowSnapshot("Программы", 2, data.as_dicts()[0]), "Код", {"Объём, ч": hours})


def test_3_after_a_colleagues_change_the_edit_form_shows_the_row_as_it_is_now(app_on, workbook_copy):
    """The save is refused (column, old and new value named); then the form shows 93, not 72 for the whole session;
    «Обновить данные», re-picking the record and leaving the page reopen it as it is too."""
    at = app_on(workbook_copy)
    assert _edit_programme(at).value == "72"
    _colleague_sets_hours(workbook_copy, 93)
    at.text_input(key="edit_Программы_2_hours").set_value("36")
    at.button(key="FormSubmitter:edit_Программы_2-Проверить изменения").click().run()
    at.button(key="record_save").click().run()
    said = [m.value for m in [*at.error, *at.warning]]
    assert any("Объём, ч" in m and "72" in m and "93" in m for m in said), said
    assert next(w for w in at.text_input if w.key == "edit_Программы_2_hours").value == "93"
    assert XlsxStore(workbook_copy).read(["Программы"]).tabs["Программы"].rows[0][3] == 93  # nothing overwritten
    # the save after the refusal goes through, on the row as it is now
    at.text_input(key="edit_Программы_2_hours").set_value("40")
    at.button(key="FormSubmitter:edit_Программы_2-Проверить изменения").click().run()
    at.button(key="record_save").click().run()
    assert at.success and XlsxStore(workbook_copy).read(["Программы"]).tabs["Программы"].rows[0][3] == 40

    for reopen in ("refresh", "repick", "leave"):
        _colleague_sets_hours(workbook_copy, {"refresh": 50, "repick": 51, "leave": 52}[reopen])
        if reopen == "refresh":
            at.button(key="refresh").click().run()
        elif reopen == "repick":
            at.selectbox(key="edit_row_Программы").set_value(3).run()
            at.selectbox(key="edit_row_Программы").set_value(2).run()
        else:
            at.switch_page("app_pages/home.py").run()
            _edit_programme(at)
        shown = next(w for w in at.text_input if w.key == "edit_Программы_2_hours").value
        assert shown == str({"refresh": 50, "repick": 51, "leave": 52}[reopen]), reopen


def test_9_no_page_shows_an_all_clear_on_a_workbook_with_nothing_in_it(app_on, tmp_path):
    """On a workbook just made by `edudesk init`, «Проверка данных», «Группы и сроки» and «Расходы и отчёты» said
    everything was fine — about nothing. Every page is toured; none shows a green all-clear."""
    import glob

    from core.cli import main

    book = tmp_path / "пустая.xlsx"
    assert main(["--workbook", str(book), "init"]) == 0
    at = app_on(book)
    cleared = []
    for page in sorted(glob.glob("app_pages/*.py")):
        at.switch_page(page).run()
        assert not at.exception, page
        cleared += [(page, s.value) for s in at.success]
    assert cleared == []


def test_9_the_grade_calculator_shows_the_percentage_its_grade_was_taken_from(app_on, workbook_copy):
    """15,999 of 80 is 19,99875 %: grade «2», shown as 19,99 % — it was «20 %» beside «2» while the table under it
    says 20 % → «3»."""
    at = app_on(workbook_copy)
    at.switch_page("app_pages/calculators.py").run()
    at.text_input(key="calc_points").set_value("15,999").run()
    grade = next(m for m in at.metric if m.label == "Оценка")
    assert grade.value == "«2»" and "19,99" in grade.help and "20\u00a0%" not in grade.help
    assert any(c.value.startswith("19,99") for c in at.caption)
    at.text_input(key="calc_points").set_value("16").run()
    assert next(m for m in at.metric if m.label == "Оценка").value == "«3»"


def test_9_an_integer_column_names_the_fraction_with_a_comma():
    from core.records.form import parse

    _, problems = parse("Программы", {"Объём, ч": "72,5"})
    assert problems["Объём, ч"] == "ожидалось целое число, а в ячейке 72,5"


def test_9_the_makefile_takes_the_port_and_the_quick_start_says_how_to_choose_the_user():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    makefile, readme = (root / "Makefile").read_text(), (root / "README.md").read_text()
    assert "--server.port $(PORT)" in makefile and "PORT     ?= 8501" in makefile
    quick_start = readme.split("## Быстрый старт", 1)[1].split("\n## ", 1)[0]
    assert "EDUDESK_DEV_USER=" in quick_start and "PORT=" in quick_start


def test_8_an_uploaded_application_form_reads_a_two_digit_birth_year_into_the_past(demo_workbook):
    from datetime import date

    from core.enrollment.application_form import application_rows, read_form, validate
    from core.records.checks import open_workbook
    from tests.forms import GOOD, filled_form

    book = open_workbook(XlsxStore(demo_workbook).read(["Программы"]).tabs)
    programs = [r.item for r in book.items("Программы")]
    typed = {**GOOD[0], "Дата рождения": "03.02.65", "СНИЛС": None, "Фамилия": "Кравец"}
    rows = validate(read_form("школа.xlsx", filled_form(programs, [typed])), programs, [])
    assert rows[0].ok, rows[0].problems  # was «03.02.2065 — проверьте год»
    written = application_rows(rows, [], date(2026, 11, 23))
    assert written[0]["Дата рождения"] == date(1965, 2, 3)
