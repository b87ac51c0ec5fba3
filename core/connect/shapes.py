"""The shapes an office's register takes beyond one value per cell, found in a staff tab for the proposal:
«с … по …» in one cell, «код + наименование» in one cell, a value written once on section rows or in the title."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from statistics import median

from sheets_schema import Tab
from sheets_schema.base import Column, normalize_header
from sheets_schema.enums import ALIASES

from .composite import CODE, RANGE_PARTS, SECTION, TITLE, a_range, leading_code
from .evidence import Values
from .layout import TabShape
from .mapping import letters
from .vocabulary import similarity, stems, text_stems

SECTION_HEADER = "строки разделов"
TITLE_HEADER = "шапка листа"


def range_columns(shape: TabShape, tab: Tab, free_staff: list[int], free_model: set[str]) -> dict[int, list[tuple]]:
    """A column of «с 02.03.2026 по 13.03.2026» → the model's start and end dates, if both are free; of
    «09:00–10:30» → a lesson's start and end, where the model keeps times of day (text «ЧЧ:ММ», not dates)."""
    start = next((c for c in tab.columns if c.header in free_model and "начал" in normalize_header(c.header)), None)
    end = next((c for c in tab.columns if c.header in free_model and "оконч" in normalize_header(c.header)), None)
    if start is None or end is None:
        return {}
    for i in free_staff:
        values = [v for v in shape.columns.get(i, []) if v not in (None, "")]
        ranges = [v for v in values if isinstance(v, str) and a_range(v, start.kind is not date) is not None]
        if values and len(ranges) / len(values) >= 0.8:
            why = f"в ячейках два срока («{ranges[0]}»)"
            return {i: [(start, "с", 0.8, why), (end, "по", 0.8, why)]}
    return {}


def code_columns(shape: TabShape, tab: Tab, free_staff: list[int], free_model: set[str],
                 keys: Mapping[str, set[str]]) -> dict[int, list[tuple]]:
    """A column of «ПК-01 Функциональная грамотность» → the model's code column it names."""
    refs = {tab.column(r.field).header: r.tab for r in tab.refs}
    candidates = [c for c in tab.columns if c.header in free_model
                  and (normalize_header(c.header).startswith("код") or c.header in refs)]
    out: dict[int, list[tuple]] = {}
    for i in free_staff if candidates else ():
        values = [str(v) for v in shape.columns.get(i, []) if v not in (None, "")]
        codes = [leading_code(v) for v in values]
        if not values or sum(1 for c, v in zip(codes, values, strict=True) if c and len(v) > len(c) + 3) / len(values) < 0.8:
            continue
        best, score = None, 0.0
        for col in candidates:
            bare = normalize_header(col.header).removeprefix("код").strip() or col.header
            named = similarity(shape.headers[i], bare)
            known = keys.get(refs.get(col.header, ""), set())
            if known and all(normalize_header(c or "") in known for c in codes):
                named = max(named, 0.8)
            if named > score:
                best, score = col, named
        if best is not None and score >= 0.45:
            out[i] = [(best, CODE, min(0.9, 0.4 + score / 2), f"в ячейках код и название («{values[0]}»)")]
            candidates.remove(best)
    return out


def section_lines(shape: TabShape, tab: Tab, free_model: set[str]) -> list[tuple]:
    """Section rows («Кафедра педагогики») above records → the model column they name (its value for the records)."""
    if not shape.sections:
        return []
    texts = list(shape.sections.values())
    best, score = None, 0.0
    for col in tab.columns:
        if col.header not in free_model or col.kind is not str:
            continue
        named = median(similarity(t, col.header) for t in texts)
        if named > score:
            best, score = col, named
    if best is None or score < 0.55:
        return []
    return [(best, SECTION, None, min(0.9, score), f"над записями строки разделов: «{texts[0]}» …")]


# «План ПОУ кафедры педагогики и психологии на 2027 год»: the department's name runs up to a word or sign that ends it
_DEPARTMENT = re.compile(r"\bкафедр(?:а|ы|е|у|ой)\s+([а-яё-]+(?:\s+[а-яё-]+){0,5}?)"
                         r"(?=\s+(?:на|в|во|за|по|с|со|для|от|года?)\b|\s*[\d,.;:()«»\n]|\s*$)", re.I)
DEPARTMENT_HEADERS = ("кафедра", "подразделение")


def department_in_title(title: str) -> str | None:
    """«…кафедры педагогики на 2027 год» → «Кафедра педагогики», as the department is named in the registers."""
    match = _DEPARTMENT.search(title)
    return f"Кафедра {match[1].strip()}" if match else None


def title_lines(shape: TabShape, tab: Tab, free_model: set[str]) -> list[tuple]:
    """A list value the tab's title names once («…программ повышения квалификации…») → that value for every record;
    so is the department a department's own register names in its title («План ПОУ кафедры педагогики»)."""
    words = text_stems(shape.title[:300])
    if not words:
        return []
    out = []
    department = department_in_title(shape.title[:300])
    for col in tab.columns if department else ():
        if col.header in free_model and col.kind is str and normalize_header(col.header) in DEPARTMENT_HEADERS:
            out.append((col, TITLE, department, 0.6, f"в шапке листа: «{shape.title[:80]}»"))
            break
    for col in tab.columns:
        if col.header not in free_model or not (isinstance(col.kind, type) and issubclass(col.kind, StrEnum)):
            continue
        found = {member for member in col.kind for name in _names(col, member)
                 if len(name) >= 4 and stems(name) and stems(name) <= words}
        if len(found) == 1:
            member = found.pop()
            out.append((col, TITLE, member.value, 0.6, f"в шапке листа: «{shape.title[:80]}»"))
    return out


def _names(col: Column, member: StrEnum) -> list[str]:
    return [member.value, *(word for word, m in ALIASES.get(col.kind, {}).items() if m is member)]


__all__ = ["RANGE_PARTS", "SECTION_HEADER", "TITLE_HEADER", "Values", "code_columns", "letters", "range_columns",
           "section_lines", "title_lines"]
