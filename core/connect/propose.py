"""The proposal: for each staff tab, the model tab it holds, and for each staff column, the model column it is —
with the evidence (header words, values) and a confidence — for a person to confirm or correct."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from core.records.tabs import APP_TABS
from sheets_schema import TAB_BY_NAME, TABS, Tab
from sheets_schema.base import Column, normalize_header

from .cancelled import cancelled_records
from .composite import CODE, SECTION, TITLE, leading_code
from .evidence import Values, fit, summarize, words_in
from .grid import DATES, GRID_TAB, LOOKUP, MARK, date_columns, year_of
from .layout import TabShape, find_shape, is_number_column
from .leftovers import (
    MAPPED_AT,
    bare_number_misfit,
    by_header_despite_values,
    by_key_values,
    by_listed_values,
    by_telling_word,
    by_values_alone,
)
from .lookup import keys_found, labels_found, lookup_columns, via
from .mapping import MAPPING_TAB, PARTS, STAFF_ONLY, letters
from .shapes import SECTION_HEADER, TITLE_HEADER, code_columns, range_columns, section_lines, title_lines
from .tab_fit import evidence, foreign_register, name_bonus, settle_rivals, whole_words
from .vocabulary import SYNONYM_EXACT, header_key, similarity, text_stems
from .words import StaffWord, column_words

SKIPPED_SHEETS = {MAPPING_TAB.casefold(), "проверка"}


@dataclass
class Line:
    """One staff column and what it is proposed to be."""

    tab: str
    header: str
    column: str  # its letter
    model_tab: str | None
    model_header: str | None  # None: «только для сотрудников»
    confidence: float
    evidence: str
    part: str | None = None
    value: str | None = None  # a value written once in the title (part «шапка»)
    words: list[StaffWord] = field(default_factory=list)  # their words for a model list's values (core.connect.words)

    def as_dict(self) -> dict[str, Any]:
        return {"tab": self.tab, "header": self.header, "column": self.column, "model_tab": self.model_tab,
                "model_header": self.model_header or STAFF_ONLY, "confidence": round(self.confidence, 2),
                "value": self.value,
                "part": self.part, "evidence": self.evidence, "words": {w.word: w.value for w in self.words}}


@dataclass
class TabProposal:
    sheet: str
    model_tab: str | None
    shape: TabShape | None
    score: float
    lines: list[Line] = field(default_factory=list)
    why: str = ""
    joins: str | None = None  # the tab of the same register it is read with (one tab per group), if any


def candidate_tabs() -> list[Tab]:
    return [t for t in TABS if t.name not in APP_TABS]


def vocabulary() -> list[str]:
    return list(dict.fromkeys(c.header for t in candidate_tabs() for c in t.columns))


def column_score(header: str, values: Values, column: Column,
                 keys: tuple[str, set[str]] | None = None, context: set[str] = frozenset()) -> tuple[float, str]:
    """How surely this staff column is the model column, and the evidence said in Russian.

    `keys`: the tab this column refers to and the keys found there — values that are those keys back the guess."""
    named = similarity(header, column.header, context)
    fits, why = fit(values, column)
    if keys and values.texts and fits > -1:
        inside = sum(1 for t in values.texts if t in keys[1])
        if inside / len(values.texts) >= 0.8:
            fits, why = 1.0, f"значения — ключи листа «{keys[0]}»"
            named = max(named, 0.5)
    exact = named >= SYNONYM_EXACT  # its own name, or one an office gives it (a name in brackets: 0.99)
    if fits <= -1:
        score = 0.5 if exact else 0.0  # the same name but other values: proposed, doubtfully
    elif named == 0:
        score = 0.45 * fits if fits >= 0.8 else 0.0  # values alone (a СНИЛС column, an enum) — a weak guess
    else:
        score = min(1.0, 0.75 * named + 0.25 * max(fits, 0) + (0.3 * fits if fits < 0 else 0) + 0.1 * exact)
    said = []
    if named:
        said.append(f"заголовок «{header}» ≈ «{column.header}»" if named < 1 else f"заголовок «{header}»")
    if why:
        said.append(why)
    return max(0.0, score), "; ".join(said)


def propose_tab(sheet: str, grid: Sequence[Sequence[Any]], vocab: list[str] | None = None,
                only: str | None = None, keys: Mapping[str, set[str]] | None = None,
                labels: Mapping[str, Mapping[str, set[str]]] | None = None,
                shape: TabShape | None = None, assigned: dict[str, tuple[list[Line], float]] | None = None
                ) -> TabProposal:
    """`keys`: model tab → the keys its staff tab holds; `labels`: model tab → column → the names it holds (a column
    of another tab's names is a way to its keys, core.connect.lookup); `shape`: the grid's, when already found;
    `assigned`: this sheet's columns as weighed for each model tab at the first look, kept there and taken again
    where the keys and names found since change nothing (a model tab referring to none of their tabs)."""
    vocab = vocab or vocabulary()
    shape = shape or find_shape(grid, vocab)
    if shape is None:
        return TabProposal(sheet, None, None, 0.0, why="на листе нет строки, похожей на заголовки столбцов")
    summaries = {i: summarize(values, shape.lists.get(i, ())) for i, values in shape.columns.items()}
    grid = _grid_proposal(sheet, shape, summaries, keys or {})
    if grid is not None and (only is None or only == GRID_TAB):
        return grid
    best: TabProposal | None = None
    foreign = foreign_register(sheet, shape)
    for tab in candidate_tabs():
        if only and tab.name != only:
            continue
        named = name_bonus(sheet, shape, tab)
        if foreign and not named and not only:
            continue  # a register the model does not keep, not named as this tab either
        if assigned is not None and tab.name in assigned and not any(
                r.tab in (keys or {}) or r.tab in (labels or {}) for r in tab.refs):
            lines, score = assigned[tab.name]
        else:
            lines, score = _assign(sheet, shape, summaries, tab, keys or {}, labels or {})
            if assigned is not None and not keys and not labels:
                assigned[tab.name] = (lines, score)
        seen = evidence(tab, [ln for ln in lines if ln.model_header])
        total = score + 0.5 * (seen.required - seen.missing) - 0.4 * seen.missing + named
        if (seen.strong >= 2 and seen.holds_its_records or only) and (best is None or total > best.score):
            best = TabProposal(sheet, tab.name, shape, total, lines)
    if best is None:
        lines = [Line(sheet, h, letters(i), None, None, 0.0, "ни одна таблица модели не подошла")
                 for i, h in enumerate(shape.headers) if h]
        why = (f"«{whole_words(foreign)}» — дело конторы, которого нет в модели: лист остаётся листом сотрудников "
               "(лист модели можно выбрать вручную)" if foreign else "столбцы не похожи ни на один лист модели")
        return TabProposal(sheet, None, shape, 0.0, lines, why=why)
    return best


def _assign(sheet: str, shape: TabShape, summaries: Mapping[int, Values], tab: Tab,
            keys: Mapping[str, set[str]], labels: Mapping[str, Mapping[str, set[str]]]) -> tuple[list[Line], float]:
    columns = [i for i, h in enumerate(shape.headers) if h]
    refs = {tab.column(r.field).header: (r.tab, keys[r.tab]) for r in tab.refs if r.tab in keys}
    context = text_stems(sheet) | text_stems(shape.title[:200])
    pairs = []
    for i in columns:
        header = _read_with_neighbour(shape.headers, i)
        if is_number_column(header) and not any(c.header == "№" for c in tab.columns):
            continue
        for col in tab.columns:
            if bare_number_misfit(header, col, tab):
                continue
            score, why = column_score(header, summaries[i], col, refs.get(col.header), context)
            if score >= MAPPED_AT:
                pairs.append((score, i, col, why))
    # equal scores (both capped at 1): the header nearer the model's name, then the shorter header, then the first —
    # «Руководитель» is «Руководитель программы» before «Разработчик (кафедра)» is
    pairs.sort(key=lambda p: (-p[0], -similarity(shape.headers[p[1]], p[2].header, context),
                              len(shape.headers[p[1]]), p[1]))
    taken_staff: dict[int, tuple[Column, float, str]] = {}
    taken_model: set[str] = set()
    for score, i, col, why in pairs:
        if i in taken_staff or col.header in taken_model:
            continue
        taken_staff[i] = (col, score, why)
        taken_model.add(col.header)
    by_values_alone(shape, summaries, tab, columns, taken_staff, taken_model)
    lines: list[Line] = []
    names = _name_links(sheet, shape, summaries, tab, taken_staff, taken_model)
    for i, (col, score, why) in list(taken_staff.items()):
        # a code column whose cells hold the name too («ПК-01 Функциональная грамотность»): the code is read from it
        if _is_code_column(tab, col) and _code_and_name(shape.columns.get(i, [])):
            names[i] = [Line(sheet, shape.headers[i], letters(i), tab.name, col.header, score,
                             f"{why}; в ячейках код и название", part=CODE)]
    for i, found in _shared_cells(shape, tab, columns, taken_staff, taken_model, names, keys).items():
        names[i] = [Line(sheet, shape.headers[i], letters(i), tab.name, col.header, confidence, why, part=part)
                    for col, part, confidence, why in found]
    _through_other_tabs(sheet, shape, summaries, tab, columns, taken_staff, taken_model, names, labels)
    left = [i for i in columns if i not in names]
    used = taken_model | (set(tab.headers) - _free(tab, taken_model, names))
    by_header_despite_values(shape, summaries, tab, left, taken_staff, used, context)
    by_telling_word(shape, summaries, tab, left, taken_staff, used)
    by_listed_values(summaries, tab, left, taken_staff, used)
    by_key_values(shape, summaries, tab, left, taken_staff, used)
    taken_model |= used
    loose = [Line(sheet, SECTION_HEADER if part == SECTION else f"{TITLE_HEADER}: «{value}»", "", tab.name,
                  col.header, confidence, why, part=part, value=value)
             for col, part, value, confidence, why in section_lines(shape, tab, _free(tab, taken_model, names))
             + title_lines(shape, tab, _free(tab, taken_model, names))]
    total = sum(ln.confidence for ln in loose)
    for i in columns:
        header = shape.headers[i]
        if i in names:
            lines.extend(names[i])
            # one column for the tab's score, whatever number of model columns it holds (a «ФИО» of three parts)
            total += max(ln.confidence for ln in names[i]) + 0.1 * (len(names[i]) - 1)
        elif i in taken_staff:
            col, score, why = taken_staff[i]
            lines.append(Line(sheet, header, letters(i), tab.name, col.header, score, why))
            total += score
        else:
            note = "«№ п/п» — нумерация сотрудников" if is_number_column(header) else "не похож ни на один столбец"
            lines.append(Line(sheet, header, letters(i), tab.name, None, 0.0, note))
    return lines + loose, total


def _read_with_neighbour(headers: Sequence[str], i: int) -> str:
    """«от» right after «Приказ №» is the order's date: read as «Дата Приказ №» (a «Дата» after «Вид оценки» is not)."""
    header = headers[i]
    before = headers[i - 1] if i > 0 else ""
    if before and (header_key(header) == "от" or header_key(header) in ("дата", "дата от") and (
            "№" in before or "номер" in header_key(before))):
        return f"Дата {before}"
    return header


def _grid_proposal(sheet: str, shape: TabShape, summaries: Mapping[int, Values],
                   keys: Mapping[str, set[str]]) -> TabProposal | None:
    """Listeners down and at least three class dates across: a «шахматка» of attendance."""
    year = year_of(f"{sheet} {shape.title}", date.today().year)
    dates = date_columns(shape.headers, year)
    if len(dates) < 3:
        return None
    label = next((i for i, h in enumerate(shape.headers) if i not in dates and h and (
        similarity(h, "ФИО") >= 0.8 or summaries[i].kind == "name")), None)
    if label is None:
        return None
    first, last = letters(min(dates)), letters(max(dates))
    lines = [Line(sheet, shape.headers[label], letters(label), GRID_TAB, "ID слушателя", 0.8,
                  "фамилии слушателей: ID находится на листе «Слушатели» по ФИО", part=LOOKUP),
             Line(sheet, f"даты в заголовках {first}…{last}, {year}", "", GRID_TAB, "Дата занятия", 0.9,
                  f"{len(dates)} столбцов с датами занятий в строке заголовков", part=DATES, value=str(year)),
             Line(sheet, "отметки в ячейках", "", GRID_TAB, "Присутствовал", 0.8,
                  "«+», «н», «да», «нет» на пересечении слушателя и даты", part=MARK)]
    groups = keys.get("Группы", set())
    words = re.findall(r"[\w-]+", f"{sheet} {shape.title}")
    code = next((w for w in words if normalize_header(w) in groups), None) or next(
        (w for w in words if re.fullmatch(r"[А-ЯA-Z]{1,4}-?\d{1,4}", w)), None)
    if code:
        lines.append(Line(sheet, f"{TITLE_HEADER}: «{code}»", "", GRID_TAB, "Код группы",
                          0.8 if normalize_header(code) in groups else 0.5,
                          f"группа «{code}» в названии листа или в шапке", part=TITLE, value=code))
    for i, header in enumerate(shape.headers):
        if header and i != label and i not in dates:
            lines.append(Line(sheet, header, letters(i), GRID_TAB, None, 0.0, "столбец сотрудников"))
    return TabProposal(sheet, GRID_TAB, shape, 10.0 + len(dates), lines)


def _through_other_tabs(sheet: str, shape: TabShape, summaries: Mapping[int, Values], tab: Tab, columns: list[int],
                        taken_staff: dict[int, tuple[Column, float, str]], taken_model: set[str],
                        names: dict[int, list[Line]], labels: Mapping[str, Mapping[str, set[str]]]) -> None:
    """A reference column kept as the other tab's names («ФИО слушателя» for «ID слушателя»): found through it. A
    column the first pass gave the reference by its header («Программа») is taken back when its values are names."""
    if not labels or not tab.refs:
        return
    refs = {tab.column(r.field).header for r in tab.refs}
    guessed = {i for i, (col, *_) in taken_staff.items() if col.header in refs}
    free_staff = [i for i in columns if i not in names and (i not in taken_staff or i in guessed)]
    free_model = _free(tab, taken_model, names) | {taken_staff[i][0].header for i in guessed}
    for i, (header, other, name, share) in lookup_columns(summaries, free_staff, tab, free_model, labels).items():
        if i in taken_staff:
            taken_model.discard(taken_staff.pop(i)[0].header)
        holder = next((j for j, (col, *_) in taken_staff.items() if col.header == header), None)
        if holder is not None:  # the column the first pass gave the reference holds no names of the other tab
            del taken_staff[holder]
        taken_model.add(header)
        names[i] = [Line(sheet, shape.headers[i], letters(i), tab.name, header, 0.75,
                         f"{round(share * 100)}% значений — «{name}» листа «{other}»: «{header}» находится по ним",
                         part=via(other, name))]


def _is_code_column(tab: Tab, col: Column) -> bool:
    return normalize_header(col.header).startswith("код") or any(tab.column(r.field).header == col.header
                                                                 for r in tab.refs)


def _code_and_name(values: Sequence[Any]) -> bool:
    texts = [str(v) for v in values if v not in (None, "")]
    if not texts:
        return False
    both = sum(1 for t in texts if (code := leading_code(t)) and len(t) > len(code) + 3)
    return both / len(texts) >= 0.8


def _free(tab: Tab, taken_model: set[str], names: Mapping[int, list[Line]]) -> set[str]:
    used = taken_model | {ln.model_header for lines in names.values() for ln in lines if ln.model_header}
    return {c.header for c in tab.columns} - used


def _shared_cells(shape: TabShape, tab: Tab, columns: list[int], taken_staff: Mapping[int, Any],
                  taken_model: set[str], names: Mapping[int, list[Line]], keys: Mapping[str, set[str]]
                  ) -> dict[int, list[tuple]]:
    """Columns of two values in one cell (dates «с … по …», «код + наименование») among those left over."""
    free_staff = [i for i in columns if i not in taken_staff and i not in names]
    found = range_columns(shape, tab, free_staff, _free(tab, taken_model, names))
    free_staff = [i for i in free_staff if i not in found]
    used = {col.header for links in found.values() for col, *_ in links}
    found.update(code_columns(shape, tab, free_staff, _free(tab, taken_model, names) - used, keys))
    return found


def _name_links(sheet: str, shape: TabShape, summaries: Mapping[int, Values], tab: Tab,
                taken_staff: dict[int, tuple[Column, float, str]], taken_model: set[str]) -> dict[int, list[Line]]:
    """One «ФИО» column for a model with Фамилия/Имя/Отчество (split), or those three for a model «ФИО» (joined)."""
    headers = {normalize_header(c.header): c for c in tab.columns}
    out: dict[int, list[Line]] = {}
    surname_by = next((i for i, (col, *_) in taken_staff.items() if normalize_header(col.header) == "фамилия"), None)
    surname_free = surname_by is None or similarity(shape.headers[surname_by], "ФИО") >= 0.9
    if "фамилия" in headers and "имя" in headers and surname_free:
        for i, header in enumerate(shape.headers):
            named = similarity(header, "ФИО")
            # a column the greedy pass gave to «Фамилия» alone is taken back when its header names all three parts
            if not header or (i in taken_staff and not (named >= 0.9 and normalize_header(
                    taken_staff[i][0].header) in PARTS)):
                continue
            values = summaries[i]
            if named >= 0.8 and values.kind in ("name", "text", "") and (not values.texts or words_in(values) >= 2):
                confidence = min(1.0, 0.6 + 0.4 * named * (1 if values.kind == "name" else 0.8))
                why = f"«{header}» — фамилия, имя и отчество в одном столбце; {values.said()}"
                out[i] = [Line(sheet, header, letters(i), tab.name, headers[p].header if p in headers else p.title(),
                               confidence, why, part=p) for p in PARTS if p in headers]
                break
    fio_by = next((i for i, (col, *_) in taken_staff.items() if normalize_header(col.header) == "фио"), None)
    own_parts = {header_key(h) for h in shape.headers if h} & set(PARTS)
    if fio_by is not None and header_key(shape.headers[fio_by]) in PARTS and len(own_parts) >= 2:
        # «Фамилия» alone is not «Фамилия И.О.»: the greedy pass's guess is given back for the parts to be joined
        taken_model.discard(taken_staff.pop(fio_by)[0].header)
    if "фио" in headers and "фио" not in {normalize_header(h) for h in taken_model}:
        parts = {}
        for p in PARTS:
            for i, header in enumerate(shape.headers):
                if i not in taken_staff and header_key(header) in (p, f"{p} слушателя", f"{p} участника"):
                    parts[p] = i
                    break
        if "фамилия" in parts and "имя" in parts:
            for p, i in parts.items():
                out[i] = [Line(sheet, shape.headers[i], letters(i), tab.name, headers["фио"].header, 0.9,
                               f"«{shape.headers[i]}» — часть ФИО", part=p)]
    return out


def _apps_own(sheet: str, grid: Sequence[Sequence[Any]]) -> bool:
    """A tab the app keeps for itself («Пользователи», «Журнал»…), as the app made it: its name, its headers in the
    first row. It is read by its name — proposed as a staff register it would be taken for another tab («Пользователи»
    for «Преподаватели») and the app would find no «Пользователи». A staff's own «Журнал» of other columns is looked
    at as any staff tab."""
    own = next((t for t in APP_TABS if t.casefold() == sheet.strip().casefold()), None)
    if own is None or not grid:
        return False
    first = {normalize_header(v) for v in grid[0] if v not in (None, "")}
    return {normalize_header(h) for h in TAB_BY_NAME[own].headers} <= first


def propose(grids: Mapping[str, Sequence[Sequence[Any]] | None],
            lists: Mapping[str, Mapping[int, list[str]]] | None = None,
            struck: Mapping[str, set[tuple[int, int]]] | None = None) -> list[TabProposal]:
    """Every staff tab's proposal; a model tab goes to the one staff tab it fits best, with the tabs of the same
    register kept beside it (one per group) joining it; the others are left unmapped (tab_fit.settle_rivals).
    `lists`: tab → 0-based column → its drop-down list's words (Store.drop_downs), their words for a model list;
    `struck`: tab → its cells struck through (Store.struck_cells): a record struck through is no record."""
    vocab = vocabulary()
    sheets = {s: g for s, g in grids.items()
              if g is not None and s.casefold() not in SKIPPED_SHEETS and not _apps_own(s, g)}
    shapes = {sheet: find_shape(grid, vocab) for sheet, grid in sheets.items()}  # found once for both looks
    for sheet, shape in shapes.items():
        if shape is not None:
            shape.lists = dict((lists or {}).get(sheet, {}))
            if (struck or {}).get(sheet):
                shape.cancel(cancelled_records(struck[sheet], sheets[sheet], shape.records))
    assigned: dict[str, dict] = {sheet: {} for sheet in sheets}  # the first look's weighing, taken again where it may
    proposals = [propose_tab(sheet, grid, vocab, shape=shapes[sheet], assigned=assigned[sheet])
                 for sheet, grid in sheets.items()]
    keys, labels = keys_found(proposals), labels_found(proposals)
    if keys or labels:  # a second look: a column of another tab's keys («ПК-01» in «Программа») or names is a reference
        proposals = [propose_tab(sheet, grid, vocab, keys=keys, labels=labels, shape=shapes[sheet],
                                 assigned=assigned[sheet]) for sheet, grid in sheets.items()]
    settle_rivals(proposals, date.today().year)
    for p in proposals:
        for line in p.lines:
            line.words = column_words(p.shape, line.model_tab, line.model_header, line.column, line.part)
    return proposals
