"""A first day with EduDesk: every page on the demo, on an empty workbook, with each tab missing in turn and as
наблюдатель — no exception, no «None», no Python number spellings, no English interface text, no personal value
for the наблюдатель; and each page reads only the tabs it says it needs (so «each tab missing» covers it)."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

import ui
from core.platform.access import ADMIN_ONLY_PAGES
from core.records.checks import Workbook
from core.setup import initialize
from core.store import XlsxStore
from sheets_schema import TABS
from tests.pages.audit import APP_PAGES, english, markdown_texts, nones, python_numbers, shown_values

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
ALL = [t.name for t in TABS]
NEEDS_NO_DATA = {"app_pages/home.py", "app_pages/help.py", "app_pages/calculators.py", "app_pages/journal.py", "app_pages/checks.py"}


@dataclass
class Visit:
    """What one page showed and read."""

    page: str
    exceptions: list[str]
    nones: list[str]
    numbers: list[str]
    english: list[str]
    texts: str
    markdown: list[tuple[str, str]]
    needed: set[str] = field(default_factory=set)
    optional: set[str] = field(default_factory=set)
    read: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    buttons: list[str] = field(default_factory=list)
    tables: int = 0


@pytest.fixture
def watch(monkeypatch):
    return watching(monkeypatch)


def watching(monkeypatch):
    """Records which tabs each page declares (ui.workbook) and which it actually reads from that workbook."""
    seen: dict[str, set] = {"needed": set(), "optional": set(), "read": set()}
    ours: set[int] = set()
    workbook, items, getitem = ui.workbook, Workbook.items, Workbook.__getitem__

    def declared(*needs, optional=()):
        seen["needed"].update(needs)
        seen["optional"].update(optional)
        book = workbook(*needs, optional=optional)
        ours.add(id(book))
        return book

    def reading(self, name):
        if id(self) in ours:
            seen["read"].add(name)
        return items(self, name)

    def indexing(self, name):
        if id(self) in ours:
            seen["read"].add(name)
        return getitem(self, name)

    monkeypatch.setattr(ui, "workbook", declared)
    monkeypatch.setattr(Workbook, "items", reading)
    monkeypatch.setattr(Workbook, "__getitem__", indexing)
    return seen


def tour(monkeypatch, watch, path: Path, pages=APP_PAGES, user: str | None = None) -> dict[str, Visit]:
    monkeypatch.setenv("EDUDESK_WORKBOOK", str(path))
    monkeypatch.setenv("EDUDESK_SECRETS_FILE", str(path.parent / "no-secrets.toml"))
    monkeypatch.setenv("EDUDESK_TODAY", "2026-11-23")
    if user:
        monkeypatch.setenv("EDUDESK_DEV_USER", user)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    visits = {}
    for page in pages:
        for seen in watch.values():
            seen.clear()
        at.switch_page(page).run()
        visits[page] = Visit(page, [e.value for e in at.exception], nones(at), python_numbers(at), english(at),
                             shown_values(at), markdown_texts(at), set(watch.get("needed", ())),
                             set(watch.get("optional", ())), set(watch.get("read", ())),
                             [w.value for w in at.warning], [b.key or b.label for b in at.button], len(at.dataframe))
    return visits


def _clean(visits: dict[str, Visit]) -> None:
    for page, v in visits.items():
        assert not v.exceptions, (page, v.exceptions)
        assert not v.nones, (page, v.nones[:5])
        assert not v.numbers, (page, v.numbers[:5])
        assert not v.english, (page, v.english[:5])


def _copy(source: Path, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    shutil.copy(source, path)
    return path


# (a) the demo ----------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_visits(demo_workbook, tmp_path_factory) -> dict[str, Visit]:
    """One tour of every page of the demo, watching which tabs each declares and reads: checked as it is here, and
    the declarations are what (c) takes each tab away from."""
    mp = pytest.MonkeyPatch()
    try:
        return tour(mp, watching(mp), _copy(demo_workbook, tmp_path_factory.mktemp("declared"), "demo.xlsx"))
    finally:
        mp.undo()


def test_every_page_of_the_demo_is_clean_and_reads_only_what_it_declares(demo_visits):
    visits = demo_visits
    _clean(visits)
    undeclared = {page: sorted(v.read - v.needed - v.optional) for page, v in visits.items()
                  if v.read - v.needed - v.optional}
    assert not undeclared, f"pages read tabs they don't declare: {undeclared}"


# (b) an empty workbook ---------------------------------------------------------------------------------------------
def test_every_page_of_an_empty_workbook_says_what_to_fill_in(tmp_path, monkeypatch, watch):
    path = tmp_path / "empty.xlsx"
    initialize(XlsxStore(path), today=date(2026, 11, 23))
    visits = tour(monkeypatch, watch, path)
    _clean(visits)
    for page, v in visits.items():
        if page not in NEEDS_NO_DATA:
            assert re.search(r"(лист[еау]?|листа) «", v.texts, re.IGNORECASE), f"{page} doesn't say which tab to fill"
    assert "С чего начать" in visits["app_pages/home.py"].texts


# (c) each tab missing in turn ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def declared(demo_visits):
    """Each page's (needed, optional) tabs, from the tour of the demo."""
    return {page: (v.needed, v.optional) for page, v in demo_visits.items()}


