"""Demonstration exam rules (DE-*), each with a breaking and a passing row; checklist, documents, CLI."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from core.cli import main
from core.exam.documents import draw_protocol, plan_summary, report_app1, report_app2
from core.exam.rules import DEADLINES, apply_trim, checklist, results
from core.platform.calendar import add_working_days
from tests.rows import findings, workbook

TODAY = date(2026, 11, 23)
START = date(2026, 12, 15)
EXAM = {"Код экзамена": "ДЭ-1", "Организация участников": "Колледж А", "ЦПДЭ": "Колледж Б", "Вид аттестации": "ГИА",
        "Дата начала": START, "Дата окончания": START, "Рабочих мест": 4, "Участников по плану": 4}


@pytest.mark.parametrize("deadline", DEADLINES, ids=lambda d: d.rule)
def test_each_deadline_breaking_and_passing(deadline):
    """Each deadline: on the due date passes; a working day later breaks; missing after the due date breaks."""
    base = date(2026, 9, 15) if deadline.working_days < 0 else date(2026, 9, 1)
    exam = {**EXAM, "Дата начала": base, "Дата окончания": base}
    due = add_working_days(base, deadline.working_days)
    header = next(c.header for c in __import__("sheets_schema").tab("ДЭ_график").columns if c.field == deadline.field)
    on_time = findings(deadline.rule, TODAY, ДЭ__график=[{**exam, header: due}])
    late = findings(deadline.rule, TODAY, ДЭ__график=[{**exam, header: add_working_days(due, 1)}])
    missing = findings(deadline.rule, TODAY, ДЭ__график=[exam])
    assert on_time == [] and len(late) == 1 and late[0].severity == deadline.severity
    assert len(missing) == (0 if deadline.optional else 1)


def test_plan_deadline_cites_both_clauses():
    """DE-PLAN-20 is checked on 20 working days and cites §6.7 and §9.1."""
    (finding,) = findings("DE-PLAN-20", TODAY, ДЭ__график=[{**EXAM, "Дата начала": date(2026, 10, 1)}])
    assert "6.7" in finding.clause and "9.1" in finding.clause and "20 раб. дн." in finding.message


def test_checklist_states():
    """Due dates on the working-day calendar; done, overdue and this-week states."""
    exam = workbook(TODAY, ДЭ__график=[{**EXAM, "Дата начала": add_working_days(TODAY, 3),
                                        "ГЭ назначен": date(2026, 10, 1)}]).items("ДЭ_график")[0].item
    states = {c.deadline.rule: c for c in checklist(exam, TODAY)}
    assert states["DE-GE-20WD"].status == "выполнено" and states["DE-PLAN-20"].status == "просрочено"
    assert states["DE-PREP-DAY"].status == "на этой неделе" and states["DE-PLAN-CHANGE-7WD"].status == "не требуется"


EXPERT = {"Код экзамена": "ДЭ-1", "Роль": "Э", "ФИО": "Иванов И.И.", "Организация": "АО Завод", "В реестре": "да",
          "Готовил участников": "нет"}


def test_independent():
    """An expert who trained the participants can't grade."""
    assert [f.cell for f in findings("DE-INDEPENDENT", ДЭ__эксперты=[{**EXPERT, "Готовил участников": "да"}])] == ["G2"]
    assert findings("DE-INDEPENDENT", ДЭ__эксперты=[EXPERT]) == []


def test_same_organisation():
    """An expert from the participants' organisation is an error; from elsewhere passes."""
    bad = findings("DE-SAME-ORG", ДЭ__график=[EXAM], ДЭ__эксперты=[{**EXPERT, "Организация": "колледж а"}])
    assert [f.cell for f in bad] == ["D2"]
    assert findings("DE-SAME-ORG", ДЭ__график=[EXAM], ДЭ__эксперты=[EXPERT]) == []


def test_chief_does_not_grade_and_technical_is_not_an_expert():
    """The same person as ГЭ and Э, or as ТЭ and Э, in one exam is an error; different people pass."""
    chief = {**EXPERT, "Роль": "ГЭ"}
    assert len(findings("DE-GE-NO-GRADE", ДЭ__эксперты=[chief, EXPERT])) == 1
    assert findings("DE-GE-NO-GRADE", ДЭ__эксперты=[{**chief, "ФИО": "Петров П.П."}, EXPERT]) == []
    technical = {**EXPERT, "Роль": "ТЭ"}
    assert len(findings("DE-TE-NOT-EXPERT", ДЭ__эксперты=[technical, EXPERT])) == 1
    assert findings("DE-TE-NOT-EXPERT", ДЭ__эксперты=[{**technical, "ФИО": "Петров П.П."}, EXPERT]) == []


