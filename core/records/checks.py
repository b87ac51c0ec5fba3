"""The checks engine: runs every registered rule over the workbook and collects findings.

Area modules register their rules with @rule; the engine knows none of them by name and imports none of them:
whoever runs the checks loads the areas first, through core.areas.load().
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from core.platform.errors import EduDeskError
from core.platform.timeline import breach
from core.records.findings import Finding, Severity
from core.records.reading import CELL_RULE, COLUMNS_RULE, ParsedRow, ParsedTab, parse_workbook
from core.store.base import ROW_SPAN, TabData
from sheets_schema import TABS

T = TypeVar("T")


class Workbook:
    """The parsed tabs a rule looks at."""

    def __init__(self, tabs: dict[str, ParsedTab], today: date | None = None) -> None:
        self.tabs = tabs
        self.today = today or date.today()  # deadline rules compare against this day
        self.missing_read: set[str] = set()  # tabs asked for that the workbook doesn't have (see findings_in)
        self._derived: dict[Hashable, tuple[object, frozenset[str]]] = {}
        self._derived_lock = threading.Lock()
        self._computing = threading.local()  # the missing tabs a `derived` computation of this thread has read

    def __getitem__(self, name: str) -> ParsedTab | None:
        parsed = self.tabs.get(name)
        if parsed is None or not parsed.data.exists:
            self.missing_read.add(name)
            for reading in getattr(self._computing, "stack", ()):
                reading.add(name)
        return parsed

    def items(self, name: str):
        parsed = self[name]
        return [] if parsed is None else parsed.rows

    def derived(self, key: Hashable, compute: Callable[[], T]) -> T:
        """What `compute` makes of this version of the workbook, made once for every page and session that asks.

        The app shares one parsed workbook per version of the data among all sessions (read only), so whatever is
        computed from it alone — e.g. every group's incomplete listener files over 20 000 listeners — needs
        computing once per version, not on every run of every page (#30 item 7). The value is shared: immutable.
        Two threads asking at once may both compute it; the first answer stays. The missing tabs the computation
        read are read again on every answer (`missing_read`: a rule that leans on a missing tab says nothing).
        """
        with self._derived_lock:
            known = self._derived.get(key)
        if known is None:
            stack = self._computing.__dict__.setdefault("stack", [])
            stack.append(set())
            try:
                value = compute()
            finally:
                missing = frozenset(stack.pop())
            with self._derived_lock:
                known = self._derived.setdefault(key, (value, missing))
        value, missing = known
        self.missing_read.update(missing)
        for reading in getattr(self._computing, "stack", ()):
            reading.update(missing)
        return value  # type: ignore[return-value]

    def once(self, make: Callable[..., T], *args: Hashable) -> T:
        """`make(self, *args)` made once per version of the workbook (a document, the attachments of a letter): every
        session that opens the page gets the same bytes. A refusal for missing data is remembered too and said again."""
        if "<" in make.__qualname__:  # a lambda or a local function: its name tells it from no other
            raise ValueError(f"Workbook.once needs a module-level function, not {make.__qualname__}")
        outcome = self.derived((make.__module__, make.__qualname__, args), lambda: _made(make, self, args))
        if isinstance(outcome, _Refused):
            raise outcome.kind(*outcome.args)
        return outcome


@dataclass(frozen=True)
class _Refused:
    kind: type[EduDeskError]
    args: tuple


def _made(make: Callable, wb: Workbook, args: tuple):
    try:
        return make(wb, *args)
    except EduDeskError as exc:  # a fresh exception for each who asks: one shared object would gather tracebacks
        return _Refused(type(exc), exc.args)


@dataclass(frozen=True)
class Rule:
    id: str
    clause: str
    severity: Severity
    title: str
    check: Callable[[Workbook, Rule], Iterable[Finding]]
    area: str = "Общие проверки"

    def finding(self, parsed: ParsedTab, row: int | ParsedRow | None, field_name: str | None, message: str,
                severity: Severity | None = None) -> Finding:
        return parsed.finding(self.id, self.clause, severity or self.severity, row, field_name, message)

    def deadline(self, parsed: ParsedTab, row: int, field_name: str, due: date | None, done: date | None,
                 today: date, late: str, missing: str | None) -> Iterator[Finding]:
        """The finding of a deadline done late or missing after it passed; `missing` None: the step is optional."""
        message = {"late": late, "missing": missing}.get(breach(due, done, today) or "")
        if message:
            yield self.finding(parsed, row, field_name, message)


RULES: dict[str, Rule] = {}
_areas_loaded = False  # set by core.areas.load(): the rules of every area are registered


def rule(rule_id: str, clause: str, severity: Severity, title: str, area: str = "Общие проверки"):
    """Register a check: a function (workbook, rule) → findings."""

    def register(fn: Callable[[Workbook, Rule], Iterable[Finding]]):
        if rule_id in RULES and RULES[rule_id].check is not fn:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, clause, severity, title, fn, area)
        return fn

    return register


def areas_loaded() -> None:
    """Called once every area has registered its rules (core.areas.load)."""
    global _areas_loaded
    _areas_loaded = True


def all_rules() -> list[Rule]:
    # Without the areas only the engine's own rules would run: a silent «all clear» is worse than a crash.
    if not _areas_loaded:
        raise RuntimeError("the areas' rules are not loaded: call core.areas.load() before running the checks")
    return list(RULES.values())


def settings_of(wb: Workbook) -> dict[str, str]:
    """«Настройки» as parameter → value (the institution's name, its head, …)."""
    return {r.item.key: r.item.value or "" for r in wb.items("Настройки") if r.item.key}


_TAB_ORDER = {t.name: i for i, t in enumerate(TABS)}


def open_workbook(tabs: dict[str, TabData], today: date | None = None) -> Workbook:
    """Typed rows of every tab read, for rules, pages and documents."""
    return Workbook(parse_workbook(tabs), today)


def run_all(tabs: dict[str, TabData], only_tab: str | None = None, today: date | None = None) -> list[Finding]:
    """Findings of every registered rule, ordered by tab, row and column."""
    return findings_in(open_workbook(tabs, today), only_tab)


def findings_in(workbook: Workbook, only_tab: str | None = None, each_record: bool = False) -> list[Finding]:
    """run_all on a workbook already parsed (a caller that also needs its rows parses once). `each_record`: a finding
    about a column the staff's tab does not keep stays one per record (a form weighing what its new record brings),
    not said once for all of them as a list of findings says it."""
    findings: list[Finding] = []
    for registered in all_rules():
        # A rule that reads a tab the workbook doesn't have would judge on nothing (payments «not made» because
        # «ПОУ_оплаты» was deleted): it says nothing, and GEN-COLUMNS says once that the tab is missing. Rules
        # that look over every tab and skip the missing ones themselves read wb.tabs, which is not tracked.
        workbook.missing_read.clear()
        found = list(registered.check(workbook, registered))
        if not workbook.missing_read:
            findings.extend(found)
    findings = not_from_unreadable_cells(workbook, findings)
    if only_tab:
        findings = [f for f in findings if f.tab == only_tab]
    findings.sort(key=lambda f: (_TAB_ORDER.get(f.tab, 999), f.row or 0, f.cell or "", f.rule))
    return on_staff_tabs(workbook, findings, each_record)


def not_from_unreadable_cells(workbook: Workbook, findings: list[Finding]) -> list[Finding]:
    """A rule's finding at a cell GEN-CELL says it can't read is left out: the rule read it as empty and would say
    what the staff did not write («Приглашение не отправлено» where their cell says «да», a certificate «выдано, но
    не указано, как» where it says «почтой»). The cell's own finding says what to mend."""
    unreadable = {(name, cell) for name, parsed in workbook.tabs.items() for cell in parsed.unreadable}
    if not unreadable:
        return findings
    return [f for f in findings if f.rule == CELL_RULE[0] or f.cell is None or (f.tab, f.cell) not in unreadable]


def on_staff_tabs(workbook: Workbook, findings: list[Finding], each_record: bool = False) -> list[Finding]:
    """Findings on a model tab the staff keep under their own name point at their tab."""
    sheets = {name: p.data.sheet for name, p in workbook.tabs.items() if p.data.sheet}
    if not sheets:
        return findings
    if not each_record:
        findings = once_for_a_column_not_kept(workbook, findings)
        findings = once_for_the_tabs_not_kept(workbook, findings)
    return [on_their_tab(f, workbook.tabs[f.tab].data) if f.tab in sheets else f for f in findings]


def on_their_tab(f: Finding, data: TabData) -> Finding:
    """A finding on the staff's tab: a record of a further tab of a register kept on a tab per group is at its
    row of that tab, and a row another record names in the message too (core.connect.several)."""
    if not data.also:
        return replace(f, tab=data.sheet)
    # a finding about a whole column stands at one of its cells with no row of its own (reading._boxes_once)
    at = f.row or (int(m[1]) if f.cell and (m := re.search(r"(\d+)$", f.cell)) else None)
    sheet, row = data.place_of(at) if at else (data.sheet, at)
    cell = f.cell and f.cell.rstrip("0123456789") + str(row)

    def said(match: re.Match) -> str:
        if not 1 <= int(match.group()) // ROW_SPAN <= len(data.also) + 1:
            return match.group()  # a number of another kind (a sum, a document's number)
        other, number = data.place_of(int(match.group()))
        return f"{number} (лист «{other}»)" if other != sheet else str(number)

    return replace(f, tab=sheet, row=row if f.row else None, cell=cell, message=_FAR_ROW.sub(said, f.message))


_FAR_ROW = re.compile(rf"(?<!\d)[1-9]\d{{{len(str(ROW_SPAN)) - 1},}}(?!\d)")  # a row number of a further tab


MODEL_TABS = "листы модели"  # where the warning about the model tabs staff don't keep is shown: on no one tab


def once_for_the_tabs_not_kept(workbook: Workbook, findings: list[Finding]) -> list[Finding]:
    """On the staff's own sheet a model tab they don't keep is no error of theirs (they never had «ДЭ_расходы»):
    the 30 «Нет листа …» of a register that keeps one tab are said once, as a warning naming them, where to create
    the ones that are needed and that the rules needing them are left out. Not on the app's own workbook, where a
    tab that is gone was renamed or deleted."""
    absent = [name for name, parsed in workbook.tabs.items() if not parsed.data.exists]
    said = [f for f in findings if f.rule == COLUMNS_RULE[0] and f.tab in absent and f.cell == "A1"]
    if len(said) < 2:
        return findings
    names = ", ".join(f"«{f.tab}»" for f in said)
    once = Finding(*COLUMNS_RULE, Severity.WARNING, MODEL_TABS, None, None, None,
                   f"В таблице нет листов модели, которых сотрудники не ведут ({len(said)}): {names}. Правила, "
                   "которым они нужны, не проверялись. Нужные из них можно создать кнопкой «Создать недостающие "
                   "листы» на странице «Проверка данных» (или командой edudesk init): они появятся пустыми, с "
                   "заголовками столбцов; листы сотрудников не изменятся.")
    gone = {id(f) for f in said[1:]}
    return [once if f is said[0] else f for f in findings if id(f) not in gone]


def once_for_a_column_not_kept(workbook: Workbook, findings: list[Finding]) -> list[Finding]:
    """A rule's finding about a column the staff's tab does not keep at all, told in the same words of many records
    («Категория не указана» on each of 10 000 applications), is said once with their number: there is no cell to
    mend row by row. Findings that say different things (each group's own deadline) stay apart."""
    absent = {name: {col.header: p.data.sheet for col in p.tab.columns if col.field not in p.positions}
              for name, p in workbook.tabs.items() if p.data.sheet}
    groups: dict[tuple, list[Finding]] = {}
    for f in findings:
        if f.cell is None and f.row is not None and f.column in absent.get(f.tab, {}):
            groups.setdefault((f.rule, f.tab, f.column, f.message), []).append(f)
    out = []
    for f in findings:
        same = groups.get((f.rule, f.tab, f.column, f.message)) if f.cell is None and f.row is not None else None
        if not same:
            out.append(f)
            continue
        where = (f"листе «{absent[f.tab][f.column]}» нет столбца «{f.column}»: сопоставьте его на странице "
                 "«Подключение таблицы» или добавьте такой столбец в лист.")
        if len(same) == 1:  # one record: it keeps its row, and is told why there is no cell to mend
            out.append(replace(f, message=f"{f.message} На {where}"))
        elif f is same[0]:
            count = f"{len(same):,}".replace(",", " ")
            out.append(replace(f, row=None, message=f"{f.message} Записей так: {count} — на {where}"))
    return out


def about_rows(findings: Iterable[Finding], parsed: ParsedTab | None, rows: Iterable[int]) -> list[Finding]:
    """The findings on these rows of this tab (under the staff's own name too): what a page shows about the records
    it shows — chosen by where they are, never by words in their message. A finding about a column with no row is
    about every record of the tab (said once for all records of a column their tab does not keep): it is shown with
    any of them, or a page would say «no rule broken» of records the rule could not check."""
    if parsed is None:
        return []
    data = parsed.data
    names, numbers = {parsed.tab.name, data.sheet, *data.also} - {None}, set(rows)
    places = {(sheet or parsed.tab.name, row) for sheet, row in map(data.place_of, numbers)}
    return [f for f in findings if f.tab in names and ((f.tab, f.row) in places or numbers and f.row is None and f.column)]


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == Severity.ERROR for f in findings)
