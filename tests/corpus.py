"""Real workbooks (tests/data/workbooks: made by Excel, LibreOffice, Google and others) put through the app.

Each goes through what staff do with EduDesk on their own file: `edudesk init`, then an append and an update
by key on an app tab («Заявки») and on the staff's own first tab when it has a header row. LibreOffice
(headless) then opens every result, as a user's office would.
"""

from __future__ import annotations

import csv
import fcntl
import os
import pickle
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from core.platform.errors import StoreError
from core.setup import initialize
from core.store import XlsxStore, find_row

CORPUS = Path(__file__).parent / "data" / "workbooks"
NOT_WORKBOOKS = {"null_file.xlsx": "файл пуст", "null_archive.xlsx": "нет листов",
                 "pass_protected.xlsx": "защищённая паролем"}
# The row the app adds to «Заявки»: a date, a number, and text that must come back to the letter.
APPLICATION = {"№ заявки": "З-0001", "Дата поступления": date(2026, 3, 15), "Код программы": "ПК-001",
               "Фамилия": "Иванова", "Имя": "Анна", "Причина": "литерал _x0041_ и строка\r\nвторая",
               "Место работы": "Школа № 7"}
STAFF_KEY, STAFF_TEXT, STAFF_CHANGED = "EDU-1", "добавлено приложением", "изменено приложением"


def corpus() -> list[Path]:
    return sorted(CORPUS.glob("*/*.xls*"))


def case_id(path: Path) -> str:
    return f"{path.parent.name.split('-')[0]}/{path.name}"


@dataclass
class Outcome:
    path: Path
    before: dict[str, bytes]  # stored (compressed) bytes of each member before
    content: dict[str, bytes] = field(default_factory=dict)  # each member's content before
    staff: tuple[str, str, str] | None = None  # sheet, key header, text header
    app_sheets: list[str] = field(default_factory=list)
    refused: str | None = None


def raw_members(path: Path) -> dict[str, bytes]:
    from core.store.xlsx_package import _raw

    with zipfile.ZipFile(path) as archive:
        return {info.filename.replace("\\", "/"): _raw(archive, info) for info in archive.infolist()}


def members(path: Path) -> dict[str, bytes]:
    from core.store.xlsx_package import Package

    package = Package.open(path)
    try:
        return {name: package.read(name) for name in package.names}
    finally:
        package.close()


def staff_headers(store: XlsxStore, sheet: str) -> tuple[str, str] | None:
    """Two text headers of the staff tab's row 1 to write under, when it has a header row."""
    tab = store.read([sheet]).tabs[sheet]
    texts = [h for h in tab.headers if h and not h.replace(".", "").replace("-", "").isdigit()]
    if len(texts) < 2 or len(set(texts)) != len(texts) or len(set(tab.headers) - {""}) != len([h for h in tab.headers
                                                                                              if h]):
        return None
    return texts[0], texts[1]


def run_scenario(source: Path, target: Path) -> Outcome:
    """Copy a corpus workbook and do with it what staff do with the app; the result is at `target`."""
    shutil.copy(source, target)
    outcome = Outcome(target, raw_members(target), members(target))
    store = XlsxStore(target, backups_keep=0)
    first = store.tab_names()[0]
    headers = staff_headers(store, first)
    if headers:
        key, text = headers
        try:
            store.append(first, [{key: STAFF_KEY, text: STAFF_TEXT}])
        except StoreError as exc:  # a tab the app must not write (a pivot table): refused, and nothing changed
            assert "сводная таблица" in str(exc) and raw_members(target) == outcome.before, exc
            headers = None
    if headers:
        store.invalidate()
        store.update(find_row(store.read([first]).tabs[first], key, STAFF_KEY), key, {text: STAFF_CHANGED})
        outcome.staff = (first, key, text)
    before = set(store.tab_names())
    initialize(store)
    outcome.app_sheets = [n for n in store.tab_names() if n not in before]
    store.append("Заявки", [APPLICATION])
    store.invalidate()
    seen = find_row(store.read(["Заявки"]).tabs["Заявки"], "№ заявки", "З-0001")
    store.update(seen, "№ заявки", {"Статус": "проверена"})
    return outcome


def libreoffice_csv(paths: list[Path], folder: Path) -> dict[Path, dict[str, list[list[str]]]]:
    """Every sheet of every workbook as LibreOffice shows it (one headless run for all), by workbook and sheet."""
    folder.mkdir(parents=True, exist_ok=True)
    soffice = shutil.which("soffice")
    filter_options = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to",
                    filter_options, "--outdir", str(folder / "csv"), *map(str, paths)],
                   capture_output=True, timeout=900, check=False)
    result: dict[Path, dict[str, list[list[str]]]] = {}
    for path in paths:
        sheets = {}
        for file in (folder / "csv").glob(f"{path.stem}-*.csv"):
            with open(file, encoding="utf-8", newline="") as handle:
                sheets[file.stem[len(path.stem) + 1:]] = list(csv.reader(handle))
        result[path] = sheets
    return result


def made_once_per_run(tmp_path_factory, name: str, make: Callable[[Path], Any]) -> Any:
    """`make(folder)` once for the whole test run, however many xdist workers need it: the first makes it (LibreOffice
    over the whole corpus: a minute or more), the others wait for it and read it — a session fixture alone is made
    once per worker. Kept in the run's own temporary folder, so the next run makes it again."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # popen-gwN's parent: this run's folder
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = root / f"{name}.pickle"
        if done.exists():
            return pickle.loads(done.read_bytes())
        folder = root / name
        folder.mkdir(exist_ok=True)
        value = make(folder)
        done.write_bytes(pickle.dumps(value))
        return value
