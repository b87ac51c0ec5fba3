"""Deadline phrases (RM-DEADLINE): every phrase of seeds/004 and what staff commonly write."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.roadmap.deadlines import DeadlineError, parse_deadline

D = date


@pytest.mark.parametrize("phrase, intervals, ongoing", [
    ("Июль- август 2018", [(D(2018, 7, 1), D(2018, 8, 31))], False),
    ("Август 2018", [(D(2018, 8, 1), D(2018, 8, 31))], False),
    ("Сентябрь- ноябрь 2018", [(D(2018, 9, 1), D(2018, 11, 30))], False),
    ("Август 2018, далее - постоянно", [(D(2018, 8, 1), D(2018, 8, 31))], True),
    ("Ноябрь 2018, ноябрь 2019", [(D(2018, 11, 1), D(2018, 11, 30)), (D(2019, 11, 1), D(2019, 11, 30))], False),
    ("Май 2019", [(D(2019, 5, 1), D(2019, 5, 31))], False),
    ("Октябрь 2018 - март 2019", [(D(2018, 10, 1), D(2019, 3, 31))], False),
    ("Январь - сентябрь 2019", [(D(2019, 1, 1), D(2019, 9, 30))], False),
    ("2018-2019", [(D(2018, 1, 1), D(2019, 12, 31))], False),
    ("2018 - 2019", [(D(2018, 1, 1), D(2019, 12, 31))], False),
    ("Сентябрь 2018 - июнь 2019", [(D(2018, 9, 1), D(2019, 6, 30))], False),
    ("Сентябрь – декабрь 2019", [(D(2019, 9, 1), D(2019, 12, 31))], False),
    ("Февраль- июль 2019", [(D(2019, 2, 1), D(2019, 7, 31))], False),
    ("Январь- август 2019", [(D(2019, 1, 1), D(2019, 8, 31))], False),
    ("Декабрь 2019", [(D(2019, 12, 1), D(2019, 12, 31))], False),
    ("Май-июнь 2019", [(D(2019, 5, 1), D(2019, 6, 30))], False),
    ("февраль 2020", [(D(2020, 2, 1), D(2020, 2, 29))], False),
    ("I квартал 2019", [(D(2019, 1, 1), D(2019, 3, 31))], False),
    ("4 кв. 2019", [(D(2019, 10, 1), D(2019, 12, 31))], False),
    ("III квартал 2019 г.", [(D(2019, 7, 1), D(2019, 9, 30))], False),
    ("до 1 сентября 2019", [(D(2019, 9, 1), D(2019, 9, 1))], False),
    ("до 01.09.2019", [(D(2019, 9, 1), D(2019, 9, 1))], False),
    ("в течение 2019 года", [(D(2019, 1, 1), D(2019, 12, 31))], False),
    ("ежегодно", [], True),
    ("2019–2020 гг.", [(D(2019, 1, 1), D(2020, 12, 31))], False),
    ("15.03.2019", [(D(2019, 3, 15), D(2019, 3, 15))], False),
    ("2019", [(D(2019, 1, 1), D(2019, 12, 31))], False),
    ("  ОКТЯБРЬ  2019 ", [(D(2019, 10, 1), D(2019, 10, 31))], False),
])
def test_phrase(phrase, intervals, ongoing):
    """Each phrase becomes exactly these intervals (first day of the first month to last day of the last)."""
    deadline = parse_deadline(phrase)
    assert list(deadline.intervals) == intervals and deadline.ongoing is ongoing


@pytest.mark.parametrize("phrase", ["", None, "Сентябрь- декабрь", "Январь -", "когда-нибудь", "до 31.02.2019",
                                    "Декабрь 2019 - март 2019", "13 квартал 2019"])
def test_unreadable_phrases_are_errors_with_a_reason(phrase):
    """A phrase without a year, an impossible date or nonsense is a DeadlineError with a Russian reason."""
    with pytest.raises(DeadlineError) as info:
        parse_deadline(phrase)
    assert str(info.value)


def test_next_checkpoint():
    """For checkpoints, the next one from today is the one that matters."""
    deadline = parse_deadline("Ноябрь 2018, ноябрь 2019")
    # 30.11.2019 is a Saturday: the term's last day is Monday 02.12 (ГК РФ ст. 193, #32.15)
    assert deadline.next_checkpoint(D(2019, 1, 10)) == D(2019, 12, 2) and deadline.next_checkpoint(D(2020, 1, 1)) is None
    assert parse_deadline("Октябрь 2019").next_checkpoint(D(2019, 1, 10)) == D(2019, 10, 31)  # a Thursday stays


@given(st.text(max_size=60))
def test_no_string_makes_it_raise_anything_else(text):
    """Any string: a Deadline or a DeadlineError, never another exception."""
    try:
        result = parse_deadline(text)
    except DeadlineError:
        return
    assert all(start <= end for start, end in result.intervals)


@given(st.sampled_from(["январь", "Февраль", "март", "Апрель", "май", "июнь", "июль", "август", "сентябрь",
                        "Октябрь", "ноябрь", "декабрь"]), st.integers(1990, 2090), st.sampled_from(["-", "–", " - ", "- "]))
def test_month_to_december_ranges(month, year, dash):
    """«<месяц> – декабрь <год>» with any dash spelling ends on 31 December of that year."""
    deadline = parse_deadline(f"{month}{dash}декабрь {year}")
    assert deadline.end == D(year, 12, 31) and deadline.start.year == year
