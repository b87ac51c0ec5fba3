"""The exam draw page (an explicit act, its number kept) and the costs page."""

from core.store import XlsxStore


def _places(path, code):
    tab = XlsxStore(path).read(["ДЭ_участники"]).tabs["ДЭ_участники"]
    exam, name, place = (tab.headers.index(h) for h in ("Код экзамена", "ФИО", "Рабочее место"))
    return {row[name]: row[place] for row in tab.rows if row[exam] == code}


def _drawn(at):
    """The places the page shows as written, by name."""
    table = at.dataframe[0].value
    return {name: int(place) for name, place in zip(table["ФИО"], table["Рабочее место"], strict=True)}


def test_the_draw_is_an_act_whose_places_and_number_stay(app_on, workbook_copy):
    """«Провести жеребьёвку» writes places and the draw's number at once; the page, a later visit and the
    protocol all show exactly what was written (before, the places changed when one left the page)."""
    from core.exam.documents import draw_protocol, recorded_draw_number, recorded_places
    from core.records.checks import open_workbook
    from sheets_schema import TABS
    from tests.pdf import pdf_text

    at = app_on(workbook_copy)
    at.switch_page("app_pages/exam_draw.py").run()
    code = at.selectbox(key="draw_exam").value
    if [c for c in at.checkbox if c.key == "draw_again"]:
        at.checkbox(key="draw_again").check().run()
    at.button(key="draw_run").click().run()
    assert not at.exception and at.success[0].value.startswith("Жеребьёвка проведена, число жеребьёвки: ")
    number = int(at.success[0].value.split("жеребьёвки: ")[1].split(".")[0])
    shown = _drawn(at)
    assert shown and {int(v) for v in _places(workbook_copy, code).values() if v} >= set(shown.values())
    assert {k: int(v) for k, v in _places(workbook_copy, code).items() if k in shown} == shown
    later = app_on(workbook_copy)  # another visit: the same places, not a new draw
    later.switch_page("app_pages/exam_draw.py").run()
    assert _drawn(later) == shown and not later.success
    wb = open_workbook(XlsxStore(workbook_copy).read([t.name for t in TABS]).tabs)
    assert recorded_draw_number(wb, code) == number and recorded_places(wb, code) == shown
    text = pdf_text(draw_protocol(wb, code, recorded_places(wb, code), number))
    assert f"Число жеребьёвки: {number}" in text and "seed" not in text


def test_a_second_draw_needs_a_deliberate_tick(app_on, workbook_copy):
    """With places written, there is no draw button until «провести заново» is ticked."""
    at = app_on(workbook_copy)
    at.switch_page("app_pages/exam_draw.py").run()
    if not [c for c in at.checkbox if c.key == "draw_again"]:
        at.button(key="draw_run").click().run()
    assert not [b for b in at.button if b.key == "draw_run"]
    at.checkbox(key="draw_again").check().run()
    assert [b for b in at.button if b.key == "draw_run"]


def test_costs_page_proposes_trimming_under_a_lower_limit(app_on, workbook_copy):
    """With a limit below the year's costs, the page proposes cutting ПА participants only."""
    from core.exam.rules import year_budgets
    from core.records.checks import open_workbook
    from sheets_schema import TABS

    budgets = year_budgets(open_workbook(XlsxStore(workbook_copy).read([t.name for t in TABS]).tabs), 2026)
    total = sum(b.gia_cost + b.pa_cost for b in budgets)
    cap = int(total - sum(b.pa_cost for b in budgets) / 2)  # half of ПА must go
    at = app_on(workbook_copy)
    at.switch_page("app_pages/exam_costs.py").run()
    at.selectbox(key="cost_year").set_value(2026).run()
    at.text_input(key="cost_cap").set_value(f"{cap:,}".replace(",", " ")).run()  # «123 456 789», as typed
    assert not at.exception and at.warning
    proposal = at.dataframe[1].value
    assert sum(int(x) for x in proposal["Сократить"]) > 0
