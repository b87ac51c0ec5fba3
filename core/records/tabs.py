"""The tabs of the sheet model as a store creates them: headers, dropdowns and widths from sheets_schema."""

from __future__ import annotations

from core.store.base import TabLayout
from sheets_schema import TABS

# The tabs the app keeps for itself: settings, who may do what, the journal, letters sent — not records staff keep
# (connecting a staff sheet doesn't look for them; «Проверка данных» doesn't count them as data to check).
APP_TABS = frozenset({"Журнал", "Рассылки", "Настройки", "Пользователи"})


def layouts() -> list[TabLayout]:
    return [TabLayout(t.name, t.headers, {c.header: c.choices for c in t.columns if c.choices}, t.width) for t in TABS]
