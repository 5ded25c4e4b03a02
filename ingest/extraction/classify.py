"""Pledge or not, topics, and whether a statement is about Pakistan."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from .officials import DATA
from .patterns import trie_alternation

# Actions a speaker commits to ("will continue", "are going to keep working", "will root out").
_ACTION = (
    r"continue|keep|work|support|help|assist|provide|stand|remain|strengthen|deepen|expand"
    r"|enhance|cooperate|partner|increase|bolster|step\s+up|intensify|root\s+out|eliminate"
    r"|destroy|defeat|expose|pursue|bring|take|ensure|retaliate|respond|resolve|fight|combat"
    r"|counter|crush|wipe\s+out|hunt|punish|extend|offer|deliver|sustain|maintain|protect"
    r"|safeguard|defend|act|hold|go\s+after|dismantle|engage|seek|raise|press|spare|never"
    r"|uproot|eradicate|tackle|confront|chase|track|deny|allow|permit|tolerate|give|grant"
    r"|let|hesitate|share|reach|follow|leave|reopen|resume|restore|review|investigate"
    r"|prosecute|avenge|do|spare|forgive|stop|back|collaborate|facilitate|implement|fulfil+"
    r"|secure|prevent|avert|persist|redouble"
)
# "will be resumed", "will be denied space", "will not be spared": a commitment in the passive,
# unless the participle only forecasts or schedules ("will be held", "will be needed").
_PASSIVE_PLEDGE = (
    r"(?:will|would|shall)\s+(?:not\s+|never\s+|also\s+|soon\s+)*be\s+"
    r"(?!(?:held|expected|needed|required|affected|seen|known|considered|discussed|decided"
    r"|announced|published|released|reported|completed|higher|lower|difficult|able|used)\b)"
    r"(?:[a-z]+ed|brought|taken|given|dealt|forgiven|held\s+accountable|hunted|made)\b"
)
_PLEDGE = re.compile(
    rf"\b(?:(?:will|would|shall|'ll|’ll)\s+(?:not\s+|never\s+|also\s+|further\s+|always\s+"
    rf"|continue\s+to\s+|keep\s+(?:on\s+)?|be\s+able\s+to\s+)*(?:{_ACTION})\b"
    rf"|won'?t\s+(?:allow|permit|tolerate|give|spare)|(?:going|gonna)\s+to\s+(?:also\s+)?"
    rf"(?:{_ACTION})\b|is\s+going\s+to\s+be\s+(?:carried|continued|pursued)"
    r"|want(?:s|ed)?\s+to\s+(?:continue|work|keep|support|help|partner|cooperate)"
    r"|continu(?:e|es|ing)\s+to\s+(?:work|support|assist|cooperate|help|partner|engage"
    r"|collaborate|stand|provide|discuss|strengthen|deepen|pursue|fight|combat|counter|extend"
    r"|offer|do\s+(?:our|its|their|everything))\b"
    r"|(?:stands?|are|is|am|remain|remains)\s+(?:\w+\s+)?(?:ready|prepared|willing|determined"
    r"|resolved|committed)\s+to|remains?\s+committed|committed\s+to|commitment\s+to"
    r"|agreed|agreeing|agree\s+to|intention\s+to|intends?\s+to|is\s+out\s+to"
    r"|pledg(?:es|ed|ing)\b|pledge\s+(?:to|our|its|their|his|her|full|continued)"
    r"|vow(?:s|ed)?|promis(?:e|es|ed)\b|resolved\s+to|determined\s+to|resolve\s+to"
    r"|reiterat(?:e|ed|es|ing)\s+(?:[\w’']+\s+){0,3}(?:support|commitment|resolve|pledge)"
    r"|reaffirm(?:s|ed|ing)?\s+(?:[\w’']+\s+){0,3}(?:support|commitment|resolve|pledge)"
    r"|assurances?\s+(?:of|to)\s+(?:\w+\s+)?(?:support|extend|provide|help)|ongoing\s+support"
    r"|continued\s+support|(?:resolute|unwavering|steadfast|full|continued)\s+support\s+for"
    r"|looking\s+to\s+(?:work|cooperate|partner)|look(?:s|ing)?\s+forward\s+to\s+(?:cooperat"
    r"|work|continu|partner|deepen|strengthen|further)|seek(?:s|ing)?\s+(?:a\s+)?(?:\w+\s+)?"
    r"partnership|no\s+way\s+(?:we|I)\s*(?:'re|’re|are|'m|am)?\s+going\s+to\s+allow"
    r"|no\s+question\s+of\s+giving|refused\s+to\s+give"
    r"|assur(?:e|es|ed|ing)\s+(?:\w+\s+){0,3}?(?:of|that)\b|offer(?:ed|s)?\s+to\s+(?:help|assist"
    r"|support)|offer(?:ed|s|ing)?\s+(?:[\w’']+\s+){0,3}?(?:support|assistance|help)\b"
    r"|announc(?:e|ed|es|ing)\s+(?:[\w’'$.,]+\s+){0,5}?(?:funding|aid|assistance|grant|package)\b"
    r"|tasked\s+to|determination\s+to|desire\s+to\s+(?:work|continue|strengthen"
    r"|deepen|cooperate|expand|enhance)|warn\w*\s+(?:\S+\s+){0,5}?of\s+(?:\w+\s+)?(?:retaliation"
    r"|response|consequences)"
    rf"|{_PASSIVE_PLEDGE})",
    re.I,
)
# Someone else's pledge reported by the speaker is not the speaker's ("Pakistan's pledge").
_OTHERS_PLEDGE = re.compile(r"(?:'s|’s)\s+(?:\w+\s+)?(?:pledge|commitment|promise)", re.I)
# "… said Pakistan had pledged to act": a pledge made before, reported in the past perfect.
_REPORTED_PLEDGE = re.compile(r"\bhad\s+(?:\w+ly\s+|also\s+)?$", re.I)
# Evaluations and stressing importance are not commitments, even with "will" in them.
_NOT_PLEDGE = re.compile(
    r"\b(?:importance\s+of|recogni[sz]e[sd]?\s+that|important\s+to|need\s+(?:for|to))\b"
    r"|\b(?:will|would)\s+not\s+work\b(?!\s+(?:with|together|to))",
    re.I,
)
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")
_PAKISTAN = re.compile(
    r"\b(?:Pakistan\w*|Islamabad|Rawalpindi|Karachi|Lahore|Peshawar|Quetta|Balochistan"
    r"|Khyber\s+Pakhtunkhwa|KP|Waziristan|TTP|Tehr[ie]e?k-[ie]-Taliban|BLA|ISPR)\b",
    re.I,
)


def is_pledge(text: str, nominal_assurance: bool = False) -> bool:
    """Return True when ``text`` commits to or reaffirms future action or support.

    ``nominal_assurance`` marks "assurances from X that …" clauses, which are X's pledge.
    """
    if nominal_assurance:
        return True
    # Each sentence on its own: "we need to …" in one does not undo "we will …" in another.
    for sentence in _SENTENCE.findall(text):
        if _NOT_PLEDGE.search(sentence):
            continue
        for m in _PLEDGE.finditer(sentence):
            if _OTHERS_PLEDGE.match(sentence, max(0, m.start() - 3)):
                continue
            if not _REPORTED_PLEDGE.search(sentence, max(0, m.start() - 20), m.start()):
                return True
    return False


@lru_cache(maxsize=1)
def _topic_cues() -> tuple[re.Pattern[str], dict[str, list[str]], list[str]]:
    """Load the topic vocabulary (label -> cues) from data/topics.json as one regex.

    A cue matches at the start of a word, never inside one ("ied " is the counter-IED cue,
    not the ending of "intensified"); a cue written as a stem ("cooperat") takes any ending.
    All cues form one trie, read once per text; a match also stands for every shorter cue it
    begins with, so no label is lost where cues of two labels share a start. Returns the regex,
    the labels each matched cue stands for, and the labels in vocabulary order.
    """
    raw = json.loads((DATA / "topics.json").read_text(encoding="utf-8"))
    cues = {c.lower() for found in raw.values() for c in found}
    labels = {
        cue: [
            label for label, found in raw.items() if any(cue.startswith(c.lower()) for c in found)
        ]
        for cue in cues
    }
    # a lookahead, so that a cue starting inside another's match ("terror" in
    # "counter-terrorism") is still read
    pattern = re.compile(r"(?<![a-z0-9])(?=(" + trie_alternation(sorted(cues)) + "))")
    return pattern, labels, list(raw)


def topics(text: str) -> list[str]:
    """Return the topic labels whose cue words occur in ``text`` (vocabulary order)."""
    pattern, labels, order = _topic_cues()
    low = text.lower().replace("’", "'")
    found = {label for m in pattern.finditer(low) for label in labels[m.group(1)]}
    return [label for label in order if label in found]


def about_pakistan(text: str, context: str = "") -> bool:
    """Tell whether a statement (or the question it answers) concerns Pakistan."""
    return bool(_PAKISTAN.search(text) or (context and _PAKISTAN.search(context)))
