"""The staff's own words for the values of a model list: «принята» where the model says «согласована».

A register kept for years has its own statuses. Read as they are, every such cell would be «не из списка» — a
finding the staff can do nothing about. So connecting proposes, for each column of a model list, the words its
cells hold that the list does not know, each with the model value it most likely is (only when one value shares
its stem: «отклонено» is «отклонена», «принята» is for a person to say); the person confirms or chooses; the pairs
are kept with the mapping. Reading turns a staff word into the model's value; writing turns the value back into
their word, so their column — and its drop-down list — keeps their vocabulary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

from core.platform.a1 import column_index
from core.records.cells import enum_spellings
from sheets_schema import TAB_BY_NAME
from sheets_schema.base import normalize_header

from .layout import TabShape
from .thesaurus import WORD_SYNONYMS

NO_WORD = "— нет в модели —"  # a word the person leaves unmatched: its cells stay «не из списка»
MOST_WORDS = 20  # more unknown words than this: a column of free text, not a list kept in other words
_FILLERS = {"на", "в", "к", "по", "с", "и"}  # «на рассмотрении» and «рассмотрение» are one stem


@dataclass(frozen=True)
class StaffWord:
    """A word the staff write in a list column, how often, and the model value it stands for (None: not said)."""

    word: str
    count: int  # cells holding it
    value: str | None
    listed: bool = False  # offered by the column's drop-down list (core.store.lists)

    @property
    def seen(self) -> str:
        """Where the word was found, said to a person: «ячеек: 2», «ячеек: 2, в выпадающем списке»."""
        cells = f"ячеек: {self.count}" if self.count else ""
        listed = "в выпадающем списке" if self.listed else ""
        return ", ".join(p for p in (cells, listed) if p) or "нигде"


def column_words(shape: TabShape | None, model_tab: str | None, model_header: str | None, letter: str,
                 part: str | None) -> list[StaffWord]:
    """The staff's words in a column proposed for a model list: in its cells and in its drop-down list."""
    kind = list_kind(model_tab, model_header)
    if kind is None or part is not None or not letter or shape is None:
        return []
    column = column_index(letter) - 1
    return staff_words(kind, shape.columns.get(column, []), shape.lists.get(column, ()))


def list_kind(model_tab: str | None, model_header: str | None) -> type[StrEnum] | None:
    """The model list a column's values come from, or None for a column of another type."""
    tab = TAB_BY_NAME.get(model_tab or "")
    if tab is None or not model_header:
        return None
    wanted = normalize_header(model_header)
    kind = next((c.kind for c in tab.columns if normalize_header(c.header) == wanted), None)
    return kind if isinstance(kind, type) and issubclass(kind, StrEnum) else None


def list_values(model_tab: str | None, model_header: str | None) -> list[str]:
    kind = list_kind(model_tab, model_header)
    return [member.value for member in kind] if kind else []


def staff_words(kind: type[StrEnum], values: Sequence[Any], listed: Sequence[str] = ()) -> list[StaffWord]:
    """The words in a column's cells and in its drop-down list (`listed`) the model's list does not read: those in
    cells most used first, then those only listed, in the list's order; each with its guess. A column of many
    different texts is no list: nothing is proposed for it."""
    known = enum_spellings(kind)
    spelled: dict[str, Counter] = {}
    for value in values:
        if not isinstance(value, str) or not value.strip():
            continue
        key = normalize_header(value)
        if key not in known:
            spelled.setdefault(key, Counter())[" ".join(value.split())] += 1
    offered = {normalize_header(w): " ".join(w.split()) for w in listed}
    offered = {key: word for key, word in offered.items() if key and key not in known}
    if len(spelled.keys() | offered.keys()) > MOST_WORDS:
        return []
    words = [(sum(c.values()), c.most_common(1)[0][0], key) for key, c in spelled.items()]
    words.sort(key=lambda p: (-p[0], p[1]))
    seen = [StaffWord(word, count, _value(guess(kind, word)), key in offered) for count, word, key in words]
    only_listed = [StaffWord(word, 0, _value(guess(kind, word)), True) for key, word in offered.items()
                   if key not in spelled]
    return seen + only_listed


def guess(kind: type[StrEnum], word: str) -> StrEnum | None:
    """The one model value whose words share their stems with the staff's («отклонено» → «отклонена»,
    «зачислена» → «зачислен») or with the words the thesaurus reads theirs as («лектор» → «преподаватель»), or None
    when none or several do."""
    mine = _content(word)
    if not mine:
        return None
    read_as = [WORD_SYNONYMS.get(w, w) for w in mine]
    hits = {member for spelled, member in enum_spellings(kind).items()
            if _same_stems(mine, _content(spelled)) or _same_stems(read_as, _content(spelled))}
    return hits.pop() if len(hits) == 1 else None


def _content(text: str) -> list[str]:
    return [w for w in normalize_header(text).replace("-", " ").split() if w not in _FILLERS]


def _same_stems(mine: list[str], theirs: list[str]) -> bool:
    """Word by word, the same but for an ending: a common start of all the shorter word's letters but one (and at
    least four), so «проверке» is not «проверена» while «проверено» is."""
    if len(mine) != len(theirs):
        return False
    for a, b in zip(mine, theirs, strict=True):
        a, b = _unreflexive(a), _unreflexive(b)
        common = 0
        for x, y in zip(a, b, strict=False):
            if x != y:
                break
            common += 1
        if common < max(4, min(len(a), len(b)) - 1):
            return False
    return True


def _unreflexive(word: str) -> str:
    """«отказалась» and «отказался» differ before their «-ся/-сь»: compared without it."""
    return word[:-2] if len(word) > 5 and word[-2:] in ("ся", "сь") else word


def _value(member: StrEnum | None) -> str | None:
    return None if member is None else member.value


# kept with the mapping: «принята = согласована; в работе = проверена» ------------------------------------------
def said(pairs: Sequence[tuple[str, str]]) -> str:
    return "; ".join(f"{word} = {value}" for word, value in pairs)


def parsed(text: str) -> tuple[tuple[str, str], ...]:
    """The pairs as kept (and as a person may have edited them: a pair without «=» is skipped)."""
    out = []
    for piece in (text or "").split(";"):
        word, sep, value = piece.partition("=")
        if sep and word.strip() and value.strip():
            out.append((" ".join(word.split()), " ".join(value.split())))
    return tuple(out)


# reading and writing through them --------------------------------------------------------------------------
def to_model(pairs: Sequence[tuple[str, str]], raw: Any) -> Any:
    """A staff cell as the model reads it: their word → the model's value; anything else as it is."""
    if not pairs or not isinstance(raw, str):
        return raw
    return _model_of(tuple(pairs)).get(normalize_header(raw), raw)


def to_staff(pairs: Sequence[tuple[str, str]], value: Any) -> Any:
    """A model value as the staff write it: their first word for it (the most used when connected); a value
    they have no word for is written as the model's."""
    if not pairs or value is None:
        return value
    return _staff_of(tuple(pairs)).get(normalize_header(str(value)), value)


@lru_cache(maxsize=256)
def _model_of(pairs: tuple[tuple[str, str], ...]) -> Mapping[str, str]:
    return {normalize_header(word): value for word, value in pairs}


@lru_cache(maxsize=256)
def _staff_of(pairs: tuple[tuple[str, str], ...]) -> Mapping[str, str]:
    out: dict[str, str] = {}
    for word, value in pairs:
        out.setdefault(normalize_header(value), word)
    return out
