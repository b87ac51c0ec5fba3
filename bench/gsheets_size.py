"""A year of applications on a shared Google Sheet (#26): what one read, one add and one update of a 10 000-row
«Заявки» ask of Google and receive, EduDesk beside gspread-dataframe (one run, the emulator of the Sheets API).

gspread-dataframe reads a tab with one values.get and writes a DataFrame back whole; «change one row» there is
read, edit the frame, set_with_dataframe.
"""

from __future__ import annotations

import time
from datetime import date
from functools import partial

import gspread
import requests

from core.enrollment.application_form import APPLICATION_NUMBERS
from core.records.journal import JournaledStore
from core.records.tabs import layouts
from core.store import find_row
from core.store.gsheets import GSheetsStore, RetryPolicy
from tests.sheets_emulator import SheetsEmulator

ROWS = 10_000
POLICY = RetryPolicy(3, 0.01, 0.05, timeout=120)


class Counting(requests.Session):
    """A session that counts the requests it sends and the bytes it receives."""

    def __init__(self) -> None:
        super().__init__()
        self.requests = self.received = 0

    def request(self, *args, **kwargs):
        answer = super().request(*args, **kwargs)
        self.requests += 1
        self.received += len(answer.content)
        return answer


def _sheet() -> SheetsEmulator:
    emulator = SheetsEmulator().start()
    store = GSheetsStore(emulator.key, session=requests.Session(), api_base=emulator.url, policy=POLICY)
    store.create_tabs([lay for lay in layouts() if lay.name in ("Заявки", "Журнал")])
    store.append("Заявки", [{"№ заявки": f"З-{i:04d}", "Код программы": "ПК-001", "Фамилия": "Иванова",
                             "Имя": "Анна", "Отчество": "Петровна", "Дата рождения": date(1990, 1, 1 + i % 28),
                             "Телефон": "+7 900 000-00-00", "E-mail": f"listener{i}@mail.ru", "Статус": "новая"}
                            for i in range(1, ROWS + 1)])
    return emulator


def _measure(session: Counting, action) -> tuple[int, float, float]:
    session.requests = session.received = 0
    started = time.perf_counter()
    action()
    return session.requests, session.received / 1e6, time.perf_counter() - started


def edudesk(emulator: SheetsEmulator) -> dict[str, tuple[int, float, float]]:
    session = Counting()
    store = GSheetsStore(emulator.key, session=session, api_base=emulator.url, policy=POLICY)
    journaled = JournaledStore(store, "bench@oiro.ru")
    out = {"read": _measure(session, lambda: store.read(["Заявки"]))}
    out["add"] = _measure(session, lambda: journaled.append("Заявки", [
        {"Код программы": "ПК-001", "Фамилия": "Петрова", "Имя": "Мария", "Статус": "новая"}],
        numbering=APPLICATION_NUMBERS))
    seen = find_row(store.read(["Заявки"]).tabs["Заявки"], "№ заявки", "З-5000")
    out["update"] = _measure(session, lambda: journaled.update(seen, "№ заявки", {"Статус": "отклонена"}))
    return out


def gspread_dataframe(emulator: SheetsEmulator) -> dict[str, tuple[int, float, float]] | None:
    try:
        from gspread_dataframe import get_as_dataframe, set_with_dataframe
    except ImportError:
        return None
    session = Counting()
    client = gspread.Client(None, session=session, http_client=partial(_Redirected, api_base=emulator.url))
    sheet = client.open_by_key(emulator.key).worksheet("Заявки")
    frame = {}
    out = {"read": _measure(session, lambda: frame.setdefault("df", get_as_dataframe(sheet)))}

    def add() -> None:
        df = get_as_dataframe(sheet).astype(object)
        row = {c: "" for c in df.columns}
        row.update({"№ заявки": f"З-{len(df) + 1:04d}", "Фамилия": "Петрова", "Статус": "новая"})
        df.loc[len(df)] = row
        set_with_dataframe(sheet, df)

    def update() -> None:
        df = get_as_dataframe(sheet)
        df.loc[df["№ заявки"] == "З-5000", "Статус"] = "отклонена"
        set_with_dataframe(sheet, df)

    out["add"] = _measure(session, add)
    out["update"] = _measure(session, update)
    return out


class _Redirected(gspread.http_client.HTTPClient):
    """gspread's own client as gspread-dataframe users have it, sent to the emulator instead of Google."""

    def __init__(self, auth, session=None, *, api_base: str) -> None:
        super().__init__(auth, session)
        self.api_base = api_base

    def request(self, method, endpoint, *args, **kwargs):
        return super().request(method, endpoint.replace("https://sheets.googleapis.com", self.api_base, 1), *args,
                               **kwargs)


def table() -> str:
    emulator = _sheet()
    try:
        ours = edudesk(emulator)
        theirs = gspread_dataframe(emulator)
    finally:
        emulator.stop()
    names = {"read": "Чтение листа", "add": "Добавление одной заявки", "update": "Изменение одной ячейки"}
    lines = ["| 10 000 строк «Заявки» | EduDesk: запросов / получено, МБ / с | gspread-dataframe 4.0.0 |",
             "|---|---:|---:|"]
    for key, name in names.items():
        a = ours[key]
        b = f"{theirs[key][0]} / {theirs[key][1]:.2f} / {theirs[key][2]:.2f}" if theirs else "не установлен"
        lines.append(f"| {name} | {a[0]} / {a[1]:.2f} / {a[2]:.2f} | {b} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