@pytest.fixture(scope="module")
def demo_book(demo_workbook):
    """The demo loaded once for the module: each tab in turn is taken out of it, saved, and put back."""
    return openpyxl.load_workbook(demo_workbook)


def _without(source: Path | openpyxl.Workbook, folder: Path, tab: str) -> Path:
    path = folder / "missing.xlsx"
    book = source if isinstance(source, openpyxl.Workbook) else openpyxl.load_workbook(source)
    sheet = book[tab]
    index = book.index(sheet)
    book.remove(sheet)
    try:
        book.save(path)
    finally:
        book._add_sheet(sheet, index)  # noqa: SLF001 - the loaded demo stays whole for the next tab
    return path


@pytest.mark.parametrize("tab", ALL)
def test_a_missing_tab_is_named_with_an_offer_to_create_it(tab, declared, demo_book, tmp_path, monkeypatch):
    """Pages that need the tab say so at the top and offer «Создать лист», instead of computing without it;
    the home and checks pages open and name it too."""
    needing = sorted(p for p, (needs, _) in declared.items() if tab in needs)
    optional = sorted(p for p, (_, maybe) in declared.items() if tab in maybe)
    overview = ["app_pages/home.py", "app_pages/checks.py"]
    visits = tour(monkeypatch, {}, _without(demo_book, tmp_path, tab), pages=needing + optional + overview)
    for page, v in visits.items():
        assert not v.exceptions and not v.nones and not v.english, (page, v.exceptions, v.nones, v.english)
        if page in optional:
            assert f"Нет листа «{tab}»" in v.texts, page
            continue
        assert any(f"нет листа «{tab}»" in w for w in v.warnings), (page, v.warnings)
        if page in needing:
            assert "create_missing_tabs" in v.buttons and v.tables == 0, page  # nothing computed without it


def test_creating_the_missing_tab_from_the_page(demo_workbook, tmp_path, monkeypatch):
    """«Создать лист» on «Эксперты» adds an empty «ДЭ_эксперты» with its headers and journals it; the page then
    no longer gives a green «all clear» for an exam with no experts."""
    path = _without(demo_workbook, tmp_path, "ДЭ_эксперты")
    monkeypatch.setenv("EDUDESK_WORKBOOK", str(path))
    monkeypatch.setenv("EDUDESK_SECRETS_FILE", str(tmp_path / "no-secrets.toml"))
    monkeypatch.setenv("EDUDESK_TODAY", "2026-11-23")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("app_pages/exam_experts.py").run()
    assert not at.success and any("нет листа «ДЭ_эксперты»" in w.value for w in at.warning)
    at.button(key="create_missing_tabs").click().run()
    assert not at.exception and at.success[0].value == "Создан лист «ДЭ_эксперты»."
    tabs = XlsxStore(path).read(["ДЭ_эксперты", "Журнал"]).tabs
    assert tabs["ДЭ_эксперты"].exists and "ФИО" in tabs["ДЭ_эксперты"].headers and not tabs["ДЭ_эксперты"].rows
    journal = [dict(zip(tabs["Журнал"].headers, r, strict=False)) for r in tabs["Журнал"].rows]
    assert journal[-1]["Действие"] == "создание листа" and journal[-1]["Лист"] == "ДЭ_эксперты"
    assert not [s for s in at.success if "не нарушает" in s.value]
    assert any("эксперты не назначены" in w.value for w in at.warning)


