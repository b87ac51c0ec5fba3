"""What is computed from one version of the workbook is computed once for every page and session (#30 item 7), and
answers exactly as a fresh computation would: the same findings, the same documents, the same refusals."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from core import areas
from core.platform.errors import DocumentIncomplete
from core.records.checks import RULES, findings_in, open_workbook
from core.store.base import TabData
from tests.conftest import TODAY, all_tabs

areas.load()


def _alone(tabs, rule_id):
    """One rule on a workbook of its own, as findings_in judges it: nothing computed by another rule is at hand."""
    wb, rule = open_workbook(tabs, TODAY), RULES[rule_id]
    found = list(rule.check(wb, rule))
    return [] if wb.missing_read else _said(found)


def _said(findings):
    return sorted((f.tab, f.row or 0, f.message) for f in findings)


def _files_kept_for_one(tabs):
    """Listener files kept for one listener only, and every second group's order not issued yet: the groups with an
    order break ADM-ORDER-FILES, the started ones without it ADM-DOCS-DUE."""
    files, groups = tabs["Личные_дела"], tabs["Группы"]
    order = groups.headers.index("Приказ о зачислении, дата")
    rows = [[None if (i % 2 and j == order) else v for j, v in enumerate(row)] for i, row in enumerate(groups.rows)]
    return {**tabs, "Личные_дела": replace(files, rows=files.rows[:1], row_numbers=files.row_numbers[:1]),
            "Группы": replace(groups, rows=rows)}


def _without(tabs, name):
    return {**tabs, name: TabData(name, [], [], [], exists=False)}


@pytest.mark.parametrize("gone", [None, "Программы", "Личные_дела", "Группы", "Слушатели"])
def test_every_rule_finds_with_the_shared_computations_what_it_finds_alone(demo_workbook, gone):
    """Two rules lean on every group's incomplete files: the second gets them from the first's computation. When that
    computation read a tab the workbook lacks, the second rule must be silenced as the first is (GEN-COLUMNS says the
    tab is missing once), not judge on nothing."""
    tabs = _files_kept_for_one(all_tabs(demo_workbook))
    if gone:
        tabs = _without(tabs, gone)
    together = findings_in(open_workbook(tabs, TODAY))
    if gone is None:  # both rules find something to be silenced
        assert {"ADM-ORDER-FILES", "ADM-DOCS-DUE"} <= {f.rule for f in together}
    for rule_id in ("ADM-ORDER-FILES", "ADM-DOCS-DUE"):
        assert _said(f for f in together if f.rule == rule_id) == _alone(tabs, rule_id), (gone, rule_id)


def test_a_value_is_computed_once_for_every_thread_that_asks(demo_workbook):
    wb = open_workbook(all_tabs(demo_workbook), TODAY)
    computed, start = [], threading.Barrier(8)

    def ask():
        start.wait()
        return wb.derived("count", lambda: computed.append(1) or len(wb.items("Слушатели")))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wb.derived("count", lambda: -1) == len(wb.items("Слушатели")) > 0
    assert 1 <= len(computed) <= 8  # racing threads may each compute; later askers never do
    assert wb.derived("count", lambda: computed.append(1)) and len(computed) <= 8
    other = open_workbook(all_tabs(demo_workbook), TODAY)  # another version: its own answer
    assert other.derived("count", lambda: 7) == 7


def _document(wb, code: str) -> bytes:
    group = next((r.item for r in wb.items("Группы") if r.item.code == code), None)
    if group is None:
        raise DocumentIncomplete(f"нет группы {code}")
    return f"{group.code}:{group.start}".encode()


def test_a_document_is_made_once_and_a_refusal_is_said_to_each_who_asks(demo_workbook):
    wb = open_workbook(all_tabs(demo_workbook), TODAY)
    code = next(r.item.code for r in wb.items("Группы") if r.item.code)
    first = wb.once(_document, code)
    assert first == _document(wb, code) and wb.once(_document, code) is first
    refusals = []
    for _ in range(2):
        with pytest.raises(DocumentIncomplete, match="нет группы НЕТ-1") as refused:
            wb.once(_document, "НЕТ-1")
        refusals.append(refused.value)
    assert refusals[0] is not refusals[1]  # each asker gets an exception of its own, not one gathering tracebacks


def test_once_takes_only_a_function_its_name_tells_apart(demo_workbook):
    wb = open_workbook(all_tabs(demo_workbook), TODAY)
    with pytest.raises(ValueError, match="module-level"):
        wb.once(lambda w: b"", "x")  # two lambdas of one page would share one answer
