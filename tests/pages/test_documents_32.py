"""Issue #32 items 12–16: the documents against the seeds' forms (their text as a reader copies it from the PDF,
made through `edudesk pdf`), deadlines on days off, and the bonus split entered in any order."""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest

from core.cli import main
from core.platform.calendar import deadline_on, is_working_day
from core.records.checks import open_workbook
from core.store import XlsxStore
from sheets_schema import TABS
from tests.pdf import pdf_text
from tests.rows import findings, workbook

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def book(demo_workbook, tmp_path_factory):
    path = tmp_path_factory.mktemp("docs32") / "edudesk.xlsx"
    shutil.copy(demo_workbook, path)
    return path


@pytest.fixture(scope="module")
def demo(book):
    return open_workbook(XlsxStore(book).read([t.name for t in TABS]).tabs, TODAY)


def _pdf(book, tmp_path, kind, *options) -> str:
    out = tmp_path / f"{kind}.pdf"
    assert main(["--workbook", str(book), "pdf", kind, *options, "-o", str(out)]) == 0
    return pdf_text(out.read_bytes())


def _money(text: str) -> Decimal:
    return Decimal(text.replace(" ", "").replace(",", "."))


def _organisations(demo, year: int = 2026) -> list[str]:
    return sorted({e.item.centre or e.item.organisation for e in demo.items("ДЭ_график") if e.item.start.year == year})


# 12 -------------------------------------------------------------------------------------------------------------------
def test_12_app_1_column_10_is_column_8_times_column_9_on_paper_for_every_row(book, demo, tmp_path):
    """Before: col. 9 printed 920 and col. 10 9 582,72 — 8 × 920 ≠ 9 582,72. Now col. 9 is the rate with the
    charges (1 197,84 for a ГПХ chief expert), and every row's product holds to the kopeck."""
    checked = 0
    for organisation in _organisations(demo):
        text = _pdf(book, tmp_path, "de-report", "--organisation", organisation, "--year", "2026")
        commission = text[text.index("3. Состав"):text.index("4. Предоставление")]
        money = r"\d{1,3}(?: \d{3})*,\d{2}"
        for hours, base, norm in re.findall(rf"(?<![\d,]) (\d+(?:,\d+)?) ({money}) ({money})(?= )", commission):
            assert _money(hours) * _money(base) == _money(norm), (organisation, hours, base, norm)
            checked += 1
    exams = {e.item.code for e in demo.items("ДЭ_график") if e.item.start.year == 2026}
    experts = sum(1 for e in demo.items("ДЭ_эксперты") if e.item.role is not None and e.item.hours_plan
                  and e.item.exam_code in exams)
    assert checked >= experts > 10


# 13 -------------------------------------------------------------------------------------------------------------------
def test_13_app_1_has_the_broadcast_table_a_date_and_an_outgoing_number(book, demo, tmp_path):
    organisation = _organisations(demo)[0]
    text = _pdf(book, tmp_path, "de-report", "--organisation", organisation, "--year", "2026")
    assert re.search(r"«\d{1,2}» [а-я]+ \d{4} г\. исх\. № ", text)
    links = text[text.index("5. Ссылки"):text.index("6. Общий бюджет")]
    assert "Дата Ссылка" in links and "https://video.oiro.example.ru/de/" in links
    assert "указываются организацией" not in text


def test_13_the_targets_report_of_12_1_is_made(book, demo, tmp_path):
    """§12.1: «Наименование показателя | Плановый результат, чел. | Фактический результат, чел. | Причины
    невыполнения» with the one target of section 3. Before: no such document."""
    organisation = _organisations(demo)[0]
    text = _pdf(book, tmp_path, "de-targets", "--organisation", organisation, "--year", "2026")
    exams = [e.item for e in demo.items("ДЭ_график") if (e.item.centre or e.item.organisation) == organisation
             and e.item.start.year == 2026]
    codes = {e.code for e in exams}
    planned = sum(e.planned_participants or 0 for e in exams)
    present = sum(1 for p in demo.items("ДЭ_участники") if p.item.exam_code in codes and p.item.present is True)
    assert "Плановый результат, чел. Фактический результат, чел. Причины невыполнения (при наличии)" in text
    assert f"аттестацию в форме ДЭ {planned} {present}" in text
    assert "исх. №" in text


