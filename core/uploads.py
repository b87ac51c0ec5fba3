"""Files people upload (application forms, roadmap tables, Moodle gradebooks) checked before any parser sees them.

An .xlsx or .docx is a zip: a 1 MB file can inflate to gigabytes (a «zip bomb»), and python-calamine then aborts
the whole server process — every user's session with it. So the sizes are checked first: the upload's own, and
the sizes the archive declares for its parts, in all and against what each part takes compressed.
"""

from __future__ import annotations

import io
import zipfile

from .errors import EduDeskError

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
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        return  # a broken or exotic archive: the parser refuses it in its own words


def _bomb(name: str, size: int) -> UploadRefused:
    return UploadRefused(f"Файл «{name}» не открыт: внутри он разворачивается больше чем в {_mb(size)} (так устроены "
                         "«zip-бомбы»). Настоящая таблица или документ так не сжимаются; пересохраните файл в Excel "
                         "или LibreOffice и загрузите снова.")


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} МБ".replace(".", ",") if size >= 1024 * 1024 else f"{size // 1024} КБ"
