"""An .xlsx as the package it is: parts found through relationships, written back without touching the rest.

Real offices make packages this module must not assume away: the workbook part is wherever _rels/.rels
points (not always xl/workbook.xml); Strict OOXML uses other namespaces; some writers prefix every
element (<x:row>); some put backslashes into part names. Parts the app does not change are copied as
their stored, still-compressed bytes — byte-identical, and without the cost of inflating and deflating
every member on each write.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import unescape

TRANSITIONAL_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
TRANSITIONAL_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_RELS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_OFFICE_DOCUMENT = re.compile(r"/officeDocument$")
_ATTR = re.compile(r'([\w:.-]+)\s*=\s*("[^"]*"|\'[^\']*\')')
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")


class UnsupportedLayout(Exception):
    """The package is laid out in a way the writer can't change exactly; the store refuses in Russian."""


def attrs(tag: str) -> dict[str, str]:
    """The attributes of one start tag, unescaped, keyed by their written names (prefix included)."""
    return {name: unescape(value[1:-1], {"&quot;": '"', "&apos;": "'"}) for name, value in _ATTR.findall(tag)}


def local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


@dataclass
class Relationship:
    rel_id: str
    kind: str  # the last segment of its Type: worksheet, styles, table, calcChain…
    target: str  # the part it points at, as a package path without a leading slash


