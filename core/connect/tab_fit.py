"""Whether a staff tab may be a model tab at all, before how well its columns fit: what its name and title say,
and whether it holds the columns a record of that tab can't be without."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from re import Match

from core.platform.a1 import column_index
from sheets_schema import TABS, Tab
from sheets_schema.base import normalize_header

from .layout import TabShape
from .thesaurus import FOREIGN_REGISTERS
from .vocabulary import stems, text_stems


def name_bonus(sheet: str, shape: TabShape, tab: Tab) -> float:
    words = text_stems(sheet) | text_stems(shape.title[:200])
    target = stems(tab.name.replace("_", " ")) | stems(tab.title)
    shared = len(words & target)
    # «Входящие заявки ПОУ» names both «ПОУ_услуги» and «ПОУ_заявки»; the tab it names more is more likely
    return 0.0 if not shared else min(1.2, 0.6 + 0.3 * (shared - 1))


def foreign_register(sheet: str, shape: TabShape) -> Match[str] | None:
    """The words naming the tab as a register of the office the model does not keep (thesaurus.FOREIGN_REGISTERS):
    such a tab is a model tab only when its name also says which (name_bonus) or the person chooses it."""
    return FOREIGN_REGISTERS.search(f"{sheet} {shape.title[:200]}")


def whole_words(match: Match[str]) -> str:
    """The words a match begins or ends inside, whole: «Телефоны сотрудников», not «Телефон»."""
    text, start, end = match.string, match.start(), match.end()
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] == "-"):
        end += 1
    return text[start:end].strip()


@dataclass(frozen=True)
class Evidence:
    """What the lines proposed for one model tab say of the staff tab as a whole."""

    strong: int  # staff columns proposed surely
    required: int  # columns a record of the model tab can't be without
    missing: int  # of those, not proposed
    holds_its_records: bool


def evidence(tab: Tab, mapped: Sequence) -> Evidence:
    """`mapped`: the lines proposed as the tab's columns. Strong evidence counts staff columns, not lines: one «ФИО»
    is three lines (Фамилия, Имя, Отчество) but one column's word. Of the columns a record can't be without, one at
    most may be absent — not the record's own key, unless the app hands it out (the schema's Tab.numbered) — and
    never the one tying it to another tab: an events plan without item numbers is no roadmap, a list of staff
    with e-mails and departments is not «Преподаватели» without the teachers' names, a vacation schedule with «ФИО»
    and «Должность» is not «Заявки» without the programme, a timesheet with «ФИО» and hours is not «ПОУ_выплаты»
    without the service, however well the rest fits."""
    strong = len({ln.column or id(ln) for ln in mapped if ln.confidence >= 0.6})
    required = [c.header for c in tab.columns if c.required]
    have = {normalize_header(ln.model_header) for ln in mapped}
    absent = {h for h in required if normalize_header(h) not in have}
    references = {tab.column(r.field).header for r in tab.refs}
    key = tab.column(tab.key).header if tab.key else None
    own_key_absent = key in absent and not tab.numbered  # «№ заявки» the app hands out; a roadmap's «№» not
    holds = len(absent) < len(required) and len(absent) <= 1 and not absent & references and not own_key_absent
    return Evidence(strong, len(required), len(absent), holds)


def current_of(rivals: Sequence, year: int):
    """Of the staff tabs proposed for one model tab (surest first), the one it goes to: the surest — unless the same
    register is kept once a year («Заявки 2025», «Заявки 2026», the same columns), then the one staff work in now."""
    surest = rivals[0]
    columns = _model_columns(surest)
    alike = [p for p in rivals if _alike(_model_columns(p), columns)]
    return min(alike, key=lambda p: (_live_rank(p.sheet, p.shape, year), -p.score))


def kept_beside(owner, other) -> bool:
    """The same register on another tab of the same time — one tab per group («Слушатели Г-05», «Слушатели Г-06»):
    the same model columns (and parts of them) and the same years named (a «шахматка» per group too). Its records are
    read with the owner's; a register of another year stays apart (read one year at a time)."""
    def columns(p) -> set[tuple]:
        return {(ln.model_header, ln.part) for ln in p.lines if ln.model_header}

    return (columns(owner) == columns(other) and _years(owner.sheet, owner.shape) == _years(other.sheet, other.shape)
            and kept_apart(owner, other) is None)


_COPY = re.compile(r"(?<!\w)(копия|копии|copy|архив\w*|резерв\w*|стар(ый|ая|ое|ые)|old|backup|черновик)(?!\w)"
                   r"|\(\d+\)\s*$", re.I)


