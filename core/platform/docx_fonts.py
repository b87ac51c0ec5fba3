"""PT Serif carried inside a .docx, so Word and LibreOffice show the letter in the face it was set in.

A .docx names its fonts; a machine without PT Serif (most Windows offices, LibreOffice on Linux) silently sets
the letter in another face (LibreOffice chose DejaVu Sans). ECMA-376 Part 1 §17.8.1 lets a document carry its
fonts: each font file «obfuscated» with a key (its first 32 bytes XOR-ed with the key's 16 bytes), listed in
fontTable.xml with embedRegular/embedBold. PT Serif is under the SIL Open Font License, which allows embedding.
"""

from __future__ import annotations

import uuid

import fontpkg
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

FAMILY = "PT Serif"
OBFUSCATED = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_FACES = (("embedRegular", 400), ("embedBold", 700))
# Where each of the key's 16 bytes sits in «{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}»: read from the end (§17.8.1).
_SETTINGS_BEFORE = {"writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
                    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
                    "printFractionalCharacterWidth", "printFormsData"}
_KEY_AT = (35, 33, 31, 29, 27, 25, 22, 20, 17, 15, 12, 10, 7, 5, 3, 1)


def obfuscate(font: bytes, key: str) -> bytes:
    """The font as a .docx stores it under `key` (and back: XOR is its own inverse)."""
    secret = bytes(int(key[i:i + 2], 16) for i in _KEY_AT)
    head = bytes(b ^ secret[i % 16] for i, b in enumerate(font[:32]))
    return head + font[32:]


def embed_pt_serif(document) -> None:
    """Put PT Serif (regular and bold) into the document's font table, and ask Word to keep it when saving."""
    fonts_part = document.part.part_related_by(RT.FONT_TABLE)  # python-docx keeps it as a plain part: bytes
    table = etree.fromstring(fonts_part.blob)
    entry = next((f for f in table.findall(qn("w:font")) if f.get(qn("w:name")) == FAMILY), None)
    if entry is None:
        entry = etree.SubElement(table, qn("w:font"), {qn("w:name"): FAMILY})
        for tag, value in (("w:charset", "CC"), ("w:family", "roman"), ("w:pitch", "variable")):
            etree.SubElement(entry, qn(tag), {qn("w:val"): value})
    for number, (tag, weight) in enumerate(_FACES, start=1):
        key = "{" + str(uuid.uuid4()).upper() + "}"
        with open(fontpkg.path(FAMILY, weight), "rb") as fh:
            data = obfuscate(fh.read(), key)
        part = Part(PackURI(f"/word/fonts/font{number}.odttf"), OBFUSCATED, data, document.part.package)
        rel_id = fonts_part.relate_to(part, RT.FONT)
        etree.SubElement(entry, qn(f"w:{tag}"), {qn("r:id"): rel_id, qn("w:fontKey"): key})
    fonts_part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)  # noqa: SLF001
    settings = document.settings.element
    if settings.find(qn("w:embedTrueTypeFonts")) is None:  # in its place among the settings (CT_Settings order)
        before = [i for i, child in enumerate(settings) if etree.QName(child).localname in _SETTINGS_BEFORE]
        settings.insert(before[-1] + 1 if before else 0, etree.Element(qn("w:embedTrueTypeFonts")))
