"""#18 assessment scheduling (000 ч. 2, разд. 1): proposed groups written as sessions with their participants in one
write, steps marked under the 7-day / 14-day / feedback-first rules."""

from datetime import timedelta

import pytest

from core.assessment.flow import SessionDraft, check_session, mark_step, next_session_codes, schedule
from core.assessment.rules import plan_sessions
from core.platform.errors import EduDeskError
from core.records.checks import open_workbook
from core.records.form import RecordRefused
from core.records.journal import JournaledStore
from core.store import XlsxStore
from tests.conftest import TODAY, all_tabs


def _store(path):
    return JournaledStore(XlsxStore(path), "admin@oiro.example.ru")


def _proposed(path):
    """The demo's free candidates, grouped as the page proposes them (six heads: one group, three observers)."""
    wb = open_workbook(all_tabs(path), TODAY)
    placed = {r.item.candidate_id for r in wb.items("Оценка_участники")}
    free = [r.item for r in wb.items("Оценка_кандидаты") if r.item.id not in placed]
    (group,) = plan_sessions(free)
    return group


def _draft(group, **changes):
    fields = {"kind": group.kind, "candidate_ids": tuple(c.id for c in group.candidates),
              "held_on": TODAY + timedelta(days=10), "observers": group.observers, "place": "ауд. 204",
              "moderator": "Орлова Анна Сергеевна"}
    return SessionDraft(**{**fields, **changes})


def test_session_codes_follow_the_largest_in_use():
    assert next_session_codes(["ОП-01", "ОП-09", "оп-10", "X-99", None], 2) == ["ОП-11", "ОП-12"]
    assert next_session_codes([], 1) == ["ОП-01"]


def test_a_proposed_group_is_written_as_one_session_with_its_participants(workbook_copy):
    group = _proposed(workbook_copy)
    assert group.kind == "оценка руководителей" and len(group.candidates) == 6 and group.observers == 3
    draft = _draft(group)
    assert check_session(all_tabs(workbook_copy), draft, TODAY) == []
    code = schedule(_store(workbook_copy), draft, TODAY)
    assert code == "ОП-07"
    tabs = all_tabs(workbook_copy)
    session = tabs["Оценка_сессии"].as_dicts()[-1]
    assert session["Код сессии"] == "ОП-07" and session["Наблюдателей"] == 3 and session["Место"] == "ауд. 204"
    people = [r for r in tabs["Оценка_участники"].as_dicts() if r["Код сессии"] == "ОП-07"]
    assert sorted(p["ID кандидата"] for p in people) == sorted(draft.candidate_ids)
    journal = tabs["Журнал"].as_dicts()[-7:]
    assert [j["Лист"] for j in journal].count("Оценка_участники") == 6 and journal[0]["Ключ"] == "ОП-07"
    with pytest.raises(EduDeskError, match="уже в сессии ОП-07"):  # a second click: nothing written twice
        schedule(_store(workbook_copy), draft, TODAY)
    assert len(all_tabs(workbook_copy)["Оценка_участники"].rows) == len(tabs["Оценка_участники"].rows)


@pytest.mark.parametrize("changes, rule", [
    ({"observers": 2}, "ASM-OBSERVERS"),                              # six candidates need three
    ({"held_on": TODAY + timedelta(days=5)}, "ASM-INVITE-7D"),         # too late to invite a week ahead
])
def test_a_session_that_breaks_a_rule_is_refused_and_nothing_is_written(workbook_copy, changes, rule):
    draft = _draft(_proposed(workbook_copy), **changes)
    assert rule in {f.rule for f in check_session(all_tabs(workbook_copy), draft, TODAY)}
    before = all_tabs(workbook_copy)
    with pytest.raises(RecordRefused, match="Сессия не записана") as refused:
        schedule(_store(workbook_copy), draft, TODAY)
    assert rule in {f.rule for f in refused.value.findings}
    after = all_tabs(workbook_copy)
    assert after["Оценка_сессии"].rows == before["Оценка_сессии"].rows
    assert after["Оценка_участники"].rows == before["Оценка_участники"].rows


