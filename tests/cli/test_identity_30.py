"""Issue #30, «who may do what»: roles no one raises themselves, a journal row for every write, the command line's
person from what they can't type in freely. Each test failed on the code before the fix.

The operating-system facts are real: the workbook's owner is changed with chown (the tests run as root, which may),
so «not the owner of the workbook» is what the kernel says, not a stub."""

from __future__ import annotations

import os
import shutil
import stat

import pytest

from core.cli import main
from core.store import XlsxStore
from sheets_schema import TABS

NOBODY = 65534


@pytest.fixture
def book(demo_workbook, tmp_path, monkeypatch):
    path = tmp_path / "edudesk.xlsx"
    shutil.copy(demo_workbook, path)
    monkeypatch.setenv("EDUDESK_CLI_KEYS_FILE", str(tmp_path / "keys" / "cli_keys.json"))
    monkeypatch.delenv("EDUDESK_KEY", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no ~/.config/edudesk/key of the machine's user
    return path


def _journal(path):
    return XlsxStore(path).read(["Журнал"]).tabs["Журнал"].as_dicts()


def _users(path):
    return {r["E-mail"]: r["Роль"] for r in XlsxStore(path).read(["Пользователи"]).tabs["Пользователи"].as_dicts()}


def _key_for(book, email, capsys, monkeypatch):
    """A key issued the real way: by the administrator (here the workbook's owner naming herself)."""
    monkeypatch.setenv("EDUDESK_USER", "admin@oiro.example.ru")
    assert main(["--workbook", str(book), "key", "issue", email]) == 0
    key = capsys.readouterr().out.splitlines()[1].strip()
    monkeypatch.delenv("EDUDESK_USER")
    return key


def _not_the_owner(book):
    os.chown(book, NOBODY, NOBODY)
    os.chmod(book, 0o666)


def test_1_a_staff_member_cannot_make_themselves_administrator(book, capsys, monkeypatch):
    """metodist@… (сотрудник) edits her own role on «Пользователи» with `edudesk edit`: refused, nothing written;
    the journal page stays closed and `init --force` is refused to her."""
    monkeypatch.setenv("EDUDESK_KEY", _key_for(book, "metodist@oiro.example.ru", capsys, monkeypatch))
    _not_the_owner(book)
    before = book.read_bytes()
    assert main(["--workbook", str(book), "edit", "Пользователи", "metodist@oiro.example.ru",
                 "--set", "Роль=администратор"]) == 2
    assert "меняет только администратор" in capsys.readouterr().err
    assert main(["--workbook", str(book), "add", "Пользователи", "--set", "E-mail=friend@oiro.example.ru",
                 "--set", "Роль=администратор"]) == 2
    assert book.read_bytes() == before and _users(book)["metodist@oiro.example.ru"] == "сотрудник"
    assert main(["--workbook", str(book), "init", "--force"]) == 2
    assert "только администратор" in capsys.readouterr().err and book.read_bytes() == before


def test_1_an_administrator_changes_others_roles_never_their_own(book, capsys, monkeypatch):
    monkeypatch.setenv("EDUDESK_USER", "admin@oiro.example.ru")
    assert main(["--workbook", str(book), "edit", "Пользователи", "admin@oiro.example.ru",
                 "--set", "Роль=наблюдатель"]) == 2
    assert "Свою роль" in capsys.readouterr().err and _users(book)["admin@oiro.example.ru"] == "администратор"
    assert main(["--workbook", str(book), "edit", "Пользователи", "viewer@oiro.example.ru",
                 "--set", "Роль=сотрудник"]) == 0
    assert _users(book)["viewer@oiro.example.ru"] == "сотрудник"
    assert _journal(book)[-1]["Лист"] == "Пользователи" and _journal(book)[-1]["Кто"].startswith("admin@")


def test_2_a_reset_keeps_who_may_do_what_and_who_did_what_and_says_so(book, capsys, monkeypatch):
    """`init --force` replaced the workbook and its journal with empty ones (then anyone was administrator)."""
    monkeypatch.setenv("EDUDESK_USER", "admin@oiro.example.ru")
    users, entries = _users(book), _journal(book)
    assert main(["--workbook", str(book), "init", "--force"]) == 0
    assert _users(book) == users
    journal = _journal(book)
    assert journal[:len(entries)] == entries
    reset = [e for e in journal[len(entries):] if e["Действие"].startswith("книга создана заново")]
    assert len(reset) == 1 and reset[0]["Кто"].startswith("admin@oiro.example.ru (командная строка")
    named = [b for b in (book.parent / "backups").glob("edudesk-*.xlsx") if str(b) in reset[0]["Стало"]]
    assert len(named) == 1 and _journal(named[0]) == entries  # the old workbook, where the journal says
    capsys.readouterr()
    monkeypatch.setenv("EDUDESK_USER", "viewer@oiro.example.ru")
    _not_the_owner(book)
    assert main(["--workbook", str(book), "init", "--force"]) == 2  # nobody became administrator by the reset


def test_2_creating_tabs_and_rewriting_the_check_tab_are_journaled(tmp_path, book, capsys, monkeypatch):
    monkeypatch.setenv("EDUDESK_USER", "admin@oiro.example.ru")
    entries = len(_journal(book))
    assert main(["--workbook", str(book), "check", "--to-sheet"]) in (0, 1)
    assert [e["Действие"] for e in _journal(book)[entries:]] == ["лист переписан проверкой"]
    fresh = tmp_path / "новая.xlsx"
    assert main(["--workbook", str(fresh), "init"]) == 0
    made = _journal(fresh)
    assert len(made) == len(TABS) and {e["Действие"] for e in made} == {"создание листа"}
    assert {e["Кто"] for e in made} == {"локальный пользователь (командная строка: в книге нет листа «Пользователи»)"}


def test_3_an_e_mail_typed_by_someone_else_is_refused(book, capsys, monkeypatch):
    """An observer (not the workbook's owner) typed EDUDESK_USER=admin@… and exported ФРДО with personal data."""
    _not_the_owner(book)
    monkeypatch.setenv("EDUDESK_USER", "admin@oiro.example.ru")
    out = book.parent / "frdo.xlsx"
    assert main(["--workbook", str(book), "export", "frdo", "--year", "2026", "-o", str(out)]) == 2
    assert "от чужого имени не работает" in capsys.readouterr().err and not out.exists()
    before = book.read_bytes()
    assert main(["--workbook", str(book), "add", "Программы", "--set", "Код=ПК-300", "--set", "Наименование=Курс",
                 "--set", "Вид=ПК", "--set", "Объём, ч=16"]) == 2
    assert book.read_bytes() == before


def test_3_a_key_from_the_administrator_names_its_person_in_the_journal(book, capsys, monkeypatch):
    staff_key = _key_for(book, "metodist@oiro.example.ru", capsys, monkeypatch)
    key = _key_for(book, "viewer@oiro.example.ru", capsys, monkeypatch)
    issued = _journal(book)[-1]
    assert (issued["Лист"], issued["Ключ"], issued["Действие"]) == (
        "Пользователи", "viewer@oiro.example.ru", "выдан ключ командной строки")
    assert key not in str(_journal(book)) and key not in (book.parent / "keys" / "cli_keys.json").read_text()
    assert stat.S_IMODE((book.parent / "keys" / "cli_keys.json").stat().st_mode) == 0o600
    _not_the_owner(book)
    monkeypatch.setenv("EDUDESK_KEY", key)
    out = book.parent / "frdo.xlsx"
    assert main(["--workbook", str(book), "export", "frdo", "--year", "2026", "-o", str(out)]) == 2
    assert "недоступна роли «наблюдатель»" in capsys.readouterr().err  # known as who she is: the observer
    monkeypatch.setenv("EDUDESK_KEY", key + "x")
    assert main(["--workbook", str(book), "check"]) == 2 and "не подходит" in capsys.readouterr().err
    monkeypatch.setenv("EDUDESK_KEY", staff_key)
    assert main(["--workbook", str(book), "add", "Программы", "--set", "Код=ПК-301", "--set", "Наименование=Курс",
                 "--set", "Вид=ПК", "--set", "Объём, ч=16"]) == 0
    who = _journal(book)[-1]["Кто"]
    assert who.startswith("metodist@oiro.example.ru (командная строка: ключ от admin@oiro.example.ru, выдан ")


def test_3_the_os_account_is_read_from_the_system_not_from_user(book, capsys, monkeypatch):
    """$USER is anyone's to set; the account comes from the system's table (pwd)."""
    from core.cli.user import os_login

    monkeypatch.setenv("USER", "admin")
    monkeypatch.setenv("LOGNAME", "admin")
    import pwd
    assert os_login() == pwd.getpwuid(os.geteuid()).pw_name != "admin"


def test_6_a_new_workbook_is_opened_to_colleagues_as_any_new_file(tmp_path, monkeypatch):
    """`edudesk init` made the workbook 0600: colleagues on a shared folder could not open it."""
    monkeypatch.setenv("EDUDESK_USER", "admin@oiro.example.ru")
    old = os.umask(0o002)
    try:
        assert main(["--workbook", str(tmp_path / "общая.xlsx"), "init"]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "общая.xlsx").stat().st_mode) == 0o664
