"""The application form: built, filled, read back and checked row by row."""

import io
import shutil
import subprocess

import openpyxl
import pytest

from core.enrollment.application_form import FormError, application_rows, build_form, read_form, validate
from core.records.checks import open_workbook
from core.store import XlsxStore
from sheets_schema import TABS
from tests.forms import BAD, GOOD, filled_form


@pytest.fixture(scope="module")
def demo(demo_workbook):
    return open_workbook(XlsxStore(demo_workbook).read([t.name for t in TABS]).tabs)


def test_form_has_instruction_headers_and_dropdowns(demo):
    """The form: an instruction row, the headers below it, dropdowns for program and category."""
    programs = [r.item for r in demo.items("Программы")]
    sheet = openpyxl.load_workbook(io.BytesIO(build_form(programs)))["Заявки"]
    assert "Заполните" in sheet["A1"].value and sheet["A2"].value == "Код программы" and sheet["B2"].value == "Фамилия"
    formulas = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert any(f.startswith("Программы!") or f.startswith("=Программы!") for f in formulas)
    book = openpyxl.load_workbook(io.BytesIO(build_form(programs)))
    categories = [c.value for c in book["Программы"]["F"][1:] if c.value]
    assert "учителя" in categories and any(f.endswith(f"$F$2:$F${len(categories) + 1}") for f in formulas)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice не установлен")
def test_16_program_texts_stay_text_and_quotes_keep_the_dropdown(tmp_path):
    """#14.16: program names and codes were written as live formulas (LibreOffice evaluated «=HYPERLINK(…)» and
    «=1+1»), and a '"' in a category broke its dropdown. LibreOffice is the judge."""
    from types import SimpleNamespace

    programs = [SimpleNamespace(code="=1+1", name='=HYPERLINK("http://evil.example","Нажмите")', hours=36,
                                categories='учителя; «Педагог "нового" типа", наставник'),
                SimpleNamespace(code="ПК-002", name="+7 тем", hours=16, categories="-методисты")]
    path = tmp_path / "форма.xlsx"
    path.write_bytes(build_form(programs))
    book = openpyxl.load_workbook(path)
    assert all(c.data_type == "s" for row in book["Программы"].iter_rows(min_row=2) for c in row if c.value is not None
               and not isinstance(c.value, int))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2", "--outdir",
                    str(tmp_path / "csv"), str(path)], check=True, capture_output=True, timeout=180)
    shown = (tmp_path / "csv" / "форма-Программы.csv").read_text(encoding="utf-8")
    assert "=1+1" in shown and '=HYPERLINK(""http://evil.example"",""Нажмите"")' in shown and "+7 тем" in shown
    assert 'Педагог "нового" типа' in shown.replace('""', '"') and "-методисты" in shown
    (validation,) = [dv for dv in book["Заявки"].data_validations.dataValidation if "$F$" in dv.formula1]
    assert validation.formula1 == "=Программы!$F$2:$F$5"


def test_three_good_rows_pass_and_two_bad_are_explained(demo):
    """Good rows have no problems; bad ones say what is wrong, in Russian, with the rule."""
    programs = [r.item for r in demo.items("Программы")]
    rows = validate(read_form("школа.xlsx", filled_form(programs, GOOD + BAD)), programs, [])
    assert [r.ok for r in rows] == [True, True, True, False, False]
    assert [r.row for r in rows] == [3, 4, 5, 6, 7]
    first_bad, second_bad = rows[3].problems, rows[4].problems
    assert any("ENR-CATEGORY" in p for p in first_bad) and any("ENR-SNILS" in p for p in first_bad)
    assert any("Фамилия" in p for p in second_bad) and any("ПК-777" in p for p in second_bad)
    assert any("e-mail" in p for p in second_bad)


def test_duplicates_are_flagged_never_appended_twice(demo):
    """The same СНИЛС in the same program, in the sheet or twice in one file, is a duplicate."""
    programs = [r.item for r in demo.items("Программы")]
    existing = [r.item for r in demo.items("Заявки")]
    taken = existing[40]
    again = {"Код программы": taken.program_code, "Фамилия": "Другая", "Имя": "Фамилия", "СНИЛС": taken.snils,
             "Категория": taken.category}
    rows = validate(read_form("a.xlsx", filled_form(programs, [again, GOOD[0], GOOD[0]])), programs, existing)
    assert ["уже есть" in " ".join(r.problems) for r in rows] == [True, False, True]


def test_not_a_form_is_a_russian_message():
    """A broken file or a sheet without the headers raises FormError, never a traceback."""
    with pytest.raises(FormError, match="не читается"):
        read_form("битый.xlsx", b"not a zip at all")
    book = openpyxl.Workbook()
    book.active.append(["что-то", "другое"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(FormError, match="нет строки заголовков"):
        read_form("чужой.xlsx", buffer.getvalue())


def test_application_rows_are_numbered_after_existing(demo):
    """New applications continue the «З-NNNN» numbering with today's date and status «новая»."""
    programs = [r.item for r in demo.items("Программы")]
    rows = validate(read_form("a.xlsx", filled_form(programs, GOOD)), programs, [])
    from datetime import date

    new = application_rows(rows, ["З-0009", "З-0120", "чужой"], date(2026, 11, 23))
    assert [r["№ заявки"] for r in new] == ["З-0121", "З-0122", "З-0123"]
    assert new[0]["Статус"] == "новая" and new[0]["Дата рождения"] == date(1980, 3, 12)


def test_7_the_form_asks_gender_and_an_older_workbook_without_the_column_still_takes_the_rows(demo):
    from datetime import date

    from core.enrollment.application_form import FormRow, application_rows, validate

    programs = [r.item for r in demo.items("Программы")]
    sheet = openpyxl.load_workbook(io.BytesIO(build_form(programs)))["Заявки"]
    assert "Пол" in [c.value for c in sheet[2]]
    assert any(dv.formula1 == '"Муж,Жен"' for dv in sheet.data_validations.dataValidation)
    code = programs[0].code
    base = {"Код программы": code, "Фамилия": "Иванова", "Имя": "Анна", "Категория": programs[0].categories.split(";")[0]}
    rows = validate([FormRow("ф.xlsx", 3, {**base, "Пол": "ж"}), FormRow("ф.xlsx", 4, {**base, "Имя": "Ия", "Пол": "х"})],
                    programs, [])
    assert rows[0].ok and any("«Пол»: «х»" in p for p in rows[1].problems)
    (written,) = application_rows(rows, [], date(2026, 11, 23))
    assert written["Пол"] == "Жен"
    headers_without = [h for h in demo["Заявки"].data.headers if h != "Пол"]
    (older,) = application_rows(rows, [], date(2026, 11, 23), headers_without)
    assert "Пол" not in older and older["Фамилия"] == "Иванова"
