"""A column whose model value is found through another tab: their «ФИО слушателя» where the model keeps «ID
слушателя», their «Наименование программы» where it keeps «Код программы». The name leads to the key on the tab the
column refers to (read through the mapping too), and back when the app writes: the staff's cell keeps a name.

The link's part says the way: «через Слушатели / ФИО». A name two records share leads nowhere (it stays as written,
and the reference rule says which cell); a key the other tab lacks is never written as a name — refused in Russian.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from core.platform.errors import StoreError
from core.records.cells import is_blank
from sheets_schema import TAB_BY_NAME, TABS, Tab
from sheets_schema.base import normalize_header

from .evidence import Values
from .mapping import PARTS

VIA = "через"
_PART = re.compile(rf"^{VIA} (.+?) / (.+)$")
FOUND_AT = 0.6  # this share of a column's values (two at least) found among another tab's names: a way to its keys


def via(tab: str, header: str) -> str:
    return f"{VIA} {tab} / {header}"


def way(part: str | None) -> tuple[str, str] | None:
    """(the other model tab, its column of names) of a link's part, or None for any other part."""
    found = _PART.match(part or "")
    return (found[1], found[2]) if found else None


_NAMING = ("фио", "наименование", "название")


def name_columns(tab: Tab) -> list[str]:
    """Columns of a tab that name its records: «ФИО» of a person, «Наименование» of a programme or a service (not
    codes, logins or the parts of a name)."""
    return [c.header for c in tab.columns if c.kind is str and normalize_header(c.header) in _NAMING]


def lookup_columns(values: Mapping[int, Values], free_staff: Sequence[int], tab: Tab, free_model: set[str],
                   names: Mapping[str, Mapping[str, set[str]]]) -> dict[int, tuple[str, str, str, float]]:
    """Staff column → (model column, other tab, its name column, share found) for the free reference columns of
    `tab` whose values are names kept on the tab they refer to (`names`: model tab → column → its values)."""
    found: dict[int, tuple[str, str, str, float]] = {}
    taken: set[str] = set()
    for ref in tab.refs:
        header = tab.column(ref.field).header
        other = TAB_BY_NAME.get(ref.tab)
        if header not in free_model or other is None or ref.tab not in names:
            continue
        best = None
        for i in free_staff:
            texts = [t for t in values[i].texts if t]
            if i in found or len(texts) < 1:
                continue
            for name in name_columns(other):
                known = names[ref.tab].get(name, set())
                inside = sum(1 for t in texts if t in known)
                share = inside / len(texts)
                if share >= FOUND_AT and inside >= min(2, len(texts)) and (best is None or share > best[4]):
                    best = (i, header, ref.tab, name, share)
        if best is not None and header not in taken:
            found[best[0]] = best[1:]
            taken.add(header)
    return found


class Ways:
    """Name → key and key → name of the tabs a mapping's columns refer through (as read now)."""

    def __init__(self, tabs: Mapping[str, Any]) -> None:
        self._forward: dict[tuple[str, str], dict[str, str]] = {}
        self._back: dict[tuple[str, str], dict[str, str]] = {}
        self._tabs = tabs

    def _maps(self, tab: str, name: str) -> tuple[dict[str, str], dict[str, str]]:
        if (tab, name) not in self._forward:
            data, model = self._tabs.get(tab), TAB_BY_NAME.get(tab)
            forward: dict[str, list[str]] = {}
            back: dict[str, str] = {}
            if data is not None and data.exists and model is not None and model.key:
                index = {normalize_header(h): i for i, h in enumerate(data.headers) if h}
                k = index.get(normalize_header(model.column(model.key).header))
                n = index.get(normalize_header(name))
                for row in data.rows if k is not None and n is not None else []:
                    key, label = row[k] if k < len(row) else None, row[n] if n < len(row) else None
                    if is_blank(key) or is_blank(label):
                        continue
                    forward.setdefault(normalize_header(str(label)), []).append(str(key))
                    back.setdefault(normalize_header(str(key)), str(label))
            self._forward[tab, name] = {label: keys[0] for label, keys in forward.items() if len(set(keys)) == 1}
            self._back[tab, name] = back
        return self._forward[tab, name], self._back[tab, name]

    def keys_by_name(self, tab: str, name: str) -> dict[str, str]:
        """Name (normalized) → key on that tab, for the names that are one record's only."""
        return self._maps(tab, name)[0]

    def key_of(self, part: str, label: Any) -> Any:
        """The key a name leads to; the name as written when it leads nowhere (unknown, or two records')."""
        tab, name = way(part) or ("", "")
        if is_blank(label):
            return None
        return self._maps(tab, name)[0].get(normalize_header(str(label)), label)

    def name_of(self, part: str, key: Any) -> str | None:
        """The name the staff's cell keeps for a key; None when the other tab has no such key."""
        tab, name = way(part) or ("", "")
        return self._maps(tab, name)[1].get(normalize_header(str(key)))


def name_for(sheet: str, sheet_header: str, link: Any, key: Any, ways: Ways | None) -> str:
    """The name their cell keeps for the key the app writes; a key the other tab lacks is refused, never written."""
    name = ways.name_of(link.part, key) if ways is not None else None
    if name is None:
        other, column = way(link.part)
        raise StoreError(f"На листе «{sheet}» столбец «{sheet_header}» хранит не «{link.model_header}», а "
                         f"«{column}» с листа «{other}», а там нет записи «{key}». Ничего не записано: добавьте её "
                         f"на лист «{other}» и повторите.")
    return name


# what the first look at every tab found, for the second: another tab's keys and names -----------------------
def keys_found(proposals: Sequence[Any]) -> dict[str, set[str]]:
    """Model tab → the keys its proposed staff tab holds (normalized), for telling reference columns."""
    found: dict[str, set[str]] = {}
    by_name = {t.name: t for t in TABS}
    for p in proposals:
        tab = by_name.get(p.model_tab or "")
        if tab is None or tab.key is None or p.shape is None:
            continue
        header = tab.column(tab.key).header
        for line in p.lines:
            if line.model_header == header:
                index = p.shape.headers.index(line.header)
                found[tab.name] = {normalize_header(str(v)) for v in p.shape.columns.get(index, []) if v not in
                                   (None, "")}
    return found


def labels_found(proposals: Sequence[Any]) -> dict[str, dict[str, set[str]]]:
    """Model tab → each column naming its records («ФИО», «Наименование») → the names its staff tab holds
    (normalized; a «ФИО» kept in three columns joined)."""
    found: dict[str, dict[str, set[str]]] = {}
    by_name = {t.name: t for t in TABS}
    for p in proposals:
        tab = by_name.get(p.model_tab or "")
        if tab is None or p.shape is None:
            continue
        for header in name_columns(tab):
            lines = [ln for ln in p.lines if ln.model_header == header and ln.column]
            if not lines or not all(ln.part is None or ln.part in PARTS for ln in lines):
                continue
            cells = [p.shape.columns.get(p.shape.headers.index(ln.header), []) for ln in lines]
            by_part = sorted(zip(lines, cells, strict=True), key=lambda lc: PARTS.index(lc[0].part)
                             if lc[0].part in PARTS else 0)
            rows = zip(*(c for _ln, c in by_part), strict=False)
            values = {normalize_header(" ".join(str(v).strip() for v in row if v not in (None, ""))) for row in rows}
            found.setdefault(tab.name, {})[header] = values - {""}
    return found
