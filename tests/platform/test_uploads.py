"""#14.14: a zip bomb is refused in Russian by every importer before a parser inflates it; #14.15: a long roadmap."""

import io
import struct
import zipfile

import openpyxl
import pytest

from core.enrollment.application_form import read_form
from core.enrollment.moodle import read_gradebook
from core.platform.uploads import MAX_UNPACKED, UploadRefused, check_upload
from core.roadmap.importer import assemble, read_rows
from tests.corpus import CORPUS, corpus


def _bomb(kind: str) -> bytes:
    """A real .xlsx or .docx whose one part inflates past the limit (zeros compress about a thousand times)."""
    out = io.BytesIO()
    part = "xl/worksheets/sheet1.xml" if kind == "xlsx" else "word/document.xml"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(part, "w") as stream:
            block = b"0" * (1 << 20)
            for _ in range(MAX_UNPACKED // len(block) + 8):
                stream.write(block)
    return out.getvalue()


@pytest.fixture(scope="module")
def xlsx_bomb() -> bytes:
    return _bomb("xlsx")


@pytest.mark.parametrize("read, name", [(read_form, "форма.xlsx"), (read_rows, "карта.xlsx"),
                                        (read_gradebook, "оценки.xlsx")])
def test_every_importer_refuses_an_xlsx_bomb_before_parsing(xlsx_bomb, read, name):
    assert len(xlsx_bomb) < 2 * 1024 * 1024
    with pytest.raises(UploadRefused, match="zip-бомб"):
        read(name, xlsx_bomb)


def test_a_docx_bomb_is_refused_by_the_roadmap_import():
    with pytest.raises(UploadRefused, match=f"больше чем в {MAX_UNPACKED // 1024 // 1024 + 8} МБ"):
        read_rows("карта.docx", _bomb("docx"))


def test_an_oversized_upload_is_refused_by_its_size():
    with pytest.raises(UploadRefused, match="принимаются файлы до 20 МБ"):
        check_upload("карта.txt", b"1.1\t" * (6 * 1024 * 1024))


def test_ordinary_workbooks_pass(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Код программы", "Фамилия"])
    book.active.append(["ПК-001", "Иванова"])
    data = io.BytesIO()
    book.save(data)
    check_upload("форма.xlsx", data.getvalue())
    assert read_form("форма.xlsx", data.getvalue())[0].values["Фамилия"] == "Иванова"


def test_a_roadmap_of_5000_items_is_read_whole_and_in_order():
    """#15 of #14: each number was compared with every item before it (5 000 items: 35–41 s); the result must stay."""
    lines = ["№\tМероприятие\tСрок\tОтветственный\tРезультат\tКлючевой результат"]
    numbers = []
    for section in range(1, 100):  # numbers have at most two digits on each side (OCR artefacts are longer)
        lines.append(f"{section}\tРаздел {section}")
        for item in range(1, 52):
            numbers.append(f"{section}.{item}")
            lines.append(f"{section}.{item}\tМероприятие {section}.{item}\tI квартал 2027\tОтдел\tОтчёт\t")
    report = assemble(read_rows("карта.txt", "\n".join(lines).encode()))
    assert len(numbers) > 5000 and [i.number for i in report.items] == numbers
    assert report.items[-1].cells["Мероприятие"] == "Мероприятие 99.51"


def _forged(declared: int = 5000, real_mb: int = 3) -> bytes:
    """An .xlsx whose sheet part says «5 000 bytes» in both its headers but inflates to megabytes."""
    book = openpyxl.Workbook()
    book.active["A1"] = "x"
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info.filename, src.read(info.filename))
                continue
            with dst.open(info.filename, "w") as stream:
                stream.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                             b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
                for _ in range(real_mb):
                    stream.write(b"a" * (1 << 20))
                stream.write(b"</t></is></c></row></sheetData></worksheet>")
    data = bytearray(out.getvalue())
    name = b"xl/worksheets/sheet1.xml"
    for signature, name_at, size_at, fixed in ((b"PK\x03\x04", 26, 22, 30), (b"PK\x01\x02", 28, 24, 46)):
        at = data.find(signature)
        while at >= 0:
            length = struct.unpack_from("<H", data, at + name_at)[0]
            if data[at + fixed:at + fixed + length] == name:
                struct.pack_into("<I", data, at + size_at, declared)
            at = data.find(signature, at + 4)
    return bytes(data)


@pytest.mark.parametrize("read, name", [(read_form, "форма.xlsx"), (read_rows, "карта.xlsx"),
                                        (read_gradebook, "оценки.xlsx")])
def test_a_forged_header_declaring_a_small_part_is_refused_as_a_bomb(read, name):
    """The declared sizes passed (5 000 bytes); the parsers then said only «XmlError». Inflating for real, counted."""
    forged = _forged()
    assert zipfile.ZipFile(io.BytesIO(forged)).getinfo("xl/worksheets/sheet1.xml").file_size == 5000
    with pytest.raises(UploadRefused, match="разворачивается намного больше, чем записано в самом файле"):
        read(name, forged)


def test_a_damaged_package_is_said_in_russian_not_by_the_parsers_class_name():
    """calamine's own test file issue252.xlsx: a part a little longer than its header says (Excel-like, damaged)."""
    damaged = (CORPUS / "calamine-tests" / "issue252.xlsx").read_bytes()
    with pytest.raises(UploadRefused, match="повреждён: часть «xl/_rels/workbook.xml.rels»") as refused:
        read_gradebook("оценки.xlsx", damaged)
    assert "Error" not in str(refused.value)


def test_every_real_workbook_of_the_corpus_passes_the_inflating_check():
    """No false alarm: every package of ../shared/workbooks but the one damaged on purpose inflates as declared."""
    checked = 0
    for path in corpus():
        if path.name != "issue252.xlsx":
            check_upload(path.name, path.read_bytes())
            checked += 1
    assert checked > 80
