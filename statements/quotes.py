"""The speaker's own words in a statement's sentence, and the framing around them.

A statement keeps two spans (see ``Statement.words``): the sentence, ``text`` (offsets
``start``-``end`` in its document), and inside it the speaker's own words, as offsets into
the same document. The words are read out of the statement's own text (offsets less
``start``), so no page needs the document's text to quote them. Quotation marks enclose only
these words; the rest of the sentence (who said it, "stated", the reporter's clauses) is the
framing, shown as context.
"""

from __future__ import annotations

from collections.abc import Sequence

GAP = " … "
ELLIPSIS = "…"
# What is left of a framing that says nothing: quotation marks, punctuation and spaces.
_EMPTY_FRAMING = set("\"'“”‘’«»…,.;:!?-–— \t\n\r\u00a0")


def _spans(text: str, start: int, words: Sequence) -> list[tuple[int, int]]:
    """The words' spans as offsets into ``text``; none when any does not fit in it (an editor
    rewrote the sentence, say), so that nothing is ever quoted from the wrong place."""
    spans = []
    for span in words or ():
        try:
            s, e = int(span[0]) - start, int(span[1]) - start
        except (TypeError, ValueError, IndexError):
            return []
        if not 0 <= s < e <= len(text):
            return []
        spans.append((s, e))
    return sorted(spans)


def own_words(text: str, start: int, words: Sequence) -> str:
    """The speaker's own words, parts joined by an ellipsis; "" when they are not known."""
    return GAP.join(text[s:e].strip() for s, e in _spans(text, start, words)).strip()


def framing(text: str, start: int, words: Sequence) -> str:
    """The sentence with the speaker's words left out (each part an ellipsis): the journalist's
    framing, e.g. ``Asif stated, "…"``. "" when there is no framing to show: the words are the
    whole sentence, or they are not known."""
    spans = _spans(text, start, words)
    if not spans:
        return ""
    parts, cursor = [], 0
    for s, e in spans:
        if s < cursor:
            continue
        parts += [text[cursor:s], ELLIPSIS]
        cursor = e
    parts.append(text[cursor:])
    framed = " ".join("".join(parts).split())
    if set(framed) <= _EMPTY_FRAMING:
        return ""
    return framed


def quotation(text: str, start: int, words: Sequence, direct: bool) -> tuple[str, str]:
    """(what goes inside quotation marks, the framing as context) for a direct quotation; for
    reported speech, or when the words are not known, ("", "")."""
    if not direct:
        return "", ""
    said = own_words(text, start, words)
    if not said:
        return "", ""
    return said, framing(text, start, words)
