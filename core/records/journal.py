"""The audit journal: every write the app makes is recorded in «Журнал» (when, who, tab, key, action, before, after)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from core.platform.access import User
from core.platform.errors import EduDeskError
from core.platform.personal import is_personal
from core.platform.values import canonical
from core.records.tabs import layouts as model_layouts
from core.store.base import Numbering, OwnedTab, RowSnapshot, Store, TabLayout
from sheets_schema.base import normalize_header
from sheets_schema.enums import Role

TAB = "Журнал"
USERS = "Пользователи"
_ROLE_AND_ADDRESS = {"роль", "e-mail"}


def _plain(values: Mapping[str, Any]) -> str:
    """Values as compact JSON; personal data never goes to the journal, only the fact that it was there."""
    def show(key: str, value: Any) -> Any:
        if is_personal(key) and value not in (None, ""):
            return "[персональные данные]"
        if isinstance(value, datetime | date):
            return value.strftime("%d.%m.%Y")
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, Enum):
            return value.value
        return value
    return json.dumps({k: show(k, v) for k, v in values.items()}, ensure_ascii=False, default=str)


def entry(who: str, tab: str, key: str, action: str, before: Mapping[str, Any] | None, after: Mapping[str, Any] | None,
          when: datetime | None = None) -> dict:
    return {"Когда": (when or datetime.now()).strftime("%d.%m.%Y %H:%M:%S"), "Кто": who, "Лист": tab, "Ключ": key,
            "Действие": action, "Было": _plain(before) if before else "", "Стало": _plain(after) if after else ""}


class JournaledStore:
    """The app's writes, each with its journal entries; in one write where the store allows it.

    `who` is the person (core.platform.access.User): the journal names their e-mail and how they were known, and
    «Пользователи» — who may do what — is changed by an administrator only, never in one's own role. A plain text
    `who` (benchmarks, tests of the store) is written as it is and is not a person: it may not touch «Пользователи».
    """

    def __init__(self, store: Store, who: str | User) -> None:
        self.store = store
        self.person = who if isinstance(who, User) else None
        self.who = who.signature if isinstance(who, User) else who

    def exclusive(self):
        return self.store.exclusive()

    def fresh(self, tab: str):
        return self.store.fresh(tab)

    def check_writable(self) -> None:
        self.store.check_writable()

    def ensure_journal(self) -> None:
        """Create «Журнал» if someone deleted it: a write is never refused (or left unrecorded) for its lack.

        Only what the store already knows is consulted (no extra request to Google for every write)."""
        if self.store.has_tab(TAB) is False:
            self.store.create_tabs([layout for layout in model_layouts() if layout.name == TAB])

    def record(self, tab: str, key: str, action: str, before: Mapping[str, Any] | None = None,
               after: Mapping[str, Any] | None = None) -> None:
        """A journal row for a write that is not a row of a tab (a reset, a key given, «Проверка» rewritten)."""
        self.ensure_journal()
        self.store.append(TAB, [entry(self.who, tab, key, action, before, after)])

    def write_owned_tab(self, tab: OwnedTab, action: str, after: Mapping[str, Any] | None = None) -> None:
        """The app's own tab rewritten whole, with its journal row in the same write."""
        self.ensure_journal()
        self.store.write_owned_tab(tab, [entry(self.who, tab.name, "", action, None, after)])

    def create_tabs(self, layouts: Sequence[TabLayout]) -> None:
        """Empty tabs with their headers, each recorded in the journal."""
        self.store.create_tabs(layouts)
        self.ensure_journal()
        self.store.append(TAB, [entry(self.who, layout.name, "", "создание листа", None, None) for layout in layouts])

    def append(self, tab: str, rows: Sequence[Mapping[str, Any]], key_header: str | None = None,
               numbering: Numbering | None = None) -> list[dict]:
        return self.append_many({tab: rows}, {tab: key_header} if key_header else None, numbering).get(tab, [])

    def append_many(self, rows_by_tab: Mapping[str, Sequence[Mapping[str, Any]]],
                    keys: Mapping[str, str] | None = None, numbering: Numbering | None = None) -> dict[str, list[dict]]:
        """Rows and their journal entries in one write; the entries name the keys as written (numbers included)."""
        keys = {**(keys or {}), **({numbering.tab: numbering.header} if numbering else {})}
        if USERS in rows_by_tab and rows_by_tab[USERS]:
            self._may_change_users([])

        def journal(final: Mapping[str, list[dict]]) -> list[dict]:
            return [entry(self.who, tab, str(row.get(keys.get(tab) or next(iter(row), ""), "")), "добавление",
                          None, row) for tab, rows in final.items() for row in rows]

        self.ensure_journal()
        return self.store.append_many(rows_by_tab, numbering, journal)

    def update(self, seen: RowSnapshot, key_header: str, changes: Mapping[str, Any]) -> None:
        self.update_many(key_header, [(seen, changes)])

    def update_many(self, key_header: str, updates: Sequence[tuple[RowSnapshot, Mapping[str, Any]]]) -> None:
        on_users = [(seen, changes) for seen, changes in updates if seen.tab == USERS]
        if on_users:
            self._may_change_users(on_users)
        journal = [entry(self.who, seen.tab, str(seen.values.get(key_header, "")), "изменение",
                         {k: seen.values.get(k) for k in changes}, changes) for seen, changes in updates]
        self.ensure_journal()
        self.store.update_many(key_header, updates, journal=journal)

    def _may_change_users(self, updates: Sequence[tuple[RowSnapshot, Mapping[str, Any]]]) -> None:
        """Roles are given by an administrator, and nobody raises (or changes) their own."""
        person = self.person
        if person is None or person.role != Role.ADMIN:
            role = person.role.value if person and person.role else "не известна"
            raise EduDeskError(f"Лист «{USERS}» — кто и с какой ролью работает — меняет только администратор; "
                               f"ваша роль — «{role}». Ничего не записано.")
        for seen, changes in updates:
            own = canonical(seen.values.get("E-mail")).casefold() == canonical(person.email).casefold()
            if own and any(normalize_header(k) in _ROLE_AND_ADDRESS for k in changes):
                raise EduDeskError("Свою роль и свой e-mail на листе «Пользователи» не меняет никто, и администратор "
                                   "тоже: это делает другой администратор. Ничего не записано.")
