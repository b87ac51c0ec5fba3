"""Letters for СЭД «Садко»: the lists to the Founder and the applications request, as PDF and as .docx."""

import io
import os
import shutil
import subprocess

import docx
import pytest
from pypdf import PdfReader

from core.enrollment.documents import sed_letters as sed
from core.platform.errors import EduDeskError
from core.records.checks import open_workbook
from core.store import XlsxStore
from sheets_schema import TABS


@pytest.fixture(scope="module")
def wb(demo_workbook):
    return open_workbook(XlsxStore(demo_workbook).read([t.name for t in TABS]).tabs)


def _pdf_text(data):
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _docx_text(data):
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return " ".join([p.text for p in document.paragraphs] + cells)


def test_founder_letter(wb):
    """The letter names the Founder, the group and lists every listener, in PDF and in Word alike."""
    letter = sed.founder_letter(wb, "ПК-001-01")
    names = [row[1] for row in letter.table[1]]
    for text in (_pdf_text(sed.to_pdf(wb, letter)), _docx_text(sed.to_docx(wb, letter))):
        assert "О согласовании списков слушателей" in text and "Министерство образования и науки области" in text
        assert "ПК-001-01" in text and all(name in text for name in names)


def test_applications_request_lists_programs(wb):
    """The request names the e-mail for applications and every program; the form is its attachment."""
    text = _pdf_text(sed.to_pdf(wb, sed.applications_request(wb)))
    assert "О сборе заявок" in text and "kursy@oiro.example.ru" in text and "ПК-008" in text
    assert "Приложение: форма сбора заявок" in _docx_text(sed.to_docx(wb, sed.applications_request(wb)))


def test_empty_group_is_a_russian_error(wb):
    """An unknown group is named in Russian."""
    with pytest.raises(EduDeskError, match="Нет группы"):
        sed.founder_letter(wb, "НЕТ")


WRITER = "/usr/lib/libreoffice/program/libswlo.so"  # LibreOffice Writer (make office installs it)


@pytest.mark.skipif(not (shutil.which("soffice") and os.path.exists(WRITER)), reason="LibreOffice Writer не установлен")
def test_13_the_docx_is_a4_with_whole_words_on_one_page_and_the_contacts(wb, tmp_path):
    """#14.13: python-docx's template is US Letter with equal columns: «Организац|ия», two pages to the Founder,
    no executor phone, a letterhead without address. LibreOffice lays the .docx out as a clerk would see it."""
    from datetime import date

    letter = sed.founder_letter(wb, "ПК-001-01")
    path = tmp_path / "письмо.docx"
    path.write_bytes(sed.to_docx(wb, letter, date(2026, 11, 23)))
    section = docx.Document(path).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    reader = PdfReader(tmp_path / "письмо.pdf")
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Организация" in text and "Должность" in text and "Категория" in text
    assert "248000, г. Калуга" in text and "тел. +7 (4842) 56-34-12" in text
