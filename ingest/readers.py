"""Turn uploaded bytes (.txt, .html, .pdf) into plain text, or say clearly why not."""

from __future__ import annotations

import codecs
import io
import logging
import time
import unicodedata
from dataclasses import dataclass
from datetime import date

from celery.exceptions import SoftTimeLimitExceeded
from charset_normalizer import from_bytes
from django.conf import settings

from statements.dates import within

from .errors import RejectedDocument
from .pdf_text import reflow_pages

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


def _suffix(filename: str) -> str:
    return "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def read_later(data: bytes, *, filename: str) -> bool:
    """Whether an upload is read by a worker rather than in the web request.

    PDF and HTML files are: pypdf on a hostile PDF, and the HTML extractor on a large page, can
    run far longer than a request may. A text file is decoded in the request (a 5 MB file in a
    fraction of a second) so the editor sees its document at once. What is cheap to refuse is
    refused here, with the same messages as ``read_bytes``: an empty file, an unsupported
    type, a ".pdf" that is not a PDF, an ".html" that is not text.
    """
    suffix = _suffix(filename)
    if not data:
        raise RejectedDocument(f"{filename} is empty.")
    if suffix in PDF_SUFFIXES:
        if not data.lstrip()[:5].startswith(b"%PDF"):
            raise RejectedDocument(f"{filename} is not a PDF file.")
        return True
    if suffix in HTML_SUFFIXES:
        decode_text(data, filename=filename)
        return True
    if suffix in TEXT_SUFFIXES or not suffix:
        return False
    raise RejectedDocument(
        f"{filename}: unsupported file type {suffix}; upload .txt, .html or .pdf."
    )


def read_bytes(data: bytes, *, filename: str) -> ReadText:
    """Read an upload by its file name's suffix; raises RejectedDocument with a reason."""
    suffix = _suffix(filename)
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
    wide = _wide_encoding_without_bom(data)
    if wide:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError:
            text = ""
        if text and _plausible(text):
            return text
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


def _wide_encoding_without_bom(data: bytes) -> str:
    """UTF-16 or UTF-32 saved without a byte-order mark, told by where its NUL bytes fall.

    Latin letters, digits, spaces and punctuation, in UTF-16, are a byte and a NUL (the NUL
    second in little-endian, first in big-endian), and in UTF-32 a byte and three NULs; so in
    such a file NULs fill one position of each pair (or three of each four) and never the
    other. Binary data has NULs anywhere; UTF-8 and the 8-bit encodings have none.
    """
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample or len(data) % 2:
        return ""

    def nul_share(start: int, step: int) -> float:
        chunk = sample[start::step]
        return chunk.count(0) / len(chunk)

    if len(data) % 4 == 0:
        quarter = [nul_share(i, 4) for i in range(4)]
        if quarter[0] < 0.02 and min(quarter[2], quarter[3]) > 0.98:
            return "utf-32-le"
        if quarter[3] < 0.02 and min(quarter[0], quarter[1]) > 0.98:
            return "utf-32-be"
    even, odd = nul_share(0, 2), nul_share(1, 2)
    if even < 0.02 and odd >= 0.3:
        return "utf-16-le"
    if odd < 0.02 and even >= 0.3:
        return "utf-16-be"
    return ""


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
    refused, and so is a PDF past the limits of ``pdf_limits`` (pages, decompressed size,
    drawing operators, text, time). Runs in a worker, never in a web request: a PDF of a
    hundred kilobytes can take minutes to read without the limits."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise RejectedDocument(f"{filename} is not a PDF file.")
    limits = pdf_limits()
    try:
        with pdf_configuration(limits):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise RejectedDocument(f"{filename} is encrypted; upload an unprotected copy.")
            text = reflow_pages(_pdf_pages(reader, filename=filename, limits=limits))
            title = (reader.metadata.title or "") if reader.metadata else ""
    except RejectedDocument:
        raise
    except LimitReachedError as error:
        logger.info("PDF %s past a pypdf limit: %s", filename, error)
        raise RejectedDocument(
            f"{filename} was not read: its content is too large or too complex to extract "
            f"(a page decompresses to more than {limits.stream_bytes // 1_000_000} MB or holds "
            "too many drawing commands). Save it again as a plain PDF, or paste its text."
        ) from error
    except PdfReadError as error:
        raise RejectedDocument(f"{filename} could not be read as a PDF ({error}).") from error
    except Exception as error:  # pypdf raises many kinds of error on damaged files
        if isinstance(error, SoftTimeLimitExceeded):
            raise  # the task's time limit: the task reports it
        logger.info("unreadable PDF %s: %r", filename, error)
        raise RejectedDocument(f"{filename} is damaged and could not be read as a PDF.") from error
    if not text.strip():
        raise RejectedDocument(f"{filename} has no text layer (a scanned image?).")
    return ReadText(text=text, title=str(title))


@dataclass(frozen=True)
class PdfLimits:
    pages: int
    stream_bytes: int
    operators: int
    text_chars: int
    seconds: float


def pdf_limits() -> PdfLimits:
    """The limits of one PDF reading, from the settings.

    ``stream_bytes`` and ``operators`` bound each content stream inside pypdf (its defaults,
    75 MB and 2 million, let one page take ten seconds and more); ``seconds`` is checked between
    pages, and the worker's soft time limit stops a single page that runs past it.
    """
    return PdfLimits(
        pages=settings.INGEST_PDF_MAX_PAGES,
        stream_bytes=settings.INGEST_PDF_MAX_STREAM_BYTES,
        operators=settings.INGEST_PDF_MAX_OPERATORS,
        text_chars=settings.INGEST_MAX_UPLOAD_BYTES,
        seconds=settings.INGEST_READ_SECONDS,
    )


def pdf_configuration(limits: PdfLimits):
    """pypdf's decompression and parsing limits for one reading (a context manager)."""
    from pypdf import apply_configuration

    size = limits.stream_bytes
    return apply_configuration(
        zlib_maximum_output_length=size,
        lzw_maximum_output_length=size,
        run_length_maximum_output_length=size,
        brotli_maximum_output_length=size,
        jbig2_maximum_output_length=size,
        array_based_stream_maximum_output_length=size,
        image_maximum_buffer_size=size,
        stream_decoding_work_maximum_length=4 * size,
        stream_parsing_work_maximum_count=limits.operators,
    )


def _pdf_pages(reader, *, filename: str, limits: PdfLimits) -> list[str]:
    """The text of each page, refusing a PDF with too many pages, too much text or too slow."""
    count = len(reader.pages)
    if count > limits.pages:
        raise RejectedDocument(
            f"{filename} has {count} pages; the limit is {limits.pages}. "
            "Split it, or upload the pages with the statements."
        )
    deadline = time.monotonic() + limits.seconds
    pages, total = [], 0
    for number, page in enumerate(reader.pages, start=1):
        if time.monotonic() > deadline:
            raise RejectedDocument(
                f"{filename} was not read: reading it took longer than {limits.seconds:g} "
                f"seconds (stopped at page {number} of {count}). Save it again as a plain PDF, "
                "or paste its text.",
                transient=True,
            )
        pages.append(page.extract_text() or "")
        total += len(pages[-1])
        if total > limits.text_chars:
            raise RejectedDocument(
                f"{filename} holds more than {limits.text_chars:,} characters of text; "
                "upload the part with the statements."
            )
    return pages


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
