"""Moving an existing sheet's personal columns to the institute's server, and back, losing nothing.

Out: every personal value the shared sheet holds is copied to the local workbook (under its record's key), read
back and compared, and only then are the columns removed from the shared sheet (a tab kept whole locally —
«Пользователи», «Рассылки» — is emptied there). Back: the columns are added to the shared sheet again, the values
written by key, read back and compared, and only then is the local copy emptied. Anything that does not match stops
the move before the side that still holds the values is touched. A value the two sides hold differently is never
chosen between: the move is refused, naming the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.platform.errors import StoreError
from sheets_schema import TAB_BY_NAME
from sheets_schema.base import normalize_header

from .base import OwnedTab, Store, TabData, canonical
from .rows import find_row
from .split import PersonalPlace, SplitStore

MOVED_NOTE = ("Лист перенесён на сервер учреждения: персональные данные хранятся отдельно (152-ФЗ ст. 18 ч. 5). "
              "Приложение читает и пишет его там.")


@dataclass
class MoveReport:
    values: dict[str, int] = field(default_factory=dict)  # tab → personal values moved
    orphans: dict[str, list[str]] = field(default_factory=dict)  # tab → keys kept locally: no such record shared

    @property
    def total(self) -> int:
        return sum(self.values.values())


def _non_empty(value: Any) -> bool:
    return value not in (None, "")


def _records(data: TabData, place: PersonalPlace) -> dict[str, dict[str, Any]]:
    """Key → the personal values of the tab's rows that have any."""
    out: dict[str, dict[str, Any]] = {}
    index = data.header_index()
    key_at = index.get(normalize_header(place.key))
    if not data.exists or key_at is None:
        return out
    for row in data.rows:
        row = list(row) + [None] * (len(data.headers) - len(row))
        values = {h: row[index[normalize_header(h)]] for h in place.headers if normalize_header(h) in index}
        if _non_empty(row[key_at]) and any(_non_empty(v) for v in values.values()):
            out[canonical(row[key_at])] = {place.key: row[key_at], **values}
    return out


def _same(a: dict[str, Any], b: dict[str, Any], headers) -> bool:
    return all(canonical(a.get(h)) == canonical(b.get(h)) for h in headers)


def move_out(split: SplitStore) -> MoveReport:
    shared, local = split.shared, split.local
    report = MoveReport()
    plans: list[tuple[PersonalPlace, TabData, dict[str, dict]]] = []
    for place in split.places.values():
        data = shared.fresh(place.tab)
        if not data.exists:
            continue
        if place.whole:
            plans.append((place, data, {}))
            continue
        there = _records(local.fresh(place.tab), place)
        moving = _records(data, place)
        for key, values in moving.items():
            held = there.get(key)
            if held and not all(canonical(held.get(h)) in ("", canonical(v)) for h, v in values.items()):
                raise StoreError(f"Запись {key} листа «{place.tab}»: на сервере учреждения её персональные данные "
                                 "уже другие, чем в общей таблице. Ничего не перенесено: оставьте верные в одном "
                                 "месте и повторите.")
        plans.append((place, data, moving))
    _copy_out(local, plans, report)
    for place, _data, moving in plans:  # the local copy is checked whole before any shared column goes
        if place.whole:
            continue
        there = _records(local.fresh(place.tab), place)
        lost = [k for k, v in moving.items() if k not in there or not _same(there[k], v, v)]
        if lost:
            raise StoreError(f"Лист «{place.tab}»: персональные данные записей {', '.join(lost[:5])} не прочитались "
                             "с сервера учреждения такими же. Из общей таблицы ничего не удалено.")
    for place, data, _moving in plans:
        if place.whole:
            if data.rows:
                shared.write_owned_tab(OwnedTab(place.tab, [[MOVED_NOTE]]))
            continue
        present = [h for h in data.headers if h and place.holds(h)]
        if present:
            shared.drop_columns(place.tab, present)
    split.invalidate()
    return report