def kept_apart(owner, other) -> str | None:
    """Why a tab of the same columns is not a part of the owner's register, if it is not: a copy of it — named so
    («Реестр (2)», as Excel and LibreOffice name a copied tab; «Копия …», as Google does; «… архив», «… старый») or
    holding the same records — or a tab numbering its records anew (a timetable per group, lessons 1, 2, 3 on each):
    joined, each record would be a duplicate of another."""
    if _COPY.search(other.sheet):
        return "копия"
    mine, theirs = _records(owner), _records(other)
    if theirs and len(theirs & mine) * 2 >= len(theirs):
        return "копия"
    tab = next((t for t in TABS if t.name == owner.model_tab), None)
    key = tab.column(tab.key).header if tab is not None and tab.key else None
    mine, theirs = _values(owner, key), _values(other, key)
    if theirs and len(theirs & mine) * 2 >= len(theirs):
        return f"свои номера: «{key}» на нём те же, что на листе «{owner.sheet}»"
    return None


def _records(proposal) -> set[tuple]:
    """The tab's records as text, every cell (a copy holds them all the same; another group's grid, the same names
    with other marks)."""
    if proposal.shape is None:
        return set()
    columns = [proposal.shape.columns[i] for i in sorted(proposal.shape.columns)]
    return {tuple(normalize_header(str(v)) for v in row) for row in zip(*columns, strict=False)} if columns else set()


def _values(proposal, key: str | None) -> set[str]:
    line = next((ln for ln in proposal.lines if key and ln.model_header == key and not ln.part), None)
    if line is None or proposal.shape is None:
        return set()
    values = proposal.shape.columns.get(column_index(line.column) - 1, []) if line.column else []
    return {normalize_header(str(v)) for v in values if v not in (None, "")}


def _model_columns(proposal) -> set[str]:
    return {ln.model_header for ln in proposal.lines if ln.model_header}


def _alike(a: set[str], b: set[str]) -> bool:
    return bool(a | b) and len(a & b) >= 0.8 * len(a | b)


def _years(sheet: str, shape: TabShape | None) -> list[int]:
    text = f"{sheet} {shape.title[:200] if shape else ''}"
    return sorted({int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", text)})


def of_past_years(sheet: str, shape: TabShape | None, year: int) -> bool:
    """The tab names years, all of them past: a register of years gone («Заявки 2025» in 2026)."""
    years = _years(sheet, shape)
    return bool(years) and max(years) < year


def _live_rank(sheet: str, shape: TabShape | None, year: int) -> int:
    """Lower first: this year's tab, then one naming no year, then the latest past year's, then the next years' (made
    ahead)."""
    years = _years(sheet, shape)
    if not years:
        return 1
    if year in years:
        return 0
    past = [y for y in years if y < year]
    return 2 + year - past[-1] if past else 100 + years[0] - year


def settle_rivals(proposals: Sequence, year: int) -> None:
    """Staff tabs proposed for one model tab: it goes to the one staff work in now (current_of); a tab of the same
    register kept beside it (kept_beside) joins it; any other is left to the staff, told why."""
    by_model: dict[str, list] = {}
    for p in sorted(proposals, key=lambda p: -p.score):
        if p.model_tab is not None:
            by_model.setdefault(p.model_tab, []).append(p)
    for model_tab, rivals in by_model.items():
        owner = current_of(rivals, year)
        for p in rivals:
            if p is not owner and kept_beside(owner, p):
                p.joins = owner.sheet
                p.why = f"тот же реестр, что на листе «{owner.sheet}»: его записи читаются и проверяются вместе с ними"
            elif p is not owner:
                p.why = _second_why(model_tab, owner, p, year)
                p.model_tab = None
                for line in p.lines:
                    line.model_tab, line.model_header, line.part = None, None, None


def _second_why(model_tab: str, owner, second, year: int) -> str:
    """Why a tab fitting a model tab as well is left to the staff — and, when it holds records, that the app does not
    see them: a register of another time, or of other columns, is not read with the one staff work in now."""
    said = f"лист модели «{model_tab}» уже сопоставлен листу «{owner.sheet}»"
    records = len(second.shape.records) if second.shape is not None else 0
    if not records:
        return said
    if of_past_years(second.sheet, second.shape, year):
        return f"{said} — реестр прошлых лет: его записи ({records}) приложение не проверяет"
    apart = kept_apart(owner, second)
    if apart == "копия":
        return f"{said} — похоже, это его копия: её записи ({records}) приложение не проверяет"
    if apart:  # numbered anew on each tab: read as one register, every record would be another's duplicate
        return (f"{said}; у этого листа {apart}, поэтому приложение читает их не вместе, и записей этого листа "
                f"({records}) оно не видит и не проверяет — перенесите их на лист «{owner.sheet}» с номерами, "
                "продолжающими его нумерацию, или выберите этот лист вместо него")
    return (f"{said}: приложение читает один лист сотрудников на лист модели, и записей этого листа ({records}) оно "
            f"не видит и не проверяет — перенесите их на лист «{owner.sheet}» или выберите этот лист вместо него")
