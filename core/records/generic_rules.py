"""Rules every tab gets from the sheet model: columns, readable cells, keys, references."""

from __future__ import annotations

from collections.abc import Iterator

from core.records.checks import Rule, Workbook, rule
from core.records.findings import Finding, Severity
from core.records.ranges import out_of_range
from core.records.reading import CELL_RULE, COLUMNS_RULE
from core.store.base import canonical
from sheets_schema import TABS


@rule(COLUMNS_RULE[0], COLUMNS_RULE[1], Severity.ERROR, "Лист и его обязательные столбцы на месте")
def columns_present(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for parsed in wb.tabs.values():
        yield from (f for f in parsed.findings if f.rule == r.id)


@rule(CELL_RULE[0], CELL_RULE[1], Severity.ERROR, "Каждая ячейка читается как дата, число, да/нет или значение из списка")
def cells_readable(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for parsed in wb.tabs.values():
        yield from (f for f in parsed.findings if f.rule == r.id)


@rule("GEN-REQUIRED", "Правила таблицы: листы и столбцы (Справка)", Severity.ERROR, "Обязательные ячейки заполнены")
def required_filled(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for parsed in wb.tabs.values():
        required = [c for c in parsed.tab.columns if c.required and c.field in parsed.positions]
        for row in parsed.rows:
            for col in required:
                # An unreadable cell is already reported by GEN-CELL; say nothing twice.
                if getattr(row.item, col.field) is None and parsed.cell(col.field, row.row) not in parsed.unreadable:
                    yield r.finding(parsed, row.row, col.field, f"Не заполнен обязательный столбец «{col.header}».")


@rule("GEN-KEY", "Правила таблицы: листы и столбцы (Справка)", Severity.ERROR, "Ключ строки заполнен и не повторяется")
def keys_unique(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for parsed in wb.tabs.values():
        key = parsed.tab.key
        if key is None or key not in parsed.positions:
            continue
        header = parsed.header(key)
        first_seen: dict[str, int] = {}
        for row in parsed.rows:
            value = getattr(row.item, key)
            if value is None:
                continue  # an empty key is GEN-REQUIRED's finding
            text = canonical(value).casefold()
            if text in first_seen:
                yield r.finding(parsed, row.row, key, f"«{header}» = «{canonical(value)}» уже есть в строке "
                                f"{first_seen[text]}: ключ должен быть единственным.")
            else:
                first_seen[text] = row.row


@rule("GEN-REF", "Правила таблицы: листы и столбцы (Справка)", Severity.ERROR, "Ссылки на другие листы ведут к существующим строкам")
def references_known(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for tab in TABS:
        parsed = wb.tabs.get(tab.name)  # not wb[…]: a missing tab is skipped here, not a reason to say nothing
        if parsed is None:
            continue
        for ref in tab.refs:
            target = wb.tabs.get(ref.tab)
            if target is None or not target.data.exists or ref.field not in parsed.positions:
                continue
            known = {k.casefold() for k in target.keys()}
            target_header = target.header(target.tab.key)
            for row in parsed.rows:
                value = getattr(row.item, ref.field)
                if value is not None and canonical(value).casefold() not in known:
                    yield r.finding(parsed, row.row, ref.field,
                                    f"«{canonical(value)}» нет в столбце «{target_header}» листа «{ref.tab}».")


@rule("GEN-NUMBER", "Правила таблицы: значения ячеек (Справка)", Severity.ERROR,
      "Часы, слушатели, суммы и ставки больше нуля; суммы — в рублях и копейках")
def numbers_in_range(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for parsed in wb.tabs.values():
        checked = [c for c in parsed.tab.columns if (c.positive or c.nonnegative or c.money)
                   and c.field in parsed.positions]
        for row in parsed.rows:
            for col in checked:
                value = getattr(row.item, col.field)
                if value is None:
                    continue
                if message := out_of_range(col, parsed.header(col.field), value):
                    yield r.finding(parsed, row.row, col.field, message)

