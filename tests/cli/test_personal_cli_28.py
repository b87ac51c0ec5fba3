"""`edudesk personal` (#28): the personal columns of a Google Sheet that kept everything are named, moved to the
institute's server with one command, the app works on the sheet joined, and one command brings them back."""

from __future__ import annotations

from core.cli.commands import main
from core.platform.values import canonical
from sheets_schema import TABS
from tests.conftest import gsheets_store
from tests.test_faults import _secrets


def _everything(store) -> dict:
    tabs = store.read([t.name for t in TABS]).tabs
    return {n: [{k: canonical(v) for k, v in r.items() if k} for r in d.as_dicts()] for n, d in tabs.items()}


def test_personal_out_and_back_from_the_command_line(emulator, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EDUDESK_SECRETS_FILE", str(_secrets(tmp_path / "secrets.toml", emulator)))
    monkeypatch.setenv("EDUDESK_SHEETS_API_BASE", emulator.url)
    monkeypatch.setenv("EDUDESK_TODAY", "2026-11-23")
    assert main(["init", "--demo"]) == 0
    before = _everything(gsheets_store(emulator))
    capsys.readouterr()

    assert main(["personal", "show"]) == 1
    said = capsys.readouterr().out
    assert "Заявки\t" in said and "СНИЛС" in said and "в общей таблице (за рубежом)" in said
    assert main(["personal", "out"]) == 2  # the setting is not on: said, nothing moved
    assert "EDUDESK_PERSONAL_STORE" in capsys.readouterr().err

    monkeypatch.setenv("EDUDESK_PERSONAL_STORE", str(tmp_path / "server" / "personal.xlsx"))
    (tmp_path / "server").mkdir()
    assert main(["personal", "out"]) == 0
    moved = capsys.readouterr().out
    assert "Перенесено на сервер учреждения значений:" in moved
    assert main(["personal", "show"]) == 0 and "хранятся отдельно" in capsys.readouterr().out
    assert "СНИЛС" not in gsheets_store(emulator).read(["Заявки"]).tabs["Заявки"].headers
    assert main(["check"]) in (0, 1) and "СНИЛС" in capsys.readouterr().out  # the rules see the joined rows

    assert main(["personal", "back"]) == 0
    back = capsys.readouterr().out
    assert back.splitlines()[-1].split(": ")[1] == moved.splitlines()[-1].split(": ")[1]
    monkeypatch.delenv("EDUDESK_PERSONAL_STORE")
    shared = _everything(gsheets_store(emulator))
    assert {n: rows for n, rows in shared.items() if n != "Журнал"} == \
        {n: rows for n, rows in before.items() if n != "Журнал"}
    assert main(["personal", "show"]) == 1