def test_one_technical_expert():
    """A second ТЭ in one exam is an error; one per exam passes."""
    first = {**EXPERT, "Роль": "ТЭ"}
    assert [f.row for f in findings("DE-TE-ONE", ДЭ__эксперты=[first, {**first, "ФИО": "Другой"}])] == [3]
    assert findings("DE-TE-ONE", ДЭ__эксперты=[first, {**first, "Код экзамена": "ДЭ-2"}]) == []


def test_registry_is_a_warning():
    """Not in the registry, or unknown, is a warning."""
    (finding,) = findings("DE-REGISTRY", ДЭ__эксперты=[{**EXPERT, "В реестре": None}])
    assert finding.severity == "предупреждение"
    assert findings("DE-REGISTRY", ДЭ__эксперты=[EXPERT]) == []


PARTICIPANT = {"Код экзамена": "ДЭ-1", "ФИО": "Участник", "Организация": "Колледж А", "Явка": "да", "Баллы": 40,
               "Максимум баллов": 80}


def test_points_out_of_range():
    """Points above the maximum or below zero are errors at the points cell."""
    assert [f.cell for f in findings("DE-GRADE", ДЭ__участники=[{**PARTICIPANT, "Баллы": 81}])] == ["G2"]
    assert len(findings("DE-GRADE", ДЭ__участники=[{**PARTICIPANT, "Баллы": -1}])) == 1
    assert findings("DE-GRADE", ДЭ__участники=[PARTICIPANT]) == []


def test_quality_indicator():
    """One failed of ten sat (90 %) is below 99 %; absent participants don't count."""
    people = [{**PARTICIPANT, "ФИО": f"У{i}"} for i in range(9)] + [{**PARTICIPANT, "ФИО": "Не сдал", "Баллы": 10}]
    assert len(findings("DE-QUALITY-99", ДЭ__график=[EXAM], ДЭ__участники=people)) == 1
    absent = people[:9] + [{**people[9], "Явка": "нет"}]
    assert findings("DE-QUALITY-99", ДЭ__график=[EXAM], ДЭ__участники=absent) == []


def test_workplaces_distinct_and_within_limit():
    """The same place twice, or a place beyond the exam's number of places, is an error."""
    two = [{**PARTICIPANT, "Рабочее место": 1}, {**PARTICIPANT, "ФИО": "Второй", "Рабочее место": 1}]
    assert len(findings("DE-DRAW", ДЭ__график=[EXAM], ДЭ__участники=two)) == 1
    assert len(findings("DE-DRAW", ДЭ__график=[EXAM], ДЭ__участники=[{**PARTICIPANT, "Рабочее место": 5}])) == 1
    ok = [{**PARTICIPANT, "Рабочее место": 1}, {**PARTICIPANT, "ФИО": "Второй", "Рабочее место": 2}]
    assert findings("DE-DRAW", ДЭ__график=[EXAM], ДЭ__участники=ok) == []


def test_yearly_cap():
    """A year whose norm-based costs exceed 300 000 000 ₽ is an error; under it passes."""
    costs = lambda amount: [{"Код экзамена": "ДЭ-1", "Статья": "Расходные материалы", "План, ₽": amount}]  # noqa: E731
    assert len(findings("DE-CAP", ДЭ__график=[EXAM], ДЭ__расходы=costs(300_000_001))) == 1
    assert findings("DE-CAP", ДЭ__график=[EXAM], ДЭ__расходы=costs(300_000_000)) == []


def test_results_leave_out_absent_participants():
    """Absent participants are not in the results; the grade follows Table 1."""
    wb = workbook(ДЭ__участники=[PARTICIPANT, {**PARTICIPANT, "ФИО": "Отсутствовал", "Явка": "нет"}])
    rows = results([r.item for r in wb.items("ДЭ_участники")])
    assert [(r["ФИО"], r["Оценка"], r["%"]) for r in rows] == [("Участник", 4, Decimal("50.00"))]


def test_apply_trim_spreads_the_cut_over_pa_exams():
    """An organisation's cut goes to its ПА exams, largest first; ГИА exams are untouched."""
    wb = workbook(ДЭ__график=[{**EXAM, "Код экзамена": "A", "Вид аттестации": "ПА", "Участников по плану": 10},
                             {**EXAM, "Код экзамена": "B", "Вид аттестации": "ПА", "Участников по плану": 4},
                             {**EXAM, "Код экзамена": "C", "Участников по плану": 30}])
    exams = [r.item for r in wb.items("ДЭ_график")]
    assert [(e.code, n) for e, n in apply_trim(exams, {"Колледж А": 12})] == [("A", 0), ("B", 2)]


