"""«Проверка»: the findings written into the staff's own workbook or Google Sheet, where they work.

The tab belongs to the app and is rewritten whole: a status line, the headers, then a row per finding with a link
that jumps to its cell, the rule and clause, what is wrong and what to do, who answers for it, and since when the
finding exists (kept across runs by a stable key, so staff see what is new). When the findings are what the tab
already says, nothing is written at all (cron may run it every few minutes). Personal data in messages is masked:
everyone who can open the sheet can read this tab.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from core.platform.access import User
from core.platform.display import count
from core.platform.errors import CellError
from core.platform.personal import mask_message
from core.records.cells import read_date
from core.records.checks import Workbook, all_rules, findings_in, open_workbook, settings_of
from core.records.findings import Finding, Severity
from core.records.journal import JournaledStore
from core.records.reading import ParsedTab
from core.store.base import OwnedTab, Store, TabData, canonical
from sheets_schema import TABS

TAB = "Проверка"
HEADERS = ("Важность", "Лист", "Строка", "Ячейка", "Правило", "Основание", "Что не так", "Что сделать",
           "Ответственный", "Впервые замечено", "Ключ находки")
WIDTHS = (16, 16, 7, 8, 20, 40, 110, 60, 32, 18, 44)
HEADER_ROW = 2
_LINKED = HEADERS.index("Ячейка") + 1
_FIRST_SEEN = HEADERS.index("Впервые замечено")
_KEY = HEADERS.index("Ключ находки")
# Fields of a row that name who answers for it, in order of preference.
_RESPONSIBLE_FIELDS = ("responsible", "curator", "head")


@dataclass(frozen=True)
class Published:
    written: bool  # False: the tab already said exactly this
    errors: int
    warnings: int
    new: int  # findings not on the tab before


def publish(store: Store | JournaledStore, today: date, now: datetime | None = None,
            who: User | str = "edudesk check --to-sheet") -> Published:
    """Check the workbook and bring «Проверка» up to date, in one write or none — and when written, a row in
    «Журнал» (as the journaled store's person, else `who`)."""
    journaled = store if isinstance(store, JournaledStore) else JournaledStore(store, who)
    store = journaled.store
    result = store.read([t.name for t in TABS] + [TAB])
    tabs = {name: data for name, data in result.tabs.items() if name != TAB}
    workbook = open_workbook(tabs, today)
    findings = findings_in(workbook)
    first_seen, old_rows = previous(result.tabs.get(TAB))
    sheet = build(findings, workbook, first_seen, now or datetime.now())
    rows = sheet.rows[HEADER_ROW:]
    errors = sum(1 for f in findings if f.severity == Severity.ERROR)
    new = sum(1 for row in rows if row[_KEY] not in first_seen)
    own = result.tabs.get(TAB)
    if own is not None and own.exists and _same(rows, old_rows):
        return Published(False, errors, len(findings) - errors, 0)
    journaled.write_owned_tab(sheet, "лист переписан проверкой",
                              {"ошибок": errors, "предупреждений": len(findings) - errors, "новых": new})
    return Published(True, errors, len(findings) - errors, new)


def build(findings: Iterable[Finding], workbook: Workbook, first_seen: dict[str, date], now: datetime) -> OwnedTab:
    findings = list(findings)
    rules = {r.id: r for r in all_rules()}
    settings = settings_of(workbook)
    items = _RowItems(workbook)
    keys: set[str] = set()
    rows, links = [], {}
    for f in findings:
        item = items.at(f.tab, f.row)
        key = _unique(finding_key(f, items.parsed(f.tab), item), keys)
        row_number = len(rows) + HEADER_ROW + 1
        rule = rules.get(f.rule)
        rows.append([str(f.severity), f.tab, f.row or "", f.cell or "", f.rule, f.clause,
                     mask_message(f.message, f.column), f"Исправить так, чтобы выполнялось правило «{rule.title}»" if rule else "",
                     responsible(f, item, settings), first_seen.get(key, now.date()), key])
        if f.cell and items.parsed(f.tab) is not None:  # a model tab, or a tab of the staff's that holds one
            links[(row_number, _LINKED)] = (f.tab, f.cell)
    errors = sum(1 for f in findings if f.severity == Severity.ERROR)
    new = sum(1 for r in rows if r[_KEY] not in first_seen)
    status = (f"Проверено {now:%d.%m.%Y %H:%M}: ошибок — {errors}, предупреждений — {len(findings) - errors}"
              + (f", новых — {new}" if first_seen and new else "")
              + ". Лист заполняет приложение «Учебный офис» и переписывает целиком при каждой проверке: "
                "правки здесь пропадут. Исправляйте ячейки по ссылкам в столбце «Ячейка»."
              if findings else f"Проверено {now:%d.%m.%Y %H:%M}: ошибок не найдено, все правила выполнены. "
                               "Лист заполняет приложение «Учебный офис».")
    # The last cell of the status line marks the tab's full width: a reader takes row 1 as the width of the rows.
    first = [status] + [""] * (len(HEADERS) - 2) + ["лист приложения"]
    return OwnedTab(TAB, [first, list(HEADERS), *rows], links, frozenset({1, HEADER_ROW}), WIDTHS, HEADER_ROW)


class _RowItems:
    """The typed row at a sheet row number, indexed once per tab (50 000 rows, thousands of findings)."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.by_tab: dict[str, dict[int, object]] = {}

    def parsed(self, tab: str) -> ParsedTab | None:
        """The model tab a finding's tab is: itself, or the one a tab of the staff's holds (a register kept on a tab
        per group: each of them) — never asked of the workbook as a tab it lacks."""
        for parsed in self.workbook.tabs.values():
            data = parsed.data
            if data.exists and (tab == parsed.tab.name and not data.sheet or tab in (data.sheet, *data.also)):
                return parsed
        return None

    def at(self, tab: str, row: int | None):
        if not row:
            return None
        parsed = self.parsed(tab)
        if parsed is None:
            return None
        if parsed.tab.name not in self.by_tab:
            self.by_tab[parsed.tab.name] = {r.row: r.item for r in parsed.rows}
        return self.by_tab[parsed.tab.name].get(parsed.data.row_at(tab, row))


def finding_key(f: Finding, parsed: ParsedTab | None, item=None) -> str:
    """What identifies a finding across runs: its rule, tab, the row's key (rows move, keys don't) and column."""
    row_key = canonical(getattr(item, parsed.tab.key, None)) if item is not None and parsed and parsed.tab.key else ""
    return "|".join((f.rule, f.tab, row_key or (f"стр. {f.row}" if f.row else ""), f.column or ""))


def responsible(f: Finding, item, settings: dict[str, str]) -> str:
    """Who answers for a finding: the person the row names, else the tab's owner from «Настройки»."""
    for name in _RESPONSIBLE_FIELDS:
        value = getattr(item, name, None) if item is not None else None
        if value:
            return str(value)
    return settings.get(f"Ответственный за лист «{f.tab}»") or settings.get("Исполнитель") or ""


