"""Turn uploaded bytes (.txt, .html, .pdf) into plain text, or say clearly why not."""

from __future__ import annotations

import codecs
import io
import logging
import unicodedata
from dataclasses import dataclass
from datetime import date

from charset_normalizer import from_bytes

from statements.dates import within

from .pdf_text import reflow_pages
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


def decode_text(data: bytes, *, filename: str = "the file", charset: str = "") -> str:
    """Bytes of a text file to str, detecting the encoding; binary data is refused.

    ``charset`` is what the sender declared (an HTTP header), tried after a byte-order mark.
    """
    if data.startswith(b"%PDF") or _looks_binary(data):
        raise RejectedDocument(f"{filename} is not a text file (it looks like binary data).")
    for encoding in _candidate_encodings(data, charset):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible(text):
            return text
    raise RejectedDocument(
        f"{filename}: the text encoding could not be recognised; save it as UTF-8 and try again."
    )


def _candidate_encodings(data: bytes, charset: str) -> list[str]:
    if data.startswith(codecs.BOM_UTF8):
        return ["utf-8-sig"]
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return ["utf-32"]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ["utf-16"]
    candidates = [charset] if charset else []
    candidates.append("utf-8")
    # English news with a few bytes above ASCII is nearly always Windows-1252; the detector
    # guesses poorly on so little evidence (it reads "café" as UTF-16).
    if sum(b < 0x80 for b in data[:65536]) >= 0.7 * min(len(data), 65536):
        candidates += ["cp1252", "latin-1"]
    best = from_bytes(data).best()
    if best is not None:
        candidates.append(best.encoding)
    return candidates


def _plausible(text: str) -> bool:
    """Decoded text that is mostly readable: few control, private-use or unknown characters."""
    if not text:
        return True
    odd = sum(
        1
        for char in text[:65536]
        if char == "\ufffd" or (unicodedata.category(char)[0] == "C" and char not in "\n\r\t\f")
    )
    return odd <= 0.01 * min(len(text), 65536)


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
            published = within(date.fromisoformat(meta.date[:10]))
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
    """Text of a PDF (pypdf), reflowed into paragraphs (``pdf_text.reflow_pages``) so it
    reads like the same article uploaded as text; encrypted, corrupt or image-only PDFs are
    refused."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise RejectedDocument(f"{filename} is not a PDF file.")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise RejectedDocument(f"{filename} is encrypted; upload an unprotected copy.")
        text = reflow_pages([page.extract_text() or "" for page in reader.pages])
        title = (reader.metadata.title or "") if reader.metadata else ""
    except RejectedDocument:
        raise
    except PdfReadError as error:
        raise RejectedDocument(f"{filename} could not be read as a PDF ({error}).") from error
    except Exception as error:  # pypdf raises many kinds of error on damaged files
        logger.info("unreadable PDF %s: %r", filename, error)
        raise RejectedDocument(f"{filename} is damaged and could not be read as a PDF.") from error
    if not text.strip():
        raise RejectedDocument(f"{filename} has no text layer (a scanned image?).")
    return ReadText(text=text, title=str(title))


def read_fetched(data: bytes, *, content_type: str, charset: str = "", url: str = "") -> ReadText:
    """Read a fetched web page by its declared content type (falling back to its bytes)."""
    name = url.rsplit("/", 1)[-1] or url
    if content_type == "application/pdf" or data.startswith(b"%PDF"):
        read = read_pdf(data, filename="The PDF at this address")
    elif content_type in ("text/html", "application/xhtml+xml"):
        read = read_html(decode_text(data, filename="The page", charset=charset))
    elif content_type.startswith("text/"):
        read = ReadText(text=decode_text(data, filename="The page", charset=charset))
    else:
        raise RejectedDocument(
            f"{name or 'The page'} is {content_type}, not a web page, PDF or text file."
        )
    read.url = url
    return read