@dataclass
class Package:
    path: Path
    zip: zipfile.ZipFile
    names: dict[str, str]  # part name with «/» → the name as stored
    workbook: str = ""
    main_ns: str = TRANSITIONAL_MAIN
    rels_ns: str = TRANSITIONAL_RELS
    date1904: bool = False
    _rels: dict[str, list[Relationship]] = field(default_factory=dict)
    folded: dict[str, str] = field(default_factory=dict)  # part name casefolded → as stored

    @classmethod
    def open(cls, path: Path) -> Package:
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise UnsupportedLayout("not a zip") from exc
        names = {info.filename.replace("\\", "/"): info.filename for info in archive.infolist()}
        package = cls(path, archive, names)
        package.folded = {part.casefold(): part for part in names}
        roots = [r for r in package.rels("") if _OFFICE_DOCUMENT.search(r.kind_uri)] \
            if package.has("_rels/.rels") else []
        if not roots or not package.has(roots[0].target):
            archive.close()
            raise UnsupportedLayout("no workbook part")
        package.workbook = roots[0].target
        xml = package.text(package.workbook)
        root = re.search(r"<([\w.-]+:)?workbook\b[^>]*>", xml)
        if root is None:
            archive.close()
            raise UnsupportedLayout("no <workbook>")
        declared = attrs(root[0])
        package.main_ns = STRICT_MAIN if STRICT_MAIN in declared.values() else TRANSITIONAL_MAIN
        package.rels_ns = STRICT_RELS if package.main_ns == STRICT_MAIN else TRANSITIONAL_RELS
        props = re.search(r"<(?:[\w.-]+:)?workbookPr\b[^>]*>", xml)
        package.date1904 = bool(props) and attrs(props[0]).get("date1904", "0") in ("1", "true")
        return package

    def close(self) -> None:
        self.zip.close()

    # parts ---------------------------------------------------------------------------------------
    def resolve(self, part: str) -> str:
        """The part as the package stores it: OPC part names are case-insensitive («xl/Worksheets/Sheet1.xml» in a
        relationship is the stored «xl/worksheets/sheet1.xml»)."""
        return part if part in self.names else self.folded.get(part.casefold(), part)

    def has(self, part: str) -> bool:
        return self.resolve(part) in self.names

    def read(self, part: str) -> bytes:
        part = self.resolve(part)
        try:
            return self.zip.read(self.names[part])
        except zipfile.BadZipFile:  # a wrong CRC from some writer: Excel and LibreOffice read it all the same
            info = self.zip.getinfo(self.names[part])
            raw = _raw(self.zip, info)
            return zlib.decompressobj(-15).decompress(raw) if info.compress_type == zipfile.ZIP_DEFLATED else raw

    def text(self, part: str) -> str:
        return self.read(part).decode("utf-8")

    def fingerprint(self, part: str) -> tuple[str, int, int]:
        """The part's name, CRC-32 and size as the zip lists them: what it holds, known without unpacking it."""
        info = self.zip.getinfo(self.names[self.resolve(part)])
        return info.filename, info.CRC, info.file_size

    def rels(self, part: str) -> list[Relationship]:
        """The relationships of a part (its _rels/NAME.rels), targets resolved to package paths."""
        if part not in self._rels:
            folder, name = posixpath.split(part)
            rels_part = posixpath.join(folder, "_rels", f"{name}.rels")
            found = []
            if self.has(rels_part):
                for tag in re.findall(r"<(?:[\w.-]+:)?Relationship\b[^>]*>", self.text(rels_part)):
                    a = attrs(tag)
                    if a.get("TargetMode") == "External" or "Target" not in a:
                        continue
                    target = a["Target"].replace("\\", "/")
                    path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                        posixpath.join(folder, target))
                    found.append(_Rel(a.get("Id", ""), a.get("Type", "").rsplit("/", 1)[-1], self.resolve(path),
                                      a.get("Type", "")))
            self._rels[part] = found
        return self._rels[part]

    def workbook_part(self, kind: str) -> str | None:
        """The workbook's own part of a kind («styles», «sharedStrings»), when the file has it."""
        return next((r.target for r in self.rels(self.workbook) if r.kind == kind and self.has(r.target)), None)

    def rels_part(self, part: str) -> str:
        folder, name = posixpath.split(part)
        return posixpath.join(folder, "_rels", f"{name}.rels")

    # sheets -------------------------------------------------------------------------------------
    def sheets(self) -> list[tuple[str, str]]:
        """(sheet name, part) for each worksheet, in workbook order."""
        xml = self.text(self.workbook)
        by_id = {r.rel_id: r.target for r in self.rels(self.workbook)}
        out = []
        for tag in re.findall(r"<(?:[\w.-]+:)?sheet\b[^>]*>", xml):
            a = attrs(tag)
            rel = next((v for k, v in a.items() if local(k) == "id" and ":" in k), None)
            if "name" in a and rel in by_id:
                out.append((a["name"], by_id[rel]))
        return out

    def sheet_part(self, name: str) -> str:
        for sheet, part in self.sheets():
            if sheet == name and self.has(part):
                return part
        raise UnsupportedLayout(f"no part for sheet {name!r}")

    # writing ------------------------------------------------------------------------------------
    def write(self, target: Path, replaced: dict[str, bytes], added: dict[str, bytes] | None = None,
              removed: set[str] | None = None) -> None:
        """Copy the package to `target` with some parts replaced, added or removed; the rest byte for byte."""
        removed = removed or set()
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as out:
            for info in self.zip.infolist():
                part = info.filename.replace("\\", "/")
                if part in removed:
                    continue
                if part in replaced:
                    # rewritten on every write: fast compression (a 12 MB sheet deflates in 0.04 s, not 0.2 s)
                    out.writestr(_info_like(info, part), replaced[part], compresslevel=1)
                else:
                    _copy_raw(self.zip, out, info, part)
            for part, data in (added or {}).items():
                out.writestr(zipfile.ZipInfo(part, date_time=(1980, 1, 1, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)


@dataclass
class _Rel(Relationship):
    kind_uri: str = ""


def _info_like(info: zipfile.ZipInfo, name: str) -> zipfile.ZipInfo:
    copy = zipfile.ZipInfo(name, date_time=info.date_time)
    copy.compress_type = info.compress_type if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) \
        else zipfile.ZIP_DEFLATED
    copy.external_attr = info.external_attr
    return copy


def _raw(source: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's stored (compressed) bytes, as they are in the file."""
    fp = source.fp
    fp.seek(info.header_offset)
    header = _LOCAL_HEADER.unpack(fp.read(_LOCAL_HEADER.size))
    if header[0] != b"PK\x03\x04":
        raise UnsupportedLayout("bad local header")
    fp.seek(info.header_offset + _LOCAL_HEADER.size + header[9] + header[10])
    return fp.read(info.compress_size)


def _copy_raw(source: zipfile.ZipFile, out: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Append one member as its stored bytes: no inflating, no deflating, the same CRC."""
    if info.flag_bits & 0x1:  # encrypted members: let zipfile say what it can't do
        raise UnsupportedLayout("encrypted member")
    raw = _raw(source, info)
    copy = _info_like(info, name)
    copy.compress_type = info.compress_type
    copy.CRC, copy.compress_size, copy.file_size = info.CRC, info.compress_size, info.file_size
    copy.flag_bits = info.flag_bits & ~0x08  # sizes go into the local header, so no data descriptor
    copy.header_offset = out.fp.tell()
    out.fp.write(copy.FileHeader())
    out.fp.write(raw)
    out.filelist.append(copy)
    out.NameToInfo[copy.filename] = copy
    out.start_dir = out.fp.tell()
    out._didModify = True


def _current(package: Package, replaced: dict[str, bytes], part: str) -> str:
    return replaced[part].decode("utf-8") if part in replaced else package.text(part)


def add_relationship(package: Package, replaced: dict[str, bytes], owner: str, rel_id: str, kind: str,
                     target_part: str) -> None:
    """One more relationship of `owner` (its .rels written in its own prefix), into `replaced`."""
    rels_part = package.rels_part(owner)
    xml = _current(package, replaced, rels_part)
    closing = re.search(r"</([\w.-]+:)?Relationships>", xml)
    if closing is None:
        raise UnsupportedLayout("unusual workbook parts")
    p = closing[1] or ""
    target = posixpath.relpath(target_part, posixpath.dirname(owner) or ".")
    tag = f'<{p}Relationship Id="{rel_id}" Type="{package.rels_ns}/{kind}" Target="{target}"/>'
    replaced[rels_part] = (xml[:closing.start()] + tag + xml[closing.start():]).encode("utf-8")


def add_override(package: Package, replaced: dict[str, bytes], part: str, content_type: str) -> None:
    """A content type for a new part, into `replaced`."""
    xml = _current(package, replaced, "[Content_Types].xml")
    closing = re.search(r"</([\w.-]+:)?Types>", xml)
    if closing is None:
        raise UnsupportedLayout("unusual workbook parts")
    tag = f'<{closing[1] or ""}Override PartName="/{part}" ContentType="{content_type}"/>'
    replaced["[Content_Types].xml"] = (xml[:closing.start()] + tag + xml[closing.start():]).encode("utf-8")