def previous(data: TabData | None) -> tuple[dict[str, date], list[list]]:
    """First-seen dates by key, and the finding rows, as the tab holds them now."""
    if data is None or not data.exists:
        return {}, []
    lines = [data.headers, *data.rows]
    start = next((i for i, line in enumerate(lines) if line and canonical(line[0]) == HEADERS[0]), None)
    if start is None:
        return {}, []
    index = {canonical(h): i for i, h in enumerate(lines[start])}
    rows, seen = [], {}
    for line in lines[start + 1:]:
        row = [line[index[h]] if index.get(h) is not None and index[h] < len(line) else None for h in HEADERS]
        rows.append(row)
        key = canonical(row[_KEY])
        try:
            day = read_date(row[_FIRST_SEEN])
        except CellError:
            day = None
        if key and day:
            seen[key] = day
    return seen, rows


def _same(new: list[list], old: list[list]) -> bool:
    def norm(row):
        return tuple(canonical(read_date(v) if i == _FIRST_SEEN and v not in (None, "") else v)
                     for i, v in enumerate(row))

    try:
        return len(new) == len(old) and all(norm(a) == norm(b) for a, b in zip(new, old, strict=True))
    except CellError:
        return False


def _unique(key: str, taken: set[str]) -> str:
    candidate, n = key, 1
    while candidate in taken:
        n += 1
        candidate = f"{key}#{n}"
    taken.add(candidate)
    return candidate


def summary(published: Published) -> str:
    found = (f"ошибок — {published.errors}, предупреждений — {published.warnings}")
    if not published.written:
        return f"Лист «{TAB}» не изменился: находки те же ({found})."
    new = f", {count(published.new, 'новая', 'новые', 'новых')}" if published.new else ""
    return f"Лист «{TAB}» обновлён: {found}{new}."