# 14 -------------------------------------------------------------------------------------------------------------------
def test_14_memos_to_the_head_of_cvd_name_her_and_the_order_says_the_unit_once(book, demo, tmp_path):
    changed = demo.items("ПОУ_изменения")[0].item.service_code
    assert "Руководителю ЦВД Кузнецовой И.П." in _pdf(book, tmp_path, "pay-change-memo", "--service", changed)
    unplanned = next(r.item for r in demo.items("ПОУ_услуги") if r.item.unplanned)
    memo = _pdf(book, tmp_path, "pay-unplanned-memo", "--service", unplanned.code)
    assert "Руководителю ЦВД Кузнецовой И.П." in memo
    assert re.search(r"Основание: заявка заказчика «Управление образования [^»]+» от \d\d\.\d\d\.\d{4} № ", memo)
    plan = _pdf(book, tmp_path, "pay-income-plan", "--department", unplanned.department, "--year", "2027")
    assert "образовании ГАУ ДПО «ОИРО» Кузнецовой И.П. План дохода" in plan
    order = demo.items("ПОУ_ставки")[0].item.number
    text = _pdf(book, tmp_path, "pay-rate-order", "--order", order)
    assert "не менее 120,00 руб. (сто двадцать рублей 00 копеек) и не более 165,00 руб. (сто шестьдесят пять рублей " \
           "00 копеек)." in text
    assert "копеек) руб." not in text


def test_14_the_institutions_plan_is_approved_by_the_rector_and_signed_by_the_head_of_cvd(book, demo, tmp_path):
    text = _pdf(book, tmp_path, "pay-institution-plan", "--year", "2027")
    assert text.startswith("УТВЕРЖДАЮ Ректор ГАУ ДПО «ОИРО» _______________ Е.В. Смирнова «___» __________ 20__ г. "
                           "План дохода")
    assert "Руководителю центра" not in text and "Руководитель ЦВД _______________ И.П. Кузнецова" in text


def test_14_app_4_is_not_made_for_a_planned_service_nor_dated_before_its_request(book, demo, tmp_path, capsys):
    planned = next(r.item for r in demo.items("ПОУ_услуги") if r.item.unplanned is False)
    assert main(["--workbook", str(book), "pdf", "pay-unplanned-memo", "--service", planned.code, "-o",
                 str(tmp_path / "x.pdf")]) != 0
    assert "отмечена плановой" in capsys.readouterr().err
    unplanned = next(r.item for r in demo.items("ПОУ_услуги") if r.item.unplanned)
    request = next(r.item for r in demo.items("ПОУ_заявки") if r.item.service_code == unplanned.code)
    early = workbook(TODAY, ПОУ__услуги=[{"Код услуги": "У-1", "Кафедра": "Кафедра А", "Вид": "ПК", "Наименование": "Курс",
                                          "Дата начала": date(2026, 3, 2), "Внеплановая": "да",
                                          "Дата заявки": date(2025, 11, 10)}],
                     ПОУ__заявки=[{"№ по журналу ЦВД": "7", "Дата": date(2025, 11, 14), "Код услуги": "У-1"}])
    from core.paid.documents import unplanned_memo
    from core.platform.errors import DocumentIncomplete

    with pytest.raises(DocumentIncomplete, match="раньше заявки № 7 от 14.11.2025"):
        unplanned_memo(early, "У-1")
    assert request.received <= unplanned.requested  # the demo's own memo is dated on or after its request


