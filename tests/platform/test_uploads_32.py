"""Issue #32 items 8–9: every upload kind refuses a part packed in a way office suites never use and stays under
200 MB while reading any input (measured in a fresh process, peak RSS); Excel's «Текст Юникод» and roadmaps
past item 99 are read."""

from __future__ import annotations

import bz2
import functools
import io
import json
import lzma
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from core.platform.uploads import UploadRefused, check_upload
from core.roadmap.importer import assemble, read_rows

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "core" / "demo" / "files" / "roadmap_004.txt"
LIMIT_MB = 200


def _docx() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    table = document.add_table(rows=1, cols=6)
    for cell, text in zip(table.rows[0].cells, ["1.1.", "Мероприятие", "Результат", "2026", "ОИРО", "Приказ"],
                          strict=True):
        cell.text = text
    document.save(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.append(["Имя", "Фамилия", "Индивидуальный номер", "Адрес электронной почты", "Тест:Эссе (Значение)"])
    book.save(buffer)
    return buffer.getvalue()


def _forge(package: bytes, part: str, payload_chunks, method: int, declared: int) -> bytes:
    """`package` with `part` replaced by a stream packed with `method`, its sizes in both headers set to
    `declared` (a forged size, as in the file of the issue)."""
    source = zipfile.ZipFile(io.BytesIO(package))
    packed = bytearray()
    if method == zipfile.ZIP_BZIP2:
        compressor = bz2.BZ2Compressor(9)
    else:
        compressor = lzma.LZMACompressor(lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_LZMA1}])
    for chunk in payload_chunks:
        packed += compressor.compress(chunk)
    packed += compressor.flush()
    if method == zipfile.ZIP_LZMA:  # zipfile's LZMA: a 4-byte version/size prefix, then the filter properties
        props = lzma._encode_filter_properties({"id": lzma.FILTER_LZMA1})  # noqa: SLF001 - as zipfile does
        packed = bytearray(b"\x09\x04" + len(props).to_bytes(2, "little") + props) + packed
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != part:
                target.writestr(item, source.read(item.filename))
    raw = bytearray(out.getvalue())
    # Append the forged part by hand: local header, data, then a central directory rebuilt with it.
    central_at = raw.rfind(b"PK\x05\x06")
    entries = zipfile.ZipFile(io.BytesIO(bytes(raw))).infolist()
    body = raw[:_central_start(raw)]
    name = part.encode()
    offset = len(body)
    local = (b"PK\x03\x04" + (63 if method == zipfile.ZIP_LZMA else 46).to_bytes(2, "little") + (0).to_bytes(2, "little")
             + method.to_bytes(2, "little") + (0).to_bytes(4, "little") + (0).to_bytes(4, "little")
             + len(packed).to_bytes(4, "little") + declared.to_bytes(4, "little") + len(name).to_bytes(2, "little")
             + (0).to_bytes(2, "little") + name)
    body += local + packed
    directory = bytearray(raw[_central_start(raw):central_at])
    directory += (b"PK\x01\x02" + (63).to_bytes(2, "little") + (63 if method == zipfile.ZIP_LZMA else 46)
                  .to_bytes(2, "little") + (0).to_bytes(2, "little") + method.to_bytes(2, "little")
                  + (0).to_bytes(8, "little") + len(packed).to_bytes(4, "little") + declared.to_bytes(4, "little")
                  + len(name).to_bytes(2, "little") + (0).to_bytes(6, "little") + (0).to_bytes(6, "little")
                  + offset.to_bytes(4, "little") + name)
    count = len(entries) + 1
    end = (b"PK\x05\x06" + (0).to_bytes(4, "little") + count.to_bytes(2, "little") + count.to_bytes(2, "little")
           + len(directory).to_bytes(4, "little") + len(body).to_bytes(4, "little") + (0).to_bytes(2, "little"))
    return bytes(body + directory + end)


def _central_start(raw: bytearray) -> int:
    end = raw.rfind(b"PK\x05\x06")
    return int.from_bytes(raw[end + 16:end + 20], "little")


