"""Issue #30 item 9: the help of every command names an option's value in Russian («--group КОД», not «GROUP»)."""

from __future__ import annotations

import re

import pytest

from core.cli import main

COMMANDS = [[], ["init"], ["check"], ["pdf"], ["send"], ["digest"], ["export", "frdo"], ["import", "roadmap"],
            ["add"], ["edit"], ["key", "issue"], ["connect"], ["jobs"], ["jobs", "run"], ["restore"],
            ["calc", "workdays"], ["calc", "grade"], ["calc", "de-cost"], ["calc", "service-cost"],
            ["calc", "subsidy-return"]]
ALLOWED = {"PDF", "CSV", "XLSX", "JSON", "SMTP", "HTML", "EDUDESK_KEY", "EDUDESK_USER", "EDUDESK_WORKBOOK", "ФИС", "ФРДО",
           "SHA"}


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "edudesk")
def test_30_9_every_help_names_values_in_russian(command, capsys):
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    text = capsys.readouterr().out
    assert text.startswith("Использование:")
    latin = set(re.findall(r"(?<![\w.-])[A-Z][A-Z_]{2,}(?![\w.])", text)) - ALLOWED
    assert not latin, latin
