"""`make bench`: read, check and write timings on a workbook of real size. Prints a Markdown table.

Not a test: numbers go to docs/bench.md and the README, with the machine they ran on.
"""

from __future__ import annotations

import gc
import os
import platform
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

import openpyxl

from bench import check_sheet
from core import areas
from core.demo.workbook import demo_rows
from core.records.checks import run_all
from core.records.tabs import layouts
from core.store import XlsxStore, find_row
from core.store.base import TabData
from sheets_schema import TABS

areas.load()  # every area's rules and numberings, as the app and the CLI load them

ALL = [t.name for t in TABS]


def _timed(fn, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return min(runs)


def build_workbook(path: Path, listeners: int = 20_000, side_rows: int = 2_000) -> None:
    """The demo workbook with Слушатели at 20 000 rows and four 2 000-row tabs, written in streaming mode."""
    rows = demo_rows(date(2026, 11, 23))
    base = rows["Слушатели"]
    rows["Слушатели"] = [{**base[i % len(base)], "ID слушателя": f"С-{i:06d}"} for i in range(listeners)]
    for name in ("Заявки", "Посещаемость", "Успеваемость", "ДЭ_участники"):
        src = rows[name]
        rows[name] = [dict(src[i % len(src)]) for i in range(side_rows)]
    book = openpyxl.Workbook(write_only=True)
    for layout in layouts():
        sheet = book.create_sheet(layout.name)
        sheet.append(layout.headers)
        for row in rows.get(layout.name, []):
            sheet.append([row.get(h) for h in layout.headers])
    book.save(path)


def fifty_thousand_rows() -> dict[str, TabData]:
    """Заявки at 50 000 rows of mixed, partly broken values, plus the other tabs from the demo."""
    rows = demo_rows(date(2026, 11, 23))
    src = rows["Заявки"]
    rows["Заявки"] = [{**src[i % len(src)], "№ заявки": f"З-{i:06d}"} for i in range(50_000)]
    data = {}
    for t in TABS:
        items = rows.get(t.name, [])
        data[t.name] = TabData(t.name, t.headers, [[r.get(h) for h in t.headers] for r in items],
                               list(range(2, 2 + len(items))))
    return data


def _writes(path: Path, saved_by: str) -> list[tuple[str, float, str]]:
    """Single-row update and append on «Слушатели» (20 000 rows), beside loading and saving with openpyxl."""
    store = XlsxStore(path)
    row = {"ID слушателя": "С-новый", "Код группы": "ПК-001-01", "ФИО": "Новикова Анна Петровна"}
    one = _timed(lambda: store.append("Слушатели", [row]))
    hundred = _timed(lambda: store.append("Слушатели", [row] * 100))
    runs = []
    for status in ("завершил", "учится", "завершил"):
        snapshot = find_row(store.read(["Слушатели"]).tabs["Слушатели"], "ID слушателя", "С-010000")
        runs.append(_timed(lambda s=snapshot, v=status: store.update(s, "ID слушателя", {"Статус": v}), repeat=1))
    changed = min(runs)

    def load_and_save() -> None:
        book = openpyxl.load_workbook(path)
        book["Слушатели"]["F10001"] = "завершил"
        book.save(path)

    cycle = _read_and_update(store)
    baseline = _timed(load_and_save, repeat=1)
    return [
        (f"Изменение одной строки, книга из {saved_by}", changed, "цель ≤ 0,3 с"),
        (f"Добавление 1 строки, книга из {saved_by}", one, "цель ≤ 0,3 с"),
        (f"Добавление 100 строк, книга из {saved_by}", hundred, ""),
        (f"Чтение + изменение одной строки с записью в «Журнал» (как в приложении), книга из {saved_by}", cycle,
         "страница читает лист, форма пишет строку, страница читает снова"),
        ("Для сравнения: openpyxl загрузить и сохранить ту же книгу", baseline,
         f"в {baseline / max(changed, one):.0f} раз дольше изменения, в {baseline / cycle:.0f} раз — чтения + "
         "изменения; цель ≥ 20×"),
    ]


def _entry(key: str, status: str) -> dict:
    return {"Когда": datetime.now().replace(microsecond=0), "Кто": "metodist@oiro.example.ru", "Лист": "Слушатели",
            "Ключ": key, "Действие": "изменение", "Было": "", "Стало": f"Статус: {status}"}


def _read_and_update(store: XlsxStore) -> float:
    """What a page and its form do: read the tab, find the row, write it with its journal entry, read again."""
    def cycle(status: str) -> None:
        snapshot = find_row(store.read(["Слушатели"]).tabs["Слушатели"], "ID слушателя", "С-010000")
        store.update_many("ID слушателя", [(snapshot, {"Статус": status})], journal=[_entry("С-010000", status)])
        store.read(["Слушатели", "Журнал"])

    store.read(["Слушатели", "Журнал"])
    runs = []
    for status in ("завершил", "обучается", "завершил", "обучается"):
        runs.append(_timed(lambda v=status: cycle(v), repeat=1))
    return min(runs)


def _journal_growth(path: Path) -> list[tuple[str, float, str]]:
    """One row's update with its journal entry beside a «Журнал» of 1 000 and of 100 000 entries (a workbook kept
    since before the journal was archived: its first write moves the older entries beside it, once)."""
    import shutil

    out = []
    for entries in (1_000, 100_000):
        copy = path.with_name(f"journal-{entries}.xlsx")
        shutil.copy(path, copy)
        XlsxStore(copy, archives_journal=False).append("Журнал", [_entry(f"С-{n:06d}", "завершил")
                                                                  for n in range(entries)])
        store = XlsxStore(copy)
        first = _timed(lambda s=store: _update_one(s, "обучается"), repeat=1)
        runs = [_timed(lambda s=store, v=v: _update_one(s, v), repeat=1) for v in ("завершил", "обучается") * 2]
        note = "" if entries < 10_000 else (f"первая запись перенесла старые записи в «{copy.stem} — журнал.xlsx» "
                                            f"рядом с книгой: {first:.2f} с, один раз")
        count = f"{entries:,}".replace(",", "\u00a0")
        out.append((f"Изменение одной строки с записью в «Журнал», в журнале {count} записей", min(runs), note))
    return out


def _update_one(store: XlsxStore, status: str) -> None:
    snapshot = find_row(store.read(["Слушатели"]).tabs["Слушатели"], "ID слушателя", "С-010000")
    store.update_many("ID слушателя", [(snapshot, {"Статус": status})], journal=[_entry("С-010000", status)])


def _saved_by_libreoffice(path: Path) -> Path | None:
    """The same workbook as LibreOffice saves it (shared strings, its own styles), when LibreOffice is here."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    folder = path.parent / "lo"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(folder), str(path)], capture_output=True,
                   timeout=600, check=False)
    saved = folder / path.name
    return saved if saved.exists() else None


def _certificates() -> list[tuple[str, float, str]]:
    """500 certificates in one PDF, beside a naive loop that makes a new document and registers fonts each time."""
    from core.enrollment.documents.certificates import certificate_page
    from core.enrollment.documents.context import GroupContext, Person
    from core.platform.document_layout import Document

    rows = demo_rows(date(2026, 11, 23))
    settings = {r["Параметр"]: r["Значение"] for r in rows["Настройки"]}
    group = type("G", (), {"code": "ПК-001-01", "start": date(2026, 9, 1), "end": date(2026, 9, 10)})()
    program = type("P", (), {"name": "Формирование функциональной грамотности обучающихся", "hours": 72})()
    people = [Person(f"С-{i:04d}", f"Слушатель{i} Анна Петровна") for i in range(500)]
    ctx = GroupContext(settings, group, program, people, certificates={
        p.id.casefold(): type("C", (), {"reg_number": f"2026-{i + 1:04d}", "issued": date(2026, 9, 12)})()
        for i, p in enumerate(people)})

    from core.enrollment.documents.certificates import certificates

    batch = _timed(lambda: certificates(ctx), repeat=1)

    def naive() -> None:
        for i, person in enumerate(people):
            doc = Document(orientation="landscape", numbered=False)
            certificate_page(doc, ctx, person, f"2026-{i + 1:04d}", date(2026, 9, 12))
            doc.bytes()

    baseline = _timed(naive, repeat=1)
    return [("500 удостоверений одним PDF", batch, "цель < 5 с"),
            ("Для сравнения: 500 отдельных PDF (новый документ и шрифты каждый раз)", baseline,
             f"в {baseline / batch:.1f} раза дольше")]


def _roadmap_import() -> list[tuple[str, float, str]]:
    """A 5 049-item roadmap: the importer now, and with the old check that compared each number with every item
    before it (quadratic), patched in for the comparison."""
    from core.roadmap import importer as ri

    lines = ["№\tМероприятие\tСрок\tОтветственный\tРезультат\tКлючевой результат"]
    for section in range(1, 100):
        lines.append(f"{section}\tРаздел {section}")
        lines += [f"{section}.{i}\tМероприятие\tI квартал 2027\tОтдел\tОтчёт\t" for i in range(1, 52)]
    data = "\n".join(lines).encode()
    now = _timed(lambda: ri.assemble(ri.read_rows("карта.txt", data)))

    def quadratic(items, section, number):
        previous = [tuple(int(x) for x in i.number.split(".")) for i in items]
        return bool(previous) and (int(number[1]), int(number[2])) <= previous[-1]

    current, ri._out_of_order = ri._out_of_order, quadratic
    try:
        before = _timed(lambda: ri.assemble(ri.read_rows("карта.txt", data)), repeat=1)
    finally:
        ri._out_of_order = current
    return [("Импорт дорожной карты, 5 049 пунктов", now, "было (сравнение с каждым прежним пунктом): "
             f"{before:.1f} с")]


def main() -> None:
    results: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "edudesk.xlsx"
        build_workbook(path)
        size_mb = path.stat().st_size / 1e6

        cold = _timed(lambda: XlsxStore(path).read(ALL))
        store = XlsxStore(path)
        store.read(ALL)
        warm = _timed(lambda: store.read(ALL), repeat=5)
        full = _timed(lambda: [list(ws.values) for ws in openpyxl.load_workbook(path).worksheets], repeat=1)
        ro = _timed(lambda: [list(ws.values) for ws in openpyxl.load_workbook(path, read_only=True).worksheets], repeat=1)
        results += [
            (f"Холодное чтение всех {len(ALL)} листов (python-calamine)", cold, "цель < 1,5 с"),
            ("Тёплое чтение всех листов (из памяти, файл не менялся)", warm, ""),
            ("openpyxl.load_workbook по умолчанию + значения", full, f"в {full / cold:.1f} раза медленнее; цель ≥ 3×"),
            ("openpyxl read_only + значения", ro, f"в {ro / cold:.1f} раза медленнее"),
        ]
        from core.platform.uploads import check_upload

        package = path.read_bytes()
        results.append((f"Проверка загрузки перед разбором: все части книги {size_mb:.1f} МБ развёрнуты и сосчитаны",
                        _timed(lambda: check_upload(path.name, package)), "защита от поддельных заголовков zip"))
        libre = _saved_by_libreoffice(path)
        results += _writes(path, "openpyxl")
        if libre is not None:
            results += _writes(libre, "LibreOffice")
        results += _journal_growth(path)
        if "--store" in sys.argv:  # the local store's rows alone (make bench runs everything)
            print("\n".join(f"| {name} | {seconds:.3f} | {note} |" for name, seconds, note in results))
            return

    results += _certificates()
    results += _roadmap_import()
    data = fifty_thousand_rows()
    checks = _timed(lambda: run_all(data))
    findings = len(run_all(data))
    results.append((f"Проверки по 50 000 строк «Заявки» ({findings} находок)", checks, "цель < 1 с"))
    gc.collect()  # the load run's slowest read should measure the store, not a collection of the data above

    machine = f"{platform.processor() or platform.machine()}, {_cpu()}, Python {platform.python_version()}"
    lines = [f"Машина: {machine}. Книга: 20 000 строк «Слушатели» + 4 листа по 2 000 строк, {size_mb:.1f} МБ.", "",
             "| Замер | Время, с | Примечание |", "|---|---:|---|"]
    lines += [f"| {name} | {seconds:.3f} | {note} |" for name, seconds, note in results]
    from bench import gsheets_requests, gsheets_size, load

    lines += ["", "Нагрузка: 30 сессий 60 с против локального эмулятора Sheets API (`bench/load.py`); на окно кэша — "
              "не больше одного чтения (values:batchGet):", "", load.table(load.run())]
    lines += ["", "Google Таблица: запросы к API и сохранность данных, EduDesk рядом с st-gsheets-connection "
              "(`bench/gsheets_requests.py`, один прогон, эмулятор Sheets API):", "", gsheets_requests.table()]
    lines += ["", "Год заявок в Google Таблице: что получает от Google одно чтение, добавление и изменение на листе в "
              "10 000 строк, EduDesk рядом с gspread-dataframe (`bench/gsheets_size.py`, один прогон, эмулятор Sheets "
              "API):", "", gsheets_size.table()]
    from bench import sessions

    lines += ["", "Много людей на одном сервере: 30 сессий открывают все 26 страниц по очереди (пауза 0,2–1 с) через "
              "протокол самого Streamlit (websocket, `bench/sessions.py`), настоящий `streamlit run`; через 5 с — "
              "новый посетитель открывает главную:", "", sessions.run_both()]
    from bench import connect_sheet

    lines += ["", "Книга сотрудников, которую ведут годами: подключение и первая проверка (`bench/connect_sheet.py`; цель — "
              "находки меньше чем через минуту):", "", connect_sheet.table()]
    lines += ["", "Лист «Проверка» для той же проверки 50 000 строк (`bench/check_sheet.py`; цель — одна запись в Google "
              "Таблицу и ≤ 2 с на локальной книге):", "", check_sheet.table(data)]  # last: its 50 000-row emulator
    # would otherwise weigh on the load run's timings
    table = "\n".join(lines)
    print(table)
    Path("docs").mkdir(exist_ok=True)
    Path("docs/bench.md").write_text(f"# Замеры (make bench), {date.today():%d.%m.%Y}\n\n{table}\n", encoding="utf-8")


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return f"{line.split(':', 1)[1].strip()} × {os.cpu_count()}"
    except OSError:
        pass
    return "cpu unknown"


if __name__ == "__main__":
    main()
