"""Regex alternations of many literal words, built as a trie so matching stays fast.

Python's ``re`` tries the branches of ``a|b|c`` one by one at every position; with hundreds
of names ("Matthew Miller|Mathew Miller|Ned Price|…") that dominates the extractor's time.
A trie shares prefixes ("M(?:a(?:tthew|thew) Miller|…)"), so each position costs a few
character tests.
"""

from __future__ import annotations

import re


def trie_alternation(words: list[str]) -> str:
    """A regex matching exactly the given literal strings (longest first at each branch)."""
    trie: dict = {}
    for word in set(words):
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # end of a word
    return _pattern(trie)


def _pattern(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    if len(branches) == 1 and not ends:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if ends else body
