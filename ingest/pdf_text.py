"""Reflow the text layer of a PDF into paragraphs, so a PDF reads like the same article as .txt.

A PDF's text layer has one line per printed line. ``reflow_pages`` takes pypdf's text of each
page and returns plain text with paragraphs separated by a blank line ("\\n\\n"):

* Page furniture is dropped, looking only at the first and last ``EDGE_LINES`` lines of each
  page: bare page numbers ("3", "Page 3 of 7", "- 3 -", "3/7"), the date/URL lines a browser
  prints ("12/05/2024, 10:31 Page title", "https://…  1/3") and running headers and footers
  (a line that, with its digits ignored, sits at the edge of at least half the pages, two or
  more).
* Lines are joined into paragraphs; the page break is an ordinary line break. A paragraph ends
  at a blank line, an indented line, a short line that ends a sentence, or a title line (short,
  capitalised, no closing punctuation, the next line not starting in lower case); "short" is
  under ``SHORT_LINE`` of the document's usual width (its 80th-percentile line length).
  A list item ("•", "-", "1.", "a)") starts its own line; a transcript turn label
  ("MR PRICE:", "QUESTION:", "Q:", "MS. NULAND:") starts a new paragraph.
* A word broken at a line end is mended by ``join_hyphenated``, whose rule is documented there.
"""

from __future__ import annotations

import re
from collections import Counter

EDGE_LINES = 3  # lines at the top and at the bottom of a page that may be furniture
SHORT_LINE = 0.75  # a line shorter than this share of the usual width ends its paragraph
# Prefixes written with a hyphen ("counter-terrorism"); the short ones also begin plain words
# ("pro-vince", "ex-plained"), so for them the hyphen stays only before a word seen alone.
PREFIXES = {"counter", "anti", "self", "pro", "non", "ex", "post", "pre", "cross", "well"}
SHORT_PREFIXES = {"pro", "non", "ex", "pre"}
# Word endings that never stand after a prefix's hyphen ("cross-\ning" is "crossing").
SUFFIXES = {"ing", "ings", "ed", "er", "ers", "ly", "ment", "ments", "ness", "ish", "ity"}

