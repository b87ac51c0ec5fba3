"""Excel tables («Форматировать как таблицу»): rows the app adds right below a table become part of it.

Excel grows a table when a person types in the row under it; the app does the same, so the table's range,
its filter, banding and structured references («Заявки[Фамилия]») take the new rows in.
"""

from __future__ import annotations

import re

from core.platform.a1 import column_index, column_letter

from .xlsx_package import Package, attrs


def _ref(ref: str) -> tuple[int, int, int, int]:
    first, _, last = ref.replace("$", "").partition(":")
    a, b = re.fullmatch(r"([A-Z]+)(\d+)", first), re.fullmatch(r"([A-Z]+)(\d+)", last or first)
    return int(a[2]), column_index(a[1]), int(b[2]), column_index(b[1])


def extend(package: Package, sheet_part: str, appended: list[int], replaced: dict[str, bytes]) -> None:
    """Grow each table of the sheet whose last row is just above the rows appended (none have a totals row)."""
    if not appended:
        return
    first, last = min(appended), max(appended)
    for rel in package.rels(sheet_part):
        if rel.kind != "table" or not package.has(rel.target):
            continue
        xml = replaced[rel.target].decode("utf-8") if rel.target in replaced else package.text(rel.target)
        table = re.search(r"<([\w.-]+:)?table\b[^>]*>", xml)
        if table is None:
            continue
        a = attrs(table[0])
        if "ref" not in a or int(a.get("totalsRowCount") or 0) > 0:  # rows below a totals row stay outside
            continue
        top, left, bottom, right = _ref(a["ref"])
        if bottom + 1 != first:
            continue
        new_ref = f"{column_letter(left)}{top}:{column_letter(right)}{last}"
        xml = xml.replace(f'ref="{a["ref"]}"', f'ref="{new_ref}"')  # the table and its autoFilter alike
        replaced[rel.target] = xml.encode("utf-8")