def _copy_out(local: Store, plans, report: MoveReport) -> None:
    appends: dict[str, list[dict]] = {}
    for place, data, moving in plans:
        if place.whole:
            mine = local.fresh(place.tab)
            known = {tuple(canonical(v) for v in row) for row in mine.rows}
            rows = [dict(zip(data.headers, row, strict=False)) for row in data.rows
                    if tuple(canonical(v) for v in row) not in known and not _is_note(row)]
            if rows:
                appends[place.tab] = rows
            report.values[place.tab] = sum(_non_empty(v) for r in rows for h, v in r.items() if place.holds(h))
            continue
        there = local.fresh(place.tab)
        held = _records(there, place)
        new = [v for k, v in moving.items() if k not in held]
        if new:
            appends[place.tab] = new
        for key, values in moving.items():
            if key in held:
                missing = {h: v for h, v in values.items() if _non_empty(v) and not _non_empty(held[key].get(h))}
                if missing:
                    local.update(find_row(there, place.key, key), place.key, missing)
        report.values[place.tab] = sum(_non_empty(v) for vs in moving.values() for h, v in vs.items() if h != place.key)
    if appends:
        local.append_many(appends)


def _is_note(row) -> bool:
    return len([v for v in row if _non_empty(v)]) == 1 and canonical(row[0]) == canonical(MOVED_NOTE)


def move_back(split: SplitStore) -> MoveReport:
    shared, local = split.shared, split.local
    report = MoveReport()
    done: list[PersonalPlace] = []
    for place in split.places.values():
        mine = local.fresh(place.tab)
        if not mine.exists:
            continue
        if place.whole:
            if mine.rows:
                rows = [list(mine.headers)] + [list(r) for r in mine.rows]
                shared.write_owned_tab(OwnedTab(place.tab, rows, frozen_rows=1))
                back = shared.fresh(place.tab)
                if [[canonical(v) for v in r] for r in back.rows] != [[canonical(v) for v in r] for r in mine.rows]:
                    raise StoreError(f"Лист «{place.tab}» не прочитался из общей таблицы таким же. На сервере "
                                     "учреждения ничего не удалено.")
                report.values[place.tab] = sum(_non_empty(v) for r in mine.as_dicts() for h, v in r.items()
                                               if place.holds(h))
            done.append(place)
            continue
        records = _records(mine, place)
        data = shared.fresh(place.tab)
        if not data.exists:
            continue
        shared.add_columns(place.tab, list(place.headers))
        data = shared.fresh(place.tab)
        updates, orphans = [], []
        for key, values in records.items():
            try:
                seen = find_row(data, place.key, values[place.key])
            except StoreError:
                orphans.append(key)
                continue
            changes = {h: v for h, v in values.items() if h != place.key
                       and canonical(v) != canonical(seen.values.get(h))}
            if changes:
                updates.append((seen, changes))
        if updates:
            shared.update_many(place.key, updates)
        back = _records(shared.fresh(place.tab), place)
        wrong = [k for k, v in records.items() if k not in orphans and (k not in back or not _same(back[k], v, v))]
        if wrong:
            raise StoreError(f"Лист «{place.tab}»: записи {', '.join(wrong[:5])} не прочитались из общей таблицы "
                             "такими же. На сервере учреждения ничего не удалено.")
        report.values[place.tab] = sum(_non_empty(v) for k, vs in records.items() if k not in orphans
                                       for h, v in vs.items() if h != place.key)
        if orphans:
            report.orphans[place.tab] = orphans
        done.append(place)
    for place in done:  # emptied only once every tab is back and checked; orphans stay where they are
        if place.tab in report.orphans:
            mine = local.fresh(place.tab)
            keep = [list(r) for r in mine.rows if canonical(r[mine.header_index()[normalize_header(place.key)]])
                    in report.orphans[place.tab]]
            local.write_owned_tab(OwnedTab(place.tab, [list(mine.headers)] + keep, frozen_rows=1))
        else:
            local.write_owned_tab(OwnedTab(place.tab, [list(_local_headers(place))], frozen_rows=1))
    split.invalidate()
    return report


def _local_headers(place: PersonalPlace) -> list[str]:
    return TAB_BY_NAME[place.tab].headers if place.whole else [place.key, *place.headers]
