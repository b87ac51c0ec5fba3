"""AppTest on a private copy of the demo workbook, with a fixed «today»."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")


@pytest.fixture
def app_on(monkeypatch, tmp_path):
    """A function that starts the app on a given workbook."""

    def start(path: Path) -> AppTest:
        monkeypatch.setenv("EDUDESK_WORKBOOK", str(path))
        monkeypatch.setenv("EDUDESK_SECRETS_FILE", str(tmp_path / "no-secrets.toml"))
        monkeypatch.setenv("EDUDESK_TODAY", "2026-11-23")
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        return at

    return start
