"""What the tests of a connected staff workbook share: connect it as a colleague would, and read its cells."""

from pathlib import Path

import openpyxl

from core.connect.mapped import MappedStore
from core.connect.sheet import connected, look, save
from core.store import XlsxStore


def connect_book(path: Path) -> MappedStore:
    """Save the proposal as the mapping, then open the book through it as a colleague on another machine would."""
    store = XlsxStore(path)
    save(store, look(store))
    mapped = connected(XlsxStore(path))
    assert isinstance(mapped, MappedStore)
    return mapped


def sheet_cells(path: Path, sheet: str) -> dict[str, object]:
    ws = openpyxl.load_workbook(path)[sheet]
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}


def changed_cells(before: dict[str, object], after: dict[str, object]) -> set[str]:
    """The cells (A1) whose value differs between two `sheet_cells` of one sheet, added and emptied ones too."""
    return {ref for ref in set(before) | set(after) if before.get(ref) != after.get(ref)}