def test_nine_candidates_or_a_candidate_of_another_kind_are_refused(workbook_copy):
    tabs = all_tabs(workbook_copy)
    group = _proposed(workbook_copy)
    specialists = [r["ID кандидата"] for r in tabs["Оценка_кандидаты"].as_dicts()
                   if r["Вид оценки"] == "оценка специалистов"]
    other_kind = _draft(group, candidate_ids=(*_draft(group).candidate_ids, specialists[0]))
    with pytest.raises(EduDeskError, match="уже в сессии"):  # the demo placed every specialist already
        schedule(_store(workbook_copy), other_kind, TODAY)
    wb = open_workbook(tabs, TODAY)
    assert specialists[0] in {r.item.candidate_id for r in wb.items("Оценка_участники")}
    found = {f.rule for f in check_session(tabs, other_kind, TODAY)}
    assert "ASM-KIND" in found  # the rule names it too, should the check run first
    nine = _draft(group, candidate_ids=tuple(f"К-{i:03d}" for i in range(1, 10)), observers=5)
    assert "ASM-GROUP-8" in {f.rule for f in check_session(tabs, nine, TODAY)}


def test_steps_are_marked_under_the_rules(workbook_copy):
    """Reports handed over before the feedback are refused (ASM-FEEDBACK-FIRST); feedback first, then reports."""
    store = _store(workbook_copy)
    code = schedule(store, _draft(_proposed(workbook_copy), held_on=TODAY + timedelta(days=7)), TODAY)
    held = TODAY + timedelta(days=7)
    mark_step(store, all_tabs(workbook_copy), code, "Приглашение", TODAY, TODAY)
    later = held + timedelta(days=3)
    mark_step(store, all_tabs(workbook_copy), code, "Отчёты готовы", later, later)
    with pytest.raises(RecordRefused) as refused:
        mark_step(store, all_tabs(workbook_copy), code, "Отчёты переданы", later, later)
    assert [f.rule for f in refused.value.findings] == ["ASM-FEEDBACK-FIRST"]
    mark_step(store, all_tabs(workbook_copy), code, "Обратная связь", later, later)
    mark_step(store, all_tabs(workbook_copy), code, "Отчёты переданы", later + timedelta(days=1), later)
    session = all_tabs(workbook_copy)["Оценка_сессии"].as_dicts()[-1]
    assert session["Приглашение"] == TODAY and session["Отчёты переданы"] == later + timedelta(days=1)
    with pytest.raises(EduDeskError, match="раньше самой процедуры"):
        mark_step(store, all_tabs(workbook_copy), code, "Отчёты готовы", held - timedelta(days=1), TODAY)
    with pytest.raises(EduDeskError, match="Нет такого этапа"):
        mark_step(store, all_tabs(workbook_copy), code, "Оплата", TODAY, TODAY)


def test_participants_carry_the_code_handed_out_in_the_same_write_on_both_stores(app_store_and_colleague):
    """The session's code exists only inside the write (Google Sheets and the local workbook alike); a colleague's
    session added meanwhile moves the number, and the participants follow it."""
    from core.assessment.flow import SESSION_NUMBERS
    from core.store.base import NewKey

    store, colleague = app_store_and_colleague
    store.append("Оценка_сессии", [{"Код сессии": "ОП-04", "Вид оценки": "оценка специалистов"}])
    store.read(["Оценка_сессии"])  # the app has read ОП-04 as the largest
    colleague.set_cell("Оценка_сессии", 3, 1, "ОП-05")  # typed by hand below it
    written = store.append_many({"Оценка_сессии": [{"Код сессии": NewKey(), "Вид оценки": "оценка специалистов"}],
                                 "Оценка_участники": [{"Код сессии": NewKey(), "ID кандидата": "К-1"},
                                                      {"Код сессии": NewKey(), "ID кандидата": "К-2"}]},
                                numbering=SESSION_NUMBERS)
    assert written["Оценка_сессии"][0]["Код сессии"] == "ОП-06"
    people = store.read(["Оценка_участники"]).tabs["Оценка_участники"].rows
    assert [(r[0], r[1]) for r in people] == [("ОП-06", "К-1"), ("ОП-06", "К-2")]
