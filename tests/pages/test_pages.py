"""Every page opens without an exception, and switching between all of them works."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sheets_schema import TABS

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")

PAGES = ["app_pages/home.py", "app_pages/checks.py", "app_pages/help.py", "app_pages/applications.py", "app_pages/groups.py",
         "app_pages/progress.py", "app_pages/certificates.py", "app_pages/group_documents.py", "app_pages/assessment.py",
         "app_pages/state_plan.py", "app_pages/roadmap.py", "app_pages/roadmap_import.py", "app_pages/exam_schedule.py",
         "app_pages/exam_experts.py", "app_pages/exam_draw.py", "app_pages/exam_results.py", "app_pages/exam_costs.py",
         "app_pages/calculators.py", "app_pages/paid_plan.py", "app_pages/paid_card.py", "app_pages/paid_split.py", "app_pages/mailings.py", "app_pages/moodle.py",
         "app_pages/paid_new.py", "app_pages/records.py", "app_pages/timetable.py",
         "app_pages/listener_files.py"]


@pytest.fixture
def app(demo_workbook, monkeypatch):
    monkeypatch.setenv("EDUDESK_WORKBOOK", str(demo_workbook))
    monkeypatch.setenv("EDUDESK_SECRETS_FILE", str(demo_workbook.parent / "no-secrets.toml"))
    monkeypatch.setenv("EDUDESK_TODAY", "2026-11-23")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    yield at
    at.session_state  # noqa: B018 - keeps the app alive until the test ends


def test_home_shows_counts(app):
    """The home page counts tabs and the demo's errors."""
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Листов"] == str(len(TABS)) and int(metrics["Ошибок в данных"]) > 0


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens(app, page):
    """Each page renders its title with no exception."""
    app.switch_page(page).run()
    assert not app.exception and app.title


def test_switching_between_all_pages(app):
    """Going round all pages and back raises nothing."""
    for page in PAGES + PAGES[::-1]:
        app.switch_page(page).run()
        assert not app.exception, page


def test_checks_page_filters_by_tab(app):
    """Filtering the findings by a tab shows only that tab's rows, with their cells."""
    app.switch_page("app_pages/checks.py").run()
    everything = app.dataframe[0].value
    app.multiselect(key="filter_tab").select("Заявки").run()
    shown = app.dataframe[0].value
    assert 0 < len(shown) < len(everything) and set(shown["Лист"]) == {"Заявки"}
    assert "H6" in set(shown["Ячейка"])
