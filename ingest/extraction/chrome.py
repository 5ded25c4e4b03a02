"""Site chrome: comment forms, bylines, photo credits. Masked (not deleted) so offsets hold."""

from __future__ import annotations

import re

# Whole lines that are page furniture rather than article content.
_CHROME_LINE = re.compile(
    r"(?im)^[ \t\u00a0]*(?:"
    r"please enter your (?:comment|name|email)[^\n]*"
    r"|leave a (?:reply|comment)[^\n]*"
    r"|cancel reply"
    r"|your email address will not be published[^\n]*"
    r"|required fields are marked[^\n]*"
    r"|save my name, email[^\n]*"
    r"|(?:share|follow us|subscribe|advertisement|related(?: articles| posts)?|read more)"
    r"(?: on [^\n]{0,40})?:?"
    r"|(?:copyright|©)[^\n]{0,120}"
    r"|by"
    r"|by\s+[^\n.!?]{1,80}"
    r"|(?:our|from our|staff|special) correspondent"
    r"|(?:web|news|monitoring|online|sports) desk"
    r"|staff reporter"
    r"|(?:photo|image|file photo|photo credit)s?\s*:[^\n]{0,120}"
    r")[ \t\u00a0]*$"
)
# Credits at the end of a caption line: "… — YouTube/US Department of State", "Photo: videograb".
_CREDIT_TAIL = re.compile(
    r"(?:\s[—–-]\s*(?:YouTube|Reuters|AFP|AP|Getty|File|Twitter|X|Facebook|APP|Online|INP)\b[^\n]*"
    r"|\s(?:Photo|Image|Photograph)s?\s*:\s*[^\n]{0,80})$",
    re.M,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _blank(match: re.Match[str]) -> str:
    """Return spaces of the match's length, keeping newlines so lines stay lines."""
    return re.sub(r"[^\n]", " ", match.group(0))


_BYLINE_DATE = re.compile(
    r"(?i)(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)?,?\s*"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*,?\s+\d{4}"
)


def _blank_chrome(match: re.Match[str]) -> str:
    """Blank a chrome line, but keep a date a byline carries ("By Staff Thursday, March 6,
    2031"): it may be the page's only date."""
    line = match.group(0)
    date = _BYLINE_DATE.search(line) if re.match(r"\s*by\b", line, re.I) else None
    if date is None:
        return _blank(match)
    keep = line[date.start() :].lstrip()
    return re.sub(r"[^\n]", " ", line[: len(line) - len(keep)]) + keep


def mask_chrome(text: str) -> str:
    """Take the document text and return a same-length copy with chrome replaced by spaces.

    Control characters are blanked too so later regexes see plain text.
    """
    view = _CONTROL.sub(" ", text)
    view = _CHROME_LINE.sub(_blank_chrome, view)
    return _CREDIT_TAIL.sub(_blank, view)
