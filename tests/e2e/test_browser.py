"""The app in a real browser: every page, the checks, forming groups, downloading certificates."""

import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.e2e.conftest import open_page

PAGES = ["", "checks", "calculators", "help", "journal", "applications", "groups", "progress", "certificates",
         "group_documents", "roadmap", "roadmap_import", "paid_plan", "paid_card", "paid_split", "exam_schedule",
         "exam_experts", "exam_draw", "exam_results", "exam_costs", "assessment", "state_plan", "mailings", "moodle"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_opens_with_no_exception(page, server, tmp_path, path):
    """Each page renders its title and no exception box; a screenshot is kept (docs/screenshots with make screenshots)."""
    open_page(page, server, path)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1").first.inner_text().strip()
    folder = Path(os.environ.get("EDUDESK_SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{path or 'home'}.png"))


def test_checks_page_lists_cells(page, server):
    """«Проверка данных» shows the demo's findings with their A1 cells."""
    open_page(page, server, "checks")
    grid = page.get_by_test_id("stDataFrame")
    assert grid.count() == 1 and "ошибок" in page.get_by_text("Показано находок").inner_text()


def test_forming_groups_writes_them(page, server):
    """Choosing ПК-008 proposes 13 + 13; confirming writes both groups (seen in the workbook)."""
    from core.store import XlsxStore

    open_page(page, server, "groups")
    page.get_by_test_id("stSelectbox").filter(has_text="Программа").click()
    page.get_by_role("option", name="ПК-008 — Дошкольное образование: ФОП ДО на практике").click()
    page.get_by_text("Размеры групп: 13 + 13").wait_for(timeout=30_000)
    page.get_by_role("button", name="Записать группы и слушателей").click()
    page.get_by_text("Записано групп: 2, слушателей: 26.").wait_for(timeout=60_000)
    _, workbook = server
    codes = [row[0] for row in XlsxStore(workbook).read(["Группы"]).tabs["Группы"].rows]
    assert "ПК-008-03" in codes and "ПК-008-04" in codes


def test_certificates_pdf_downloads(page, server):
    """«Документы группы» → «Удостоверения» → the downloaded file is a PDF with the certificates."""
    open_page(page, server, "group_documents")
    page.get_by_test_id("stSelectbox").filter(has_text="Документ").click()
    page.get_by_role("option", name="Удостоверения", exact=True).click()
    page.get_by_role("button", name="Сформировать PDF").click()
    button = page.get_by_test_id("stDownloadButton").filter(has_text="Скачать «")
    button.wait_for(timeout=60_000)
    with page.expect_download() as download:
        button.locator("button").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"%PDF") and download.value.suggested_filename.endswith(".pdf")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 10 and "УДОСТОВЕРЕНИЕ" in reader.pages[0].extract_text()
