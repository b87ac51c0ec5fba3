"""СНИЛС checksum."""

import pytest

from core.platform.snils import format_snils, is_valid


@pytest.mark.parametrize("text, ok", [
    ("112-233-445 95", True), ("11223344595", True), ("112-233-445 96", False), ("123", False), ("", False),
    ("001-001-998 00", True),
])
def test_snils_checksum(text, ok):
    """A valid number passes; a wrong check digit or wrong length fails."""
    assert is_valid(text) is ok


def test_format_adds_a_valid_checksum():
    """Formatted numbers always pass the check."""
    for nine in ("112233445", "987654321", "100000000"):
        assert is_valid(format_snils(nine))
