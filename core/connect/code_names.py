"""A code the staff write with its name in one cell («ПК-01 Функциональная грамотность», «Школа директора
(ПОУ-012)»): what the app writes there is the code and the name the referenced tab gives it, in the staff's own
manner — the separator and the order their other cells in that column use."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from core.platform.values import canonical
from core.store import TabData
from sheets_schema import TAB_BY_NAME
from sheets_schema.base import normalize_header

from .composite import leading_code

_NAME = "наименование"


def named_code(model_tab: str, model_header: str, code: Any, read: Callable[[str], TabData | None],
               staff: TabData, column: str) -> Any:
    """`code` as the staff would write it in their `column`: with the name the tab it refers to gives it (a
    programme's «Наименование»); the code alone where no name is known."""
    if code in (None, ""):
        return code
    index = staff.header_index().get(normalize_header(column))
    cells = [row[index] for row in staff.rows if index is not None and index < len(row)]
    name = _name_of(model_tab, model_header, code, read)
    if not name:
        return code
    before, between, after = _manner(cells)
    return f"{name} ({code})" if before else f"{code}{between}{name}{after}"


def _name_of(model_tab: str, model_header: str, code: Any, read: Callable[[str], TabData | None]) -> str | None:
    tab = TAB_BY_NAME.get(model_tab)
    if tab is None:
        return None
    ref = next((r for r in tab.refs if normalize_header(tab.column(r.field).header) == normalize_header(model_header)),
               None)
    target = TAB_BY_NAME.get(ref.tab) if ref else None
    if target is None or target.key is None:
        return None
    name = next((c.header for c in target.columns if normalize_header(c.header) == _NAME), None)
    data = read(target.name) if name else None
    if data is None:
        return None
    key = target.column(target.key).header
    wanted = canonical(code)
    found = next((row.get(name) for row in data.as_dicts() if canonical(row.get(key)) == wanted), None)
    return str(found).strip() if found not in (None, "") else None


def _manner(cells: Sequence[Any]) -> tuple[bool, str, str]:
    """How the column's cells put a code and its name together: (the name first, the code in brackets after it),
    or the code first and what stands between them; a space when no cell says."""
    for cell in cells:
        text = str(cell or "").strip()
        code = leading_code(text)
        if not code:
            continue
        if text.endswith(f"({code})"):
            return True, "", ""
        match = re.match(re.escape(code) + r"([\s.:–—-]+)", text)
        if match:
            return False, match[1], ""
    return False, " ", ""
