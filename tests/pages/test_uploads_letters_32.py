"""Issue #32 items 10–11 through the pages and as LibreOffice opens the .docx: a programme without a name, a file
name that looks like Markdown, the .docx letter's font and properties."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from datetime import date, datetime

import docx
import openpyxl
import pytest

from core.enrollment.documents import sed_letters as sed
from core.platform.docx_fonts import obfuscate
from core.records.checks import open_workbook
from core.store import XlsxStore
from sheets_schema import TABS

WRITER = "/usr/lib/libreoffice/program/libswlo.so"
TODAY = date(2026, 11, 23)


def _unname_first_programme(book):
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Программы"]
    headers = [c.value for c in sheet[1]]
    code = sheet.cell(2, headers.index("Код") + 1).value
    sheet.cell(2, headers.index("Наименование") + 1).value = None
    workbook.save(book)
    return code


def test_10_a_programme_without_a_name_leaves_the_applications_page_working(app_on, workbook_copy):
    """Before: a TypeError took the page down below the letters, so the form upload was unreachable. Now the
    letter says which programme lacks its name, and the rest of the page works."""
    code = _unname_first_programme(workbook_copy)
    at = app_on(workbook_copy)
    at.switch_page("app_pages/applications.py").run()
    assert not at.exception
    assert len(at.get("file_uploader")) == 1  # «2. Загрузить заполненные формы» is there
    shown = (" ".join(w.value for w in at.warning) + " ".join(e.value for e in at.error)).replace("\\", "")
    assert f"у программы {code} (лист «Программы», строка 2) не заполнено «Наименование»" in shown


def test_10_the_docx_letter_is_refused_in_russian_not_a_type_error(workbook_copy):
    _unname_first_programme(workbook_copy)
    wb = open_workbook(XlsxStore(workbook_copy).read([t.name for t in TABS]).tabs, TODAY)
    from core.platform.errors import DocumentIncomplete

    with pytest.raises(DocumentIncomplete, match="не заполнено «Наименование»"):
        sed.to_docx(wb, sed.applications_request(wb), TODAY)


@pytest.mark.parametrize("page, key, name", [
    ("app_pages/moodle.py", "moodle_grades", "**итоги**_[скачать](http://example.com).csv"),
    ("app_pages/roadmap_import.py", "rm_file", "# карта ![x](http://example.com/x.png).xlsx"),
])
def test_11_an_upload_name_in_an_error_is_shown_as_typed(app_on, workbook_copy, page, key, name):
    """Before: «**итоги**» came out bold, «[скачать](…)» a link and «![x](…)» an image fetched from outside."""
    at = app_on(workbook_copy)
    at.switch_page(page).run()
    at.file_uploader(key=key).set_value((name, b"\x00\x01 not a table", "application/octet-stream")).run()
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert "](" not in error.replace("\\](", "") and "**" not in error.replace("\\*", "")
    assert error.replace("\\", "").count(name) == 1


@pytest.mark.skipif(not (shutil.which("soffice") and os.path.exists(WRITER)), reason="LibreOffice Writer не установлен")
def test_11_the_docx_letter_carries_pt_serif_and_the_institutions_properties(workbook_copy, tmp_path):
    """Before: the .docx named PT Serif without carrying it (LibreOffice set the letter in DejaVu Sans) and its
    properties said author «python-docx», created 2013."""
    wb = open_workbook(XlsxStore(workbook_copy).read([t.name for t in TABS]).tabs, TODAY)
    path = tmp_path / "письмо.docx"
    path.write_bytes(sed.to_docx(wb, sed.applications_request(wb), TODAY))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    fonts = subprocess.run(["pdffonts", str(tmp_path / "письмо.pdf")], capture_output=True, text=True, check=True).stdout
    used = [line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]]
    assert used and all(face.startswith("PTSerif") for face in used), fonts
    props = docx.Document(path).core_properties
    assert props.author and "python-docx" not in props.author and props.author != "python-docx"
    assert props.created.year == datetime.now().year and props.title.startswith("О сборе заявок")
    with zipfile.ZipFile(path) as package:
        fonts_xml = package.read("word/fontTable.xml").decode()
        assert 'w:name="PT Serif"' in fonts_xml and "embedRegular" in fonts_xml and "embedBold" in fonts_xml
        key = fonts_xml.split('w:fontKey="')[1].split('"')[0]
        stored = package.read("word/fonts/font1.odttf")
    assert obfuscate(stored, key)[:4] in (b"\x00\x01\x00\x00", b"true")  # a TrueType file once the key is undone