def test_14_an_event_is_paid_for_as_participation_with_its_date(book, demo, tmp_path):
    """App 2 and App 6 of an event: «за участие в образовательном событии «…» (… час.) с … по …». Before: «по
    проведению образовательного события» and no date."""
    from core.paid.documents import cost_calculation, price_memo
    from core.paid.documents import what as named

    event = next(r.item for r in demo.items("ПОУ_услуги") if r.item.kind and r.item.kind.value == "событие"
                 and r.item.rate)
    expected = f"за участие в образовательном событии «{event.name}» ({event.hours} час.) с {event.start:%d.%m.%Y} " \
               f"по {event.end:%d.%m.%Y}"
    assert expected in pdf_text(cost_calculation(demo, event.code))
    assert named(event, for_price=True) == expected and "по проведению образовательного события" not in expected
    wb = workbook(TODAY, ПОУ__услуги=[{"Код услуги": "У-1", "Кафедра": "Кафедра А", "Вид": "событие",
                                       "Наименование": "Форум", "Часы": 8, "Дата начала": date(2026, 3, 2),
                                       "Дата окончания": date(2026, 3, 3)}],
                  ПОУ__изменения=[{"Код услуги": "У-1", "Что меняется": "стоимость", "Было": "1 000 ₽",
                                   "Стало": "1 200 ₽", "Причина": "рост цен"}])
    assert "изменение стоимости услуги за участие в образовательном событии «Форум» (8 час.) с 02.03.2026 по " \
           "03.03.2026, с 1 000 ₽ на 1 200 ₽." in pdf_text(price_memo(wb, "У-1"))


def test_14_003_app_2_rounds_half_up_and_groups_thousands():
    """33 of 80 is 41,25 %: half-to-even printed 41,2; a budget of 1 234 567 ₽ is «1 234,57» thousands."""
    from core.exam.documents import report_app2

    exam = {"Код экзамена": "Э-1", "Организация участников": "Колледж", "Вид аттестации": "ГИА",
            "Дата начала": date(2026, 6, 1), "Участников по плану": 80}
    people = [{"Код экзамена": "Э-1", "ФИО": f"Участник {n}", "Явка": "да" if n < 33 else "нет"} for n in range(80)]
    costs = [{"Код экзамена": "Э-1", "Статья": "Расходные материалы по КОД", "План, ₽": Decimal("1234567.00"),
              "Факт, ₽": Decimal("1234567.00")}]
    text = pdf_text(report_app2(workbook(TODAY, ДЭ__график=[exam], ДЭ__участники=people, ДЭ__расходы=costs), 2026))
    assert " 41,3 " in text and " 41,2 " not in text
    assert "1 234,57" in text and "1234,57" not in text


def test_14_the_participants_memo_says_hours_in_russian_and_quotes_7_9_as_written(book, demo, tmp_path):
    exam = demo.items("ДЭ_график")[0].item
    text = _pdf(book, tmp_path, "de-plan-summary", "--exam", exam.code)
    assert "Продолжительность 4 ч" in text and "4.0" not in text
    assert "Опоздавшие" not in text and "не явившийся на экзамен, исключается из списка участников (п. 7.9)" in text


