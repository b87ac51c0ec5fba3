"""The exam draw page: the same seed deals the same places, and confirming writes them all in one go."""

from core.store import XlsxStore


def _places(path, code):
    tab = XlsxStore(path).read(["ДЭ_участники"]).tabs["ДЭ_участники"]
    exam, name, place = (tab.headers.index(h) for h in ("Код экзамена", "ФИО", "Рабочее место"))
    return {row[name]: row[place] for row in tab.rows if row[exam] == code}


def test_draw_with_a_seed_writes_the_places(app_on, workbook_copy):
    """Seed 4242 gives the table shown; confirming writes exactly those places to «ДЭ_участники»."""
    at = app_on(workbook_copy)
    at.switch_page("pages/exam_draw.py").run()
    code = at.selectbox(key="draw_exam").value
    at.number_input(key="draw_seed").set_value(4242).run()
    shown = at.dataframe[0].value
    again = app_on(workbook_copy)
    again.switch_page("pages/exam_draw.py").run()
    again.number_input(key="draw_seed").set_value(4242).run()
    assert again.dataframe[0].value.equals(shown)  # reproducible from the seed
    at.button(key="draw_save").click().run()
    assert not at.exception and "seed 4242" in at.success[0].value
    written = _places(workbook_copy, code)
    expected = dict(zip(shown["ФИО"], shown["Рабочее место"], strict=True))
    assert {k: int(v) for k, v in written.items() if k in expected} == expected


def test_costs_page_proposes_trimming_under_a_lower_limit(app_on, workbook_copy):
    """With a limit below the year's costs, the page proposes cutting ПА participants only."""
    from core.checks import open_workbook
    from core.demo_exam import year_budgets
    from sheets_schema import TABS

    budgets = year_budgets(open_workbook(XlsxStore(workbook_copy).read([t.name for t in TABS]).tabs), 2026)
    total = sum(b.gia_cost + b.pa_cost for b in budgets)
    cap = int(total - sum(b.pa_cost for b in budgets) / 2)  # half of ПА must go
    at = app_on(workbook_copy)
    at.switch_page("pages/exam_costs.py").run()
    at.selectbox(key="cost_year").set_value(2026).run()
    at.number_input(key="cost_cap").set_value(cap).run()
    assert not at.exception and at.warning
    proposal = at.dataframe[1].value
    assert proposal["Сократить"].sum() > 0
