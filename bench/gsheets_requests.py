"""Requests to Google for a page read and a one-row update: EduDesk beside st-gsheets-connection, one run, one emulator each.

Both read the same five tabs and change the same cell of «Заявки». Meanwhile a colleague edits another row, and
the sheet holds text a person typed that only looks like a number or a formula («007», «=10*150»). The table
says what each tool asked of Google and what was left of the colleague's work.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from core.demo.workbook import demo_rows
from core.records.tabs import layouts
from core.store import find_row
from core.store.gsheets import GSheetsStore, RetryPolicy
from tests.sheets_emulator import SheetsEmulator

TABS = ["Программы", "Заявки", "Группы", "Слушатели", "Журнал"]
VENV = Path(__file__).parent / ".venv-stgsheets"
PROBE = Path(__file__).parent / "stgsheets_probe.py"
TARGET, COLLEAGUE_ROW = "З-0003", "З-0005"


def _sheet() -> tuple[SheetsEmulator, GSheetsStore]:
    emulator = SheetsEmulator().start()
    store = GSheetsStore(emulator.key, session=requests.Session(), api_base=emulator.url,
                         policy=RetryPolicy(3, 0.05, 0.2))
    store.create_tabs([lay for lay in layouts() if lay.name in TABS])
    rows = demo_rows(date(2026, 11, 23))
    apps = rows["Заявки"][:12]
    apps[0] = {**apps[0], "№ заявки": "007", "Причина": "=10*150"}  # text a person typed, stored as text
    store.append_many({"Программы": rows["Программы"], "Заявки": apps, "Группы": rows["Группы"],
                       "Слушатели": rows["Слушатели"][:40]})
    return emulator, store


def _colleague(emulator: SheetsEmulator) -> None:
    row = [r[0] for r in emulator.grid("Заявки")].index(COLLEAGUE_ROW) + 1
    emulator.set_cell("Заявки", row, [emulator.value("Заявки", 1, c) for c in range(1, 30)].index("Фамилия") + 1,
                      "Изменено коллегой")


def _damage(emulator: SheetsEmulator) -> dict:
    grid = emulator.grid("Заявки")
    headers = grid[0]
    first = grid[1]
    colleague = next((r for r in grid if r and r[0] == COLLEAGUE_ROW), [])
    return {"code": first[0], "formula": first[headers.index("Причина")],
            "colleague": "Изменено коллегой" in colleague}


def edudesk() -> dict:
    emulator, _ = _sheet()
    try:
        store = GSheetsStore(emulator.key, session=requests.Session(), api_base=emulator.url)
        emulator.reset_counts()
        tabs = store.read(TABS).tabs
        read = emulator.count()
        seen = find_row(tabs["Заявки"], "№ заявки", TARGET)
        _colleague(emulator)
        emulator.reset_counts()
        store.update(seen, "№ заявки", {"Статус": "проверена"})
        return {"read": read, "update": emulator.count(), **_damage(emulator)}
    finally:
        emulator.stop()


def st_gsheets_connection() -> dict | None:
    python = VENV / "bin" / "python"
    if not python.exists():
        return None
    emulator, _ = _sheet()
    try:
        with tempfile.TemporaryDirectory() as folder:
            config = Path(folder) / "config.json"
            handshake = Path(folder) / "handshake"
            handshake.write_text("", encoding="utf-8")
            config.write_text(json.dumps({
                "api": emulator.url, "key": emulator.key, "account": _account(emulator), "tabs": TABS,
                "tab": "Заявки", "key_header": "№ заявки", "key_value": TARGET, "header": "Статус",
                "value": "проверена", "handshake": str(handshake)}, ensure_ascii=False), encoding="utf-8")
            emulator.reset_counts()
            _probe(python, config, "read")
            read = emulator.count() - emulator.count("token")
            process = subprocess.Popen([str(python), str(PROBE), str(config), "update"], stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, text=True)
            while handshake.read_text(encoding="utf-8") != "read" and process.poll() is None:
                time.sleep(0.05)
            _colleague(emulator)
            emulator.reset_counts()
            handshake.write_text("go", encoding="utf-8")
            _, errors = process.communicate(timeout=300)
            if process.returncode:
                raise RuntimeError(errors[-2000:])
            return {"read": read, "update": emulator.count() - emulator.count("token"), **_damage(emulator)}
    finally:
        emulator.stop()


def _probe(python: Path, config: Path, mode: str) -> None:
    done = subprocess.run([str(python), str(PROBE), str(config), mode], capture_output=True, text=True, timeout=300)
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])


def _account(emulator: SheetsEmulator) -> dict:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    return {"type": "service_account", "project_id": "bench", "private_key_id": "1", "private_key": pem,
            "client_email": "bench@bench.iam.gserviceaccount.com", "client_id": "1",
            "token_uri": f"{emulator.url}/token"}


def table() -> str:
    ours = edudesk()
    theirs = st_gsheets_connection()
    other = (lambda key, fmt=str: fmt(theirs[key])) if theirs else (lambda key, fmt=str: "не установлен")

    def kept(value):
        return "сохранена" if value else "**потеряна**"

    rows = [("Запросов: холодное чтение 5 листов", ours["read"], other("read")),
            ("Запросов: изменение одной ячейки строки", ours["update"], other("update")),
            ("Текст «007», введённый сотрудником", f"«{ours['code']}»", other("code", lambda v: f"«{v}»")),
            ("Текст «=10*150» (не формула)", f"«{ours['formula']}»", other("formula", lambda v: f"«{v}»")),
            ("Правка коллеги в другой строке во время работы", kept(ours["colleague"]), other("colleague", kept))]
    lines = ["| | EduDesk | st-gsheets-connection 0.1.0 |", "|---|---:|---:|"]
    lines += [f"| {name} | {a} | {b} |" for name, a, b in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    threading.excepthook = lambda args: None
    print(table())
