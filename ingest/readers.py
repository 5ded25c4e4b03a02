"""Turn uploaded bytes (.txt, .html, .pdf) into plain text, or say clearly why not."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import date

from charset_normalizer import from_bytes

from .services import RejectedDocument

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES


@dataclass
class ReadText:
    text: str
    title: str = ""
    outlet: str = ""
    published_on: date | None = None
    url: str = ""


def read_bytes(data: bytes, *, filename: str) -> ReadText:
    """Read an upload by its file name's suffix; raises RejectedDocument with a reason."""
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if not data:
        raise RejectedDocument(f"{filename} is empty.")
    if suffix in PDF_SUFFIXES:
        return read_pdf(data, filename=filename)
    if suffix in HTML_SUFFIXES:
        return read_html(decode_text(data, filename=filename))
    if suffix in TEXT_SUFFIXES or not suffix:
        return ReadText(text=decode_text(data, filename=filename))
    raise RejectedDocument(
        f"{filename}: unsupported file type {suffix}; upload .txt, .html or .pdf."
    )


def decode_text(data: bytes, *, filename: str = "the file") -> str:
    """Bytes of a text file to str, detecting the encoding; binary data is refused."""
    if data.startswith(b"%PDF") or _looks_binary(data):
        raise RejectedDocument(f"{filename} is not a text file (it looks like binary data).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise RejectedDocument(f"{filename}: the text encoding could not be recognised.")
    return str(best)


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample and not (sample.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    signatures = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x7fELF")
    return sample.startswith(signatures)


def read_html(html: str) -> ReadText:
    """Main text and metadata of an HTML page (trafilatura); markup never survives."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    meta = trafilatura.extract_metadata(html)
    if not text.strip():
        raise RejectedDocument("No article text could be found in this HTML page.")
    published = None
    if meta is not None and meta.date:
        try:
            published = date.fromisoformat(meta.date[:10])
        except ValueError:
            published = None
    return ReadText(
        text=text,
        title=(meta.title or "") if meta else "",
        outlet=(meta.sitename or "") if meta else "",
        published_on=published,
        url=(meta.url or "") if meta else "",
    )


def read_pdf(data: bytes, *, filename: str = "the PDF") -> ReadText:
    """Text of a PDF (pypdf); encrypted, corrupt or image-only PDFs are refused."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise RejectedDocument(f"{filename} is not a PDF file.")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise RejectedDocument(f"{filename} is encrypted; upload an unprotected copy.")
        text = "\n\n".join((page.extract_text() or "") for page in reader.pages)
        title = (reader.metadata.title or "") if reader.metadata else ""
    except RejectedDocument:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise RejectedDocument(f"{filename} could not be read as a PDF ({error}).") from error
    if not text.strip():
        raise RejectedDocument(f"{filename} has no text layer (a scanned image?).")
    return ReadText(text=text, title=str(title))
