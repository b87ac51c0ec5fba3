"""The app in a real browser: every page, the checks, forming groups, downloading certificates."""

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import open_page, running, visible_text

PAGES = ["", "checks", "calculators", "help", "journal", "applications", "groups", "progress", "certificates",
         "group_documents", "roadmap", "roadmap_import", "paid_plan", "paid_card", "paid_split", "exam_schedule",
         "exam_experts", "exam_draw", "exam_results", "exam_costs", "assessment", "state_plan", "mailings", "moodle",
         "records", "paid_new", "jobs", "timetable", "listener_files"]


@pytest.fixture(scope="module")
def reader(browser, server):
    """One tab that only opens pages, one after another, as a person browsing would: the app's scripts come from
    the browser's cache after the first page (a fresh context per page loaded and compiled them every time)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="ru-RU")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_opens_with_no_exception(reader, server, tmp_path, path):
    """Each page renders its title and no exception box; a screenshot is kept (docs/screenshots with make screenshots)."""
    page = reader
    open_page(page, server, path)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1").first.inner_text().strip()
    folder = Path(os.environ.get("EDUDESK_SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{path or 'home'}.png"))


def test_checks_page_lists_cells(page, server):
    """«Проверка данных» shows the demo's findings (waiting for the table to draw, never counting at once)."""
    open_page(page, server, "checks")
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1, timeout=30_000)
    expect(page.get_by_text("Показано:")).to_contain_text("ошибок", timeout=30_000)


def test_forming_groups_writes_them(page, server):
    """Choosing ПК-008 proposes 13 + 13; confirming writes both groups (seen in the workbook)."""
    from core.store import XlsxStore

    open_page(page, server, "groups")
    page.get_by_test_id("stSelectbox").filter(has_text="Программа").click()
    page.get_by_role("option", name="ПК-008 — Дошкольное образование: ФОП ДО на практике").click()
    page.get_by_text("Размеры групп: 13 + 13").wait_for(timeout=30_000)
    save = page.get_by_role("button", name="Записать группы и слушателей")
    expect(save).to_be_disabled()  # no dates yet
    for label, typed in (("Дата начала обучения", "18012027"), ("Дата окончания", "29012027")):
        _type_date(page, label, typed)
    expect(save).to_be_enabled(timeout=30_000)
    save.click()
    expect(page.get_by_text("Записано: 2 группы, 26 слушателей.")).to_be_visible(timeout=60_000)
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


def test_a_record_is_edited_by_its_key(page, server, tmp_path):
    """«Записи листов» → «Изменить»: a programme opened by its key, one field changed, checked, saved — the workbook
    holds the new value and the page says which field changed (screenshot: docs/screenshots/records_edit.png)."""
    from core.store import XlsxStore

    open_page(page, server, "records")
    page.get_by_test_id("stSelectbox").filter(has_text="Лист").click()
    page.get_by_role("option", name="Программы — ").click()
    page.get_by_role("radio", name="Изменить", exact=True).click()
    page.get_by_test_id("stSelectbox").filter(has_text="Запись").click()
    page.get_by_role("option", name=re.compile("^стр. 3: ПК-002")).click()
    hours = page.get_by_label("Объём, ч *")
    expect(hours).to_have_value("36", timeout=30_000)
    hours.fill("48")
    page.get_by_role("button", name="Проверить изменения").click()
    # ПК-002's curriculum (УТП) still sums to 36 h: the warning TT-PROGRAM-HOURS is read and confirmed
    expect(page.get_by_text("TT-PROGRAM-HOURS").first).to_be_attached(timeout=60_000)  # in the findings table
    page.get_by_text("Предупреждения прочитаны, записать всё равно").click()
    save = page.get_by_role("button", name="Сохранить изменения")
    save.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    folder = Path(os.environ.get("EDUDESK_SCREENSHOTS_DIR") or tmp_path)
    page.screenshot(path=str(folder / "records_edit.png"), full_page=True)
    save.click()
    expect(page.get_by_text("Запись в строке 3 листа «Программы» изменена: Объём, ч.")).to_be_visible(timeout=60_000)
    _, workbook = server
    assert XlsxStore(workbook).read(["Программы"]).tabs["Программы"].rows[1][3] == 48