def test_costs_without_the_expenses_tab_do_not_silently_drop_them(demo_workbook, tmp_path, monkeypatch):
    """Without «ДЭ_расходы» the costs page stops and names the tab, instead of a smaller plan with no word."""
    path = _without(demo_workbook, tmp_path, "ДЭ_расходы")
    visit = tour(monkeypatch, {}, path, pages=["app_pages/exam_costs.py"])["app_pages/exam_costs.py"]
    assert any("нет листа «ДЭ_расходы»" in w for w in visit.warnings) and visit.tables == 0
    assert "35\u00a0000,00" not in visit.texts


# (d) as наблюдатель ------------------------------------------------------------------------------------------------
def _personal_values(path: Path) -> set[str]:
    """Every value of the sheet model's personal columns, as a page could print it."""
    tabs = XlsxStore(path).read(ALL).tabs
    values: set[str] = set()
    for tab in TABS:
        data = tabs[tab.name]
        for col in (c for c in tab.columns if c.personal):
            if col.header not in data.headers:
                continue
            i = data.headers.index(col.header)
            for row in data.rows:
                value = row[i] if i < len(row) else None
                if isinstance(value, datetime | date):
                    values |= {value.strftime("%d.%m.%Y"), value.strftime("%Y-%m-%d")}
                elif value not in (None, "") and len(str(value).strip()) > 4:
                    values.add(str(value).strip())
    return values


def test_an_observer_sees_no_personal_value_on_any_page(demo_workbook, tmp_path, monkeypatch, watch):
    path = _copy(demo_workbook, tmp_path, "demo.xlsx")
    personal = _personal_values(path)
    assert len(personal) > 100  # e-mails, phones, СНИЛС, birth dates of the demo
    # the journal and «Подключение таблицы» are the administrator's (the observer is refused them)
    pages = [p for p in APP_PAGES if Path(p).stem not in ADMIN_ONLY_PAGES]
    visits = tour(monkeypatch, watch, path, pages=pages, user="viewer@oiro.example.ru")
    _clean(visits)
    leaks = {page: sorted(value for value in personal if value in v.texts)[:5] for page, v in visits.items()}
    assert not {page: found for page, found in leaks.items() if found}
    assert "[скрыто]" in visits["app_pages/checks.py"].texts or "***" in visits["app_pages/checks.py"].texts


# markdown in cells ------------------------------------------------------------------------------------------------
PIXEL = "![x](http://tracker.example/p.png)"


def _poisoned(source: Path, folder: Path) -> Path:
    """Cell text with a Markdown image in names, workplaces, programmes and the signed-in user's name."""
    path = _copy(source, folder, "poisoned.xlsx")
    book = openpyxl.load_workbook(path)
    targets = {"Слушатели": "ФИО", "Заявки": "Фамилия", "Программы": "Наименование", "Пользователи": "ФИО",
               "ДЭ_участники": "ФИО", "Дорожная_карта": "Мероприятие", "ПОУ_услуги": "Наименование"}
    for tab, header in targets.items():
        sheet = book[tab]
        column = next(c.column for c in sheet[1] if c.value == header)
        for row in range(2, sheet.max_row + 1):
            cell = sheet.cell(row=row, column=column)
            if cell.value:
                cell.value = f"{cell.value} {PIXEL}"
    book.save(path)
    return path


def test_markdown_typed_into_cells_is_shown_as_text(demo_workbook, tmp_path, monkeypatch, watch):
    """No page hands a cell's «![…](http…)» to Markdown: no image is loaded from an outside server."""
    visits = tour(monkeypatch, watch, _poisoned(demo_workbook, tmp_path), user="admin@oiro.example.ru")
    rendered = {page: [w for w, text in v.markdown if "![x](" in text] for page, v in visits.items()}
    assert not {page: where for page, where in rendered.items() if where}
    assert any(PIXEL in v.texts for v in visits.values())  # the text itself is there, shown as text
