"""Files people upload (application forms, roadmap tables, Moodle gradebooks) checked before any parser sees them.

An .xlsx or .docx is a zip: a 1 MB file can inflate to gigabytes (a «zip bomb»), and python-calamine then aborts
the whole server process — every user's session with it. So the sizes are checked first: the upload's own, and
the sizes the archive declares for its parts, in all and against what each part takes compressed.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from core.platform.errors import EduDeskError

MAX_UPLOAD = 20 * 1024 * 1024  # a form, a roadmap or a gradebook is far smaller
MAX_UNPACKED = 200 * 1024 * 1024  # what all parts of a package may inflate to
MAX_RATIO = 200  # office XML compresses 5–20 times; far more is made on purpose
# XML elements a parser is given: python-docx builds a DOM (about 120 bytes an element), python-calamine streams
# (a few bytes an element, then the cells as Python values). Both keep an upload's parse well under 200 MB; a real
# 60-page roadmap is some 300 000 elements, a 20 000-row Moodle gradebook some 1,5 million.
MAX_ELEMENTS = {".docx": 1_000_000, ".xlsx": 6_000_000}
MAX_TEXT_CELLS = 2_000_000  # a text upload cut into cells: each is a Python string
# The only ways Office, LibreOffice and Google pack a part. zipfile also inflates bzip2 and lzma — without any of
# the checks here, and a 38 KB file then takes gigabytes — so a part packed otherwise is not opened at all.
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_CHUNK = 1024 * 1024


class UploadRefused(EduDeskError):
    """An upload not parsed, for a reason said in Russian."""


def check_upload(name: str, data: bytes, max_upload: int = MAX_UPLOAD) -> None:
    """Raise UploadRefused for a file too big to be what it claims, or an archive built to inflate without end."""
    if len(data) > max_upload:
        raise UploadRefused(f"Файл «{name}» — {_mb(len(data))}; принимаются файлы до {_mb(max_upload)}. Такие "
                            "формы, дорожные карты и выгрузки Moodle много меньше: проверьте, тот ли это файл.")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return  # not a package: the parser says what it is not
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            declared = sum(m.file_size for m in members)
            if len(members) > 10_000 or declared > MAX_UNPACKED:
                raise _bomb(name, declared)
            for member in members:
                if member.compress_type not in _METHODS:
                    raise UploadRefused(f"Файл «{name}» не открыт: часть «{member.filename}» сжата способом, которым "
                                        "Excel, Word и LibreOffice не пользуются (так подделывают файлы, чтобы они "
                                        "разворачивались без конца). Пересохраните файл в Excel или LibreOffice и "
                                        "загрузите снова.")
                if member.file_size > _CHUNK and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                    raise _bomb(name, member.file_size)
            elements = _inflate_within_declared(name, data, members)
            limit = MAX_ELEMENTS.get(name.lower()[-5:], MAX_ELEMENTS[".xlsx"])
            if elements > limit:
                raise UploadRefused(f"Файл «{name}» не открыт: в нём {elements:,} элементов разметки, а в форме, "
                                    f"дорожной карте или журнале оценок их не больше {limit:,}. Проверьте, тот ли это "
                                    "файл; большой документ разделите на части.".replace(",", " "))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, zlib.error,
            struct.error):
        return  # a broken or exotic archive: the parser refuses it in its own words


def _inflate_within_declared(name: str, data: bytes, members: list[zipfile.ZipInfo]) -> int:
    """Inflate every part for real, counting, never holding more than a chunk: a forged header declares a few
    bytes for a part that inflates to gigabytes, and the declared sizes above would let it through. Returns how
    many XML elements («<») the XML parts hold."""
    total = elements = 0
    for member in members:
        xml = member.filename.lower().endswith((".xml", ".rels", ".vml"))
        name_len, extra_len = struct.unpack_from("<HH", data, member.header_offset + 26)
        start = member.header_offset + 30 + name_len + extra_len
        if member.compress_type == zipfile.ZIP_STORED:
            total += member.compress_size
            elements += data.count(b"<", start, start + member.compress_size) if xml else 0
            continue
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        pending = data[start:start + member.compress_size]
        produced = 0
        while pending and not inflater.eof:
            chunk = inflater.decompress(pending, _CHUNK)
            produced += len(chunk)
            elements += chunk.count(b"<") if xml else 0
            pending = inflater.unconsumed_tail
            if produced > member.file_size + _CHUNK:
                raise UploadRefused(f"Файл «{name}» не открыт: часть «{member.filename}» разворачивается намного "
                                    "больше, чем записано в самом файле (так подделывают «zip-бомбы»). Пересохраните "
                                    "файл в Excel или LibreOffice и загрузите снова.")
            if total + produced > MAX_UNPACKED:
                raise _bomb(name, total + produced)
        if produced != member.file_size:
            raise UploadRefused(f"Файл «{name}» повреждён: часть «{member.filename}» не совпадает с размером, "
                                "записанным в самом файле, и не читается. Откройте его в Excel или LibreOffice, "
                                "пересохраните и загрузите снова.")
        total += produced
    return elements


def check_text(name: str, data: bytes) -> None:
    """A text upload (CSV, tab-separated) with more cells than any real gradebook or roadmap is refused before it
    is cut into millions of Python strings."""
    check_upload(name, data)
    step = 2 if data.startswith((b"\xff\xfe", b"\xfe\xff")) else 1  # UTF-16: every other byte
    cells = sum(data.count(mark) for mark in (b"\n", b"\t", b";", b",", b":")) // step
    if cells > MAX_TEXT_CELLS:
        raise UploadRefused(f"Файл «{name}» не открыт: в нём больше {MAX_TEXT_CELLS:,} ячеек — столько не бывает в "
                            "журнале оценок или дорожной карте. Проверьте, тот ли это файл.".replace(",", " "))


def decoded_text(data: bytes) -> str:
    """Text as Excel, LibreOffice and Moodle save it: UTF-16 with its mark («Текст Юникод» of Excel), UTF-8 with or
    without one, else the Windows Cyrillic code page of Russian Excel's «CSV» and «Текстовые файлы»."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if len(data) >= 4 and data[1:4:2] == b"\x00\x00" and data[0:4:2] != b"\x00\x00":
        return data.decode("utf-16-le", errors="replace")  # UTF-16 saved without its mark
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace")


def _bomb(name: str, size: int) -> UploadRefused:
    return UploadRefused(f"Файл «{name}» не открыт: внутри он разворачивается больше чем в {_mb(size)} (так устроены "
                         "«zip-бомбы»). Настоящая таблица или документ так не сжимаются; пересохраните файл в Excel "
                         "или LibreOffice и загрузите снова.")


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} МБ".replace(".", ",") if size >= 1024 * 1024 else f"{size // 1024} КБ"


def unreadable(name: str, kind: str) -> str:
    """What to say of a file its parser could not open: no parser's class name, and what to do."""
    return (f"Файл «{name}» не читается как {kind}: он повреждён или сохранён в другом формате. Откройте его в "
            f"Excel или LibreOffice, сохраните как {kind} и загрузите снова.")


def first_sheet(name: str, data: bytes, refuse: type[EduDeskError], skip_empty_area: bool = True) -> list[list]:
    """The first sheet of an uploaded .xlsx as python-calamine reads it, or `refuse` with a Russian message."""
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        return book.get_sheet_by_index(0).to_python(skip_empty_area=skip_empty_area)
    except Exception:  # calamine raises its own error types for broken files
        raise refuse(unreadable(name, ".xlsx")) from None
