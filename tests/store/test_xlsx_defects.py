"""Staff workbooks as real offices make them (issue #13): each numbered defect, provoked through the store."""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import threading
import zipfile
from datetime import date

import openpyxl
import pytest

from core.platform.errors import StoreError
from core.setup import initialize
from core.store import Numbering, XlsxStore, find_row
from tests.corpus import corpus, libreoffice_csv

HAS_OFFICE = shutil.which("soffice") is not None
office = pytest.mark.skipif(not HAS_OFFICE, reason="LibreOffice не установлен (make test ставит его: tools/ensure_debian.sh)")


def _corpus(name: str, folder: str = "calamine"):
    return next(p for p in corpus() if p.name == name and p.parent.name.startswith(folder))


def _copy(tmp_path, name: str, folder: str = "calamine"):
    path = tmp_path / name
    shutil.copy(_corpus(name, folder), path)
    return path


def _parts(path):
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def _book(tmp_path, rows, name="book.xlsx"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Лист"
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def _patch(path, part: str, change) -> None:
    """Edit one part of the package as another office's writer would have written it."""
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            z.writestr(info.filename, change(data.decode("utf-8")).encode("utf-8") if info.filename == part else data)


# 1 — the 1904 date system -----------------------------------------------------------------------------------
@pytest.mark.parametrize("folder", ["calamine", "openpyxl"])
def test_1_dates_in_a_1904_workbook_stay_on_their_day(tmp_path, folder):
    """LibreOffice's and Excel for Mac's 1904 workbooks: 15.03.2026 reads back as 15.03.2026, not 2030."""
    path = _copy(tmp_path, "date_1904.xlsx", folder)
    store = XlsxStore(path)
    initialize(store)
    store.append("Заявки", [{"№ заявки": "З-1", "Дата поступления": date(2026, 3, 15)}])
    store.invalidate()
    assert store.read(["Заявки"]).tabs["Заявки"].rows[0][1] == date(2026, 3, 15)
    assert openpyxl.load_workbook(path)["Заявки"]["B2"].value.date() == date(2026, 3, 15)


# 2 and 3 — formulas ---------------------------------------------------------------------------------------------
def _shared_formula_book(tmp_path):
    """«Сумма × 2» filled down as one shared formula from C2, as Excel writes a filled-down column; with calcChain."""
    path = _book(tmp_path, [["Код", "Сумма", "Двойная"], ["K1", 10, None], ["K2", 20, None], ["K3", 30, None]])

    def shared(xml: str) -> str:
        cells = {2: '<c r="C2"><f t="shared" ref="C2:C4" si="0">B2*2</f><v>20</v></c>',
                 3: '<c r="C3"><f t="shared" si="0"/><v>40</v></c>', 4: '<c r="C4"><f t="shared" si="0"/><v>60</v></c>'}
        for row, cell in cells.items():
            xml = re.sub(rf'(<row r="{row}">.*?)</row>', lambda m, c=cell: m[1] + c + "</row>", xml, count=1)
        return xml

    _patch(path, "xl/worksheets/sheet1.xml", shared)
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/calcChain.xml", '<?xml version="1.0" encoding="UTF-8"?><calcChain xmlns="http://schemas.'
                   'openxmlformats.org/spreadsheetml/2006/main"><c r="C2" i="1"/><c r="C3"/><c r="C4"/></calcChain>')
    _patch(path, "xl/_rels/workbook.xml.rels", lambda x: x.replace("</Relationships>", '<Relationship Id="rIdCC" Type='
           '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/>'
           "</Relationships>"))
    _patch(path, "[Content_Types].xml", lambda x: x.replace("</Types>", '<Override PartName="/xl/calcChain.xml" '
           'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'))
    return path


def test_2_overwriting_the_first_cell_of_a_shared_formula_keeps_it_below(tmp_path):
    """The app writes into C2, where a filled-down formula starts: C3 and C4 keep their formulas; calcChain goes."""
    path = _shared_formula_book(tmp_path)
    store = XlsxStore(path)
    store.update(find_row(store.read(["Лист"]).tabs["Лист"], "Код", "K1"), "Код", {"Двойная": 5})
    sheet = openpyxl.load_workbook(path)["Лист"]
    assert [sheet[f"C{r}"].value for r in (2, 3, 4)] == [5, "=B3*2", "=B4*2"]
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert "xl/calcChain.xml" not in names and b"calcChain" not in z.read("[Content_Types].xml")


