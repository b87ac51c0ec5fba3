"""Demonstration exam calculators: grades, cost norms, the cap trimming, subsidy return, the draw."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.exam.calc import CAP, OrgBudget, cost_line, draw, grade, subsidy_return, trim_to_cap
from core.platform.errors import InputError
from sheets_schema.enums import Employment, ExpertRole

D = Decimal


@pytest.mark.parametrize("points, maximum, mark", [
    ("15.99", 80, 2), (16, 80, 3), ("31.99", 80, 3), (32, 80, 4), ("55.99", 80, 4), (56, 80, 5),
    (0, 80, 2), (80, 80, 5), ("0.6", 3, 3), ("0.5999", 3, 2), ("1.2", 3, 4), ("2.1", 3, 5), ("2.0999", 3, 4),
])
def test_grade_boundaries_on_both_sides(points, maximum, mark):
    """Each boundary of Table 1 (20, 40, 70 %) is checked just below and exactly at it, on the exact ratio."""
    assert grade(D(str(points)), D(maximum)).grade == mark


def test_display_percent_does_not_decide_the_grade():
    """19.995 % is «2», and shows as 19.99, never as the 20.00 boundary whose grade is «3» (#33 item 9: the
    calculator showed «20 %» beside «2» while its own table says 20 % → «3»)."""
    result = grade(D("15.996"), D(80))
    assert str(result.percent) == "19.99" and result.grade == 2
    assert str(grade(D(16), D(80)).percent) == "20.00" and grade(D(16), D(80)).grade == 3


@pytest.mark.parametrize("points, maximum, word", [(-1, 80, "меньше нуля"), (81, 80, "больше максимума"),
                                                   (5, 0, "больше нуля")])
def test_grade_input_errors(points, maximum, word):
    """Points below zero or above the maximum are input errors with a Russian message."""
    with pytest.raises(InputError, match=word):
        grade(D(points), D(maximum))


@pytest.mark.parametrize("role, employment, hours, pay, charges", [
    (ExpertRole.CHIEF, Employment.STAFF, 8, "7360.00", "2222.72"),
    (ExpertRole.CHIEF, Employment.CIVIL, 8, "7360.00", "2208.00"),
    (ExpertRole.EXPERT, Employment.CIVIL, "7.5", "3750.00", "1125.00"),
    (ExpertRole.TECHNICAL, Employment.STAFF, 3, "1500.00", "453.00"),
])
def test_cost_norms(role, employment, hours, pay, charges):
    """ГЭ 920, Э and ТЭ 500 ₽/h; charges 30 % (ГПХ) or 30.2 % (штат), in kopecks."""
    line = cost_line(role, "x", D(str(hours)), employment)
    assert (line.pay, line.charges, line.total) == (D(pay), D(charges), D(pay) + D(charges))


@pytest.mark.parametrize("subsidy, planned, actual, expected", [
    ("1000000", 100, 93, "70000.00"), ("1000000", 100, 100, "0.00"), ("1000000", 100, 120, "0.00"),
    ("999999.99", 3, 1, "666666.66"), ("500000", 12, 0, "500000.00")])
def test_subsidy_return(subsidy, planned, actual, expected):
    """V = S × (1 − fact/plan), 0 when the plan was met, in kopecks."""
    assert subsidy_return(D(subsidy), planned, actual) == D(expected)


def test_subsidy_return_refuses_nonsense():
    """No planned participants or a negative subsidy is an input error."""
    with pytest.raises(InputError):
        subsidy_return(D(1), 0, 0)


def test_draw_is_a_reproducible_permutation():
    """Every present participant gets a distinct place in 1…N; the same seed deals the same way."""
    people = [f"Участник {i}" for i in range(10)]
    first = draw(people, 12, 4242)
    assert set(first) == set(people) and len(set(first.values())) == 10 and set(first.values()) <= set(range(1, 13))
    assert draw(people, 12, 4242) == first and draw(people, 12, 4243) != first
    assert sorted(draw(people, 10, 7).values()) == list(range(1, 11))
    with pytest.raises(InputError, match="больше, чем рабочих мест"):
        draw(people, 9, 1)


def _check_trim(budgets, cap):
    trims = trim_to_cap(budgets, cap)
    by_org = {b.organisation: b for b in budgets}
    after = sum((by_org[t.organisation].gia_cost + by_org[t.organisation].pa_cost - by_org[t.organisation].saving(t.cut)
                 for t in trims), D(0))
    assert after <= cap  # under the cap
    for t in trims:
        b = by_org[t.organisation]
        assert 0 <= t.cut <= b.pa_participants  # nobody below zero, only ПА
        if b.pa_participants == 0:
            assert t.cut == 0  # ГИА untouched
        if t.cut:  # no more cut than needed: giving one person back breaks the cap
            assert after + b.saving(t.cut) - b.saving(t.cut - 1) > cap
    return trims


def test_trim_to_cap_example():
    """370 M over a 300 M cap: only ПА participants are cut, proportionally, ГИА untouched."""
    budgets = [OrgBudget("А", D(100_000_000), D(150_000_000), 1000), OrgBudget("Б", D(0), D(100_000_000), 500),
               OrgBudget("В", D(20_000_000), D(0), 0)]
    trims = {t.organisation: t for t in _check_trim(budgets, CAP)}
    assert (trims["А"].cut, trims["Б"].cut, trims["В"].cut) == (280, 140, 0)
    assert trims["А"].after_cost + trims["Б"].after_cost + trims["В"].after_cost == CAP


def test_under_the_cap_nothing_is_cut():
    """A total within the cap is left as it is."""
    assert all(t.cut == 0 for t in trim_to_cap([OrgBudget("А", D(1), D(100), 10)], D(1000)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5_000_000), st.integers(0, 5_000_000), st.integers(0, 300)),
                min_size=1, max_size=6), st.integers(1, 20_000_000))
def test_trimming_properties(orgs, cap):
    """Any budgets: under the cap when ПА allows it, only ПА cut, nobody below zero, nothing cut needlessly."""
    budgets = [OrgBudget(f"О{i}", D(gia), D(pa) if people else D(0), people) for i, (gia, pa, people) in enumerate(orgs)]
    total = sum((b.gia_cost + b.pa_cost for b in budgets), D(0))
    pa_total = sum((b.pa_cost for b in budgets), D(0))
    if total - D(cap) > pa_total:
        with pytest.raises(InputError):
            trim_to_cap(budgets, D(cap))
        return
    _check_trim(budgets, D(cap))
