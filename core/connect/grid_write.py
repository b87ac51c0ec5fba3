"""Marks written into a «шахматка» the staff keep: a class's attendance goes into the listener's row under the class's
date, in the staff's own marks («+»/«н», «1»/«0», ticks), each cell checked empty before it is written.

Nothing is added to their grid: a listener with no row or a date with no column is refused in Russian, nothing
written — the staff add the row or the column as they keep them (a column's place among the dates is theirs).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from core.platform.errors import StoreError
from core.records.cells import is_blank
from core.store.base import RowSnapshot, TabData, canonical
from sheets_schema.base import normalize_header

from .composite import TITLE
from .grid import DATES, LOOKUP, date_columns, mark, year_of

_MARKS = {True: "+", False: "н"}  # a grid with no mark yet


def grid_updates(mapped, staff: TabData, rows: Sequence[Mapping[str, Any]],
                 names_by_id: Mapping[str, str]) -> tuple[str, list[tuple[RowSnapshot, dict[str, Any]]]]:
    """The name column's header, and each listener row's update: the class's date column → the staff's mark.

    `mapped` is the grid's TabMap, `staff` its sheet as read now, `names_by_id` a listener's ID → their name as
    «Слушатели» holds it (normalized)."""
    links = {link.part: link for link in mapped.links}
    label = links[LOOKUP].sheet_header
    column_of = {normalize_header(h): i for i, h in enumerate(staff.headers) if h}
    if normalize_header(label) not in column_of:
        raise StoreError(f"В шахматке «{mapped.sheet}» нет столбца «{label}» с ФИО слушателей: ничего не записано, "
                         "сопоставьте лист заново на странице «Подключение таблицы».")
    place = column_of[normalize_header(label)]
    year = year_of(links[DATES].sheet_header, date.today().year) if DATES in links else date.today().year
    columns = {day: i for i, day in date_columns(staff.headers, year).items()}
    group = links[TITLE].sheet_header if TITLE in links else None
    by_name = {normalize_header(str(r[place])): (n, r) for n, r in zip(staff.row_numbers, staff.rows, strict=True)
               if place < len(r) and not is_blank(r[place])}
    style = _style(staff, columns.values())
    changes: dict[int, tuple[list[Any], dict[str, Any]]] = {}
    for row in rows:
        day, listener = row.get("Дата занятия"), canonical(row.get("ID слушателя"))
        if group and canonical(row.get("Код группы")).casefold() != canonical(group).casefold():
            raise StoreError(f"Шахматка «{mapped.sheet}» ведётся для группы {group}: отметки группы "
                             f"{canonical(row.get('Код группы'))} сюда не пишутся. Ничего не записано.")
        if day not in columns:
            raise StoreError(f"В шахматке «{mapped.sheet}» нет столбца с датой {day:%d.%m.%Y}: добавьте его среди дат "
                             "занятий, как вы их ведёте, и отметьте снова. Ничего не записано.")
        found = by_name.get(names_by_id.get(listener, ""))
        if found is None:
            raise StoreError(f"В шахматке «{mapped.sheet}» нет строки слушателя {listener}"
                             f" ({names_by_id.get(listener, 'ФИО не найдено на листе «Слушатели»')}): добавьте его "
                             "строку и отметьте снова. Ничего не записано.")
        number, cells = found
        header = staff.headers[columns[day]]
        if columns[day] < len(cells) and not is_blank(cells[columns[day]]):
            raise StoreError(f"В шахматке «{mapped.sheet}» у слушателя {listener} за {day:%d.%m.%Y} уже стоит "
                             f"отметка «{cells[columns[day]]}». Ничего не записано.")
        changes.setdefault(number, (cells, {}))[1][header] = style[_present(row.get("Присутствовал"))]
    updates = [(RowSnapshot(mapped.sheet, number, {label: cells[place], **{h: None for h in new}}), new)
               for number, (cells, new) in changes.items()]
    return label, updates


def _present(value: Any) -> bool:
    return mark(value) is True


def _style(staff: TabData, columns) -> dict[bool, Any]:
    """The marks the staff put: the commonest for «был» and for «не был» among their cells."""
    seen: dict[bool, Counter] = {True: Counter(), False: Counter()}
    for cells in staff.rows:
        for i in columns:
            value = cells[i] if i < len(cells) else None
            meaning = None if is_blank(value) else mark(value)
            if isinstance(meaning, bool):
                seen[meaning][int(value) if isinstance(value, float) else value] += 1
    boxes = any(isinstance(v, bool) for counted in seen.values() for v in counted)  # a grid of ticks: ticks
    return {meaning: seen[meaning].most_common(1)[0][0] if seen[meaning] else (meaning if boxes else _MARKS[meaning])
            for meaning in (True, False)}


def mark_grid(store, rows_by_tab: Mapping[str, Sequence[Mapping[str, Any]]], journal=None) -> dict[str, list[dict]]:
    """A connected store's append of attendance rows to a «шахматка»: its cells marked in one checked write, with
    the journal's entries (`store` a core.connect.mapped.MappedStore)."""
    if len(rows_by_tab) != 1:
        raise StoreError("Отметки в шахматку пишутся отдельной записью, не вместе с другими листами. Ничего не записано.")
    ((tab, rows),) = rows_by_tab.items()
    mapped = grid_of(store.mapping.tabs[tab], rows)
    names_by_id = {listener: name for name, listener in store.listener_names().items()}
    label, updates = grid_updates(mapped, store.inner.fresh(mapped.sheet), rows, names_by_id)
    written = {tab: [dict(r) for r in rows]}
    store.inner.update_many(label, updates, journal(written) if journal is not None else ())
    return written


def grid_of(register, rows: Sequence[Mapping[str, Any]]):
    """The «шахматка» of the rows' group among those kept one per group (its title names the group: each TabMap's
    title link); a register of one grid is that grid (it says itself whether the group is its own)."""
    if not register.also:
        return register
    said = sorted({canonical(row.get("Код группы")) for row in rows})
    groups = {g.casefold() for g in said}
    titled = {canonical(link.sheet_header).casefold(): one for one in register.every for link in one.links
              if link.part == TITLE}
    found = [titled[g] for g in groups if g in titled]
    if len(groups) == 1 and len(found) == 1:
        return found[0]
    sheets = ", ".join(f"«{one.sheet}»" for one in register.every)
    raise StoreError(f"Отметки группы {', '.join(said)}: шахматки ведутся по листу на "
                     f"группу ({sheets}), и листа этой группы среди них нет. Ничего не записано: заведите её шахматку, "
                     "как остальные, и сопоставьте её на странице «Подключение таблицы».")
