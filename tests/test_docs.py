"""The README documents every setting and keeps the two-command quick start."""

from pathlib import Path

from core.platform.config import Settings

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented():
    """Each setting appears in README as its environment variable."""
    for name in Settings.model_fields:
        assert f"EDUDESK_{name.upper()}" in README, name


def test_quick_start_names_both_commands():
    """The README opens with make run and make test."""
    head = README[:1500]
    assert "make run" in head and "make test" in head
