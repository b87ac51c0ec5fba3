"""Rows found again at write time: which cells an update checks, and what a changed row means."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from core.platform.errors import ConcurrentEditError, RowNotFound, UnknownColumn
from core.platform.personal import is_personal
from sheets_schema import TAB_BY_NAME
from sheets_schema.base import normalize_header

from .base import RowSnapshot, TabData, canonical, plain_value

TOTAL = re.compile(r"^(итого|всего|итог)\b", re.I)  # the first words of a total row under the records


def is_blank_cell(value: Any) -> bool:
    """Nothing in the cell: empty, or spaces only."""
    return value is None or (isinstance(value, str) and not value.strip())


def filled_cells(row: Sequence[Any]) -> list[Any]:
    """A row's values staff filled in: not empty, not spaces, not an unticked box (boxes are filled down a column,
    through the «Итого» row too)."""
    return [v for v in row if not is_blank_cell(v) and v is not False]


def is_total_row(row: Sequence[Any]) -> bool:
    """A staff's «Итого» row: its first filled cell says so (the workbook's and the Google Sheet's appends, and the
    connected tab's reading, tell it the same way)."""
    first = next(iter(filled_cells(row)), "")
    return isinstance(first, str) and bool(TOTAL.match(first.strip()))


# who signs a register under its records, and what an office writes beside the signature
SIGNER = re.compile(r"^(ответственн|лицо,? ответственн|исполнител|исполнил|составил|подготовил|проверил|проверен"
                    r"|согласовано|утвердил|сдал|принял|руководител|директор|и\.\s?о\.|ректор|проректор|декан"
                    r"|начальник|заведующ|зав\.|заместител|зам\.|главн\w* бухгалтер|бухгалтер|кассир|экономист"
                    r"|специалист|методист|инспектор|менеджер|юрисконсульт|секретар|председател|член\w* комисси"
                    r"|дата составления|дата заполнения|подпись)", re.I)
STAMP = re.compile(r"^м\.\s?п\.?$", re.I)  # «М.П.», the place of the seal


def is_signature_row(row: Sequence[Any]) -> bool:
    """A row of the signature block under a register: «Ответственный за ведение реестра ______ Е. А. Зимина», «Дата
    составления: 01.12.2026», «Исполнитель: Петрова А. А., тел. …», «М.П.». Its first filled cell names a signer and
    the row holds a line to sign on («____») or the name is followed by a colon — so a record whose first column is
    a position («Директор МБОУ СОШ № 5», «Ответственный секретарь») stays a record."""
    filled = filled_cells(row)
    if not filled or not isinstance(filled[0], str):
        return False
    first = " ".join(filled[0].split())
    if STAMP.match(first):
        return True
    return bool(SIGNER.match(first)) and (
        any(isinstance(v, str) and "___" in v for v in filled) or re.match(r"^[^:]{2,60}:", first) is not None)


def is_footer_row(row: Sequence[Any]) -> bool:
    """A row under the records that is none: «Итого», or the signature block. New records go above it."""
    return is_total_row(row) or is_signature_row(row)


def position_of(headers: Sequence[str]) -> dict[str, int]:
    return {normalize_header(h): i for i, h in enumerate(headers) if h}


def compared_headers(tab: str, seen: RowSnapshot, key_header: str, changes: Mapping[str, Any]) -> list[str]:
    """The cells an update checks: the key, the columns the app reads (the sheet model's) and those it writes.

    A column staff keep for themselves — a note, a =NOW() — never blocks the app's write.
    """
    model = TAB_BY_NAME.get(tab)
    known = {normalize_header(c.header) for c in model.columns} if model else None
    keep = {normalize_header(key_header)} | {normalize_header(h) for h in changes}
    return [h for h in seen.values if known is None or normalize_header(h) in known | keep]


