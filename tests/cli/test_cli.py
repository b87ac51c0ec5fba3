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
                         env={"EDUDESK_WORKBOOK": str(demo_workbook), "EDUDESK_USER": "manager@oiro.example.ru",
                              "PATH": "/usr/bin:/bin"}, cwd=tmp_path)
    assert exe.returncode == 1 and json.loads(exe.stdout)


def _demo_copy(demo_workbook, tmp_path):
    import shutil

    path = tmp_path / "edudesk.xlsx"
    shutil.copy(demo_workbook, path)
    return path


def _journal(path):
    from core.store import XlsxStore

    tab = XlsxStore(path).read(["Журнал"]).tabs["Журнал"]
    return [dict(zip(tab.headers, row, strict=False)) for row in tab.rows]


def test_an_observer_can_neither_import_nor_start_over(demo_workbook, tmp_path, monkeypatch, capsys):
    """A наблюдатель running the command line reads, but `import roadmap` and `init --force` are refused."""
    from pathlib import Path

    book = _demo_copy(demo_workbook, tmp_path)
    monkeypatch.setenv("EDUDESK_USER", "viewer@oiro.example.ru")
    source = Path(__file__).resolve().parents[2] / "core" / "demo" / "files" / "roadmap_004.txt"
    empty = tmp_path / "rm.txt"
    empty.write_text(source.read_text(encoding="utf-8").replace("\n1.1", "\n99.1"), encoding="utf-8")
    before = book.read_bytes()
    assert main(["--workbook", str(book), "import", "roadmap", str(empty)]) == 2
    assert "только просматривает" in capsys.readouterr().err
    assert main(["--workbook", str(book), "init", "--force"]) == 2
    assert "только администратор" in capsys.readouterr().err
    assert main(["--workbook", str(book), "export", "frdo", "--year", "2026", "-o", str(tmp_path / "f.xlsx")]) == 2
    assert "персональные данные" in capsys.readouterr().err
    assert book.read_bytes() == before and not list(tmp_path.glob("backups/*"))
    main(["--workbook", str(book), "check", "--json"])
    assert "@" not in "".join(f["message"] for f in json.loads(capsys.readouterr().out) if "@" in f["message"]
                              and "***" not in f["message"])


def test_an_unlisted_login_is_told_how_to_name_itself(demo_workbook, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("EDUDESK_USER")
    monkeypatch.setattr("core.cli.user.os_login", lambda: "stranger")
    assert main(["--workbook", str(_demo_copy(demo_workbook, tmp_path)), "check"]) == 2
    err = capsys.readouterr().err
    assert "«stranger» нет на листе «Пользователи»" in err and "EDUDESK_USER" in err


def test_the_os_login_finds_its_e_mail_and_writes_are_journaled(demo_workbook, tmp_path, monkeypatch, capsys):
    """Login «metodist» is metodist@… (сотрудник): its roadmap import is in «Журнал» under that e-mail."""
    from pathlib import Path

    book = _demo_copy(demo_workbook, tmp_path)
    monkeypatch.delenv("EDUDESK_USER")
    monkeypatch.setattr("core.cli.user.os_login", lambda: "metodist")
    source = Path(__file__).resolve().parents[2] / "core" / "demo" / "files" / "roadmap_004.txt"
    fresh = tmp_path / "rm.txt"
    fresh.write_text(source.read_text(encoding="utf-8").replace("\n15.", "\n95."), encoding="utf-8")
    assert main(["--workbook", str(book), "import", "roadmap", str(fresh)]) == 0
    entries = [e for e in _journal(book) if e["Лист"] == "Дорожная_карта" and e["Действие"] != "создание листа"]
    assert entries and {e["Кто"] for e in entries} == {
        "metodist@oiro.example.ru (командная строка: учётная запись ОС «metodist»)"}
    assert {e["Действие"] for e in entries} == {"добавление"}


def test_check_takes_today_from_the_settings_like_every_command(demo_workbook, capsys, monkeypatch):
    """EDUDESK_TODAY moves «today» for `check` as it does for `digest`: the same findings as --today."""
    main(["--workbook", str(demo_workbook), "check", "--json", "--today", "2027-06-01"])
    explicit = capsys.readouterr().out
    main(["--workbook", str(demo_workbook), "check", "--json"])
    real_today = capsys.readouterr().out
    monkeypatch.setenv("EDUDESK_TODAY", "2027-06-01")
    main(["--workbook", str(demo_workbook), "check", "--json"])
    assert capsys.readouterr().out == explicit != real_today


def test_add_and_edit_refuse_what_the_rules_refuse_and_write_the_rest(demo_workbook, tmp_path, capsys):
    """#18: `edudesk add` / `edit` exit 1 with the findings for a breaking record (nothing written), 0 and one journaled
    write for a passing one; warnings need --yes; a tab without a key is edited by its row."""
    from core.store import XlsxStore

    book = _demo_copy(demo_workbook, tmp_path)
    base = ["--workbook", str(book)]
    service = ["add", "ПОУ_услуги", "--set", "Код услуги=ПОУ-2026-099", "--set", "Кафедра=Кафедра педагогики",
               "--set", "Вид=ПК", "--set", "Наименование=Курс", "--set", "Место=в Учреждении", "--set", "Часы=72",
               "--set", "Слушатели=20", "--set", "Дата начала=15.03.2027", "--set", "Дата окончания=19.03.2027",
               "--set", "Внеплановая=да", "--set", "Дата заявки=01.12.2026"]
    assert main([*base, *service, "--set", "Ставка, ₽/чел.-ч=200"]) == 1
    assert "PAY-RATE-RANGE" in capsys.readouterr().err
    assert "ПОУ-2026-099" not in str(XlsxStore(book).read(["ПОУ_услуги"]).tabs["ПОУ_услуги"].rows)
    assert main([*base, *service, "--set", "Ставка, ₽/чел.-ч=150"]) == 0

    application = ["add", "Заявки", "--set", "Код программы=ПК-001", "--set", "Фамилия=Иванова", "--set", "Имя=Анна"]
    assert main([*base, *application]) == 1 and "--yes" in capsys.readouterr().err
    assert main([*base, *application, "--yes"]) == 0 and "№ З-" in capsys.readouterr().out

    # the volume no longer matches the programme's curriculum (TT-PROGRAM-HOURS): a warning to confirm
    assert main([*base, "edit", "Программы", "ПК-001", "--set", "Объём, ч=36"]) == 1
    assert "TT-PROGRAM-HOURS" in capsys.readouterr().err
    assert main([*base, "edit", "Программы", "ПК-001", "--set", "Объём, ч=36", "--yes"]) == 0
    assert main([*base, "edit", "ПОУ_оплаты", "2", "--set", "Договор=Д-001/2026"]) == 0
    assert main([*base, "edit", "Программы", "ПК-001", "--set", "Объём=36"]) == 2
    assert "нет столбца «Объём»" in capsys.readouterr().err
    tabs = XlsxStore(book).read(["Программы", "ПОУ_оплаты", "ПОУ_услуги"]).tabs
    assert tabs["Программы"].rows[0][3] == 36 and tabs["ПОУ_оплаты"].rows[0][1] == "Д-001/2026"
    assert sum(r[0] == "ПОУ-2026-099" for r in tabs["ПОУ_услуги"].rows) == 1
    assert [e["Действие"] for e in _journal(book)[-4:]] == ["добавление", "добавление", "изменение", "изменение"]
