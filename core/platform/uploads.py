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
                if member.file_size > _CHUNK and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                    raise _bomb(name, member.file_size)
            _inflate_within_declared(name, data, members)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, zlib.error,
            struct.error):
        return  # a broken or exotic archive: the parser refuses it in its own words


def _inflate_within_declared(name: str, data: bytes, members: list[zipfile.ZipInfo]) -> None:
    """Inflate every part for real, counting, never holding more than a chunk: a forged header declares a few
    bytes for a part that inflates to gigabytes, and the declared sizes above would let it through."""
    total = 0
    for member in members:
        if member.compress_type != zipfile.ZIP_DEFLATED:
            total += member.compress_size if member.compress_type == zipfile.ZIP_STORED else 0
            continue
        name_len, extra_len = struct.unpack_from("<HH", data, member.header_offset + 26)
        start = member.header_offset + 30 + name_len + extra_len
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        pending = data[start:start + member.compress_size]
        produced = 0
        while pending and not inflater.eof:
            produced += len(inflater.decompress(pending, _CHUNK))
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