def compare(seen: RowSnapshot, changes: Mapping[str, Any], key_header: str, headers: Sequence[str],
            current: Sequence[Any]) -> str:
    """'same' when the row still holds what was read, 'applied' when it already holds our change; else raise."""
    position = position_of(headers)
    key_norm = normalize_header(key_header)
    if key_norm not in position:
        raise UnknownColumn(f"На листе «{seen.tab}» нет ключевого столбца «{key_header}». Ничего не записано.")
    key = canonical(seen.values.get(key_header))
    if canonical(current[position[key_norm]]) != key:
        there = canonical(current[position[key_norm]]) or "пустая строка"
        raise ConcurrentEditError(
            f"Строка {seen.row} листа «{seen.tab}» сдвинулась: там теперь «{there}» вместо «{key}» — коллега "
            "вставил или удалил строки. Ничего не записано: обновите данные и повторите.")
    for header in changes:
        if normalize_header(header) not in position:
            raise UnknownColumn(f"На листе «{seen.tab}» нет столбца «{header}»: добавьте его в строку заголовков.")
    changed_norm = {normalize_header(h): v for h, v in changes.items()}
    differs, ours = [], True
    for header in compared_headers(seen.tab, seen, key_header, changes):
        index = position.get(normalize_header(header))
        if index is None:
            continue
        now = canonical(current[index])
        if now != canonical(seen.values.get(header)):
            differs.append((header, seen.values.get(header), current[index]))
        wanted = changed_norm.get(normalize_header(header), seen.values.get(header))
        if now != canonical(plain_value(wanted)):
            ours = False
    if not differs:
        return "same"
    if ours:
        return "applied"
    header, was, now = differs[0]
    raise ConcurrentEditError(
        f"Строку {seen.row} листа «{seen.tab}» («{key}») изменили после чтения: «{header}» было {_shown(header, was)}, "
        f"стало {_shown(header, now)}. Ничего не записано: обновите данные и повторите.")


def _shown(header: str, value: Any) -> str:
    if is_personal(header):  # personal data is named, never quoted
        return "[персональные данные]"
    return f"«{canonical(value)}»" if canonical(value) else "пусто"


def cells_to_write(seen: RowSnapshot, key_header: str, headers: Sequence[str], current: Sequence[Any] | None,
                   changes: Mapping[str, Any]) -> dict[int, Any]:
    """After checking the row still holds what was read: 1-based column → value for each changed header."""
    current = list(current or []) + [None] * max(0, len(headers) - len(current or []))
    compare(seen, changes, key_header, headers, current)
    position = position_of(headers)
    return {position[normalize_header(h)] + 1: plain_value(v) for h, v in changes.items()}


# rows of a tab as read: laid out for a write, found by row number or by key -----------------------------------
def row_for_headers(headers: Sequence[str], values: Mapping[str, Any], tab: str) -> list[Any]:
    """Values laid out in the sheet's column order; a value for an unknown header is refused."""
    position = {normalize_header(h): i for i, h in enumerate(headers) if h}
    row: list[Any] = [None] * len(headers)
    for header, value in values.items():
        index = position.get(normalize_header(header))
        if index is None:
            raise UnknownColumn(f"На листе «{tab}» нет столбца «{header}»: добавьте его в строку заголовков.")
        row[index] = plain_value(value)
    return row


def snapshot_at(tab: TabData, row: int) -> RowSnapshot:
    """The snapshot of the row read at sheet row `row`, for update()."""
    values = tab.rows[tab.row_numbers.index(row)]
    return RowSnapshot(tab.name, row, dict(zip(tab.headers, values, strict=False)))


def find_row(tab: TabData, key_header: str, key_value: Any) -> RowSnapshot:
    """The row whose key column holds key_value, as a snapshot for update()."""
    index = tab.header_index().get(normalize_header(key_header))
    if index is None:
        raise UnknownColumn(f"На листе «{tab.name}» нет столбца «{key_header}».")
    wanted = canonical(key_value)
    for number, row in zip(tab.row_numbers, tab.rows, strict=True):
        if index < len(row) and canonical(row[index]) == wanted:
            return RowSnapshot(tab.name, number, dict(zip(tab.headers, row, strict=False)))
    raise RowNotFound(f"На листе «{tab.name}» нет строки с «{key_header}» = «{wanted}».")