@office
def test_2_and_3_libreoffice_shows_the_formulas_below_and_fresh_totals(tmp_path):
    """LibreOffice computes C3, C4 (not empty), and a staff «=COUNTA(Лист!A:A)» shows the row the app added."""
    path = _shared_formula_book(tmp_path)
    book = openpyxl.load_workbook(path)
    book.create_sheet("Итоги")["A1"] = "=COUNTA(Лист!A:A)"
    book.save(path)
    _patch(path, "xl/worksheets/sheet2.xml", lambda x: x.replace("<v></v>", "<v>4</v>").replace("<v/>", "<v>4</v>"))
    _patch(path, "xl/workbook.xml", lambda x: x.replace(' fullCalcOnLoad="1"', ""))  # as Excel saves it
    store = XlsxStore(path)
    store.update(find_row(store.read(["Лист"]).tabs["Лист"], "Код", "K1"), "Код", {"Двойная": 5})
    store.append("Лист", [{"Код": "K4", "Сумма": 40}])
    shown = libreoffice_csv([path], tmp_path / "lo")[path]
    assert [row[2] for row in shown["Лист"][1:4]] == ["5", "40", "60"]
    assert shown["Итоги"][0][0] == "5"


# 4 and 8 — text ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["литерал _x0041_", "строка\r\nещё", "одна\rвторая", "\x01управляющий"])
def test_4_and_8_text_comes_back_to_the_letter(tmp_path, text):
    """«_x0041_», CR and CRLF, control characters: read back exactly, and the file stays well-formed."""
    path = _book(tmp_path, [["Код", "Текст"]])
    store = XlsxStore(path)
    store.append("Лист", [{"Код": "K1", "Текст": text}])
    store.invalidate()
    assert store.read(["Лист"]).tabs["Лист"].rows[0][1] == text
    assert openpyxl.load_workbook(path)["Лист"]["B2"].value is not None  # openpyxl opens it


@pytest.mark.parametrize("text, reason", [("a\ufffeb", "U\\+FFFE"), ("a\uffffb", "U\\+FFFF"),
                                          ("a\ud800b", "повреждённый символ"), ("я" * 32_768, "32\u00a0767")])
def test_4_and_8_text_a_cell_cannot_hold_is_refused_in_russian(tmp_path, text, reason):
    """U+FFFE, U+FFFF (they made the sheet's XML ill-formed), a lone surrogate, more than Excel's 32 767 characters:
    a Russian refusal, the file unchanged."""
    path = _book(tmp_path, [["Код", "Текст"]])
    before = path.read_bytes()
    with pytest.raises(StoreError, match=reason):
        XlsxStore(path).append("Лист", [{"Код": "K1", "Текст": text}])
    assert path.read_bytes() == before


# 5 — tab names that differ only in case ----------------------------------------------------------------------------
def test_5_a_staff_tab_named_in_other_case_is_the_apps_tab(tmp_path):
    """A staff tab «заявки» is «Заявки»: init adds no second tab, and the app reads and writes it."""
    path = _book(tmp_path, [["№ заявки", "Фамилия"], ["З-1", "Иванова"]])
    book = openpyxl.load_workbook(path)
    book["Лист"].title = "заявки"
    book.save(path)
    store = XlsxStore(path)
    initialize(store)
    assert [n for n in store.tab_names() if n.casefold() == "заявки"] == ["заявки"]
    store.append("Заявки", [{"№ заявки": "З-2", "Фамилия": "Петрова"}])
    store.invalidate()
    assert [r[0] for r in store.read(["Заявки"]).tabs["Заявки"].rows] == ["З-1", "З-2"]


# 6 — namespace prefixes: no silent openpyxl rewrite -------------------------------------------------------------------
def test_6_a_prefixed_workbook_is_written_in_place_not_rewritten(tmp_path):
    """A workbook whose XML is prefixed (<x:row>, as the .NET OpenXML SDK writes it) is written in place: the new
    row in the sheet's own prefix, every other part byte-identical — not rewritten by openpyxl."""
    path = _copy(tmp_path, "richtext-namespaced.xlsx")
    store = XlsxStore(path)
    sheet = store.tab_names()[0]
    headers = store.read([sheet]).tabs[sheet].headers
    before = _parts(path)
    store.append(sheet, [{headers[0]: "EDU-1"}])
    after = _parts(path)
    assert {n for n in before if before[n] != after[n]} == {"xl/worksheets/sheet1.xml"}
    # the staff's styled empty row 2 takes the value, in the sheet's own prefix, keeping its cell format
    assert b'<x:c r="A2" s="1" t="inlineStr"><x:is><x:t>EDU-1</x:t></x:is></x:c>' in after["xl/worksheets/sheet1.xml"]
    store.invalidate()
    assert store.read([sheet]).tabs[sheet].rows[-1][0] == "EDU-1"