def _zeros(total: int, step: int = 16 * 1024 * 1024):
    for _ in range(total // step):
        yield b"\0" * step


# Packing 600 MB of zeros takes 8-17 s a file: each is made once per run (functools.cache) however many tests use it.
HOSTILE = {
    "bzip2-docx": functools.cache(lambda: ("карта.docx", _forge(_docx(), "word/document.xml", _zeros(600 * 2**20),
                                                                 zipfile.ZIP_BZIP2, 40_000))),
    "lzma-xlsx": functools.cache(lambda: ("журнал.xlsx", _forge(_xlsx(), "xl/worksheets/sheet1.xml",
                                                                _zeros(600 * 2**20), zipfile.ZIP_LZMA, 40_000))),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_8_a_part_packed_as_office_suites_never_do_is_refused(kind):
    name, data = HOSTILE[kind]()
    assert len(data) < 1024 * 1024
    with pytest.raises(UploadRefused, match="сжата способом"):
        check_upload(name, data)


READERS = {
    "roadmap": "from core.roadmap.importer import read_rows as read",
    "gradebook": "from core.enrollment.moodle import read_gradebook as read",
    "form": "from core.enrollment.application_form import read_form as read",
}


def _peak_of_reading(reader: str, name: str, path: Path) -> tuple[int, str]:
    """Peak memory (MB, above what importing the reader takes) of one upload read in a fresh process, and what it
    said."""
    code = f"""
import json, resource, sys
{READERS[reader]}
from core.platform.errors import EduDeskError
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
data = open(sys.argv[2], "rb").read()
try:
    read(sys.argv[1], data)
    said = "прочитан"
except EduDeskError as exc:
    said = str(exc)
print(json.dumps([(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) // 1024, said]))
"""
    done = subprocess.run([sys.executable, "-c", code, name, str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    peak, said = json.loads(done.stdout.strip().splitlines()[-1])
    return peak, said


def _many_elements_docx() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 4_000_000)
            target.writestr(item, data)
    return out.getvalue()


def _tiny_cells_csv() -> bytes:
    return b"a;b\n" + b"1;" * 9_000_000


CORPUS = {
    "bzip2-docx": ("roadmap", lambda: HOSTILE["bzip2-docx"]()),
    "lzma-gradebook": ("gradebook", lambda: HOSTILE["lzma-xlsx"]()),
    "bzip2-form": ("form", lambda: ("школа.xlsx", _forge(_xlsx(), "xl/worksheets/sheet1.xml", _zeros(600 * 2**20),
                                                         zipfile.ZIP_BZIP2, 40_000))),
    "4M-elements-docx": ("roadmap", lambda: ("карта.docx", _many_elements_docx())),
    "9M-cells-csv": ("gradebook", lambda: ("grades.csv", _tiny_cells_csv())),
    "9M-cells-txt": ("roadmap", lambda: ("карта.txt", _tiny_cells_csv().replace(b";", b"\t"))),
}


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_8_every_upload_kind_stays_under_200_mb_on_hostile_input(case, tmp_path):
    """Before: the bzip2 part took 2,1 GB and 28 s; a text of millions of tiny cells and a docx of millions of
    empty paragraphs were parsed whole. Each is now refused in Russian, the process staying under 200 MB."""
    reader, make = CORPUS[case]
    name, data = make()
    path = tmp_path / "upload.bin"
    path.write_bytes(data)
    peak, said = _peak_of_reading(reader, name, path)
    assert peak < LIMIT_MB, (case, peak, said)
    assert said != "прочитан" and "Файл «" in said, said


def test_9_a_roadmap_saved_by_excel_as_unicode_text_is_read_as_the_utf8_one():
    """Excel's «Текст Юникод» is UTF-16 LE with a byte-order mark and tabs. Before: garbage, 0 items."""
    utf8 = assemble(read_rows(SOURCE.name, SOURCE.read_bytes()))
    text = SOURCE.read_text(encoding="utf-8").replace("\n", "\r\n")
    unicode_text = assemble(read_rows("карта.txt", b"\xff\xfe" + text.encode("utf-16-le")))
    assert len(utf8.items) == len(unicode_text.items) == 74
    assert [i.number for i in unicode_text.items] == [i.number for i in utf8.items]
    without_mark = assemble(read_rows("карта.txt", text.encode("utf-16-le")))
    assert len(without_mark.items) == 74


def test_9_items_numbered_100_and_above_are_items():
    rows = [["1.", "Раздел первый", "", "", "", ""]]
    rows += [[f"1.{n}.", f"Мероприятие {n}", "Результат", "2026 год", "ОИРО", "Приказ"] for n in range(1, 131)]
    rows += [["100.", "Раздел сотый", "", "", "", ""], ["100.1.", "Мероприятие", "Результат", "2026 год", "ОИРО", ""]]
    text = "\n".join("\t".join(row) for row in rows).encode()
    report = assemble(read_rows("карта.txt", text))
    assert [i.number for i in report.items] == [f"1.{n}" for n in range(1, 131)] + ["100.1"]
    assert not report.doubtful
