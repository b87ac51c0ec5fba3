"""The edudesk command, run as users run it."""

import json
import subprocess
import sys

import pytest

from core.cli import main


def test_init_demo_then_check_lists_findings_with_cells(tmp_path, capsys):
    """init --demo makes a workbook whose check lists findings with A1 cells and exits 1."""
    book = tmp_path / "edudesk.xlsx"
    assert main(["--workbook", str(book), "init", "--demo"]) == 0
    capsys.readouterr()
    assert main(["--workbook", str(book), "check", "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert findings and set(findings[0]) == {"rule", "clause", "severity", "tab", "row", "column", "cell", "message"}
    assert {"GEN-CELL", "GEN-REF", "GEN-KEY", "GEN-REQUIRED"} <= {f["rule"] for f in findings}
    assert all(f["cell"] for f in findings if f["rule"] == "GEN-CELL")


def test_check_table_and_tab_filter(demo_workbook, capsys):
    """The human table shows «Лист!A1» and a total; --tab keeps one tab."""
    main(["--workbook", str(demo_workbook), "check", "--tab", "Заявки"])
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("Заявки!H6 ") for line in lines)
    assert all(line.startswith("Заявки!") for line in lines[:-1])
    assert lines[-1] == f"Итого: ошибок — {len(lines) - 1}, предупреждений — 0."


def test_unknown_tab_is_a_russian_error(demo_workbook, capsys):
    """A wrong --tab is named with the list of tabs, exit 2."""
    assert main(["--workbook", str(demo_workbook), "check", "--tab", "Нет"]) == 2
    assert "Нет листа «Нет»" in capsys.readouterr().err


def test_demo_refuses_to_fill_a_workbook_with_data(tmp_path, capsys):
    """init --demo never adds demo rows to a workbook that has data; --force starts over with a backup."""
    book = tmp_path / "edudesk.xlsx"
    main(["--workbook", str(book), "init", "--demo"])
    assert main(["--workbook", str(book), "init", "--demo"]) == 2
    assert "уже есть данные" in capsys.readouterr().err
    assert main(["--workbook", str(book), "init", "--demo", "--force"]) == 0
    assert list((tmp_path / "backups").glob("edudesk-*.xlsx"))


def test_missing_workbook_says_what_to_do(tmp_path, capsys):
    """check on a missing workbook explains how to create it."""
    assert main(["--workbook", str(tmp_path / "none.xlsx"), "check"]) == 2
    assert "edudesk init" in capsys.readouterr().err


@pytest.mark.parametrize("args, expected", [
    (["--from", "2025-05-12", "--minus", "20"], "2025-04-08"),
    (["--from", "2025-04-30", "--plus", "1"], "2025-05-05"),
])
def test_calc_workdays(args, expected, capsys):
    """calc workdays prints the ISO date."""
    assert main(["calc", "workdays", *args]) == 0
    assert capsys.readouterr().out.strip() == expected


def test_calc_workdays_json_lists_skipped_holidays(capsys):
    """--json names the holidays jumped over."""
    main(["calc", "workdays", "--from", "2025-05-12", "--minus", "20", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["result"] == "2025-04-08"
    assert {"date": "2025-05-09", "name": "День Победы"} in data["skipped_holidays"]


def test_console_script_uses_environment_workbook(demo_workbook, tmp_path):
    """The installed `edudesk` finds the workbook through EDUDESK_WORKBOOK."""
    exe = subprocess.run([sys.executable, "-m", "core.cli", "check", "--json"], capture_output=True, text=True,
                         env={"EDUDESK_WORKBOOK": str(demo_workbook), "PATH": "/usr/bin:/bin"}, cwd=tmp_path)
    assert exe.returncode == 1 and json.loads(exe.stdout)
