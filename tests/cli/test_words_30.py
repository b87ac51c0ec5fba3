"""Issue #30 item 9: every message of the command line is Russian — argparse's own, Google's refusals of a key,
a bad [smtp] port, a folder given as the workbook — and README's first examples run on the demo as written."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.cli import main
from tests.test_faults import _secrets

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = re.compile(r"\b(usage|error|invalid|required|choose|arguments?|Traceback|Is a directory|Permission|"
                     r"RefreshError|ValueError|Could not|deserialize)\b")


def _said(capsys) -> str:
    out = capsys.readouterr()
    return out.out + out.err


@pytest.mark.parametrize("argv", [[], ["pdf"], ["pdf", "нет-такого", "-o", "x.pdf"], ["check", "--bogus"],
                                  ["calc", "grade", "--points", "сорок", "--max", "80"], ["--help"], ["check", "-h"]])
def test_9_argument_errors_and_help_are_russian(argv, capsys):
    with pytest.raises(SystemExit):
        main(argv)
    said = _said(capsys)
    assert said and not ENGLISH.findall(said), ENGLISH.findall(said)
    assert "Использование: edudesk" in said


def test_9_a_key_google_refused_is_said_in_russian(emulator, tmp_path, monkeypatch, capsys):
    emulator.token_refusal = ("invalid_grant", "Invalid JWT Signature.")  # Google's answer for a deleted key
    monkeypatch.setenv("EDUDESK_SECRETS_FILE", str(_secrets(tmp_path / "secrets.toml", emulator)))
    monkeypatch.setenv("EDUDESK_SHEETS_API_BASE", emulator.url)
    assert main(["check"]) == 2
    said = _said(capsys)
    assert "Google не принял ключ сервисного аккаунта" in said and "invalid_grant" in said
    assert not ENGLISH.findall(said.replace("invalid_grant", "")) and "Непредвиденная" not in said


def test_9_a_key_that_is_not_a_key_is_said_in_russian(tmp_path, monkeypatch, capsys):
    secrets = tmp_path / "secrets.toml"
    account = {"type": "service_account", "project_id": "p", "private_key_id": "1", "private_key": "испорчен",
               "client_email": "a@p.iam.gserviceaccount.com", "client_id": "1", "token_uri": "http://127.0.0.1:1/t"}
    secrets.write_text('[gsheets]\nspreadsheet_key = "k"\n[gsheets.service_account]\n'
                       + "".join(f"{k} = {json.dumps(v)}\n" for k, v in account.items()), encoding="utf-8")
    monkeypatch.setenv("EDUDESK_SECRETS_FILE", str(secrets))
    assert main(["check"]) == 2
    said = _said(capsys)
    assert "не читается" in said and "private_key" in said and not ENGLISH.findall(said)


def test_9_a_port_that_is_not_a_number_is_said_in_russian(demo_workbook, tmp_path, monkeypatch, capsys):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[smtp]\nhost = "127.0.0.1"\nport = "abc"\nsender = "kursy@oiro.example.ru"\n', encoding="utf-8")
    monkeypatch.setenv("EDUDESK_SECRETS_FILE", str(secrets))
    book = tmp_path / "edudesk.xlsx"
    shutil.copy(demo_workbook, book)
    assert main(["--workbook", str(book), "digest", "--send"]) == 2
    said = _said(capsys)
    assert "[smtp] port = 'abc'" in said and "число от 1 до 65535" in said and "ValueError" not in said


def test_9_a_folder_given_as_the_workbook_is_said_in_russian(tmp_path, capsys):
    (tmp_path / "папка").mkdir()
    assert main(["--workbook", str(tmp_path / "папка"), "check"]) == 2
    said = _said(capsys)
    assert "папка, а не файл книги" in said and not ENGLISH.findall(said)


def _blocks(readme: str, after: str) -> list[str]:
    """The lines of the first ```bash block after the heading or text `after`, joined where they continue."""
    block = readme.split(after, 1)[1].split("```bash\n", 1)[1].split("```", 1)[0]
    return [line for line in block.replace("\\\n", " ").splitlines() if line.strip() and not line.startswith("#")]


def test_9_readmes_first_command_line_examples_run_on_the_demo_as_written(demo_workbook, tmp_path):
    """Each line exactly as README prints it, in a folder laid out as `make run` leaves it (.venv, data/)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (tmp_path / "data").mkdir()
    shutil.copy(demo_workbook, tmp_path / "data" / "edudesk.xlsx")
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))
    lines = _blocks(readme, "## Что умеет") + _blocks(readme, "## Командная строка")
    assert any("edudesk add" in line for line in lines) and any("check --json" in line for line in lines)
    script = "set -e\n" + "\n".join(f"{line.split('  #')[0]} >/dev/null || [ $? -eq 1 ]" for line in lines)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "EDUDESK_TODAY": "2026-11-23"}
    done = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Ошибка" not in done.stderr


def test_9_make_run_turns_the_file_watcher_off():
    assert "--server.fileWatcherType none" in (ROOT / "Makefile").read_text()
