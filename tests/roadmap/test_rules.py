"""The roadmap importer on the real seeds/004 text (and as .xlsx and .docx), and the RM-* rules."""

import io
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from core.roadmap.deadlines import parse_deadline
from core.roadmap.importer import ImportFormatError, assemble, read_rows, sheet_rows
from core.roadmap.report import roadmap_status
from core.roadmap.rules import changed_rows, editor_rows, gantt_rows, responsible_parties, states
from tests.rows import findings, workbook

SOURCE = Path(__file__).resolve().parents[2] / "core" / "demo" / "files" / "roadmap_004.txt"
EXPECTED = ([f"1.{i}" for i in range(1, 8)] + [f"2.{i}" for i in range(1, 5)] + ["3.1", "4.1"]
            + [f"5.{i}" for i in range(1, 5)] + [f"6.{i}" for i in range(1, 6)] + [f"7.{i}" for i in range(1, 9)]
            + [f"8.{i}" for i in range(1, 16)] + [f"9.{i}" for i in range(1, 10)] + [f"10.{i}" for i in range(1, 5)]
            + [f"11.{i}" for i in range(1, 7)] + [f"13.{i}" for i in range(1, 4)] + [f"14.{i}" for i in range(1, 6)]
            + ["15.1", "15.2"])


@pytest.fixture(scope="module")
def report():
    return assemble(read_rows(SOURCE.name, SOURCE.read_bytes()))


def test_every_numbered_item_is_imported_once(report):
    """1.1 … 15.2, each once, in order; section 12 has no items of its own."""
    assert [i.number for i in report.items] == EXPECTED


@pytest.mark.parametrize("number, start, end, ongoing", [
    ("1.1", date(2018, 7, 1), date(2018, 8, 31), False),
    ("1.7", date(2018, 8, 1), date(2018, 8, 31), True),
    ("2.4", date(2018, 11, 1), date(2019, 11, 30), False),
    ("7.6", date(2019, 1, 1), date(2019, 9, 30), False),  # «Январь -» + «сентябрь 2019» across a page break
    ("6.5", date(2019, 2, 1), date(2019, 2, 28), False),  # «Февраль» + «2019» from the «0.5.» row
])
def test_deadline_intervals(report, number, start, end, ongoing):
    """Split deadline cells are joined and read as intervals."""
    item = next(i for i in report.items if i.number == number)
    deadline = parse_deadline(item.cells["Срок реализации"])
    assert (deadline.start, deadline.end, deadline.ongoing) == (start, end, ongoing)


def test_phases_and_sections(report):
    """Items in sections 7–9 carry their phase; «Оценка качества» counts as «Оценка»; sections have titles."""
    phase = {i.number: i.phase for i in report.items}
    assert (phase["7.1"], phase["7.2"], phase["7.6"], phase["8.11"], phase["1.1"]) == (
        "Проектирование", "Реализация", "Оценка", "Оценка", None)
    assert report.sections["2"].startswith("2. Мероприятия по положению 1 «Наличие стратегических целей")
    assert report.sections["2"].endswith("механизмов их реализации»")


def test_report_names_the_doubtful_rows(report):
    """The «0.5.» artefact and the spilled responsible cells are reported, not silently merged."""
    doubts = {i.number: " ".join(i.doubts) for i in report.doubtful}
    assert "0.5." in doubts["6.5"] and "строчной" in doubts["6.4"]
    assert any("«1»" in n for n in report.notes) and any("строка 114" in n for n in report.notes)


def test_split_rows_keep_all_text(report):
    """Text continued after a page header is appended to its item, not dropped."""
    item = next(i for i in report.items if i.number == "2.4")
    assert item.cells["Ответственный исполнитель"].endswith("(далее – председатели ОПК)")


