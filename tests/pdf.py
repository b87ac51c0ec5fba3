"""The text of a PDF as a reader would copy it: one line, single spaces, no-break spaces as spaces."""

import io

from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split()).replace("\u00a0", " ")