@pytest.fixture(scope="module")
def demo(demo_workbook):
    from core.records.checks import open_workbook
    from core.store import XlsxStore
    from sheets_schema import TABS

    return open_workbook(XlsxStore(demo_workbook).read([t.name for t in TABS]).tabs, TODAY)


def _text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def test_exam_documents_have_their_text(demo):
    """The protocol, the participant's plan, App 1 and App 2 contain their Russian headings and the data."""
    exam = demo.items("ДЭ_график")[0].item
    protocol = _text(draw_protocol(demo, exam.code, {"Первый Участник": 3, "Второй Участник": 1}, 482913))
    assert "распределения рабочих мест" in protocol and "482913" in protocol and "Главный эксперт" in protocol
    assert protocol.index("Второй Участник") < protocol.index("Первый Участник")  # ordered by place
    assert "не менее 15 минут" in _text(plan_summary(demo, exam.code))
    app1 = _text(report_app1(demo, exam.centre, exam.start.year))
    assert "о проведении демонстрационного экзамена организации" in app1 and "Главный эксперт (ГЭ)" in app1
    assert "Количество участников" in _text(report_app2(demo, exam.start.year))


def test_11_app_1_tables_are_the_seeds_columns_with_their_numbers(demo):
    """#15.11: §3 had no «N» column and §6 lacked ФГОС, the attestation kind and the category; every table now has
    the seed's columns and the row of their numbers (its notes say «ст. 8 * ст. 9», «ст. 10 - ст. 13»)."""
    exam = demo.items("ДЭ_график")[0].item
    app1 = " ".join(_text(report_app1(demo, exam.centre, exam.start.year)).split())
    commission = app1[app1.index("3. Состав"):app1.index("4. Предоставление")]
    assert "N Роль ФГОС Вид Категория Специальность ФИО План, ч База Норм. ст. (8 × 9) Факт, ч База " \
           "Норм. ст. (11 × 12) Причина (10 − 13) 1 2 3 4 5 6 7 8 9 10 11 12 13 14 1 Главный эксперт (ГЭ)" in commission
    budget = app1[app1.index("6. Общий бюджет"):]
    assert "N ФГОС Вид аттестации Категория Специальность Бюджетные средства Внебюджетные Средства " \
           "работодателей Другое ИТОГО 1 2 3 4 5 6 7 8 9 10 1 " in budget
    assert f"{exam.attestation.value} {exam.participant_status.value}" in budget


def test_cli_grade_and_input_errors(capsys):
    """calc grade prints the percent and grade; points above the maximum exit with 2 and a Russian message."""
    assert main(["calc", "grade", "--points", "57", "--max", "80", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"points": "57", "max": "80", "percent": "71.25", "grade": 5}
    assert main(["calc", "grade", "--points", "81", "--max", "80"]) == 2
    assert "больше максимума" in capsys.readouterr().err
    assert main(["calc", "grade", "--points", "-1", "--max", "80"]) == 2


def test_cli_de_cost_and_subsidy_return(capsys):
    """de-cost prints each line and the total; subsidy-return prints the amount and the formula note."""
    main(["calc", "de-cost", "--chief", "8:штат", "--expert", "8", "--technical", "8", "--consumables", "35000", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert [line["total"] for line in data["lines"]] == ["9582.72", "5200.00", "5200.00"] and data["total"] == "54982.72"
    main(["calc", "subsidy-return", "--subsidy", "1000000", "--plan", "100", "--fact", "93"])
    out = capsys.readouterr().out
    assert "70\u00a0000,00\u00a0₽" in out and "формула по умолчанию" in out


def test_15_3_app1_commission_is_counted_with_taxes():
    """003 App 1 §3 lists «ГЭ/Э/ТЭ с учетом налогов»: a staff chief expert, 8 h — 8 × 920 × 1,302 = 9 582,72
    (was 7 360,00, hours × rate alone, against §6 and App 2 of the same report); an exam not yet held has no fact
    and no «reason» for a deviation."""
    from core.exam.documents import report_rows
    from tests.rows import workbook

    experts = [{"Код экзамена": "ДЭ-1", "Роль": "ГЭ", "ФИО": "Петров П. П.", "Штат/ГПХ": "штат", "Часы план": 8,
                "Часы факт": 8},
               {"Код экзамена": "ДЭ-1", "Роль": "Э", "ФИО": "Сидоров С. С.", "Штат/ГПХ": "ГПХ", "Часы план": 8}]
    rows = report_rows(workbook(ДЭ__график=[EXAM], ДЭ__эксперты=experts), "Колледж Б", START.year)["commission"]
    chief, expert = rows
    assert (chief[8], chief[11], chief[12]) == (Decimal("9582.72"), Decimal("9582.72"), "")
    assert (expert[8], expert[11], expert[12]) == (Decimal("5200.00"), None, "")