_PAGE_NUMBER = re.compile(
    r"(?i)^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$"
)
_BROWSER_LINE = re.compile(
    r"(?i)^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?\b"  # date, time, title
    r"|^(?:https?://|www\.)\S+(?:\s+\d{1,4}\s*/\s*\d{1,4})?$"  # the page's address
    r"|^.{0,120}\s(?:https?://)\S+\s+\d{1,4}\s*/\s*\d{1,4}$"  # title, address and counter
)
_SYMBOL_BULLET = re.compile(r"^[•●▪◦‣·■□➢►]\s*")
_OTHER_BULLET = re.compile(r"^(?:[-–—*]\s+|\(?(?:\d{1,2}|[a-z])[.)]\s+)")
_TURN_LABEL = re.compile(
    r"^(?:(?:MRS?|MS|DR)\.?\s+[A-Z][A-Za-z'’-]+"  # MR PRICE, Ms. Nuland
    r"|[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3}"  # QUESTION, SECRETARY BLINKEN
    r"|Q|A|Question|Answer):(?:\s|$)"
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_LIST_LEAD = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_ANY_END = re.compile(r"[.!?…:;,\"'”’)\]]$")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_BROKEN_WORD = re.compile(r"([^\W\d_]+)[-\u00ad]\n\s*([^\W\d_]+)")


def reflow_pages(pages: list[str]) -> str:
    """Return the pages' text as paragraphs separated by "\\n\\n", furniture dropped."""
    lines = [line for page in _without_furniture(pages) for line in page]
    vocabulary = _vocabulary("\n".join(lines))
    widths = sorted(len(line) for line in lines if line.strip())
    width = widths[int(0.8 * (len(widths) - 1))] if widths else 0
    out = ""
    previous = ""  # the last non-blank line
    for raw in lines:
        line = re.sub(r"\s+", " ", raw.strip())
        if not line:
            out = out.rstrip() + "\n\n" if out else out
            previous = ""
            continue
        separator = _separator(previous, raw, width) if previous else ""
        if separator == " " and _ends_broken_word(previous):
            out = _mend(out, line, vocabulary)
        else:
            out += separator + line
        previous = raw
    return re.sub(r"\n{3,}", "\n\n", out).strip()


def _separator(previous: str, raw: str, width: int) -> str:
    """What goes between two consecutive lines: a space, "\\n" or "\\n\\n"."""
    before, line = previous.strip(), raw.strip()
    if _SYMBOL_BULLET.match(line) or (
        _OTHER_BULLET.match(line) and (_LIST_LEAD.search(before) or _is_list_item(before))
    ):
        return "\n"
    if _TURN_LABEL.match(line) or (raw[:1].isspace() and not previous[:1].isspace()):
        return "\n\n"
    short = len(before) < SHORT_LINE * width
    if short and _SENTENCE_END.search(before):
        return "\n\n"
    if short and not _ANY_END.search(before) and before[:1].isupper() and not line[:1].islower():
        return "\n\n"  # a title or heading: capitalised, unpunctuated, a capital after it
    return " "


def _is_list_item(line: str) -> bool:
    return bool(_SYMBOL_BULLET.match(line) or _OTHER_BULLET.match(line))


def _ends_broken_word(line: str) -> bool:
    return bool(re.search(r"[^\W_][-\u00ad]$", line.strip()))


def _mend(out: str, line: str, vocabulary: Counter[str]) -> str:
    """Append ``line`` to ``out``, which ends with a word broken by a hyphen."""
    head = re.search(r"([^\W\d_]+)[-\u00ad]$", out)
    tail = _WORD.match(line)
    if head is None or tail is None:
        return out + line
    first, second = head.group(1), re.split(r"[-'’]", tail.group(0))[0]
    keep = out.endswith("-") and join_hyphenated(first, second, vocabulary)
    return out[: head.end(1)] + ("-" if keep else "") + line


def join_hyphenated(first: str, second: str, vocabulary: Counter[str]) -> bool:
    """Whether "first-" at a line end and "second" on the next line keep their hyphen.

    In order, the first rule that applies decides:

    1. ``second`` starts with a capital ("anti-\\nAmerican"): keep the hyphen.
    2. The document has "first-second" elsewhere: keep; it has "firstsecond": drop.
    3. ``first`` is a known prefix (counter, anti, self, pro, non, ex, post, pre, cross, well)
       and ``second`` is not a bare word ending (ing, ed, ment…): keep, except that after the
       short prefixes pro, non, ex, pre ``second`` must also appear alone in the document.
    4. Both parts appear as words on their own in the document ("high-\\nlevel"): keep.
    5. Otherwise they are pieces of one word ("govern-\\nment"): drop the hyphen.

    ``vocabulary`` counts the document's lower-cased words, broken words left out.
    """
    low_first, low_second = first.lower(), second.lower()
    if second[:1].isupper():
        return True
    if vocabulary[f"{low_first}-{low_second}"]:
        return True
    if vocabulary[low_first + low_second]:
        return False
    if low_first in PREFIXES and low_second not in SUFFIXES:
        return low_first not in SHORT_PREFIXES or bool(vocabulary[low_second])
    return bool(vocabulary[low_first] and vocabulary[low_second])


def _vocabulary(text: str) -> Counter[str]:
    """Lower-cased words of ``text``, leaving out words broken across lines."""
    return Counter(word.lower() for word in _WORD.findall(_BROKEN_WORD.sub(" ", text)))


def _without_furniture(pages: list[str]) -> list[list[str]]:
    """Each page's lines, without page numbers, browser lines and running headers/footers."""
    split = [[line.rstrip() for line in page.splitlines()] for page in pages]
    edges = [_edge_indexes(lines) for lines in split]
    seen: Counter[str] = Counter()
    for lines, indexes in zip(split, edges, strict=True):
        seen.update({_key(lines[i]) for i in indexes})
    needed = max(2, (len(pages) + 1) // 2)
    repeated = {key for key, count in seen.items() if count >= needed}
    result = []
    for lines, indexes in zip(split, edges, strict=True):
        drop = {
            i
            for i in indexes
            if _key(lines[i]) in repeated
            or _PAGE_NUMBER.match(lines[i].strip())
            or _BROWSER_LINE.match(lines[i].strip())
        }
        result.append([line for i, line in enumerate(lines) if i not in drop])
    return result


def _edge_indexes(lines: list[str]) -> list[int]:
    """Indexes of the first and last ``EDGE_LINES`` non-blank lines of a page."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:EDGE_LINES] + filled[-EDGE_LINES:]))


def _key(line: str) -> str:
    """A line compared across pages: lower case, digits as "#", spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.lower())).strip()
