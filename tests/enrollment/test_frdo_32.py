"""Issue #32 item 7: a fully distance programme is «заочная» and ФИС ФРДО gets «Заочная», read back from the .xlsx
the CLI writes; «с ДОТ» names all three forms."""

from __future__ import annotations

import openpyxl

from core.cli import main
from core.enrollment.certificates import FRDO_COLUMNS
from tests.enrollment.test_certificates import _records


def test_7_every_demo_certificate_has_a_form_of_study_in_the_file(workbook_copy, tmp_path, capsys):
    """Before: 57 of 121 demo rows had an empty «Форма обучения» (the distance programmes were «с ДОТ», and the
    model had no «заочная»). Now every row of the file carries one of the registry's three forms."""
    out = tmp_path / "frdo.xlsx"
    assert main(["--workbook", str(workbook_copy), "export", "frdo", "--year", "2026", "-o", str(out)]) == 0
    sheet = openpyxl.load_workbook(out)["Шаблон"]
    headers = [c.value for c in sheet[1]]
    forms = [row[headers.index("Форма обучения")] for row in sheet.iter_rows(min_row=2, values_only=True)
             if any(row)]
    assert len(forms) > 100 and set(forms) <= {"Очная", "Очно-заочная", "Заочная"} and "Заочная" in forms
    assert "Форма обучения" not in capsys.readouterr().err


def test_7_a_distance_programme_written_as_zaochnaya_exports_as_the_registry_names_it():
    (record,) = _records(program={"Форма обучения": "заочная"})
    assert record.values["Форма обучения"] == "Заочная" and not record.problems
    (aliased,) = _records(program={"Форма обучения": "заочно"})
    assert aliased.values["Форма обучения"] == "Заочная"
    (technology,) = _records(program={"Форма обучения": "с ДОТ"})
    assert technology.values["Форма обучения"] == ""
    (said,) = technology.problems
    assert "«очная», «очно-заочная» или «заочная»" in said and "— «заочная»" in said
    assert FRDO_COLUMNS.index("Форма обучения") == 27  # column AB, whose list holds Очная / Заочная / Очно-заочная