# 7 — Excel tables ---------------------------------------------------------------------------------------------------
def test_7_rows_appended_below_an_excel_table_join_it(tmp_path):
    """«Форматировать как таблицу»: the app's rows just below the table extend its range and its filter."""
    path = _copy(tmp_path, "temperature-table.xlsx")
    store = XlsxStore(path)
    sheet = store.tab_names()[0]
    tab = store.read([sheet]).tabs[sheet]
    with zipfile.ZipFile(path) as z:
        table_part = next(n for n in z.namelist() if n.startswith("xl/tables/"))
        ref = re.search(rb'<table[^>]*\sref="[A-Z]+\d+:[A-Z]+(\d+)"', z.read(table_part))[1]
    assert int(ref) == tab.row_numbers[-1]
    store.append(sheet, [{tab.headers[0]: "EDU"}, {tab.headers[0]: "EDU2"}])
    with zipfile.ZipFile(path) as z:
        xml = z.read(table_part)
    assert re.search(rb'<table[^>]*\sref="[A-Z]+\d+:[A-Z]+(\d+)"', xml)[1] == str(int(ref) + 2).encode()
    assert all(int(m) == int(ref) + 2 for m in re.findall(rb'ref="[A-Z]+\d+:[A-Z]+(\d+)"', xml))


# 9 — rows without «r», the style of a new date, the workbook part elsewhere, Strict OOXML -----------------------------
def test_9_rows_without_numbers_are_updated_not_duplicated(tmp_path):
    """A sheet whose rows carry no r= (as some writers save them): an update changes the row, adds none."""
    path = _book(tmp_path, [["Код", "Имя"], ["K1", "альфа"], ["K2", "бета"]])
    _patch(path, "xl/worksheets/sheet1.xml", lambda x: re.sub(r'(<row)\s+r="\d+"', r"\1", x))
    store = XlsxStore(path)
    store.update(find_row(store.read(["Лист"]).tabs["Лист"], "Код", "K2"), "Код", {"Имя": "гамма"})
    store.invalidate()
    assert store.read(["Лист"]).tabs["Лист"].rows == [["K1", "альфа"], ["K2", "гамма"]]
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert xml.count("<row") == 3 and "бета" not in xml  # the row was changed, not added a second time


def test_9_a_new_date_cell_gets_a_plain_date_format(tmp_path):
    """The workbook's first date format is grey with borders; a date the app adds is plain, ДД.ММ.ГГГГ (the record
    right above has no date: a new record takes only its formats, #25, never another row's)."""
    from openpyxl.styles import Border, PatternFill, Side

    path = _book(tmp_path, [["Код", "Дата"], ["K1", date(2026, 1, 1)], ["K2", None]])
    book = openpyxl.load_workbook(path)
    cell = book["Лист"]["B2"]
    cell.fill = PatternFill("solid", fgColor="DDDDDD")
    cell.border = Border(left=Side("thin"))
    book.save(path)
    XlsxStore(path).append("Лист", [{"Код": "K3", "Дата": date(2026, 3, 15)}])
    new = openpyxl.load_workbook(path)["Лист"]["B4"]
    assert new.number_format == "DD.MM.YYYY" and new.fill.fill_type is None and new.border.left.style is None


def test_9_a_workbook_part_outside_xl_is_found(tmp_path):
    """A package whose workbook.xml is at the root (rels say so): written, no bare KeyError."""
    path = _copy(tmp_path, "minimal_package.xlsx")
    store = XlsxStore(path)
    initialize(store)
    store.append("Заявки", [{"№ заявки": "З-1", "Дата поступления": date(2026, 3, 15)}])
    store.invalidate()
    assert store.read(["Заявки"]).tabs["Заявки"].rows[0][:2] == ["З-1", date(2026, 3, 15)]


