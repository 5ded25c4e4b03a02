"""Quotation spans: curly or straight marks, paired within a unit."""

from __future__ import annotations

import re

_OPENERS = "“\u201e"
_CLOSER = "”"


def quote_spans(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return (open_mark, close_mark + 1) offsets of the quotations in ``view[start:end]``.

    Curly quotes pair by direction, straight quotes alternate; an unclosed quotation runs to
    ``end`` so a quote continuing into the next paragraph is still seen.
    """
    spans: list[tuple[int, int]] = []
    opened = -1
    for i in range(start, end):
        ch = view[i]
        if ch == "\n" and opened >= 0:
            # A quotation running over a paragraph break reopens on the next paragraph.
            spans.append((opened, i))
            opened = -1
        elif ch in _OPENERS:
            opened = i
        elif ch == _CLOSER and opened >= 0:
            spans.append((opened, i + 1))
            opened = -1
        elif ch == '"':
            if opened >= 0 and view[opened] == '"':
                spans.append((opened, i + 1))
                opened = -1
            elif opened < 0:
                opened = i
    if opened >= 0 and end - opened > 2:
        spans.append((opened, end))
    return [s for s in spans if _has_words(view, s)]


def _has_words(view: str, span: tuple[int, int]) -> bool:
    """A quotation must hold at least one word to count."""
    return any(ch.isalpha() for ch in view[span[0] : span[1]])


def outside_quotes(view: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """Return ``view[start:end]`` with quoted words blanked (marks kept), same length."""
    chars = list(view[start:end])
    for qs, qe in spans:
        for k in range(max(qs + 1, start), min(qe - 1, end)):
            if chars[k - start] != "\n":
                chars[k - start] = " "
    return "".join(chars)


def quoted_share(spans: list[tuple[int, int]], start: int, end: int) -> float:
    """Return the share of ``[start, end)`` covered by quotations."""
    if end <= start:
        return 0.0
    covered = sum(min(qe, end) - max(qs, start) for qs, qe in spans if qe > start and qs < end)
    return covered / (end - start)


def unclosed_at_end(view: str, start: int, end: int) -> bool:
    """Tell whether a paragraph leaves a curly quotation open (the quote runs on)."""
    depth = 0
    for ch in view[start:end]:
        if ch in _OPENERS:
            depth = 1
        elif ch == _CLOSER:
            depth = 0
    if depth:
        return True
    return view.count('"', start, end) % 2 == 1


_DOUBLE = '“”"„‟«»'
_OPEN_BEFORE = " \t\u00a0\n([{—–-/:"
_CLOSE_AFTER = " \t\u00a0\n.,;:!?)]}—–-'’…"
_MAX_SINGLE = 400  # a single-quoted passage longer than this is not a quotation
_DOUBLE_OR_LINE = re.compile("[" + _DOUBLE + "\n]")
_ANY_MARK_OR_LINE = re.compile("[" + _DOUBLE + "‘'\n]")


def normalize_quotes(view: str) -> str:
    """Return a same-length copy with every quotation mark written in its real direction.

    Copy is inconsistent: reversed curly marks (”…“), straight marks, low marks („) and
    single marks used as quotation marks (‘war on terror’). Each double mark's direction is
    read from its neighbours (a space before and a letter after opens; a letter before and a
    space or punctuation after closes); ambiguous marks keep their glyph's direction, straight
    ones alternate. A single mark pair becomes a double pair only when it opens after a space
    and closes before a space or punctuation within the paragraph (apostrophes stay).
    """
    chars = list(view)
    n = len(chars)
    inside = False
    for mark in _DOUBLE_OR_LINE.finditer(view):  # only marks and line ends matter
        i, ch = mark.start(), mark.group(0)
        if ch == "\n":
            inside = False
            continue
        prev = chars[i - 1] if i > 0 else "\n"
        nxt = chars[i + 1] if i + 1 < n else "\n"
        opens = prev in _OPEN_BEFORE and nxt not in " \t\u00a0\n"
        closes = prev not in " \t\u00a0\n" and (nxt in _CLOSE_AFTER or nxt in _DOUBLE)
        if opens and not closes:
            inside = True
        elif closes and not opens:
            inside = False
        elif ch in "“„‟«":
            inside = True
        elif ch in "”»":
            inside = False
        else:
            inside = not inside
        chars[i] = "“" if inside else "”"
    _singles(view, chars)
    return "".join(chars)


def _singles(view: str, chars: list[str]) -> None:
    """Turn ‘…’ and '…' pairs used as quotation marks into double marks, in place; a single
    pair inside a double quotation is a quotation within the quotation and stays as it is."""
    n = len(view)
    inside = False
    after = -1  # marks up to a converted closing mark are already read
    for mark in _ANY_MARK_OR_LINE.finditer(view):
        i = mark.start()
        if i < after:
            continue
        ch = view[i]
        if chars[i] == "“":
            inside = True
        elif chars[i] == "”" or ch == "\n":
            inside = False
        if (
            not inside
            and ch in "‘'"
            and (i == 0 or view[i - 1] in _OPEN_BEFORE)
            and i + 1 < n
            and view[i + 1].isalpha()
        ):
            stop = _single_close(view, i + 1, min(n, i + _MAX_SINGLE))
            if stop is not None:
                chars[i], chars[stop] = "“", "”"
                after = stop + 1


def _single_close(view: str, start: int, limit: int) -> int | None:
    """The closing single mark of a quotation opened before ``start``, or None."""
    for j in range(start, limit):
        ch = view[j]
        if ch == "\n" or ch in '‘“”"':
            return None
        if ch in "’'" and view[j - 1] not in " \t\u00a0":
            nxt = view[j + 1] if j + 1 < len(view) else "\n"
            if nxt in _CLOSE_AFTER and not (
                view[j - 1] in "sS" and nxt == " " and _plural_possessive(view, j)
            ):
                return j
    return None


def _plural_possessive(view: str, j: int) -> bool:
    """ "the militants’ hideouts": an apostrophe after a plural s followed by a lower-case noun."""
    k = j + 2
    return k < len(view) and view[k].islower()
