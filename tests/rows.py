"""Build in-memory workbooks from a few rows, the way rule tests need them."""

from __future__ import annotations

from datetime import date

from core.records.checks import RULES, all_rules, open_workbook, run_all
from core.store.base import TabData
from sheets_schema import TABS, tab


def workbook_data(**tabs: list[dict]) -> dict[str, TabData]:
    """Every tab present and empty, except those given as {tab name: rows} (use _ for the tab's underscore)."""
    data = {t.name: TabData(t.name, t.headers, [], []) for t in TABS}
    for key, rows in tabs.items():
        name = key if key in data else key.replace("__", "_")
        headers = tab(name).headers
        data[name] = TabData(name, headers, [[r.get(h) for h in headers] for r in rows], list(range(2, 2 + len(rows))))
    return data


def findings(rule_id: str, today: date = date(2026, 11, 23), **tabs: list[dict]):
    """The findings of one rule over a workbook of these rows."""
    all_rules()
    assert rule_id in RULES, f"no rule {rule_id} is registered"
    return [f for f in run_all(workbook_data(**tabs), today=today) if f.rule == rule_id]


def workbook(today: date = date(2026, 11, 23), **tabs: list[dict]):
    return open_workbook(workbook_data(**tabs), today)
