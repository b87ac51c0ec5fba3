"""«Within a minute sees what is wrong»: connecting a staff workbook kept for years, and its first check.

The book is made of the staff-style tabs of the tests (tests/connect/staff_books.py), grown to an office's size: a
register of 10 000 applications over years (title rows, one «ФИО» column, dates as text and as dates), the
programmes, the groups with code and name in one cell, and ten tabs of the office that are nobody's model (the
twenty-second set). Every fiftieth applicant's СНИЛС is typed with a wrong checksum. Timed: the proposal for every
tab (what «Подключение таблицы» shows), saving the mapping, and the first check through it (read + every rule) —
the staff's cells named in the findings.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from core import areas
from core.connect.propose import TabProposal
from core.connect.review import corrected
from core.connect.sheet import connected, look, save
from core.records.checks import run_all
from core.records.tabs import layouts
from core.store import XlsxStore
from tests.connect.staff_books import GROUPS_IN_ONE_CELL, PROGRAMS, REGISTER, StaffBook, write_book
from tests.connect.twenty_second_books import TWENTY_SECOND

areas.load()

TODAY = date(2026, 11, 23)
APPLICATIONS = 10_000
SURNAMES = ("Иванова", "Петрова", "Смирнова", "Кузнецова", "Попова", "Соколова", "Лебедева", "Козлова")
NAMES = ("Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна")
# the office's own words: «отклонено» and «зачислена» share a stem with a model value (proposed), «принята» does not
STATUSES = ("принята", "принята", "отклонено", "зачислена", "новая")


def _snils(n: int, wrong: bool) -> str:
    digits = f"{100_000_000 + n * 7919 % 899_999_999:09d}"
    total = sum(int(d) * (9 - i) for i, d in enumerate(digits))
    check = total % 101 % 100
    if wrong:
        check = (check + 1) % 100
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]} {check:02d}"


def _register_rows(count: int) -> list[list]:
    rows, start = [], date(2022, 1, 10)
    for n in range(count):
        day = start + timedelta(days=n * 1700 // count)
        born = date(1965 + n % 35, 1 + n % 12, 1 + n % 28)
        rows.append([n + 1, f"{SURNAMES[n % 8]} {NAMES[n % 6]} Петровна", born if n % 3 else born.strftime("%d.%m.%Y"),
                     _snils(n, wrong=n % 50 == 0), f"listener{n}@school.ru", f"+7 912 {n % 1000:03d}-00-00",
                     f"МБОУ СОШ № {n % 60 + 1}", "учитель", "ПК-01" if n % 2 else "ПК-02", f"З-{n + 1:05d}",
                     day if n % 4 else day.strftime("%d.%m.%Y"), STATUSES[n % len(STATUSES)], "нет", ""])
    return rows


def office_book(folder: Path) -> Path:
    register = replace(REGISTER, rows=_register_rows(APPLICATIONS), gap_after=None)
    others = [tab for book in TWENTY_SECOND for tab in book.tabs if tab.model_tab is None]
    return write_book(StaffBook("Учебный отдел", [register, PROGRAMS, GROUPS_IN_ONE_CELL, *others]),
                      folder / "Учебный отдел.xlsx")


def measure() -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory() as folder:
        path = office_book(Path(folder))
        tabs = len(XlsxStore(path).tab_names())
        started = time.perf_counter()
        proposals = look(XlsxStore(path))
        proposed = time.perf_counter() - started
        mapped = sum(1 for p in proposals if p.model_tab)
        started = time.perf_counter()
        save(XlsxStore(path), proposals)
        saved = time.perf_counter() - started
        started = time.perf_counter()
        store = connected(XlsxStore(path))
        found = run_all(store.read([layout.name for layout in layouts()]).tabs, today=TODAY)
        checked = time.perf_counter() - started
        snils = [f for f in found if f.tab == REGISTER.name and "СНИЛС" in (f.message or "")]
        started = time.perf_counter()
        save(XlsxStore(path), [_accepted(p) for p in proposals])  # a person chose «принята» = «согласована»
        again = run_all(connected(XlsxStore(path)).read([layout.name for layout in layouts()]).tabs, today=TODAY)
        chosen = time.perf_counter() - started
        return [
            (f"Предложение соответствия: {tabs} листов, реестр {f'{APPLICATIONS:,}'.replace(',', ' ')} заявок", proposed,
             f"сопоставлено листов: {mapped}, остальные {tabs - mapped} — листы сотрудников"),
            ("Сохранение соответствия (лист «EduDesk — соответствие» и метки столбцов)", saved, ""),
            ("Первая проверка через соответствие: чтение и все правила", checked,
             f"{len(found)} находок, из них СНИЛС в ячейках сотрудников — {len(snils)} (посажено "
             f"{len(range(0, APPLICATIONS, 50))})"),
            ("Слово сотрудников «принята» сопоставлено «согласована»: сохранение и проверка заново", chosen,
             f"«не из списка» в «Статусе»: было {_not_listed(found)}, стало {_not_listed(again)} (слова «отклонено», "
             "«зачислена» сопоставлены при подключении сами)"),
            ("Всего: от открытия книги до находок", proposed + saved + checked, "цель — меньше минуты"),
        ]


def _accepted(proposal: TabProposal) -> TabProposal:
    lines = proposal.lines
    index = next((i for i, line in enumerate(lines) if line.model_header == "Статус" and line.words), None)
    if proposal.sheet != REGISTER.name or index is None:
        return proposal
    return corrected(proposal, proposal.model_tab, [line.model_header for line in lines],
                     {index: {"принята": "согласована"}})


def _not_listed(found) -> int:
    return sum(1 for f in found if f.tab == REGISTER.name and f.rule == "GEN-CELL" and f.column == "Статус")


def table(rows: list[tuple[str, float, str]] | None = None) -> str:
    lines = ["| Замер | Время, с | Примечание |", "|---|---:|---|"]
    return "\n".join(lines + [f"| {name} | {seconds:.2f} | {note} |" for name, seconds, note in rows or measure()])


if __name__ == "__main__":
    print(table())