def _as_xlsx(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _as_docx(rows):
    document = docx.Document()
    table = document.add_table(rows=0, cols=6)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row + [""] * (6 - len(row)), strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("make, name", [(_as_xlsx, "карта.xlsx"), (_as_docx, "карта.docx")])
def test_same_items_from_xlsx_and_docx(report, make, name):
    """The same table as .xlsx or as a Word table gives the same items."""
    rows = [r for r in read_rows(SOURCE.name, SOURCE.read_bytes()) if len(r) == 6]
    again = assemble(read_rows(name, make(rows)))
    assert [i.number for i in again.items] == EXPECTED
    assert [i.cells for i in again.items] == [i.cells for i in report.items]


def test_broken_files_are_russian_errors():
    """A broken .xlsx or .docx raises ImportFormatError."""
    for name in ("x.xlsx", "x.docx"):
        with pytest.raises(ImportFormatError, match="не читается"):
            read_rows(name, b"garbage")


def test_sheet_rows_skip_existing_and_mark_doubts(report):
    """Items already in the sheet are skipped; doubtful ones carry «Импорт: проверьте» in the comment."""
    rows, skipped = sheet_rows(report, {"1.1", "1.2"})
    assert skipped == ["1.1", "1.2"] and len(rows) == len(EXPECTED) - 2
    assert next(r for r in rows if r["№"] == "6.5")["Комментарий"].startswith("Импорт: проверьте")


ITEM = {"№": "1.1", "Мероприятие": "Рабочая группа", "Срок реализации": "Август 2026", "Статус": "в работе"}
TODAY = date(2026, 11, 23)


def test_overdue_breaking_and_passing():
    """A past deadline not done is overdue; done, cancelled, ongoing or future is not."""
    assert [f.cell for f in findings("RM-OVERDUE", TODAY, Дорожная__карта=[ITEM])] == ["I2"]
    for change in ({"Статус": "выполнено"}, {"Статус": "отменено"}, {"Срок реализации": "Август 2026, далее - постоянно"},
                   {"Срок реализации": "Декабрь 2026"}):
        assert findings("RM-OVERDUE", TODAY, Дорожная__карта=[{**ITEM, **change}]) == []


def test_deadline_rule_breaking_and_passing():
    """An unreadable phrase is an error at its cell; an empty one a warning; a good one nothing."""
    (bad,) = findings("RM-DEADLINE", TODAY, Дорожная__карта=[{**ITEM, "Срок реализации": "когда-нибудь"}])
    assert bad.cell == "F2" and bad.severity == "ошибка"
    (empty,) = findings("RM-DEADLINE", TODAY, Дорожная__карта=[{**ITEM, "Срок реализации": None}])
    assert empty.severity == "предупреждение"
    assert findings("RM-DEADLINE", TODAY, Дорожная__карта=[ITEM]) == []


def test_an_item_kept_without_its_number_is_named_by_its_words_never_none():
    """A staff roadmap whose row has no «№» said «Пункт None: срок не указан» (#25: connected as it is kept)."""
    (unnumbered,) = findings("RM-OVERDUE", TODAY, Дорожная__карта=[{**ITEM, "№": None}])
    assert "None" not in unnumbered.message and unnumbered.message.startswith(f"Пункт «{ITEM['Мероприятие'][:20]}")
    (numbered,) = findings("RM-OVERDUE", TODAY, Дорожная__карта=[ITEM])
    assert numbered.message.startswith(f"Пункт {ITEM['№']} просрочен")


def test_evidence_breaking_and_passing():
    """«выполнено» needs a completion date and a document."""
    done = {**ITEM, "Статус": "выполнено", "Дата выполнения": TODAY}
    assert [f.cell for f in findings("RM-EVIDENCE", TODAY, Дорожная__карта=[done])] == ["K2"]
    assert findings("RM-EVIDENCE", TODAY, Дорожная__карта=[{**done, "Подтверждающий документ": "Приказ №5"}]) == []


def test_import_doubts_rule():
    """A comment left by the import is a warning until staff clear it."""
    flagged = {**ITEM, "Комментарий": "Импорт: проверьте — номер «0.5.»"}
    assert [f.cell for f in findings("RM-IMPORT", TODAY, Дорожная__карта=[flagged])] == ["L2"]
    assert findings("RM-IMPORT", TODAY, Дорожная__карта=[{**ITEM, "Комментарий": "сверено"}]) == []


def test_changed_rows_only_the_edited_cells():
    """Only rows whose editable cells changed, and only those cells; a typed date is read as a date."""
    import pandas as pd

    wb = workbook(TODAY, Дорожная__карта=[ITEM, {**ITEM, "№": "1.2"}])
    original = editor_rows(states(wb))
    edited = pd.DataFrame(original)
    edited.loc[1, "Статус"] = "выполнено"
    edited.loc[1, "Дата выполнения"] = "20.11.2026"
    assert changed_rows(original, edited.to_dict("records")) == [
        ("1.2", {"Статус": "выполнено", "Дата выполнения": date(2026, 11, 20)})]
    edited.loc[1, "Дата выполнения"] = "20.11.26"  # typed the short way: still that day
    assert changed_rows(original, edited.to_dict("records"))[0][1]["Дата выполнения"] == date(2026, 11, 20)


def test_an_unreadable_completion_date_is_refused_naming_the_item():
    """«вчера» in «Дата выполнения» is not saved as text nor dropped: the page is told which item."""
    import pandas as pd
    import pytest

    from core.platform.errors import CellError

    wb = workbook(TODAY, Дорожная__карта=[ITEM, {**ITEM, "№": "1.2"}])
    original = editor_rows(states(wb))
    edited = pd.DataFrame(original)
    edited.loc[1, "Дата выполнения"] = "вчера"
    with pytest.raises(CellError, match="Пункт 1.2"):
        changed_rows(original, edited.to_dict("records"))


def test_responsible_parties_split():
    """«- Департамент А; - Департамент Б» is two parties."""
    assert responsible_parties("- Департамент А; - Департамент Б") == ["Департамент А", "Департамент Б"]
    assert responsible_parties(None) == ["не указан"]


def test_gantt_has_one_bar_per_checkpoint_and_ongoing_runs_to_today():
    """Two checkpoints are two bars; an ongoing item gets a bar up to today."""
    wb = workbook(TODAY, Дорожная__карта=[{**ITEM, "Срок реализации": "Ноябрь 2018, ноябрь 2019"},
                                          {**ITEM, "№": "1.7", "Срок реализации": "Август 2018, далее - постоянно"}])
    bars = gantt_rows(states(wb), TODAY)
    assert [(b["№"], b["Окончание"]) for b in bars] == [
        ("1.1", date(2018, 11, 30)), ("1.1", date(2019, 11, 30)), ("1.7", date(2018, 8, 31)), ("1.7", TODAY)]


def test_status_report_pdf(demo_workbook):
    """The report lists sections in order with overdue items first and names responsible parties."""
    from core.records.checks import open_workbook
    from core.store import XlsxStore
    from sheets_schema import TABS

    wb = open_workbook(XlsxStore(demo_workbook).read([t.name for t in TABS]).tabs, TODAY)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(roadmap_status(wb))).pages).split())
    assert "Статус реализации дорожной карты на «23» ноября 2026 г." in text
    assert text.index("1. Подготовительные мероприятия") < text.index("15. Мероприятия по положению 14")
    assert "Департамент Смоленской области по образованию и науке" in text and "просрочено" in text