# 15 -------------------------------------------------------------------------------------------------------------------
def test_15_every_by_such_a_date_deadline_on_a_day_off_moves_to_the_next_working_day():
    """Before: «до 20 июня» moved, «не позднее 5-го числа» (05.01.2026) and «31 октября» (a Saturday in 2026) did
    not. One rule now (README, «Сроки и выходные»)."""
    from core.paid.rules import planning_calendar
    from core.paid.timeline import settlement_steps

    estimate = next(s for s in settlement_steps({}, date(2025, 12, 20)) if s.key == "7.1")
    assert estimate.due == deadline_on(date(2026, 1, 5)) > date(2026, 1, 5) and is_working_day(estimate.due)
    october = next(when for when, what, *_ in planning_calendar(date(2026, 10, 1)) if "Перечень услуг" in what)
    assert october == date(2026, 11, 2)  # 31.10.2026 is a Saturday
    service = {"Код услуги": "У-1", "Кафедра": "Кафедра А", "Вид": "ПК", "Наименование": "Курс",
               "Дата начала": date(2026, 3, 2)}
    assert findings("PAY-CAL", date(2026, 11, 2), ПОУ__услуги=[service]) == []
    (late,) = findings("PAY-CAL", date(2026, 11, 3), ПОУ__услуги=[service])
    assert "срок 02.11 прошёл" in late.message
    roadmap = {"№": "1.1", "Мероприятие": "М", "Срок реализации": "Октябрь 2026", "Статус": "не начато"}
    assert findings("RM-OVERDUE", date(2026, 11, 2), Дорожная__карта=[roadmap]) == []  # 31.10 → 02.11
    assert findings("RM-OVERDUE", date(2026, 11, 3), Дорожная__карта=[roadmap])


def test_15_the_rule_is_stated_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "**Сроки и выходные — одно правило для всего приложения.**" in readme and "ГК РФ ст. 193" in readme


# 16 -------------------------------------------------------------------------------------------------------------------
def test_16_the_heads_bonus_entered_before_the_organisers_is_written(book, tmp_path, capsys):
    """Before: «организатору 0,00 ₽» refused the head's row, entered first. Now a missing organiser's row is a
    warning (confirmed with --yes), and an organiser's row below 1 % is still an error."""
    path = tmp_path / "edudesk.xlsx"
    shutil.copy(book, path)
    workbook_ = openpyxl.load_workbook(path)
    sheet = workbook_["ПОУ_выплаты"]
    code_at = [c.value for c in sheet[1]].index("Код услуги")
    for number in reversed([r[0].row for r in sheet.iter_rows(min_row=2) if r[code_at].value == "ПОУ-2026-002"]):
        sheet.delete_rows(number)
    workbook_.save(path)
    head = ["--set", "Код услуги=ПОУ-2026-002", "--set", "ФИО=Волкова Анна Игоревна", "--set",
            "Роль=заведующий кафедрой", "--set", "Сумма с начислениями, ₽=100,00"]
    assert main(["--workbook", str(path), "add", "ПОУ_выплаты", *head, "--yes"]) == 0
    said = capsys.readouterr()
    assert "0,00 ₽" not in said.out + said.err
    (warning,) = findings_of(path, "PAY-SPLIT-ORG-1")
    assert warning.severity.value == "предупреждение" and "ещё не внесена" in warning.message
    organiser = ["--set", "Код услуги=ПОУ-2026-002", "--set", "ФИО=Орлов Пётр Ильич", "--set", "Роль=организатор",
                 "--set", "Сумма с начислениями, ₽=1,00"]
    assert main(["--workbook", str(path), "add", "ПОУ_выплаты", *organiser, "--yes"]) != 0  # below 1 %: an error
    assert "организатору 1,00\u00a0₽" in capsys.readouterr().err


def findings_of(path, rule_id):
    from core.records.checks import findings_in

    wb = open_workbook(XlsxStore(path).read([t.name for t in TABS]).tabs, TODAY)
    return [f for f in findings_in(wb) if f.rule == rule_id and "ПОУ-2026-002" in f.message]


def test_16_a_task_is_done_in_the_neuter():
    """«"Итоговое тестирование" выполнен» agreed with nothing: the message names the task («Задание … выполнено»)."""
    rows = [{"ID слушателя": "С-1", "Модуль/задание": "Итоговое тестирование", "Дата выполнения": TODAY - timedelta(days=5)}]
    (found,) = findings("ENR-TEST-DAILY", TODAY, Успеваемость=rows)
    assert found.message.startswith("Задание «Итоговое тестирование» выполнено ") and " выполнен " not in found.message