def test_9_strict_workbooks_get_strict_tabs(tmp_path):
    """Tabs added to a Strict OOXML workbook are Strict too (no transitional parts inside a Strict package)."""
    path = _copy(tmp_path, "strict_iso_paths.xlsx")
    initialize(XlsxStore(path))
    with zipfile.ZipFile(path) as z:
        workbook = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        new_parts = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet") and n != "xl/worksheets/sheet1.xml"]
        assert new_parts and all(b"purl.oclc.org/ooxml/spreadsheetml/main" in z.read(n) for n in new_parts)
    assert "openxmlformats.org/officeDocument/2006/relationships/worksheet" not in rels
    assert "purl.oclc.org/ooxml/officeDocument/relationships/worksheet" in rels and "Заявки" in workbook


# 10 and 11 — the workbook as a shared file ------------------------------------------------------------------------------
def test_10_a_write_keeps_the_files_permissions(tmp_path):
    """Colleagues on a shared folder keep their access: 0664 stays 0664 after a write."""
    path = _book(tmp_path, [["Код"]])
    os.chmod(path, 0o664)
    XlsxStore(path).append("Лист", [{"Код": "K1"}])
    assert stat.S_IMODE(path.stat().st_mode) == 0o664


def test_10_a_read_only_workbook_is_not_overwritten(tmp_path):
    """A file marked read-only: a Russian refusal, the file as it was."""
    path = _book(tmp_path, [["Код"]])
    os.chmod(path, 0o444)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="только для чтения"):
        XlsxStore(path).append("Лист", [{"Код": "K1"}])
    assert path.read_bytes() == before


def test_11_a_full_disk_is_said_in_russian_and_leaves_no_half_backup(tmp_path, monkeypatch):
    """The disk fills while the backup is copied: a Russian message, the workbook unchanged, no truncated backup."""
    path = _book(tmp_path, [["Код"]])
    store = XlsxStore(path, backups_keep=20)
    store.append("Лист", [{"Код": "K1"}])
    before, backups = path.read_bytes(), sorted((tmp_path / "backups").iterdir())

    def full_disk(source, target, *args, **kwargs):
        with open(target, "wb") as handle:
            handle.write(open(source, "rb").read()[:100])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copy2", full_disk)
    with pytest.raises(StoreError, match="не хватает места"):
        store.append("Лист", [{"Код": "K2"}])
    assert path.read_bytes() == before and sorted((tmp_path / "backups").iterdir()) == backups


# 12 — a stray value in the last row of the sheet ------------------------------------------------------------------------
def test_12_a_stray_value_in_row_1048576_is_read_and_named(tmp_path):
    """A value left in A1048576: the tab reads (that row included), and an append is refused, naming the row."""
    path = _book(tmp_path, [["Код", "Имя"], ["K1", "альфа"]])
    book = openpyxl.load_workbook(path)
    book["Лист"]["A1048576"] = "случайно"
    book.save(path)
    store = XlsxStore(path)
    tab = store.read(["Лист"]).tabs["Лист"]
    assert tab.row_numbers == [2, 1_048_576]
    before = path.read_bytes()
    with pytest.raises(StoreError, match="последняя строка листа"):
        store.append("Лист", [{"Код": "K2"}])
    assert path.read_bytes() == before


# 13 — numbers handed out inside the write --------------------------------------------------------------------------------
def test_13_two_sessions_adding_at_once_never_get_the_same_number(tmp_path):
    """Two sessions press «Добавить заявки» at once: each gets its own numbers, none is given twice."""
    path = _book(tmp_path, [["№ заявки", "Фамилия"], ["З-0001", "Иванова"]], name="edudesk.xlsx")

    def next_numbers(existing, count):
        used = [int(str(k)[2:]) for k in existing if str(k).startswith("З-")]
        return [f"З-{max(used, default=0) + i:04d}" for i in range(1, count + 1)]

    numbering = Numbering("Лист", "№ заявки", next_numbers)
    barrier, results = threading.Barrier(2), []

    def session(name):
        store = XlsxStore(path)
        store.read(["Лист"])
        barrier.wait()
        results.append(store.append_many({"Лист": [{"Фамилия": name}]}, numbering))

    threads = [threading.Thread(target=session, args=(n,)) for n in ("Петрова", "Сидорова")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    numbers = [r[0] for r in XlsxStore(path).read(["Лист"]).tabs["Лист"].rows]
    assert sorted(numbers) == ["З-0001", "З-0002", "З-0003"]
    assert sorted(r["Лист"][0]["№ заявки"] for r in results) == ["З-0002", "З-0003"]