def _type_date(page, label: str, typed: str) -> None:
    day = page.get_by_role("spinbutton", name=f"day, {label}").first
    day.click()
    page.keyboard.type(typed)
    page.locator("h1").first.click()  # leaving the field commits the date
    expect(day).to_have_text(typed[:2], timeout=30_000)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def test_a_new_paid_service_shows_its_cost_as_typed_and_is_written(page, server, tmp_path):
    """«Новая услуга»: 72 h × 20 listeners × 150 ₽ shows 216 000,00 ₽ and the 2027 order as it is typed; the service
    is written with its code (screenshot: docs/screenshots/paid_new_filled.png)."""
    from core.store import XlsxStore

    open_page(page, server, "paid_new")
    page.get_by_test_id("stSelectbox").filter(has_text="Кафедра").click()
    page.get_by_role("option", name="Кафедра естественно-математического образования").click()
    page.get_by_test_id("stSelectbox").filter(has_text="Вид").click()
    page.get_by_role("option", name="ПК", exact=True).click()
    for label, typed in (("Наименование *", "Наставничество в школе"), ("Часы", "72"), ("Слушатели", "20"),
                         ("Ставка, ₽/чел.-ч", "150")):
        page.get_by_label(label, exact=True).fill(typed)
        page.get_by_label(label, exact=True).press("Enter")
        page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    _type_date(page, "Дата начала *", "15032027")
    expect(page.get_by_test_id("stMetricValue")).to_have_text("216 000,00 ₽", timeout=30_000)
    expect(page.get_by_text("приказ № 2027-ОД-12: 120–165 ₽ — ставка в диапазоне")).to_be_visible()
    page.get_by_role("button", name="Проверить").click()
    save = page.get_by_role("button", name="Записать услугу в план")
    save.wait_for(timeout=60_000)
    folder = Path(os.environ.get("EDUDESK_SCREENSHOTS_DIR") or tmp_path)
    page.screenshot(path=str(folder / "paid_new_filled.png"))
    save.click()
    expect(page.get_by_text("Услуга ПОУ-2027-016 записана в план")).to_be_visible(timeout=60_000)
    _, workbook = server
    assert XlsxStore(workbook).read(["ПОУ_услуги"]).tabs["ПОУ_услуги"].rows[-1][0] == "ПОУ-2027-016"


ENGLISH = ("Upload", "Browse files", "Drag and drop", "per file", "Press Enter", "Choose an option", "No options",
           "View ", " more", "streamlit app")
DATE_PLACEHOLDER = re.compile(r"\b(dd|mm|yyyy)\b")
TITLES = ("Главная", "Проверка данных", "Калькуляторы", "Справка", "Заявки", "Группы и сроки", "Успеваемость",
          "Удостоверения", "Документы группы", "Рассылки", "Moodle", "Статус дорожной карты", "Импорт дорожной карты",
          "План ПОУ", "Карточка услуги", "Доход и выплаты", "График и сроки", "Эксперты", "Жеребьёвка мест",
          "Результаты", "Расходы и отчёты", "Оценочные процедуры", "Госплан", "Журнал изменений", "Записи листов",
          "Новая услуга")


def test_a_deep_link_opened_first_on_a_fresh_server_is_the_app(browser, demo_workbook, tmp_path):
    """A bookmarked /roadmap, the very first request after a start: the Russian sidebar with all 26 pages, the
    store box and the sign-in notice — not the page script run on its own under English file names."""
    workbook = tmp_path / "edudesk.xlsx"
    shutil.copy(demo_workbook, workbook)
    with running(workbook, tmp_path) as url:
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
        page = context.new_page()
        page.goto(f"{url}/roadmap")
        expect(page.locator("h1").first).to_have_text("Дорожная карта", timeout=60_000)
        sidebar = page.get_by_test_id("stSidebar")
        for title in TITLES:
            expect(sidebar.get_by_text(title, exact=True)).to_be_visible(timeout=30_000)
        expect(sidebar.get_by_text("Вход не настроен", exact=False)).to_be_visible()
        expect(sidebar.get_by_text("Хранилище")).to_be_visible()
        text = visible_text(page)
        assert "streamlit app" not in text.lower() and "paid card" not in text.lower()
        page.goto(f"{url}/checks")
        expect(page.locator("h1").first).to_have_text("Проверка данных", timeout=60_000)
        context.close()


@pytest.fixture(scope="module")
def english_reader(browser, server):
    """One tab of a browser whose language is English, opening page after page (see `reader`)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", ["applications", "groups", "moodle", "roadmap_import", "calculators", "paid_card",
                                  "records", "paid_new", "assessment"])
def test_no_english_interface_text_even_in_an_english_browser(english_reader, server, path):
    """Streamlit's own «Upload», «200MB per file», «dd.mm.yyyy», «Press Enter to apply» are not what a person
    sees, even when the browser's language is English (the file uploader's texts are replaced, the hints hidden)."""
    page = english_reader
    open_page(page, server, path)
    if path == "calculators":  # the hint appears while a number is being typed
        page.get_by_role("textbox", name="Часов", exact=True).fill("72,5")
    text = visible_text(page)
    found = [w for w in ENGLISH if w in text] + DATE_PLACEHOLDER.findall(text)
    assert not found, (path, found)
